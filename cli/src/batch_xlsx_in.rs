//! `.xlsx` batch inputs read as a stream of cells, so that memory stays
//! bounded by the rows in flight whatever the sheet's length (an `.xls`
//! holds at most 65,536 rows and an `.ods` is read whole, by
//! [`batch_sheet`](crate::batch_sheet)).
//!
//! The rules are those of [`batch_sheet`](crate::batch_sheet): the first
//! non-empty row is the header, a column with no name and no value is a
//! blank separator, a formula is read as its saved value (said once), a
//! formula without one and a cell a merged range covers are errors at their
//! cell. Some of those need the whole sheet before the first row is scored,
//! so the sheet is read twice: a first pass finds the header, the blank
//! columns and the formulas; the second reads the rows.
//!
//! calamine's cell reader borrows its workbook, so both passes run on a
//! thread of their own that owns the workbook and hands the rows over in
//! chunks.

use crate::batch_input::{Schema, CSV_CHUNK_ROWS};
use crate::batch_sheet::{
    blank_columns, header_names, merge_errors, merged, note_formulas, pick_sheet, typed,
};
use crate::batch_table::{Layout, MapFile, Record, TableChunk, TableRows};
use crate::failure::Fail;
use calamine::{Data, DataRef, Dimensions, Reader, Xlsx, XlsxError};
use domino_engine::assessment::typed_cell::CellValue;
use domino_engine::Grid;
use std::fs::File;
use std::io::BufReader;
use std::path::Path;
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};
use std::sync::Arc;

type Book = Xlsx<BufReader<File>>;

/// A table opened: its rows and its header's schema.
type Opened = (Box<dyn TableRows>, Schema);

/// Where the reading thread sends the rows: a chunk, the end (`None`), or
/// why it stopped. A thread that stops without saying either is an error,
/// not the end of the sheet.
type Chunks = SyncSender<Result<Option<Vec<Record>>, Fail>>;

/// What the first pass found.
struct Prelude {
    /// The header row (0-based), the last row with a value, the header's names.
    header_row: u32,
    last_row: u32,
    names: Vec<String>,
    blank: Vec<bool>,
    /// Formulas with a saved value: how many, and the first.
    formulas: usize,
    first_formula: Option<(usize, usize)>,
}

/// The rows of a streamed sheet, as the reading thread hands them over.
struct StreamedRows {
    layout: Arc<Layout>,
    file: Arc<str>,
    chunks: Receiver<Result<Option<Vec<Record>>, Fail>>,
    /// Rows handed over so far (for progress).
    rows: u64,
    /// Whether the end was received.
    done: bool,
}

/// Opens sheet `sheet` (or the first) of the workbook at `path` as a stream,
/// or `None` when it is no `.xlsx` package (an `.ods`, a damaged file: the
/// caller reads it whole, and says what is wrong with it).
pub fn open(
    path: &Path,
    file: &str,
    sheet: Option<&str>,
    grid: &Grid,
    map: Option<&MapFile>,
    from: Option<&str>,
) -> Result<Option<Opened>, Fail> {
    let Ok(handle) = File::open(path) else {
        return Ok(None);
    };
    let Ok(mut book) = Xlsx::new(BufReader::new(handle)) else {
        return Ok(None);
    };
    let name = pick_sheet(&book.sheet_names(), file, sheet)?;
    let merges = book.merge_cells_by_sheet_name(&name).unwrap_or_default();
    let (prelude_tx, prelude_rx) = sync_channel(1);
    let (layout_tx, layout_rx) = sync_channel::<Arc<Layout>>(1);
    let (chunk_tx, chunks) = sync_channel(1);
    let reader = SheetReader {
        file: file.to_owned(),
        sheet: name.clone(),
        merges,
    };
    std::thread::Builder::new()
        .name("xlsx".into())
        .spawn(move || reader.run(&mut book, &prelude_tx, &layout_rx, &chunk_tx))
        .map_err(|e| Fail::io(format!("cannot read `{file}`: {e}")))?;
    let prelude = prelude_rx
        .recv()
        .map_err(|_| Fail::io(format!("cannot read `{file}`: its reader stopped")))??;
    let at = (file, Some(name.as_str()), u64::from(prelude.header_row) + 1);
    let (layout, schema) = Layout::new(grid, at, &prelude.names, &prelude.blank, map, from)?;
    note_formulas(file, &name, prelude.formulas, prelude.first_formula);
    let layout = Arc::new(layout);
    // The thread waits for the layout; if it has stopped, the first chunk says why.
    let _ = layout_tx.send(Arc::clone(&layout));
    let rows = StreamedRows {
        layout,
        file: Arc::from(file),
        chunks,
        rows: 0,
        done: false,
    };
    Ok(Some((Box::new(rows), schema)))
}

