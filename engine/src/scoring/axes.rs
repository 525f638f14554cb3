//! Axis scores and coverage, and the built-in findings, in one pass over the
//! consolidated criteria (after relevance). An axis' median is worked out
//! only when a report asks for it ([`median`](super::median)).

use super::slots::Scratch;
use super::{AxisResult, CriterionResult, FindingSource, RawFinding};
use crate::assessment::Responses;
use crate::grid::{Criterion, FindingKind, Grid};
use crate::rules::AnswerState;

impl Grid {
    /// Writes one result per axis into `axes` and the built-in findings, in
    /// criterion order, into `findings`, with `scratch`'s working storage.
    #[inline(never)] // a phase of its own in profiles
    pub(super) fn axes_and_signals(
        &self,
        responses: &Responses,
        criteria: &[CriterionResult],
        axes: &mut Vec<AxisResult>,
        scratch: &mut Scratch,
        findings: &mut Vec<RawFinding>,
    ) {
        axes.clear();
        self.option_values(&mut scratch.option_values, &mut scratch.scale_starts);
        let (option_values, starts) = (&scratch.option_values, &scratch.scale_starts);
        let raters = !responses.raters.is_empty();
        // The criteria of each axis follow each other in criterion order:
        // each axis reads its own run of results and answers.
        let mut first = 0;
        for axis in &self.axes {
            let end = first + axis.criteria.len();
            let results = criteria.get(first..end).unwrap_or_default();
            let answers = responses.answers.get(first..end).unwrap_or_default();
            let (mut sum, mut weights, mut answered, mut applicable) = (0.0, 0.0, 0u32, 0u32);
            for (k, ((criterion, r), answer)) in
                (axis.criteria.iter().zip(results).zip(answers)).enumerate()
            {
                let i = first + k;
                self.signals_of(i, criterion, r, answer.target, findings);
                if raters {
                    rater_signals(i, r, self.signals.rater_gap, findings);
                }
                match r.state {
                    AnswerState::NotApplicable | AnswerState::NotRelevant => continue,
                    AnswerState::Answered => {}
                    AnswerState::Unanswered | AnswerState::Unknown => {
                        applicable += 1;
                        continue;
                    }
                }
                applicable += 1;
                answered += 1;
                let Some(level) = r.level else { continue };
                let at = starts.get(criterion.scale).map(|s| s + usize::from(level));
                let value = match at.and_then(|at| option_values.get(at)) {
                    Some(&v) => v,
                    None => self.scales[criterion.scale].value(usize::from(level)),
                };
                sum += criterion.weight * value;
                weights += criterion.weight;
            }
            first = end;
            axes.push(AxisResult {
                score: (weights > 0.0).then(|| 100.0 * sum / weights),
                answered,
                applicable,
            });
        }
    }

    /// Every option's value, scale after scale, and where each scale starts:
    /// computed once per scoring rather than once per answer, so that the
    /// divisions are out of the loop over criteria.
    fn option_values(&self, values: &mut Vec<f64>, starts: &mut Vec<usize>) {
        values.clear();
        starts.clear();
        for scale in &self.scales {
            starts.push(values.len());
            values.extend((0..scale.options.len()).map(|p| scale.value(p)));
        }
    }

    /// The built-in findings of criterion `i` but the raters': critical and
    /// low or unknown, far from its target.
    #[inline]
    fn signals_of(
        &self,
        i: usize,
        c: &Criterion,
        r: &CriterionResult,
        target: Option<u8>,
        out: &mut Vec<RawFinding>,
    ) {
        let mut push = |kind, source| out.push(RawFinding { kind, source });
        if c.critical {
            let scale = &self.scales[c.scale];
            match (r.state, r.level) {
                (AnswerState::Unknown, _) => {
                    push(FindingKind::Vigilance, FindingSource::CriticalUnknown(i));
                }
                (AnswerState::Answered, Some(l)) if usize::from(l) < scale.critical_below => {
                    push(FindingKind::Vigilance, FindingSource::CriticalLow(i));
                }
                _ => {}
            }
        }
        if let (Some(level), Some(target)) = (r.level, target) {
            if u32::from(target.saturating_sub(level)) >= self.signals.target_gap {
                push(FindingKind::Opportunite, FindingSource::TargetGap(i));
            }
        }
    }
}

/// The raters' findings of criterion `i`: far apart (unless the group
/// agreed on a level), disputing applicability. Single answers raise none.
#[inline]
fn rater_signals(i: usize, r: &CriterionResult, gap: u32, out: &mut Vec<RawFinding>) {
    if !r.agreed && r.spread.is_some_and(|s| u32::from(s) >= gap) {
        out.push(RawFinding {
            kind: FindingKind::Debat,
            source: FindingSource::RaterGap(i),
        });
    }
    if r.applicability_dispute {
        out.push(RawFinding {
            kind: FindingKind::Debat,
            source: FindingSource::Applicability(i),
        });
    }
}
