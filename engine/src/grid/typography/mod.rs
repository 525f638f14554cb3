//! The typography lint and its fixer: French texts of a grid file with an
//! ordinary space (or none) before `; : ! ?` or inside « », or a straight
//! apostrophe.
//!
//! It reads the grid's source, not its model, because the fix must rewrite
//! only the characters at fault and keep every other byte of the file —
//! comments, order, escapes, multi-line and literal strings — as written.

mod marks;
mod strings;

use crate::diagnostic::{Diagnostic, LineIndex};
use crate::document::{join_path, parse_toml, Node, Value};
use marks::{Edit, APOSTROPHE, NBSP};
use std::ops::Range;
use strings::{characters, write_like, Written};

/// What the typography lint found in a grid file, and the file fixed.
#[derive(Debug, Clone, PartialEq)]
pub struct Typography {
    /// One warning (code `typography`) per character at fault, located at it;
    /// or the TOML syntax errors when the file does not parse (nothing is fixed then).
    pub diagnostics: Vec<Diagnostic>,
    /// The source with only those characters rewritten.
    pub fixed: String,
}

impl Typography {
    /// True when the fix changes the file.
    pub fn changes(&self, source: &str) -> bool {
        self.fixed != source
    }
}

/// Keys whose plain-string values are texts (in a grid whose first language is French).
const TEXT_KEYS: &[&str] = &[
    "title",
    "description",
    "question",
    "hint",
    "label",
    "message",
    "text",
    "note",
];

/// Checks the French texts of a grid's TOML source and fixes them.
pub fn check(source: &str) -> Typography {
    let root = match parse_toml(source) {
        Ok(root) => root,
        Err(errors) => {
            return Typography {
                diagnostics: errors,
                fixed: source.to_owned(),
            }
        }
    };
    let languages = declared_languages(&root);
    let walker = Walker {
        source,
        languages: &languages,
    };
    let mut found = Vec::new();
    walker.walk(&root, "", None, None, &mut found);
    let index = LineIndex::new(source);
    let mut diagnostics: Vec<Diagnostic> = found
        .iter()
        .map(|f| f.diagnostic.clone().locate_in(&index))
        .collect();
    crate::sort::sort_by_key(&mut diagnostics, |d| (d.line, d.column));
    let mut edits: Vec<(Range<usize>, String)> = found.into_iter().map(|f| f.edit).collect();
    edits.sort_by_key(|(r, _)| (r.start, r.end));
    edits.dedup_by(|a, b| a.0 == b.0);
    Typography {
        diagnostics,
        fixed: apply(source, &edits),
    }
}

/// The grid's `languages`; French alone when it declares none.
fn declared_languages(root: &Node) -> Vec<String> {
    let list = table_get(root, "grid").and_then(|g| table_get(g, "languages"));
    let languages: Vec<String> = match list.map(|n| &n.value) {
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(|i| match &i.value {
                Value::Str(s) => Some(s.clone()),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    };
    if languages.is_empty() {
        vec!["fr".into()]
    } else {
        languages
    }
}

fn table_get<'a>(node: &'a Node, key: &str) -> Option<&'a Node> {
    match &node.value {
        Value::Table(entries) => entries.iter().find(|(k, _, _)| k == key).map(|(_, _, n)| n),
        _ => None,
    }
}

fn is_french(language: &str) -> bool {
    language == "fr" || language.starts_with("fr-")
}

/// A character at fault: its warning and the edit of the source that fixes it.
struct Found {
    diagnostic: Diagnostic,
    edit: (Range<usize>, String),
}

struct Walker<'s> {
    source: &'s str,
    languages: &'s [String],
}

impl Walker<'_> {
    /// Visits every French text under `node`; `key` is the key holding it and
    /// `parent` the key holding that one (a `levels` table holds texts).
    fn walk(
        &self,
        node: &Node,
        path: &str,
        key: Option<&str>,
        parent: Option<&str>,
        out: &mut Vec<Found>,
    ) {
        match &node.value {
            Value::Table(entries) if self.is_text_table(entries) => {
                for (lang, _, text) in entries.iter().filter(|(l, _, _)| is_french(l)) {
                    self.text(text, &join_path(path, lang), out);
                }
            }
            Value::Table(entries) => {
                for (k, _, child) in entries {
                    self.walk(child, &join_path(path, k), Some(k), key, out);
                }
            }
            Value::Array(items) => {
                for (i, child) in items.iter().enumerate() {
                    self.walk(child, &format!("{path}[{i}]"), key, parent, out);
                }
            }
            Value::Str(_) => {
                let is_text =
                    key.is_some_and(|k| TEXT_KEYS.contains(&k)) || parent == Some("levels");
                if is_text && self.languages.first().is_some_and(|l| is_french(l)) {
                    self.text(node, path, out);
                }
            }
            _ => {}
        }
    }

    /// `{ fr = "…", en = "…" }`: strings under declared languages only.
    fn is_text_table(&self, entries: &[(String, Option<Range<usize>>, Node)]) -> bool {
        !entries.is_empty()
            && entries
                .iter()
                .all(|(k, _, n)| self.languages.contains(k) && matches!(n.value, Value::Str(_)))
    }

    fn text(&self, node: &Node, path: &str, out: &mut Vec<Found>) {
        let Some(written) = node.span.clone().and_then(|s| characters(self.source, s)) else {
            return;
        };
        let chars: Vec<char> = written.iter().map(|w| w.ch).collect();
        for issue in marks::issues(&chars) {
            let (edit, hint) = source_edit(&written, issue.edit);
            out.push(Found {
                diagnostic: Diagnostic::warning("typography", issue.message)
                    .with_hint(format!(
                        "{hint}; `domino grid fmt --fix FILE` fixes every such character"
                    ))
                    .with_path(path)
                    .at(Some(written[issue.at].bytes.clone())),
                edit,
            });
        }
    }
}

/// The bytes to rewrite for an edit, and what to tell the author.
fn source_edit(written: &[Written], edit: Edit) -> ((Range<usize>, String), String) {
    match edit {
        Edit::Replace { index, with } => {
            let w = &written[index];
            (
                (w.bytes.clone(), write_like(with, w)),
                format!("write {} instead", name(with)),
            )
        }
        Edit::Insert { index, ch } => {
            let at = written[index].bytes.start;
            ((at..at, ch.to_string()), format!("insert {}", name(ch)))
        }
    }
}

fn name(c: char) -> &'static str {
    match c {
        NBSP => "a no-break space (U+00A0)",
        APOSTROPHE => "the apostrophe ’ (U+2019)",
        _ => "a narrow no-break space (U+202F)",
    }
}

/// `source` with each (range, replacement) applied; ranges sorted, not overlapping.
fn apply(source: &str, edits: &[(Range<usize>, String)]) -> String {
    let mut out = String::with_capacity(source.len() + edits.len() * 2);
    let mut at = 0;
    for (range, with) in edits {
        out.push_str(&source[at..range.start]);
        out.push_str(with);
        at = range.end;
    }
    out.push_str(&source[at..]);
    out
}
