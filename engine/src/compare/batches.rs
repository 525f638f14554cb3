//! Two batches compared, rows matched by initiative id.
//!
//! The old batch is held in memory, keyed by id (at most [`MAX_OLD_ROWS`]
//! rows, a few hundred bytes each for the DOMINO grid); the new batch is streamed: each
//! new row's change is handed back at once, so a caller can write it and forget
//! it. Only the new ids seen (to refuse repeats) and the group sums grow with it.

use super::held::{Held, HeldRow};
use super::{compare_snapshots, same_grid, Change, Refusal, Snapshot};
use crate::Diagnostic;
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap, HashSet};

/// The most old rows held in memory: beyond, the comparison is refused with a
/// message rather than exhausting memory (held rows and their index take
/// about 0.5 GB at this limit for the DOMINO grid: 0.9 KB a row measured).
pub const MAX_OLD_ROWS: usize = 500_000;

/// An initiative only one batch has.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Unmatched {
    /// Id.
    pub id: String,
    /// Name.
    pub initiative: String,
    /// Its values of the `--by` fields.
    pub group: Vec<String>,
}

/// One initiative in both batches, and what changed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InitiativeChange {
    /// Id.
    pub id: String,
    /// Name (new batch).
    pub initiative: String,
    /// Its values of the `--by` fields (new batch).
    pub group: Vec<String>,
    /// Overall, axes and findings.
    #[serde(flatten)]
    pub change: Change,
}

/// A mean change and how many values it is the mean of.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct MeanChange {
    /// Mean of the deltas, absent when there is none.
    pub mean: Option<f64>,
    /// Number of deltas (initiatives scored on both sides).
    pub n: u64,
}

/// The changes of one group of initiatives.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct GroupChange {
    /// The group's values of the `--by` fields (empty for the total).
    pub key: Vec<String>,
    /// Initiatives in both batches.
    pub matched: u64,
    /// Initiatives only in the old batch.
    pub only_in_old: u64,
    /// Initiatives only in the new batch.
    pub only_in_new: u64,
    /// Mean overall change.
    pub overall: MeanChange,
    /// Mean change per axis, aligned with [`BatchSummary::axes`].
    pub axes: Vec<MeanChange>,
    /// Findings that appeared, summed over the group's initiatives.
    pub appeared: u64,
    /// Findings resolved, summed.
    pub resolved: u64,
}

/// Two batches compared: each initiative in both, and the summary. What
/// `domino compare --format json` writes for batches.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BatchComparison {
    /// Initiatives in both batches, in the new batch's order.
    pub initiatives: Vec<InitiativeChange>,
    /// Unmatched initiatives, groups and total.
    pub summary: BatchSummary,
}

/// Everything but the per-initiative changes: unmatched initiatives and groups.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BatchSummary {
    /// Grid id.
    pub grid: String,
    /// Axis ids, in the order of the groups' `axes`.
    pub axes: Vec<String>,
    /// The `--by` fields.
    pub by: Vec<String>,
    /// Initiatives only in the old batch, in its order.
    pub only_in_old: Vec<Unmatched>,
    /// Initiatives only in the new batch, in its order.
    pub only_in_new: Vec<Unmatched>,
    /// One line per group, sorted by key (none without `--by`).
    pub groups: Vec<GroupChange>,
    /// All initiatives.
    pub total: GroupChange,
}

#[derive(Default)]
struct Sums {
    matched: u64,
    only_in_old: u64,
    only_in_new: u64,
    overall: (f64, u64),
    axes: Vec<(f64, u64)>,
    appeared: u64,
    resolved: u64,
}

impl Sums {
    fn add(&mut self, c: &Change, axes: &[String]) {
        self.matched += 1;
        self.axes.resize(axes.len(), (0.0, 0));
        if let Some(d) = c.overall.delta {
            self.overall.0 += d;
            self.overall.1 += 1;
        }
        for (slot, id) in self.axes.iter_mut().zip(axes) {
            if let Some(d) = c
                .axes
                .iter()
                .find(|a| &a.id == id)
                .and_then(|a| a.score.delta)
            {
                slot.0 += d;
                slot.1 += 1;
            }
        }
        self.appeared += c.findings.appeared.len() as u64;
        self.resolved += c.findings.resolved.len() as u64;
    }

    fn merge(&mut self, o: &Sums) {
        self.matched += o.matched;
        self.only_in_old += o.only_in_old;
        self.only_in_new += o.only_in_new;
        self.overall.0 += o.overall.0;
        self.overall.1 += o.overall.1;
        self.axes
            .resize(self.axes.len().max(o.axes.len()), (0.0, 0));
        for (a, b) in self.axes.iter_mut().zip(&o.axes) {
            a.0 += b.0;
            a.1 += b.1;
        }
        self.appeared += o.appeared;
        self.resolved += o.resolved;
    }

    fn finish(&self, key: Vec<String>, axes: usize) -> GroupChange {
        let mean = |(sum, n): (f64, u64)| MeanChange {
            mean: (n > 0).then(|| sum / n as f64),
            n,
        };
        let mut means: Vec<MeanChange> = self.axes.iter().map(|&s| mean(s)).collect();
        means.resize(axes, MeanChange::default());
        GroupChange {
            key,
            matched: self.matched,
            only_in_old: self.only_in_old,
            only_in_new: self.only_in_new,
            overall: mean(self.overall),
            axes: means,
            appeared: self.appeared,
            resolved: self.resolved,
        }
    }
}

