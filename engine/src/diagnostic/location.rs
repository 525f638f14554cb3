//! Where the input a diagnostic belongs to sits: a text, a table cell, a
//! document inside a batch.
//!
//! The engine locates a diagnostic inside the input it checked: a byte span,
//! line and column in a text, or the column (and its header in
//! [`Diagnostic::path`](super::Diagnostic::path)) of a table row. Only the
//! caller knows where that input came from — a file of its own, the 12th row
//! of a CSV file, a cell of a spreadsheet, the 3rd object of a JSON array —
//! and says so with a [`Location`], which the renderer combines with the
//! diagnostic's own place.

use super::LineIndex;
use std::fmt;

/// Where the input of a diagnostic sits, for [`render`](super::render).
#[derive(Debug, Clone, Copy)]
pub enum Location<'a> {
    /// A text of its own (a grid, an assessment file): the diagnostic's span,
    /// line and column point into it, and its line is echoed.
    Text {
        /// The file name shown after `-->`.
        file: &'a str,
        /// The text's line index (built once per text).
        index: &'a LineIndex<'a>,
    },
    /// A cell of a table (CSV file or spreadsheet sheet): the row is given
    /// here; the diagnostic's column, when not 0, is the cell's column, and
    /// its path the column's header.
    Cell {
        /// The file name shown after `-->`.
        file: &'a str,
        /// Which row, on which sheet.
        row: TableRow<'a>,
    },
    /// A document inside a batch file (an object of a JSON array, an NDJSON
    /// line): the diagnostic's line counts from the document's first line.
    Document {
        /// The batch file.
        file: &'a str,
        /// Which document.
        document: BatchDocument<'a>,
    },
}

/// A row of a table, and the sheet it is on: with a column, a cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TableRow<'a> {
    /// The sheet of a spreadsheet; `None` for a CSV file.
    pub sheet: Option<&'a str>,
    /// The header row, or a data row.
    pub row: Row,
    /// The row's line in a CSV file (where a record with quoted line breaks
    /// starts), or its row number in the sheet.
    pub line: u64,
}

/// Which row of a table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    /// The header row, naming the columns.
    Header,
    /// The n-th data row (1-based, the header not counted).
    Data(u64),
}

impl TableRow<'_> {
    /// A row of a CSV file, starting at `line`.
    pub fn csv(row: Row, line: u64) -> Self {
        TableRow {
            sheet: None,
            row,
            line,
        }
    }

    /// The cell's spreadsheet reference, such as `C12` or `'Mes réponses'!C12`
    /// (the sheet quoted when its name is not a plain word); `None` without a column.
    pub fn reference(&self, column: usize) -> Option<String> {
        let letters = column_letters(column)?;
        let cell = format!("{letters}{}", self.line);
        Some(match self.sheet {
            None => cell,
            Some(sheet) if sheet.chars().all(|c| c.is_alphanumeric() || c == '_') => {
                format!("{sheet}!{cell}")
            }
            Some(sheet) => format!("'{}'!{cell}", sheet.replace('\'', "''")),
        })
    }
}

impl fmt::Display for Row {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Row::Header => f.write_str("header"),
            Row::Data(n) => write!(f, "row {n}"),
        }
    }
}

/// A document inside a batch file.
#[derive(Debug, Clone, Copy)]
pub struct BatchDocument<'a> {
    /// How people name it: `item 3`, `line 12`.
    pub label: &'a str,
    /// Its first line in the batch file.
    pub line: u64,
    /// Its text, indexed, when it could be read: its lines are echoed.
    pub text: Option<&'a LineIndex<'a>>,
}

/// Spreadsheet column letters of a 1-based column: 1 is `A`, 27 is `AA`;
/// `None` for 0 (no column).
pub fn column_letters(column: usize) -> Option<String> {
    let mut n = column;
    let mut letters = Vec::new();
    while n > 0 {
        let digit = (n - 1) % 26;
        letters.push(char::from(b'A' + digit as u8));
        n = (n - 1) / 26;
    }
    (!letters.is_empty()).then(|| letters.into_iter().rev().collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_lettered_as_in_a_spreadsheet() {
        let letters: Vec<_> = [1, 3, 26, 27, 52, 53, 702, 703]
            .map(|c| column_letters(c).unwrap())
            .into();
        assert_eq!(letters, ["A", "C", "Z", "AA", "AZ", "BA", "ZZ", "AAA"]);
        assert_eq!(column_letters(0), None);
    }

    #[test]
    fn a_sheet_cell_is_referenced_as_a_spreadsheet_writes_it() {
        let cell = |sheet| TableRow {
            sheet,
            row: Row::Data(11),
            line: 12,
        };
        assert_eq!(cell(None).reference(3).as_deref(), Some("C12"));
        assert_eq!(
            cell(Some("Sheet1")).reference(3).as_deref(),
            Some("Sheet1!C12")
        );
        assert_eq!(
            cell(Some("L'été 2024")).reference(3).as_deref(),
            Some("'L''été 2024'!C12")
        );
        assert_eq!(cell(Some("Sheet1")).reference(0), None);
    }
}
