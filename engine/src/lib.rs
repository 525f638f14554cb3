//! # DOMINO engine
//!
//! Scores a territorial collaborative practice against a configurable evaluation
//! grid written in TOML. The engine is a pure function — grid + assessment in,
//! report out — with no file or network access: callers (the CLI, the web app)
//! load files and hand the engine strings and values.
//!
//! ```
//! use domino_engine::{Assessment, Grid, DOMINO_GRID};
//!
//! let grid = Grid::from_toml(DOMINO_GRID).expect("the embedded grid is valid").grid;
//! let assessment = Assessment::from_toml(r#"
//!     [assessment]
//!     grid = "domino"
//!     initiative = "Repair café"
//!     [answers]
//!     "collectif.accueil" = "3"
//! "#).unwrap();
//! let report = grid.score(&assessment, "en").unwrap();
//! assert_eq!(report.axes[0].coverage.answered, 1);
//! ```
//!
//! The steps can also be taken one by one, for batch work:
//! [`Grid::resolve`] checks an assessment against the grid, [`Grid::evaluate`]
//! computes scores and findings, [`Evaluation::report`] puts them into words.

pub mod agreement;
pub mod assessment;
#[cfg(feature = "charts")]
pub mod charts;
pub mod compare;
pub mod csv_writer;
pub mod diagnostic;
mod digest;
pub mod divergence;
mod document;
pub mod grid;
pub mod markup;
mod page;
pub mod report;
pub mod rules;
pub mod scoring;
pub mod sniff;
mod sort;
mod text;
pub mod text_layout;
pub mod vocabulary;

pub use assessment::{
    Answer, Assessment, CarriedSchema, Meta, Responses, RowSchema, VERSION_COLUMN,
};
pub use diagnostic::{
    did_you_mean, line_column, render_each, Diagnostic, Diagnostics, LineIndex, Severity,
};
pub use digest::{short_hash, SHORT_HASH_LEN};
pub use grid::{FindingKind, Grid, LoadedGrid, Phase};
pub use report::Report;
pub use scoring::Evaluation;
pub use text::Text;
pub use vocabulary::Language;

/// The DOMINO grid, embedded: the default grid of the tools.
pub const DOMINO_GRID: &str = include_str!("../../grids/domino.toml");

/// The grids shipped with the tools, as (file name, source).
pub const BUILTIN_GRIDS: &[(&str, &str)] = &[
    ("domino.toml", DOMINO_GRID),
    (
        "domino-express.toml",
        include_str!("../../grids/domino-express.toml"),
    ),
    (
        "lieux-partages.toml",
        include_str!("../../grids/lieux-partages.toml"),
    ),
];

impl Grid {
    /// Resolves, evaluates and reports an assessment in one call.
    /// Warnings (such as another grid version) are dropped here; use
    /// [`Grid::resolve`] to see them.
    pub fn score(&self, assessment: &Assessment, lang: &str) -> Result<Report, Diagnostics> {
        let resolved = self.resolve(assessment)?;
        Ok(self.evaluate(resolved.responses).report(self, lang))
    }
}
