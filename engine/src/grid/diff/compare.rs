//! Computing a [`GridDiff`] from two grids.

use super::{FieldChange, GridDiff, ItemDiff, Section, SectionKind, Shown, Status};
use crate::grid::crosswalk::{ChangeKind, Crosswalk};
use crate::grid::{Axis, Criterion, Grid, ProfileField, Recommendation, Rule, Scale};
use crate::text::Text;
use std::collections::HashSet;

impl Grid {
    /// What changed from `old` to this grid.
    ///
    /// Criteria are matched through this grid's crosswalk from `old`'s version
    /// when there is one, then by id; every other item by id.
    pub fn diff_from(&self, old: &Grid) -> GridDiff {
        let crosswalk = self.crosswalk_from(&old.version);
        let sections = [
            (SectionKind::Grid, grid_items(old, self)),
            (
                SectionKind::Scales,
                by_id(&old.scales, &self.scales, |s| &s.id, scale_fields),
            ),
            (
                SectionKind::Profile,
                by_id(&old.profile, &self.profile, |f| &f.id, profile_fields),
            ),
            (
                SectionKind::Axes,
                by_id(&old.axes, &self.axes, |a| &a.id, axis_fields),
            ),
            (SectionKind::Criteria, criteria_items(old, self, crosswalk)),
            (
                SectionKind::Rules,
                by_id(&old.rules, &self.rules, |r| &r.id, rule_fields),
            ),
            (
                SectionKind::Recommendations,
                by_id(
                    &old.recommendations,
                    &self.recommendations,
                    |r| &r.id,
                    recommendation_fields,
                ),
            ),
        ];
        GridDiff {
            id: self.id.clone(),
            old_version: old.version.clone(),
            new_version: self.version.clone(),
            crosswalk: crosswalk.is_some(),
            sections: sections
                .into_iter()
                .filter(|(_, items)| !items.is_empty())
                .map(|(kind, items)| Section { kind, items })
                .collect(),
        }
    }
}

fn item(id: &str, status: Status, from: Vec<String>, fields: Fields) -> ItemDiff {
    ItemDiff {
        id: id.to_owned(),
        status,
        from,
        fields: fields.changes,
        typography: fields.typography,
        note: None,
    }
}

/// Items matched by id: changed ones in the newer order, then removed ones.
fn by_id<T>(
    old: &[T],
    new: &[T],
    id: impl Fn(&T) -> &String,
    fields: impl Fn(&T, &T) -> Fields,
) -> Vec<ItemDiff> {
    let mut out = Vec::new();
    for n in new {
        match old.iter().find(|o| id(o) == id(n)) {
            None => out.push(item(id(n), Status::Added, Vec::new(), Fields::default())),
            Some(o) => {
                let changed = fields(o, n);
                if !changed.is_empty() {
                    out.push(item(id(n), Status::Changed, Vec::new(), changed));
                }
            }
        }
    }
    for o in old.iter().filter(|o| !new.iter().any(|n| id(n) == id(o))) {
        out.push(item(id(o), Status::Removed, Vec::new(), Fields::default()));
    }
    out
}

/// Collects the fields that differ.
#[derive(Default)]
struct Fields {
    changes: Vec<FieldChange>,
    /// Texts that differ only in their typography (spaces, apostrophes).
    typography: Vec<String>,
}

impl Fields {
    fn is_empty(&self) -> bool {
        self.changes.is_empty() && self.typography.is_empty()
    }

    fn plain(&mut self, field: &str, before: impl ToString, after: impl ToString) {
        let (before, after) = (before.to_string(), after.to_string());
        if before != after {
            self.push(field, Shown::Plain(before), Shown::Plain(after));
        }
    }

    fn text(&mut self, field: &str, before: Option<&Text>, after: Option<&Text>) {
        if let (Some(b), Some(a)) = (before, after) {
            if b != a && same_words(b, a) {
                self.typography.push(field.to_owned());
                return;
            }
        }
        if before != after {
            let shown = |t: Option<&Text>| t.map_or(Shown::Absent, |t| Shown::Text(t.clone()));
            self.push(field, shown(before), shown(after));
        }
    }

