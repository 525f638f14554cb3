//! Consolidation: each criterion's answer made one level, with its facts laid
//! out for the conditions in the same pass.
//!
//! A single answer is read as it is; several raters' answers are folded into
//! their lower median, their spread and whether they disagree on applicability.

use super::slots::Scratch;
use super::CriterionResult;
use crate::assessment::{Given, Response, Responses};
use crate::grid::{Grid, ScaleOption};
use crate::rules::{AnswerState, Table};

impl Grid {
    /// Normalises `responses` (missing entries count as unanswered, a level
    /// or target outside its scale is ignored), then writes each criterion's
    /// consolidated answer, before relevance, into `criteria` and its facts
    /// into `scratch`.
    #[inline(never)] // a phase of its own in profiles
    pub(super) fn consolidate_into(
        &self,
        responses: &mut Responses,
        criteria: &mut Vec<CriterionResult>,
        scratch: &mut Scratch,
    ) {
        let n = self.criterion_count();
        responses.answers.resize_with(n, Default::default);
        responses.profile.resize(self.profile.len(), None);
        scratch.reset(n, self.axes.len());
        criteria.resize(n, plain((AnswerState::Unanswered, None)));
        responses.by_rater.truncate(n);
        let raters = responses.raters.len();
        let by_rater = &mut responses.by_rater;
        // One flat pass in criterion order over slices of the same length
        // (so that indexing them is not checked), each criterion's scale read
        // from the grid's index rather than from the criterion itself.
        let answers = &mut responses.answers[..n];
        let criteria = &mut criteria[..n];
        let scale_of = &self.index.scale_of[..n];
        let (states, numbers) = scratch.criterion_facts(n);
        for i in 0..n {
            let (answer, result) = (&mut answers[i], &mut criteria[i]);
            let options = &self.scales[scale_of[i]].options[..];
            let level_score = match by_rater.get_mut(i).filter(|by| !by.is_empty()) {
                None => single_answer(answer, options, result),
                Some(by) => {
                    normalise(answer, by, options.len(), raters);
                    *result = consolidate(answer, by);
                    result.level.and_then(|l| score(options, l))
                }
            };
            states[i] = result.state;
            let row = &mut numbers[i];
            row[Table::Level as usize] = level_score.unwrap_or(f64::NAN);
            row[Table::Target as usize] = (answer.target)
                .and_then(|t| score(options, t))
                .unwrap_or(f64::NAN);
            row[Table::Spread as usize] = result.spread.map_or(f64::NAN, f64::from);
        }
    }
}

/// The score of the option at `position`.
#[inline]
fn score(options: &[ScaleOption], position: u8) -> Option<f64> {
    options.get(usize::from(position)).map(|o| o.score)
}

/// A single answer normalised (a level or target past the scale's
/// `options` is ignored) and read, in one match: what most criteria of
/// most assessments are. Returns the score of its level.
///
/// The result is written field by field: a result built whole on the stack
/// from narrow writes, then copied with wide reads, stalls the processor
/// (the reads cannot take the writes' data) on each criterion.
#[inline]
fn single_answer(
    answer: &mut Response,
    options: &[ScaleOption],
    result: &mut CriterionResult,
) -> Option<f64> {
    if answer
        .target
        .is_some_and(|t| usize::from(t) >= options.len())
    {
        answer.target = None;
    }
    let (state, level, score) = match answer.given {
        Given::Level(p) => match score(options, p) {
            Some(s) => (AnswerState::Answered, Some(p), Some(s)),
            None => {
                answer.given = Given::Unanswered;
                (AnswerState::Unanswered, None, None)
            }
        },
        Given::Unanswered => (AnswerState::Unanswered, None, None),
        Given::NotApplicable => (AnswerState::NotApplicable, None, None),
        Given::Unknown => (AnswerState::Unknown, None, None),
    };
    result.state = state;
    result.level = level;
    result.spread = None;
    result.applicability_dispute = false;
    result.agreed = false;
    score
}

/// Ignores a level or target outside a scale of `options` options, and
/// aligns the per-rater answers `by` with the `raters` raters.
#[inline]
fn normalise(answer: &mut Response, by: &mut Vec<Given>, options: usize, raters: usize) {
    let fits = |g: &Given| !matches!(g, Given::Level(p) if usize::from(*p) >= options);
    if !fits(&answer.given) {
        answer.given = Given::Unanswered;
    }
    if answer.target.is_some_and(|t| usize::from(t) >= options) {
        answer.target = None;
    }
    by.resize(raters, Given::Unanswered);
    for g in by {
        if !fits(g) {
            *g = Given::Unanswered;
        }
    }
}

/// The state and level of a single answer.
fn single(given: Given) -> (AnswerState, Option<u8>) {
    match given {
        Given::Unanswered => (AnswerState::Unanswered, None),
        Given::Level(p) => (AnswerState::Answered, Some(p)),
        Given::NotApplicable => (AnswerState::NotApplicable, None),
        Given::Unknown => (AnswerState::Unknown, None),
    }
}

/// A result with this state and level, nothing else known.
fn plain((state, level): (AnswerState, Option<u8>)) -> CriterionResult {
    CriterionResult {
        state,
        level,
        spread: None,
        applicability_dispute: false,
        agreed: false,
    }
}

/// Consolidates one response with its per-rater answers `by`: the single
/// answer, the group's agreed level, or the raters' lower median.
#[inline]
fn consolidate(response: &Response, by: &[Given]) -> CriterionResult {
    if by.is_empty() {
        return plain(single(response.given));
    }
    let aggregated = aggregate(by);
    if response.given == Given::Unanswered {
        return aggregated;
    }
    CriterionResult {
        spread: aggregated.spread,
        agreed: true,
        ..plain(single(response.given))
    }
}

/// The raters' lower median, their spread and whether they disagree on applicability.
#[inline(never)]
fn aggregate(raters: &[Given]) -> CriterionResult {
    let mut levels = [0u8; 32];
    let mut n = 0;
    let (mut any_na, mut any_unknown) = (false, false);
    let mut extra: Vec<u8> = Vec::new();
    for g in raters {
        match *g {
            Given::Level(p) if n < levels.len() => {
                levels[n] = p;
                n += 1;
            }
            Given::Level(p) => extra.push(p),
            Given::NotApplicable => any_na = true,
            Given::Unknown => any_unknown = true,
            Given::Unanswered => {}
        }
    }
    let mut all: Vec<u8>;
    let given: &mut [u8] = if extra.is_empty() {
        &mut levels[..n]
    } else {
        all = levels[..n].to_vec();
        all.extend(extra);
        &mut all
    };
    crate::sort::sort(given);
    if given.is_empty() {
        let state = if any_unknown {
            AnswerState::Unknown
        } else if any_na {
            AnswerState::NotApplicable
        } else {
            AnswerState::Unanswered
        };
        return plain((state, None));
    }
    let median = given[(given.len() - 1) / 2];
    let spread = (given.len() >= 2).then(|| given[given.len() - 1] - given[0]);
    CriterionResult {
        spread,
        applicability_dispute: any_na,
        ..plain((AnswerState::Answered, Some(median)))
    }
}
