//! What conditions read while an assessment is scored.

use super::{AxisResult, CriterionResult};
use crate::assessment::Responses;
use crate::grid::Grid;
use crate::rules::{AnswerState, Facts};

/// The facts of one assessment being scored.
pub(crate) struct EvalFacts<'a> {
    pub grid: &'a Grid,
    pub responses: &'a Responses,
    pub criteria: &'a [CriterionResult],
    pub axes: &'a [AxisResult],
    pub overall: Option<f64>,
}

impl Facts for EvalFacts<'_> {
    fn level(&self, criterion: usize) -> Option<f64> {
        self.grid
            .level_score(criterion, self.criteria[criterion].level)
    }

    fn target(&self, criterion: usize) -> Option<f64> {
        self.grid
            .level_score(criterion, self.responses.answers[criterion].target)
    }

    fn state(&self, criterion: usize) -> AnswerState {
        self.criteria[criterion].state
    }

    fn spread(&self, criterion: usize) -> Option<f64> {
        self.criteria[criterion].spread.map(f64::from)
    }

    fn axis_score(&self, axis: usize) -> Option<f64> {
        self.axes.get(axis)?.score
    }

    fn axis_coverage(&self, axis: usize) -> Option<f64> {
        self.axes.get(axis)?.coverage()
    }

    fn overall(&self) -> Option<f64> {
        self.overall
    }

    fn profile(&self, field: usize) -> Option<&str> {
        self.responses.profile[field].as_deref()
    }
}
