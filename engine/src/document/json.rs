//! JSON read into the document tree, with the byte span of every object key.
//!
//! serde_json gives no positions, so a first linear pass lists where each
//! object key stands ([`key_spans`]); the tree is then built by serde_json,
//! which visits the keys in the same document order and takes their spans one
//! by one. Diagnostics about a key (an unknown criterion, say) thus point at
//! its line and column, as they do in TOML.

use super::tree::{Node, Value};
use crate::diagnostic::Diagnostic;
use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use std::cell::Cell;
use std::ops::Range;

/// Parses JSON. Syntax errors (and keys repeated in an object, which JSON
/// parsers disagree about) carry line and column; object keys carry their
/// spans, values none. A byte-order mark (as some editors write) is skipped.
pub(crate) fn parse_json(source: &str) -> Result<Node, Vec<Diagnostic>> {
    let text = crate::sniff::strip_bom(source);
    let bom_bytes = source.len() - text.len();
    let bom_columns = usize::from(bom_bytes > 0);
    let keys = Keys {
        spans: key_spans(text),
        next: Cell::new(0),
        offset: bom_bytes,
    };
    let mut de = serde_json::Deserializer::from_str(text);
    let read = JsonSeed(&keys)
        .deserialize(&mut de)
        .and_then(|node| de.end().map(|()| node));
    read.map_err(|e| {
        let column = e.column() + if e.line() == 1 { bom_columns } else { 0 };
        vec![Diagnostic::error("json-syntax", e.to_string())
            .with_hint("fix the JSON syntax at this place")
            .at_line_column(e.line(), column)]
    })
}

/// The byte spans, quotes included, of the keys of every object of a JSON
/// text, in document order. One pass; on text that is not JSON the list is
/// meaningless but the pass still ends without panicking (the parse that
/// follows reports the error).
fn key_spans(text: &str) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let mut spans = Vec::new();
    // For each open container: is it an object?
    let mut objects: Vec<bool> = Vec::new();
    let mut expect_key = false;
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'"' => {
                let start = i;
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                if expect_key {
                    spans.push(start..(i + 1).min(bytes.len()));
                    expect_key = false;
                }
            }
            b'{' => {
                objects.push(true);
                expect_key = true;
            }
            b'[' => {
                objects.push(false);
                expect_key = false;
            }
            b'}' | b']' => {
                objects.pop();
                expect_key = false;
            }
            b',' => expect_key = objects.last() == Some(&true),
            _ => {}
        }
        i += 1;
    }
    spans
}

/// The key spans, handed out in document order.
struct Keys {
    spans: Vec<Range<usize>>,
    next: Cell<usize>,
    /// Bytes before the parsed text in the source (a byte-order mark).
    offset: usize,
}

impl Keys {
    fn take(&self) -> Option<Range<usize>> {
        let i = self.next.get();
        self.next.set(i + 1);
        let span = self.spans.get(i)?;
        Some(span.start + self.offset..span.end + self.offset)
    }
}

/// Reads one JSON value into a [`Node`], refusing repeated keys.
#[derive(Clone, Copy)]
struct JsonSeed<'k>(&'k Keys);

impl<'de> DeserializeSeed<'de> for JsonSeed<'_> {
    type Value = Node;

    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Node, D::Error> {
        d.deserialize_any(self)
    }
}

fn node(value: Value) -> Node {
    Node { value, span: None }
}

impl<'de> Visitor<'de> for JsonSeed<'_> {
    type Value = Node;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_unit<E>(self) -> Result<Node, E> {
        Ok(node(Value::Null))
    }

    fn visit_bool<E>(self, b: bool) -> Result<Node, E> {
        Ok(node(Value::Bool(b)))
    }

    fn visit_i64<E>(self, i: i64) -> Result<Node, E> {
        Ok(node(Value::Int(i)))
    }

    fn visit_u64<E>(self, u: u64) -> Result<Node, E> {
        Ok(node(match i64::try_from(u) {
            Ok(i) => Value::Int(i),
            Err(_) => Value::Float(u as f64),
        }))
    }

    fn visit_f64<E>(self, f: f64) -> Result<Node, E> {
        Ok(node(Value::Float(f)))
    }

    fn visit_str<E>(self, s: &str) -> Result<Node, E> {
        Ok(node(Value::Str(s.to_owned())))
    }

    fn visit_string<E>(self, s: String) -> Result<Node, E> {
        Ok(node(Value::Str(s)))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Node, A::Error> {
        let mut items = Vec::new();
        while let Some(n) = seq.next_element_seed(self)? {
            items.push(n);
        }
        Ok(node(Value::Array(items)))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Node, A::Error> {
        let mut keys = std::collections::BTreeSet::new();
        let mut entries = Vec::new();
        while let Some(key) = map.next_key::<String>()? {
            let span = self.0.take();
            let value = map.next_value_seed(self)?;
            if !keys.insert(key.clone()) {
                return Err(serde::de::Error::custom(format_args!(
                    "key {} appears twice in the same object",
                    serde_json::Value::String(key)
                )));
            }
            // A `null` entry counts as absent.
            if !matches!(value.value, Value::Null) {
                entries.push((key, span, value));
            }
        }
        // Key order, as TOML tables have.
        crate::sort::sort_by(&mut entries, |a, b| a.0.cmp(&b.0));
        Ok(node(Value::Table(entries)))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys_of(text: &str) -> Vec<&str> {
        key_spans(text).into_iter().map(|s| &text[s]).collect()
    }

    #[test]
    fn keys_are_listed_in_document_order_quotes_included() {
        let text = r#"{"a": {"b\"c": [1, {"d": "e:f"}], "g": "h"}, "i": []}"#;
        assert_eq!(
            keys_of(text),
            [r#""a""#, r#""b\"c""#, r#""d""#, r#""g""#, r#""i""#]
        );
    }

    #[test]
    fn strings_in_arrays_and_values_are_not_keys() {
        assert_eq!(keys_of(r#"["a", "b", {"c": "d"}, "e"]"#), [r#""c""#]);
        assert_eq!(keys_of(r#"{"a": "{\"x\": 1}"}"#), [r#""a""#]);
    }

    #[test]
    fn broken_text_ends_the_pass_without_panicking() {
        for text in ["{\"a", "{\"a\\", "}}]]", "{,,\"", "\"\\"] {
            let _ = key_spans(text);
        }
    }

    #[test]
    fn every_key_of_the_tree_carries_its_span_past_a_byte_order_mark() {
        let source =
            "\u{feff}{\"assessment\": {\"grid\": \"domino\"},\n \"answers\": {\"x.y\": \"3\"}}";
        let root = parse_json(source).unwrap();
        let Value::Table(top) = &root.value else {
            panic!("an object")
        };
        for (key, span, _) in top {
            assert_eq!(&source[span.clone().unwrap()], format!("\"{key}\""));
        }
        let (_, _, answers) = &top[0];
        let Value::Table(answers) = &answers.value else {
            panic!("an object")
        };
        assert_eq!(&source[answers[0].1.clone().unwrap()], "\"x.y\"");
    }
}
