//! A small document tree with source spans, read from TOML or JSON, and a reader
//! that walks it while collecting every problem (unknown keys, wrong types,
//! missing keys) instead of stopping at the first one.

mod json;
mod reader;
mod tree;

pub(crate) use json::parse_json;
pub(crate) use reader::{as_code, join_path, Sink, TableReader};
pub(crate) use tree::{parse_toml, Node, Value};
