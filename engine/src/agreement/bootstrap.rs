//! A bootstrap interval for alpha: units drawn with replacement, alpha
//! recomputed on each resample, the 2.5th and 97.5th percentiles kept.
//!
//! The generator is SplitMix64 (Steele, Lea & Flood 2014), written here so that
//! the same seed gives the same interval on every platform, WebAssembly
//! included, without a dependency.

use super::krippendorff::{alpha, Coincidences};
use super::Metric;
use serde::Serialize;

/// How many resamples `domino agreement` draws unless told otherwise.
pub const DEFAULT_RESAMPLES: u32 = 1000;
/// The seed used unless another is given.
pub const DEFAULT_SEED: u64 = 20150415;

/// A deterministic pseudo-random generator (SplitMix64).
#[derive(Debug, Clone)]
pub(crate) struct SplitMix64(u64);

impl SplitMix64 {
    pub fn new(seed: u64) -> Self {
        SplitMix64(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A uniform integer in `0..n` (n > 0), without modulo bias (Lemire 2019).
    pub fn below(&mut self, n: usize) -> usize {
        let n = n as u64;
        loop {
            let product = u128::from(self.next_u64()) * u128::from(n);
            let low = product as u64;
            if low >= n.wrapping_neg() % n {
                return (product >> 64) as usize;
            }
        }
    }
}

/// A bootstrap 95 % interval.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Interval {
    /// 2.5th percentile of the resampled alphas.
    pub low: f64,
    /// 97.5th percentile.
    pub high: f64,
    /// Resamples in which alpha was defined (those without variation are left out).
    pub resamples: u32,
}

/// The interval of `units`' alpha over `resamples` draws from `seed`;
/// `None` when fewer than two units hold pairs or no resample defines alpha.
pub(crate) fn interval(
    units: &Coincidences,
    metric: Metric,
    resamples: u32,
    seed: u64,
) -> Option<Interval> {
    let n = units.units.len();
    if n < 2 || resamples == 0 {
        return None;
    }
    let mut rng = SplitMix64::new(seed);
    let mut picks = vec![0; n];
    let mut alphas = Vec::with_capacity(resamples as usize);
    for _ in 0..resamples {
        for p in picks.iter_mut() {
            *p = rng.below(n);
        }
        if let Some(a) = alpha(&units.matrix(Some(&picks)), &units.domain, metric).alpha {
            alphas.push(a);
        }
    }
    if alphas.is_empty() {
        return None;
    }
    alphas.sort_by(f64::total_cmp);
    Some(Interval {
        low: percentile(&alphas, 0.025),
        high: percentile(&alphas, 0.975),
        resamples: alphas.len() as u32,
    })
}

/// The `q` quantile of sorted values, interpolated between the two nearest
/// ranks (R's default, type 7).
pub(crate) fn percentile(sorted: &[f64], q: f64) -> f64 {
    let h = q * (sorted.len() - 1) as f64;
    let below = h.floor() as usize;
    let above = (below + 1).min(sorted.len() - 1);
    sorted[below] + (h - below as f64) * (sorted[above] - sorted[below])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splitmix64_matches_its_reference_sequence() {
        // First outputs for seed 1234567 of the reference C implementation
        // (Vigna, https://prng.di.unimi.it/splitmix64.c).
        let mut rng = SplitMix64::new(1234567);
        assert_eq!(rng.next_u64(), 6457827717110365317);
        assert_eq!(rng.next_u64(), 3203168211198807973);
    }

    #[test]
    fn draws_below_n_stay_below_n_and_reach_every_value() {
        let mut rng = SplitMix64::new(7);
        let mut seen = [false; 5];
        for _ in 0..200 {
            let i = rng.below(5);
            seen[i] = true;
        }
        assert!(seen.iter().all(|&s| s));
    }

    #[test]
    fn percentiles_interpolate_between_ranks() {
        let v = [0.0, 1.0, 2.0, 3.0, 4.0];
        assert_eq!(percentile(&v, 0.5), 2.0);
        assert_eq!(percentile(&v, 0.025), 0.1);
        assert_eq!(percentile(&v, 1.0), 4.0);
    }
}
