//! The resolved form as serde reads it: the grid's fields as `Serialize` writes them, with
//! the conditions still as text (they are compiled once the grid's names are known).

use super::{invalid, RESOLVED_FORMAT, RESOLVED_VERSION};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::grid::crosswalk::Crosswalk;
use crate::grid::model::{FindingKind, Grid, ProfileField, Recommendation, Scale, Signals};
use crate::text::Text;
use serde::{Deserialize, Serialize};

/// What [`Grid::to_resolved`] writes.
#[derive(Serialize)]
pub(super) struct EnvelopeOut<'a> {
    pub format: &'a str,
    pub version: u32,
    pub grid: &'a Grid,
}

/// The envelope's head, read first so that another format or version is named as such
/// rather than as a field out of place.
#[derive(Deserialize)]
struct Head {
    format: Option<String>,
    version: Option<u32>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct EnvelopeIn {
    #[allow(dead_code)]
    format: String,
    #[allow(dead_code)]
    version: u32,
    grid: WireGrid,
}

/// [`Grid`] as read, before its conditions are compiled and its index built.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct WireGrid {
    pub id: String,
    pub version: String,
    pub languages: Vec<String>,
    pub title: Text,
    pub description: Option<Text>,
    pub overall: bool,
    pub signals: Signals,
    pub scales: Vec<Scale>,
    pub profile: Vec<ProfileField>,
    pub axes: Vec<WireAxis>,
    pub rules: Vec<WireRule>,
    pub recommendations: Vec<Recommendation>,
    #[serde(default)]
    pub crosswalks: Vec<Crosswalk>,
    pub hash: String,
}

/// [`crate::grid::Axis`] as read.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct WireAxis {
    pub id: String,
    pub weight: f64,
    pub title: Text,
    pub question: Text,
    pub description: Option<Text>,
    pub criteria: Vec<WireCriterion>,
}

/// [`crate::grid::Criterion`] as read: its skip logic still as text.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct WireCriterion {
    pub id: String,
    pub full_id: String,
    pub scale: usize,
    pub weight: f64,
    pub critical: bool,
    pub title: Text,
    pub question: Text,
    pub hint: Option<Text>,
    pub levels: Vec<Option<Text>>,
    pub relevant: Option<String>,
}

/// [`crate::grid::Rule`] as read: its condition still as text.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct WireRule {
    pub id: String,
    pub kind: FindingKind,
    pub when: String,
    pub message: Text,
    pub recommend: Vec<String>,
}

/// The grid of a resolved form, once its envelope says it is one this engine reads.
pub(super) fn read(source: &str) -> Result<WireGrid, Diagnostics> {
    let head: Head = serde_json::from_str(source).map_err(located)?;
    if head.format.as_deref() != Some(RESOLVED_FORMAT) {
        return Err(Diagnostics(vec![invalid(
            "format".into(),
            format!("this is not a resolved DOMINO grid (its `format` is not `{RESOLVED_FORMAT}`)"),
        )]));
    }
    match head.version {
        Some(RESOLVED_VERSION) => {}
        other => {
            let found = other.map_or("none".to_owned(), |v| v.to_string());
            return Err(Diagnostics(vec![invalid(
                "version".into(),
                format!(
                    "this resolved grid is in version {found} of the form; this DOMINO reads \
                     version {RESOLVED_VERSION} only"
                ),
            )
            .with_hint(
                "reload the page so that the app and its server are the same version",
            )]));
        }
    }
    let envelope: EnvelopeIn = serde_json::from_str(source).map_err(located)?;
    Ok(envelope.grid)
}

/// A JSON error (syntax, or a field of the wrong shape) at its line and column.
fn located(e: serde_json::Error) -> Diagnostics {
    Diagnostics(vec![Diagnostic::error(
        "invalid-resolved-grid",
        e.to_string(),
    )
    .with_hint("the resolved grid is damaged: ask the server for it again")
    .at_line_column(e.line(), e.column())])
}
