//! The documented limits (see `server/README.md`), each refused with a 4xx that says which.

use crate::error::ApiError;
use axum::http::StatusCode;
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Instant;

/// Largest JSON body.
pub const JSON_BODY: usize = 64 * 1024;
/// Largest grid upload.
pub const GRID_BODY: usize = 2 * 1024 * 1024;
/// Largest workspace archive to import.
pub const IMPORT_BODY: usize = 32 * 1024 * 1024;
/// Most participants in one session.
pub const PARTICIPANTS: i64 = 500;
/// Longest evidence or note, in characters.
pub const NOTE_CHARS: usize = 4000;
/// Longest name, role label or title, in characters.
pub const NAME_CHARS: usize = 100;
/// Longest idempotency key, in characters.
pub const KEY_CHARS: usize = 100;

/// Answer writes one participant may send at once (an offline queue replayed on reconnect)…
pub const WRITE_BURST: u32 = 120;
/// …and per minute after that.
pub const WRITES_PER_MINUTE: u32 = 120;
/// Answer writes one participant may make in one session, in all (each write is a
/// version of an answer and an event kept in the session's history).
pub const WRITES_PER_SESSION: i64 = 3000;
/// How long an idempotency key is remembered. Past it, a replayed write meets
/// the version check instead: 409 `stale-version` with the stored answer.
pub const IDEMPOTENCY_DAYS: i64 = 7;

/// The answer writes of each participant: a bucket of [`WRITE_BURST`] writes
/// refilled at [`WRITES_PER_MINUTE`], kept in memory (a restart refills it).
#[derive(Clone, Default)]
pub struct WriteRate {
    buckets: Arc<Mutex<HashMap<String, (f64, Instant)>>>,
}

impl WriteRate {
    /// Takes one write for `who`, or refuses with 429 and when to try again.
    pub fn take(&self, who: &str) -> Result<(), ApiError> {
        self.take_at(who, Instant::now())
    }

    fn take_at(&self, who: &str, now: Instant) -> Result<(), ApiError> {
        let per_second = f64::from(WRITES_PER_MINUTE) / 60.0;
        let burst = f64::from(WRITE_BURST);
        let mut buckets = self.buckets.lock().unwrap_or_else(|e| e.into_inner());
        if buckets.len() > 10_000 {
            // Forget the full buckets: they hold nothing a fresh one would not.
            buckets.retain(|_, (tokens, at)| {
                *tokens + now.duration_since(*at).as_secs_f64() * per_second < burst
            });
        }
        let (tokens, at) = buckets.entry(who.to_string()).or_insert((burst, now));
        *tokens = (*tokens + now.duration_since(*at).as_secs_f64() * per_second).min(burst);
        *at = now;
        if *tokens >= 1.0 {
            *tokens -= 1.0;
            return Ok(());
        }
        let wait = ((1.0 - *tokens) / per_second).ceil().max(1.0);
        Err(ApiError::new(
            StatusCode::TOO_MANY_REQUESTS,
            "too-many-writes",
            format!("more than {WRITES_PER_MINUTE} answers a minute from this link: wait {wait} s and send the write again (it is not stored)"),
        )
        .extra(serde_json::json!({ "retry_after_seconds": wait })))
    }
}

/// Refuses a text longer than `max` characters, naming the field.
pub fn check_len(field: &str, value: &str, max: usize) -> Result<(), ApiError> {
    let n = value.chars().count();
    if n > max {
        return Err(ApiError::bad_request(
            "too-long",
            format!("`{field}` has {n} characters; at most {max} are accepted, shorten it"),
        )
        .field(field));
    }
    Ok(())
}

/// Refuses an empty (or blank) required text, and one over `max` characters.
pub fn check_name(field: &str, value: &str, max: usize) -> Result<(), ApiError> {
    if value.trim().is_empty() {
        return Err(
            ApiError::bad_request("empty", format!("`{field}` is empty: write something"))
                .field(field),
        );
    }
    check_len(field, value, max)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn a_burst_passes_then_writes_are_refused_until_the_bucket_refills() {
        let rate = WriteRate::default();
        let t0 = Instant::now();
        for _ in 0..WRITE_BURST {
            rate.take_at("p", t0).unwrap();
        }
        let e = rate.take_at("p", t0).unwrap_err();
        assert_eq!(
            (e.status, e.code),
            (StatusCode::TOO_MANY_REQUESTS, "too-many-writes")
        );
        rate.take_at("other", t0)
            .expect("each participant has their own bucket");
        let one_write = Duration::from_secs_f64(60.0 / f64::from(WRITES_PER_MINUTE));
        rate.take_at("p", t0 + one_write).expect("refilled");
        assert!(rate.take_at("p", t0 + one_write).is_err());
    }
}
