//! What a comparison reads of one result, taken from a report or, in batch,
//! straight from an evaluation (no texts are built for rows only compared).

use super::FindingKey;
use crate::grid::Grid;
use crate::report::{finding_id, Report};
use crate::scoring::Evaluation;
use crate::sort::set_of;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// Scores as reports give them (rounded to 0.01), so a batch row and the
/// report of the same assessment compare alike.
fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// What a comparison reads of one report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Snapshot {
    /// Initiative id (batch rows), if any.
    pub id: Option<String>,
    /// Initiative name.
    pub initiative: String,
    /// Grid id.
    pub grid: String,
    /// Profile fields given, by id (for `--by` groups).
    pub profile: Vec<(String, String)>,
    /// Overall score.
    pub overall: Option<f64>,
    /// Each axis: id, score, coverage in percent.
    pub axes: Vec<AxisSnapshot>,
    /// Findings, by kind then id, without repeats.
    pub findings: BTreeSet<FindingKey>,
}

/// One axis in a [`Snapshot`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AxisSnapshot {
    /// Axis id.
    pub id: String,
    /// Score 0–100.
    pub score: Option<f64>,
    /// Answered / applicable, in percent.
    pub coverage: Option<f64>,
}

impl Snapshot {
    /// The snapshot of a report.
    pub fn of_report(r: &Report) -> Self {
        Snapshot {
            id: r.id.clone(),
            initiative: r.initiative.clone(),
            grid: r.grid.id.clone(),
            profile: r
                .profile
                .iter()
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect(),
            overall: r.overall,
            axes: r
                .axes
                .iter()
                .map(|a| AxisSnapshot {
                    id: a.id.clone(),
                    score: a.score,
                    coverage: a.coverage.percent,
                })
                .collect(),
            findings: set_of(r.findings.all().map(|f| FindingKey {
                kind: f.kind,
                id: f.id.clone(),
            })),
        }
    }

    /// The snapshot of an evaluation: the same as [`Snapshot::of_report`] of its
    /// report, without building the report's texts.
    pub fn of_evaluation(grid: &Grid, e: &Evaluation) -> Self {
        let meta = &e.responses.meta;
        Snapshot {
            id: meta.id.clone(),
            initiative: meta.initiative.clone(),
            grid: grid.id.clone(),
            profile: grid
                .profile
                .iter()
                .zip(&e.responses.profile)
                .filter_map(|(f, v)| v.as_ref().map(|v| (f.id.clone(), v.clone())))
                .collect(),
            overall: e.overall.map(round2),
            axes: grid
                .axes
                .iter()
                .zip(&e.axes)
                .map(|(a, r)| AxisSnapshot {
                    id: a.id.clone(),
                    score: r.score.map(round2),
                    coverage: r.coverage().map(round2),
                })
                .collect(),
            findings: set_of(e.findings.iter().map(|f| FindingKey {
                kind: f.kind,
                id: finding_id(grid, f.source),
            })),
        }
    }

    /// The value of a profile field, if given.
    pub fn profile_value(&self, field: &str) -> Option<&str> {
        self.profile
            .iter()
            .find(|(k, _)| k == field)
            .map(|(_, v)| v.as_str())
    }
}
