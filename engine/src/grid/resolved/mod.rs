//! The resolved form of a grid: the loaded grid written as JSON, for a reader that must not
//! carry the TOML loader (the web app's live workshop, whose server checked the grid).
//!
//! The form is the grid's own serialisation ([`Grid`]'s `Serialize`: scales by index,
//! conditions as their source) inside an envelope naming the format and its version. Reading
//! it back refuses what the loader would never have produced — an unknown format or
//! version, a scale index out of range, a duplicate id, a condition that does not check —
//! with a diagnostic saying where (JSON line and column, or the path of the field) and what
//! to do; nothing in it can make scoring panic. Conditions are compiled again at reading
//! (parsed and checked against the grid's names), so a rule is as safe as one loaded from
//! TOML. Human-written grids are still read with [`Grid::from_toml`], whose located
//! diagnostics point into the file a person wrote.
//!
//! Numbers are written in their shortest exact form; natively they read back bit for bit.
//! The web app's serde_json parses floats without its `float_roundtrip` feature (9 KB less),
//! which is exact for up to 15 significant digits: every number a grid author writes.

mod check;
mod wire;

use super::model::Grid;
use crate::diagnostic::{Diagnostic, Diagnostics};

/// The envelope's `format`.
pub const RESOLVED_FORMAT: &str = "domino-grid-resolved";
/// The version of the resolved form this engine writes and reads; another is refused.
pub const RESOLVED_VERSION: u32 = 1;

impl Grid {
    /// The grid in its resolved form (JSON), to be read back by [`Grid::from_resolved`].
    pub fn to_resolved(&self) -> String {
        let envelope = wire::EnvelopeOut {
            format: RESOLVED_FORMAT,
            version: RESOLVED_VERSION,
            grid: self,
        };
        serde_json::to_string(&envelope).expect("a grid serialises to JSON")
    }

    /// Reads a grid written by [`Grid::to_resolved`], checking it again: every problem is
    /// returned at once, each with its place.
    pub fn from_resolved(source: &str) -> Result<Grid, Diagnostics> {
        let grid = wire::read(source)?;
        check::checked(grid).map_err(Diagnostics)
    }
}

/// A refusal of the resolved form, at `path`.
fn invalid(path: String, message: String) -> Diagnostic {
    Diagnostic::error("invalid-resolved-grid", message)
        .with_hint(
            "this is not a grid as DOMINO writes it: load the grid's TOML file instead, \
             or ask the server for the grid again",
        )
        .with_path(path)
}
