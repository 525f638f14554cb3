//! A comparison of two assessments as text people read, in the comparison's
//! language: what goes on the page, once, for the terminal and for Markdown.

use super::assessments::{AnswerSide, Comparison, CriterionChange, FindingNote, Side};
use crate::page::{Layout, Page};
use crate::rules::AnswerState;
use crate::vocabulary::{Language, NO_FIGURE};
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
    let lang = Language::of_text(&c.lang);
    let l = lang.comparison();
    let mut page = Page::new(layout, lang);
    let (old_name, new_name) = (&c.old.initiative, &c.new.initiative);
    page.title(&if old_name == new_name {
        lang.labelled(l.title, new_name)
    } else {
        lang.labelled(l.title, format!("{old_name} → {new_name}"))
    });
    let version = if c.old.grid_version == c.new.grid_version {
        c.new.grid_version.clone()
    } else {
        format!("{} → {}", c.old.grid_version, c.new.grid_version)
    };
    page.fact(l.grid, &format!("{} {version}", c.grid));
    page.fact(l.before, &side(&c.old));
    page.fact(l.after, &side(&c.new));
    let overall = &c.overall;
    let moved = format!(
        "{} → {} ({})",
        lang.score(overall.old),
        lang.score(overall.new),
        lang.signed(overall.delta)
    );
    page.fact(l.overall, &moved);
    page.blank();
    let head = [l.axis, l.before, l.after, l.change, l.coverage].map(String::from);
    page.table(
        &head,
        &axis_rows(lang, c),
        &[false, true, true, true, false],
    );
    criteria(&mut page, lang, c);
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
            page.item(&finding_line(lang, f, message));
        }
    }
    not_comparable(&mut page, lang, c);
    page.finish()
}

fn side(s: &Side) -> String {
    match &s.date {
        Some(d) => format!("{}, {d}", s.initiative),
        None => s.initiative.clone(),
    }
}

fn axis_rows(lang: Language, c: &Comparison) -> Vec<Vec<String>> {
    let l = lang.comparison();
    let cov =
        |v: Option<f64>| v.map_or(NO_FIGURE.to_owned(), |p| lang.percent(lang.score(Some(p))));
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
                lang.score(score.old),
                lang.score(score.new),
                lang.signed(score.delta),
                format!("{} → {}", cov(coverage.old), cov(coverage.new)),
            ]
        })
        .collect()
}

fn answer_text(lang: Language, a: &AnswerSide) -> String {
    let l = lang.comparison();
    let mut s = match &a.level {
        Some(level) if a.state == AnswerState::Answered => {
            format!("{} {}", level.code, level.label)
        }
        _ => lang.state(a.state).to_owned(),
    };
    if let Some(t) = &a.target {
        let _ = write!(s, " ({} {})", l.target, t.code);
    }
    s
}

fn change_text(lang: Language, c: &CriterionChange) -> String {
    let l = lang.comparison();
    let mut s = l.change(c.change).to_owned();
    if c.target_changed {
        let code = |a: &AnswerSide| {
            a.target
                .as_ref()
                .map_or(NO_FIGURE.to_owned(), |t| t.code.clone())
        };
        let moved = format!("{} → {}", code(&c.old), code(&c.new));
        let _ = write!(s, ", {}", lang.labelled(l.target, moved));
    }
    s
}

/// The criteria that changed, and how many did not.
fn criteria(page: &mut Page, lang: Language, c: &Comparison) {
    let l = lang.comparison();
    page.heading(l.criteria_changed);
    let rows: Vec<Vec<String>> = c
        .criteria
        .iter()
        .filter(|x| x.changed())
        .map(|x| {
            vec![
                x.title.clone(),
                answer_text(lang, &x.old),
                answer_text(lang, &x.new),
                change_text(lang, x),
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

fn finding_line(lang: Language, f: &FindingNote, with_message: bool) -> String {
    let kind = lang.comparison().kind(f.kind);
    if with_message && !f.message.is_empty() {
        lang.labelled(&format!("[{kind}] {}", f.id), &f.message)
    } else {
        format!("[{kind}] {}", f.id)
    }
}

/// What only one grid version has, when the two differ.
fn not_comparable(page: &mut Page, lang: Language, c: &Comparison) {
    let l = lang.comparison();
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
            page.item(&lang.labelled(label, ids.join(", ")));
        }
    }
}
