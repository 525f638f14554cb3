//! An axis' median: the level in the middle of its answered criteria,
//! worked out when a report asks for it rather than at each scoring, since
//! scores, findings and batch records never read it.

use super::Evaluation;
use crate::grid::Grid;
use crate::rules::AnswerState;

impl Evaluation {
    /// The criterion holding axis `a`'s lower median value, with its level:
    /// the middle of the axis' answered criteria (after relevance) ordered by
    /// value, then by criterion. `None` when none is answered or `a` is not
    /// an axis of `grid`, the grid this evaluation was scored with.
    pub fn axis_median(&self, grid: &Grid, a: usize) -> Option<(usize, u8)> {
        let first: usize = grid.axes.get(..a)?.iter().map(|x| x.criteria.len()).sum();
        let axis = grid.axes.get(a)?;
        let mut values: Vec<(i64, u32, u8)> = Vec::with_capacity(axis.criteria.len());
        for (k, criterion) in axis.criteria.iter().enumerate() {
            let i = first + k;
            let Some(r) = self.criteria.get(i) else { break };
            if let (AnswerState::Answered, Some(level)) = (r.state, r.level) {
                let value = grid.scales[criterion.scale].value(usize::from(level));
                values.push((ordered(value), i as u32, level));
            }
        }
        lower_median(&mut values)
    }
}

/// The lower median of `values`, pushed in criterion order: the middle of
/// them ordered by value, then criterion.
///
/// Sorting is the cheapest way for axes of a few criteria (five to eight
/// answered values an axis on the DOMINO grid).
fn lower_median(values: &mut [(i64, u32, u8)]) -> Option<(usize, u8)> {
    let rank = values.len().checked_sub(1)? / 2;
    insertion_sort(values);
    let (_, i, level) = values[rank];
    Some((i as usize, level))
}

/// Sorts an axis' answered values, pushed in criterion order with their
/// [`ordered`] keys, by value then criterion: a stable insertion sort on the
/// key alone (equal values keep their criterion order).
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

    #[test]
    fn the_lower_median_is_the_middle_value_or_the_lower_of_the_two() {
        let at = |levels: &[u8]| {
            let mut values: Vec<_> = (levels.iter().enumerate())
                .map(|(i, &l)| (ordered(f64::from(l)), i as u32, l))
                .collect();
            lower_median(&mut values)
        };
        assert_eq!(at(&[]), None);
        assert_eq!(at(&[3]), Some((0, 3)));
        assert_eq!(at(&[4, 1, 3]), Some((2, 3)));
        assert_eq!(at(&[4, 1, 3, 2]), Some((3, 2)));
        assert_eq!(at(&[2, 2, 2]), Some((1, 2)));
    }
}
