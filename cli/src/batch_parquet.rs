//! Parquet batch inputs: the same columns as a CSV batch, streamed a record
//! batch at a time (only the columns the header keeps are decoded), so memory
//! stays bounded by a row group whatever the file's length.
//!
//! Level columns may be strings, integers, or floats holding whole numbers
//! (what pandas writes for an integer column with missing values);
//! dictionary-encoded strings (pandas categories) are read as their values.
//! A value that cannot be a level (a fraction, a date, a boolean) is an
//! error at its row and column; the row group is named in the file shown.

use crate::batch_input::Schema;
use crate::batch_table::{Layout, MapFile, TableChunk, TableRows};
use crate::failure::Fail;
use arrow_array::cast::AsArray;
use arrow_array::types::*;
use arrow_array::{Array, ArrayRef, RecordBatch};
use arrow_schema::{DataType, TimeUnit};
use domino_engine::assessment::typed_cell::CellValue;
use domino_engine::Grid;
use parquet::arrow::arrow_reader::{ParquetRecordBatchReader, ParquetRecordBatchReaderBuilder};
use parquet::arrow::ProjectionMask;
use std::fs::File;
use std::sync::Arc;

/// Rows per record batch.
const BATCH_ROWS: usize = 4096;

struct ParquetRows {
    reader: ParquetRecordBatchReader,
    layout: Arc<Layout>,
    file: String,
    /// First row of each row group (and the total, last).
    group_starts: Vec<u64>,
    /// Rows read so far.
    rows: u64,
    /// Source column of each column of the projected batches.
    projected: Vec<usize>,
    width: usize,
}

/// Opens a Parquet file and reads its schema as the header.
pub fn open(
    path: &std::path::Path,
    file: &str,
    grid: &Grid,
    map: Option<&MapFile>,
    from: Option<&str>,
) -> Result<(Box<dyn TableRows>, Schema), Fail> {
    let unreadable =
        |e: &dyn std::fmt::Display| Fail::invalid(format!("cannot read `{file}` as Parquet: {e}"));
    let handle = File::open(path).map_err(|e| Fail::io(format!("cannot read `{file}`: {e}")))?;
    let builder = ParquetRecordBatchReaderBuilder::try_new(handle).map_err(|e| unreadable(&e))?;
    let names: Vec<String> = (builder.schema().fields().iter())
        .map(|f| f.name().clone())
        .collect();
    let blank = vec![false; names.len()];
    let (layout, schema) = Layout::new(grid, (file, None, 1), &names, &blank, map, from)?;
    let mut group_starts = vec![0u64];
    for g in builder.metadata().row_groups() {
        let last = group_starts[group_starts.len() - 1];
        group_starts.push(last + g.num_rows().max(0) as u64);
    }
    let mut projected = layout.columns.clone();
    projected.sort_unstable();
    let mask = ProjectionMask::roots(builder.parquet_schema(), projected.iter().copied());
    let reader = builder
        .with_projection(mask)
        .with_batch_size(BATCH_ROWS)
        .build()
        .map_err(|e| unreadable(&e))?;
    let rows = ParquetRows {
        reader,
        layout: Arc::new(layout),
        file: file.to_owned(),
        group_starts,
        rows: 0,
        projected,
        width: names.len(),
    };
    Ok((Box::new(rows), schema))
}

impl ParquetRows {
    /// The row group (1-based) holding row `row` (0-based).
    fn group_of(&self, row: u64) -> usize {
        self.group_starts
            .partition_point(|&start| start <= row)
            .max(1)
    }

    fn chunk(&self, batch: &RecordBatch, first: u64) -> Vec<crate::batch_table::Record> {
        let views: Vec<Column> = batch.columns().iter().map(Column::new).collect();
        let mut cells = vec![CellValue::Empty; self.width];
        (0..batch.num_rows())
            .map(|i| {
                for (view, &source) in views.iter().zip(&self.projected) {
                    cells[source] = view.value(i);
                }
                let row = first + i as u64;
                let mut record = self.layout.record(row + 1, &cells);
                record.group = Some(self.group_of(row));
                record
            })
            .collect()
    }
}

impl TableRows for ParquetRows {
    fn next_rows(&mut self, _max: usize) -> Result<Option<TableChunk>, Fail> {
        let Some(batch) = self.reader.next() else {
            return Ok(None);
        };
        let batch =
            batch.map_err(|e| Fail::invalid(format!("cannot read `{}`: {e}", self.file)))?;
        let first = self.rows;
        self.rows += batch.num_rows() as u64;
        Ok(Some(TableChunk {
            layout: Arc::clone(&self.layout),
            file: Arc::from(self.file.as_str()),
            rows: self.chunk(&batch, first),
        }))
    }

    fn position(&self) -> u64 {
        self.rows
    }
}

