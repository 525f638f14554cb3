//! The facts of the assessment being scored, laid out by position for the
//! compiled conditions ([`Slots`]).
//!
//! One buffer per thread, reused from one evaluation to the next, so that
//! scoring a batch allocates nothing for its conditions: numbers in the order
//! levels, targets, spreads (one per criterion), axis scores, axis coverages
//! (one per axis), the overall score; NaN where a fact is missing.

use super::{AxisResult, CriterionResult};
use crate::assessment::Responses;
use crate::grid::Grid;
use crate::rules::{AnswerState, Slots};
use std::cell::RefCell;

/// The reusable storage behind [`Slots`].
#[derive(Default)]
pub(crate) struct SlotBuffer {
    numbers: Vec<f64>,
    states: Vec<AnswerState>,
    criteria: usize,
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
        self.criteria = n;
        self.axes = m;
        self.numbers.clear();
        self.numbers.resize(3 * n + 2 * m + 1, f64::NAN);
        self.states.clear();
        self.states.extend(criteria.iter().map(|c| c.state));
        let (levels, rest) = self.numbers.split_at_mut(n);
        let (targets, rest) = rest.split_at_mut(n);
        let spreads = &mut rest[..n];
        for (i, c) in criteria.iter().enumerate() {
            levels[i] = c.score.unwrap_or(f64::NAN);
            spreads[i] = c.spread.map_or(f64::NAN, f64::from);
            if let Some(t) = responses.answers[i].target {
                targets[i] = grid.scale_of(i).options[usize::from(t)].score;
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
        let n = self.criteria;
        for (i, c) in criteria.iter().enumerate() {
            if c.state == AnswerState::NotRelevant {
                self.states[i] = c.state;
                self.numbers[i] = f64::NAN;
                self.numbers[2 * n + i] = f64::NAN;
            }
        }
        let m = self.axes;
        for (a, r) in axes.iter().enumerate().take(m) {
            self.numbers[3 * n + a] = r.score.unwrap_or(f64::NAN);
            self.numbers[3 * n + m + a] = r.coverage().unwrap_or(f64::NAN);
        }
        self.numbers[3 * n + 2 * m] = overall.unwrap_or(f64::NAN);
    }

    /// The facts as compiled conditions read them.
    pub(crate) fn slots<'a>(&'a self, responses: &'a Responses) -> Slots<'a> {
        let (n, m) = (self.criteria, self.axes);
        let x = &self.numbers;
        Slots {
            numbers: [
                &x[..n],
                &x[n..2 * n],
                &x[2 * n..3 * n],
                &x[3 * n..3 * n + m],
                &x[3 * n + m..3 * n + 2 * m],
                &x[3 * n + 2 * m..],
            ],
            states: &self.states,
            profile: &responses.profile,
        }
    }
}
