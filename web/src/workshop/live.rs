//! The session's live events, read with `fetch` and a `ReadableStream` (an
//! `EventSource` cannot send the `Authorization` header). When the stream breaks it is
//! opened again with `Last-Event-ID`, so the server first sends what was missed.

use super::net::{self, Failure};
use super::sse::SseParser;
use std::cell::Cell;
use std::rc::Rc;
use wasm_bindgen::JsCast;
use yew::Callback;

/// What the stream tells the page.
#[derive(Debug, Clone, PartialEq)]
pub enum Signal {
    /// The stream is open (again): what was missed may have changed anything.
    Connected,
    /// The stream broke: the server is out of reach for now.
    Lost,
    /// An event (its name: `answer`, `phase`, `join`…).
    Event(String),
    /// The link was refused (revoked): the stream is not opened again.
    Refused(String),
}

/// The longest wait between two attempts to reconnect, in milliseconds.
const MAX_WAIT_MS: i32 = 2000;

/// Follows the events of `session` until `alive` turns false.
pub fn follow(session: String, token: String, alive: Rc<Cell<bool>>, on: Callback<Signal>) {
    wasm_bindgen_futures::spawn_local(async move {
        let mut last: Option<String> = None;
        let mut wait = 250;
        while alive.get() {
            match open(&session, &token, last.as_deref()).await {
                Ok(reader) => {
                    on.emit(Signal::Connected);
                    wait = 250;
                    read_all(&reader, &mut last, &alive, &on).await;
                    let _ = reader.cancel();
                }
                Err(Failure::Refused(_, r)) => {
                    on.emit(Signal::Refused(r.message));
                    return;
                }
                Err(Failure::Network) => {}
            }
            if !alive.get() {
                return;
            }
            on.emit(Signal::Lost);
            net::sleep(wait).await;
            wait = (wait * 2).min(MAX_WAIT_MS);
        }
    });
}

async fn open(
    session: &str,
    token: &str,
    last: Option<&str>,
) -> Result<web_sys::ReadableStreamDefaultReader, Failure> {
    let mut extra = vec![("Accept", "text/event-stream")];
    if let Some(id) = last {
        extra.push(("Last-Event-ID", id));
    }
    let path = format!("/api/sessions/{session}/events");
    let response = net::send("GET", &path, token, None, &extra).await?;
    if !response.ok() {
        let status = response.status();
        let text = net::text_of(&response).await.unwrap_or_default();
        return Err(Failure::Refused(status, super::api::refusal(status, &text)));
    }
    let body = response.body().ok_or(Failure::Network)?;
    Ok(body.get_reader().unchecked_into())
}

async fn read_all(
    reader: &web_sys::ReadableStreamDefaultReader,
    last: &mut Option<String>,
    alive: &Cell<bool>,
    on: &Callback<Signal>,
) {
    let mut parser = SseParser::default();
    while alive.get() {
        let Some(chunk) = net::next_chunk(reader).await else {
            return;
        };
        for event in parser.push(&chunk) {
            if event.id.is_some() {
                *last = event.id.clone();
            }
            on.emit(Signal::Event(event.event));
        }
    }
}
