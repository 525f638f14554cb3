//! The old batch, held in memory compactly: every row of a census repeats the
//! same axis ids and mostly the same few dozen finding ids, so each is stored
//! once and rows keep their numbers (about 300 bytes a DOMINO row instead of
//! the 2 KB of its snapshot).

use super::{AxisSnapshot, FindingKey, Snapshot};
use crate::sort::set_of;
use std::collections::HashMap;

/// Strings stored once, named by their number.
struct Interned<T> {
    values: Vec<T>,
    numbers: HashMap<T, u32>,
}

impl<T: Clone + Eq + std::hash::Hash> Interned<T> {
    fn new() -> Self {
        Interned {
            values: Vec::new(),
            numbers: HashMap::new(),
        }
    }

    fn number(&mut self, value: T) -> u32 {
        if let Some(&n) = self.numbers.get(&value) {
            return n;
        }
        let n = self.values.len() as u32;
        self.values.push(value.clone());
        self.numbers.insert(value, n);
        n
    }
}

/// One old row: what a comparison needs of it, its strings numbered.
pub(super) struct HeldRow {
    /// Id.
    pub id: String,
    /// Name.
    pub initiative: String,
    /// Its values of the `--by` fields.
    pub group: Vec<String>,
    overall: Option<f64>,
    axes: Vec<(u32, Option<f64>, Option<f64>)>,
    findings: Vec<u32>,
}

/// The numbered strings of the held rows.
pub(super) struct Held {
    axes: Interned<String>,
    findings: Interned<FindingKey>,
}

impl Held {
    pub fn new() -> Self {
        Held {
            axes: Interned::new(),
            findings: Interned::new(),
        }
    }

    /// Keeps what a comparison needs of a snapshot (whose id was checked).
    pub fn hold(&mut self, s: Snapshot, id: String, group: Vec<String>) -> HeldRow {
        HeldRow {
            id,
            initiative: s.initiative,
            group,
            overall: s.overall,
            axes: s
                .axes
                .into_iter()
                .map(|a| (self.axes.number(a.id), a.score, a.coverage))
                .collect(),
            findings: s
                .findings
                .into_iter()
                .map(|k| self.findings.number(k))
                .collect(),
        }
    }

    /// The snapshot of a held row again (without its profile: its group is kept).
    pub fn snapshot(&self, row: &HeldRow, grid: &str) -> Snapshot {
        Snapshot {
            id: Some(row.id.clone()),
            initiative: row.initiative.clone(),
            grid: grid.to_owned(),
            profile: Vec::new(),
            overall: row.overall,
            axes: row
                .axes
                .iter()
                .map(|&(n, score, coverage)| AxisSnapshot {
                    id: self.axes.values[n as usize].clone(),
                    score,
                    coverage,
                })
                .collect(),
            findings: set_of(
                row.findings
                    .iter()
                    .map(|&n| self.findings.values[n as usize].clone()),
            ),
        }
    }
}
