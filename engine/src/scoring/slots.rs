//! The facts of the assessment being scored, laid out by position for the
//! compiled conditions ([`Slots`]), and the other reusable buffers of scoring.
//!
//! They live in the [`Evaluation`](super::Evaluation) itself (a hidden
//! field), so that scoring row after row into one evaluation allocates
//! nothing: numbers at the slots [`Table::slot`] gives (each criterion's
//! level, target and spread, each axis' score and coverage, the overall
//! score); NaN where a fact is missing.

use super::{AxisResult, CriterionResult, NOT_RELEVANT};
use crate::assessment::Responses;
use crate::rules::{AnswerState, Slots, Table, TABLES};

/// The reusable storage of one evaluation: what conditions read, and the
/// working lists of relevance and axis scores.
#[derive(Default)]
pub(crate) struct Scratch {
    /// Number facts, at [`Table::slot`].
    numbers: Vec<f64>,
    /// The state of each criterion, as conditions read it.
    states: Vec<AnswerState>,
    /// The grid size `numbers` is laid out for: criteria, axes.
    shape: (usize, usize),
    /// Criteria skipped by relevance, applied once every condition has read
    /// the answers as given.
    pub skipped: Vec<usize>,
    /// The value of each option of each scale, one scale after the other
    /// (see [`Scale::value`](crate::grid::Scale::value)).
    pub option_values: Vec<f64>,
    /// Where each scale's options start in `option_values`.
    pub scale_starts: Vec<usize>,
    /// The findings of a new evaluation, before they are copied into its
    /// own list of their exact length.
    pub findings: Vec<super::RawFinding>,
}

/// A copy of an evaluation starts with empty buffers: they hold nothing
/// that outlives one scoring.
impl Clone for Scratch {
    fn clone(&self) -> Self {
        Scratch::default()
    }
}

impl std::fmt::Debug for Scratch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Scratch")
    }
}

impl Scratch {
    /// Lays the buffers out for `criteria` criteria and `axes` axes. Every
    /// slot a condition may read is written by each scoring, so the numbers
    /// are only reset (to missing) when the grid's size changes.
    pub(crate) fn reset(&mut self, criteria: usize, axes: usize) {
        if self.shape != (criteria, axes) || self.numbers.is_empty() {
            self.shape = (criteria, axes);
            self.numbers.clear();
            self.numbers
                .resize(TABLES * criteria.max(axes).max(1), f64::NAN);
        }
        self.states.clear();
        self.states.resize(criteria, AnswerState::Unanswered);
        self.skipped.clear();
    }

    /// Each criterion's state and its level, target and spread facts (NaN
    /// when missing), in criterion order, to be written.
    pub(crate) fn criterion_rows(
        &mut self,
    ) -> impl Iterator<Item = (&mut AnswerState, &mut [f64])> + '_ {
        let facts = self
            .numbers
            .chunks_exact_mut(TABLES)
            .map(|row| &mut row[..3]);
        self.states.iter_mut().zip(facts)
    }

    /// Marks the criteria relevance skipped, in `criteria` and in the facts
    /// (their level and spread are gone).
    pub(crate) fn apply_skipped(&mut self, criteria: &mut [CriterionResult]) {
        for &i in &self.skipped {
            if let Some(c) = criteria.get_mut(i) {
                *c = NOT_RELEVANT;
            }
            if let Some(s) = self.states.get_mut(i) {
                *s = AnswerState::NotRelevant;
            }
            for table in [Table::Level, Table::Spread] {
                if let Some(n) = self.numbers.get_mut(table.slot(i)) {
                    *n = f64::NAN;
                }
            }
        }
    }

    /// Lays out the axis facts and the overall score.
    pub(crate) fn set_results(&mut self, axes: &[AxisResult], overall: Option<f64>) {
        for (a, r) in axes.iter().enumerate() {
            if let Some(n) = self.numbers.get_mut(Table::Score.slot(a)) {
                *n = r.score.unwrap_or(f64::NAN);
            }
            if let Some(n) = self.numbers.get_mut(Table::Coverage.slot(a)) {
                *n = r.coverage().unwrap_or(f64::NAN);
            }
        }
        if let Some(n) = self.numbers.get_mut(Table::Overall.slot(0)) {
            *n = overall.unwrap_or(f64::NAN);
        }
    }

    /// The facts as compiled conditions read them.
    pub(crate) fn slots<'a>(&'a self, responses: &'a Responses) -> Slots<'a> {
        Slots {
            numbers: &self.numbers,
            states: &self.states,
            profile: &responses.profile,
        }
    }

    /// The facts, and the list of skipped criteria to write while they are read.
    pub(crate) fn slots_and_skipped<'a>(
        &'a mut self,
        responses: &'a Responses,
    ) -> (Slots<'a>, &'a mut Vec<usize>) {
        let slots = Slots {
            numbers: &self.numbers,
            states: &self.states,
            profile: &responses.profile,
        };
        (slots, &mut self.skipped)
    }
}
