//! The engine's checks of what a request holds (an answer, a profile), as 422s naming the field.

use crate::error::{ApiError, ApiResult};
use domino_engine::{Answer, Assessment, Diagnostic, Grid};
use serde_json::json;
use std::collections::BTreeMap;

/// Checks one answer with the engine; its first error becomes a 422 naming the field.
///
/// The grid is fetched before the write's transaction opens: on SQLite the store has
/// one connection, which the transaction holds, so fetching an uploaded grid that
/// is not cached yet from inside it would wait for a second connection.
pub fn check_with_engine(grid: &Grid, criterion: &str, answer: Answer) -> ApiResult<()> {
    let mut assessment = Assessment::default();
    assessment.meta.grid = grid.id.clone();
    assessment.answers.insert(criterion.to_string(), answer);
    let Err(diags) = grid.resolve(&assessment) else {
        return Ok(());
    };
    let d = diags.0.iter().find(|d| d.is_error()).unwrap_or(&diags.0[0]);
    let field = match d.path.as_deref() {
        Some(p) if p.ends_with(".level") => "level",
        Some(p) if p.ends_with(".target") => "target",
        _ => "criterion",
    };
    Err(refusal("invalid-answer", d, field))
}

/// Checks an initiative's profile against `grid`'s profile fields and their choices:
/// the first error becomes a 422 naming `profile.FIELD`, with the engine's
/// message and its did-you-mean.
pub fn check_profile(grid: &Grid, profile: &BTreeMap<String, String>) -> ApiResult<()> {
    let mut assessment = Assessment::default();
    assessment.meta.grid = grid.id.clone();
    assessment.profile = profile.clone();
    let Err(diags) = grid.resolve(&assessment) else {
        return Ok(());
    };
    let Some(d) = diags.0.iter().find(|d| d.is_error()) else {
        return Ok(());
    };
    Err(refusal(
        "invalid-profile",
        d,
        d.path.as_deref().unwrap_or("profile"),
    ))
}

/// A 422 carrying the engine's diagnostic: its message, its hint, the field at fault.
fn refusal(code: &'static str, d: &Diagnostic, field: &str) -> ApiError {
    let message = match &d.hint {
        Some(h) => format!("{}; {h}", d.message),
        None => d.message.clone(),
    };
    ApiError::invalid(code, message)
        .field(field)
        .extra(json!({ "diagnostic": d }))
}
