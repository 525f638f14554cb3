//! Batch rows: one initiative per row, columns named by a header.
//!
//! Columns: `id`, `name`, profile field ids, criterion full ids (a level code
//! each) and `<criterion>.target`. The schema is checked once against the grid;
//! each row is then read without any name lookup.

use super::resolve::{
    bad_code, check_profile_value, parse_code, unknown_criterion, CodeTable, Given, Response,
    Responses,
};
use crate::diagnostic::{did_you_mean, Diagnostic, SuggestionBudget};
use crate::grid::crosswalk::ColumnPlan;
use crate::grid::Grid;

/// The column naming the grid version a row was written for.
pub const VERSION_COLUMN: &str = "grid_version";

/// A problem in a batch file: a [`Diagnostic`] whose `column` is the 1-based
/// column and `path` the column name; the caller sets the line (row).
pub type RowError = Diagnostic;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Id,
    Name,
    /// `grid_version`: the version a row was written for (read by the caller,
    /// which picks the schema of that version).
    Version,
    Profile(usize),
    Level(usize),
    Target(usize),
    /// A column of an earlier version whose codes are mapped, or that feeds
    /// several criteria or shares one: an index into [`RowSchema::carried`].
    Carried(usize),
    /// A column of an earlier version that is read but not scored.
    NotScored,
}

/// How a carried column is read (see [`crate::grid::crosswalk`]).
#[derive(Debug, Clone, PartialEq)]
struct CarriedColumn {
    criteria: Vec<usize>,
    levels: std::collections::BTreeMap<String, String>,
    target: bool,
    merged: bool,
}

/// The meaning of each column of a batch file, checked against a grid.
#[derive(Debug, Clone)]
pub struct RowSchema {
    columns: Vec<Column>,
    names: Vec<String>,
    carried: Vec<CarriedColumn>,
    /// For each column, how [`RowSchema::read_known_code`] reads it.
    quick: Vec<Quick>,
    /// The code tables of the level and target columns' scales, one per
    /// scale, by the index [`Quick`] holds.
    tables: Vec<CodeTable>,
    /// Whether a column gives the id (else rows have none).
    has_id: bool,
}

/// A header read for a grid version, and what carrying it over says.
#[derive(Debug, Clone)]
pub struct CarriedSchema {
    /// The schema rows are read with.
    pub schema: RowSchema,
    /// One warning per criterion whose column changed meaning, was not
    /// carried, or is missing (line 0: the caller sets the header's line);
    /// empty for a header of the grid's own version.
    pub warnings: Vec<RowError>,
}

impl RowSchema {
    /// Reads a header row of the grid's own version. Every unknown or
    /// repeated column is reported.
    pub fn new(grid: &Grid, header: &[&str]) -> Result<RowSchema, Vec<RowError>> {
        Self::build(grid, header, &[])
    }

    /// Reads a header row written for `version` of the grid (`None`: its own
    /// version): columns of an earlier version are carried over through the
    /// grid's crosswalk from it, once for the whole file.
    ///
    /// Refused like [`RowSchema::new`], and when the grid has no crosswalk
    /// from `version`.
    pub fn for_version(
        grid: &Grid,
        header: &[&str],
        version: Option<&str>,
    ) -> Result<CarriedSchema, Vec<RowError>> {
        let crosswalk = match version {
            None => None,
            Some(v) if v == grid.version => None,
            Some(v) => Some(
                grid.crosswalk_from(v)
                    .ok_or_else(|| vec![unknown_version(grid, v)])?,
            ),
        };
        let Some(crosswalk) = crosswalk else {
            let schema = Self::new(grid, header)?;
            return Ok(CarriedSchema {
                schema,
                warnings: Vec::new(),
            });
        };
        let names: Vec<&str> = header
            .iter()
            .map(|h| crate::sniff::strip_bom(h).trim())
            .collect();
        let plan = crate::grid::crosswalk::plan_header(grid, crosswalk, &names);
        let schema = Self::build(grid, header, &plan.columns)?;
        Ok(CarriedSchema {
            schema,
            warnings: plan.warnings,
        })
    }

