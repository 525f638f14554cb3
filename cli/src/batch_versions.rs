//! Batch inputs written for an earlier version of the grid.
//!
//! A CSV header is read once per version a row may be written for: the
//! version of `--from-version` (else the grid's own) for every row, or, when
//! the header has a `grid_version` column, the version its cell names (an
//! empty cell: the default). Documents (JSON, NDJSON, files) say their own
//! `grid_version`; `--from-version` is the default for those that do not.
//!
//! The engine carries answers through the grid's crosswalk and says, per
//! criterion, what changed; this module says it once per file (not once per
//! row), counts it for the run's summary, and refuses it with `--strict`.

use domino_engine::assessment::RowCells;
use domino_engine::diagnostic::{Location, Row, Severity, TableRow};
use domino_engine::{CarriedSchema, Diagnostic, Grid, RowSchema, VERSION_COLUMN};
use std::collections::HashMap;

/// A CSV header read as each version its rows may be written for.
#[derive(Clone)]
pub struct CsvVersions {
    /// `[0]`: the default version; then every other version the grid reads,
    /// when the header has a `grid_version` column.
    pub variants: Vec<Variant>,
    /// Position of the `grid_version` column.
    pub column: Option<usize>,
}

/// The header read as one version.
#[derive(Clone)]
pub struct Variant {
    /// The version rows are written for.
    pub version: String,
    /// The schema and its carry warnings, or why the header cannot be read as this version.
    pub read: Result<CarriedSchema, Vec<Diagnostic>>,
}

impl CsvVersions {
    /// Reads a header; refused (with the default version's errors) when no
    /// version the rows may be written for can read it.
    pub fn read(grid: &Grid, header: &[&str], from: Option<&str>) -> Result<Self, Vec<Diagnostic>> {
        let default = from.unwrap_or(&grid.version).to_owned();
        let first = RowSchema::for_version(grid, header, Some(&default));
        let column = header
            .iter()
            .position(|h| domino_engine::sniff::strip_bom(h).trim() == VERSION_COLUMN);
        let mut variants = vec![Variant {
            version: default,
            read: first,
        }];
        if column.is_some() {
            let others: Vec<String> = std::iter::once(grid.version.clone())
                .chain(grid.crosswalks.iter().map(|c| c.from.clone()))
                .filter(|v| *v != variants[0].version)
                .collect();
            for version in others {
                let read = RowSchema::for_version(grid, header, Some(&version));
                variants.push(Variant { version, read });
            }
        }
        if variants.iter().all(|v| v.read.is_err()) {
            return Err(variants.swap_remove(0).read.err().unwrap_or_default());
        }
        Ok(CsvVersions { variants, column })
    }

    /// The header warnings of the default version (every row without a `grid_version` cell).
    pub fn default_warnings(&self) -> &[Diagnostic] {
        self.warnings(0)
    }

    /// The header warnings of a variant: empty for the grid's own version.
    pub fn warnings(&self, variant: usize) -> &[Diagnostic] {
        match self.variants.get(variant).map(|v| &v.read) {
            Some(Ok(carried)) => &carried.warnings,
            _ => &[],
        }
    }

    /// The variant reading a row, or the error for its `grid_version` cell
    /// (column set by this function; the caller sets the line).
    pub fn pick<C: RowCells + ?Sized>(
        &self,
        fields: &C,
        strict: bool,
    ) -> Result<(usize, &RowSchema), Box<Diagnostic>> {
        let Some(column) = self.column else {
            return match &self.variants[0].read {
                Ok(carried) => Ok((0, &carried.schema)),
                Err(errors) => Err(Box::new(unreadable_as(&self.variants[0].version, errors))),
            };
        };
        let cell = if column < fields.count() {
            fields.text(column).trim()
        } else {
            ""
        };
        let at =
            |d: Diagnostic| Box::new(d.with_path(VERSION_COLUMN).at_line_column(0, column + 1));
        let index = if cell.is_empty() {
            0
        } else {
            self.variants
                .iter()
                .position(|v| v.version == cell)
                .ok_or_else(|| at(unknown_version(&self.variants, cell)))?
        };
        match &self.variants[index].read {
            Err(errors) => Err(at(unreadable_as(&self.variants[index].version, errors))),
            Ok(carried) if strict && index > 0 && !carried.warnings.is_empty() => {
                Err(at(refused_carry(cell)))
            }
            Ok(carried) => Ok((index, &carried.schema)),
        }
    }
}

