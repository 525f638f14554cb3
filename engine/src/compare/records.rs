//! A comparison of two assessments as CSV records, for spreadsheets: one record
//! for the overall score, one per axis, one per criterion, one per finding
//! matched. The caller writes the fields.

use super::assessments::{AnswerSide, Comparison, FindingNote};
use super::page::number;

/// The columns: what a record is about (`overall`, `axis`, `criterion`,
/// `appeared`, `resolved`, `persisting`), its id, the value before and after,
/// the change, and a detail: for criteria how the answer changed, for findings their kind.
pub fn comparison_csv_header() -> Vec<String> {
    ["about", "id", "old", "new", "delta", "detail"]
        .map(String::from)
        .to_vec()
}

fn cell(v: Option<f64>) -> String {
    v.map(|v| number(Some(v))).unwrap_or_default()
}

/// A criterion's answer in a cell: its level code, `na`, `?`, or its state.
fn answer(a: &AnswerSide) -> String {
    match (&a.level, a.state.as_str()) {
        (Some(l), "answered") => l.code.clone(),
        (_, "not_applicable") => "na".to_owned(),
        (_, "unknown") => "?".to_owned(),
        (_, state) => state.to_owned(),
    }
}

/// The records of a comparison, aligned with [`comparison_csv_header`].
pub fn comparison_csv_records(c: &Comparison) -> Vec<Vec<String>> {
    let mut out = vec![vec![
        "overall".to_owned(),
        String::new(),
        cell(c.overall.old),
        cell(c.overall.new),
        cell(c.overall.delta),
        String::new(),
    ]];
    for a in &c.axes {
        let s = &a.change.score;
        out.push(vec![
            "axis".to_owned(),
            a.change.id.clone(),
            cell(s.old),
            cell(s.new),
            cell(s.delta),
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
            cell(x.value.delta),
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
