//! Answers and criteria in words, for the warnings of a carry: every level,
//! target and evidence note spelt out, so that nothing is lost from view.

use crate::assessment::Answer;
use crate::grid::Scale;
use crate::text::Text;

/// Why an old level cannot be carried to `new`: it is not on its scale.
pub(super) fn bad_level(scale: &Scale, new: &str, old: &str, mapped: &str) -> String {
    let mapped = if old == mapped {
        format!("level `{old}`")
    } else {
        format!("level `{old}` (read as `{mapped}`)")
    };
    format!(
        "{mapped} is not on the scale of `{new}` ({})",
        scale.accepted_codes().join(", ")
    )
}

/// ` as level 3, target 3` when the crosswalk's `levels` changed the codes.
pub(super) fn read_as(old: &Answer, new: &Answer) -> String {
    if same_levels(old, new) {
        return String::new();
    }
    let mut parts = vec![describe_levels(new)];
    parts.extend(new.target.as_ref().map(|t| format!("target {t}")));
    format!(" as {}", parts.join(", "))
}

/// The same level, target and per-rater levels.
pub(super) fn same_levels(a: &Answer, b: &Answer) -> bool {
    a.level == b.level && a.target == b.target && a.by == b.by
}

/// `a.b` level 2, `a.c` level 3: for a warning about disagreeing answers.
pub(super) fn levels_of(answered: &[(&String, Answer)]) -> String {
    answered
        .iter()
        .map(|(id, a)| format!("`{id}` {}", describe_levels(a)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Every old evidence note, each named by its criterion when there are several.
pub(super) fn joined_evidence(answered: &[(&String, Answer)]) -> Option<String> {
    let notes: Vec<(&String, &String)> = answered
        .iter()
        .filter_map(|(id, a)| Some((*id, a.evidence.as_ref()?)))
        .collect();
    match notes.as_slice() {
        [] => None,
        [(_, e)] => Some((*e).clone()),
        _ => Some(
            notes
                .iter()
                .map(|(id, e)| format!("[{id}] {e}"))
                .collect::<Vec<_>>()
                .join("\n"),
        ),
    }
}

/// An answer in words: its levels, target and evidence, nothing left out.
pub(super) fn describe(a: &Answer) -> String {
    let mut parts = vec![describe_levels(a)];
    if let Some(t) = &a.target {
        parts.push(format!("target {t}"));
    }
    if let Some(e) = &a.evidence {
        parts.push(format!("evidence: \"{e}\""));
    }
    parts.join(", ")
}

/// Only the levels of an answer: `level 2`, `levels elu 3, membre 1`.
pub(super) fn describe_levels(a: &Answer) -> String {
    let mut parts = Vec::new();
    if let Some(l) = &a.level {
        parts.push(format!("level {l}"));
    }
    if !a.by.is_empty() {
        let by: Vec<String> = a.by.iter().map(|(r, l)| format!("{r} {l}")).collect();
        parts.push(format!("levels {}", by.join(", ")));
    }
    if parts.is_empty() {
        parts.push("no level".into());
    }
    parts.join(", ")
}

/// Ids as code, comma-separated.
pub(super) fn quoted(ids: &[String]) -> String {
    ids.iter()
        .map(|i| format!("`{i}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The change's note, in English when the grid has it (diagnostics are in English).
pub(super) fn note_suffix(note: Option<&Text>) -> String {
    note.map(|n| format!(" — {}", n.get("en")))
        .unwrap_or_default()
}
