//! A report as Markdown (`domino score --format md`); the escaping is the engine's
//! (`domino_engine::markup`), shared by every Markdown the project writes.

use crate::report_table::title_line;
use domino_engine::markup::{escape_markdown as md, markdown_code as code};
use domino_engine::report::{CriterionReport, Finding, LevelRef};
use domino_engine::vocabulary::report_text::{self, axis_cells, axis_headings};
use domino_engine::{Language, Report};
use std::fmt::Write;

/// The report as Markdown; `explain` adds each finding's id, facts and condition, and each
/// recommendation's findings.
pub fn markdown(r: &Report, lang: Language, explain: bool) -> String {
    let mut o = String::new();
    header(&mut o, r, lang);
    axes(&mut o, r, lang);
    findings(&mut o, r, lang, explain);
    recommendations(&mut o, r, lang, explain);
    criteria(&mut o, r, lang);
    o
}

/// The title, then a list: grid, id, raters, profile, overall score.
fn header(o: &mut String, r: &Report, l: Language) {
    let w = l.labels();
    let _ = writeln!(o, "# {}\n", md(&title_line(r)));
    let _ = writeln!(
        o,
        "- {}",
        l.labelled(w.grid, code(&report_text::stamp(&r.grid)))
    );
    if let Some(id) = &r.id {
        let _ = writeln!(o, "- {}", l.labelled("id", code(id)));
    }
    if !r.raters.is_empty() {
        let _ = writeln!(o, "- {}", l.labelled(w.raters, md(&r.raters.join(", "))));
    }
    if !r.profile.is_empty() {
        let p: Vec<String> = r
            .profile
            .iter()
            .map(|(k, v)| format!("{k} = {}", md(v)))
            .collect();
        let _ = writeln!(o, "- {}", l.labelled(w.profile, p.join(", ")));
    }
    let _ = writeln!(o, "- **{}**\n", l.labelled(w.overall, l.score(r.overall)));
}

/// The axis table.
fn axes(o: &mut String, r: &Report, l: Language) {
    let [axis, score, coverage, median] = axis_headings(l);
    let _ = writeln!(
        o,
        "| {axis} | {score} | {coverage} | {median} |\n|---|---:|---:|---|"
    );
    for a in &r.axes {
        let [title, score, coverage, median] = axis_cells(l, a);
        let (title, median) = (md(&title), md(&median));
        let _ = writeln!(o, "| {title} | {score} | {coverage} | {median} |");
    }
}

/// The findings by kind; empty kinds are left out.
fn findings(o: &mut String, r: &Report, l: Language, explain: bool) {
    let w = l.labels();
    let _ = writeln!(o, "\n## {}\n", w.findings);
    if r.findings.is_empty() {
        let _ = writeln!(o, "{}\n", w.no_findings);
    }
    for (kind, findings) in r.findings.by_kind() {
        let heading = report_text::counted(l.kind(kind), findings.len());
        let _ = writeln!(o, "### {heading}\n");
        for f in findings {
            let _ = writeln!(o, "- {}", md(&f.message));
            if explain {
                explanation(o, f, l);
            }
        }
        o.push('\n');
    }
}

/// A finding's id, facts and condition, as a nested list.
fn explanation(o: &mut String, f: &Finding, l: Language) {
    let w = l.labels();
    let _ = writeln!(o, "  - {}", code(&f.id));
    if !f.why.is_empty() {
        let why = code(&report_text::why(f));
        let _ = writeln!(o, "  - {}", l.labelled(w.why, why));
    }
    if let Some(c) = &f.condition {
        let _ = writeln!(o, "  - {}", l.labelled(w.condition, code(c)));
    }
}

/// The recommendations by phase.
fn recommendations(o: &mut String, r: &Report, l: Language, explain: bool) {
    let w = l.labels();
    let _ = writeln!(o, "## {}\n", w.recommendations);
    if r.recommendations.is_empty() {
        let _ = writeln!(o, "{}\n", w.no_recommendations);
    }
    for (phase, recs) in r.recommendations.by_phase() {
        let _ = writeln!(o, "### {}\n", l.phase(phase));
        for rec in recs {
            let _ = writeln!(o, "- **{}** — {}", md(&rec.title), md(&rec.text));
            if explain {
                let because = md(&rec.because.join(", "));
                let _ = writeln!(o, "  - {}", l.labelled(w.because, because));
            }
        }
        o.push('\n');
    }
}

/// Every criterion: level (or state), target and evidence; ★ marks critical ones.
fn criteria(o: &mut String, r: &Report, l: Language) {
    let w = l.labels();
    let _ = writeln!(o, "## {}\n", w.criteria_detail);
    let _ = writeln!(
        o,
        "| {} | {} | {} | {} |\n|---|---|---|---|",
        w.criterion, w.level, w.target, w.evidence
    );
    for c in r.axes.iter().flat_map(|a| &a.criteria) {
        let _ = writeln!(o, "{}", criterion_row(c, l));
    }
}

fn criterion_row(c: &CriterionReport, l: Language) -> String {
    let level = |lv: &LevelRef| md(&report_text::level(lv));
    let mut answer = c
        .level
        .as_ref()
        .map_or_else(|| l.state(c.state).to_owned(), level);
    if let Some(how) = c.consolidation {
        answer = format!("{answer} ({})", l.consolidation(how));
    }
    let star = if c.critical { " ★" } else { "" };
    format!(
        "| {}{star} | {answer} | {} | {} |",
        md(&c.title),
        c.target.as_ref().map(level).unwrap_or_default(),
        c.evidence.as_deref().map(md).unwrap_or_default()
    )
}
