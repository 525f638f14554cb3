//! What people read that does not come from a grid: the names of finding kinds, phases and
//! answer states, the labels of reports, punctuation and numbers, in each language of the
//! tools.
//!
//! The CLI, the web app and any other presenter take their words from here, so a term reads
//! the same wherever it is shown and a language is a single table to write. Grid texts
//! (titles, questions, messages) come from the grid itself ([`crate::Text::get`]).
//!
//! - [`Language`]: the languages of the tools and the one rule reading a language tag
//!   (`fr`, `fr-FR`, `en_GB`, `EN`…);
//! - [`Labels`]: the fixed labels (headings, column names);
//! - [`ComparisonLabels`], [`AgreementLabels`], [`GridDiffLabels`], [`DivergenceLabels`]: the
//!   words of comparisons, of agreement between raters, of grid diffs and of the divergence
//!   table and consensus form (`Language::comparison`, `Language::agreement`,
//!   `Language::grid_diff`, `Language::divergence`);
//! - `Language::kind`, `phase`, `state`: DOMINO's terms;
//! - `Language::colon`, `labelled`, `question`: punctuation, which belongs to the language;
//! - `Language::number`, `score`, `signed`, `interval`, `coverage`: numbers as people read
//!   them;
//! - [`report_text`]: the phrases every presenter shows the same way (a finding's why, a level,
//!   the grid stamp, the page title).

mod agreement;
mod comparison;
mod divergence;
mod grid_diff;
mod labels;
mod language;
mod numbers;
mod punctuation;
pub mod report_text;
mod terms;

pub use agreement::AgreementLabels;
pub use comparison::ComparisonLabels;
pub use divergence::DivergenceLabels;
pub use grid_diff::GridDiffLabels;
pub use labels::Labels;
pub use language::{Language, UnknownLanguage};
pub use numbers::NO_FIGURE;
