//! The initiatives of one analysis, held compactly, and the steps of the
//! analysis in order.

use super::aggregate::{composite, Structure};
use super::findings::{RuleFacts, WeightedRules};
use super::leave_one_out;
use super::options::{Aggregation, Options, OptionsError};
use super::ranks::{ranks_of, RankShift};
use super::runs::{monte_carlo, Prepared, RunStats};
use super::weights::Weights;
use super::{CriterionShift, Initiative, InitiativeRanks, Insufficient, Sensitivity};
use crate::grid::Grid;

/// The ranked initiatives (values flattened, NaN when missing) and the names
/// of the others.
pub(super) struct Batch {
    names: Vec<String>,
    values: Vec<f64>,
    facts: Vec<RuleFacts>,
    /// Nominal composites of the ranked initiatives.
    nominal: Vec<f64>,
    unranked: Vec<String>,
}

impl Batch {
    /// Reads `initiatives`; values beyond the grid's criteria are ignored,
    /// missing ones and values that are not finite count as missing.
    pub fn read(structure: &Structure, initiatives: impl IntoIterator<Item = Initiative>) -> Self {
        let c = structure.criterion_count();
        let mut axes = vec![0.0; structure.axes.len()];
        let mut batch = Batch {
            names: Vec::new(),
            values: Vec::new(),
            facts: Vec::new(),
            nominal: Vec::new(),
            unranked: Vec::new(),
        };
        for initiative in initiatives {
            let start = batch.values.len();
            batch.values.extend((0..c).map(
                |k| match initiative.values.get(k).copied().flatten() {
                    Some(v) if v.is_finite() => v,
                    _ => f64::NAN,
                },
            ));
            let values = &batch.values[start..];
            let s = composite(
                structure,
                values,
                &structure.nominal,
                Aggregation::Mean,
                &mut axes,
            );
            if s.is_nan() {
                batch.values.truncate(start);
                batch.unranked.push(initiative.name);
                continue;
            }
            batch.nominal.push(s);
            batch.names.push(initiative.name);
            batch.facts.push(initiative.facts);
        }
        batch
    }

    /// Every step of the analysis.
    pub fn analyse(
        self,
        grid: &Grid,
        structure: &Structure,
        rules: &WeightedRules,
        options: &Options,
        lang: &str,
    ) -> Result<Sensitivity, OptionsError> {
        let n = self.names.len();
        options.check_size(n)?;
        let nominal_fired = self.nominal_fired(grid, structure, rules);
        let prepared = Prepared {
            grid,
            structure,
            rules,
            values: &self.values,
            facts: if rules.any() { &self.facts } else { &[] },
            nominal_fired: &nominal_fired,
            count: n,
        };
        let stats = monte_carlo(&prepared, options);
        let reference = (options.aggregation != Aggregation::Mean || options.leave_one_out)
            .then(|| leave_one_out::composites(structure, &self.values, n, options, None));
        let aggregation_shift = match (&reference, options.aggregation) {
            (Some(r), Aggregation::Geometric) => Some(RankShift::between(&self.nominal, r)),
            _ => None,
        };
        let leave_one_out = match (&reference, options.leave_one_out) {
            (Some(r), true) => self.criterion_shifts(grid, structure, r, options, lang),
            _ => Vec::new(),
        };
        Ok(Sensitivity {
            grid: format!("{} {}", grid.id, grid.version),
            options: *options,
            initiatives: n + self.unranked.len(),
            ranked: n,
            insufficient: self.insufficient(structure.criterion_count()),
            weight_dependent_rules: rules
                .rules
                .iter()
                .map(|&r| grid.rules[r].id.clone())
                .collect(),
            ranks: self.initiative_ranks(&stats, options.runs),
            unranked: self.unranked,
            aggregation_shift,
            leave_one_out,
        })
    }

    /// Which weight-dependent rules fire for each initiative at the grid's weights.
    fn nominal_fired(
        &self,
        grid: &Grid,
        structure: &Structure,
        rules: &WeightedRules,
    ) -> Vec<bool> {
        let mut fired = Vec::with_capacity(self.names.len() * rules.rules.len());
        if !rules.any() {
            return fired;
        }
        let c = structure.criterion_count();
        let mut axes = vec![0.0; structure.axes.len()];
        let nominal: &Weights = &structure.nominal;
        for (i, facts) in self.facts.iter().enumerate() {
            let values = &self.values[i * c..(i + 1) * c];
            let s = composite(structure, values, nominal, Aggregation::Mean, &mut axes);
            rules.fired(grid, facts, &axes, s, &mut fired);
        }
        fired
    }

    fn criterion_shifts(
        &self,
        grid: &Grid,
        structure: &Structure,
        reference: &[f64],
        options: &Options,
        lang: &str,
    ) -> Vec<CriterionShift> {
        let shifts = leave_one_out::shifts(
            structure,
            &self.values,
            self.names.len(),
            reference,
            options,
        );
        grid.criteria()
            .zip(shifts)
            .map(|((_, criterion), shift)| CriterionShift {
                id: criterion.full_id.clone(),
                title: criterion.title.get(lang).to_owned(),
                weight: criterion.weight,
                shift,
            })
            .collect()
    }

    /// Too little data: nothing ranked, one initiative, or every ranked one alike.
    fn insufficient(&self, criteria: usize) -> Option<Insufficient> {
        match self.names.len() {
            0 => Some(Insufficient::NothingRanked),
            1 => Some(Insufficient::OneInitiative),
            _ => {
                let first = &self.values[..criteria];
                let same = |row: &[f64]| {
                    row.iter()
                        .zip(first)
                        .all(|(a, b)| a == b || (a.is_nan() && b.is_nan()))
                };
                self.values
                    .chunks(criteria.max(1))
                    .all(same)
                    .then_some(Insufficient::NoVariation)
            }
        }
    }

    /// Each initiative's figures, by median rank, then nominal rank, then name.
    fn initiative_ranks(&self, stats: &RunStats, runs: u32) -> Vec<InitiativeRanks> {
        let nominal_ranks = ranks_of(&self.nominal);
        let mut rows: Vec<InitiativeRanks> = (0..self.names.len())
            .map(|i| {
                let [p05, median, p95] = stats.range[i];
                InitiativeRanks {
                    name: self.names[i].clone(),
                    nominal_score: self.nominal[i],
                    nominal_rank: nominal_ranks[i],
                    median_rank: median,
                    rank_p05: p05,
                    rank_p95: p95,
                    findings_changed: f64::from(stats.changed[i]) / f64::from(runs),
                }
            })
            .collect();
        rows.sort_by(|a, b| {
            a.median_rank
                .total_cmp(&b.median_rank)
                .then(a.nominal_rank.cmp(&b.nominal_rank))
                .then_with(|| a.name.cmp(&b.name))
        });
        rows
    }
}
