//! Reading and validating `[[crosswalk]]` tables, every mistake located.

use super::ids::{id_span, new_shape, old_shape, read_ids};
use super::model::{ChangeKind, CriterionChange, Crosswalk};
use crate::diagnostic::did_you_mean;
use crate::document::{as_code, Sink, TableReader};
use crate::grid::model::{Axis, Scale};
use crate::grid::read_text::read_text;
use std::collections::{BTreeMap, HashMap, HashSet};

const CROSSWALK_KEYS: &[&str] = &["from", "note", "changes"];
const CHANGE_KEYS: &[&str] = &["change", "old", "new", "levels", "carry", "note"];

/// What the crosswalks are checked against: this version's criteria and scales.
struct Target<'g> {
    version: Option<&'g str>,
    /// Criterion full id → its scale.
    criteria: HashMap<&'g str, &'g Scale>,
    languages: &'g [String],
}

/// Reads every `[[crosswalk]]` table, recording each problem in `sink`.
pub(crate) fn read_crosswalks(
    top: &TableReader<'_>,
    version: Option<&str>,
    axes: &[Axis],
    scales: &[Scale],
    languages: &[String],
    sink: &mut Sink,
) -> Vec<Crosswalk> {
    let Some(items) = top.array("crosswalk", sink) else {
        return Vec::new();
    };
    let target = Target {
        version,
        criteria: axes
            .iter()
            .flat_map(|a| &a.criteria)
            .filter_map(|c| Some((c.full_id.as_str(), scales.get(c.scale)?)))
            .collect(),
        languages,
    };
    let mut seen = HashSet::new();
    let mut out = Vec::new();
    for (i, node) in items.iter().enumerate() {
        let path = format!("crosswalk[{i}]");
        let Some(t) = TableReader::new(node, &path, sink) else {
            continue;
        };
        let Some(crosswalk) = read_one(&t, &target, sink) else {
            continue;
        };
        if !seen.insert(crosswalk.from.clone()) {
            sink.error_hint(
                "duplicate-crosswalk",
                format!("two crosswalks read version {}", crosswalk.from),
                "keep one `[[crosswalk]]` per earlier version".into(),
                t.get("from").and_then(|n| n.span.clone()),
                &t.path_of("from"),
            );
        }
        out.push(crosswalk);
    }
    out
}

fn read_one(t: &TableReader<'_>, target: &Target<'_>, sink: &mut Sink) -> Option<Crosswalk> {
    t.check_keys(CROSSWALK_KEYS, sink);
    let from = t.req_str("from", "the earlier version it reads, e.g. \"1.0.0\"", sink);
    if let (Some(from), Some(version)) = (from, target.version) {
        if from == version {
            sink.error_hint(
                "crosswalk-same-version",
                format!("crosswalk `from = \"{from}\"` is this grid's own version"),
                "`from` names an earlier version of this grid; this one is `grid.version`".into(),
                t.get("from").and_then(|n| n.span.clone()),
                &t.path_of("from"),
            );
        }
    }
    let note = read_text(t, "note", target.languages, false, sink);
    let mut changes = Vec::new();
    let mut named = Named::default();
    for (j, node) in t
        .array("changes", sink)
        .unwrap_or_default()
        .iter()
        .enumerate()
    {
        let path = format!("{}.changes[{j}]", t.path());
        let Some(c) = TableReader::new(node, &path, sink) else {
            continue;
        };
        if let Some(change) = read_change(&c, target, &mut named, sink) {
            changes.push(change);
        }
    }
    Some(Crosswalk {
        from: from?.to_owned(),
        note,
        changes,
    })
}

/// Criteria already named by a change of this crosswalk: (old ids, new ids) → path.
#[derive(Default)]
struct Named {
    old: HashMap<String, String>,
    new: HashMap<String, String>,
}

fn read_change(
    c: &TableReader<'_>,
    target: &Target<'_>,
    named: &mut Named,
    sink: &mut Sink,
) -> Option<CriterionChange> {
    c.check_keys(CHANGE_KEYS, sink);
    let kind = read_kind(c, sink)?;
    let old = read_ids(c, "old", old_shape(kind), sink);
    let new = match (kind, c.get("new")) {
        (ChangeKind::Reworded, None) => old.clone(),
        _ => read_ids(c, "new", new_shape(kind), sink),
    };
    let (old, new) = (old?, new?);
    check_reworded_same_id(kind, c, &old, &new, sink);
    check_new_ids(c, target, &new, sink);
    check_old_ids(c, kind, target, &old, sink);
    check_named_once(c, named, &old, &new, kind, sink);
    let levels = read_levels(c, target, &new, sink);
    let carry = c.bool("carry", sink).unwrap_or(true);
    let note = read_text(c, "note", target.languages, false, sink);
    if note.is_none() && kind.needs_note() && c.get("note").is_none() {
        c.missing(
            "note",
            &format!("a `{}` change says why, in each language", kind.code()),
            sink,
        );
    }
    Some(CriterionChange {
        change: kind,
        old,
        new,
        levels: levels?,
        carry,
        note,
    })
}

