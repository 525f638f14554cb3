//! Reliability data: who gave which level to which criterion of which
//! initiative, pooled from assessment files and long CSV tables.
//!
//! Units are initiatives, matched by `id` (or, for an assessment without one,
//! by initiative name), so that one file per rater pools into one unit. A
//! rater giving the same criterion of the same initiative twice is an error.

use crate::assessment::{bad_code, parse_code, ragged_row, unknown_criterion, Assessment, Given};
use crate::diagnostic::{Diagnostic, Diagnostics, SuggestionBudget};
use crate::grid::Grid;
use std::collections::{BTreeMap, HashMap};

/// The ratings of several raters, ready for [`analyse`](super::analyse).
#[derive(Debug, Clone, Default)]
pub struct Ratings {
    raters: Vec<String>,
    rater_index: HashMap<String, usize>,
    units: Vec<Unit>,
    unit_index: HashMap<String, usize>,
}

/// One initiative: `(criterion, rater)` → the level position given.
#[derive(Debug, Clone)]
struct Unit {
    cells: BTreeMap<(usize, usize), Given>,
}

impl Ratings {
    /// No ratings yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Rater names, in the order they were met.
    pub fn raters(&self) -> &[String] {
        &self.raters
    }

    /// Number of initiatives.
    pub fn unit_count(&self) -> usize {
        self.units.len()
    }

    /// The level positions given to `criterion`, unit by unit, rater by
    /// rater (`None` for missing: unanswered, `na`, `?`).
    pub(crate) fn levels(&self, criterion: usize) -> impl Iterator<Item = Vec<Option<u8>>> + '_ {
        let raters = self.raters.len();
        self.units.iter().map(move |u| {
            (0..raters)
                .map(|r| match u.cells.get(&(criterion, r)) {
                    Some(Given::Level(p)) => Some(*p),
                    _ => None,
                })
                .collect()
        })
    }

    fn rater(&mut self, name: &str) -> usize {
        if let Some(&r) = self.rater_index.get(name) {
            return r;
        }
        self.raters.push(name.to_owned());
        self.rater_index
            .insert(name.to_owned(), self.raters.len() - 1);
        self.raters.len() - 1
    }

    fn unit(&mut self, key: &str) -> usize {
        if let Some(&u) = self.unit_index.get(key) {
            return u;
        }
        self.units.push(Unit {
            cells: BTreeMap::new(),
        });
        self.unit_index.insert(key.to_owned(), self.units.len() - 1);
        self.units.len() - 1
    }

    /// Records one answer; false when this rater already rated this criterion
    /// of this unit.
    fn set(&mut self, unit: usize, criterion: usize, rater: usize, given: Given) -> bool {
        let cells = &mut self.units[unit].cells;
        if cells.contains_key(&(criterion, rater)) {
            return false;
        }
        cells.insert((criterion, rater), given);
        true
    }

    /// Adds the per-rater answers (`by = { … }`) of an assessment, checked
    /// against the grid. Returns warnings for answers that cannot be
    /// attributed to a rater (a plain `level` when several raters are listed).
    pub fn add_assessment(
        &mut self,
        grid: &Grid,
        assessment: &Assessment,
    ) -> Result<Vec<Diagnostic>, Diagnostics> {
        let resolved = grid.resolve(assessment)?;
        let responses = resolved.responses;
        let key = responses
            .meta
            .id
            .clone()
            .unwrap_or_else(|| responses.meta.initiative.clone());
        let unit = self.unit(&key);
        let raters: Vec<usize> = responses.raters.iter().map(|r| self.rater(r)).collect();
        let mut warnings = resolved.warnings;
        let mut errors = Vec::new();
        for (c, response) in responses.answers.iter().enumerate() {
            let id = &grid.criterion(c).full_id;
            let path = format!("answers.{}", crate::document::join_path("", id));
            let by = responses.rater_answers(c);
            let given: Vec<(usize, Given)> = if !by.is_empty() {
                raters.iter().copied().zip(by.iter().copied()).collect()
            } else if response.given == Given::Unanswered {
                Vec::new()
            } else if let [only] = raters[..] {
                vec![(only, response.given)]
            } else {
                warnings.push(assessment.origins.locate(unattributed(id, &path)));
                Vec::new()
            };
            for (r, g) in given {
                if g != Given::Unanswered && !self.set(unit, c, r, g) {
                    let rater = &self.raters[r];
                    let d = Diagnostic::error(
                        "duplicate-rating",
                        format!("rater `{rater}` already rated `{id}` of initiative `{key}` in another input"),
                    )
                    .with_hint("keep one rating per rater, criterion and initiative")
                    .with_path(format!("{path}.by.{}", crate::document::join_path("", rater)));
                    errors.push(assessment.origins.locate(d));
                }
            }
        }
        if errors.is_empty() {
            Ok(warnings)
        } else {
            Err(Diagnostics(errors))
        }
    }
}

fn unattributed(id: &str, path: &str) -> Diagnostic {
    Diagnostic::warning(
        "unattributed-level",
        format!("the answer to `{id}` gives one level for several raters: it is left out of the agreement"),
    )
    .with_hint("give each rater's level in `by = { … }`")
    .with_path(path.to_owned())
}

/// What a column of a long table holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LongColumn {
    Id,
    Rater,
    Level(usize),
}

