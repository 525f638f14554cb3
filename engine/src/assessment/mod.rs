//! Assessments: the answers given for one initiative, read from TOML, JSON or a
//! batch row, and resolved against a grid before scoring.

mod load;
mod model;
mod resolve;
mod tabular;
mod write;

pub use model::{Answer, Assessment, Meta};
pub(crate) use resolve::parse_code;
pub use resolve::{Given, Response, Responses};
pub use tabular::{RowError, RowSchema};
pub use write::toml_string;
