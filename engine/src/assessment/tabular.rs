//! Batch rows: one initiative per row, columns named by a header.
//!
//! Columns: `id`, `name`, profile field ids, criterion full ids (a level code
//! each) and `<criterion>.target`. The schema is checked once against the grid;
//! each row is then read without any name lookup.

use super::resolve::{
    bad_code, check_profile_value, parse_code, unknown_criterion, Given, Responses,
};
use crate::diagnostic::{did_you_mean, Diagnostic, SuggestionBudget};
use crate::grid::Grid;

/// A problem in a batch file: a [`Diagnostic`] whose `column` is the 1-based
/// column and `path` the column name; the caller sets the line (row).
pub type RowError = Diagnostic;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Id,
    Name,
    Profile(usize),
    Level(usize),
    Target(usize),
}

/// The meaning of each column of a batch file, checked against a grid.
#[derive(Debug, Clone)]
pub struct RowSchema {
    columns: Vec<Column>,
    names: Vec<String>,
}

impl RowSchema {
    /// Reads a header row. Every unknown or repeated column is reported.
    pub fn new(grid: &Grid, header: &[&str]) -> Result<RowSchema, Vec<RowError>> {
        let mut columns = Vec::with_capacity(header.len());
        let mut names = Vec::with_capacity(header.len());
        let mut errors = Vec::new();
        let budget = SuggestionBudget::new();
        for (i, raw) in header.iter().enumerate() {
            let name = crate::sniff::strip_bom(raw).trim();
            let column = if name == "id" {
                Some(Column::Id)
            } else if name == "name" {
                Some(Column::Name)
            } else if let Some(p) = grid.profile_index(name) {
                Some(Column::Profile(p))
            } else if let Some(c) = grid.criterion_index(name) {
                Some(Column::Level(c))
            } else {
                name.strip_suffix(".target")
                    .and_then(|n| grid.criterion_index(n))
                    .map(Column::Target)
            };
            match column {
                Some(col) if columns.contains(&col) => errors.push(
                    Diagnostic::error("duplicate-column", format!("column `{name}` appears twice"))
                        .with_hint("keep one column per field")
                        .with_path(name)
                        .at_line_column(0, i + 1),
                ),
                Some(col) => {
                    columns.push(col);
                    names.push(name.to_owned());
                }
                None => errors.push(
                    unknown_column(grid, name, &budget)
                        .with_path(name)
                        .at_line_column(0, i + 1),
                ),
            }
        }
        if !columns
            .iter()
            .any(|c| matches!(c, Column::Id | Column::Name))
            && errors.is_empty()
        {
            errors.push(
                Diagnostic::error(
                    "missing-column",
                    "the header has neither an `id` nor a `name` column",
                )
                .with_hint("add an `id` column so each result can be traced back to its row")
                .at_line_column(0, 1),
            );
        }
        if errors.is_empty() {
            Ok(RowSchema { columns, names })
        } else {
            Err(errors)
        }
    }

    /// The header of a blank batch file for a grid: id, name, profile fields, criteria.
    pub fn template_header(grid: &Grid) -> Vec<String> {
        let mut h = vec!["id".to_owned(), "name".to_owned()];
        h.extend(grid.profile.iter().map(|f| f.id.clone()));
        h.extend(grid.criteria().map(|(_, c)| c.full_id.clone()));
        h
    }

    /// Number of columns.
    pub fn len(&self) -> usize {
        self.columns.len()
    }

    /// True for a header without columns.
    pub fn is_empty(&self) -> bool {
        self.columns.is_empty()
    }

    /// Reads one row. Every bad cell is reported with its column.
    pub fn read(&self, grid: &Grid, fields: &[&str]) -> Result<Responses, Vec<RowError>> {
        if fields.len() != self.columns.len() {
            return Err(vec![ragged_row(fields.len(), self.columns.len())]);
        }
        let mut responses = Responses::empty(grid);
        let mut errors = Vec::new();
        for (i, (column, raw)) in self.columns.iter().zip(fields).enumerate() {
            let cell = raw.trim();
            let name = &self.names[i];
            let fail = |d: Diagnostic| d.with_path(name.clone()).at_line_column(0, i + 1);
            match *column {
                Column::Id => responses.meta.id = Some(cell.to_owned()),
                Column::Name => responses.meta.initiative = cell.to_owned(),
                Column::Profile(_) if cell.is_empty() => {}
                Column::Profile(p) => {
                    let known = grid.profile[p]
                        .choices
                        .as_ref()
                        .is_none_or(|choices| choices.iter().any(|c| c.code == cell));
                    if known {
                        responses.profile[p] = Some(cell.to_owned());
                    } else if let Err(d) = check_profile_value(
                        grid,
                        &grid.profile[p].id,
                        cell,
                        &SuggestionBudget::new(),
                    ) {
                        errors.push(fail(*d));
                    }
                }
                Column::Level(_) | Column::Target(_) if cell.is_empty() => {}
                Column::Level(c) => match parse_code(grid.scale_of(c), cell) {
                    Some(g) => responses.answers[c].given = g,
                    None => errors.push(fail(bad_code(grid.scale_of(c), name, cell, false))),
                },
                Column::Target(c) => match parse_code(grid.scale_of(c), cell) {
                    Some(Given::Level(p)) => responses.answers[c].target = Some(p),
                    _ => errors.push(fail(bad_code(
                        grid.scale_of(c),
                        &grid.criterion(c).full_id,
                        cell,
                        true,
                    ))),
                },
            }
        }
        if responses.meta.initiative.is_empty() {
            responses.meta.initiative = responses.meta.id.clone().unwrap_or_default();
        }
        if errors.is_empty() {
            Ok(responses)
        } else {
            Err(errors)
        }
    }
}

/// The error for a row of `found` fields under a header of `expected`
/// columns, at the first missing or extra field (the caller sets the line).
pub(crate) fn ragged_row(found: usize, expected: usize) -> Diagnostic {
    Diagnostic::error(
        "ragged-row",
        format!("this row has {found} field(s), the header has {expected}"),
    )
    .with_hint("every row needs one field per column; quote fields that contain commas")
    .at_line_column(0, found.min(expected) + 1)
}

fn unknown_column(grid: &Grid, name: &str, budget: &SuggestionBudget) -> Diagnostic {
    if name.is_empty() {
        return Diagnostic::error("unknown-column", "a column has no name")
            .with_hint("name every column in the header row");
    }
    if grid.criterion_index(name).is_none() && name.contains('.') {
        let mut d = unknown_criterion(grid, name, budget);
        d.code = "unknown-column".into();
        d.message = crate::diagnostic::elide_quoted(format!(
            "column `{name}` is neither a criterion, a `.target` column nor a profile field{}",
            crate::diagnostic::non_ascii_note(name)
        ));
        return d;
    }
    let known = ["id", "name"]
        .into_iter()
        .chain(grid.profile.iter().map(|f| f.id.as_str()));
    let hint = match did_you_mean(name, known) {
        Some(best) => format!("did you mean `{best}`?"),
        None => "columns are `id`, `name`, profile fields, criterion ids and `<criterion>.target`; `domino template --format csv` prints a header".into(),
    };
    Diagnostic::error(
        "unknown-column",
        format!(
            "column `{name}` is neither a criterion, a `.target` column nor a profile field{}",
            crate::diagnostic::non_ascii_note(name)
        ),
    )
    .with_hint(hint)
}
