//! Crosswalks: how to read answers recorded against an earlier version of a grid.
//!
//! A grid file may carry one `[[crosswalk]]` table per earlier version; the
//! loader validates it (`load`), and resolving an assessment of that version
//! carries its answers over (`apply`), warning for each criterion whose
//! answer could not be carried or may have changed meaning.

mod apply;
mod columns;
mod describe;
mod ids;
mod load;
mod model;

pub use apply::Carried;
pub(crate) use columns::{plan_header, ColumnPlan};
pub(crate) use load::read_crosswalks;
pub use model::{ChangeKind, CriterionChange, Crosswalk};
