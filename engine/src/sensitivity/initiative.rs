//! One initiative as the analysis reads it, taken from its evaluation: the
//! analysis keeps this, not the evaluation, so that a census of 100,000
//! initiatives stays small in memory (and can be sent between processes).

use super::findings::{RuleFacts, WeightedRules};
use crate::grid::Grid;
use crate::rules::AnswerState;
use crate::scoring::Evaluation;
use serde::{Deserialize, Serialize};

/// What a sensitivity analysis reads of one scored initiative.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Initiative {
    /// Its id (batch rows), else its name.
    pub name: String,
    /// Each criterion's value (0–1) in the grid's order; `None` when it has
    /// none (`na`, unknown, unanswered, skipped), as in scoring.
    pub values: Vec<Option<f64>>,
    /// What the grid's weight-dependent rules read besides scores.
    pub facts: RuleFacts,
}

impl Initiative {
    /// The initiative of an evaluation made with `grid`.
    pub fn of_evaluation(grid: &Grid, e: &Evaluation) -> Self {
        let meta = &e.responses.meta;
        let values = e
            .criteria
            .iter()
            .enumerate()
            .map(|(c, r)| match (r.state, r.level) {
                (AnswerState::Answered, Some(l)) => Some(grid.scale_of(c).value(usize::from(l))),
                _ => None,
            })
            .collect();
        Initiative {
            name: meta.id.clone().unwrap_or_else(|| meta.initiative.clone()),
            values,
            facts: RuleFacts::of(grid, &WeightedRules::of(grid), e),
        }
    }
}
