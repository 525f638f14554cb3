//! The documented limits (see `server/README.md`), each refused with a 4xx that says which.

use crate::error::ApiError;

/// Largest JSON body.
pub const JSON_BODY: usize = 64 * 1024;
/// Largest grid upload.
pub const GRID_BODY: usize = 2 * 1024 * 1024;
/// Most participants in one session.
pub const PARTICIPANTS: i64 = 500;
/// Longest evidence or note, in characters.
pub const NOTE_CHARS: usize = 4000;
/// Longest name, role label or title, in characters.
pub const NAME_CHARS: usize = 100;
/// Longest idempotency key, in characters.
pub const KEY_CHARS: usize = 100;

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
