//! Assessments: the answers given for one initiative, read from TOML, JSON or a
//! batch row, and resolved against a grid before scoring.

mod load;
mod model;
mod resolve;
mod tabular;
mod write;

pub use model::{Answer, Assessment, Meta};
pub(crate) use resolve::{bad_code, parse_code, unknown_criterion};
pub use resolve::{Given, Response, Responses};
pub(crate) use tabular::ragged_row;
pub use tabular::{CarriedSchema, RowError, RowSchema, VERSION_COLUMN};
pub use write::toml_string;