fn read_kind(c: &TableReader<'_>, sink: &mut Sink) -> Option<ChangeKind> {
    let code = c.req_str(
        "change",
        "renamed, split, merged, reworded, added or removed",
        sink,
    )?;
    let kind = ChangeKind::from_code(code);
    if kind.is_none() {
        let codes = ChangeKind::ALL.map(ChangeKind::code);
        let hint = match did_you_mean(code, codes.iter().copied()) {
            Some(best) => format!("did you mean `{best}`?"),
            None => format!("use one of: {}", codes.join(", ")),
        };
        sink.error_hint(
            "unknown-change",
            format!("`{code}` is not a kind of crosswalk change"),
            hint,
            c.get("change").and_then(|n| n.span.clone()),
            &c.path_of("change"),
        );
    }
    kind
}

fn check_reworded_same_id(
    kind: ChangeKind,
    c: &TableReader<'_>,
    old: &[String],
    new: &[String],
    sink: &mut Sink,
) {
    if kind == ChangeKind::Reworded && old != new {
        sink.error_hint(
            "crosswalk-shape",
            format!(
                "a `reworded` change keeps its id, but `old` is `{}` and `new` is `{}`",
                old.join(", "),
                new.join(", ")
            ),
            "for a new id write `change = \"renamed\"`; for a reworded criterion give `old` only"
                .into(),
            id_span(c, "new", 0),
            &c.path_of("new"),
        );
    }
}

fn check_new_ids(c: &TableReader<'_>, target: &Target<'_>, new: &[String], sink: &mut Sink) {
    for (i, id) in new.iter().enumerate() {
        if target.criteria.contains_key(id.as_str()) {
            continue;
        }
        let hint = match did_you_mean(id, target.criteria.keys().copied()) {
            Some(best) => format!("did you mean `{best}`?"),
            None => "`new` names criteria of this grid, as `axis.criterion`".into(),
        };
        sink.error_hint(
            "crosswalk-unknown-criterion",
            format!("this grid has no criterion `{id}`"),
            hint,
            id_span(c, "new", i),
            &c.path_of("new"),
        );
    }
}

fn check_old_ids(
    c: &TableReader<'_>,
    kind: ChangeKind,
    target: &Target<'_>,
    old: &[String],
    sink: &mut Sink,
) {
    if kind == ChangeKind::Reworded {
        return; // its id is checked as a `new` id
    }
    for (i, id) in old.iter().enumerate() {
        if target.criteria.contains_key(id.as_str()) {
            sink.error_hint(
                "crosswalk-old-still-present",
                format!("`{id}` is still a criterion of this grid, but this `{}` change says it is gone", kind.code()),
                "a criterion that kept its id and changed its levels is `reworded`; otherwise check the id".into(),
                id_span(c, "old", i),
                &c.path_of("old"),
            );
        }
    }
}

fn check_named_once(
    c: &TableReader<'_>,
    named: &mut Named,
    old: &[String],
    new: &[String],
    kind: ChangeKind,
    sink: &mut Sink,
) {
    let path = c.path().to_owned();
    for (side, key, ids) in [("old", &mut named.old, old), ("new", &mut named.new, new)] {
        for (i, id) in ids.iter().enumerate() {
            if kind == ChangeKind::Reworded && side == "new" {
                continue; // the same id as `old`, already counted
            }
            if let Some(first) = key.insert(id.clone(), path.clone()) {
                sink.error_hint(
                    "crosswalk-duplicate",
                    format!("criterion `{id}` is named by two changes (`{first}` and `{path}`)"),
                    "say what happened to each criterion once".into(),
                    id_span(c, side, i),
                    &c.path_of(side),
                );
            }
        }
    }
}

fn read_levels(
    c: &TableReader<'_>,
    target: &Target<'_>,
    new: &[String],
    sink: &mut Sink,
) -> Option<BTreeMap<String, String>> {
    let Some(t) = c.table("levels", sink) else {
        return c.get("levels").is_none().then(BTreeMap::new);
    };
    let mut levels = BTreeMap::new();
    let mut ok = true;
    for (old_code, _, node) in t.entries() {
        let Some(code) = as_code(node) else {
            sink.error(
                "wrong-type",
                format!(
                    "`{}` must be a level code, found {}",
                    t.path_of(old_code),
                    node.value.kind()
                ),
                node.span.clone(),
                &t.path_of(old_code),
            );
            ok = false;
            continue;
        };
        for id in new {
            let Some(scale) = target.criteria.get(id.as_str()) else {
                continue;
            };
            if !scale.accepted_codes().contains(&code.as_str()) {
                sink.error_hint(
                    "crosswalk-unknown-level",
                    format!("`{code}` is not a level of `{id}`"),
                    format!("use one of: {}", scale.accepted_codes().join(", ")),
                    node.span.clone(),
                    &t.path_of(old_code),
                );
                ok = false;
            }
        }
        levels.insert(old_code.to_owned(), code);
    }
    ok.then_some(levels)
}