/// The header of a long table — `id`, `rater`, then criterion full ids —
/// checked against a grid; rows are read with [`LongTable::read`].
#[derive(Debug, Clone)]
pub struct LongTable {
    columns: Vec<LongColumn>,
    /// Where each (unit, rater) pair was first given: its line.
    seen: HashMap<(usize, usize), usize>,
}

impl LongTable {
    /// Reads the header row (at `line` of its file). Every unknown, missing or
    /// repeated column is reported, with its column number.
    pub fn new(grid: &Grid, header: &[&str], line: usize) -> Result<LongTable, Vec<Diagnostic>> {
        let mut columns = Vec::with_capacity(header.len());
        let mut errors = Vec::new();
        let budget = SuggestionBudget::new();
        for (i, raw) in header.iter().enumerate() {
            let name = raw.trim_start_matches('\u{feff}').trim();
            let column = match name {
                "id" => Some(LongColumn::Id),
                "rater" => Some(LongColumn::Rater),
                _ => grid.criterion_index(name).map(LongColumn::Level),
            };
            let at = |d: Diagnostic| d.with_path(name.to_owned()).at_line_column(line, i + 1);
            match column {
                Some(col) if columns.contains(&col) => errors.push(at(Diagnostic::error(
                    "duplicate-column",
                    format!("column `{name}` appears twice"),
                )
                .with_hint("keep one column per field"))),
                Some(col) => columns.push(col),
                None => {
                    let mut d = unknown_criterion(grid, name, &budget);
                    d.code = "unknown-column".into();
                    d.message = format!("column `{name}` is neither `id`, `rater` nor a criterion");
                    errors.push(at(d));
                }
            }
        }
        for (needed, what) in [(LongColumn::Id, "id"), (LongColumn::Rater, "rater")] {
            if !columns.contains(&needed) && errors.is_empty() {
                errors.push(
                    Diagnostic::error("missing-column", format!("the header has no `{what}` column"))
                        .with_hint("a long table has one row per initiative and rater: `id,rater,<criterion>,…`")
                        .at_line_column(line, 1),
                );
            }
        }
        if errors.is_empty() {
            Ok(LongTable {
                columns,
                seen: HashMap::new(),
            })
        } else {
            Err(errors)
        }
    }

    /// Reads one row (at `line`) into `ratings`. Every bad cell is reported
    /// with its column; a row with errors adds nothing.
    pub fn read(
        &mut self,
        grid: &Grid,
        fields: &[&str],
        line: usize,
        ratings: &mut Ratings,
    ) -> Result<(), Vec<Diagnostic>> {
        if fields.len() != self.columns.len() {
            let d = ragged_row(fields.len(), self.columns.len());
            let column = d.column;
            return Err(vec![d.at_line_column(line, column)]);
        }
        let cell = |col: LongColumn| {
            let i = self
                .columns
                .iter()
                .position(|&c| c == col)
                .expect("checked by new");
            (i + 1, fields[i].trim())
        };
        let mut errors = Vec::new();
        let (id_col, id) = cell(LongColumn::Id);
        let (rater_col, rater) = cell(LongColumn::Rater);
        for (col, value, what) in [(id_col, id, "id"), (rater_col, rater, "rater")] {
            if value.is_empty() {
                errors.push(
                    Diagnostic::error("empty-cell", format!("the `{what}` cell is empty"))
                        .with_hint("each row names its initiative (`id`) and its rater (`rater`)")
                        .with_path(what)
                        .at_line_column(line, col),
                );
            }
        }
        let levels = self.levels(grid, fields, line, &mut errors);
        if !errors.is_empty() {
            return Err(errors);
        }
        let unit = ratings.unit(id);
        let r = ratings.rater(rater);
        if let Some(first) = self.seen.insert((unit, r), line) {
            self.seen.insert((unit, r), first);
            return Err(vec![Diagnostic::error(
                "duplicate-rating",
                format!("rater `{rater}` already rated initiative `{id}` on line {first}"),
            )
            .with_hint("keep one row per initiative and rater")
            .with_path("rater")
            .at_line_column(line, rater_col)]);
        }
        for (c, g) in levels {
            if !ratings.set(unit, c, r, g) {
                return Err(vec![Diagnostic::error(
                    "duplicate-rating",
                    format!(
                        "rater `{rater}` already rated `{}` of initiative `{id}` in another input",
                        grid.criterion(c).full_id
                    ),
                )
                .with_hint("keep one rating per rater, criterion and initiative")
                .at_line_column(line, rater_col)]);
            }
        }
        Ok(())
    }

    /// The levels of a row's criterion cells, `(criterion, answer)`; a code not
    /// on the criterion's scale is reported in `errors`. Empty cells are skipped.
    fn levels(
        &self,
        grid: &Grid,
        fields: &[&str],
        line: usize,
        errors: &mut Vec<Diagnostic>,
    ) -> Vec<(usize, Given)> {
        let mut levels = Vec::new();
        for (i, (column, raw)) in self.columns.iter().zip(fields).enumerate() {
            let LongColumn::Level(c) = *column else {
                continue;
            };
            let code = raw.trim();
            if code.is_empty() {
                continue;
            }
            match parse_code(grid.scale_of(c), code) {
                Some(g) => levels.push((c, g)),
                None => errors.push(
                    bad_code(grid.scale_of(c), &grid.criterion(c).full_id, code, false)
                        .with_path(grid.criterion(c).full_id.clone())
                        .at_line_column(line, i + 1),
                ),
            }
        }
        levels
    }
}