impl TableRows for StreamedRows {
    fn next_rows(&mut self, _max: usize) -> Result<Option<TableChunk>, Fail> {
        if self.done {
            return Ok(None);
        }
        let received = self.chunks.recv().map_err(|_| {
            Fail::io(format!(
                "cannot read `{}`: its reader stopped before the end of the sheet",
                self.file
            ))
        })?;
        match received? {
            Some(rows) => {
                self.rows += rows.len() as u64;
                // A chunk is never empty, so that an empty one is never taken for the end.
                Ok(TableChunk::of(&self.layout, &self.file, rows))
            }
            None => {
                self.done = true;
                Ok(None)
            }
        }
    }

    fn position(&self) -> u64 {
        self.rows
    }
}

/// The reading thread's part: which sheet, and its merged ranges.
struct SheetReader {
    file: String,
    sheet: String,
    merges: Vec<Dimensions>,
}

impl SheetReader {
    /// Both passes: the prelude sent first, then (once the layout comes
    /// back) the rows in chunks. Stops when the other side hangs up.
    fn run(
        &self,
        book: &mut Book,
        prelude: &SyncSender<Result<Prelude, Fail>>,
        layout: &Receiver<Arc<Layout>>,
        chunks: &Chunks,
    ) {
        let first = self.prelude(book);
        let rows = first.as_ref().map(|p| (p.header_row, p.last_row)).ok();
        if prelude.send(first).is_err() {
            return;
        }
        let (Some(rows), Ok(layout)) = (rows, layout.recv()) else {
            return;
        };
        if let Err(e) = self.rows(book, rows, &layout, chunks) {
            let _ = chunks.send(Err(e));
        }
    }

    fn unreadable(&self, e: &XlsxError) -> Fail {
        Fail::invalid(format!(
            "cannot read sheet `{}` of `{}`: {e}",
            self.sheet, self.file
        ))
    }

    /// The first pass: the header, the columns with a value below it, the
    /// formulas with a saved value.
    fn prelude(&self, book: &mut Book) -> Result<Prelude, Fail> {
        let is_1904 = book.has_1904_epoch();
        let mut cells = book
            .worksheet_cells_reader(&self.sheet)
            .map_err(|e| self.unreadable(&e))?;
        let mut header: Option<(u32, Vec<(u32, Cell)>)> = None;
        // Cells without a value met before the header, in the row being read:
        // a formula with no saved value in the header is refused at its cell.
        let mut before: Vec<(u32, u32, Cell)> = Vec::new();
        let mut used: Vec<bool> = Vec::new();
        let (mut formulas, mut first_formula, mut last_row) = (0, None, 0);
        while let Some(cell) = cells
            .next_cell_with_formula()
            .map_err(|e| self.unreadable(&e))?
        {
            let (row, col) = cell.pos;
            let has_value = cell.value != DataRef::Empty;
            if has_value {
                last_row = row;
                if cell.formula.as_ref().is_some_and(|f| !f.is_empty()) {
                    formulas += 1;
                    first_formula.get_or_insert((row as usize, col as usize));
                }
            }
            match &mut header {
                None if has_value => {
                    let mut cells: Vec<(u32, Cell)> = (before.drain(..))
                        .filter(|&(r, _, _)| r == row)
                        .map(|(_, c, cell)| (c, cell))
                        .collect();
                    cells.push((col, Cell::from(cell)));
                    header = Some((row, cells));
                }
                None => {
                    before.retain(|&(r, _, _)| r == row);
                    before.push((row, col, Cell::from(cell)));
                }
                Some((at, cells)) if *at == row => cells.push((col, Cell::from(cell))),
                Some(_) if has_value => {
                    let col = col as usize;
                    if used.len() <= col {
                        used.resize(col + 1, false);
                    }
                    used[col] = true;
                }
                Some(_) => {}
            }
        }
        let Some((header_row, header_cells)) = header else {
            return Err(Fail::invalid(format!(
                "sheet `{}` of `{}` is empty: its first row must be a header (`domino template --format csv` prints one)",
                self.sheet, self.file
            )));
        };
        let values = by_column(&header_cells, is_1904);
        let names = header_names(values.into_iter(), header_row, &self.sheet, &self.file)?;
        used.resize(names.len(), false);
        Ok(Prelude {
            header_row,
            last_row,
            blank: blank_columns(&names, &used),
            names,
            formulas,
            first_formula,
        })
    }

