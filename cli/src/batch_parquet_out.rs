//! Batch results as a Parquet file (`-o results.parquet`): numbers as
//! nullable `Float64` columns (an absent score a null), texts as `Utf8`,
//! compressed with Snappy, in record batches of [`BATCH_ROWS`] rows written
//! as they fill, so memory stays bounded whatever the number of rows.

use crate::batch_rows::{Columns, RowCells, RowSink};
use crate::failure::Fail;
use crate::files::AtomicFile;
use arrow_array::builder::{Float64Builder, StringBuilder};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Schema, SchemaRef};
use domino_engine::report::SummaryCell;
use parquet::arrow::ArrowWriter;
use std::sync::Arc;

/// Rows per Parquet record batch.
const BATCH_ROWS: usize = 8192;

/// Writes rows into a Parquet file, a record batch at a time.
pub(crate) struct ParquetSink {
    file: AtomicFile,
    writer: ArrowWriter<std::fs::File>,
    schema: SchemaRef,
    columns: Vec<Builder>,
    rows: usize,
}

enum Builder {
    Number(Float64Builder),
    Text(StringBuilder),
}

fn failed(e: &dyn std::fmt::Display) -> Fail {
    Fail::io(format!("cannot write the Parquet results: {e}"))
}

impl ParquetSink {
    /// A Parquet writer into `file` for the rows of `columns`.
    pub(crate) fn new(mut file: AtomicFile, columns: &Columns) -> Result<Self, Fail> {
        let fields: Vec<Field> = (columns.names.iter().zip(&columns.numeric))
            .map(|(name, &numeric)| {
                let kind = if numeric {
                    DataType::Float64
                } else {
                    DataType::Utf8
                };
                Field::new(name, kind, true)
            })
            .collect();
        let schema = Arc::new(Schema::new(fields));
        let props = parquet::file::properties::WriterProperties::builder()
            .set_compression(parquet::basic::Compression::SNAPPY)
            .build();
        let handle = file.file().try_clone().map_err(|e| failed(&e))?;
        let writer = ArrowWriter::try_new(handle, Arc::clone(&schema), Some(props))
            .map_err(|e| failed(&e))?;
        let columns = (columns.numeric.iter())
            .map(|&numeric| match numeric {
                true => Builder::Number(Float64Builder::with_capacity(BATCH_ROWS)),
                false => Builder::Text(StringBuilder::new()),
            })
            .collect();
        Ok(ParquetSink {
            file,
            writer,
            schema,
            columns,
            rows: 0,
        })
    }

    /// Writes the rows gathered so far as one record batch.
    fn flush(&mut self) -> Result<(), Fail> {
        let columns: Vec<ArrayRef> = (self.columns.iter_mut())
            .map(|c| match c {
                Builder::Number(b) => Arc::new(b.finish()) as ArrayRef,
                Builder::Text(b) => Arc::new(b.finish()) as ArrayRef,
            })
            .collect();
        let batch =
            RecordBatch::try_new(Arc::clone(&self.schema), columns).map_err(|e| failed(&e))?;
        self.writer.write(&batch).map_err(|e| failed(&e))?;
        self.rows = 0;
        Ok(())
    }
}

impl RowSink for ParquetSink {
    fn write(&mut self, rows: &RowCells) -> Result<(), Fail> {
        let last = rows.width().saturating_sub(1);
        for (column, cell) in rows.cells() {
            // The engine gives every row the same kinds of cells.
            match (&mut self.columns[column], cell) {
                (Builder::Number(b), SummaryCell::Number(x)) => b.append_option(x),
                (Builder::Text(b), SummaryCell::Text(t)) => b.append_value(t),
                (Builder::Number(b), SummaryCell::Text(_)) => b.append_null(),
                (Builder::Text(b), SummaryCell::Number(_)) => b.append_null(),
            }
            if column == last {
                self.rows += 1;
                if self.rows == BATCH_ROWS {
                    self.flush()?;
                }
            }
        }
        Ok(())
    }

    fn finish(mut self: Box<Self>) -> Result<AtomicFile, Fail> {
        if self.rows > 0 {
            self.flush()?;
        }
        self.writer.close().map_err(|e| failed(&e))?;
        Ok(self.file)
    }
}
