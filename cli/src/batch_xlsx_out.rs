//! Batch results as a workbook (`-o results.xlsx`): one sheet, `results`,
//! its header row frozen; numbers as numbers, an absent score an empty
//! cell, texts as text cells, which are never formulas. The sheet is
//! written in the xlsx writer's constant memory mode: each row goes to a
//! temporary file once the next one starts, so memory does not grow with
//! the rows (texts are written in their cells, not in a shared table).

use crate::batch_rows::{Columns, RowCells, RowSink};
use crate::failure::Fail;
use crate::files::{display, AtomicFile};
use domino_engine::report::SummaryCell;
use rust_xlsxwriter::{Workbook, XlsxError};
use std::path::Path;

/// Writes rows into a workbook saved at the end.
pub(crate) struct XlsxSink {
    book: Workbook,
    file: AtomicFile,
    /// The target's name, for messages.
    name: String,
    /// The last row written (the header is row 0).
    row: u32,
}

impl XlsxSink {
    /// A workbook for `target` with the header of `columns` written.
    pub(crate) fn new(file: AtomicFile, target: &Path, columns: &Columns) -> Result<Self, Fail> {
        let mut sink = XlsxSink {
            book: Workbook::new(),
            file,
            name: display(target),
            row: 0,
        };
        let header = |book: &mut Workbook| -> Result<(), XlsxError> {
            let sheet = book.add_worksheet_with_constant_memory()?;
            sheet.set_name("results")?;
            for (c, h) in columns.names.iter().enumerate() {
                sheet.write_string(0, c as u16, h)?;
            }
            sheet.set_freeze_panes(1, 0)?;
            Ok(())
        };
        header(&mut sink.book).map_err(|e| sink.failed(&e))?;
        Ok(sink)
    }

    fn failed(&self, e: &dyn std::fmt::Display) -> Fail {
        Fail::io(format!("cannot write `{}`: {e}", self.name))
    }

    fn write_rows(&mut self, rows: &RowCells) -> Result<(), XlsxError> {
        let sheet = self.book.worksheet_from_index(0)?;
        for (column, cell) in rows.cells() {
            if column == 0 {
                self.row += 1;
            }
            let col = column as u16;
            match cell {
                SummaryCell::Number(Some(x)) => sheet.write_number(self.row, col, x)?,
                SummaryCell::Text(t) if !t.is_empty() => sheet.write_string(self.row, col, t)?,
                _ => continue,
            };
        }
        Ok(())
    }
}

impl RowSink for XlsxSink {
    fn write(&mut self, rows: &RowCells) -> Result<(), Fail> {
        self.write_rows(rows).map_err(|e| self.failed(&e))
    }

    fn finish(mut self: Box<Self>) -> Result<AtomicFile, Fail> {
        match self.book.save_to_writer(self.file.file()) {
            Ok(()) => Ok(self.file),
            Err(e) => Err(self.failed(&e)),
        }
    }
}
