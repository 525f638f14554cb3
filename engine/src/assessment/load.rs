//! Reading an assessment from TOML or JSON, reporting every problem with its place.

use super::model::{Answer, Assessment, Meta, Origins};
use crate::diagnostic::{Diagnostic, Diagnostics, LineIndex};
use crate::document::{as_code, parse_json, parse_toml, Node, Sink, TableReader, Value};
use std::collections::BTreeMap;

const TOP_KEYS: &[&str] = &["assessment", "profile", "answers"];
const META_KEYS: &[&str] = &[
    "grid",
    "grid_version",
    "id",
    "initiative",
    "territory",
    "date",
    "raters",
];
const ANSWER_KEYS: &[&str] = &["level", "target", "evidence", "by"];

impl Assessment {
    /// Reads an assessment written in TOML.
    ///
    /// The answers are not checked against a grid here: that happens when it is
    /// scored (see [`Grid::resolve`](crate::Grid::resolve)), with the places
    /// recorded now.
    pub fn from_toml(source: &str) -> Result<Assessment, Diagnostics> {
        let root = parse_toml(source).map_err(Diagnostics)?;
        read(&root, source)
    }

    /// Reads an assessment written in JSON (the same structure as the TOML form).
    pub fn from_json(source: &str) -> Result<Assessment, Diagnostics> {
        let root = parse_json(source).map_err(Diagnostics)?;
        read(&root, source)
    }
}

fn read(root: &Node, source: &str) -> Result<Assessment, Diagnostics> {
    let mut sink = Sink::default();
    let mut origins = Origins::default();
    let index = LineIndex::new(source);
    let assessment = read_root(root, &index, &mut sink, &mut origins);
    let diagnostics = sink.finish(&index);
    match assessment {
        Some(mut a) if !diagnostics.iter().any(Diagnostic::is_error) => {
            a.origins = origins;
            Ok(a)
        }
        _ => Err(Diagnostics(diagnostics)),
    }
}

fn read_root(
    root: &Node,
    index: &LineIndex<'_>,
    sink: &mut Sink,
    origins: &mut Origins,
) -> Option<Assessment> {
    let top = TableReader::new(root, "", sink)?;
    top.check_keys(TOP_KEYS, sink);
    let Some(meta_table) = top.table("assessment", sink) else {
        if top.get("assessment").is_none() {
            sink.error_hint(
                "missing-key",
                "the file has no `[assessment]` table".into(),
                "start with `[assessment]`, then `grid = \"domino\"` and `initiative = \"…\"`"
                    .into(),
                None,
                "assessment",
            );
        }
        return None;
    };
    meta_table.check_keys(META_KEYS, sink);
    let grid = meta_table.req_str("grid", "the id of the grid answered, e.g. \"domino\"", sink);
    let initiative = meta_table.req_str("initiative", "the initiative's name", sink);
    let raters = read_raters(&meta_table, sink);
    for key in META_KEYS {
        origins.record(
            meta_table.path_of(key),
            meta_table.get(key).and_then(|n| n.span.clone()),
            index,
        );
    }
    let meta = Meta {
        grid: grid.unwrap_or_default().to_owned(),
        grid_version: meta_table.str("grid_version", sink).map(str::to_owned),
        id: meta_table.str("id", sink).map(str::to_owned),
        initiative: initiative.unwrap_or_default().to_owned(),
        territory: meta_table.str("territory", sink).map(str::to_owned),
        date: meta_table.str_or_date("date", sink),
        raters,
    };

    let mut profile = BTreeMap::new();
    if let Some(t) = top.table("profile", sink) {
        for (key, key_span, node) in t.entries() {
            let path = t.path_of(key);
            origins.record(path.clone(), key_span, index);
            match &node.value {
                Value::Str(s) => {
                    profile.insert(key.to_owned(), s.clone());
                }
                other => sink.error(
                    "wrong-type",
                    format!(
                        "profile field `{key}` must be a string, found {}",
                        other.kind()
                    ),
                    node.span.clone(),
                    &path,
                ),
            }
        }
    }

    let mut answers = BTreeMap::new();
    if let Some(t) = top.table("answers", sink) {
        for (key, key_span, node) in t.entries() {
            let path = t.path_of(key);
            origins.record(path.clone(), key_span, index);
            if let Some(answer) = read_answer(node, &path, index, sink, origins) {
                answers.insert(key.to_owned(), answer);
            }
        }
    }
    (grid.is_some() && initiative.is_some()).then_some(Assessment {
        meta,
        profile,
        answers,
        origins: Origins::default(),
    })
}

fn read_raters(t: &TableReader<'_>, sink: &mut Sink) -> Vec<String> {
    let mut raters: Vec<String> = Vec::new();
    for (i, node) in t.array("raters", sink).unwrap_or(&[]).iter().enumerate() {
        let path = format!("{}[{i}]", t.path_of("raters"));
        match &node.value {
            Value::Str(s) if s.trim().is_empty() => sink.error(
                "empty-text",
                "a rater's name is empty".into(),
                node.span.clone(),
                &path,
            ),
            Value::Str(s) if raters.contains(s) => sink.error(
                "duplicate-id",
                format!("rater `{s}` is listed twice"),
                node.span.clone(),
                &path,
            ),
            Value::Str(s) => raters.push(s.clone()),
            other => sink.error(
                "wrong-type",
                format!("`{path}` must be a string, found {}", other.kind()),
                node.span.clone(),
                &path,
            ),
        }
    }
    raters
}

fn read_answer(
    node: &Node,
    path: &str,
    index: &LineIndex<'_>,
    sink: &mut Sink,
    origins: &mut Origins,
) -> Option<Answer> {
    if let Some(code) = as_code(node) {
        origins.record(format!("{path}.level"), node.span.clone(), index);
        return Some(Answer::level(code));
    }
    let Value::Table(_) = node.value else {
        sink.error_hint(
            "wrong-type",
            format!(
                "the answer `{path}` must be a level code or a table, found {}",
                node.value.kind()
            ),
            "write `\"3\"`, or `{ level = \"3\", target = \"4\", evidence = \"…\" }`".into(),
            node.span.clone(),
            path,
        );
        return None;
    };
    let t = TableReader::new(node, path, sink)?;
    t.check_keys(ANSWER_KEYS, sink);
    let mut code_at = |key: &str, sink: &mut Sink| -> Option<String> {
        let n = t.get(key)?;
        origins.record(t.path_of(key), n.span.clone(), index);
        let code = as_code(n);
        if code.is_none() {
            sink.error(
                "wrong-type",
                format!(
                    "`{}` must be a level code, found {}",
                    t.path_of(key),
                    n.value.kind()
                ),
                n.span.clone(),
                &t.path_of(key),
            );
        }
        code
    };
    let level = code_at("level", sink);
    let target = code_at("target", sink);
    let evidence = t.str("evidence", sink).map(str::to_owned);
    let mut by = BTreeMap::new();
    if let Some(bt) = t.table("by", sink) {
        for (rater, span, n) in bt.entries() {
            let rpath = bt.path_of(rater);
            origins.record(rpath.clone(), span.or(n.span.clone()), index);
            match as_code(n) {
                Some(code) => {
                    by.insert(rater.to_owned(), code);
                }
                None => sink.error(
                    "wrong-type",
                    format!("`{rpath}` must be a level code, found {}", n.value.kind()),
                    n.span.clone(),
                    &rpath,
                ),
            }
        }
    }
    Some(Answer {
        level,
        target,
        evidence,
        by,
    })
}
