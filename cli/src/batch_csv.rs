//! Scoring a block of CSV records: the worker tokenizes its own block and
//! decodes row after row into one evaluation, so that a row costs no
//! allocation once the first rows have sized the buffers.
//!
//! A block does not know how many rows come before it: bad rows are kept as
//! diagnostics with their row in the block and their line, and the writer,
//! which sees the blocks in order, numbers and renders them.

use crate::batch::{Done, Failure, Scorer};
use crate::batch_chunks::{BlockRecords, CsvBlock, Record};
use crate::batch_input::Schema;
use crate::batch_versions::CsvVersions;
use domino_engine::assessment::RowCells;
use domino_engine::{Diagnostic, Grid, Responses};

/// Scores every record of `block` into `done`.
pub(crate) fn process(scorer: &mut Scorer, done: &mut Done, block: &CsvBlock) {
    let shared = scorer.shared;
    let Schema::Csv(versions, names) = &shared.schema else {
        return;
    };
    let (grid, strict) = (&shared.grid, shared.options.strict);
    done.variant_rows = vec![0; versions.variants.len()];
    let mut e = grid.evaluate(Responses::empty(grid));
    let mut errors = Vec::new();
    let mut spare: Vec<&'static str> = Vec::with_capacity(names.len());
    let mut records = BlockRecords::new(block);
    let mut row = 0u64;
    while let Some(record) = records.next_record() {
        let mut row_reader = RowReader {
            versions,
            grid,
            strict,
            done: &mut *done,
            responses: &mut e.responses,
            errors: &mut errors,
        };
        let read = match record.ascii() {
            Some(ascii) => row_reader.read(&ascii),
            None => {
                let mut fields: Vec<&str> = spare;
                let read =
                    decode(&record, names, &mut fields).and_then(|()| row_reader.read(&fields[..]));
                spare = recycle(fields);
                read
            }
        };
        match read {
            Ok(()) => scorer.score_in_place(done, row, &mut e),
            Err(diagnostics) => {
                done.failed += 1;
                let line = records.line();
                done.errors.push(Failure::CsvRow {
                    row,
                    line,
                    diagnostics,
                });
            }
        }
        row += 1;
    }
}

/// What reading one row into the worker's responses needs: a CSV record's
/// here, a typed table's in [`batch_table`](crate::batch_table).
pub(crate) struct RowReader<'a> {
    pub versions: &'a CsvVersions,
    pub grid: &'a Grid,
    pub strict: bool,
    pub done: &'a mut Done,
    pub responses: &'a mut Responses,
    pub errors: &'a mut Vec<Diagnostic>,
}

impl RowReader<'_> {
    /// Reads a row's cells with the schema of the version it was written
    /// for, counting the rows of each version; the row's errors otherwise.
    /// Generic over the cells, so that an ASCII record's cells are read
    /// without a call each.
    pub(crate) fn read<C: RowCells + ?Sized>(&mut self, cells: &C) -> Result<(), Vec<Diagnostic>> {
        let (variant, schema) = self
            .versions
            .pick(cells, self.strict)
            .map_err(|d| vec![*d])?;
        self.done.variant_rows[variant] += 1;
        if !self.versions.warnings(variant).is_empty() {
            self.done.carried += 1;
        }
        match schema.read_into(self.grid, cells, self.responses, self.errors) {
            true => Ok(()),
            false => Err(std::mem::take(self.errors)),
        }
    }
}

/// An emptied vector of fields, its allocation kept for the next record.
fn recycle(mut fields: Vec<&str>) -> Vec<&'static str> {
    fields.clear();
    fields.into_iter().map(|_| "").collect()
}

/// The fields of a record that is not ASCII as text, or the error for its
/// first cell that is not UTF-8. A record whose bytes are UTF-8 as a whole is
/// checked once, not field by field.
fn decode<'r>(
    record: &Record<'r>,
    names: &[String],
    fields: &mut Vec<&'r str>,
) -> Result<(), Vec<Diagnostic>> {
    if let Ok(text) = std::str::from_utf8(record.data()) {
        let whole = record
            .ranges()
            .all(|r| text.get(r).map(|f| fields.push(f)).is_some());
        if whole {
            return Ok(());
        }
        // A multi-byte character split between two fields: each is checked.
        fields.clear();
    }
    for (c, f) in record.fields().enumerate() {
        match std::str::from_utf8(f) {
            Ok(s) => fields.push(s),
            Err(_) => {
                return Err(vec![Diagnostic::error(
                    "invalid-utf8",
                    "this cell is not valid UTF-8",
                )
                .with_hint("save the file as UTF-8")
                .with_path(names.get(c).cloned().unwrap_or_default())
                .at_line_column(0, c + 1)])
            }
        }
    }
    Ok(())
}
