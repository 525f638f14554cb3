//! Batch results as typed cells, for the outputs that are tables with types
//! (`-o results.xlsx`, `-o results.parquet`): the workers put each scored
//! row's cells, as the engine's [`SummaryCells`] gives them, into their
//! chunk's [`RowCells`]; the writer thread hands the chunks, in input order,
//! to a [`RowSink`], which writes them into the output as they come. CSV and
//! JSON results stay bytes formatted by the workers.

use crate::batch_parquet_out::ParquetSink;
use crate::batch_xlsx_out::XlsxSink;
use crate::failure::Fail;
use crate::files::AtomicFile;
use domino_engine::report::{summary_header, summary_numeric_columns, SummaryCell};
use domino_engine::Grid;
use std::path::Path;

/// A typed output format, told by the output's extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TableOutput {
    /// An Excel workbook.
    Xlsx,
    /// A Parquet file.
    Parquet,
}

impl TableOutput {
    /// The typed format of an output path, if its extension names one.
    pub fn of(path: &Path) -> Option<TableOutput> {
        match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "xlsx" => Some(TableOutput::Xlsx),
            "parquet" => Some(TableOutput::Parquet),
            _ => None,
        }
    }
}

/// Where typed rows go: written as they come, in input order.
pub(crate) trait RowSink {
    /// Writes the rows of one chunk after those written before.
    fn write(&mut self, rows: &RowCells) -> Result<(), Fail>;
    /// Ends the output; its file, for the caller to commit.
    fn finish(self: Box<Self>) -> Result<AtomicFile, Fail>;
}

/// A sink writing results as `format` into a new atomic file for `target`,
/// with the columns of the summary records of `grid` (its header written).
pub(crate) fn create(
    target: &Path,
    format: TableOutput,
    grid: &Grid,
) -> Result<Box<dyn RowSink>, Fail> {
    let columns = Columns {
        names: summary_header(grid),
        numeric: summary_numeric_columns(grid),
    };
    let file = AtomicFile::create(target)?;
    Ok(match format {
        TableOutput::Xlsx => Box::new(XlsxSink::new(file, target, &columns)?),
        TableOutput::Parquet => Box::new(ParquetSink::new(file, &columns)?),
    })
}

/// The columns of the results: their names and whether each holds numbers.
pub(crate) struct Columns {
    pub(crate) names: Vec<String>,
    pub(crate) numeric: Vec<bool>,
}

/// The cells of a chunk's rows, one after the other, their texts in one
/// buffer: no allocation per row or cell once the buffers have grown.
#[derive(Debug, Default)]
pub(crate) struct RowCells {
    cells: Vec<Slot>,
    text: String,
    /// Cells per row, told by the first row.
    width: usize,
}

#[derive(Debug, Clone, Copy)]
enum Slot {
    Text(usize, usize),
    Number(Option<f64>),
}

impl RowCells {
    /// Appends the next cell of the current row.
    pub(crate) fn push(&mut self, cell: SummaryCell<'_>) {
        self.cells.push(match cell {
            SummaryCell::Text(t) => {
                let start = self.text.len();
                self.text.push_str(t);
                Slot::Text(start, self.text.len())
            }
            SummaryCell::Number(x) => Slot::Number(x),
        });
    }

    /// Ends the current row.
    pub(crate) fn end_row(&mut self) {
        if self.width == 0 {
            self.width = self.cells.len();
        }
    }

    /// The rows, each as its cells in column order.
    pub(crate) fn rows(&self) -> impl Iterator<Item = impl Iterator<Item = SummaryCell<'_>>> {
        self.cells.chunks(self.width.max(1)).map(|row| {
            row.iter().map(|slot| match *slot {
                Slot::Text(a, b) => SummaryCell::Text(&self.text[a..b]),
                Slot::Number(x) => SummaryCell::Number(x),
            })
        })
    }
}
