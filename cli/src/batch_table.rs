//! Typed tables in the batch pipeline: spreadsheets and Parquet files (and
//! any input read through a `--map` mapping) become rows of text fields under
//! a grid header, with the problems of their typed cells already found.
//!
//! A reader ([`batch_sheet`](crate::batch_sheet), [`batch_parquet`](crate::batch_parquet))
//! gives its header and then rows of [`CellValue`]s; [`Layout::new`] reads
//! the header once (mapping, grid header rules, versions), [`Layout::record`]
//! turns each row into text fields, and [`process`] scores a chunk of them
//! on a worker, each problem located at its cell (`Sheet1!C12`).

use crate::batch::{Done, Scorer};
use crate::batch_chunks::TextCells;
use crate::batch_csv::RowReader;
use crate::batch_input::Schema;
use crate::batch_versions::CsvVersions;
use crate::failure::Fail;
use crate::style;
use domino_engine::assessment::mapping::{ColumnMapping, MappedHeader};
use domino_engine::assessment::typed_cell::{
    cell_text, column_role, push_cell_text, value_outside_header, CellRole, CellValue,
};
use domino_engine::diagnostic::{Location, Row, TableRow};
use domino_engine::{Diagnostic, Grid, LineIndex, Responses};
use std::sync::Arc;

/// A mapping file given with `--map`, read and checked against the grid.
pub struct MapFile {
    /// Its name, for messages.
    pub name: String,
    /// Its text (mapping errors are echoed from it).
    pub text: String,
    /// The mapping.
    pub mapping: ColumnMapping,
}

/// How a table's columns become the grid header, read once per file.
pub struct Layout {
    /// The file, for messages.
    pub file: String,
    /// The sheet, for cell references (`None`: no sheet, e.g. Parquet).
    pub sheet: Option<String>,
    /// Line of the header row (1 for a file without sheets).
    pub header_line: u64,
    /// Per grid column: its source column (0-based).
    pub columns: Vec<usize>,
    /// Per grid column: the source column's name.
    pub sources: Vec<String>,
    /// Per grid column: how its typed cells are read.
    roles: Vec<CellRole>,
    /// The mapping applied to the header, with `--map`.
    mapped: Option<MappedHeader>,
    /// Source columns read as a blank separator (no name, no value):
    /// skipped; empty when there are none, so that only the cells past the
    /// header's `width` columns are looked at for values outside it.
    width: usize,
    skipped: Vec<bool>,
}

/// One row of a table: its line (row number in the sheet), text fields and
/// the problems of its typed cells (located at their source column).
pub struct Record {
    /// The row's line in the sheet (or in the file).
    pub line: u64,
    /// The text of every grid column, one after the other (one buffer a
    /// row, not a string a cell), and where each ends.
    text: String,
    ends: Vec<usize>,
    /// Problems found reading its cells.
    pub errors: Vec<Diagnostic>,
    /// Its row group (Parquet), named with the file in messages.
    pub group: Option<usize>,
}

impl Record {
    /// The row's cells, read in place from its one buffer.
    pub fn cells(&self) -> TextCells<'_> {
        TextCells::new(&self.text, &self.ends, 0)
    }
}

/// Rows of a table, for one worker.
pub struct TableChunk {
    /// The header's layout.
    pub layout: Arc<Layout>,
    /// The file name shown for these rows.
    pub file: Arc<str>,
    /// The rows.
    pub rows: Vec<Record>,
}

impl TableChunk {
    /// The chunk of `rows`, unless there are none (the end of the table).
    pub fn of(layout: &Arc<Layout>, file: &Arc<str>, rows: Vec<Record>) -> Option<TableChunk> {
        (!rows.is_empty()).then(|| TableChunk {
            layout: Arc::clone(layout),
            file: Arc::clone(file),
            rows,
        })
    }
}

/// A table reader: rows after the header, a chunk at a time.
pub trait TableRows: Send {
    /// The next rows (at most `max`), or `None` at the end.
    fn next_rows(&mut self, max: usize) -> Result<Option<TableChunk>, Fail>;
    /// Progress position.
    fn position(&self) -> u64;
}

