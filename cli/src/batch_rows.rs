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

/// The cells of a chunk's rows, one after the other, in flat buffers: no
/// allocation per row or cell once they have grown, and about 170 bytes a
/// row of the DOMINO grid besides its texts (several chunks are in flight).
#[derive(Debug, Default)]
pub(crate) struct RowCells {
    /// The numbers, an absent one as NaN (a rounded score or a count is
    /// never NaN: rounding turns NaN into 0).
    numbers: Vec<f64>,
    /// The texts, one after the other, and where each ends.
    text: String,
    text_ends: Vec<usize>,
    /// Whether each cell of a row is a number, told by the first row.
    numeric: Vec<bool>,
    /// Rows ended.
    rows: usize,
}

impl RowCells {
    /// Appends the next cell of the current row.
    pub(crate) fn push(&mut self, cell: SummaryCell<'_>) {
        let number = match cell {
            SummaryCell::Text(t) => {
                self.text.push_str(t);
                self.text_ends.push(self.text.len());
                false
            }
            SummaryCell::Number(x) => {
                self.numbers.push(x.unwrap_or(f64::NAN));
                true
            }
        };
        if self.rows == 0 {
            self.numeric.push(number);
        }
    }

    /// Ends the current row.
    pub(crate) fn end_row(&mut self) {
        self.rows += 1;
    }

    /// Every cell of every row in order, with its column: a row starts at
    /// column 0 and ends at [`width`](Self::width)` - 1`.
    pub(crate) fn cells(&self) -> impl Iterator<Item = (usize, SummaryCell<'_>)> {
        let width = self.width();
        let (mut n, mut t, mut start) = (0, 0, 0);
        (0..self.rows * width).map(move |i| {
            let column = i % width;
            let cell = if self.numeric[column] {
                let x = self.numbers[n];
                n += 1;
                SummaryCell::Number((!x.is_nan()).then_some(x))
            } else {
                let end = self.text_ends[t];
                let text = &self.text[start..end];
                (t, start) = (t + 1, end);
                SummaryCell::Text(text)
            };
            (column, cell)
        })
    }

    /// Cells per row.
    pub(crate) fn width(&self) -> usize {
        self.numeric.len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_come_back_in_order_with_their_columns() {
        let mut rows = RowCells::default();
        for (id, score) in [("a", Some(57.5)), ("", None), ("« c »", Some(0.0))] {
            rows.push(SummaryCell::Text(id));
            rows.push(SummaryCell::Number(score));
            rows.push(SummaryCell::Text("x;y"));
            rows.end_row();
        }
        let back: Vec<_> = rows.cells().collect();
        use SummaryCell::{Number, Text};
        assert_eq!(
            back,
            [
                (0, Text("a")),
                (1, Number(Some(57.5))),
                (2, Text("x;y")),
                (0, Text("")),
                (1, Number(None)),
                (2, Text("x;y")),
                (0, Text("« c »")),
                (1, Number(Some(0.0))),
                (2, Text("x;y")),
            ]
        );
        assert_eq!(rows.width(), 3);
        assert_eq!(RowCells::default().cells().count(), 0);
    }
}
