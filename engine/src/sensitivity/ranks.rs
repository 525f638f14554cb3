//! Rank statistics: ranking a run, the percentiles of an initiative's ranks,
//! and how far two rankings differ.
//!
//! - **Ranks** are competition ranks ("1224"): the highest composite is 1, and
//!   initiatives with equal composites share the best of their places, so a tie
//!   never depends on the order of the input.
//! - **Percentiles** of an initiative's ranks over the runs interpolate between
//!   the two nearest order statistics (R's type 7), so a median can fall
//!   between two ranks (12.5).
//! - **Spearman's ρ** between two rankings is Pearson's correlation of their
//!   mid-ranks (tied initiatives get the mean of the places they share, the
//!   usual treatment of ties); it is absent when either ranking is constant.
//! - The **mean absolute rank shift** compares competition ranks.

use serde::{Deserialize, Serialize};

/// Fills `ranks` with the competition ranks of `scores` (finite; higher is
/// better), using `order` as scratch.
pub(crate) fn rank_into(scores: &[f64], order: &mut Vec<u32>, ranks: &mut [u32]) {
    order.clear();
    order.extend(0..scores.len() as u32);
    order.sort_unstable_by(|&a, &b| {
        scores[b as usize]
            .total_cmp(&scores[a as usize])
            .then(a.cmp(&b))
    });
    let mut previous = f64::NAN;
    let mut rank = 0u32;
    for (place, &i) in order.iter().enumerate() {
        let s = scores[i as usize];
        if s != previous {
            rank = place as u32 + 1;
            previous = s;
        }
        ranks[i as usize] = rank;
    }
}

/// The competition ranks of `scores`.
pub(crate) fn ranks_of(scores: &[f64]) -> Vec<u32> {
    let mut ranks = vec![0; scores.len()];
    rank_into(scores, &mut Vec::new(), &mut ranks);
    ranks
}

/// The mid-ranks of `scores` (higher is better): tied initiatives share the
/// mean of their places.
fn mid_ranks(scores: &[f64]) -> Vec<f64> {
    let mut order: Vec<usize> = (0..scores.len()).collect();
    order.sort_unstable_by(|&a, &b| scores[b].total_cmp(&scores[a]).then(a.cmp(&b)));
    let mut ranks = vec![0.0; scores.len()];
    let mut start = 0;
    while start < order.len() {
        let mut end = start + 1;
        while end < order.len() && scores[order[end]] == scores[order[start]] {
            end += 1;
        }
        let mid = (start + 1 + end) as f64 / 2.0;
        for &i in &order[start..end] {
            ranks[i] = mid;
        }
        start = end;
    }
    ranks
}

/// Spearman's ρ of two score lists over the same initiatives; `None` when
/// either is constant (or there are fewer than two).
pub(crate) fn spearman(a: &[f64], b: &[f64]) -> Option<f64> {
    let (ra, rb) = (mid_ranks(a), mid_ranks(b));
    let n = ra.len() as f64;
    let mean = (n + 1.0) / 2.0;
    let (mut ab, mut aa, mut bb) = (0.0, 0.0, 0.0);
    for (x, y) in ra.iter().zip(&rb) {
        ab += (x - mean) * (y - mean);
        aa += (x - mean) * (x - mean);
        bb += (y - mean) * (y - mean);
    }
    (aa > 0.0 && bb > 0.0).then(|| ab / (aa * bb).sqrt())
}

/// Why a comparison of two rankings has no figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Undefined {
    /// Fewer than two initiatives are ranked in both.
    TooFewInitiatives = 0,
    /// Every initiative has the same composite in one of the rankings.
    NoVariation = 1,
}

/// How far a ranking moved from a reference ranking.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RankShift {
    /// Initiatives ranked in both (the others are left out of the figures).
    pub compared: usize,
    /// Mean of |rank − reference rank|, both ranked among the compared.
    pub mean_abs_shift: Option<f64>,
    /// Largest |rank − reference rank|.
    pub max_abs_shift: Option<u32>,
    /// Spearman's ρ between the two rankings.
    pub spearman: Option<f64>,
    /// Why a figure is absent.
    pub undefined: Option<Undefined>,
}

