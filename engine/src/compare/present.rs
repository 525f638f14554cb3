//! A comparison of two assessments as text people read: a terminal table or
//! Markdown, in the comparison's language. Also the table helpers that the
//! batch presentation shares.

use super::assessments::{AnswerSide, Comparison, CriterionChange, FindingNote};
use super::labels::{labels, Labels};
use super::ScoreChange;
use std::fmt::Write;

/// A score for people: two decimals at most, `—` when absent.
pub(super) fn number(v: Option<f64>) -> String {
    match v {
        Some(v) => format!("{}", (v * 100.0).round() / 100.0 + 0.0),
        None => "—".to_owned(),
    }
}

/// A change for people: signed (`+12.5`, `−3`, `0`), `—` when absent.
pub(super) fn signed(v: Option<f64>) -> String {
    let Some(v) = v else { return "—".to_owned() };
    let r = (v * 100.0).round() / 100.0 + 0.0;
    if r > 0.0 {
        format!("+{r}")
    } else if r < 0.0 {
        format!("\u{2212}{}", -r)
    } else {
        "0".to_owned()
    }
}

/// `old → new (delta)`.
pub(super) fn moved(c: &ScoreChange) -> String {
    format!(
        "{} → {} ({})",
        number(c.old),
        number(c.new),
        signed(c.delta)
    )
}

/// Columns padded to their widest cell; `right` marks right-aligned columns.
pub(super) fn text_table(head: &[&str], rows: &[Vec<String>], right: &[bool]) -> String {
    let mut widths: Vec<usize> = head.iter().map(|h| h.chars().count()).collect();
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let line = |cells: Vec<&str>| -> String {
        let mut s = String::new();
        for (i, (cell, w)) in cells.iter().zip(&widths).enumerate() {
            let gap = " ".repeat(w - cell.chars().count());
            if i > 0 {
                s.push_str("  ");
            }
            if right.get(i).copied().unwrap_or(false) {
                s.push_str(&gap);
                s.push_str(cell);
            } else {
                s.push_str(cell);
                s.push_str(&gap);
            }
        }
        s.trim_end().to_owned() + "\n"
    };
    let mut out = line(head.to_vec());
    out.push_str(&line(
        widths
            .iter()
            .map(|w| "-".repeat(*w))
            .collect::<Vec<_>>()
            .iter()
            .map(String::as_str)
            .collect(),
    ));
    for row in rows {
        out.push_str(&line(row.iter().map(String::as_str).collect()));
    }
    out
}

/// Wraps `text` at `width` characters, continuation lines starting with `indent`.
fn wrap(text: &str, width: usize, indent: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut line = 0;
    for word in text.split(' ') {
        let n = word.chars().count();
        if line > 0 && line + 1 + n > width {
            out.push('\n');
            out.push_str(indent);
            line = indent.chars().count();
        } else if line > 0 {
            out.push(' ');
            line += 1;
        }
        out.push_str(word);
        line += n;
    }
    out
}

