//! Aggregation: criterion values into axis scores, axis scores into the
//! composite that is ranked, with any weights and either rule.
//!
//! With the grid's rule ([`Aggregation::Mean`]) and its own weights this is
//! exactly what [`Grid::evaluate`] computes (same sums in the same order), so
//! a run at zero spread reproduces the nominal scores bit for bit. Missing
//! values (`na`, unknown, unanswered, skipped) leave the sums, as in scoring;
//! an axis with no weighted value has no score and leaves the composite; an
//! initiative with no axis score has no composite and is not ranked. A grid
//! that prints no overall score is still ranked on the same weighted mean of
//! its axis scores.

use super::options::Aggregation;
use super::weights::Weights;
use crate::grid::Grid;
use std::ops::Range;

/// Where each axis' criteria are in the grid's criterion order, and the
/// grid's weights.
#[derive(Debug, Clone)]
pub(crate) struct Structure {
    pub axes: Vec<Range<usize>>,
    pub nominal: Weights,
}

impl Structure {
    pub fn of(grid: &Grid) -> Self {
        let mut axes = Vec::with_capacity(grid.axes.len());
        let mut start = 0;
        for axis in &grid.axes {
            axes.push(start..start + axis.criteria.len());
            start += axis.criteria.len();
        }
        let criteria = grid
            .axes
            .iter()
            .flat_map(|a| a.criteria.iter().map(|c| c.weight))
            .collect();
        Structure {
            axes,
            nominal: Weights {
                criteria,
                axes: grid.axes.iter().map(|a| a.weight).collect(),
            },
        }
    }

    pub fn criterion_count(&self) -> usize {
        self.nominal.criteria.len()
    }
}

/// The composite of one initiative's `values` (0–1, NaN when missing) under
/// `weights`; its axis scores go to `axis_scores` (NaN when absent). Returns
/// NaN when no axis has a score.
pub(crate) fn composite(
    structure: &Structure,
    values: &[f64],
    weights: &Weights,
    aggregation: Aggregation,
    axis_scores: &mut [f64],
) -> f64 {
    for (a, range) in structure.axes.iter().enumerate() {
        let (mut sum, mut total) = (0.0, 0.0);
        for c in range.clone() {
            let v = values[c];
            if v.is_nan() {
                continue;
            }
            let w = weights.criteria[c];
            sum += w * match aggregation {
                Aggregation::Mean => v,
                Aggregation::Geometric => (1.0 + 99.0 * v).ln(),
            };
            total += w;
        }
        axis_scores[a] = if total > 0.0 {
            match aggregation {
                Aggregation::Mean => 100.0 * sum / total,
                Aggregation::Geometric => (sum / total).exp(),
            }
        } else {
            f64::NAN
        };
    }
    let (mut sum, mut total) = (0.0, 0.0);
    for (s, w) in axis_scores.iter().zip(&weights.axes) {
        if s.is_nan() {
            continue;
        }
        sum += w * match aggregation {
            Aggregation::Mean => *s,
            Aggregation::Geometric => s.ln(),
        };
        total += w;
    }
    if total > 0.0 {
        match aggregation {
            Aggregation::Mean => sum / total,
            Aggregation::Geometric => (sum / total).exp(),
        }
    } else {
        f64::NAN
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn two_axes() -> Structure {
        Structure {
            axes: vec![0..2, 2..3],
            nominal: Weights {
                criteria: vec![1.0, 3.0, 1.0],
                axes: vec![1.0, 1.0],
            },
        }
    }

    #[test]
    fn the_mean_is_the_weighted_mean_of_the_weighted_axis_means() {
        let s = two_axes();
        let mut axes = [0.0; 2];
        // Axis 1: 100 × (1 × 0 + 3 × 1) / 4 = 75; axis 2: 50; composite (75 + 50) / 2.
        let c = composite(
            &s,
            &[0.0, 1.0, 0.5],
            &s.nominal,
            Aggregation::Mean,
            &mut axes,
        );
        assert_eq!(axes, [75.0, 50.0]);
        assert_eq!(c, 62.5);
    }

    #[test]
    fn missing_values_leave_the_sums_and_an_empty_axis_leaves_the_composite() {
        let s = two_axes();
        let mut axes = [0.0; 2];
        let c = composite(
            &s,
            &[f64::NAN, 1.0, f64::NAN],
            &s.nominal,
            Aggregation::Mean,
            &mut axes,
        );
        assert_eq!(axes[0], 100.0);
        assert!(axes[1].is_nan());
        assert_eq!(c, 100.0);
        let none = composite(&s, &[f64::NAN; 3], &s.nominal, Aggregation::Mean, &mut axes);
        assert!(none.is_nan());
    }

    #[test]
    fn the_geometric_mean_reads_values_on_1_to_100() {
        let s = two_axes();
        let mut axes = [0.0; 2];
        // Axis 1: (1¹ × 100³)^(1/4) = 100^0.75 = 31.62…; axis 2: 1 + 99 × 0.5 = 50.5;
        // composite √(31.62… × 50.5) = 39.96…
        let c = composite(
            &s,
            &[0.0, 1.0, 0.5],
            &s.nominal,
            Aggregation::Geometric,
            &mut axes,
        );
        assert!((axes[0] - 100f64.powf(0.75)).abs() < 1e-9);
        assert!((axes[1] - 50.5).abs() < 1e-9);
        assert!((c - (100f64.powf(0.75) * 50.5).sqrt()).abs() < 1e-9);
    }
}
