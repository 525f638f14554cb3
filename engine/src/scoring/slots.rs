//! The facts of the assessment being scored, laid out by position for the
//! compiled conditions ([`Slots`]), and the other reusable buffers of scoring.
//!
//! They belong to the [`Evaluation`](super::Evaluation) itself (a hidden
//! field, boxed), so that scoring row after row into one evaluation
//! allocates nothing: numbers at the slots [`Table::slot`] gives (each
//! criterion's level, target and spread, each axis' score and coverage, the
//! overall score); NaN where a fact is missing.

use super::{AxisResult, CriterionResult, NOT_RELEVANT};
use crate::assessment::Responses;
use crate::rules::{AnswerState, Slots, Table, TABLES};

/// The reusable storage of one evaluation: what conditions read, and the
/// working lists of relevance and axis scores.
#[derive(Default)]
pub(crate) struct Scratch {
    /// Number facts, one row per criterion or axis: the fact at
    /// [`Table::slot`] of the rows laid end to end.
    numbers: Vec<[f64; TABLES]>,
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

/// The scratch an evaluation keeps for [`Grid::evaluate_in_place`](crate::Grid::evaluate_in_place),
/// held out of line: a new evaluation carries one pointer rather than the
/// buffers' seven vectors, so that it is smaller to return and to store.
#[derive(Default)]
pub(crate) struct HeldScratch(Option<Box<Scratch>>);

impl HeldScratch {
    /// The scratch, made on first use.
    pub(crate) fn get(&mut self) -> &mut Scratch {
        self.0.get_or_insert_with(Box::default)
    }

    /// The scratch, if there is one, leaving none.
    pub(crate) fn take(&mut self) -> Option<Box<Scratch>> {
        self.0.take()
    }
}

impl From<Box<Scratch>> for HeldScratch {
    fn from(scratch: Box<Scratch>) -> Self {
        HeldScratch(Some(scratch))
    }
}

/// A copy of an evaluation starts with no scratch: the buffers hold nothing
/// that outlives one scoring.
impl Clone for HeldScratch {
    fn clone(&self) -> Self {
        HeldScratch(None)
    }
}

impl std::fmt::Debug for HeldScratch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("HeldScratch")
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
            (self.numbers).resize(criteria.max(axes).max(1), [f64::NAN; TABLES]);
        }
        self.states.clear();
        self.states.resize(criteria, AnswerState::Unanswered);
        self.skipped.clear();
    }

    /// The states of the criteria and their rows of facts (level, target
    /// and spread first, NaN when missing), in criterion order, to be
    /// written: two slices of `n` entries, `n` the number of criteria.
    pub(crate) fn criterion_facts(
        &mut self,
        n: usize,
    ) -> (&mut [AnswerState], &mut [[f64; TABLES]]) {
        (&mut self.states[..n], &mut self.numbers[..n])
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
                if let Some(n) = self.numbers.as_flattened_mut().get_mut(table.slot(i)) {
                    *n = f64::NAN;
                }
            }
        }
    }

    /// Lays out the axis facts and the overall score.
    pub(crate) fn set_results(&mut self, axes: &[AxisResult], overall: Option<f64>) {
        let numbers = self.numbers.as_flattened_mut();
        for (a, r) in axes.iter().enumerate() {
            if let Some(n) = numbers.get_mut(Table::Score.slot(a)) {
                *n = r.score.unwrap_or(f64::NAN);
            }
            if let Some(n) = numbers.get_mut(Table::Coverage.slot(a)) {
                *n = r.coverage().unwrap_or(f64::NAN);
            }
        }
        if let Some(n) = numbers.get_mut(Table::Overall.slot(0)) {
            *n = overall.unwrap_or(f64::NAN);
        }
    }

    /// The facts as compiled conditions read them.
    pub(crate) fn slots<'a>(&'a self, responses: &'a Responses) -> Slots<'a> {
        slots_of(&self.numbers, &self.states, responses)
    }

    /// The facts, and the list of skipped criteria to write while they are read.
    pub(crate) fn slots_and_skipped<'a>(
        &'a mut self,
        responses: &'a Responses,
    ) -> (Slots<'a>, &'a mut Vec<usize>) {
        let slots = slots_of(&self.numbers, &self.states, responses);
        (slots, &mut self.skipped)
    }
}

/// The facts of `numbers` (rows laid end to end), `states` and the profile of
/// `responses`, as compiled conditions read them.
fn slots_of<'a>(
    numbers: &'a [[f64; TABLES]],
    states: &'a [AnswerState],
    responses: &'a Responses,
) -> Slots<'a> {
    Slots {
        numbers: numbers.as_flattened(),
        states,
        profile: &responses.profile,
    }
}