impl RankShift {
    /// The shift from `reference` to `other`, composites of the same
    /// initiatives (NaN when unranked); only those ranked in both count.
    pub(crate) fn between(reference: &[f64], other: &[f64]) -> RankShift {
        let (a, b): (Vec<f64>, Vec<f64>) = reference
            .iter()
            .zip(other)
            .filter(|(x, y)| !x.is_nan() && !y.is_nan())
            .map(|(x, y)| (*x, *y))
            .unzip();
        let compared = a.len();
        if compared < 2 {
            return RankShift {
                compared,
                mean_abs_shift: None,
                max_abs_shift: None,
                spearman: None,
                undefined: Some(Undefined::TooFewInitiatives),
            };
        }
        let (ra, rb) = (ranks_of(&a), ranks_of(&b));
        let shifts = ra.iter().zip(&rb).map(|(x, y)| x.abs_diff(*y));
        let (sum, max) = shifts.fold((0u64, 0u32), |(s, m), d| (s + u64::from(d), m.max(d)));
        let spearman = spearman(&a, &b);
        RankShift {
            compared,
            mean_abs_shift: Some(sum as f64 / compared as f64),
            max_abs_shift: Some(max),
            spearman,
            undefined: spearman.is_none().then_some(Undefined::NoVariation),
        }
    }
}

/// The 5th, 50th and 95th percentiles of `ranks` (sorted in place), using
/// `scratch`.
pub(crate) fn rank_range(ranks: &mut [u32], scratch: &mut Vec<f64>) -> [f64; 3] {
    ranks.sort_unstable();
    scratch.clear();
    scratch.extend(ranks.iter().map(|&r| f64::from(r)));
    [0.05, 0.5, 0.95].map(|q| crate::agreement::percentile(scratch, q))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ties_share_the_best_place_and_the_next_place_is_skipped() {
        assert_eq!(ranks_of(&[50.0, 70.0, 50.0, 10.0]), [2, 1, 2, 4]);
    }

    #[test]
    fn mid_ranks_share_the_mean_place() {
        assert_eq!(mid_ranks(&[50.0, 70.0, 50.0, 10.0]), [2.5, 1.0, 2.5, 4.0]);
    }

    #[test]
    fn spearman_is_one_for_the_same_order_and_minus_one_reversed() {
        let a = [1.0, 2.0, 3.0, 4.0];
        assert_eq!(spearman(&a, &[10.0, 20.0, 30.0, 40.0]), Some(1.0));
        assert_eq!(spearman(&a, &[4.0, 3.0, 2.0, 1.0]), Some(-1.0));
        assert_eq!(spearman(&a, &[5.0; 4]), None);
    }

    #[test]
    fn spearman_with_ties_is_pearson_on_mid_ranks() {
        // Mid-ranks (higher is better): a → 4, 3, 2, 1; b → 3.5, 3.5, 2, 1.
        // Centred on 2.5: a 1.5, 0.5, −0.5, −1.5; b 1, 1, −0.5, −1.5.
        // Σab = 1.5 + 0.5 + 0.25 + 2.25 = 4.5; Σa² = 5; Σb² = 1 + 1 + 0.25 + 2.25 = 4.5.
        // ρ = 4.5 / √(5 × 4.5) = 0.948683…
        let rho = spearman(&[1.0, 2.0, 3.0, 4.0], &[1.0, 2.0, 5.0, 5.0]).unwrap();
        assert!((rho - 4.5 / (22.5f64).sqrt()).abs() < 1e-12);
    }

    #[test]
    fn a_shift_counts_only_initiatives_ranked_in_both() {
        let shift = RankShift::between(&[3.0, 2.0, 1.0, f64::NAN], &[1.0, 2.0, 3.0, 4.0]);
        assert_eq!(shift.compared, 3);
        // Ranks 1, 2, 3 against 3, 2, 1: shifts 2, 0, 2.
        assert_eq!(shift.mean_abs_shift, Some(4.0 / 3.0));
        assert_eq!(shift.max_abs_shift, Some(2));
        assert_eq!(shift.spearman, Some(-1.0));
        let alone = RankShift::between(&[1.0, f64::NAN], &[1.0, 2.0]);
        assert_eq!(alone.undefined, Some(Undefined::TooFewInitiatives));
    }

    #[test]
    fn rank_ranges_interpolate_between_order_statistics() {
        let mut ranks: Vec<u32> = (1..=21).rev().collect();
        // h = q × 20: 1, 10, 19 → ranks 2, 11, 20.
        assert_eq!(rank_range(&mut ranks, &mut Vec::new()), [2.0, 11.0, 20.0]);
        let mut two = vec![4, 3];
        // h = 0.05, 0.5, 0.95 between 3 and 4.
        let [low, mid, high] = rank_range(&mut two, &mut Vec::new());
        assert!((low - 3.05).abs() < 1e-12 && mid == 3.5 && (high - 3.95).abs() < 1e-12);
    }
}
