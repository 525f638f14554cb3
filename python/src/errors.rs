//! The engine's diagnostics raised as the package's exceptions.
//!
//! Each diagnostic becomes a dict of its fields (message, code, hint, where)
//! with its text rendered by the engine's one renderer; the exception
//! (`GridError`, `AssessmentError`, `BatchError`, defined in
//! `domino/_errors.py`) carries them all, and its `str()` is the rendered
//! text, as the CLI prints it.

use domino_engine::diagnostic::{Location, Row, TableRow};
use domino_engine::{Diagnostic, LineIndex};
use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};

/// Which exception class to raise.
#[derive(Debug, Clone, Copy)]
pub enum Kind {
    /// A grid that cannot be loaded.
    Grid,
    /// An assessment that cannot be read or scored.
    Assessment,
    /// A table (or a row of it) that cannot be scored.
    Batch,
}

impl Kind {
    fn class(self) -> &'static str {
        match self {
            Kind::Grid => "GridError",
            Kind::Assessment => "AssessmentError",
            Kind::Batch => "BatchError",
        }
    }
}

/// A diagnostic with where it was found, ready to cross into Python.
pub struct Located {
    /// The engine's diagnostic.
    pub diagnostic: Diagnostic,
    /// The text rendered by the engine.
    pub text: String,
    /// The input's name (a file, `<assessment>`, the table's `source`).
    pub file: String,
    /// For a table: the 0-based position of the row (`None`: the header).
    pub index: Option<u64>,
    /// For a table: the cell's value, when the diagnostic names a column.
    pub cell: Option<String>,
    /// Whether the input is a table (then `column` is a column number).
    pub table: bool,
}

impl Located {
    /// A diagnostic of a text of its own (a grid, an assessment).
    pub fn in_text(d: Diagnostic, file: &str, index: &LineIndex<'_>) -> Self {
        let text = d.styled(&Location::Text { file, index }).plain();
        Located {
            diagnostic: d,
            text,
            file: file.to_owned(),
            index: None,
            cell: None,
            table: false,
        }
    }

    /// A diagnostic of a table: of its header (`index` `None`) or of the
    /// row at 0-based `index`, whose cells are `fields`.
    pub fn in_table(d: Diagnostic, file: &str, index: Option<u64>, fields: &[&str]) -> Self {
        let row = match index {
            Some(i) => TableRow::csv(Row::Data(i + 1), i + 2),
            None => TableRow::csv(Row::Header, 1),
        };
        let text = d.styled(&Location::Cell { file, row }).plain();
        let cell = (d.column > 0)
            .then(|| fields.get(d.column - 1).map(|c| (*c).to_owned()))
            .flatten();
        Located {
            diagnostic: d,
            text,
            file: file.to_owned(),
            index,
            cell,
            table: true,
        }
    }

    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = &self.diagnostic;
        let dict = PyDict::new(py);
        dict.set_item("severity", d.severity.to_string())?;
        dict.set_item("code", &d.code)?;
        dict.set_item("message", &d.message)?;
        dict.set_item("hint", &d.hint)?;
        dict.set_item("path", &d.path)?;
        dict.set_item("file", &self.file)?;
        dict.set_item("line", (d.line > 0 && !self.table).then_some(d.line))?;
        dict.set_item("column", (d.column > 0).then_some(d.column))?;
        dict.set_item("row", self.index.map(|i| i + 1))?;
        dict.set_item("index", self.index)?;
        let column_name = d.path.as_ref().filter(|_| self.table && d.column > 0);
        dict.set_item("column_name", column_name)?;
        dict.set_item("cell", &self.cell)?;
        dict.set_item("text", &self.text)?;
        Ok(dict)
    }
}

/// The exception of `kind` carrying `diagnostics`; its message is their
/// rendered texts, one after the other.
pub fn raise(py: Python<'_>, kind: Kind, diagnostics: &[Located]) -> PyErr {
    match build(py, kind, diagnostics) {
        Ok(err) => err,
        Err(err) => err,
    }
}

fn build(py: Python<'_>, kind: Kind, diagnostics: &[Located]) -> PyResult<PyErr> {
    let text = diagnostics
        .iter()
        .map(|d| d.text.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    let list = PyList::empty(py);
    for d in diagnostics {
        list.append(d.to_dict(py)?)?;
    }
    let class = py.import("domino._errors")?.getattr(kind.class())?;
    let value = class.call1((text, list))?;
    Ok(PyErr::from_value(value))
}

/// An error for what cannot happen with a well-behaved Arrow producer
/// (a stream that fails mid-way, a malformed array).
pub fn arrow_failure(what: &str, e: impl std::fmt::Display) -> PyErr {
    PyRuntimeError::new_err(format!("{what}: {e}"))
}
