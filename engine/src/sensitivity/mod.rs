//! Sensitivity of a batch's ranking to the choices behind its scores: how far
//! each initiative's place moves when the weights are uncertain, when a
//! criterion is left out, or when the axis scores are geometric rather than
//! arithmetic means (the uncertainty and sensitivity analysis of the OECD/JRC
//! *Handbook on Constructing Composite Indicators*, 2008, and of COINr).
//!
//! - **Nominal ranking**: the composite is the grid's overall score (its
//!   weighted mean of axis scores, computed even for a grid that prints none);
//!   the highest is ranked 1, ties share the best place ([`ranks`]).
//! - **Monte Carlo over weights**: in each of [`Options::runs`] runs every
//!   criterion and axis weight is multiplied by a factor uniform in
//!   `[1 − spread, 1 + spread)` (±25 % by default), drawn from a seeded
//!   SplitMix64 stream of its own ([`weights`]); the initiatives are scored
//!   with [`Options::aggregation`] and ranked.
//! - Per initiative: the **median rank** and its **5th–95th percentile range**
//!   over the runs (exact, interpolated between order statistics), and the
//!   **share of runs in which its findings change** ([`findings`]).
//! - Per criterion, with [`Options::leave_one_out`]: the mean and largest
//!   absolute rank shift and Spearman's ρ between the ranking without it and
//!   the ranking with every criterion.
//! - With the geometric aggregation, the same figures between the nominal
//!   ranking and the geometric one at nominal weights.
//!
//! Initiatives with no composite (nothing answered) are listed, not ranked.
//! Too little data (nothing ranked, a single initiative, every initiative
//! answering alike) is said by [`Sensitivity::insufficient`], and figures that
//! cannot be computed are absent with their reason, never NaN. The result is
//! the same for a given seed whatever [`Options::threads`].

mod aggregate;
mod findings;
mod initiative;
mod leave_one_out;
mod options;
mod present;
mod ranks;
mod runs;
mod weights;

pub use findings::RuleFacts;
pub use initiative::Initiative;
pub use options::{
    Aggregation, Options, OptionsError, DEFAULT_RUNS, DEFAULT_SEED, DEFAULT_SPREAD, MAX_RANKS,
};
pub use present::{csv, table};
pub use ranks::{RankShift, Undefined};

use crate::grid::Grid;
use crate::scoring::Evaluation;
use aggregate::Structure;
use findings::WeightedRules;
use serde::{Deserialize, Serialize};

/// Why the analysis has little to say.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Insufficient {
    /// No initiative has a composite score (everything `na`, unknown or unanswered).
    NothingRanked = 0,
    /// A single initiative is ranked: it is first in every run.
    OneInitiative = 1,
    /// Every ranked initiative gave the same answers: they tie in every run.
    NoVariation = 2,
}

/// One initiative's place over the runs.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InitiativeRanks {
    /// Its id, else its name.
    pub name: String,
    /// Its composite as the grid scores it (0–100).
    pub nominal_score: f64,
    /// Its rank in the nominal ranking.
    pub nominal_rank: u32,
    /// Median of its ranks over the runs.
    pub median_rank: f64,
    /// 5th percentile of its ranks (its best places).
    pub rank_p05: f64,
    /// 95th percentile of its ranks (its worst places).
    pub rank_p95: f64,
    /// Share of runs (0–1) in which its weight-dependent findings differ from
    /// the nominal ones.
    pub findings_changed: f64,
}

/// How far leaving one criterion out moves the ranking.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CriterionShift {
    /// Full criterion id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Its weight in the grid.
    pub weight: f64,
    /// The figures.
    #[serde(flatten)]
    pub shift: RankShift,
}

/// What a sensitivity analysis found.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Sensitivity {
    /// The grid's id and version.
    pub grid: String,
    /// The settings used (`threads` does not change the result).
    pub options: Options,
    /// Initiatives read.
    pub initiatives: usize,
    /// Initiatives ranked (those with a composite score).
    pub ranked: usize,
    /// Why the figures say little, if they do.
    pub insufficient: Option<Insufficient>,
    /// Ids of the rules evaluated again in each run: those reading an axis
    /// score or coverage or the overall score (a coverage does not move with
    /// the weights, so a rule reading only coverages never changes).
    pub weight_dependent_rules: Vec<String>,
    /// Ranked initiatives, by median rank, then nominal rank, then name.
    pub ranks: Vec<InitiativeRanks>,
    /// Initiatives with no composite score, in input order.
    pub unranked: Vec<String>,
    /// With the geometric aggregation: the nominal ranking against the
    /// geometric one at nominal weights.
    pub aggregation_shift: Option<RankShift>,
    /// With leave-one-out: each criterion, in grid order.
    pub leave_one_out: Vec<CriterionShift>,
}

/// Analyses the sensitivity of the ranking of `initiatives` (each from
/// [`Initiative::of_evaluation`] with this `grid`) to its weights and
/// aggregation, with criterion titles in `lang`.
///
/// Values in, value out: nothing is read or written, and for given
/// initiatives and options (seed included) the result is the same whatever
/// `options.threads`. Memory: the initiatives' values (8 bytes per criterion)
/// and a `u32` rank per run and ranked initiative. Refuses settings
/// [`Options::check`] refuses and more than [`MAX_RANKS`] ranks.
pub fn analyse(
    grid: &Grid,
    initiatives: impl IntoIterator<Item = Initiative>,
    options: &Options,
    lang: &str,
) -> Result<Sensitivity, OptionsError> {
    options.check()?;
    let structure = Structure::of(grid);
    let rules = WeightedRules::of(grid);
    let batch = batch::Batch::read(&structure, initiatives);
    batch.analyse(grid, &structure, &rules, options, lang)
}

/// [`analyse`] on evaluations made with `grid`.
pub fn analyse_evaluations<'a>(
    grid: &Grid,
    evaluations: impl IntoIterator<Item = &'a Evaluation>,
    options: &Options,
    lang: &str,
) -> Result<Sensitivity, OptionsError> {
    let initiatives = evaluations
        .into_iter()
        .map(|e| Initiative::of_evaluation(grid, e));
    analyse(grid, initiatives, options, lang)
}

mod batch;

#[cfg(test)]
mod tests;
