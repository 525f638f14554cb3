//! Axis scores and medians, and the built-in findings, in one pass over the
//! consolidated criteria (after relevance).

use super::{AxisResult, CriterionResult, FindingSource, RawFinding};
use crate::assessment::Responses;
use crate::grid::{Criterion, FindingKind, Grid};
use crate::rules::AnswerState;

impl Grid {
    /// Writes one result per axis into `axes` and the built-in findings, in
    /// criterion order, into `findings`; `values` is working storage.
    pub(super) fn axes_and_signals(
        &self,
        responses: &Responses,
        criteria: &[CriterionResult],
        axes: &mut Vec<AxisResult>,
        values: &mut Vec<(f64, usize, u8)>,
        findings: &mut Vec<RawFinding>,
    ) {
        axes.clear();
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
                let value = self.scales[criterion.scale].value(usize::from(level));
                sum += criterion.weight * value;
                weights += criterion.weight;
                values.push((value, i, level));
            }
            axes.push(AxisResult {
                score: (weights > 0.0).then(|| 100.0 * sum / weights),
                answered,
                applicable,
                median: lower_median(values),
            });
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
/// middle of its answered values ordered by value, then criterion. `values`
/// come in criterion order.
fn lower_median(values: &mut [(f64, usize, u8)]) -> Option<(usize, u8)> {
    let rank = values.len().checked_sub(1)? / 2;
    if let Some(found) = median_by_level(values, rank) {
        return Some(found);
    }
    insertion_sort(values);
    let (_, i, level) = values[rank];
    Some((i, level))
}

/// Levels counted by [`median_by_level`].
const MAX_COUNTED: usize = 16;

/// [`lower_median`] by counting levels, when the levels given have values
/// that grow with the level (each level one value: the criteria share a
/// scale, or their scales agree): ordering by value then criterion is then
/// ordering by level then criterion. `None` otherwise, or for levels past
/// [`MAX_COUNTED`].
fn median_by_level(values: &[(f64, usize, u8)], rank: usize) -> Option<(usize, u8)> {
    let mut counts = [0usize; MAX_COUNTED];
    let mut value_of = [0.0f64; MAX_COUNTED];
    let mut top = 0;
    for &(value, _, level) in values {
        let l = usize::from(level);
        let count = counts.get_mut(l)?;
        if *count > 0 && value_of[l].to_bits() != value.to_bits() {
            return None;
        }
        *count += 1;
        value_of[l] = value;
        top = top.max(l + 1);
    }
    let (mut before, mut previous, mut median) = (0, None::<f64>, None);
    for l in (0..top).filter(|&l| counts[l] > 0) {
        if previous.is_some_and(|p| p.total_cmp(&value_of[l]).is_ge()) {
            return None;
        }
        previous = Some(value_of[l]);
        if median.is_none() && before + counts[l] > rank {
            median = Some((l, rank - before));
        }
        before += counts[l];
    }
    let (l, k) = median?;
    let mut at_level = values.iter().filter(|v| usize::from(v.2) == l);
    at_level.nth(k).map(|&(_, i, level)| (i, level))
}

/// Sorts an axis' answered values by value, then criterion (an axis has a
/// handful of criteria: insertion sort, in place).
fn insertion_sort(values: &mut [(f64, usize, u8)]) {
    for i in 1..values.len() {
        let mut j = i;
        while j > 0 && {
            let (a, b) = (&values[j - 1], &values[j]);
            a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)).is_gt()
        } {
            values.swap(j - 1, j);
            j -= 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::grid::{Scale, ScaleOption};

    fn scale(scores: &[f64]) -> Scale {
        Scale {
            id: "s".into(),
            label: None,
            options: (scores.iter())
                .map(|&score| ScaleOption {
                    code: score.to_string(),
                    score,
                    label: Default::default(),
                })
                .collect(),
            not_applicable: None,
            unknown: None,
            critical_below: 0,
        }
    }

    /// Every list of levels on `s`, up to `n` criteria: counting gives the
    /// median sorting gives.
    fn counting_agrees_with_sorting(s: &Scale, n: usize) {
        let options = s.options.len() as u8;
        let mut levels = vec![0u8; n];
        loop {
            let mut values: Vec<_> = (levels.iter().enumerate())
                .map(|(i, &l)| (s.value(usize::from(l)), 3 * i, l))
                .collect();
            let by_level = median_by_level(&values, (values.len() - 1) / 2);
            let mut sorted = values.clone();
            insertion_sort(&mut sorted);
            let by_sorting = sorted.get((values.len() - 1) / 2).map(|v| (v.1, v.2));
            assert!(by_level.is_none() || by_level == by_sorting, "{levels:?}");
            assert_eq!(lower_median(&mut values), by_sorting, "{levels:?}");
            let Some(k) = levels.iter().position(|&l| l + 1 < options) else {
                break;
            };
            levels[k] += 1;
            levels[..k].fill(0);
        }
    }

    #[test]
    fn the_median_by_counting_levels_is_the_median_by_sorting_values() {
        counting_agrees_with_sorting(&scale(&[0.0, 1.0, 2.0, 3.0, 4.0]), 6);
        counting_agrees_with_sorting(&scale(&[-3.0, 0.5, 7.0]), 7);
    }

    #[test]
    fn levels_of_equal_value_are_sorted() {
        // 1e17 + 1 and 1e17 + 2 round alike: their values tie.
        let s = scale(&[-1e17, 1.0, 2.0, 3.0]);
        assert_eq!(s.value(1).to_bits(), s.value(2).to_bits());
        assert_eq!(
            median_by_level(&[(s.value(2), 0, 2), (s.value(1), 1, 1)], 0),
            None
        );
        counting_agrees_with_sorting(&s, 6);
    }

    #[test]
    fn scales_out_of_order_are_sorted() {
        let s = scale(&[0.0, 4.0, 1.0]);
        let mut values = vec![(s.value(1), 0, 1), (s.value(2), 1, 2), (s.value(0), 2, 0)];
        assert_eq!(median_by_level(&values, 1), None);
        assert_eq!(lower_median(&mut values), Some((1, 2)));
        counting_agrees_with_sorting(&s, 6);
    }

    #[test]
    fn one_level_of_two_values_is_sorted() {
        // Two scales on one axis: level 1 is worth 0.25 on one, 0.5 on the other.
        let values = [(0.5, 0, 1), (0.25, 1, 1), (0.4, 2, 2)];
        assert_eq!(median_by_level(&values, 1), None);
        assert_eq!(lower_median(&mut values.clone()), Some((2, 2)));
    }
}
