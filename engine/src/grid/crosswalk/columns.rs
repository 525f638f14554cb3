//! The header of a batch file written for an earlier version: what each old
//! column becomes in this version, and one warning per criterion that changed.
//!
//! A batch file holds thousands of rows answering the same columns, so the
//! crosswalk is read once, for the header: each row is then read through the
//! plan without a lookup, and no warning is repeated per row.

use super::describe::{note_suffix, quoted};
use super::model::{ChangeKind, CriterionChange, Crosswalk};
use crate::diagnostic::Diagnostic;
use crate::grid::Grid;
use std::collections::BTreeMap;

/// What one header column of an earlier version becomes.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum ColumnPlan {
    /// Not named as an old criterion by the crosswalk: read as a column of this version.
    Same,
    /// Carried to these criteria (several for a split); `target` for a `.target` column.
    Carried {
        criteria: Vec<usize>,
        /// Old level code → new code (codes not listed keep their code).
        levels: BTreeMap<String, String>,
        target: bool,
        /// One of several old columns merged into one criterion: a row's
        /// common answer is carried, disagreeing answers leave it unanswered.
        merged: bool,
    },
    /// Read, but its values are not scored (a warning says why).
    NotScored,
}

/// The plan of a header and its warnings (line 0, column of the header field).
pub(crate) struct HeaderPlan {
    pub columns: Vec<ColumnPlan>,
    pub warnings: Vec<Diagnostic>,
}

/// Plans the columns `names` (trimmed header fields) of a file written for
/// the crosswalk's version.
pub(crate) fn plan_header(grid: &Grid, crosswalk: &Crosswalk, names: &[&str]) -> HeaderPlan {
    let mut planner = Planner {
        grid,
        crosswalk,
        names,
        warned: vec![false; crosswalk.changes.len()],
        warnings: vec![Diagnostic::warning(
            "grid-version-carried",
            format!(
                "this file was written for version {} of grid `{}`; its columns are read as version {} through the grid's crosswalk{}",
                crosswalk.from,
                grid.id,
                grid.version,
                note_suffix(crosswalk.note.as_ref())
            ),
        )
        .with_hint("read the warnings below, one per criterion that changed; `--strict` refuses the file instead")
        .at_line_column(0, 0)],
    };
    let columns = (0..names.len()).map(|i| planner.column(i)).collect();
    planner.added();
    HeaderPlan {
        columns,
        warnings: planner.warnings,
    }
}

struct Planner<'a> {
    grid: &'a Grid,
    crosswalk: &'a Crosswalk,
    names: &'a [&'a str],
    /// Changes already warned about (one warning per criterion, not per column).
    warned: Vec<bool>,
    warnings: Vec<Diagnostic>,
}

