//! Grids: the model, the TOML loader with its diagnostics, and the lints.

pub mod crosswalk;
pub mod diff;
mod lint;
mod load;
mod model;
mod names;
mod read_text;
mod resolved;
mod scope;
pub mod typography;

pub use load::LoadedGrid;
pub use model::{
    Axis, Choice, Criterion, FindingKind, Grid, Phase, ProfileField, Recommendation, Rule, Scale,
    ScaleOption, Signals, SpecialAnswer,
};
pub use names::GridNames;
pub(crate) use read_text::is_valid_id;
pub use resolved::{RESOLVED_FORMAT, RESOLVED_VERSION};
