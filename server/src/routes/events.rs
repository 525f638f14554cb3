//! `GET /api/sessions/{id}/events`: server-sent events, each with its id; a
//! reconnecting client sends `Last-Event-ID` and first receives what it missed.
//!
//! Browsers' `EventSource` cannot send an `Authorization` header: the app reads
//! the stream with `fetch` (see server/README.md).

use super::open_session;
use crate::auth::{Access, Kind};
use crate::error::{ApiError, ApiResult};
use crate::live::Event;
use crate::store::{int, text};
use crate::App;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::sse::{self, KeepAlive, Sse};
use futures_util::stream::{self, Stream};
use std::collections::VecDeque;
use std::convert::Infallible;
use tokio::sync::broadcast::{error::RecvError, Receiver};
use tokio::time::{Duration, Instant};

/// How often an open stream checks in the database that its link still holds,
/// besides hearing at once of a revocation made by this server.
const RECHECK: Duration = Duration::from_secs(30);

/// The events of one session, from the database then live.
struct Tail {
    app: App,
    session: String,
    /// The subscriber's link: its revocation ends the stream.
    link: String,
    revoked: Receiver<String>,
    recheck: Instant,
    rx: Receiver<Event>,
    pending: VecDeque<Event>,
    last: i64,
    observer: bool,
}

/// The recorded events after `last`, in order.
async fn since(app: &App, session: &str, last: i64) -> Result<VecDeque<Event>, sqlx::Error> {
    let rows = sqlx::query(
        "SELECT seq, at, kind, payload FROM event WHERE session = $1 AND seq > $2 ORDER BY seq",
    )
    .bind(session)
    .bind(last)
    .fetch_all(&app.store.pool)
    .await?;
    Ok(rows
        .iter()
        .map(|r| Event {
            session: session.to_string(),
            id: int(r, "seq"),
            kind: text(r, "kind"),
            at: text(r, "at"),
            payload: serde_json::from_str(&text(r, "payload")).unwrap_or_default(),
        })
        .collect())
}

fn sse_event(e: &Event) -> sse::Event {
    let data = serde_json::json!({ "id": e.id, "kind": e.kind, "at": e.at, "payload": e.payload });
    sse::Event::default()
        .id(e.id.to_string())
        .event(e.kind.clone())
        .data(data.to_string())
}

impl Tail {
    /// The next event this subscriber may see, or `None` when the stream must end.
    async fn next(&mut self) -> Option<sse::Event> {
        loop {
            if let Some(e) = self.pending.pop_front() {
                if e.id <= self.last {
                    continue;
                }
                if e.id > self.last + 1 {
                    // Published out of order, or missed: the database has every committed event.
                    self.pending = since(&self.app, &self.session, self.last).await.ok()?;
                    continue;
                }
                self.last = e.id;
                if !self.observer || matches!(e.kind.as_str(), "phase" | "published") {
                    return Some(sse_event(&e));
                }
                continue;
            }
            tokio::select! {
                received = self.rx.recv() => match received {
                    Ok(e) if e.session == self.session => self.pending.push_back(e),
                    Ok(_) => {}
                    Err(RecvError::Lagged(_)) => {
                        self.pending = since(&self.app, &self.session, self.last).await.ok()?;
                    }
                    Err(RecvError::Closed) => return None,
                },
                revoked = self.revoked.recv() => match revoked {
                    Ok(link) if link == self.link => return None,
                    Ok(_) => {}
                    Err(RecvError::Lagged(_)) => self.still_valid().await?,
                    Err(RecvError::Closed) => return None,
                },
                () = tokio::time::sleep_until(self.recheck) => self.still_valid().await?,
            }
        }
    }

    /// `Some` while the link is not revoked (read from the database, which
    /// another server on the same PostgreSQL may have written).
    async fn still_valid(&mut self) -> Option<()> {
        self.recheck = Instant::now() + RECHECK;
        let row = sqlx::query("SELECT revoked_at FROM link WHERE id = $1")
            .bind(&self.link)
            .fetch_optional(&self.app.store.pool)
            .await
            .ok()??;
        crate::store::opt_text(&row, "revoked_at")
            .is_none()
            .then_some(())
    }
}

/// `GET /api/sessions/{id}/events`.
pub async fn stream(
    State(app): State<App>,
    access: Access,
    Path(id): Path<String>,
    headers: HeaderMap,
) -> ApiResult<Sse<impl Stream<Item = Result<sse::Event, Infallible>>>> {
    if access.kind == Kind::Join {
        return Err(ApiError::forbidden(
            "a join link has no events: join first, then use your own link",
        ));
    }
    let s = open_session(&app, &access, &id).await?;
    let last = match headers.get("last-event-id") {
        None => 0,
        Some(v) => v
            .to_str()
            .ok()
            .and_then(|v| v.trim().parse::<i64>().ok())
            .filter(|n| *n >= 0)
            .ok_or_else(|| {
                ApiError::bad_request(
                    "bad-last-event-id",
                    "`Last-Event-ID` must be the number of the last event received",
                )
                .field("Last-Event-ID")
            })?,
    };
    // Subscribe before reading the history, so nothing falls between the two.
    let rx = app.live.subscribe();
    let revoked = app.live.revocations();
    let pending = since(&app, &s.id, last).await?;
    let tail = Tail {
        app,
        session: s.id,
        link: access.link.clone(),
        revoked,
        recheck: Instant::now() + RECHECK,
        rx,
        pending,
        last,
        observer: access.kind == Kind::Observer,
    };
    let events = stream::unfold(
        tail,
        |mut t| async move { t.next().await.map(|e| (Ok(e), t)) },
    );
    Ok(Sse::new(events).keep_alive(KeepAlive::default()))
}
