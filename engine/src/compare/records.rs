//! A comparison of two assessments as CSV records, for spreadsheets: one record
//! for the overall score, one per axis, one per criterion, one per finding
//! matched. The caller writes the fields.

use super::assessments::{AnswerSide, Comparison, FindingNote};
use crate::rules::AnswerState;

/// The columns: what a record is about (`overall`, `axis`, `criterion`,
/// `appeared`, `resolved`, `persisting`), its id, the value before and after,
/// the change, and a detail: for criteria how the answer changed, for findings their kind.
pub fn comparison_csv_header() -> Vec<String> {
    ["about", "id", "old", "new", "delta", "detail"]
        .map(String::from)
        .to_vec()
}

/// A figure in a cell: two decimals at most, a decimal point whatever the language
/// (spreadsheets and scripts read it), empty when absent.
pub(super) fn figure_cell(v: Option<f64>) -> String {
    v.map(|v| ((v * 100.0).round() / 100.0 + 0.0).to_string())
        .unwrap_or_default()
}

/// A criterion's answer in a cell: its level code, `na`, `?`, or its state.
fn answer(a: &AnswerSide) -> String {
    match (&a.level, a.state) {
        (Some(l), AnswerState::Answered) => l.code.clone(),
        (_, AnswerState::NotApplicable) => "na".to_owned(),
        (_, AnswerState::Unknown) => "?".to_owned(),
        (_, state) => state.code().to_owned(),
    }
}

/// The records of a comparison, aligned with [`comparison_csv_header`].
pub fn comparison_csv_records(c: &Comparison) -> Vec<Vec<String>> {
    let mut out = vec![vec![
        "overall".to_owned(),
        String::new(),
        figure_cell(c.overall.old),
        figure_cell(c.overall.new),
        figure_cell(c.overall.delta),
        String::new(),
    ]];
    for a in &c.axes {
        let s = &a.change.score;
        out.push(vec![
            "axis".to_owned(),
            a.change.id.clone(),
            figure_cell(s.old),
            figure_cell(s.new),
            figure_cell(s.delta),
            String::new(),
        ]);
    }
    for x in &c.criteria {
        let change = serde_json::to_value(x.change)
            .ok()
            .and_then(|v| v.as_str().map(str::to_owned))
            .unwrap_or_default();
        out.push(vec![
            "criterion".to_owned(),
            x.id.clone(),
            answer(&x.old),
            answer(&x.new),
            figure_cell(x.value.delta),
            change,
        ]);
    }
    let findings = |about: &str, list: &[FindingNote], out: &mut Vec<Vec<String>>| {
        for f in list {
            out.push(vec![
                about.to_owned(),
                f.id.clone(),
                String::new(),
                String::new(),
                String::new(),
                f.kind.code().to_owned(),
            ]);
        }
    };
    findings("appeared", &c.findings.appeared, &mut out);
    findings("resolved", &c.findings.resolved, &mut out);
    findings("persisting", &c.findings.persisting, &mut out);
    out
}
