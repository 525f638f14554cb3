//! The workshop server behind `domino serve`.
//!
//! A group assesses one practice together: a facilitator opens a session, each
//! participant rates the grid from their own phone through a personal link, the
//! group compares and agrees, and the engine's consolidated report comes out.
//! This crate is a thin shell: storage (SQLite or PostgreSQL through sqlx), HTTP
//! (axum) and live events; what people read — labels, reports, diagnostics —
//! comes from `domino-engine`. The API is described in `server/README.md`.

pub mod address;
pub mod auth;
pub mod error;
pub mod grids;
pub mod limits;
pub mod live;
pub mod qr;
mod routes;
pub mod serve;
pub mod store;
pub mod token;

pub use routes::create_workspace;
pub use serve::{run, start, ServeArgs, Started};

use std::sync::Arc;

/// What every handler shares.
#[derive(Clone)]
pub struct App {
    /// The database.
    pub store: store::Store,
    /// Live events of every session.
    pub live: live::Hub,
    /// Grids parsed once.
    pub grids: grids::GridCache,
    /// The address participants reach, for the links the server hands out.
    pub public_url: Arc<str>,
    /// Why participants' phones may not reach `public_url`, when that is so.
    pub reachable_warning: Option<Arc<str>>,
    /// Each participant's recent answer writes, for the rate limit.
    pub writes: limits::WriteRate,
}

/// The current time, RFC 3339 in UTC.
pub fn now() -> String {
    time::OffsetDateTime::now_utc()
        .format(&time::format_description::well_known::Rfc3339)
        .unwrap_or_default()
}
