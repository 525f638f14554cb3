//! Comparing two results: two assessments of one initiative (a year apart, before
//! and after a change), or two waves of a census scored in batch.
//!
//! One comparison serves both: [`Snapshot`] holds what a comparison reads of a
//! report (axis scores and coverage, the overall score, findings by kind and id),
//! and [`compare_snapshots`] gives its [`Change`]. [`compare_reports`] adds the
//! criterion-by-criterion detail two full reports allow; [`BatchComparer`]
//! matches two batches by initiative id and sums changes by group.
//!
//! Two versions of a grid can be compared: axes and criteria are matched by id,
//! and those that only one version has are listed as not comparable. Two
//! different grids cannot: [`compare_reports`] and [`BatchComparer`] refuse them.
//!
//! Findings are matched by kind and id (a rule id, or `critical:`, `target:`,
//! `raters:`, `applicability:` and the criterion), so one that fires in both is
//! *persisting*, whatever its words in either language.

mod assessments;
mod batches;
mod held;
mod present;
mod present_batch;
#[cfg(feature = "charts")]
mod radar;
mod records;
mod snapshot;

pub use assessments::{
    compare_reports, AnswerChange, AnswerSide, AxisComparison, Comparison, CriterionChange,
    FindingNote, FindingNotes, NotComparable, Side,
};
pub use batches::{
    BatchComparer, BatchComparison, BatchSummary, GroupChange, InitiativeChange, MeanChange,
    Unmatched, MAX_OLD_ROWS,
};
pub use present::{markdown, table};
pub use present_batch::{
    batch_csv_header, batch_csv_record, batch_markdown, batch_table, group_csv_header,
    group_csv_records, unmatched_csv_record,
};
#[cfg(feature = "charts")]
pub use radar::radar_overlay;
pub use records::{comparison_csv_header, comparison_csv_records};
pub use snapshot::{AxisSnapshot, Snapshot};

use crate::grid::FindingKind;
use crate::Diagnostic;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// Why two results cannot be compared (another grid, a row without id…): a
/// diagnostic, boxed to keep results small.
pub type Refusal = Box<Diagnostic>;

/// A value before and after, and by how much it moved (when both exist).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct ScoreChange {
    /// Before.
    pub old: Option<f64>,
    /// After.
    pub new: Option<f64>,
    /// `new − old`, absent when either is absent.
    pub delta: Option<f64>,
}

impl ScoreChange {
    /// The change from `old` to `new`, rounded to a millionth: report scores are
    /// rounded to 0.01, and their difference should read `-35.71`, not
    /// `-35.709999999999994`. Rounding is symmetric, so the change the other way
    /// is exactly the opposite.
    pub fn between(old: Option<f64>, new: Option<f64>) -> Self {
        let delta = match (old, new) {
            (Some(a), Some(b)) => Some(((b - a) * 1e6).round() / 1e6 + 0.0),
            _ => None,
        };
        ScoreChange { old, new, delta }
    }
}

/// How a finding is recognised from one result to the next.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct FindingKey {
    /// Kind.
    pub kind: FindingKind,
    /// Rule id, or `critical:`, `target:`, `raters:`, `applicability:` and a criterion id.
    pub id: String,
}

/// Findings that appeared, were resolved, or persist.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct FindingChanges {
    /// In the new result only.
    pub appeared: Vec<FindingKey>,
    /// In the old result only.
    pub resolved: Vec<FindingKey>,
    /// In both.
    pub persisting: Vec<FindingKey>,
}

impl FindingChanges {
    /// Matches two sets of findings by kind and id (results in kind, then id order).
    pub fn between(old: &BTreeSet<FindingKey>, new: &BTreeSet<FindingKey>) -> Self {
        FindingChanges {
            appeared: new.difference(old).cloned().collect(),
            resolved: old.difference(new).cloned().collect(),
            persisting: old.intersection(new).cloned().collect(),
        }
    }
}

/// One axis compared.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AxisChange {
    /// Axis id.
    pub id: String,
    /// Score change.
    pub score: ScoreChange,
    /// Coverage change (percent).
    pub coverage: ScoreChange,
}

/// What changed between two snapshots: overall, axes both have, findings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Change {
    /// Overall score change.
    pub overall: ScoreChange,
    /// Axes present in both, in the new result's order.
    pub axes: Vec<AxisChange>,
    /// Axis ids only the old result has.
    pub axes_only_old: Vec<String>,
    /// Axis ids only the new result has.
    pub axes_only_new: Vec<String>,
    /// Findings appeared, resolved, persisting.
    pub findings: FindingChanges,
}

/// Compares two snapshots of the same grid; refuses two different grids.
pub fn compare_snapshots(old: &Snapshot, new: &Snapshot) -> Result<Change, Refusal> {
    same_grid(&old.grid, &new.grid)?;
    let axes = new
        .axes
        .iter()
        .filter_map(|n| {
            let o = old.axes.iter().find(|o| o.id == n.id)?;
            Some(AxisChange {
                id: n.id.clone(),
                score: ScoreChange::between(o.score, n.score),
                coverage: ScoreChange::between(o.coverage, n.coverage),
            })
        })
        .collect();
    let only = |a: &Snapshot, b: &Snapshot| -> Vec<String> {
        a.axes
            .iter()
            .filter(|x| !b.axes.iter().any(|y| y.id == x.id))
            .map(|x| x.id.clone())
            .collect()
    };
    Ok(Change {
        overall: ScoreChange::between(old.overall, new.overall),
        axes,
        axes_only_old: only(old, new),
        axes_only_new: only(new, old),
        findings: FindingChanges::between(&old.findings, &new.findings),
    })
}

/// Refuses results of two different grids.
pub fn same_grid(old: &str, new: &str) -> Result<(), Refusal> {
    if old == new {
        return Ok(());
    }
    Err(Box::new(
        Diagnostic::error(
            "grid-mismatch",
            format!("the old results use grid `{old}`, the new ones grid `{new}`"),
        )
        .with_hint("two versions of one grid can be compared, two different grids cannot"),
    ))
}
