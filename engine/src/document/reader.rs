//! Walking a document tree while collecting every problem.

use super::tree::{Node, Value};
use crate::diagnostic::{did_you_mean, Diagnostic, LineIndex};
use std::ops::Range;

/// Collects diagnostics while a document is read.
#[derive(Debug, Default)]
pub(crate) struct Sink {
    pub diagnostics: Vec<Diagnostic>,
}

impl Sink {
    /// Records a diagnostic.
    pub fn push(&mut self, d: Diagnostic) {
        self.diagnostics.push(d);
    }

    /// Records an error at a place.
    pub fn error(&mut self, code: &str, message: String, span: Option<Range<usize>>, path: &str) {
        self.push(Diagnostic::error(code, message).at(span).with_path(path));
    }

    /// Records an error with a hint at a place.
    pub fn error_hint(
        &mut self,
        code: &str,
        message: String,
        hint: String,
        span: Option<Range<usize>>,
        path: &str,
    ) {
        self.push(
            Diagnostic::error(code, message)
                .with_hint(hint)
                .at(span)
                .with_path(path),
        );
    }

    /// True when an error was recorded.
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }

    /// Fills lines and columns, sorts by position (errors first at equal position).
    pub fn finish(mut self, index: &LineIndex<'_>) -> Vec<Diagnostic> {
        self.diagnostics = self
            .diagnostics
            .into_iter()
            .map(|d| d.locate_in(index))
            .collect();
        crate::sort::sort_by_key(&mut self.diagnostics, |d| (d.line, d.column, d.severity));
        self.diagnostics
    }
}

/// A view of a table of the document, with its path for messages.
#[derive(Debug, Clone)]
pub(crate) struct TableReader<'a> {
    entries: &'a [(String, Option<Range<usize>>, Node)],
    span: Option<Range<usize>>,
    path: String,
}

impl<'a> TableReader<'a> {
    /// Reads `node` as a table; records an error if it is not one.
    pub fn new(node: &'a Node, path: &str, sink: &mut Sink) -> Option<Self> {
        match &node.value {
            Value::Table(entries) => Some(TableReader {
                entries,
                span: node.span.clone(),
                path: path.to_owned(),
            }),
            other => {
                sink.error(
                    "wrong-type",
                    format!(
                        "`{}` must be a table, found {}",
                        display_path(path),
                        other.kind()
                    ),
                    node.span.clone(),
                    path,
                );
                None
            }
        }
    }

    /// The table's own path.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The table's span (its header, or the whole inline table).
    pub fn span(&self) -> Option<Range<usize>> {
        self.span.clone()
    }

    /// The path of one of its keys.
    pub fn path_of(&self, key: &str) -> String {
        join_path(&self.path, key)
    }

    /// All entries.
    pub fn entries(&self) -> impl Iterator<Item = (&'a str, Option<Range<usize>>, &'a Node)> {
        self.entries
            .iter()
            .map(|(k, s, n)| (k.as_str(), s.clone(), n))
    }

    /// Records an error for every key not in `allowed`, suggesting the closest allowed key.
    pub fn check_keys(&self, allowed: &[&str], sink: &mut Sink) {
        for (key, span, _) in self.entries.iter() {
            if allowed.contains(&key.as_str()) {
                continue;
            }
            let hint = match did_you_mean(key, allowed.iter().copied()) {
                Some(best) => format!("did you mean `{best}`?"),
                None => format!("allowed keys here: {}", allowed.join(", ")),
            };
            sink.error_hint(
                "unknown-key",
                format!("unknown key `{key}` in `{}`", display_path(&self.path)),
                hint,
                span.clone(),
                &self.path_of(key),
            );
        }
    }

