//! The cells of an Arrow table read as the text a CSV file would hold, so
//! that a row goes through the engine's own batch reader (`RowSchema::read`)
//! with the same rules and messages as `domino batch`.
//!
//! Text columns are read in place; whole numbers are written as digits (a
//! level `3` read by pandas as an integer or as the float `3.0`); a null or a
//! NaN is an empty cell, as in a CSV file. A column of another type (dates,
//! lists, binary…) is refused once, by name, before any row is read.

use arrow_array::cast::AsArray;
use arrow_array::types::*;
use arrow_array::{Array, ArrayRef, ArrowPrimitiveType};
use arrow_schema::DataType;
use domino_engine::Diagnostic;
use std::fmt::Write;

/// One column of a record batch, ready to be read row by row.
pub enum Cells<'a> {
    /// `utf8`.
    Utf8(&'a arrow_array::StringArray),
    /// `large_utf8`.
    LargeUtf8(&'a arrow_array::LargeStringArray),
    /// `utf8_view` (polars' strings).
    View(&'a arrow_array::StringViewArray),
    /// A dictionary of text (pandas categories, polars `Categorical`):
    /// each row's key, and the values.
    Dictionary(Vec<Option<usize>>, Box<Cells<'a>>),
    /// Whole numbers, signed.
    Int(Box<dyn Fn(usize) -> Option<i64> + 'a>),
    /// Whole numbers, unsigned.
    UInt(Box<dyn Fn(usize) -> Option<u64> + 'a>),
    /// Floats: a whole value is written without its `.0`, NaN is empty.
    Float(Box<dyn Fn(usize) -> Option<f64> + 'a>),
    /// Booleans, written `true` / `false`.
    Bool(&'a arrow_array::BooleanArray),
    /// A column of nulls only.
    Null,
}

fn ints<'a, T>(array: &'a ArrayRef) -> Cells<'a>
where
    T: ArrowPrimitiveType,
    T::Native: Into<i64>,
{
    let a = array.as_primitive::<T>();
    Cells::Int(Box::new(move |i| a.is_valid(i).then(|| a.value(i).into())))
}

fn uints<'a, T>(array: &'a ArrayRef) -> Cells<'a>
where
    T: ArrowPrimitiveType,
    T::Native: Into<u64>,
{
    let a = array.as_primitive::<T>();
    Cells::UInt(Box::new(move |i| a.is_valid(i).then(|| a.value(i).into())))
}

fn floats<'a, T>(array: &'a ArrayRef) -> Cells<'a>
where
    T: ArrowPrimitiveType,
    T::Native: Into<f64>,
{
    let a = array.as_primitive::<T>();
    Cells::Float(Box::new(move |i| a.is_valid(i).then(|| a.value(i).into())))
}

impl<'a> Cells<'a> {
    /// The reader of `array`, or why its type cannot hold answers (the
    /// diagnostic names the column; the caller says where).
    pub fn of(
        array: &'a ArrayRef,
        name: &str,
        column: usize,
    ) -> Result<Cells<'a>, Box<Diagnostic>> {
        Ok(match array.data_type() {
            DataType::Utf8 => Cells::Utf8(array.as_string::<i32>()),
            DataType::LargeUtf8 => Cells::LargeUtf8(array.as_string::<i64>()),
            DataType::Utf8View => Cells::View(array.as_string_view()),
            DataType::Int8 => ints::<Int8Type>(array),
            DataType::Int16 => ints::<Int16Type>(array),
            DataType::Int32 => ints::<Int32Type>(array),
            DataType::Int64 => ints::<Int64Type>(array),
            DataType::UInt8 => uints::<UInt8Type>(array),
            DataType::UInt16 => uints::<UInt16Type>(array),
            DataType::UInt32 => uints::<UInt32Type>(array),
            DataType::UInt64 => uints::<UInt64Type>(array),
            DataType::Float32 => floats::<Float32Type>(array),
            DataType::Float64 => floats::<Float64Type>(array),
            DataType::Boolean => Cells::Bool(array.as_boolean()),
            DataType::Null => Cells::Null,
            DataType::Dictionary(_, _) => {
                let dictionary = array.as_any_dictionary();
                let keys = dictionary.normalized_keys();
                let keys = (0..array.len())
                    .map(|i| array.is_valid(i).then(|| keys[i]))
                    .collect();
                let values = Cells::of(dictionary.values(), name, column)?;
                Cells::Dictionary(keys, Box::new(values))
            }
            other => return Err(unsupported(name, column, other)),
        })
    }

    /// The cell of row `i` as text: borrowed from a text column, else
    /// written into `scratch` (cleared first) and `None` returned.
    pub fn text(&self, i: usize, scratch: &mut String) -> Option<&'a str> {
        scratch.clear();
        match self {
            Cells::Utf8(a) => a.is_valid(i).then(|| a.value(i)).or(Some("")),
            Cells::LargeUtf8(a) => a.is_valid(i).then(|| a.value(i)).or(Some("")),
            Cells::View(a) => a.is_valid(i).then(|| a.value(i)).or(Some("")),
            Cells::Dictionary(keys, values) => match keys[i] {
                Some(k) => values.text(k, scratch),
                None => Some(""),
            },
            Cells::Int(get) => {
                if let Some(v) = get(i) {
                    let _ = write!(scratch, "{v}");
                }
                None
            }
            Cells::UInt(get) => {
                if let Some(v) = get(i) {
                    let _ = write!(scratch, "{v}");
                }
                None
            }
            Cells::Float(get) => {
                match get(i) {
                    Some(v) if v.is_nan() => {}
                    Some(v) if v.fract() == 0.0 && v.abs() < 1e15 => {
                        let _ = write!(scratch, "{}", v as i64);
                    }
                    Some(v) => {
                        let _ = write!(scratch, "{v}");
                    }
                    None => {}
                }
                None
            }
            Cells::Bool(a) => Some(match a.is_valid(i).then(|| a.value(i)) {
                Some(true) => "true",
                Some(false) => "false",
                None => "",
            }),
            Cells::Null => Some(""),
        }
    }
}

fn unsupported(name: &str, column: usize, data_type: &DataType) -> Box<Diagnostic> {
    Box::new(Diagnostic::error(
        "unsupported-column-type",
        format!("column `{name}` holds {data_type} values, which cannot be answer codes"),
    )
    .with_hint(
        "levels, profile values, ids and names are text or whole numbers: cast the column to text first (polars: `pl.col(name).cast(pl.Utf8)`, pandas: `df[name].astype(\"string\")`)",
    )
    .with_path(name.to_owned())
    .at_line_column(0, column + 1))
}

/// Reads the cells of one row as text, reusing its buffers from row to row.
pub struct RowReader<'a> {
    columns: Vec<Cells<'a>>,
    scratch: Vec<String>,
    borrowed: Vec<Option<&'a str>>,
}

impl<'a> RowReader<'a> {
    /// A reader of `columns`.
    pub fn new(columns: Vec<Cells<'a>>) -> Self {
        let n = columns.len();
        RowReader {
            columns,
            scratch: vec![String::new(); n],
            borrowed: vec![None; n],
        }
    }

    /// The cells of row `i`, in column order.
    pub fn read(&mut self, i: usize) -> Vec<&str> {
        for (c, column) in self.columns.iter().enumerate() {
            self.borrowed[c] = column.text(i, &mut self.scratch[c]);
        }
        self.borrowed
            .iter()
            .zip(&self.scratch)
            .map(|(b, s)| b.unwrap_or(s.as_str()))
            .collect()
    }
}
