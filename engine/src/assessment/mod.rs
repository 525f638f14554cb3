//! Assessments: the answers given for one initiative, read from TOML, JSON or a
//! batch row, and resolved against a grid before scoring.

mod load;
pub mod mapping;
mod model;
mod resolve;
mod tabular;
pub mod typed_cell;
mod write;

pub use model::{Answer, Assessment, Meta};
pub(crate) use resolve::{bad_code, parse_code, unknown_criterion};
pub use resolve::{Given, Response, Responses};
pub use tabular::ragged_row;
pub use tabular::{CarriedSchema, RowCells, RowError, RowSchema, VERSION_COLUMN};
pub use write::toml_string;