impl Layout {
    /// Reads a header (`names`, source columns in order; `blank` marks the
    /// columns with neither a name nor a value, skipped) into the grid header
    /// and its versions; refused with every header problem located.
    pub fn new(
        grid: &Grid,
        at: (&str, Option<&str>, u64),
        names: &[String],
        blank: &[bool],
        map: Option<&MapFile>,
        from: Option<&str>,
    ) -> Result<(Layout, Schema), Fail> {
        let (file, sheet, header_line) = at;
        let mut layout = Layout {
            file: file.to_owned(),
            sheet: sheet.map(str::to_owned),
            header_line,
            columns: Vec::new(),
            sources: Vec::new(),
            roles: Vec::new(),
            mapped: None,
            width: names.len(),
            skipped: if blank.contains(&true) {
                blank.to_vec()
            } else {
                Vec::new()
            },
        };
        let trimmed: Vec<&str> = names.iter().map(|n| n.trim()).collect();
        let targets: Vec<String> = match map {
            Some(map) => {
                let mapped = map
                    .mapping
                    .apply(grid, &trimmed)
                    .map_err(|e| layout.mapping_failure(map, e.in_header, e.in_mapping))?;
                for (i, kept) in mapped.kept.iter().enumerate() {
                    if kept.is_some() {
                        layout.columns.push(i);
                        layout.sources.push(trimmed[i].to_owned());
                    }
                }
                layout.roles.clone_from(&mapped.roles);
                let targets = mapped.names.clone();
                layout.mapped = Some(mapped);
                targets
            }
            None => {
                for (i, name) in trimmed.iter().enumerate() {
                    if !blank.get(i).copied().unwrap_or(false) {
                        layout.columns.push(i);
                        layout.sources.push((*name).to_owned());
                        layout.roles.push(column_role(grid, name));
                    }
                }
                layout.sources.clone()
            }
        };
        let header: Vec<&str> = targets.iter().map(String::as_str).collect();
        let versions = CsvVersions::read(grid, &header, from).map_err(|errors| {
            layout.header_failure(errors.into_iter().map(|d| layout.at_source(d)))
        })?;
        Ok((layout, Schema::Csv(versions, targets)))
    }

    /// A diagnostic whose column counts grid columns, moved to its source column.
    fn at_source(&self, mut d: Diagnostic) -> Diagnostic {
        if let Some(k) = d.column.checked_sub(1) {
            if let Some(&source) = self.columns.get(k) {
                d.column = source + 1;
                d.path = Some(self.sources[k].clone());
            }
        }
        d
    }

    /// The header row, for messages.
    fn header_row(&self) -> TableRow<'_> {
        TableRow {
            sheet: self.sheet.as_deref(),
            row: Row::Header,
            line: self.header_line,
        }
    }

    fn header_failure(&self, errors: impl Iterator<Item = Diagnostic>) -> Fail {
        let at = Location::Cell {
            file: &self.file,
            row: self.header_row(),
        };
        let rendered: Vec<String> = errors.map(|d| style::diagnostic(&d, &at) + "\n").collect();
        Fail::invalid(format!(
            "`{}`: the header has {} error(s); nothing was scored",
            self.file,
            rendered.len()
        ))
        .with_details(rendered.concat())
    }

    fn mapping_failure(
        &self,
        map: &MapFile,
        in_header: Vec<Diagnostic>,
        in_mapping: Vec<Diagnostic>,
    ) -> Fail {
        let index = LineIndex::new(&map.text);
        let at = Location::Text {
            file: &map.name,
            index: &index,
        };
        let mut text: String = (in_mapping.iter())
            .map(|d| style::diagnostic(d, &at) + "\n")
            .collect();
        let header = self.header_failure(in_header.into_iter());
        text.push_str(&header.details);
        Fail::invalid(format!(
            "`{}` does not match the columns of `{}`; nothing was scored",
            map.name, self.file
        ))
        .with_details(text)
    }

    /// Turns one row of typed cells (by source column) into a record.
    pub fn record(&self, line: u64, cells: &[CellValue<'_>]) -> Record {
        // Room for a code and its separator a column, and an id and a name:
        // most rows are filled without growing the buffer.
        let mut text = String::with_capacity(2 * self.columns.len() + 64);
        let mut ends = Vec::with_capacity(self.columns.len());
        let mut errors = Vec::new();
        for (k, &source) in self.columns.iter().enumerate() {
            let value = cells.get(source).copied().unwrap_or(CellValue::Empty);
            let start = text.len();
            let pushed = match value {
                // Most cells of a text table: copied, nothing to decide.
                CellValue::Text(cell) => {
                    text.push_str(cell);
                    Ok(())
                }
                _ => push_cell_text(&mut text, value, self.roles[k]),
            };
            let read = pushed.and_then(|()| {
                let Some(map) = &self.mapped else {
                    return Ok(());
                };
                let code = map.translate(k, &text[start..])?;
                if code != &text[start..] {
                    // A label mapped to its code (a mapped export only).
                    let code = code.to_owned();
                    text.truncate(start);
                    text.push_str(&code);
                }
                Ok(())
            });
            if let Err(d) = read {
                text.truncate(start);
                errors.push(
                    d.with_path(self.sources[k].clone())
                        .at_line_column(0, source + 1),
                );
            }
            ends.push(text.len());
        }
        // The cells no grid column reads: those past the header, and the
        // blank columns when there are any.
        let first_outside = if self.skipped.is_empty() {
            self.width
        } else {
            0
        };
        for (c, value) in cells.iter().enumerate().skip(first_outside) {
            let outside = c >= self.width || self.skipped.get(c).copied().unwrap_or(false);
            if outside && *value != CellValue::Empty {
                let shown = cell_text(*value, CellRole::Text).unwrap_or_default();
                errors.push(value_outside_header(&shown).at_line_column(0, c + 1));
            }
        }
        Record {
            line,
            text,
            ends,
            errors,
            group: None,
        }
    }
}

