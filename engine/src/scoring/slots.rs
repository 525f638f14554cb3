//! The facts of the assessment being scored, laid out by position for the
//! compiled conditions ([`Slots`]).
//!
//! One buffer per thread, reused from one evaluation to the next, so that
//! scoring a batch allocates nothing for its conditions: numbers at the slots
//! [`Table::slot`] gives (each criterion's level, target and spread, each
//! axis' score and coverage, the overall score); NaN where a fact is missing.

use super::{AxisResult, CriterionResult};
use crate::assessment::Responses;
use crate::grid::Grid;
use crate::rules::{AnswerState, Slots, Table, TABLES};
use std::cell::RefCell;

/// The reusable storage behind [`Slots`].
#[derive(Default)]
pub(crate) struct SlotBuffer {
    numbers: Vec<f64>,
    states: Vec<AnswerState>,
    axes: usize,
}

thread_local! {
    static BUFFER: RefCell<SlotBuffer> = RefCell::new(SlotBuffer::default());
}

/// Runs `f` with this thread's buffer (a fresh one if it is in use).
pub(crate) fn with_buffer<R>(f: impl FnOnce(&mut SlotBuffer) -> R) -> R {
    BUFFER.with(|cell| match cell.try_borrow_mut() {
        Ok(mut buffer) => f(&mut buffer),
        Err(_) => f(&mut SlotBuffer::default()),
    })
}

impl SlotBuffer {
    /// Lays out the criteria's facts before relevance and axes: levels,
    /// targets, spreads and states; axis facts missing.
    pub(crate) fn fill_criteria(
        &mut self,
        grid: &Grid,
        responses: &Responses,
        criteria: &[CriterionResult],
    ) {
        let (n, m) = (criteria.len(), grid.axes.len());
        self.axes = m;
        self.numbers.clear();
        self.numbers.resize(TABLES * n.max(m).max(1), f64::NAN);
        self.states.clear();
        self.states.extend(criteria.iter().map(|c| c.state));
        for (i, c) in criteria.iter().enumerate() {
            let row = &mut self.numbers[TABLES * i..TABLES * i + 3];
            row[0] = c.score.unwrap_or(f64::NAN);
            row[2] = c.spread.map_or(f64::NAN, f64::from);
            if let Some(t) = responses.answers[i].target {
                row[1] = grid.scale_of(i).options[usize::from(t)].score;
            }
        }
    }

    /// Follows the criteria that relevance skipped (their level and spread
    /// are gone), then lays out the axis facts and the overall score.
    pub(crate) fn fill_results(
        &mut self,
        criteria: &[CriterionResult],
        axes: &[AxisResult],
        overall: Option<f64>,
    ) {
        for (i, c) in criteria.iter().enumerate() {
            if c.state == AnswerState::NotRelevant {
                self.states[i] = c.state;
                self.numbers[Table::Level.slot(i)] = f64::NAN;
                self.numbers[Table::Spread.slot(i)] = f64::NAN;
            }
        }
        for (a, r) in axes.iter().enumerate().take(self.axes) {
            self.numbers[Table::Score.slot(a)] = r.score.unwrap_or(f64::NAN);
            self.numbers[Table::Coverage.slot(a)] = r.coverage().unwrap_or(f64::NAN);
        }
        self.numbers[Table::Overall.slot(0)] = overall.unwrap_or(f64::NAN);
    }

    /// The facts as compiled conditions read them.
    pub(crate) fn slots<'a>(&'a self, responses: &'a Responses) -> Slots<'a> {
        Slots {
            numbers: &self.numbers,
            states: &self.states,
            profile: &responses.profile,
        }
    }
}
