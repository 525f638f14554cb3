//! The document tree: TOML and JSON parsed into one shape, keeping byte spans.
//! TOML is read here; JSON in `json.rs`.

use crate::diagnostic::{Diagnostic, LineIndex};
use std::ops::Range;

/// A value with the span it came from (None for JSON, which has no spans).
#[derive(Debug, Clone)]
pub(crate) struct Node {
    pub value: Value,
    pub span: Option<Range<usize>>,
}

/// A document value.
#[derive(Debug, Clone)]
pub(crate) enum Value {
    Str(String),
    Int(i64),
    Float(f64),
    Bool(bool),
    Date(String),
    /// JSON `null` inside an array (a `null` table entry counts as absent).
    Null,
    Array(Vec<Node>),
    /// Entries with their key spans, in key order.
    Table(Vec<(String, Option<Range<usize>>, Node)>),
}

impl Value {
    /// What a person would call this kind of value.
    pub fn kind(&self) -> &'static str {
        match self {
            Value::Str(_) => "a string",
            Value::Int(_) => "an integer",
            Value::Float(_) => "a number",
            Value::Bool(_) => "a boolean",
            Value::Date(_) => "a date",
            Value::Null => "null",
            Value::Array(_) => "an array",
            Value::Table(_) => "a table",
        }
    }
}

/// Parses TOML, returning the tree and every syntax error found.
pub(crate) fn parse_toml(source: &str) -> Result<Node, Vec<Diagnostic>> {
    let (table, errors) = toml::de::DeTable::parse_recoverable(source);
    if !errors.is_empty() {
        let index = LineIndex::new(source);
        return Err(errors
            .iter()
            .map(|e| {
                Diagnostic::error("toml-syntax", e.message().trim().to_owned())
                    .with_hint("fix the TOML syntax at this place (see https://toml.io)")
                    .at(e.span())
                    .locate_in(&index)
            })
            .collect());
    }
    let span = table.span();
    Ok(Node {
        value: Value::Table(convert_table(table.get_ref())),
        span: Some(span),
    })
}

fn convert_table(table: &toml::de::DeTable<'_>) -> Vec<(String, Option<Range<usize>>, Node)> {
    table
        .iter()
        .map(|(k, v)| (k.get_ref().to_string(), Some(k.span()), convert(v)))
        .collect()
}

fn convert(v: &toml::Spanned<toml::de::DeValue<'_>>) -> Node {
    use toml::de::DeValue;
    let value = match v.get_ref() {
        DeValue::String(s) => Value::Str(s.to_string()),
        DeValue::Integer(i) => match i64::from_str_radix(&i.as_str().replace('_', ""), i.radix()) {
            Ok(n) => Value::Int(n),
            Err(_) => Value::Float(f64::INFINITY),
        },
        DeValue::Float(f) => Value::Float(f.as_str().replace('_', "").parse().unwrap_or(f64::NAN)),
        DeValue::Boolean(b) => Value::Bool(*b),
        DeValue::Datetime(d) => Value::Date(d.to_string()),
        DeValue::Array(a) => Value::Array(a.iter().map(convert).collect()),
        DeValue::Table(t) => Value::Table(convert_table(t)),
    };
    Node {
        value,
        span: Some(v.span()),
    }
}