    fn optional(&mut self, field: &str, before: Option<String>, after: Option<String>) {
        if before != after {
            let shown = |s: Option<String>| s.map_or(Shown::Absent, Shown::Plain);
            self.push(field, shown(before), shown(after));
        }
    }

    fn push(&mut self, field: &str, before: Shown, after: Shown) {
        self.changes.push(FieldChange {
            field: field.to_owned(),
            before,
            after,
        });
    }
}

/// The same words in every language, whatever the spaces and apostrophes:
/// a text that only had its typography fixed.
fn same_words(a: &Text, b: &Text) -> bool {
    let words = |s: &str| -> String {
        s.chars()
            .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}'))
            .map(|c| if c == '’' { '\'' } else { c })
            .collect()
    };
    a.entries().len() == b.entries().len()
        && a.entries()
            .iter()
            .zip(b.entries())
            .all(|((la, ta), (lb, tb))| la == lb && words(ta) == words(tb))
}

fn grid_items(old: &Grid, new: &Grid) -> Vec<ItemDiff> {
    let mut f = Fields::default();
    f.text("title", Some(&old.title), Some(&new.title));
    f.text(
        "description",
        old.description.as_ref(),
        new.description.as_ref(),
    );
    f.plain(
        "languages",
        old.languages.join(", "),
        new.languages.join(", "),
    );
    f.plain("overall", old.overall, new.overall);
    f.plain(
        "signals.target_gap",
        old.signals.target_gap,
        new.signals.target_gap,
    );
    f.plain(
        "signals.rater_gap",
        old.signals.rater_gap,
        new.signals.rater_gap,
    );
    if f.is_empty() {
        return Vec::new();
    }
    vec![item(&new.id, Status::Changed, Vec::new(), f)]
}

/// A scale's options as `code=score` pairs, with its special answers.
fn scale_shape(s: &Scale) -> String {
    let mut parts: Vec<String> = s
        .options
        .iter()
        .map(|o| format!("{}={}", o.code, o.score))
        .collect();
    parts.extend(
        s.not_applicable
            .iter()
            .chain(&s.unknown)
            .map(|a| a.code.clone()),
    );
    parts.join(", ")
}

fn scale_fields(old: &Scale, new: &Scale) -> Fields {
    let mut f = Fields::default();
    f.text("label", old.label.as_ref(), new.label.as_ref());
    f.plain("options", scale_shape(old), scale_shape(new));
    for (o, n) in old
        .options
        .iter()
        .zip(&new.options)
        .filter(|(o, n)| o.code == n.code)
    {
        f.text(
            &format!("options.{}.label", o.code),
            Some(&o.label),
            Some(&n.label),
        );
    }
    let below = |s: &Scale| s.options.get(s.critical_below).map(|o| o.code.clone());
    f.optional("critical_below", below(old), below(new));
    f
}