/// Scores a chunk of table rows (on a worker), each bad row's problems
/// rendered at their cells; a row with any problem is not scored. Rows are
/// read into one evaluation, scored in place, as CSV rows are.
pub(crate) fn process(scorer: &mut Scorer, done: &mut Done, first_row: u64, chunk: &TableChunk) {
    let shared = scorer.shared;
    let Schema::Csv(versions, _) = &shared.schema else {
        return;
    };
    let grid = &shared.grid;
    done.variant_rows = vec![0; versions.variants.len()];
    let mut e = grid.evaluate(Responses::empty(grid));
    let mut read_errors = Vec::new();
    for (i, record) in chunk.rows.iter().enumerate() {
        let index = first_row + i as u64;
        let read = RowReader {
            versions,
            grid,
            strict: shared.options.strict,
            done: &mut *done,
            responses: &mut e.responses,
            errors: &mut read_errors,
        }
        .read(&record.cells());
        match read {
            Ok(()) if record.errors.is_empty() => scorer.score_in_place(done, index, &mut e),
            outcome => {
                let mut errors = record.errors.clone();
                if let Err(more) = outcome {
                    errors.extend(more.into_iter().map(|d| chunk.layout.at_source(d)));
                }
                errors.sort_by_key(|d| d.column);
                done.failed += 1;
                done.errors.push(failure(chunk, record, index, &errors));
            }
        }
    }
}

/// A bad row's problems, each rendered at its cell.
fn failure(
    chunk: &TableChunk,
    record: &Record,
    index: u64,
    errors: &[Diagnostic],
) -> crate::batch::Failure {
    let file = match record.group {
        Some(g) => format!("{}, row group {g}", chunk.file),
        None => chunk.file.to_string(),
    };
    let at = Location::Cell {
        file: &file,
        row: TableRow {
            sheet: chunk.layout.sheet.as_deref(),
            row: Row::Data(index + 1),
            line: record.line,
        },
    };
    let text = errors.iter().map(|d| style::diagnostic(d, &at)).collect();
    crate::batch::Failure::Rendered(text)
}

/// Reads a `--map` file and checks it against the grid; refused with every
/// problem located in it.
pub fn read_map(path: &std::path::Path, grid: &Grid) -> Result<MapFile, Fail> {
    let name = crate::files::display(path);
    let text = crate::files::read_text(path)?;
    match ColumnMapping::from_toml(&text, grid) {
        Ok((mapping, warnings)) => {
            if !warnings.is_empty() {
                crate::files::report_diagnostics(&warnings, &name, &text);
            }
            Ok(MapFile {
                name,
                text,
                mapping,
            })
        }
        Err(errors) => {
            crate::files::report_diagnostics(&errors.0, &name, &text);
            Err(Fail::invalid(format!(
                "`{name}`: the mapping has {} error(s); nothing was scored",
                errors.0.len()
            )))
        }
    }
}