/// Compares two batches: feed every old row with [`add_old`](Self::add_old),
/// then the new rows with [`add_new`](Self::add_new), then [`finish`](Self::finish).
pub struct BatchComparer {
    grid: String,
    axes: Vec<String>,
    by: Vec<String>,
    old_index: HashMap<String, usize>,
    /// Old rows in their order, each taken out when a new row matches it.
    old: Vec<Option<HeldRow>>,
    held: Held,
    new_ids: HashSet<String>,
    only_in_new: Vec<Unmatched>,
    groups: BTreeMap<Vec<String>, Sums>,
}

impl BatchComparer {
    /// A comparer for results of grid `grid` with these axes (in output order),
    /// grouping by the profile fields `by`.
    pub fn new(grid: &str, axes: Vec<String>, by: Vec<String>) -> Self {
        BatchComparer {
            grid: grid.to_owned(),
            axes,
            by,
            old_index: HashMap::new(),
            old: Vec::new(),
            held: Held::new(),
            new_ids: HashSet::new(),
            only_in_new: Vec::new(),
            groups: BTreeMap::new(),
        }
    }

    fn group_of(&self, s: &Snapshot) -> Vec<String> {
        self.by
            .iter()
            .map(|f| s.profile_value(f).unwrap_or_default().to_owned())
            .collect()
    }

    /// Checks a row's grid and id (present, not seen before on its side).
    fn check(&self, s: &Snapshot, seen: bool) -> Result<String, Refusal> {
        same_grid(&self.grid, &s.grid)?;
        let id = s.id.clone().filter(|id| !id.is_empty()).ok_or_else(|| {
            Box::new(
                Diagnostic::error(
                    "missing-id",
                    format!(
                        "initiative `{}` has no id: rows are matched by id",
                        s.initiative
                    ),
                )
                .with_hint("give every row an `id`, the same in both batches"),
            )
        })?;
        if seen {
            return Err(Box::new(
                Diagnostic::error(
                    "duplicate-id",
                    format!("id `{id}` appears twice in this batch: rows are matched by id"),
                )
                .with_hint("give each initiative its own id; this row is left out"),
            ));
        }
        Ok(id)
    }

    /// Holds one old row. Refused (and left out): a row of another grid, without
    /// an id or with an id already seen, or beyond [`MAX_OLD_ROWS`].
    pub fn add_old(&mut self, s: Snapshot) -> Result<(), Refusal> {
        let seen =
            s.id.as_ref()
                .is_some_and(|id| self.old_index.contains_key(id));
        let id = self.check(&s, seen)?;
        if self.old.len() >= MAX_OLD_ROWS {
            return Err(Box::new(Diagnostic::error(
                "too-many-rows",
                format!("the old batch has more than {MAX_OLD_ROWS} rows, the most a comparison holds in memory"),
            )
            .with_hint("split both batches by a profile field (territory, status) and compare the parts")));
        }
        let group = self.group_of(&s);
        self.old_index.insert(id.clone(), self.old.len());
        let row = self.held.hold(s, id, group);
        self.old.push(Some(row));
        Ok(())
    }

    /// Compares one new row with the old row of the same id: its change, or
    /// `None` when the old batch has no such id (it is listed by [`finish`](Self::finish)).
    pub fn add_new(&mut self, s: Snapshot) -> Result<Option<InitiativeChange>, Refusal> {
        let seen = s.id.as_ref().is_some_and(|id| self.new_ids.contains(id));
        let id = self.check(&s, seen)?;
        self.new_ids.insert(id.clone());
        let group = self.group_of(&s);
        let old = self.old_index.get(&id).and_then(|&i| self.old[i].take());
        let Some(old) = old else {
            self.groups.entry(group.clone()).or_default().only_in_new += 1;
            self.only_in_new.push(Unmatched {
                id,
                initiative: s.initiative,
                group,
            });
            return Ok(None);
        };
        let change = compare_snapshots(&self.held.snapshot(&old, &self.grid), &s)?;
        self.groups
            .entry(group.clone())
            .or_default()
            .add(&change, &self.axes);
        Ok(Some(InitiativeChange {
            id,
            initiative: s.initiative,
            group,
            change,
        }))
    }

    /// The old rows no new row matched, the groups and the total.
    pub fn finish(mut self) -> BatchSummary {
        let mut only_in_old = Vec::new();
        for row in self.old.into_iter().flatten() {
            self.groups
                .entry(row.group.clone())
                .or_default()
                .only_in_old += 1;
            only_in_old.push(Unmatched {
                id: row.id,
                initiative: row.initiative,
                group: row.group,
            });
        }
        let n = self.axes.len();
        let mut total = Sums::default();
        for sums in self.groups.values() {
            total.merge(sums);
        }
        let groups = if self.by.is_empty() {
            Vec::new()
        } else {
            self.groups
                .iter()
                .map(|(k, s)| s.finish(k.clone(), n))
                .collect()
        };
        BatchSummary {
            grid: self.grid,
            axes: self.axes,
            by: self.by,
            only_in_old,
            only_in_new: self.only_in_new,
            groups,
            total: total.finish(Vec::new(), n),
        }
    }
}
