//! Live events: every recorded event is also broadcast to the session's subscribers.
//!
//! Events carry who did what (a participant answered a criterion, the phase
//! changed), never levels: a subscriber fetches what its link may read. The
//! database is the history; the broadcast only wakes subscribers up.

use serde::Serialize;
use tokio::sync::broadcast;

/// One event of a session.
#[derive(Debug, Clone, Serialize)]
pub struct Event {
    /// The session.
    pub session: String,
    /// Its number in the session, from 1, with no gap.
    pub id: i64,
    /// What happened (`answer`, `phase`, `join`, …).
    pub kind: String,
    /// When.
    pub at: String,
    /// The details, without levels.
    pub payload: serde_json::Value,
}

/// The broadcast of all sessions' events.
#[derive(Clone)]
pub struct Hub {
    sender: broadcast::Sender<Event>,
    /// The ids of links revoked while the server runs: their open streams end.
    revoked: broadcast::Sender<String>,
}

impl Default for Hub {
    fn default() -> Self {
        Hub {
            sender: broadcast::channel(4096).0,
            revoked: broadcast::channel(256).0,
        }
    }
}

impl Hub {
    /// Sends an event to whoever listens (nobody is fine).
    pub fn publish(&self, event: Event) {
        let _ = self.sender.send(event);
    }

    /// Listens to every event from now on.
    pub fn subscribe(&self) -> broadcast::Receiver<Event> {
        self.sender.subscribe()
    }

    /// Tells the open streams that the link `id` was revoked.
    pub fn revoke(&self, id: &str) {
        let _ = self.revoked.send(id.to_string());
    }

    /// Listens to revocations from now on.
    pub fn revocations(&self) -> broadcast::Receiver<String> {
        self.revoked.subscribe()
    }
}