/// A column of a record batch, ready to be read cell by cell: its array
/// cast to its type once per batch, so that reading a cell is one match on
/// a small enum, not a downcast through `Any` for every cell.
enum Column<'a> {
    /// Text (`Utf8`).
    Text(&'a arrow_array::StringArray),
    /// Text with 64-bit offsets (`LargeUtf8`).
    LargeText(&'a arrow_array::LargeStringArray),
    /// Any other type, read through [`plain_value`].
    Other(&'a ArrayRef, String),
    /// Dictionary-encoded: each row's key into the values.
    Dictionary(Vec<usize>, &'a ArrayRef, Box<Column<'a>>),
}

impl<'a> Column<'a> {
    fn new(array: &'a ArrayRef) -> Self {
        match array.data_type() {
            DataType::Dictionary(_, _) => {
                let dict = array.as_any_dictionary();
                let keys = dict.normalized_keys();
                let values: &'a ArrayRef = dict.values();
                Column::Dictionary(keys, array, Box::new(Column::new(values)))
            }
            DataType::Utf8 => Column::Text(array.as_string::<i32>()),
            DataType::LargeUtf8 => Column::LargeText(array.as_string::<i64>()),
            other => Column::Other(array, other.to_string()),
        }
    }

    #[inline]
    fn value(&self, i: usize) -> CellValue<'_> {
        match self {
            Column::Text(array) if array.is_valid(i) => CellValue::Text(array.value(i)),
            Column::LargeText(array) if array.is_valid(i) => CellValue::Text(array.value(i)),
            Column::Text(_) | Column::LargeText(_) => CellValue::Empty,
            Column::Dictionary(keys, array, values) => {
                if array.is_null(i) {
                    CellValue::Empty
                } else {
                    values.value(keys[i])
                }
            }
            Column::Other(array, kind) => plain_value(array.as_ref(), kind, i),
        }
    }
}

/// One cell of a plain (not dictionary-encoded) array.
fn plain_value<'a>(array: &'a dyn Array, kind: &'a str, i: usize) -> CellValue<'a> {
    if array.is_null(i) {
        return CellValue::Empty;
    }
    let int = |n: i64| CellValue::Int(n);
    match array.data_type() {
        DataType::Utf8 => CellValue::Text(array.as_string::<i32>().value(i)),
        DataType::LargeUtf8 => CellValue::Text(array.as_string::<i64>().value(i)),
        DataType::Utf8View => CellValue::Text(array.as_string_view().value(i)),
        DataType::Int8 => int(array.as_primitive::<Int8Type>().value(i).into()),
        DataType::Int16 => int(array.as_primitive::<Int16Type>().value(i).into()),
        DataType::Int32 => int(array.as_primitive::<Int32Type>().value(i).into()),
        DataType::Int64 => int(array.as_primitive::<Int64Type>().value(i)),
        DataType::UInt8 => int(array.as_primitive::<UInt8Type>().value(i).into()),
        DataType::UInt16 => int(array.as_primitive::<UInt16Type>().value(i).into()),
        DataType::UInt32 => int(array.as_primitive::<UInt32Type>().value(i).into()),
        DataType::UInt64 => {
            let n = array.as_primitive::<UInt64Type>().value(i);
            i64::try_from(n).map_or(CellValue::Float(n as f64), int)
        }
        DataType::Float32 => CellValue::Float(array.as_primitive::<Float32Type>().value(i).into()),
        DataType::Float64 => CellValue::Float(array.as_primitive::<Float64Type>().value(i)),
        DataType::Boolean => CellValue::Bool(array.as_boolean().value(i)),
        DataType::Date32 => CellValue::Date(array.as_primitive::<Date32Type>().value(i).into()),
        DataType::Date64 => CellValue::Date(
            array
                .as_primitive::<Date64Type>()
                .value(i)
                .div_euclid(86_400_000),
        ),
        DataType::Timestamp(unit, _) => CellValue::DateTime(timestamp_seconds(array, *unit, i)),
        DataType::Null => CellValue::Empty,
        _ => CellValue::Unsupported(kind),
    }
}

fn timestamp_seconds(array: &dyn Array, unit: TimeUnit, i: usize) -> f64 {
    match unit {
        TimeUnit::Second => array.as_primitive::<TimestampSecondType>().value(i) as f64,
        TimeUnit::Millisecond => {
            array.as_primitive::<TimestampMillisecondType>().value(i) as f64 / 1e3
        }
        TimeUnit::Microsecond => {
            array.as_primitive::<TimestampMicrosecondType>().value(i) as f64 / 1e6
        }
        TimeUnit::Nanosecond => {
            array.as_primitive::<TimestampNanosecondType>().value(i) as f64 / 1e9
        }
    }
}
