//! Krippendorff's alpha from the coincidence matrix (Krippendorff 2004, ch. 11;
//! "Computing Krippendorff's Alpha-Reliability", 2011).
//!
//! A unit's values are the levels its raters gave (missing ones left out).
//! Each unit with m ≥ 2 values adds every ordered pair of its values, with
//! weight 1/(m − 1), to the coincidence matrix o; n_c are its margins and n
//! its total, the number of pairable values. Then
//! α = 1 − (n − 1) · Σ o_ck δ²_ck / Σ n_c n_k δ²_ck.

use super::Metric;

/// What one unit adds to the coincidence matrix: `(c, k, weight)` for
/// each pair of value indices, so that a bootstrap resample sums the
/// contributions of the units it draws instead of recounting their values.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Contribution(pub Vec<(usize, usize, f64)>);

/// The units of one reliability analysis, ready to be summed.
#[derive(Debug, Clone)]
pub(crate) struct Coincidences {
    /// The distinct values, in increasing order.
    pub domain: Vec<f64>,
    /// One contribution per unit holding at least two values.
    pub units: Vec<Contribution>,
}

impl Coincidences {
    /// Indexes the values of `units`; units with fewer than two values are left out
    /// (they hold no pair).
    pub fn new(units: &[Vec<f64>]) -> Self {
        let mut domain: Vec<f64> = units
            .iter()
            .filter(|u| u.len() >= 2)
            .flatten()
            .copied()
            .collect();
        domain.sort_by(f64::total_cmp);
        domain.dedup();
        let index = |v: f64| {
            domain
                .binary_search_by(|d| d.total_cmp(&v))
                .expect("every value is in the domain")
        };
        let units = units
            .iter()
            .filter(|u| u.len() >= 2)
            .map(|u| {
                let mut counts: Vec<(usize, f64)> = Vec::new();
                for &v in u {
                    let i = index(v);
                    match counts.iter_mut().find(|(c, _)| *c == i) {
                        Some((_, n)) => *n += 1.0,
                        None => counts.push((i, 1.0)),
                    }
                }
                let m = u.len() as f64;
                let mut pairs = Vec::with_capacity(counts.len() * counts.len());
                for &(c, nc) in &counts {
                    for &(k, nk) in &counts {
                        let same = if c == k { nc } else { 0.0 };
                        let w = (nc * nk - same) / (m - 1.0);
                        if w > 0.0 {
                            pairs.push((c, k, w));
                        }
                    }
                }
                Contribution(pairs)
            })
            .collect();
        Coincidences { domain, units }
    }

    /// The coincidence matrix of the units at `picks` (all units when `None`).
    pub fn matrix(&self, picks: Option<&[usize]>) -> Vec<Vec<f64>> {
        let v = self.domain.len();
        let mut o = vec![vec![0.0; v]; v];
        let mut add = |u: &Contribution| {
            for &(c, k, w) in &u.0 {
                o[c][k] += w;
            }
        };
        match picks {
            Some(picks) => picks.iter().for_each(|&i| add(&self.units[i])),
            None => self.units.iter().for_each(add),
        }
        o
    }
}

/// Alpha and the figures it is made of, from one coincidence matrix.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) struct AlphaParts {
    /// The number of pairable values, n.
    pub pairable: f64,
    /// Share of the matrix on its diagonal: the observed agreement, 0–1.
    pub observed_agreement: f64,
    /// Alpha; `None` when the values do not vary (expected disagreement 0).
    pub alpha: Option<f64>,
}

/// Alpha of a coincidence matrix over `domain` with `metric`.
pub(crate) fn alpha(o: &[Vec<f64>], domain: &[f64], metric: Metric) -> AlphaParts {
    let margins: Vec<f64> = o.iter().map(|row| row.iter().sum()).collect();
    let n: f64 = margins.iter().sum();
    let diagonal: f64 = (0..o.len()).map(|c| o[c][c]).sum();
    let delta = distances(domain, &margins, metric);
    let mut observed = 0.0;
    let mut expected = 0.0;
    for c in 0..o.len() {
        for k in 0..o.len() {
            observed += o[c][k] * delta[c][k];
            expected += margins[c] * margins[k] * delta[c][k];
        }
    }
    let alpha = (n > 1.0 && expected > 0.0).then(|| 1.0 - (n - 1.0) * observed / expected);
    AlphaParts {
        pairable: n,
        observed_agreement: if n > 0.0 { diagonal / n } else { 0.0 },
        alpha,
    }
}

