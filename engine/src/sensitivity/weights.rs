//! Weight perturbation: in each run every criterion and axis weight is
//! multiplied by a factor drawn uniformly in `[1 − spread, 1 + spread)`.
//!
//! Each run draws from its own SplitMix64 stream, seeded from the analysis
//! seed and the run's number through SplitMix64's finaliser, so a run's
//! weights depend on nothing else: not on the order runs are computed in nor
//! on how many threads compute them.

use crate::agreement::SplitMix64;

/// The weights of one ranking: one per criterion (grid order), one per axis.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Weights {
    pub criteria: Vec<f64>,
    pub axes: Vec<f64>,
}

impl Weights {
    /// The weights of run `run`: the nominal ones, each times its factor.
    pub fn perturbed(nominal: &Weights, spread: f64, seed: u64, run: u32) -> Weights {
        let mut rng = SplitMix64::new(run_seed(seed, run));
        let mut factor = || 1.0 + spread * (2.0 * unit(rng.next_u64()) - 1.0);
        let criteria = nominal.criteria.iter().map(|w| w * factor()).collect();
        let axes = nominal.axes.iter().map(|w| w * factor()).collect();
        Weights { criteria, axes }
    }

    /// The nominal weights with criterion `c` left out (weight 0).
    pub fn without(&self, c: usize) -> Weights {
        let mut w = self.clone();
        w.criteria[c] = 0.0;
        w
    }
}

/// The seed of run `run`'s stream: two rounds of SplitMix64's finaliser, so
/// that neighbouring runs start far apart in the generator's sequence.
fn run_seed(seed: u64, run: u32) -> u64 {
    SplitMix64::new(seed ^ SplitMix64::new(u64::from(run)).next_u64()).next_u64()
}

/// A uniform number in `[0, 1)` from the top 53 bits.
fn unit(x: u64) -> f64 {
    (x >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nominal() -> Weights {
        Weights {
            criteria: vec![1.0, 2.0, 0.5],
            axes: vec![1.0, 3.0],
        }
    }

    #[test]
    fn factors_stay_within_the_spread() {
        for run in 0..500 {
            let w = Weights::perturbed(&nominal(), 0.25, 7, run);
            for (p, n) in w.criteria.iter().zip(&nominal().criteria) {
                assert!(*p >= n * 0.75 && *p < n * 1.25, "{p} from {n}");
            }
        }
    }

    #[test]
    fn a_run_depends_on_its_number_and_the_seed_only() {
        assert_eq!(
            Weights::perturbed(&nominal(), 0.25, 7, 42),
            Weights::perturbed(&nominal(), 0.25, 7, 42)
        );
        assert_ne!(
            Weights::perturbed(&nominal(), 0.25, 7, 42),
            Weights::perturbed(&nominal(), 0.25, 7, 43)
        );
        assert_ne!(
            Weights::perturbed(&nominal(), 0.25, 7, 42),
            Weights::perturbed(&nominal(), 0.25, 8, 42)
        );
    }

    #[test]
    fn zero_spread_keeps_the_nominal_weights_exactly() {
        assert_eq!(Weights::perturbed(&nominal(), 0.0, 7, 3), nominal());
    }
}
