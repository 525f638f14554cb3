//! `Grid.score_batch`: a table scored row by row as `domino batch` scores a
//! CSV file: the header is read once against the grid (and, for a table
//! written for an earlier grid version, carried over through its crosswalk);
//! each record batch is cut into chunks scored on all cores with the GIL
//! released; results come back in input order, one output row per input row.

use crate::cells::{Cells, RowReader};
use crate::errors::Located;
use crate::output::{self, Results};
use arrow_array::RecordBatch;
use arrow_schema::SchemaRef;
use domino_engine::{CarriedSchema, Diagnostic, Grid, RowSchema, VERSION_COLUMN};
use rayon::prelude::*;

/// Rows per chunk handed to a worker (as in `domino batch`).
const CHUNK_ROWS: usize = 4096;

/// How a table is scored.
pub struct Options {
    /// Keep failed rows with an `error` column (else stop at the first).
    pub error_column: bool,
    /// The grid version rows are written for when they do not say.
    pub from_version: Option<String>,
    /// The table's name in messages.
    pub source: String,
}

/// The header of a table read against the grid, once per grid version its
/// rows may be written for.
pub struct Plan {
    names: Vec<String>,
    /// `[0]`: the default version (`from_version`, else the grid's own);
    /// then, when the table has a `grid_version` column, every other
    /// version the grid reads.
    versions: Vec<(String, Result<CarriedSchema, Vec<Diagnostic>>)>,
    version_column: Option<usize>,
    id_column: Option<usize>,
    name_column: Option<usize>,
    /// The output schema.
    pub schema: SchemaRef,
    options: Options,
}

impl Plan {
    /// Reads the header; refused with the default version's errors.
    pub fn new(grid: &Grid, names: Vec<String>, options: Options) -> Result<Plan, Vec<Located>> {
        let header: Vec<&str> = names.iter().map(String::as_str).collect();
        let position = |wanted: &str| header.iter().position(|h| h.trim() == wanted);
        let version_column = position(VERSION_COLUMN);
        let default = options
            .from_version
            .clone()
            .unwrap_or_else(|| grid.version.clone());
        let mut wanted = vec![default];
        if version_column.is_some() {
            let others = std::iter::once(grid.version.clone())
                .chain(grid.crosswalks.iter().map(|c| c.from.clone()));
            for v in others {
                if !wanted.contains(&v) {
                    wanted.push(v);
                }
            }
        }
        let versions: Vec<_> = wanted
            .into_iter()
            .map(|v| {
                let read = RowSchema::for_version(grid, &header, Some(&v));
                (v, read)
            })
            .collect();
        if let (_, Err(errors)) = &versions[0] {
            let at = |d: &Diagnostic| Located::in_table(d.clone(), &options.source, None, &header);
            return Err(errors.iter().map(at).collect());
        }
        Ok(Plan {
            id_column: position("id"),
            name_column: position("name"),
            version_column,
            schema: output::schema(grid, options.error_column),
            names,
            versions,
            options,
        })
    }

    /// The warnings of carrying the header over from another version, rendered.
    pub fn header_warnings(&self) -> Vec<Located> {
        let header: Vec<&str> = self.names.iter().map(String::as_str).collect();
        match &self.versions[0].1 {
            Ok(carried) => carried
                .warnings
                .iter()
                .map(|d| Located::in_table(d.clone(), &self.options.source, None, &header))
                .collect(),
            Err(_) => Vec::new(),
        }
    }

    /// The schema reading a row, by its `grid_version` cell.
    fn pick(&self, fields: &[&str]) -> Result<&RowSchema, Box<Diagnostic>> {
        let Some(column) = self.version_column else {
            return self.read_as(0);
        };
        let cell = fields.get(column).map_or("", |c| c.trim());
        let at = |d: Box<Diagnostic>| {
            Box::new(d.with_path(VERSION_COLUMN).at_line_column(0, column + 1))
        };
        if cell.is_empty() {
            return self.read_as(0).map_err(at);
        }
        match self.versions.iter().position(|(v, _)| v == cell) {
            Some(index) => self.read_as(index).map_err(at),
            None => {
                let known: Vec<&str> = self.versions.iter().map(|(v, _)| v.as_str()).collect();
                Err(at(Box::new(
                    Diagnostic::error(
                        "unknown-grid-version",
                        format!("the grid has no crosswalk from version `{cell}`"),
                    )
                    .with_hint(format!("versions it reads: {}", known.join(", "))),
                )))
            }
        }
    }

