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
use domino_engine::{Diagnostic, Responses};

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
        let mut fields: Vec<&str> = spare;
        let read = decode(&record, names, &mut fields).and_then(|()| {
            let (variant, schema) = versions.pick(&fields, strict).map_err(|d| vec![*d])?;
            done.variant_rows[variant] += 1;
            if !versions.warnings(variant).is_empty() {
                done.carried += 1;
            }
            match schema.read_into(grid, &fields, &mut e.responses, &mut errors) {
                true => Ok(()),
                false => Err(std::mem::take(&mut errors)),
            }
        });
        spare = recycle(fields);
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

/// An emptied vector of fields, its allocation kept for the next record.
fn recycle(mut fields: Vec<&str>) -> Vec<&'static str> {
    fields.clear();
    fields.into_iter().map(|_| "").collect()
}

/// The fields of a record as text, or the error for its first cell that is
/// not UTF-8. A record whose bytes are UTF-8 as a whole is checked once, not
/// field by field.
fn decode<'r>(
    record: &Record<'r>,
    names: &[String],
    fields: &mut Vec<&'r str>,
) -> Result<(), Vec<Diagnostic>> {
    if let Ok(text) = std::str::from_utf8(record.data()) {
        if text.is_ascii() {
            // Every offset of ASCII text is a character boundary: the fields
            // are sliced without a check each.
            fields.extend(record.ranges().map(|r| &text[r]));
            return Ok(());
        }
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
