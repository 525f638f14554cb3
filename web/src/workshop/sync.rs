//! Sending a participant's queued answers, in order, one at a time, while the page is
//! open: every few hundred milliseconds the queue is read from the browser's storage
//! (another tab may have added to it) and its head sent. A lost connection stops the
//! round; the next one tries again, with the same idempotency key.

use super::api::AnswerRow;
use super::model::Msg;
use super::net::{self, Failure};
use super::outbox::{Outbox, Pending};
use super::Ctx;
use crate::dom::BrowserStore;
use crate::i18n::Pick;
use std::cell::Cell;
use std::rc::Rc;

/// How long to wait between two rounds, in milliseconds.
const ROUND_MS: i32 = 300;

/// A name for this browser in idempotency keys.
pub fn device_name() -> String {
    format!(
        "d{:08x}",
        (js_sys::Math::random() * f64::from(u32::MAX)) as u32
    )
}

/// The queue of this participant, as stored.
pub fn stored(key: &str) -> Outbox {
    Outbox::load(&BrowserStore::open(), key, device_name)
}

/// Changes the stored queue and shows it; a store that refuses is told.
pub fn change(ctx: &Ctx, key: &str, edit: impl FnOnce(&mut Outbox)) {
    let mut o = stored(key);
    edit(&mut o);
    let saved = o.save(&mut BrowserStore::open(), key);
    if let Err(e) = saved {
        let l = ctx.lang;
        ctx.dispatch.dispatch(Msg::Problem(Some(format!(
            "{} ({e})",
            l.pick(
                "Le navigateur refuse de garder cette réponse",
                "The browser refuses to keep this answer"
            )
        ))));
    }
    ctx.dispatch.dispatch(Msg::Outbox(o));
}

/// Sends the queue of `participant` in `session` until `alive` turns false.
pub fn keep_sending(ctx: &Ctx, session: &str, participant: &str, alive: Rc<Cell<bool>>) {
    let key = Outbox::key(session, participant);
    let path = format!("/api/sessions/{session}/answers");
    let ctx = ctx.clone();
    wasm_bindgen_futures::spawn_local(async move {
        ctx.dispatch.dispatch(Msg::Outbox(stored(&key)));
        while alive.get() {
            while alive.get() && send_head(&ctx, &key, &path).await {}
            net::sleep(ROUND_MS).await;
        }
    });
}

/// Sends the head of the queue; true when the next one can follow at once.
async fn send_head(ctx: &Ctx, key: &str, path: &str) -> bool {
    let Some(head) = stored(key).head().cloned() else {
        return false;
    };
    let body = net::Body::new()
        .with("criterion", &head.criterion)
        .with("level", &head.level)
        .with("target", &head.target)
        .with("evidence", &head.evidence)
        .with("base_version", &head.base_version)
        .with("idempotency_key", &head.idempotency_key);
    ctx.dispatch.dispatch(Msg::Sending(true));
    let sent: Result<AnswerRow, Failure> = net::json("PUT", path, &ctx.token, Some(&body)).await;
    ctx.dispatch.dispatch(Msg::Sending(false));
    match sent {
        Ok(stored) => change(ctx, key, |o| o.acknowledged(stored.version)),
        Err(Failure::Network) | Err(Failure::Refused(401 | 403, _)) => return false,
        Err(Failure::Refused(409, r)) if r.code == "stale-version" => {
            change(ctx, key, |o| o.stale(r.current.as_ref()));
        }
        Err(Failure::Refused(_, r)) => {
            change(ctx, key, |o| {
                o.refused();
            });
            not_kept(ctx, &head, &r.message);
        }
    }
    true
}

fn not_kept(ctx: &Ctx, head: &Pending, why: &str) {
    let l = ctx.lang;
    let what = l.pick("Réponse non enregistrée", "Answer not recorded");
    ctx.dispatch.dispatch(Msg::Problem(Some(format!(
        "{what} ({}){} {why}",
        head.criterion,
        l.colon()
    ))));
}
