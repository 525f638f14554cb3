//! Spreadsheet batch inputs (`.xlsx`, `.xls`, `.ods`), read with calamine.
//!
//! The first sheet (or `--sheet NAME`) is read: its first non-empty row is
//! the header, under the same rules as a CSV header; every problem is
//! located at its cell (`Sheet1!C12`). Formulas are read as their saved
//! values (a formula without one is an error at its cell); a cell covered by
//! a merged range (`.xlsx`, `.xls`) is an error, since its row would lose
//! the value; a value right of the header is an error at its cell. Here a
//! sheet is held in memory while it is read (`.xls` holds at most 65,536
//! rows): this is how `.xls` and `.ods` files are read, while an `.xlsx` is
//! streamed by [`batch_xlsx_in`](crate::batch_xlsx_in) under the same rules.

use crate::batch_input::Schema;
use crate::batch_table::{Layout, MapFile, Record, TableChunk, TableRows};
use crate::failure::Fail;
use crate::style;
use calamine::{Data, Dimensions, Range, Reader, Sheets};
use domino_engine::assessment::typed_cell::{cell_text, merged_cell, CellRole, CellValue};
use domino_engine::diagnostic::location::column_letters;
use domino_engine::sniff::{binary_format, BinaryFormat};
use domino_engine::{did_you_mean, Grid};
use std::io::Cursor;
use std::sync::Arc;

/// One sheet's cells, formulas and merged ranges.
struct Sheet {
    range: Range<Data>,
    formulas: Range<String>,
    merges: Vec<Dimensions>,
    is_1904: bool,
}

/// The rows of one sheet, after its header.
struct SheetRows {
    sheet: Sheet,
    layout: Arc<Layout>,
    file: Arc<str>,
    /// Next row to read (absolute, 0-based) and the last one.
    next: u32,
    end: u32,
}

/// Opens sheet `sheet` (or the first) of a workbook's `bytes` and reads its header.
pub fn open(
    bytes: Vec<u8>,
    file: &str,
    sheet: Option<&str>,
    grid: &Grid,
    map: Option<&MapFile>,
    from: Option<&str>,
) -> Result<(Box<dyn TableRows>, Schema), Fail> {
    let mut book = workbook(bytes, file)?;
    let name = pick_sheet(&book.sheet_names(), file, sheet)?;
    let range = book
        .worksheet_range(&name)
        .map_err(|e| Fail::invalid(format!("cannot read sheet `{name}` of `{file}`: {e}")))?;
    let formulas = book.worksheet_formula(&name).unwrap_or_default();
    let (merges, is_1904) = match &mut book {
        Sheets::Xlsx(x) => (
            x.merge_cells_by_sheet_name(&name).unwrap_or_default(),
            x.has_1904_epoch(),
        ),
        Sheets::Xls(x) => (
            x.merge_cells_by_sheet_name(&name).unwrap_or_default(),
            x.has_1904_epoch(),
        ),
        _ => (Vec::new(), false),
    };
    let (Some(start), Some(end)) = (range.start(), range.end()) else {
        return Err(Fail::invalid(format!(
            "sheet `{name}` of `{file}` is empty: its first row must be a header (`domino template --format csv` prints one)"
        )));
    };
    let sheet = Sheet {
        range,
        formulas,
        merges,
        is_1904,
    };
    let (names, blank) = sheet.header(start.0, end.1, &name, file)?;
    let at = (file, Some(name.as_str()), u64::from(start.0) + 1);
    let (layout, schema) = Layout::new(grid, at, &names, &blank, map, from)?;
    sheet.say_formulas(file, &name);
    let rows = SheetRows {
        sheet,
        layout: Arc::new(layout),
        file: Arc::from(file),
        next: start.0 + 1,
        end: end.0,
    };
    Ok((Box::new(rows), schema))
}

/// The workbook in `bytes`, told by its magic bytes; a password-protected
/// or broken file is refused with what to do.
fn workbook(bytes: Vec<u8>, file: &str) -> Result<Sheets<Cursor<Vec<u8>>>, Fail> {
    let broken = |e: &dyn std::fmt::Display| {
        Fail::invalid(format!(
            "cannot read `{file}` as a spreadsheet ({e}); the file may be damaged or incomplete: open it in a spreadsheet application and save it again as .xlsx, .ods or .csv"
        ))
    };
    match binary_format(&bytes) {
        Some(BinaryFormat::Ole) if is_encrypted(&bytes) => Err(Fail::invalid(format!(
            "`{file}` is protected by a password: open it in a spreadsheet application, remove the password (save it without encryption), and run again"
        ))),
        Some(BinaryFormat::Ole) => calamine::Xls::new(Cursor::new(bytes))
            .map(Sheets::Xls)
            .map_err(|e| broken(&e)),
        _ => match calamine::Xlsx::new(Cursor::new(bytes.clone())) {
            Ok(book) => Ok(Sheets::Xlsx(book)),
            Err(xlsx) => calamine::Ods::new(Cursor::new(bytes))
                .map(Sheets::Ods)
                .map_err(|_| broken(&xlsx)),
        },
    }
}