    /// Reads a header, each column read through its `plan` when it has one.
    fn build(
        grid: &Grid,
        header: &[&str],
        plan: &[ColumnPlan],
    ) -> Result<RowSchema, Vec<RowError>> {
        let mut columns = Vec::with_capacity(header.len());
        let mut names = Vec::with_capacity(header.len());
        let mut carried = Vec::new();
        let mut errors = Vec::new();
        let budget = SuggestionBudget::new();
        for (i, raw) in header.iter().enumerate() {
            let name = crate::sniff::strip_bom(raw).trim();
            let column = if let Some(c) = plan.get(i).and_then(|p| planned(p, &mut carried)) {
                Some(c)
            } else if name == "id" {
                Some(Column::Id)
            } else if name == "name" {
                Some(Column::Name)
            } else if name == VERSION_COLUMN {
                Some(Column::Version)
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
                Some(col) if repeated(&columns, col) => errors.push(
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
            let (quick, tables) = quick_reads(grid, &columns);
            Ok(RowSchema {
                has_id: columns.contains(&Column::Id),
                columns,
                names,
                carried,
                quick,
                tables,
            })
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
        let mut responses = Responses::empty(grid);
        let mut errors = Vec::new();
        if self.read_into(grid, fields, &mut responses, &mut errors) {
            Ok(responses)
        } else {
            Err(errors)
        }
    }

    /// Reads one row into `responses`, as [`RowSchema::read`] would, reusing
    /// their vectors and strings: the batch path decodes row after row into
    /// the same responses (those of [`Responses::empty`] for `grid` at first),
    /// so that a row costs no allocation. Every bad cell is pushed to
    /// `errors` (cleared first); `false` when there is any.
    pub fn read_into<C: RowCells + ?Sized>(
        &self,
        grid: &Grid,
        fields: &C,
        responses: &mut Responses,
        errors: &mut Vec<RowError>,
    ) -> bool {
        errors.clear();
        if fields.count() != self.columns.len() {
            errors.push(ragged_row(fields.count(), self.columns.len()));
            return false;
        }
        clear(grid, responses);
        if !self.has_id {
            responses.meta.id = None;
        }
        // Merged criteria whose old columns disagree in this row (rarely any).
        let mut conflicts = Vec::new();
        for (i, &quick) in self.quick.iter().enumerate() {
            if self.read_known_code(quick, fields.bytes(i), responses) {
                continue;
            }
            let raw = fields.text(i);
            if let Err(d) = self.read_cell(grid, i, trim(raw), responses, &mut conflicts) {
                errors.push(d.with_path(self.names[i].clone()).at_line_column(0, i + 1));
            }
        }
        // A profile field left empty in this row is absent, as in a fresh read.
        for value in &mut responses.profile {
            if value.as_ref().is_some_and(String::is_empty) {
                *value = None;
            }
        }
        if responses.meta.initiative.is_empty() {
            if let Some(id) = &responses.meta.id {
                responses.meta.initiative.push_str(id);
            }
        }
        errors.is_empty()
    }

    /// Reads cell `raw` of a level or target column (as `quick` says) when
    /// it is empty (left unanswered, as [`clear`] left it) or a code of the
    /// scale as it stands: most cells of a census. `false` for any other
    /// cell, read by [`RowSchema::read_cell`], which trims, parses and
    /// refuses as ever.
    #[inline(always)]
    fn read_known_code(&self, quick: Quick, raw: &[u8], responses: &mut Responses) -> bool {
        let (criterion, table, target) = match quick {
            Quick::Level { criterion, table } => (criterion, table, false),
            Quick::Target { criterion, table } => (criterion, table, true),
            Quick::Other => return false,
        };
        if raw.is_empty() {
            return true;
        }
        let given = self.tables.get(table as usize).and_then(|t| t.known(raw));
        let Some(answer) = responses.answers.get_mut(criterion as usize) else {
            return false;
        };
        match (target, given) {
            (false, Some(g)) => answer.given = g,
            (true, Some(Given::Level(p))) => answer.target = Some(p),
            _ => return false,
        }
        true
    }

    /// Reads one trimmed cell of column `i`.
    fn read_cell(
        &self,
        grid: &Grid,
        i: usize,
        cell: &str,
        responses: &mut Responses,
        conflicts: &mut Vec<(usize, bool)>,
    ) -> Result<(), Box<Diagnostic>> {
        match self.columns[i] {
            Column::Id => set(responses.meta.id.get_or_insert_with(String::new), cell),
            Column::Name => set(&mut responses.meta.initiative, cell),
            Column::Profile(_) if cell.is_empty() => {}
            Column::Profile(p) => {
                let known = grid.profile[p]
                    .choices
                    .as_ref()
                    .is_none_or(|choices| choices.iter().any(|c| c.code == cell));
                if !known {
                    let id = &grid.profile[p].id;
                    check_profile_value(grid, id, cell, &SuggestionBudget::new())?;
                    return Ok(());
                }
                set(responses.profile[p].get_or_insert_with(String::new), cell);
            }
            Column::NotScored | Column::Version => {}
            Column::Level(_) | Column::Target(_) | Column::Carried(_) if cell.is_empty() => {}
            Column::Carried(k) => {
                let carried = &self.carried[k];
                carried.read(grid, cell, responses, conflicts)?;
            }
            Column::Level(c) | Column::Target(c) => {
                let given = parse_code(grid.scale_of(c), cell);
                self.read_code(grid, i, cell, given, responses)?;
            }
        }
        Ok(())
    }

    /// Sets the answer or target of level or target column `i` to the code
    /// `cell` was read as (`None`: not a code of the scale).
    fn read_code(
        &self,
        grid: &Grid,
        i: usize,
        cell: &str,
        given: Option<Given>,
        responses: &mut Responses,
    ) -> Result<(), Box<Diagnostic>> {
        match (self.columns[i], given) {
            (Column::Level(c), Some(g)) => responses.answers[c].given = g,
            (Column::Target(c), Some(Given::Level(p))) => responses.answers[c].target = Some(p),
            (Column::Level(c), None) => {
                return Err(Box::new(bad_code(
                    grid.scale_of(c),
                    &self.names[i],
                    cell,
                    false,
                )));
            }
            (Column::Target(c), _) => {
                let id = &grid.criterion(c).full_id;
                return Err(Box::new(bad_code(grid.scale_of(c), id, cell, true)));
            }
            _ => {}
        }
        Ok(())
    }
}

/// The cells of one row, by column, as [`RowSchema::read_into`] reads them:
/// a row's fields as text (`[&str]`), or any layout that gives each cell,
/// such as a CSV record's bytes and field ends, so that a row is read without
/// slicing every field into a string first (codes are read as bytes).
pub trait RowCells {
    /// How many cells the row has.
    fn count(&self) -> usize;
    /// Cell `i` (below [`RowCells::count`]) as text.
    fn text(&self, i: usize) -> &str;
    /// Cell `i` as bytes: the same as its text's.
    fn bytes(&self, i: usize) -> &[u8] {
        self.text(i).as_bytes()
    }
}

impl RowCells for [&str] {
    fn count(&self) -> usize {
        self.len()
    }

    fn text(&self, i: usize) -> &str {
        self[i]
    }
}

/// How a column's cells are read when they are empty or a code as it
/// stands: a level or a target of a criterion, with its scale's code table.
#[derive(Debug, Clone, Copy)]
enum Quick {
    /// The answer to a criterion, read in the table at `table`.
    Level { criterion: u32, table: u32 },
    /// The target of a criterion: only a level of the table is read here.
    Target { criterion: u32, table: u32 },
    /// Any other column: read by [`RowSchema::read_cell`].
    Other,
}

/// The quick read of each column, and the code tables they point to: one
/// per scale, so that a grid of one scale keeps one table in cache.
fn quick_reads(grid: &Grid, columns: &[Column]) -> (Vec<Quick>, Vec<CodeTable>) {
    let mut scales: Vec<usize> = Vec::new();
    let mut tables = Vec::new();
    let mut table_of = |c: usize| {
        let scale = grid.criterion(c).scale;
        let at = scales.iter().position(|&s| s == scale).unwrap_or_else(|| {
            scales.push(scale);
            tables.push(CodeTable::new(grid.scale_of(c)));
            scales.len() - 1
        });
        at as u32
    };
    let quick = (columns.iter())
        .map(|column| match *column {
            Column::Level(c) => Quick::Level {
                criterion: c as u32,
                table: table_of(c),
            },
            Column::Target(c) => Quick::Target {
                criterion: c as u32,
                table: table_of(c),
            },
            _ => Quick::Other,
        })
        .collect();
    (quick, tables)
}

/// Empties responses for a new row, keeping what they hold allocated.
fn clear(grid: &Grid, responses: &mut Responses) {
    let answers = grid.criterion_count();
    responses.answers.resize_with(answers, Default::default);
    responses.answers.fill(Response::default());
    responses.by_rater.clear();
    responses.profile.resize(grid.profile.len(), None);
    for text in responses.profile.iter_mut().flatten() {
        text.clear();
    }
    if let Some(id) = &mut responses.meta.id {
        id.clear();
    }
    responses.meta.initiative.clear();
    responses.raters.clear();
    responses.evidence.clear();
}

/// Replaces the text of a reused string.
fn set(slot: &mut String, text: &str) {
    slot.clear();
    slot.push_str(text);
}

/// A cell without its surrounding white space, as [`str::trim`] gives it;
/// a cell that starts and ends with a visible ASCII character is returned
/// as it is without looking further.
fn trim(raw: &str) -> &str {
    match raw.as_bytes() {
        [first, .., last] if first.is_ascii_graphic() && last.is_ascii_graphic() => raw,
        [only] if only.is_ascii_graphic() => raw,
        _ => raw.trim(),
    }
}

/// The column a plan reads into; carried columns are added to `carried`.
fn planned(plan: &ColumnPlan, carried: &mut Vec<CarriedColumn>) -> Option<Column> {
    match plan {
        ColumnPlan::Same => None,
        ColumnPlan::NotScored => Some(Column::NotScored),
        ColumnPlan::Carried {
            criteria,
            levels,
            target,
            merged,
        } => match (criteria.as_slice(), *target) {
            ([c], false) if levels.is_empty() && !merged => Some(Column::Level(*c)),
            ([c], true) if levels.is_empty() && !merged => Some(Column::Target(*c)),
            _ => {
                carried.push(CarriedColumn {
                    criteria: criteria.clone(),
                    levels: levels.clone(),
                    target: *target,
                    merged: *merged,
                });
                Some(Column::Carried(carried.len() - 1))
            }
        },
    }
}

/// Whether a column is already in the header; columns not scored and merged
/// columns may repeat (several old columns meet in one criterion).
fn repeated(columns: &[Column], col: Column) -> bool {
    !matches!(col, Column::NotScored | Column::Carried(_)) && columns.contains(&col)
}

impl CarriedColumn {
    /// Reads one cell into each of the column's criteria, its code mapped.
    fn read(
        &self,
        grid: &Grid,
        cell: &str,
        responses: &mut Responses,
        conflicts: &mut Vec<(usize, bool)>,
    ) -> Result<(), Box<Diagnostic>> {
        let code = self.levels.get(cell).map_or(cell, String::as_str);
        for &c in &self.criteria {
            let scale = grid.scale_of(c);
            let given = parse_code(scale, code);
            let bad = || {
                Box::new(bad_code(
                    scale,
                    &grid.criterion(c).full_id,
                    code,
                    self.target,
                ))
            };
            let answer = &mut responses.answers[c];
            if self.target {
                let Some(Given::Level(p)) = given else {
                    return Err(bad());
                };
                merge(
                    &mut answer.target,
                    Some(p),
                    self.merged,
                    conflicts,
                    (c, true),
                );
            } else {
                let given = given.ok_or_else(bad)?;
                let mut slot = (answer.given != Given::Unanswered).then_some(answer.given);
                merge(&mut slot, Some(given), self.merged, conflicts, (c, false));
                answer.given = slot.unwrap_or_default();
            }
        }
        Ok(())
    }
}

/// Sets `slot`; for a merged criterion, a second answer that disagrees
/// empties it for the rest of the row.
fn merge<T: PartialEq>(
    slot: &mut Option<T>,
    value: Option<T>,
    merged: bool,
    conflicts: &mut Vec<(usize, bool)>,
    key: (usize, bool),
) {
    if !merged || slot.is_none() && !conflicts.contains(&key) {
        *slot = value;
    } else if *slot != value {
        *slot = None;
        conflicts.push(key);
    }
}

/// The error for a version the grid cannot read.
fn unknown_version(grid: &Grid, version: &str) -> Diagnostic {
    Diagnostic::error(
        "unknown-grid-version",
        format!(
            "grid `{}` {} has no crosswalk from version {version}",
            grid.id, grid.version
        ),
    )
    .with_hint(format!(
        "versions it reads: {}",
        grid.readable_versions().join(", ")
    ))
}

/// The error for a row of `found` fields under a header of `expected`
/// columns, at the first missing or extra field (the caller sets the line).
pub fn ragged_row(found: usize, expected: usize) -> Diagnostic {
    Diagnostic::error(
        "ragged-row",
        format!("this row has {found} field(s), the header has {expected}"),
    )
    .with_hint("every row needs one field per column; quote fields that contain commas")
    .at_line_column(0, found.min(expected) + 1)
}

/// The earlier version whose crosswalk names `name` (or its criterion, for a
/// `.target` column) as an old criterion.
fn earlier_version_of<'g>(grid: &'g Grid, name: &str) -> Option<&'g str> {
    let id = name.strip_suffix(".target").unwrap_or(name);
    grid.crosswalks
        .iter()
        .find(|c| c.changes.iter().any(|ch| ch.old.iter().any(|o| o == id)))
        .map(|c| c.from.as_str())
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
        if let Some(from) = earlier_version_of(grid, name) {
            d.hint = Some(format!(
                "`{name}` is a column of version {from}: read the file with `--from-version {from}`, or add a `grid_version` column"
            ));
        }
        return d;
    }
    let known = ["id", "name", VERSION_COLUMN]
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

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn grid() -> Grid {
        Grid::from_toml(crate::DOMINO_GRID)
            .expect("DOMINO loads")
            .grid
    }

