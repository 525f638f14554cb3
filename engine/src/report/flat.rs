//! One flat record per assessment, for CSV outputs (batch results, downloads).

use super::build::round2;
use crate::grid::{FindingKind, Grid};
use crate::scoring::{Evaluation, FindingSource};

/// The columns of a summary record: identification, the grid stamp, overall
/// score, each axis' score and coverage, finding counts by kind, finding ids.
pub fn summary_header(grid: &Grid) -> Vec<String> {
    let mut h: Vec<String> = ["id", "name", "grid", "grid_version", "grid_hash", "overall"]
        .map(String::from)
        .to_vec();
    for axis in &grid.axes {
        h.push(format!("{}.score", axis.id));
        h.push(format!("{}.coverage", axis.id));
    }
    h.extend(
        [
            "pepites",
            "opportunites",
            "vigilances",
            "debats",
            "findings",
        ]
        .map(String::from),
    );
    h
}

/// The summary record of an evaluation, aligned with [`summary_header`].
/// Absent scores are empty cells; finding ids are joined with `;`.
pub fn summary_record(grid: &Grid, e: &Evaluation) -> Vec<String> {
    let mut r = Vec::with_capacity(10 + 2 * grid.axes.len());
    r.push(e.responses.meta.id.clone().unwrap_or_default());
    r.push(e.responses.meta.initiative.clone());
    r.push(grid.id.clone());
    r.push(grid.version.clone());
    r.push(grid.hash.get(..16).unwrap_or(&grid.hash).to_owned());
    r.push(number(e.overall));
    for axis in &e.axes {
        r.push(number(axis.score));
        r.push(number(axis.coverage()));
    }
    for kind in FindingKind::ALL {
        r.push(
            e.findings
                .iter()
                .filter(|f| f.kind == kind)
                .count()
                .to_string(),
        );
    }
    let ids: Vec<String> = e
        .findings
        .iter()
        .map(|f| finding_id(grid, f.source))
        .collect();
    r.push(ids.join(";"));
    r
}

/// The id a finding has in reports.
pub(crate) fn finding_id(grid: &Grid, source: FindingSource) -> String {
    let crit = |c: usize| grid.criterion(c).full_id.as_str();
    match source {
        FindingSource::Rule(i) => grid.rules[i].id.clone(),
        FindingSource::CriticalLow(c) | FindingSource::CriticalUnknown(c) => {
            format!("critical:{}", crit(c))
        }
        FindingSource::TargetGap(c) => format!("target:{}", crit(c)),
        FindingSource::RaterGap(c) => format!("raters:{}", crit(c)),
        FindingSource::Applicability(c) => format!("applicability:{}", crit(c)),
    }
}

fn number(x: Option<f64>) -> String {
    x.map(|v| round2(v).to_string()).unwrap_or_default()
}