/// Whether an OLE file is an encrypted OOXML package (its `EncryptedPackage`
/// stream named in UTF-16 in its directory).
fn is_encrypted(bytes: &[u8]) -> bool {
    let name: Vec<u8> = "EncryptedPackage"
        .encode_utf16()
        .flat_map(u16::to_le_bytes)
        .collect();
    bytes.windows(name.len()).any(|w| w == name)
}

/// The sheet to read of a workbook's sheets `names`: `wanted`, or the
/// first; an unknown name lists the sheets.
pub(crate) fn pick_sheet(
    names: &[String],
    file: &str,
    wanted: Option<&str>,
) -> Result<String, Fail> {
    let listed = || {
        names
            .iter()
            .map(|n| format!("`{n}`"))
            .collect::<Vec<_>>()
            .join(", ")
    };
    match wanted {
        Some(w) if names.iter().any(|n| n == w) => Ok(w.to_owned()),
        Some(w) => {
            let hint = match did_you_mean(w, names.iter().map(String::as_str)) {
                Some(best) => format!("did you mean `--sheet {best}`? "),
                None => String::new(),
            };
            Err(Fail::invalid(format!(
                "`{file}` has no sheet `{w}` ({hint}its sheets: {})",
                listed()
            )))
        }
        None => {
            let first = names
                .first()
                .cloned()
                .ok_or_else(|| Fail::invalid(format!("`{file}` has no sheet")))?;
            if names.len() > 1 {
                style::note_line(&format!(
                    "`{file}`: reading its first sheet `{first}` (its sheets: {}; choose one with `--sheet NAME`)",
                    listed()
                ));
            }
            Ok(first)
        }
    }
}

impl Sheet {
    /// The header's names up to its last named column, and which columns are
    /// blank separators (no name and no value in any row).
    fn header(
        &self,
        row: u32,
        last_col: u32,
        sheet: &str,
        file: &str,
    ) -> Result<(Vec<String>, Vec<bool>), Fail> {
        let names = header_names((0..=last_col).map(|c| self.value(row, c)), row, sheet, file)?;
        let mut used = vec![false; names.len()];
        for (r, c, value) in self.range.used_cells() {
            let c = c + self.range.start().map_or(0, |s| s.1 as usize);
            if r > 0 && c < used.len() && *value != Data::Empty {
                used[c] = true;
            }
        }
        let blank = blank_columns(&names, &used);
        Ok((names, blank))
    }

    /// The typed value of the cell at an absolute position.
    fn value(&self, row: u32, col: u32) -> CellValue<'_> {
        match self.range.get_value((row, col)) {
            None | Some(Data::Empty) => match self.formulas.get_value((row, col)) {
                Some(f) if !f.is_empty() => CellValue::FormulaWithoutValue(f),
                _ => CellValue::Empty,
            },
            Some(data) => typed(data, self.is_1904),
        }
    }

    /// Says once that formulas were read as their saved values.
    fn say_formulas(&self, file: &str, sheet: &str) {
        let with_value: Vec<(usize, usize)> = (self.formulas.used_cells())
            .filter(|(_, _, f)| !f.is_empty())
            .map(|(r, c, _)| {
                let s = self.formulas.start().unwrap_or_default();
                (r + s.0 as usize, c + s.1 as usize)
            })
            .filter(|&(r, c)| {
                !matches!(
                    self.range.get_value((r as u32, c as u32)),
                    None | Some(Data::Empty)
                )
            })
            .collect();
        note_formulas(file, sheet, with_value.len(), with_value.first().copied());
    }
}

/// The names of a header row of cells `values` (from column A), up to its
/// last named column; a cell that cannot be a name is refused at its cell.
pub(crate) fn header_names<'a>(
    values: impl Iterator<Item = CellValue<'a>>,
    row: u32,
    sheet: &str,
    file: &str,
) -> Result<Vec<String>, Fail> {
    let mut names = Vec::new();
    for (c, value) in values.enumerate() {
        let text = cell_text(value, CellRole::Text).map_err(|d| {
            let cell = column_letters(c + 1).unwrap_or_default();
            Fail::invalid(format!(
                "`{file}`: header cell {sheet}!{cell}{}: {}",
                row + 1,
                d.message
            ))
        })?;
        names.push(text.trim().to_owned());
    }
    while names.last().is_some_and(String::is_empty) {
        names.pop();
    }
    Ok(names)
}