    const HEADER: [&str; 8] = [
        "id",
        "name",
        "status",
        "territory",
        "collectif.accueil",
        " collectif.diversite ",
        "collectif.accueil.target",
        "solidarite.reciprocite",
    ];

    /// A cell: codes good and bad, blanks, white space, profile values.
    fn cell() -> impl Strategy<Value = String> {
        prop::sample::select(vec![
            "", "0", "1", "3", "4", "na", "?", " 2 ", "\u{a0}3", "\u{b}", "5", "x", "??", "urbain",
            "rural", "Rural", "public", "été", "=1",
        ])
        .prop_map(str::to_owned)
    }

    proptest! {
        #[test]
        fn rows_read_into_the_same_responses_read_as_each_on_its_own(
            rows in prop::collection::vec(prop::collection::vec(cell(), 7..10), 1..12)
        ) {
            let grid = grid();
            let schema = RowSchema::new(&grid, &HEADER).expect("the header reads");
            let mut reused = Responses::empty(&grid);
            let mut errors = Vec::new();
            for row in &rows {
                let fields: Vec<&str> = row.iter().map(String::as_str).collect();
                let fresh = schema.read(&grid, &fields);
                let ok = schema.read_into(&grid, &fields[..], &mut reused, &mut errors);
                match fresh {
                    Ok(responses) => {
                        prop_assert!(ok, "{:?}: {:?}", row, errors);
                        prop_assert_eq!(&reused, &responses, "{:?}", row);
                    }
                    Err(expected) => {
                        prop_assert!(!ok, "{:?}", row);
                        prop_assert_eq!(&errors, &expected, "{:?}", row);
                    }
                }
            }
        }
    }

    #[test]
    fn a_cell_is_trimmed_as_str_trim_does() {
        for raw in [
            "",
            " ",
            "a",
            " a",
            "a ",
            "\u{a0}a\u{a0}",
            "\u{b}",
            "ab",
            "é",
            " é ",
        ] {
            assert_eq!(trim(raw), raw.trim(), "{raw:?}");
        }
    }
}
