//! A report as readable terminal text (`domino score`, the default format).
//!
//! The words and figures come from the engine's vocabulary; this file only lays them out:
//! an aligned axis table and wrapped paragraphs.

use domino_engine::report::Finding;
use domino_engine::text_layout::{pad, pad_left, wrap};
use domino_engine::vocabulary::report_text::{self, axis_cells, axis_headings};
use domino_engine::{Language, Report};
use std::fmt::Write;

/// The report as readable text; `explain` adds each finding's id, facts and condition, and
/// each recommendation's findings.
pub fn table(r: &Report, lang: Language, explain: bool) -> String {
    let mut o = String::new();
    header(&mut o, r, lang);
    axes(&mut o, r, lang);
    findings(&mut o, r, lang, explain);
    recommendations(&mut o, r, lang, explain);
    o
}

/// The initiative, underlined, then the grid, id, raters and overall score.
fn header(o: &mut String, r: &Report, l: Language) {
    let w = l.labels();
    let title = title_line(r);
    let _ = writeln!(o, "{title}\n{}", "=".repeat(title.chars().count()));
    let _ = writeln!(o, "{}", l.labelled(w.grid, report_text::stamp(&r.grid)));
    if let Some(id) = &r.id {
        let _ = writeln!(o, "{}", l.labelled("id", id));
    }
    if !r.raters.is_empty() {
        let _ = writeln!(o, "{}", l.labelled(w.raters, r.raters.join(", ")));
    }
    let _ = writeln!(o, "{}\n", l.labelled(w.overall, l.score(r.overall)));
}

/// `initiative — territory, date`.
pub fn title_line(r: &Report) -> String {
    let mut s = r.initiative.clone();
    if let Some(t) = &r.territory {
        let _ = write!(s, " — {t}");
    }
    if let Some(d) = &r.date {
        let _ = write!(s, ", {d}");
    }
    s
}

/// The axis table, columns sized to their widest cell.
fn axes(o: &mut String, r: &Report, l: Language) {
    let head = axis_headings(l);
    let rows: Vec<[String; 4]> = r.axes.iter().map(|a| axis_cells(l, a)).collect();
    let mut widths = head.map(|h| h.chars().count());
    for row in &rows {
        for (wd, c) in widths.iter_mut().zip(row) {
            *wd = (*wd).max(c.chars().count());
        }
    }
    let line = |cells: [&str; 4]| {
        format!(
            "{}  {}  {}  {}",
            pad(cells[0], widths[0]),
            pad_left(cells[1], widths[1]),
            pad_left(cells[2], widths[2]),
            cells[3]
        )
        .trim_end()
        .to_owned()
    };
    let rule: Vec<String> = widths.iter().map(|n| "-".repeat(*n)).collect();
    let _ = writeln!(o, "{}\n{}", line(head), rule.join("  "));
    for row in &rows {
        let _ = writeln!(o, "{}", line(row.each_ref().map(String::as_str)));
    }
}

/// The findings by kind, each kind with its count; empty kinds are left out.
fn findings(o: &mut String, r: &Report, l: Language, explain: bool) {
    for (kind, findings) in r.findings.by_kind() {
        let _ = writeln!(
            o,
            "\n{}",
            report_text::counted(l.kind(kind), findings.len())
        );
        for f in findings {
            let _ = writeln!(o, "  • {}", wrap(&f.message, 92, "    "));
            if explain {
                explanation(o, f, l);
            }
        }
    }
}

/// A finding's id, facts and condition.
fn explanation(o: &mut String, f: &Finding, l: Language) {
    let w = l.labels();
    let _ = writeln!(o, "    [{}]", f.id);
    if !f.why.is_empty() {
        let why = wrap(&report_text::why(f), 84, "      ");
        let _ = writeln!(o, "    {}", l.labelled(w.why, why));
    }
    if let Some(c) = &f.condition {
        let _ = writeln!(o, "    {}", l.labelled(w.condition, c));
    }
}

/// The recommendations by phase; nothing when there is none.
fn recommendations(o: &mut String, r: &Report, l: Language, explain: bool) {
    if r.recommendations.is_empty() {
        return;
    }
    let w = l.labels();
    let _ = writeln!(o, "\n{}", w.recommendations);
    for (phase, recs) in r.recommendations.by_phase() {
        let _ = writeln!(o, "  {}", l.phase(phase));
        for rec in recs {
            let _ = writeln!(o, "    • {}", rec.title);
            let _ = writeln!(o, "      {}", wrap(&rec.text, 86, "      "));
            if explain {
                let because = rec.because.join(", ");
                let _ = writeln!(o, "      {}", l.labelled(w.because, because));
            }
        }
    }
}