    /// The node under `key`, if present.
    pub fn get(&self, key: &str) -> Option<&'a Node> {
        self.entries
            .iter()
            .find(|(k, _, _)| k == key)
            .map(|(_, _, n)| n)
    }

    /// The span of `key` itself (falls back to the table's span).
    pub fn key_span(&self, key: &str) -> Option<Range<usize>> {
        self.entries
            .iter()
            .find(|(k, _, _)| k == key)
            .and_then(|(_, s, _)| s.clone())
            .or_else(|| self.span.clone())
    }

    /// Records that a required key is missing.
    pub fn missing(&self, key: &str, what: &str, sink: &mut Sink) {
        sink.error_hint(
            "missing-key",
            format!("`{}` is missing `{key}`", display_path(&self.path)),
            format!("add `{key} = …` ({what})"),
            self.span.clone().map(|s| s.start..s.start + 1),
            &self.path_of(key),
        );
    }

    fn wrong_type(&self, key: &str, node: &Node, expected: &str, sink: &mut Sink) {
        sink.error(
            "wrong-type",
            format!(
                "`{}` must be {expected}, found {}",
                self.path_of(key),
                node.value.kind()
            ),
            node.span.clone(),
            &self.path_of(key),
        );
    }

    /// An optional string.
    pub fn str(&self, key: &str, sink: &mut Sink) -> Option<&'a str> {
        let node = self.get(key)?;
        match &node.value {
            Value::Str(s) => Some(s),
            _ => {
                self.wrong_type(key, node, "a string", sink);
                None
            }
        }
    }

    /// A required string.
    pub fn req_str(&self, key: &str, what: &str, sink: &mut Sink) -> Option<&'a str> {
        if self.get(key).is_none() {
            self.missing(key, what, sink);
            return None;
        }
        self.str(key, sink)
    }

    /// An optional string or date (dates are kept as written).
    pub fn str_or_date(&self, key: &str, sink: &mut Sink) -> Option<String> {
        let node = self.get(key)?;
        match &node.value {
            Value::Str(s) | Value::Date(s) => Some(s.clone()),
            _ => {
                self.wrong_type(key, node, "a date or a string", sink);
                None
            }
        }
    }

    /// An optional boolean.
    pub fn bool(&self, key: &str, sink: &mut Sink) -> Option<bool> {
        let node = self.get(key)?;
        match node.value {
            Value::Bool(b) => Some(b),
            _ => {
                self.wrong_type(key, node, "true or false", sink);
                None
            }
        }
    }

    /// An optional number (integer or float; NaN and infinities are returned as such).
    pub fn number(&self, key: &str, sink: &mut Sink) -> Option<f64> {
        let node = self.get(key)?;
        match node.value {
            Value::Int(i) => Some(i as f64),
            Value::Float(f) => Some(f),
            _ => {
                self.wrong_type(key, node, "a number", sink);
                None
            }
        }
    }

    /// An optional array.
    pub fn array(&self, key: &str, sink: &mut Sink) -> Option<&'a [Node]> {
        let node = self.get(key)?;
        match &node.value {
            Value::Array(items) => Some(items),
            _ => {
                self.wrong_type(key, node, "an array", sink);
                None
            }
        }
    }

    /// An optional sub-table.
    pub fn table(&self, key: &str, sink: &mut Sink) -> Option<TableReader<'a>> {
        let node = self.get(key)?;
        TableReader::new(node, &self.path_of(key), sink)
    }
}

/// `a.b`, or `b` at the top level; keys that are not plain words are quoted.
pub(crate) fn join_path(parent: &str, key: &str) -> String {
    let plain = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
    let key = if plain {
        key.to_owned()
    } else {
        format!("\"{}\"", key.replace('"', "\\\""))
    };
    if parent.is_empty() {
        key
    } else {
        format!("{parent}.{key}")
    }
}

fn display_path(path: &str) -> &str {
    if path.is_empty() {
        "the document"
    } else {
        path
    }
}

/// The value of a node as a short code: strings as is, integers in decimal.
pub(crate) fn as_code(node: &Node) -> Option<String> {
    match &node.value {
        Value::Str(s) => Some(s.clone()),
        Value::Int(i) => Some(i.to_string()),
        _ => None,
    }
}
