//! The document tree: TOML and JSON parsed into one shape, keeping byte spans.

use crate::diagnostic::Diagnostic;
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
        return Err(errors
            .iter()
            .map(|e| {
                Diagnostic::error("toml-syntax", e.message().trim().to_owned())
                    .with_hint("fix the TOML syntax at this place (see https://toml.io)")
                    .at(e.span())
                    .locate(source)
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

/// Parses JSON. Syntax errors (and keys repeated in an object, which JSON
/// parsers disagree about) carry line and column; values carry no spans.
/// A byte-order mark (as some editors write) is skipped.
pub(crate) fn parse_json(source: &str) -> Result<Node, Vec<Diagnostic>> {
    let (text, bom) = match source.strip_prefix('\u{feff}') {
        Some(rest) => (rest, 1),
        None => (source, 0),
    };
    let node: JsonNode = serde_json::from_str(text).map_err(|e| {
        let column = e.column() + if e.line() == 1 { bom } else { 0 };
        vec![Diagnostic::error("json-syntax", e.to_string())
            .with_hint("fix the JSON syntax at this place")
            .at_line_column(e.line(), column)]
    })?;
    Ok(node.0)
}

/// A JSON value read straight into a [`Node`], refusing repeated keys.
struct JsonNode(Node);

impl<'de> serde::Deserialize<'de> for JsonNode {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(JsonVisitor)
    }
}

struct JsonVisitor;

fn node(value: Value) -> JsonNode {
    JsonNode(Node { value, span: None })
}

impl<'de> serde::de::Visitor<'de> for JsonVisitor {
    type Value = JsonNode;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_unit<E>(self) -> Result<JsonNode, E> {
        Ok(node(Value::Null))
    }

    fn visit_bool<E>(self, b: bool) -> Result<JsonNode, E> {
        Ok(node(Value::Bool(b)))
    }

    fn visit_i64<E>(self, i: i64) -> Result<JsonNode, E> {
        Ok(node(Value::Int(i)))
    }

    fn visit_u64<E>(self, u: u64) -> Result<JsonNode, E> {
        Ok(node(match i64::try_from(u) {
            Ok(i) => Value::Int(i),
            Err(_) => Value::Float(u as f64),
        }))
    }

    fn visit_f64<E>(self, f: f64) -> Result<JsonNode, E> {
        Ok(node(Value::Float(f)))
    }

    fn visit_str<E>(self, s: &str) -> Result<JsonNode, E> {
        Ok(node(Value::Str(s.to_owned())))
    }

    fn visit_string<E>(self, s: String) -> Result<JsonNode, E> {
        Ok(node(Value::Str(s)))
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<JsonNode, A::Error> {
        let mut items = Vec::new();
        while let Some(JsonNode(n)) = seq.next_element()? {
            items.push(n);
        }
        Ok(node(Value::Array(items)))
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<JsonNode, A::Error> {
        let mut keys = std::collections::BTreeSet::new();
        let mut entries = Vec::new();
        while let Some(key) = map.next_key::<String>()? {
            let JsonNode(value) = map.next_value()?;
            if !keys.insert(key.clone()) {
                return Err(serde::de::Error::custom(format_args!(
                    "key {} appears twice in the same object",
                    serde_json::Value::String(key)
                )));
            }
            // A `null` entry counts as absent.
            if !matches!(value.value, Value::Null) {
                entries.push((key, None, value));
            }
        }
        // Key order, as TOML tables have.
        crate::sort::sort_by(&mut entries, |a, b| a.0.cmp(&b.0));
        Ok(node(Value::Table(entries)))
    }
}
