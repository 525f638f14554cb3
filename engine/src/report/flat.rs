//! One flat record per assessment, for CSV outputs (batch results, downloads).

use super::summary_cells::{SummaryCell, SummaryCells};
use crate::grid::{FindingKind, Grid};
use crate::scoring::{Evaluation, FindingSource, RawFinding};

/// The identification columns that start a summary record, all text; the
/// numbers follow them, up to the last column, the finding ids.
pub(crate) const IDENTIFICATION: [&str; 5] = ["id", "name", "grid", "grid_version", "grid_hash"];

/// The columns of a summary record: identification, the grid stamp, overall
/// score, each axis' score and coverage, finding counts by kind, finding ids.
pub fn summary_header(grid: &Grid) -> Vec<String> {
    let mut h: Vec<String> = IDENTIFICATION.map(String::from).to_vec();
    h.push("overall".into());
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

/// The summary record of an evaluation, aligned with [`summary_header`]:
/// the cells of [`SummaryCells`], numbers written as the CSV writes them.
/// Absent scores are empty cells; finding ids are joined with `;`.
pub fn summary_record(grid: &Grid, e: &Evaluation) -> Vec<String> {
    let mut r = Vec::with_capacity(IDENTIFICATION.len() + 6 + 2 * grid.axes.len());
    SummaryCells::default().visit(grid, e, |cell| {
        r.push(match cell {
            SummaryCell::Text(text) => text.to_owned(),
            SummaryCell::Number(x) => number(x),
        })
    });
    r
}

/// How many findings of each kind, in the order of [`FindingKind::ALL`]:
/// the count columns of a summary record.
pub fn finding_counts(findings: &[RawFinding]) -> [u64; FindingKind::ALL.len()] {
    let mut counts = [0; FindingKind::ALL.len()];
    for f in findings {
        if let Some(k) = FindingKind::ALL.iter().position(|k| *k == f.kind) {
            counts[k] += 1;
        }
    }
    counts
}

/// Appends the ids of `findings` joined with `;`: the `findings` column of a
/// summary record.
pub fn push_finding_ids(out: &mut String, grid: &Grid, findings: &[RawFinding]) {
    for (i, f) in findings.iter().enumerate() {
        if i > 0 {
            out.push(';');
        }
        push_finding_id(out, grid, f.source);
    }
}

/// The id a finding has in reports: the rule id, or `critical:`, `target:`,
/// `raters:` or `applicability:` followed by the criterion id.
pub(crate) fn finding_id(grid: &Grid, source: FindingSource) -> String {
    let mut id = String::new();
    push_finding_id(&mut id, grid, source);
    id
}

/// Appends the id a finding has in reports (see [`summary_record`]) to `out`,
/// without allocating: for writers of summary records on a hot path.
pub fn push_finding_id(out: &mut String, grid: &Grid, source: FindingSource) {
    let (prefix, id) = finding_id_parts(grid, source);
    out.push_str(prefix);
    out.push_str(id);
}

/// A finding's id in two parts: the prefix of its kind of source (empty for
/// a rule) and the rule's or criterion's id.
pub(crate) fn finding_id_parts(grid: &Grid, source: FindingSource) -> (&'static str, &str) {
    let (prefix, criterion) = match source {
        FindingSource::Rule(i) => return ("", &grid.rules[i].id),
        FindingSource::CriticalLow(c) | FindingSource::CriticalUnknown(c) => ("critical:", c),
        FindingSource::TargetGap(c) => ("target:", c),
        FindingSource::RaterGap(c) => ("raters:", c),
        FindingSource::Applicability(c) => ("applicability:", c),
    };
    (prefix, &grid.criterion(criterion).full_id)
}

/// Appends a score rounded to 0.01 to `out`, written like `f64`'s `Display` of the
/// rounded value (`50`, `57.7`, `58.57`); nothing for an absent score. It uses no
/// formatting machinery: summary records write a dozen of these per row.
pub fn push_score(out: &mut Vec<u8>, value: Option<f64>) {
    let Some(c) = value.map(cents) else { return };
    if c < 0 {
        out.push(b'-');
    }
    let c = c.unsigned_abs();
    let (int, frac) = (c / 100, c % 100);
    push_digits(out, int);
    if frac != 0 {
        out.push(b'.');
        out.push(b'0' + (frac / 10) as u8);
        if frac % 10 != 0 {
            out.push(b'0' + (frac % 10) as u8);
        }
    }
}

/// A score in hundredths, as summary records round it.
fn cents(v: f64) -> i64 {
    (v * 100.0).round() as i64
}

/// A score rounded as [`push_score`] writes it: the number a reader of the
/// CSV cell gets back, for writers of typed cells.
pub fn rounded_score(value: Option<f64>) -> Option<f64> {
    value.map(|v| cents(v) as f64 / 100.0)
}

/// Appends a count in decimal, as `Display` writes it, without formatting
/// machinery (summary records write the finding counts of every row).
pub fn push_count(out: &mut Vec<u8>, n: u64) {
    push_digits(out, n);
}

/// Appends an unsigned integer in decimal. Numbers below 100 (most counts,
/// the integer part of most scores) are written without the digit buffer
/// and the copy out of it.
fn push_digits(out: &mut Vec<u8>, mut n: u64) {
    if n < 10 {
        out.push(b'0' + n as u8);
        return;
    }
    if n < 100 {
        out.extend_from_slice(&[b'0' + (n / 10) as u8, b'0' + (n % 10) as u8]);
        return;
    }
    let mut digits = [0u8; 20];
    let mut i = digits.len();
    loop {
        i -= 1;
        digits[i] = b'0' + (n % 10) as u8;
        n /= 10;
        if n == 0 {
            break;
        }
    }
    out.extend_from_slice(&digits[i..]);
}

fn number(x: Option<f64>) -> String {
    let mut out = Vec::new();
    push_score(&mut out, x);
    String::from_utf8(out).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::{push_count, push_score};

    fn text(v: f64) -> String {
        let mut out = Vec::new();
        push_score(&mut out, Some(v));
        String::from_utf8(out).unwrap()
    }

    #[test]
    fn scores_are_written_like_the_display_of_their_rounded_value() {
        for v in [
            0.0, 50.0, 57.7, 58.57, 100.0, 0.05, 66.666_67, 7.1, 12345.678, -3.25, 9.995, 99.99,
            99.996, 10.0, 0.5,
        ] {
            let rounded = (v * 100.0_f64).round() / 100.0;
            assert_eq!(text(v), rounded.to_string(), "{v}");
        }
        let mut out = Vec::new();
        push_score(&mut out, None);
        assert!(out.is_empty());
    }

    #[test]
    fn rounded_scores_are_the_numbers_their_text_reads_as() {
        for v in [0.0, 50.0, 57.7, 58.57, 0.005, 66.666_67, -3.255, 12345.678] {
            let parsed: f64 = text(v).parse().unwrap();
            assert_eq!(super::rounded_score(Some(v)), Some(parsed), "{v}");
        }
        assert_eq!(super::rounded_score(None), None);
    }

    #[test]
    fn counts_are_written_like_their_display() {
        for n in (0..=1000).chain([4096, 99_999, u64::MAX]) {
            let mut out = Vec::new();
            push_count(&mut out, n);
            assert_eq!(String::from_utf8(out).unwrap(), n.to_string());
        }
    }
}
