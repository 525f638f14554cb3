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
/// formatting machinery: summary records write a dozen of these per row, so the
/// digits of a score below 1,000 (every axis score and coverage) and the hundredths of
/// any are laid out in a small buffer and appended at once.
pub fn push_score(out: &mut Vec<u8>, value: Option<f64>) {
    let Some(c) = value.map(cents) else { return };
    if c < 0 {
        out.push(b'-');
    }
    let c = c.unsigned_abs();
    let (int, frac) = (c / 100, (c % 100) as u8);
    let mut text = [0u8; 8];
    let mut n = 0;
    let mut put = |b: u8| {
        text[n] = b;
        n += 1;
    };
    if int < 1000 {
        let int = int as u16;
        if int >= 100 {
            put(b'0' + (int / 100) as u8);
        }
        if int >= 10 {
            put(b'0' + (int / 10 % 10) as u8);
        }
        put(b'0' + (int % 10) as u8);
    } else {
        push_digits(out, int);
    }
    if frac != 0 {
        put(b'.');
        put(b'0' + frac / 10);
        if frac % 10 != 0 {
            put(b'0' + frac % 10);
        }
    }
    // The whole buffer, then cut: a copy of fixed size is one store, where
    // one of `n` bytes is a call to `memcpy`.
    let end = out.len() + n;
    out.extend_from_slice(&text);
    out.truncate(end);
}

/// A score in hundredths, as summary records round it: `(v × 100).round()`,
/// half away from zero. Scores are far below 2⁵², where the fraction
/// `x − trunc(x)` is exact, so it is rounded by comparing that fraction
/// with one half, without the call `f64::round` makes on this target; any
/// other number (huge, infinite, NaN) goes through `f64::round`.
fn cents(v: f64) -> i64 {
    let x = v * 100.0;
    if x.abs() < 4.0e15 {
        let whole = x as i64;
        let frac = x - whole as f64;
        whole + i64::from(frac >= 0.5) - i64::from(frac <= -0.5)
    } else {
        x.round() as i64
    }
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

    /// Every hundredth from −2,000 to 2,000 and the numbers either side of
    /// each half-hundredth are written as `Display` writes `f64::round`'s
    /// result, and rounded as `f64::round` rounds.
    #[test]
    fn scores_round_half_away_from_zero_as_f64_round_does() {
        let reference = |v: f64| (v * 100.0).round();
        for k in -200_000i64..=200_000 {
            let exact = k as f64 / 100.0;
            let half = (k as f64 + 0.5) / 100.0;
            // The numbers just above and below the half in magnitude (never zero).
            let (above, below) = (
                f64::from_bits(half.to_bits() + 1),
                f64::from_bits(half.to_bits() - 1),
            );
            for v in [exact, half, above, below, -half] {
                assert_eq!(super::cents(v), reference(v) as i64, "{v}");
                let rounded = reference(v) as i64 as f64 / 100.0; // −0 is written 0
                assert_eq!(text(v), rounded.to_string(), "{v}");
            }
        }
        for v in [
            f64::NAN,
            f64::INFINITY,
            -f64::INFINITY,
            1e300,
            -1e17,
            4.0e13,
            -0.0,
        ] {
            assert_eq!(super::cents(v), reference(v) as i64, "{v}");
        }
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
