//! A comparison of two batches for people (table, Markdown) and for
//! spreadsheets (CSV records: the caller writes the fields).

use super::batches::{BatchSummary, GroupChange, InitiativeChange, Unmatched};
use super::records::figure_cell;
use crate::page::{Layout, Page};
use crate::vocabulary::{ComparisonLabels, Language};

/// The columns of per-initiative CSV records: id, name, whether the initiative
/// is in both batches (`both`, `old_only`, `new_only`), the overall score before,
/// after and its change, each axis' change, and the findings appeared and resolved.
pub fn batch_csv_header(axes: &[String]) -> Vec<String> {
    let mut h: Vec<String> = [
        "id",
        "name",
        "in",
        "overall.old",
        "overall.new",
        "overall.delta",
    ]
    .map(String::from)
    .to_vec();
    h.extend(axes.iter().map(|a| format!("{a}.delta")));
    h.extend(["appeared", "resolved"].map(String::from));
    h
}

fn ids(keys: &[super::FindingKey]) -> String {
    keys.iter()
        .map(|k| k.id.as_str())
        .collect::<Vec<_>>()
        .join(";")
}

/// The CSV record of an initiative in both batches, aligned with [`batch_csv_header`].
pub fn batch_csv_record(c: &InitiativeChange, axes: &[String]) -> Vec<String> {
    let ch = &c.change;
    let mut r = vec![
        c.id.clone(),
        c.initiative.clone(),
        "both".to_owned(),
        figure_cell(ch.overall.old),
        figure_cell(ch.overall.new),
        figure_cell(ch.overall.delta),
    ];
    for id in axes {
        r.push(figure_cell(
            ch.axes
                .iter()
                .find(|a| &a.id == id)
                .and_then(|a| a.score.delta),
        ));
    }
    r.push(ids(&ch.findings.appeared));
    r.push(ids(&ch.findings.resolved));
    r
}

/// The CSV record of an initiative only one batch has (`in` says which).
pub fn unmatched_csv_record(u: &Unmatched, old: bool, axes: &[String]) -> Vec<String> {
    let mut r = vec![
        u.id.clone(),
        u.initiative.clone(),
        if old { "old_only" } else { "new_only" }.to_owned(),
    ];
    r.resize(r.len() + 3 + axes.len() + 2, String::new());
    r
}

/// The columns of per-group CSV records.
pub fn group_csv_header(s: &BatchSummary) -> Vec<String> {
    let mut h = s.by.clone();
    h.extend(["matched", "old_only", "new_only", "overall.mean_delta"].map(String::from));
    h.extend(s.axes.iter().map(|a| format!("{a}.mean_delta")));
    h.extend(["appeared", "resolved"].map(String::from));
    h
}

/// One CSV record per group, then the total (its group cells say `*`).
pub fn group_csv_records(s: &BatchSummary) -> Vec<Vec<String>> {
    let record = |g: &GroupChange, key: Vec<String>| {
        let mut r = key;
        r.extend([g.matched, g.only_in_old, g.only_in_new].map(|n| n.to_string()));
        r.push(figure_cell(g.overall.mean));
        r.extend(g.axes.iter().map(|m| figure_cell(m.mean)));
        r.extend([g.appeared, g.resolved].map(|n| n.to_string()));
        r
    };
    let mut out: Vec<Vec<String>> = s.groups.iter().map(|g| record(g, g.key.clone())).collect();
    out.push(record(&s.total, vec!["*".to_owned(); s.by.len()]));
    out
}

fn group_rows(lang: Language, s: &BatchSummary) -> (Vec<String>, Vec<Vec<String>>) {
    let l = lang.comparison();
    let mut head = vec![
        s.by.join(" / "),
        l.matched.to_owned(),
        l.only_in_old.to_owned(),
        l.only_in_new.to_owned(),
        l.overall.to_owned(),
    ];
    head.extend(s.axes.iter().cloned());
    head.extend([l.appeared.to_owned(), l.resolved.to_owned()]);
    let row = |g: &GroupChange, name: String| {
        let mut r = vec![name];
        r.extend([g.matched, g.only_in_old, g.only_in_new].map(|n| n.to_string()));
        r.push(lang.signed(g.overall.mean));
        r.extend(g.axes.iter().map(|m| lang.signed(m.mean)));
        r.extend([g.appeared, g.resolved].map(|n| n.to_string()));
        r
    };
    let name = |key: &[String]| {
        key.iter()
            .map(|v| {
                if v.is_empty() {
                    l.empty_value
                } else {
                    v.as_str()
                }
            })
            .collect::<Vec<_>>()
            .join(" / ")
    };
    let mut rows: Vec<Vec<String>> = s.groups.iter().map(|g| row(g, name(&g.key))).collect();
    rows.push(row(&s.total, l.all.to_owned()));
    (head, rows)
}

/// The per-initiative table: its header and one row per initiative.
fn initiative_rows(
    lang: Language,
    changes: &[InitiativeChange],
    s: &BatchSummary,
) -> (Vec<String>, Vec<Vec<String>>) {
    let l: &ComparisonLabels = lang.comparison();
    let mut head = vec!["id".to_owned(), l.overall.to_owned()];
    head.extend(s.axes.iter().cloned());
    head.extend([l.appeared.to_owned(), l.resolved.to_owned()]);
    let rows = changes
        .iter()
        .map(|c| {
            let mut r = vec![c.id.clone(), lang.signed(c.change.overall.delta)];
            for id in &s.axes {
                let axis = c.change.axes.iter().find(|a| &a.id == id);
                r.push(lang.signed(axis.and_then(|a| a.score.delta)));
            }
            r.push(ids(&c.change.findings.appeared));
            r.push(ids(&c.change.findings.resolved));
            r
        })
        .collect();
    (head, rows)
}

/// Right-aligned columns: the figures, between the first column and the last `text` ones.
fn right(n: usize, text: usize) -> Vec<bool> {
    (0..n).map(|i| i > 0 && i < n - text).collect()
}

/// The comparison of two batches as a terminal table: the summary (by group
/// with `--by`), each initiative's change, the initiatives only one batch has.
pub fn batch_table(changes: &[InitiativeChange], s: &BatchSummary, lang: &str) -> String {
    render(changes, s, lang, Layout::Text)
}

/// The comparison of two batches as Markdown.
pub fn batch_markdown(changes: &[InitiativeChange], s: &BatchSummary, lang: &str) -> String {
    render(changes, s, lang, Layout::Markdown)
}

fn render(changes: &[InitiativeChange], s: &BatchSummary, lang: &str, layout: Layout) -> String {
    let lang = Language::of_text(lang);
    let l = lang.comparison();
    let mut page = Page::new(layout, lang);
    page.title(&lang.labelled(l.batch_title, &s.grid));
    if s.by.is_empty() {
        page.blank();
    } else {
        page.heading(l.by_group);
    }
    let (head, rows) = group_rows(lang, s);
    page.table(&head, &rows, &right(head.len(), 0));
    page.heading(&format!("{} ({})", l.initiatives, changes.len()));
    let (head, rows) = initiative_rows(lang, changes, s);
    page.table(&head, &rows, &right(head.len(), 2));
    for (title, list) in [
        (l.only_in_old, &s.only_in_old),
        (l.only_in_new, &s.only_in_new),
    ] {
        page.heading(&format!("{title} ({})", list.len()));
        if list.is_empty() {
            page.item(l.none);
        }
        for u in list {
            page.item(&format!("{} ({})", u.id, u.initiative));
        }
    }
    page.finish()
}
