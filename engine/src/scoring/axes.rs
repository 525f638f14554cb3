//! Axis scores and medians, and the built-in findings, in one pass over the
//! consolidated criteria (after relevance).

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
        let values = &mut scratch.values;
        let raters = !responses.raters.is_empty();
        let mut rows = criteria.iter().zip(&responses.answers).enumerate();
        for axis in &self.axes {
            let (mut sum, mut weights, mut answered, mut applicable) = (0.0, 0.0, 0u32, 0u32);
            values.clear();
            values.reserve(axis.criteria.len());
            for criterion in &axis.criteria {
                let Some((i, (r, answer))) = rows.next() else {
                    break;
                };
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
                values.push((ordered(value), i as u32, level));
            }
            axes.push(AxisResult {
                score: (weights > 0.0).then(|| 100.0 * sum / weights),
                answered,
                applicable,
                median: lower_median(values),
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

/// The criterion holding an axis' lower median value, with its level: the
/// middle of its answered values ordered by value, then criterion.
///
/// Sorting is the cheapest way for axes of a few criteria: on the DOMINO
/// grid (five to eight answered values an axis), counting levels or ranking
/// the values instead cost more than the insertion sort they save.
fn lower_median(values: &mut [(i64, u32, u8)]) -> Option<(usize, u8)> {
    let rank = values.len().checked_sub(1)? / 2;
    insertion_sort(values);
    let (_, i, level) = values[rank];
    Some((i as usize, level))
}

/// Sorts an axis' answered values, pushed in criterion order with their
/// [`ordered`] keys, by value then criterion: a stable insertion sort on the
/// key alone (equal values keep their criterion order), each value shifted
/// rather than swapped into its place.
fn insertion_sort(values: &mut [(i64, u32, u8)]) {
    for i in 1..values.len() {
        let x = values[i];
        let mut j = i;
        while j > 0 && values[j - 1].0 > x.0 {
            values[j] = values[j - 1];
            j -= 1;
        }
        values[j] = x;
    }
}

/// `x` as an integer ordered as [`f64::total_cmp`] orders numbers.
fn ordered(x: f64) -> i64 {
    let bits = x.to_bits() as i64;
    bits ^ ((((bits >> 63) as u64) >> 1) as i64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_sorted_as_total_cmp_orders_them_then_by_criterion() {
        let pool = [0.25, -0.0, 0.0, 1e-310, -1.0, 0.25, f64::INFINITY, 1.0];
        for n in 0..=pool.len() {
            // Every rotation of the first n values, criteria numbered in order.
            for start in 0..n.max(1) {
                let value = |k: u32| pool[(start + k as usize) % n];
                let mut values: Vec<_> =
                    (0..n as u32).map(|k| (ordered(value(k)), k, 0u8)).collect();
                let mut expected: Vec<u32> = (0..n as u32).collect();
                expected.sort_by(|&a, &b| value(a).total_cmp(&value(b)).then(a.cmp(&b)));
                insertion_sort(&mut values);
                let sorted: Vec<u32> = values.iter().map(|x| x.1).collect();
                assert_eq!(sorted, expected);
            }
        }
    }
}