    fn read_as(&self, index: usize) -> Result<&RowSchema, Box<Diagnostic>> {
        match &self.versions[index] {
            (_, Ok(carried)) => Ok(&carried.schema),
            (version, Err(errors)) => Err(Box::new(
                Diagnostic::error(
                    "unreadable-as-version",
                    format!(
                        "the header cannot be read as version {version} of the grid: {}",
                        errors.first().map(|d| d.message.as_str()).unwrap_or("")
                    ),
                )
                .with_hint("give this row the `grid_version` its columns were written for"),
            )),
        }
    }
}

/// The results of one record batch, one output batch per chunk, or the
/// diagnostics of the first bad row (without the `error` column).
pub fn score(
    grid: &Grid,
    plan: &Plan,
    batch: &RecordBatch,
    first_row: u64,
) -> Result<Vec<RecordBatch>, Vec<Located>> {
    let rows = batch.num_rows();
    let starts: Vec<usize> = (0..rows).step_by(CHUNK_ROWS).collect();
    starts
        .par_iter()
        .map(|&start| {
            let end = (start + CHUNK_ROWS).min(rows);
            score_chunk(grid, plan, batch, start..end, first_row)
        })
        .collect::<Vec<_>>()
        // In input order, so that the error raised is the first bad row's.
        .into_iter()
        .collect()
}

/// The readers of a batch's columns; a column of a type that cannot hold
/// answers is refused here, before any row is read.
pub fn readers<'a>(plan: &Plan, batch: &'a RecordBatch) -> Result<Vec<Cells<'a>>, Vec<Located>> {
    batch
        .columns()
        .iter()
        .zip(&plan.names)
        .enumerate()
        .map(|(c, (array, name))| {
            Cells::of(array, name, c).map_err(|d| {
                let header: Vec<&str> = plan.names.iter().map(String::as_str).collect();
                vec![Located::in_table(*d, &plan.options.source, None, &header)]
            })
        })
        .collect()
}

/// What reading one row gave: its evaluation, or its diagnostics located.
pub type Scored = Result<domino_engine::Evaluation, Vec<Located>>;

/// Reads and scores the rows of `range`, handing each result and the row's
/// cells to `sink`, which stops the chunk by returning its diagnostics.
pub fn each_row(
    grid: &Grid,
    plan: &Plan,
    batch: &RecordBatch,
    range: std::ops::Range<usize>,
    first_row: u64,
    mut sink: impl FnMut(Scored, &[&str]) -> Result<(), Vec<Located>>,
) -> Result<(), Vec<Located>> {
    let mut reader = RowReader::new(readers(plan, batch)?);
    for i in range {
        let fields = reader.read(i);
        let read = plan
            .pick(&fields)
            .map_err(|d| vec![*d])
            .and_then(|schema| schema.read(grid, &fields));
        let scored = read
            .map(|responses| grid.evaluate(responses))
            .map_err(|errors| {
                let index = first_row + i as u64;
                let source = &plan.options.source;
                errors
                    .into_iter()
                    .map(|d| Located::in_table(d, source, Some(index), &fields))
                    .collect()
            });
        sink(scored, &fields)?;
    }
    Ok(())
}

fn score_chunk(
    grid: &Grid,
    plan: &Plan,
    batch: &RecordBatch,
    range: std::ops::Range<usize>,
    first_row: u64,
) -> Result<RecordBatch, Vec<Located>> {
    let mut results = Results::new(grid, range.len(), plan.options.error_column);
    each_row(grid, plan, batch, range, first_row, |scored, fields| {
        match scored {
            Ok(e) => results.push(&e),
            Err(located) if !plan.options.error_column => return Err(located),
            Err(located) => {
                // As `domino batch` prints them: one after the other.
                let text: String = located.iter().map(|l| l.text.as_str()).collect();
                let cell = |c: Option<usize>| c.and_then(|c| fields.get(c)).map(|s| s.trim());
                let id = cell(plan.id_column);
                let name = cell(plan.name_column).filter(|n| !n.is_empty());
                results.push_failed(id, name.or(id).unwrap_or(""), &text);
            }
        }
        Ok(())
    })?;
    results.finish(&plan.schema).map_err(|e| {
        let d = Diagnostic::error("arrow", format!("cannot assemble the results: {e}"));
        vec![Located::in_table(d, &plan.options.source, None, &[])]
    })
}