/// The columns read as blank separators: no name, and no value in any row
/// below the header (`used`).
pub(crate) fn blank_columns(names: &[String], used: &[bool]) -> Vec<bool> {
    (names.iter().zip(used))
        .map(|(name, used)| name.is_empty() && !used)
        .collect()
}

/// Says once that `count` formulas were read as their saved values, the
/// first at `first` (absolute row and column, 0-based).
pub(crate) fn note_formulas(file: &str, sheet: &str, count: usize, first: Option<(usize, usize)>) {
    if let Some((r, c)) = first {
        style::note_line(&format!(
            "`{file}`: {count} cell(s) of sheet `{sheet}` hold formulas; their saved values were read (the first: {}{})",
            column_letters(c + 1).unwrap_or_default(),
            r + 1
        ));
    }
}

/// Errors for the cells of `row` that a merged range of `merges` covers
/// (not its first cell).
pub(crate) fn merge_errors(merges: &[Dimensions], row: u32, layout: &Layout, record: &mut Record) {
    for m in merges {
        if row < m.start.0 || row > m.end.0 {
            continue;
        }
        let name = |(r, c): (u32, u32)| {
            format!(
                "{}{}",
                column_letters(c as usize + 1).unwrap_or_default(),
                r + 1
            )
        };
        let (origin, last) = (name(m.start), name(m.end));
        for c in m.start.1..=m.end.1 {
            if (row, c) != m.start {
                let mut d = merged_cell(&format!("{origin}:{last}"), &origin);
                if let Some(k) = layout.columns.iter().position(|&s| s == c as usize) {
                    d = d.with_path(layout.sources[k].clone());
                }
                record.errors.push(d.at_line_column(0, c as usize + 1));
            }
        }
    }
}

/// Whether a merged range of `merges` covers row `row`.
pub(crate) fn merged(merges: &[Dimensions], row: u32) -> bool {
    merges.iter().any(|m| row >= m.start.0 && row <= m.end.0)
}

impl TableRows for SheetRows {
    fn next_rows(&mut self, max: usize) -> Result<Option<TableChunk>, Fail> {
        let mut rows = Vec::new();
        let sheet = &self.sheet;
        let width = sheet.range.end().map_or(0, |e| e.1 + 1);
        let mut cells = Vec::with_capacity(width as usize);
        while rows.len() < max && self.next <= self.end {
            let row = self.next;
            self.next += 1;
            cells.clear();
            cells.extend((0..width).map(|c| sheet.value(row, c)));
            let merged = merged(&sheet.merges, row);
            if !merged && cells.iter().all(|c| *c == CellValue::Empty) {
                continue;
            }
            let mut record = self.layout.record(u64::from(row) + 1, &cells);
            if merged {
                merge_errors(&sheet.merges, row, &self.layout, &mut record);
            }
            rows.push(record);
        }
        Ok(TableChunk::of(&self.layout, &self.file, rows))
    }

    fn position(&self) -> u64 {
        u64::from(self.next)
    }
}

/// A calamine value as a typed cell.
pub(crate) fn typed(data: &Data, is_1904: bool) -> CellValue<'_> {
    match data {
        Data::Empty => CellValue::Empty,
        Data::String(s) => CellValue::Text(s),
        Data::Int(n) => CellValue::Int(*n),
        Data::Float(x) => CellValue::Float(*x),
        Data::Bool(b) => CellValue::Bool(*b),
        Data::DateTime(dt) if dt.is_duration() => CellValue::Duration(dt.as_f64() * 86_400.0),
        Data::DateTime(dt) => excel_date(dt.as_f64(), is_1904),
        Data::DateTimeIso(s) | Data::DurationIso(s) => CellValue::IsoDateTime(s),
        Data::Error(e) => CellValue::Error(error_code(e)),
    }
}

/// An Excel serial date (days since 1899-12-30, or 1904-01-01) as a typed cell.
pub(crate) fn excel_date(serial: f64, is_1904: bool) -> CellValue<'static> {
    if serial < 1.0 && !is_1904 {
        return CellValue::Time(serial * 86_400.0);
    }
    let days = serial - 25_569.0 + if is_1904 { 1_462.0 } else { 0.0 };
    if serial.fract() == 0.0 {
        CellValue::Date(days as i64)
    } else {
        CellValue::DateTime(days * 86_400.0)
    }
}

pub(crate) fn error_code(e: &calamine::CellErrorType) -> &'static str {
    use calamine::CellErrorType::*;
    match e {
        Div0 => "#DIV/0!",
        NA => "#N/A",
        Name => "#NAME?",
        Null => "#NULL!",
        Num => "#NUM!",
        Ref => "#REF!",
        Value => "#VALUE!",
        GettingData => "#GETTING_DATA",
    }
}
