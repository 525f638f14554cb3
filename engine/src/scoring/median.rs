//! An axis' median: the level in the middle of its answered criteria,
//! worked out when a report asks for it rather than at each scoring, since
//! scores, findings and batch records never read it. Off the scoring path,
//! it is a plain stable sort.

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
        let mut values: Vec<(f64, usize, u8)> = Vec::with_capacity(axis.criteria.len());
        for (k, criterion) in axis.criteria.iter().enumerate() {
            let i = first + k;
            let Some(r) = self.criteria.get(i) else { break };
            if let (AnswerState::Answered, Some(level)) = (r.state, r.level) {
                let value = grid.scales[criterion.scale].value(usize::from(level));
                values.push((value, i, level));
            }
        }
        lower_median(&mut values)
    }
}

/// The lower median of `values` (value, criterion, level), pushed in
/// criterion order: the middle of them ordered by value, then criterion (the
/// sort is stable).
fn lower_median(values: &mut [(f64, usize, u8)]) -> Option<(usize, u8)> {
    let rank = values.len().checked_sub(1)? / 2;
    values.sort_by(|x, y| x.0.total_cmp(&y.0));
    let (_, i, level) = values[rank];
    Some((i, level))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_median_is_taken_in_total_cmp_order_then_by_criterion() {
        let pool = [0.25, -0.0, 0.0, 1e-310, -1.0, 0.25, f64::INFINITY, 1.0];
        for n in 1..=pool.len() {
            // Every rotation of the first n values, criteria numbered in order.
            for start in 0..n {
                let value = |k: usize| pool[(start + k) % n];
                let mut values: Vec<_> = (0..n).map(|k| (value(k), k, k as u8)).collect();
                let mut expected: Vec<usize> = (0..n).collect();
                expected.sort_by(|&a, &b| value(a).total_cmp(&value(b)).then(a.cmp(&b)));
                let middle = expected[(n - 1) / 2];
                assert_eq!(lower_median(&mut values), Some((middle, middle as u8)));
            }
        }
    }

    #[test]
    fn the_lower_median_is_the_middle_value_or_the_lower_of_the_two() {
        let at = |levels: &[u8]| {
            let mut values: Vec<_> = (levels.iter().enumerate())
                .map(|(i, &l)| (f64::from(l), i, l))
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
