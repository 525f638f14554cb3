//! A comparison of two assessments as text people read, in the comparison's
//! language: what goes on the page, once, for the terminal and for Markdown.

use super::assessments::{AnswerSide, Comparison, CriterionChange, FindingNote, Side};
use super::labels::{labels, Labels};
use super::page::{number, signed, Layout, Page};
use std::fmt::Write;

/// The comparison as a terminal table.
pub fn table(c: &Comparison) -> String {
    render(c, Layout::Text)
}

/// The comparison as Markdown.
pub fn markdown(c: &Comparison) -> String {
    render(c, Layout::Markdown)
}

fn render(c: &Comparison, layout: Layout) -> String {
    let l = labels(&c.lang);
    let mut page = Page::new(layout);
    let (old_name, new_name) = (&c.old.initiative, &c.new.initiative);
    page.title(&if old_name == new_name {
        format!("{}{}{new_name}", l.title, l.colon)
    } else {
        format!("{}{}{old_name} → {new_name}", l.title, l.colon)
    });
    let version = if c.old.grid_version == c.new.grid_version {
        c.new.grid_version.clone()
    } else {
        format!("{} → {}", c.old.grid_version, c.new.grid_version)
    };
    page.fact(l.grid, l.colon, &format!("{} {version}", c.grid));
    page.fact(l.before, l.colon, &side(&c.old));
    page.fact(l.after, l.colon, &side(&c.new));
    let overall = &c.overall;
    let moved = format!(
        "{} → {} ({})",
        number(overall.old),
        number(overall.new),
        signed(overall.delta)
    );
    page.fact(l.overall, l.colon, &moved);
    page.blank();
    let head = [l.axis, l.before, l.after, l.change, l.coverage].map(String::from);
    page.table(&head, &axis_rows(l, c), &[false, true, true, true, false]);
    criteria(&mut page, l, c);
    let findings = &c.findings;
    for (title, list, message) in [
        (l.appeared, &findings.appeared, true),
        (l.resolved, &findings.resolved, true),
        (l.persisting, &findings.persisting, false),
    ] {
        page.heading(&format!("{title} ({})", list.len()));
        if list.is_empty() {
            page.item(l.none);
        }
        for f in list {
            page.item(&finding_line(l, f, message));
        }
    }
    not_comparable(&mut page, l, c);
    page.finish()
}

fn side(s: &Side) -> String {
    match &s.date {
        Some(d) => format!("{}, {d}", s.initiative),
        None => s.initiative.clone(),
    }
}

fn axis_rows(l: &Labels, c: &Comparison) -> Vec<Vec<String>> {
    let cov = |v: Option<f64>| {
        v.map_or("—".to_owned(), |p| {
            format!("{}{}", number(Some(p)), l.percent)
        })
    };
    c.axes
        .iter()
        .map(|a| {
            let mut title = a.title.clone();
            if !a.same_criteria {
                let _ = write!(title, " ({})", l.other_criteria);
            }
            let (score, coverage) = (&a.change.score, &a.change.coverage);
            vec![
                title,
                number(score.old),
                number(score.new),
                signed(score.delta),
                format!("{} → {}", cov(coverage.old), cov(coverage.new)),
            ]
        })
        .collect()
}

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

/// The criteria that changed, and how many did not.
fn criteria(page: &mut Page, l: &Labels, c: &Comparison) {
    page.heading(l.criteria_changed);
    let rows: Vec<Vec<String>> = c
        .criteria
        .iter()
        .filter(|x| x.changed())
        .map(|x| {
            vec![
                x.title.clone(),
                answer_text(l, &x.old),
                answer_text(l, &x.new),
                change_text(l, x),
            ]
        })
        .collect();
    if rows.is_empty() {
        page.line(l.no_criterion_changed);
        return;
    }
    let head = [l.criterion, l.before, l.after, l.evolution].map(String::from);
    page.table(&head, &rows, &[]);
    let unchanged = c.criteria.len() - rows.len();
    page.line(&l.criteria_unchanged.replace("{n}", &unchanged.to_string()));
}

fn finding_line(l: &Labels, f: &FindingNote, with_message: bool) -> String {
    if with_message && !f.message.is_empty() {
        format!("[{}] {}{}{}", l.kind(f.kind), f.id, l.colon, f.message)
    } else {
        format!("[{}] {}", l.kind(f.kind), f.id)
    }
}

/// What only one grid version has, when the two differ.
fn not_comparable(page: &mut Page, l: &Labels, c: &Comparison) {
    let nc = &c.not_comparable;
    if nc.is_empty() {
        return;
    }
    page.heading(l.not_comparable);
    for (label, ids) in [
        (l.axes_only_old, &nc.axes_only_old),
        (l.axes_only_new, &nc.axes_only_new),
        (l.criteria_only_old, &nc.criteria_only_old),
        (l.criteria_only_new, &nc.criteria_only_new),
    ] {
        if !ids.is_empty() {
            page.item(&format!("{label}{}{}", l.colon, ids.join(", ")));
        }
    }
}
