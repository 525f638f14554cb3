//! Axis scores and medians, and the built-in findings, in one pass over the
//! consolidated criteria (after relevance).

use super::consolidate::ordered_by_position;
use super::{AxisResult, CriterionResult, FindingSource, RawFinding};
use crate::assessment::Responses;
use crate::grid::{Criterion, FindingKind, Grid, Scale};
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
        let mut next = 0;
        for axis in &self.axes {
            let (mut sum, mut weights, mut answered, mut applicable) = (0.0, 0.0, 0u32, 0u32);
            values.clear();
            values.reserve(axis.criteria.len());
            let mut scale = axis.criteria.first().map(|c| c.scale);
            for criterion in &axis.criteria {
                let i = next;
                next += 1;
                let (Some(r), Some(answer)) = (criteria.get(i), responses.answers.get(i)) else {
                    continue;
                };
                self.signals_of(i, criterion, r, answer.target, findings);
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
                if scale != Some(criterion.scale) {
                    scale = None;
                }
                let value = self.scales[criterion.scale].value(usize::from(level));
                sum += criterion.weight * value;
                weights += criterion.weight;
                values.push((value, i, level));
            }
            let shared = scale.map(|s| &self.scales[s]);
            axes.push(AxisResult {
                score: (weights > 0.0).then(|| 100.0 * sum / weights),
                answered,
                applicable,
                median: lower_median(values, shared),
            });
        }
    }

    /// The built-in findings of criterion `i`: critical and low or unknown,
    /// far from its target, raters far apart or disputing applicability.
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
        if !r.agreed
            && r.spread
                .is_some_and(|s| u32::from(s) >= self.signals.rater_gap)
        {
            push(FindingKind::Debat, FindingSource::RaterGap(i));
        }
        if r.applicability_dispute {
            push(FindingKind::Debat, FindingSource::Applicability(i));
        }
    }
}

/// The criterion holding an axis' lower median value, with its level: the
/// middle of its answered values ordered by value, then criterion. `values`
/// come in criterion order; `shared` is the scale of all of them, if one.
fn lower_median(values: &mut [(f64, usize, u8)], shared: Option<&Scale>) -> Option<(usize, u8)> {
    let rank = values.len().checked_sub(1)? / 2;
    if let Some(found) = shared.and_then(|s| median_by_level(values, s, rank)) {
        return Some(found);
    }
    insertion_sort(values);
    let (_, i, level) = values[rank];
    Some((i, level))
}

/// Levels counted on a scale whose values grow with the position.
const MAX_COUNTED: usize = 16;

/// [`lower_median`] by counting levels, for values on one scale ordered by
/// position: levels of equal value (which rounding may give) form one class,
/// ordered by criterion. `None` when the scale does not allow it.
fn median_by_level(values: &[(f64, usize, u8)], scale: &Scale, rank: usize) -> Option<(usize, u8)> {
    let options = scale.options.len();
    if options > MAX_COUNTED || !ordered_by_position(scale) {
        return None;
    }
    let mut counts = [0usize; MAX_COUNTED];
    for &(_, _, level) in values {
        *counts.get_mut(usize::from(level))? += 1;
    }
    let (mut before, mut low) = (0, 0);
    while low < options {
        let value = scale.value(low);
        let mut high = low + 1;
        while high < options && scale.value(high).to_bits() == value.to_bits() {
            high += 1;
        }
        let in_class: usize = counts[low..high].iter().sum();
        if before + in_class > rank {
            let class = |l: u8| (low..high).contains(&usize::from(l));
            let mut members = values.iter().filter(|&&(_, _, l)| class(l));
            let &(_, i, level) = members.nth(rank - before)?;
            return Some((i, level));
        }
        before += in_class;
        low = high;
    }
    None
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
    use crate::grid::ScaleOption;

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
            let by_level = lower_median(&mut values.clone(), Some(s));
            assert_eq!(by_level, lower_median(&mut values, None), "{levels:?}");
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
    fn levels_of_equal_value_are_ordered_by_criterion() {
        // 1e17 + 1 and 1e17 + 2 round alike: their values tie.
        let s = scale(&[-1e17, 1.0, 2.0, 3.0]);
        assert_eq!(s.value(1).to_bits(), s.value(2).to_bits());
        counting_agrees_with_sorting(&s, 6);
    }

    #[test]
    fn scales_out_of_order_are_sorted() {
        let s = scale(&[0.0, 4.0, 1.0]);
        assert!(!ordered_by_position(&s));
        let mut values = vec![(s.value(1), 0, 1), (s.value(2), 1, 2), (s.value(0), 2, 0)];
        assert_eq!(median_by_level(&values, &s, 1), None);
        assert_eq!(lower_median(&mut values, Some(&s)), Some((1, 2)));
    }
}