fn profile_fields(old: &ProfileField, new: &ProfileField) -> Fields {
    let mut f = Fields::default();
    f.text("label", Some(&old.label), Some(&new.label));
    let codes = |p: &ProfileField| {
        p.choices.as_ref().map(|c| {
            c.iter()
                .map(|c| c.code.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        })
    };
    f.optional("choices", codes(old), codes(new));
    f
}

fn axis_fields(old: &Axis, new: &Axis) -> Fields {
    let mut f = Fields::default();
    f.plain("weight", old.weight, new.weight);
    f.text("title", Some(&old.title), Some(&new.title));
    f.text("question", Some(&old.question), Some(&new.question));
    f.text(
        "description",
        old.description.as_ref(),
        new.description.as_ref(),
    );
    f
}

fn rule_fields(old: &Rule, new: &Rule) -> Fields {
    let mut f = Fields::default();
    f.plain("kind", old.kind.code(), new.kind.code());
    f.plain("when", old.when.source(), new.when.source());
    f.text("message", Some(&old.message), Some(&new.message));
    f.plain(
        "recommend",
        old.recommend.join(", "),
        new.recommend.join(", "),
    );
    f
}

fn recommendation_fields(old: &Recommendation, new: &Recommendation) -> Fields {
    let mut f = Fields::default();
    f.plain("phase", old.phase.code(), new.phase.code());
    f.text("title", Some(&old.title), Some(&new.title));
    f.text("text", Some(&old.text), Some(&new.text));
    f
}

/// The fields of a criterion that differ between its two versions.
fn criterion_fields(old_grid: &Grid, old: &Criterion, new_grid: &Grid, new: &Criterion) -> Fields {
    let mut f = Fields::default();
    let scale = |g: &Grid, c: &Criterion| {
        let s = &g.scales[c.scale];
        format!("{} ({})", s.id, scale_shape(s))
    };
    f.plain("scale", scale(old_grid, old), scale(new_grid, new));
    f.plain("weight", old.weight, new.weight);
    f.plain("critical", old.critical, new.critical);
    f.text("title", Some(&old.title), Some(&new.title));
    f.text("question", Some(&old.question), Some(&new.question));
    f.text("hint", old.hint.as_ref(), new.hint.as_ref());
    let levels = |g: &Grid, c: &Criterion| -> Vec<(String, Option<Text>)> {
        let s = &g.scales[c.scale];
        s.options
            .iter()
            .map(|o| o.code.clone())
            .zip(c.levels.iter().cloned())
            .collect()
    };
    let (before, after) = (levels(old_grid, old), levels(new_grid, new));
    let mut codes: Vec<&String> = before.iter().chain(&after).map(|(code, _)| code).collect();
    codes.dedup();
    let mut seen = HashSet::new();
    for code in codes.into_iter().filter(|c| seen.insert(*c)) {
        let find = |l: &[(String, Option<Text>)]| {
            l.iter()
                .find(|(c, _)| c == code)
                .and_then(|(_, t)| t.clone())
        };
        f.text(
            &format!("levels.{code}"),
            find(&before).as_ref(),
            find(&after).as_ref(),
        );
    }
    let relevant = |c: &Criterion| c.relevant.as_ref().map(|r| r.source().to_owned());
    f.optional("relevant", relevant(old), relevant(new));
    f
}

/// Criteria: through the crosswalk first, then by id.
fn criteria_items(old: &Grid, new: &Grid, crosswalk: Option<&Crosswalk>) -> Vec<ItemDiff> {
    let mut out = Vec::new();
    let mut old_done: HashSet<&str> = HashSet::new();
    for (_, n) in new.criteria() {
        let change =
            crosswalk.and_then(|cw| cw.changes.iter().find(|c| c.new.contains(&n.full_id)));
        let entry = match change {
            Some(change) => {
                old_done.extend(change.old.iter().map(String::as_str));
                let status = match change.change {
                    ChangeKind::Renamed => Status::Renamed,
                    ChangeKind::Split => Status::Split,
                    ChangeKind::Merged => Status::Merged,
                    ChangeKind::Reworded => Status::Reworded,
                    ChangeKind::Added | ChangeKind::Removed => Status::Added,
                };
                let single_old = match change.old.as_slice() {
                    [one] => old.criterion_index(one).map(|i| old.criterion(i)),
                    _ => None,
                };
                let fields = match (status, single_old) {
                    (Status::Renamed | Status::Reworded, Some(o)) => {
                        criterion_fields(old, o, new, n)
                    }
                    _ => Fields::default(),
                };
                let from = if status == Status::Reworded {
                    Vec::new()
                } else {
                    change.old.clone()
                };
                let mut entry = item(&n.full_id, status, from, fields);
                entry.note.clone_from(&change.note);
                entry
            }
            None => match old.criterion_index(&n.full_id) {
                None => item(&n.full_id, Status::Added, Vec::new(), Fields::default()),
                Some(i) => {
                    old_done.insert(old.criterion(i).full_id.as_str());
                    let fields = criterion_fields(old, old.criterion(i), new, n);
                    if fields.is_empty() {
                        continue;
                    }
                    item(&n.full_id, Status::Changed, Vec::new(), fields)
                }
            },
        };
        out.push(entry);
    }
    for (_, o) in old
        .criteria()
        .filter(|(_, o)| !old_done.contains(o.full_id.as_str()))
    {
        if new.criterion_index(&o.full_id).is_none() {
            let mut entry = item(&o.full_id, Status::Removed, Vec::new(), Fields::default());
            entry.note = crosswalk
                .and_then(|cw| cw.changes.iter().find(|c| c.old.contains(&o.full_id)))
                .and_then(|c| c.note.clone());
            out.push(entry);
        }
    }
    out
}