/// Text safe in a Markdown table cell or paragraph.
pub(super) fn md(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '|' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '#' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// A Markdown table; `right` marks right-aligned columns.
pub(super) fn md_table(head: &[&str], rows: &[Vec<String>], right: &[bool]) -> String {
    let mut out = format!(
        "| {} |\n|",
        head.iter().map(|h| md(h)).collect::<Vec<_>>().join(" | ")
    );
    for i in 0..head.len() {
        out.push_str(if right.get(i).copied().unwrap_or(false) {
            " ---: |"
        } else {
            " --- |"
        });
    }
    out.push('\n');
    for row in rows {
        let cells: Vec<String> = row.iter().map(|c| md(c)).collect();
        let _ = writeln!(out, "| {} |", cells.join(" | "));
    }
    out
}

/// What the tables of a comparison hold, before layout.
struct Sections {
    heading: String,
    facts: Vec<(String, String)>,
    axes_head: [&'static str; 5],
    axes: Vec<Vec<String>>,
    criteria_head: [&'static str; 4],
    criteria: Vec<Vec<String>>,
    unchanged: usize,
    findings: Vec<(&'static str, Vec<String>)>,
    not_comparable: Vec<(&'static str, String)>,
}

const AXES_RIGHT: [bool; 5] = [false, true, true, true, false];

fn answer_text(l: &Labels, a: &AnswerSide) -> String {
    let mut s = match &a.level {
        Some(level) if a.state == "answered" => format!("{} {}", level.code, level.label),
        _ => l.state(&a.state).to_owned(),
    };
    if let Some(t) = &a.target {
        let _ = write!(s, " ({} {})", l.target, t.code);
    }
    s
}

fn change_text(l: &Labels, c: &CriterionChange) -> String {
    let mut s = l.change_label(c.change).to_owned();
    if c.target_changed {
        let code = |a: &AnswerSide| a.target.as_ref().map_or("—".to_owned(), |t| t.code.clone());
        let _ = write!(
            s,
            ", {}{}{} → {}",
            l.target,
            l.colon,
            code(&c.old),
            code(&c.new)
        );
    }
    s
}

fn finding_line(l: &Labels, f: &FindingNote, with_message: bool) -> String {
    if with_message && !f.message.is_empty() {
        format!("[{}] {}{}{}", l.kind(f.kind), f.id, l.colon, f.message)
    } else {
        format!("[{}] {}", l.kind(f.kind), f.id)
    }
}

fn sections(c: &Comparison) -> Sections {
    let l = labels(&c.lang);
    let side = |s: &super::Side| match &s.date {
        Some(d) => format!("{}, {d}", s.initiative),
        None => s.initiative.clone(),
    };
    let version = if c.old.grid_version == c.new.grid_version {
        c.new.grid_version.clone()
    } else {
        format!("{} → {}", c.old.grid_version, c.new.grid_version)
    };
    let axes = c
        .axes
        .iter()
        .map(|a| {
            let mut title = a.title.clone();
            if !a.same_criteria {
                let _ = write!(title, " ({})", l.other_criteria);
            }
            let cov = |v: Option<f64>| {
                v.map_or("—".to_owned(), |p| {
                    format!("{}{}", number(Some(p)), l.percent)
                })
            };
            vec![
                title,
                number(a.change.score.old),
                number(a.change.score.new),
                signed(a.change.score.delta),
                format!(
                    "{} → {}",
                    cov(a.change.coverage.old),
                    cov(a.change.coverage.new)
                ),
            ]
        })
        .collect();
    let changed: Vec<&CriterionChange> = c.criteria.iter().filter(|x| x.changed()).collect();
    let criteria = changed
        .iter()
        .map(|x| {
            vec![
                x.title.clone(),
                answer_text(l, &x.old),
                answer_text(l, &x.new),
                change_text(l, x),
            ]
        })
        .collect();
    let lines = |v: &[FindingNote], msg: bool| v.iter().map(|f| finding_line(l, f, msg)).collect();
    let nc = &c.not_comparable;
    let not_comparable = [
        (l.axes_only_old, &nc.axes_only_old),
        (l.axes_only_new, &nc.axes_only_new),
        (l.criteria_only_old, &nc.criteria_only_old),
        (l.criteria_only_new, &nc.criteria_only_new),
    ]
    .into_iter()
    .filter(|(_, ids)| !ids.is_empty())
    .map(|(label, ids)| (label, ids.join(", ")))
    .collect();
    Sections {
        heading: format!(
            "{}{}{} → {}",
            l.title, l.colon, c.old.initiative, c.new.initiative
        ),
        facts: vec![
            (l.grid.to_owned(), format!("{} {version}", c.grid)),
            (l.before.to_owned(), side(&c.old)),
            (l.after.to_owned(), side(&c.new)),
            (l.overall.to_owned(), moved(&c.overall)),
        ],
        axes_head: [l.axis, l.before, l.after, l.change, l.coverage],
        axes,
        criteria_head: [l.criterion, l.before, l.after, l.evolution],
        criteria,
        unchanged: c.criteria.len() - changed.len(),
        findings: vec![
            (l.appeared, lines(&c.findings.appeared, true)),
            (l.resolved, lines(&c.findings.resolved, true)),
            (l.persisting, lines(&c.findings.persisting, false)),
        ],
        not_comparable,
    }
}

fn unchanged_line(l: &Labels, s: &Sections) -> String {
    if s.criteria.is_empty() {
        l.no_criterion_changed.to_owned()
    } else {
        l.criteria_unchanged
            .replace("{n}", &s.unchanged.to_string())
    }
}

/// The comparison as a terminal table.
pub fn table(c: &Comparison) -> String {
    let l = labels(&c.lang);
    let s = sections(c);
    let mut o = format!("{}\n{}\n", s.heading, "=".repeat(s.heading.chars().count()));
    for (k, v) in &s.facts {
        let _ = writeln!(o, "{k}{}{v}", l.colon);
    }
    o.push('\n');
    o.push_str(&text_table(&s.axes_head, &s.axes, &AXES_RIGHT));
    let _ = writeln!(o, "\n{}", l.criteria_changed);
    if !s.criteria.is_empty() {
        o.push_str(&text_table(&s.criteria_head, &s.criteria, &[]));
    }
    let _ = writeln!(o, "{}", unchanged_line(l, &s));
    for (title, items) in &s.findings {
        let _ = writeln!(o, "\n{title} ({})", items.len());
        if items.is_empty() {
            let _ = writeln!(o, "  {}", l.none);
        }
        for item in items {
            let _ = writeln!(o, "  • {}", wrap(item, 92, "    "));
        }
    }
    if !s.not_comparable.is_empty() {
        let _ = writeln!(o, "\n{}", l.not_comparable);
        for (label, ids) in &s.not_comparable {
            let _ = writeln!(o, "  • {label}{}{ids}", l.colon);
        }
    }
    o
}

/// The comparison as Markdown.
pub fn markdown(c: &Comparison) -> String {
    let l = labels(&c.lang);
    let s = sections(c);
    let mut o = format!("# {}\n\n", md(&s.heading));
    for (k, v) in &s.facts {
        let _ = writeln!(o, "- **{}**{}{}", md(k), l.colon, md(v));
    }
    o.push('\n');
    o.push_str(&md_table(&s.axes_head, &s.axes, &AXES_RIGHT));
    let _ = writeln!(o, "\n## {}\n", l.criteria_changed);
    if !s.criteria.is_empty() {
        o.push_str(&md_table(&s.criteria_head, &s.criteria, &[]));
        o.push('\n');
    }
    let _ = writeln!(o, "{}", unchanged_line(l, &s));
    for (title, items) in &s.findings {
        let _ = writeln!(o, "\n## {title} ({})\n", items.len());
        if items.is_empty() {
            let _ = writeln!(o, "- {}", l.none);
        }
        for item in items {
            let _ = writeln!(o, "- {}", md(item));
        }
    }
    if !s.not_comparable.is_empty() {
        let _ = writeln!(o, "\n## {}\n", l.not_comparable);
        for (label, ids) in &s.not_comparable {
            let _ = writeln!(o, "- {}{}{}", md(label), l.colon, md(ids));
        }
    }
    o
}