fn unknown_version(variants: &[Variant], cell: &str) -> Diagnostic {
    let known: Vec<&str> = variants.iter().map(|v| v.version.as_str()).collect();
    Diagnostic::error(
        "unknown-grid-version",
        format!("the grid has no crosswalk from version `{cell}`"),
    )
    .with_hint(format!("versions it reads: {}", known.join(", ")))
}

fn unreadable_as(version: &str, errors: &[Diagnostic]) -> Diagnostic {
    let first = errors.first().map_or("", |d| d.message.as_str());
    Diagnostic::error(
        "unreadable-for-version",
        format!(
            "the header cannot be read as version {version}: {first} ({} error(s))",
            errors.len()
        ),
    )
    .with_hint("write the rows of each version in a file of its own")
}

fn refused_carry(version: &str) -> Diagnostic {
    Diagnostic::error(
        "grid-version-carried",
        format!("this row was written for version {version}: carrying it over changes the meaning of some columns, which `--strict` refuses"),
    )
    .with_hint("run without `--strict` to read what changed, or write the file for the grid's version")
}

/// Renders header warnings at line 1 of `file`, as errors under `--strict`.
pub fn render_header(file: &str, warnings: &[Diagnostic], strict: bool) -> String {
    let at = Location::Cell {
        file,
        row: TableRow::csv(Row::Header, 1),
    };
    let mut text = String::new();
    for d in warnings {
        let mut d = d.clone();
        if strict {
            d.severity = Severity::Error;
        }
        text.push_str(&crate::style::diagnostic(&d, &at));
        text.push('\n');
    }
    text
}

/// The carry warnings of documents, once per kind of change and criterion:
/// the first rendering of each, and how many documents said the same.
#[derive(Default)]
pub struct DocWarnings {
    first: Vec<(String, u64)>,
    index: HashMap<(String, String), usize>,
}

impl DocWarnings {
    /// Adds one document's warning, rendered where it sits.
    pub fn add(&mut self, d: &Diagnostic, rendered: impl FnOnce() -> String) {
        let key = (d.code.clone(), d.path.clone().unwrap_or_default());
        match self.index.get(&key) {
            Some(&i) => self.first[i].1 += 1,
            None => {
                self.index.insert(key, self.first.len());
                self.first.push((rendered(), 1));
            }
        }
    }

    /// Merges the warnings of a later chunk.
    pub fn merge(&mut self, later: DocWarnings) {
        let mut by_position: Vec<(&(String, String), &usize)> = later.index.iter().collect();
        by_position.sort_by_key(|(_, &i)| i);
        for (key, &i) in by_position {
            let (text, n) = &later.first[i];
            match self.index.get(key) {
                Some(&mine) => self.first[mine].1 += n,
                None => {
                    self.index.insert(key.clone(), self.first.len());
                    self.first.push((text.clone(), *n));
                }
            }
        }
    }

    /// How many distinct warnings.
    pub fn len(&self) -> usize {
        self.first.len()
    }

    /// True when no document was carried with a warning.
    pub fn is_empty(&self) -> bool {
        self.first.is_empty()
    }

    /// Each warning, followed by how many other documents share it.
    pub fn render(&self) -> String {
        let mut text = String::new();
        for (rendered, n) in &self.first {
            text.push_str(rendered);
            if *n > 1 {
                text.push_str(&format!("  = note: and in {} other document(s)\n", n - 1));
            }
            text.push('\n');
        }
        text
    }
}

/// Whether a resolve warning comes from carrying an earlier version.
pub fn is_carry_warning(d: &Diagnostic) -> bool {
    d.code.starts_with("crosswalk-") || d.code == "grid-version-carried"
}
