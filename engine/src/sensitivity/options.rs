//! What a sensitivity analysis varies, and the checks that refuse settings it
//! cannot honour (before any work is done).

use serde::{Deserialize, Serialize};
use std::fmt;

/// Runs drawn unless told otherwise.
pub const DEFAULT_RUNS: u32 = 1000;
/// Half-width of the uniform weight factor unless told otherwise: ±25 %.
pub const DEFAULT_SPREAD: f64 = 0.25;
/// The seed used unless another is given (the same as agreement's).
pub const DEFAULT_SEED: u64 = crate::agreement::DEFAULT_SEED;
/// The most ranks the Monte Carlo runs may hold (runs × ranked initiatives):
/// each is a `u32`, so this is 1.2 GB. 100,000 initiatives × 1,000 runs is 10⁸.
pub const MAX_RANKS: u64 = 300_000_000;

/// How criterion values are combined into axis scores, and axis scores into
/// the composite that is ranked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Aggregation {
    /// The grid's own rule: weighted arithmetic means (compensatory).
    #[default]
    Mean,
    /// Weighted geometric means of values read on 1–100 (`1 + 99 v`), so that a
    /// criterion at the bottom of its scale weighs heavily without zeroing its
    /// axis (less compensatory).
    Geometric,
}

/// What to vary.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Options {
    /// Monte Carlo runs (at least 1).
    pub runs: u32,
    /// Each weight (criterion and axis) is multiplied in each run by a factor
    /// drawn uniformly in `[1 − spread, 1 + spread)`; `0 ≤ spread < 1`.
    pub spread: f64,
    /// The seed of the generator: the same seed gives the same result.
    pub seed: u64,
    /// The aggregation of the runs (the nominal ranking is always the grid's).
    pub aggregation: Aggregation,
    /// Also rank with each criterion left out in turn.
    pub leave_one_out: bool,
    /// Worker threads (1 draws on the calling thread). The result does not
    /// depend on it.
    pub threads: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            runs: DEFAULT_RUNS,
            spread: DEFAULT_SPREAD,
            seed: DEFAULT_SEED,
            aggregation: Aggregation::Mean,
            leave_one_out: false,
            threads: 1,
        }
    }
}

/// Settings the analysis refuses.
#[derive(Debug, Clone, PartialEq)]
pub enum OptionsError {
    /// No run asked for.
    NoRuns,
    /// The spread is not a number in `[0, 1)`.
    Spread(f64),
    /// Runs × initiatives exceeds [`MAX_RANKS`].
    TooManyRanks {
        /// Runs asked for.
        runs: u32,
        /// Initiatives with a composite score.
        initiatives: usize,
    },
}

impl fmt::Display for OptionsError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            OptionsError::NoRuns => write!(f, "at least one run is needed (`--runs 1000` is the default)"),
            OptionsError::Spread(s) => write!(
                f,
                "a spread of {s} cannot be used: it must be at least 0 and below 1 (0.25 perturbs each weight by up to ±25 %)"
            ),
            OptionsError::TooManyRanks { runs, initiatives } => write!(
                f,
                "{runs} runs × {initiatives} initiatives is more than the {MAX_RANKS} ranks the analysis holds in memory; ask for at most {} runs",
                (MAX_RANKS / (*initiatives).max(1) as u64).max(1)
            ),
        }
    }
}

impl std::error::Error for OptionsError {}

impl Options {
    /// Checks the settings that do not depend on the data.
    pub fn check(&self) -> Result<(), OptionsError> {
        if self.runs == 0 {
            return Err(OptionsError::NoRuns);
        }
        if !(self.spread >= 0.0 && self.spread < 1.0) {
            return Err(OptionsError::Spread(self.spread));
        }
        Ok(())
    }

    /// Checks that the ranks of `initiatives` over the runs fit in memory.
    pub(crate) fn check_size(&self, initiatives: usize) -> Result<(), OptionsError> {
        if u64::from(self.runs) * initiatives as u64 > MAX_RANKS {
            return Err(OptionsError::TooManyRanks {
                runs: self.runs,
                initiatives,
            });
        }
        Ok(())
    }
}