/// The squared difference δ²_ck of every pair of values.
///
/// Ordinal: (Σ_{g=c..k} n_g − (n_c + n_k)/2)², which depends only on the order
/// of the values and how often each was used; interval: (v_c − v_k)²;
/// nominal: 0 for the same value, 1 otherwise.
fn distances(domain: &[f64], margins: &[f64], metric: Metric) -> Vec<Vec<f64>> {
    let v = domain.len();
    let mut cumulative = vec![0.0; v + 1];
    for (g, n) in margins.iter().enumerate() {
        cumulative[g + 1] = cumulative[g] + n;
    }
    let mut delta = vec![vec![0.0; v]; v];
    for c in 0..v {
        for k in 0..v {
            delta[c][k] = match metric {
                Metric::Nominal => f64::from(u8::from(c != k)),
                Metric::Interval => (domain[c] - domain[k]).powi(2),
                Metric::Ordinal => {
                    let (lo, hi) = (c.min(k), c.max(k));
                    let between = cumulative[hi + 1] - cumulative[lo];
                    (between - (margins[lo] + margins[hi]) / 2.0).powi(2)
                }
            };
        }
    }
    delta
}

#[cfg(test)]
mod tests {
    use super::*;

    fn alpha_of(matrix: &[&[Option<f64>]], metric: Metric) -> Option<f64> {
        let units: Vec<Vec<f64>> = (0..matrix[0].len())
            .map(|u| matrix.iter().filter_map(|row| row[u]).collect())
            .collect();
        let c = Coincidences::new(&units);
        alpha(&c.matrix(None), &c.domain, metric).alpha
    }

    const N: Option<f64> = None;
    fn s(v: f64) -> Option<f64> {
        Some(v)
    }

    /// Krippendorff, K. (2011). Computing Krippendorff's Alpha-Reliability.
    /// Annenberg School for Communication, University of Pennsylvania,
    /// <https://repository.upenn.edu/asc_papers/43>, section C ("Nominal data,
    /// any number of observers, missing data") and D ("Ordinal, interval…"):
    /// 4 observers × 12 units, α nominal = 0.743, ordinal = 0.815,
    /// interval = 0.849. The same matrix is the "C" data of R `irr::kripp.alpha`'s
    /// example, and the PyPI `krippendorff` tests quote 0.815 (ordinal) for it.
    #[test]
    fn krippendorff_2011_four_observers_twelve_units_with_missing_values() {
        let a = [
            s(1.),
            s(2.),
            s(3.),
            s(3.),
            s(2.),
            s(1.),
            s(4.),
            s(1.),
            s(2.),
            N,
            N,
            N,
        ];
        let b = [
            s(1.),
            s(2.),
            s(3.),
            s(3.),
            s(2.),
            s(2.),
            s(4.),
            s(1.),
            s(2.),
            s(5.),
            N,
            s(3.),
        ];
        let c = [
            N,
            s(3.),
            s(3.),
            s(3.),
            s(2.),
            s(3.),
            s(4.),
            s(2.),
            s(2.),
            s(5.),
            s(1.),
            N,
        ];
        let d = [
            s(1.),
            s(2.),
            s(3.),
            s(3.),
            s(2.),
            s(4.),
            s(4.),
            s(1.),
            s(2.),
            s(5.),
            s(1.),
            N,
        ];
        let data: [&[Option<f64>]; 4] = [&a, &b, &c, &d];
        let round3 = |x: Option<f64>| (x.expect("defined") * 1000.0).round() / 1000.0;
        assert_eq!(round3(alpha_of(&data, Metric::Nominal)), 0.743);
        assert_eq!(round3(alpha_of(&data, Metric::Ordinal)), 0.815);
        assert_eq!(round3(alpha_of(&data, Metric::Interval)), 0.849);
    }

    /// Krippendorff (2011), section A ("Binary or dichotomous data, two
    /// observers, no missing data"): α = 0.095.
    #[test]
    fn krippendorff_2011_binary_data_two_observers() {
        let a = [0., 1., 0., 0., 0., 0., 0., 0., 1., 0.].map(s);
        let b = [1., 1., 1., 0., 0., 1., 0., 0., 0., 0.].map(s);
        let alpha = alpha_of(&[&a, &b], Metric::Nominal).expect("defined");
        assert_eq!((alpha * 1000.0).round() / 1000.0, 0.095);
    }

    /// Krippendorff (2011), section B ("Nominal data, two observers, no
    /// missing data"), the values a–e written 1–5: α = 0.692.
    #[test]
    fn krippendorff_2011_nominal_data_two_observers() {
        let a = [1., 1., 2., 2., 4., 3., 3., 3., 5., 4., 4., 1.].map(s);
        let b = [2., 1., 2., 2., 2., 3., 3., 3., 5., 4., 4., 4.].map(s);
        let alpha = alpha_of(&[&a, &b], Metric::Nominal).expect("defined");
        assert_eq!((alpha * 1000.0).round() / 1000.0, 0.692);
    }

    #[test]
    fn values_that_never_vary_leave_alpha_undefined() {
        let a = [s(2.), s(2.), s(2.)];
        assert_eq!(alpha_of(&[&a, &a], Metric::Ordinal), None);
    }
}
