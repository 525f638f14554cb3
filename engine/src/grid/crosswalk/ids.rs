//! Reading a change's `old` and `new` ids in the shape its kind takes: one
//! id, several (`split`, `merged`) or none (`added`, `removed`).

use super::model::ChangeKind;
use crate::document::{as_code, Node, Sink, TableReader, Value};

/// How many ids a change kind takes on one side.
#[derive(Clone, Copy, PartialEq)]
pub(super) enum Shape {
    None,
    One,
    Several,
}

pub(super) fn old_shape(kind: ChangeKind) -> Shape {
    match kind {
        ChangeKind::Added => Shape::None,
        ChangeKind::Merged => Shape::Several,
        _ => Shape::One,
    }
}

pub(super) fn new_shape(kind: ChangeKind) -> Shape {
    match kind {
        ChangeKind::Removed => Shape::None,
        ChangeKind::Split => Shape::Several,
        _ => Shape::One,
    }
}

/// Reads `old` or `new` in the shape its change kind takes.
pub(super) fn read_ids(
    c: &TableReader<'_>,
    key: &str,
    shape: Shape,
    sink: &mut Sink,
) -> Option<Vec<String>> {
    let node = c.get(key);
    let kind = c.get("change").and_then(as_code).unwrap_or_default();
    match (shape, node) {
        (Shape::None, None) => Some(Vec::new()),
        (Shape::None, Some(n)) => {
            sink.error_hint(
                "crosswalk-shape",
                format!("a `{kind}` change has no `{key}`"),
                format!("remove `{key}`"),
                n.span.clone(),
                &c.path_of(key),
            );
            None
        }
        (_, None) => {
            let what = if shape == Shape::One {
                "a criterion full id, e.g. \"collectif.accueil\""
            } else {
                "an array of criterion full ids"
            };
            c.missing(key, what, sink);
            None
        }
        (Shape::One, Some(n)) => match &n.value {
            Value::Str(s) => Some(vec![s.clone()]),
            _ => shape_error(c, key, &kind, "one criterion id (a string)", n, sink),
        },
        (Shape::Several, Some(n)) => several_ids(c, key, &kind, n, sink),
    }
}

pub(super) fn several_ids(
    c: &TableReader<'_>,
    key: &str,
    kind: &str,
    n: &Node,
    sink: &mut Sink,
) -> Option<Vec<String>> {
    let Value::Array(items) = &n.value else {
        return shape_error(
            c,
            key,
            kind,
            "an array of at least two criterion ids",
            n,
            sink,
        );
    };
    let ids: Option<Vec<String>> = items
        .iter()
        .map(|i| match &i.value {
            Value::Str(s) => Some(s.clone()),
            _ => None,
        })
        .collect();
    match ids {
        Some(ids) if ids.len() >= 2 => Some(ids),
        _ => shape_error(
            c,
            key,
            kind,
            "an array of at least two criterion ids",
            n,
            sink,
        ),
    }
}

pub(super) fn shape_error<T>(
    c: &TableReader<'_>,
    key: &str,
    kind: &str,
    what: &str,
    n: &Node,
    sink: &mut Sink,
) -> Option<T> {
    sink.error_hint(
        "crosswalk-shape",
        format!("`{key}` of a `{kind}` change must be {what}"),
        "renamed, reworded: old = \"a.b\", new = \"a.c\"; split: new = [\"a.c\", \"a.d\"]; merged: old = [\"a.b\", \"a.c\"]".into(),
        n.span.clone(),
        &c.path_of(key),
    );
    None
}

/// The span of `key`, or of its `i`-th item when it is an array.
pub(super) fn id_span(c: &TableReader<'_>, key: &str, i: usize) -> Option<std::ops::Range<usize>> {
    let node = c.get(key)?;
    match &node.value {
        Value::Array(items) => items.get(i).and_then(|n| n.span.clone()),
        _ => node.span.clone(),
    }
}