impl Planner<'_> {
    fn column(&mut self, i: usize) -> ColumnPlan {
        let name = self.names[i];
        let (id, target) = match name.strip_suffix(".target") {
            Some(id) if self.grid.criterion_index(name).is_none() => (id, true),
            _ => (name, false),
        };
        let Some(k) = self
            .crosswalk
            .changes
            .iter()
            .position(|c| c.change != ChangeKind::Added && c.old.iter().any(|o| o == id))
        else {
            return ColumnPlan::Same;
        };
        let change = &self.crosswalk.changes[k];
        if let Some(why) = self.not_carried_why(change) {
            self.warn_not_carried(k, i, id, &why);
            return ColumnPlan::NotScored;
        }
        self.warn_carried(k, i);
        let criteria: Vec<usize> = change
            .new
            .iter()
            .filter_map(|n| self.grid.criterion_index(n))
            .collect();
        let merged = change.change == ChangeKind::Merged;
        if !merged && change.levels.is_empty() && criteria.len() == 1 {
            // A plain rename or rewording: read under its new id, no code to map.
            return ColumnPlan::Carried {
                criteria,
                levels: BTreeMap::new(),
                target,
                merged: false,
            };
        }
        ColumnPlan::Carried {
            criteria,
            levels: change.levels.clone(),
            target,
            merged,
        }
    }

    /// Why the old column of `change` is not carried, if it is not.
    fn not_carried_why(&self, change: &CriterionChange) -> Option<String> {
        if change.change == ChangeKind::Removed {
            return Some(format!(
                "it no longer exists in version {}",
                self.grid.version
            ));
        }
        if !change.carry {
            return Some("the crosswalk says `carry = false`".into());
        }
        if let Some(new) = change
            .new
            .iter()
            .find(|n| self.grid.criterion_index(n).is_none())
        {
            return Some(format!(
                "`{new}` is not a criterion of version {}",
                self.grid.version
            ));
        }
        let answered = |n: &String| {
            let target = format!("{n}.target");
            self.names.iter().any(|h| *h == n || *h == target)
        };
        change
            .new
            .iter()
            .filter(|n| !change.old.contains(n))
            .find(|n| answered(n))
            .map(|n| format!("`{n}` has a column of its own in this file, whose answers stay"))
    }

    fn warn_carried(&mut self, k: usize, column: usize) {
        if std::mem::replace(&mut self.warned[k], true) {
            return;
        }
        let change = &self.crosswalk.changes[k];
        let v = &self.grid.version;
        let old = &change.old[0];
        let (code, what) = match change.change {
            ChangeKind::Renamed => (
                "crosswalk-renamed",
                format!("column `{old}` is criterion `{}` in version {v}: its values are carried over", change.new[0]),
            ),
            ChangeKind::Split => (
                "crosswalk-split",
                format!("column `{old}` is split into {} in version {v}: each row's value is carried to each of them", quoted(&change.new)),
            ),
            ChangeKind::Merged => (
                "crosswalk-merged",
                format!(
                    "columns {} are merged into `{}` in version {v}: a row's common answer is carried over, and a row whose answers disagree leaves `{}` unanswered",
                    quoted(&change.old), change.new[0], change.new[0]
                ),
            ),
            _ => (
                "crosswalk-reworded",
                format!("criterion `{old}` kept its id in version {v}, but its level descriptors changed: its values are carried over"),
            ),
        };
        let message = format!(
            "{what}{}{}",
            levels_read_as(change),
            note_suffix(change.note.as_ref())
        );
        self.warn(
            code,
            message,
            "confirm the levels against the new descriptors",
            column,
        );
    }

    fn warn_not_carried(&mut self, k: usize, column: usize, old: &str, why: &str) {
        if std::mem::replace(&mut self.warned[k], true) {
            return;
        }
        let change = &self.crosswalk.changes[k];
        let message = format!(
            "column `{old}` is not carried to version {}: {why}; its values are not scored{}",
            self.grid.version,
            note_suffix(change.note.as_ref())
        );
        let hint = match change.new.as_slice() {
            [] => "keep what matters from it in another criterion's evidence, or drop the column"
                .to_owned(),
            new => format!("answer {} again", quoted(new)),
        };
        self.warn("crosswalk-not-carried", message, &hint, column);
    }

    /// New criteria no column answers.
    fn added(&mut self) {
        for change in &self.crosswalk.changes {
            if change.change != ChangeKind::Added {
                continue;
            }
            for new in &change.new {
                if self.names.iter().any(|h| h == new) {
                    continue;
                }
                let message = format!(
                    "`{new}` is a new criterion in version {}, unanswered in every row{}",
                    self.grid.version,
                    note_suffix(change.note.as_ref())
                );
                let hint = format!("add a column `{new}` to answer it");
                self.warnings.push(
                    self.located("crosswalk-added", message, &hint, 0)
                        .with_path(new.clone()),
                );
            }
        }
    }

    fn warn(&mut self, code: &str, message: String, hint: &str, column: usize) {
        let d = self
            .located(code, message, hint, column + 1)
            .with_path(self.names[column]);
        self.warnings.push(d);
    }

    fn located(&self, code: &str, message: String, hint: &str, column: usize) -> Diagnostic {
        let message = format!("{message} (written for version {})", self.crosswalk.from);
        Diagnostic::warning(code, message)
            .with_hint(hint)
            .at_line_column(0, column)
    }
}

/// ` (levels read as 4 → 3)` when the crosswalk maps codes.
fn levels_read_as(change: &CriterionChange) -> String {
    if change.levels.is_empty() {
        return String::new();
    }
    let pairs: Vec<String> = change
        .levels
        .iter()
        .map(|(old, new)| format!("{old} → {new}"))
        .collect();
    format!(" (levels read as {})", pairs.join(", "))
}