    /// The second pass: every row from below the header to the last row
    /// with a value, as records, in chunks; `Ok(None)` once they all are.
    fn rows(
        &self,
        book: &mut Book,
        rows: (u32, u32),
        layout: &Layout,
        chunks: &Chunks,
    ) -> Result<(), Fail> {
        let (header_row, last_row) = rows;
        let is_1904 = book.has_1904_epoch();
        let mut cells = book
            .worksheet_cells_reader(&self.sheet)
            .map_err(|e| self.unreadable(&e))?;
        let mut texts: Vec<(u32, Cell)> = Vec::new();
        // The row whose cells `texts` holds, and the first row not read yet.
        let (mut current, mut next_row) = (None, header_row + 1);
        let mut chunk = Vec::with_capacity(CSV_CHUNK_ROWS);
        loop {
            let cell = match cells.next_cell_with_formula() {
                Err(e) => return Err(self.unreadable(&e)),
                Ok(Some(c)) if c.pos.0 <= header_row => continue,
                Ok(Some(c)) if c.pos.0 > last_row => None,
                Ok(other) => other,
            };
            let row = cell.as_ref().map(|c| c.pos.0);
            if let Some(r) = current.filter(|&r| Some(r) != row) {
                // Rows without cells before it: only a merged range makes them a record.
                for gap in next_row..r {
                    self.push_row(gap, &[], is_1904, layout, &mut chunk);
                }
                self.push_row(r, &texts, is_1904, layout, &mut chunk);
                texts.clear();
                next_row = r + 1;
                if chunk.len() >= CSV_CHUNK_ROWS
                    && chunks.send(Ok(Some(std::mem::take(&mut chunk)))).is_err()
                {
                    return Ok(());
                }
            }
            let Some(cell) = cell else { break };
            current = Some(cell.pos.0);
            texts.push((cell.pos.1, Cell::from(cell)));
        }
        for gap in next_row..=last_row {
            self.push_row(gap, &[], is_1904, layout, &mut chunk);
        }
        if !chunk.is_empty() && chunks.send(Ok(Some(chunk))).is_err() {
            return Ok(());
        }
        let _ = chunks.send(Ok(None));
        Ok(())
    }

    /// Appends the record of row `row` (its cells `texts`, by column),
    /// unless it is empty and no merged range covers it.
    fn push_row(
        &self,
        row: u32,
        texts: &[(u32, Cell)],
        is_1904: bool,
        layout: &Layout,
        chunk: &mut Vec<Record>,
    ) {
        let values = by_column(texts, is_1904);
        let covered = merged(&self.merges, row);
        if !covered && values.iter().all(|c| *c == CellValue::Empty) {
            return;
        }
        let mut record = layout.record(u64::from(row) + 1, &values);
        if covered {
            merge_errors(&self.merges, row, layout, &mut record);
        }
        chunk.push(record);
    }
}

/// A row's typed cells by column, from column A to its last cell, given
/// the cells the stream holds for it (by column); the others are empty.
fn by_column(cells: &[(u32, Cell)], is_1904: bool) -> Vec<CellValue<'_>> {
    let width = cells
        .iter()
        .map(|&(c, _)| c as usize + 1)
        .max()
        .unwrap_or(0);
    let mut values = vec![CellValue::Empty; width];
    for (c, cell) in cells {
        values[*c as usize] = cell.value(is_1904);
    }
    values
}

/// A cell of the stream, owned: its saved value, or its formula when it has
/// none (an error at its cell).
#[derive(Debug, Clone)]
enum Cell {
    Value(Data),
    Formula(String),
}

impl From<calamine::XlsxCellFormula<'_>> for Cell {
    fn from(cell: calamine::XlsxCellFormula<'_>) -> Cell {
        match (cell.value, cell.formula) {
            (DataRef::Empty, Some(f)) if !f.is_empty() => Cell::Formula(f),
            (value, _) => Cell::Value(Data::from(value)),
        }
    }
}

impl Cell {
    /// The typed cell it reads as, as [`batch_sheet`](crate::batch_sheet) reads it.
    fn value(&self, is_1904: bool) -> CellValue<'_> {
        match self {
            Cell::Value(data) => typed(data, is_1904),
            Cell::Formula(f) => CellValue::FormulaWithoutValue(f),
        }
    }
}
