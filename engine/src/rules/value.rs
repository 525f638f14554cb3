//! Values shown in evaluation traces.

use serde::{Deserialize, Serialize};
use std::fmt;

/// The value of one leaf of a condition, as shown in a trace.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Value {
    /// A number (a level, a score, a coverage…).
    Number(f64),
    /// A state test (`answered(x)`, `na(x)`, `unknown(x)`).
    Bool(bool),
    /// A profile field value.
    Text(String),
    /// No value: unanswered criterion, absent score, profile field not given. Serializes as `null`.
    Missing,
}

impl From<Option<f64>> for Value {
    fn from(value: Option<f64>) -> Self {
        value.map_or(Value::Missing, Value::Number)
    }
}

impl From<Option<&str>> for Value {
    fn from(value: Option<&str>) -> Self {
        value.map_or(Value::Missing, |s| Value::Text(s.to_owned()))
    }
}

/// Numbers are written without a trailing `.0` when integral (`3`, `2.5`), texts as they
/// are (without quotes), booleans as `true`/`false` and a missing value as `missing`.
impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            // `+ 0.0` turns `-0` into `0`; f64's Display never writes a trailing `.0`.
            Value::Number(n) => write!(f, "{}", n + 0.0),
            Value::Bool(b) => write!(f, "{b}"),
            Value::Text(s) => f.write_str(s),
            Value::Missing => f.write_str("missing"),
        }
    }
}

/// One leaf of a condition that reads a fact, with the value it read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct TraceStep {
    /// The leaf as written in the condition, e.g. `target(solidarite.equilibre)`.
    pub text: String,
    /// The value it had.
    pub value: Value,
}

impl fmt::Display for TraceStep {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} = {}", self.text, self.value)
    }
}
