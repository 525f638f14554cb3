//! Agreement between raters: how far several people who rated the same
//! initiatives agree, criterion by criterion, axis by axis and overall.
//!
//! - **Krippendorff's alpha** (Krippendorff 2004, 2011), ordinal by default,
//!   interval or nominal on request, from the coincidence matrix; per criterion
//!   the units are the initiatives, per axis (and overall) each initiative ×
//!   criterion is a unit. `na`, `?` and unanswered are missing values.
//! - A **bootstrap 95 % interval**: units drawn with replacement,
//!   [`DEFAULT_RESAMPLES`] times unless told otherwise, from a seed.
//! - **Cohen's kappa** when there are exactly two raters, weighted
//!   (Cohen 1968: quadratic by default, linear on request) or not.
//! - The **raw agreement** (share of pairable pairs that agree) and the
//!   number of **pairable values**.
//! - Each alpha is read against Krippendorff's thresholds: 0.800 for reliable
//!   conclusions, 0.667 for tentative ones.
//!
//! Too little data (one rater, no pairable value, a single unit, no variation)
//! leaves a figure absent with the reason in words, never NaN.

mod bootstrap;
mod data;
mod kappa;
mod krippendorff;
mod present;

pub(crate) use bootstrap::{percentile, SplitMix64};
pub use bootstrap::{Interval, DEFAULT_RESAMPLES, DEFAULT_SEED};
pub use data::{LongTable, Ratings};
pub(crate) use present::code;
pub use present::{csv, markdown, table};

use crate::grid::Grid;
use crate::vocabulary::Language;
use krippendorff::Coincidences;
use serde::Serialize;

/// The level of measurement: how two different levels differ.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Metric {
    /// Only the order of the levels counts (and how often each is used).
    Ordinal,
    /// Levels are numbers: the criterion values (0–1) of their options.
    Interval,
    /// Levels are categories: equal or not.
    Nominal,
}

/// The weights of Cohen's kappa.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum KappaWeights {
    /// Disagreements weigh the square of their distance.
    Quadratic,
    /// Disagreements weigh their distance.
    Linear,
    /// Every disagreement weighs the same (Cohen 1960).
    Unweighted,
}

/// What to compute.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Options {
    /// The metric of alpha.
    pub metric: Metric,
    /// Kappa's weights; by default quadratic, unweighted for the nominal metric.
    pub kappa_weights: Option<KappaWeights>,
    /// Bootstrap resamples (0: no interval).
    pub resamples: u32,
    /// The bootstrap seed.
    pub seed: u64,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            metric: Metric::Ordinal,
            kappa_weights: None,
            resamples: DEFAULT_RESAMPLES,
            seed: DEFAULT_SEED,
        }
    }
}

/// How an alpha reads against Krippendorff's thresholds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Reliability {
    /// α ≥ 0.800.
    Reliable = 0,
    /// 0.667 ≤ α < 0.800: tentative conclusions only.
    Tentative = 1,
    /// α < 0.667.
    Unreliable = 2,
}

impl Reliability {
    /// The reading of an alpha.
    pub fn of(alpha: f64) -> Self {
        if alpha >= 0.800 {
            Reliability::Reliable
        } else if alpha >= 0.667 {
            Reliability::Tentative
        } else {
            Reliability::Unreliable
        }
    }
}

/// Why alpha could not be computed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Undefined {
    /// Only one rater.
    OneRater = 0,
    /// No unit holds two values.
    NoPairableValues = 1,
    /// A single unit holds two values.
    OneUnit = 2,
    /// Every pairable value is the same.
    NoVariation = 3,
}

/// The agreement over one set of units.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Agreement {
    /// Units holding at least two values.
    pub units: usize,
    /// Values in those units: Krippendorff's n.
    pub pairable: usize,
    /// Krippendorff's alpha.
    pub alpha: Option<f64>,
    /// Its bootstrap 95 % interval.
    pub interval: Option<Interval>,
    /// Cohen's kappa (exactly two raters).
    pub kappa: Option<f64>,
    /// Share of pairable pairs that agree exactly, 0–1.
    pub observed_agreement: Option<f64>,
    /// The reading of alpha.
    pub reliability: Option<Reliability>,
    /// Why alpha is absent.
    pub undefined: Option<Undefined>,
    /// The reading, or why alpha is absent, in words.
    pub note: String,
}

/// The agreement of a criterion or an axis.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ScopeAgreement {
    /// Full criterion id or axis id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// The figures.
    #[serde(flatten)]
    pub agreement: Agreement,
}

/// The bootstrap settings used.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct BootstrapSettings {
    /// Resamples drawn for each row.
    pub resamples: u32,
    /// Seed of the generator.
    pub seed: u64,
}

/// An agreement report.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AgreementReport {
    /// The grid's id and version.
    pub grid: String,
    /// The metric of alpha.
    pub metric: Metric,
    /// Kappa's weights, when there are exactly two raters.
    pub kappa_weights: Option<KappaWeights>,
    /// The bootstrap settings, when an interval was asked for.
    pub bootstrap: Option<BootstrapSettings>,
    /// The raters.
    pub raters: Vec<String>,
    /// Number of initiatives.
    pub initiatives: usize,
    /// Every criterion pooled.
    pub overall: Agreement,
    /// Per axis.
    pub axes: Vec<ScopeAgreement>,
    /// Per criterion.
    pub criteria: Vec<ScopeAgreement>,
}

/// Computes the agreement of `ratings` against `grid`, with texts in `lang`.
pub fn analyse(grid: &Grid, ratings: &Ratings, options: &Options, lang: &str) -> AgreementReport {
    let two_raters = ratings.raters().len() == 2;
    let weights = options.kappa_weights.unwrap_or(match options.metric {
        Metric::Nominal => KappaWeights::Unweighted,
        _ => KappaWeights::Quadratic,
    });
    let context = Context {
        options,
        weights: two_raters.then_some(weights),
        raters: ratings.raters().len(),
        lang,
    };
    let per_criterion: Vec<Values> = (0..grid.criterion_count())
        .map(|c| Values::of(grid, ratings, c, options.metric))
        .collect();
    let criteria = grid
        .criteria()
        .map(|(c, criterion)| ScopeAgreement {
            id: criterion.full_id.clone(),
            title: criterion.title.get(lang).to_owned(),
            agreement: context.agreement(&per_criterion[c]),
        })
        .collect();
    let axes = grid
        .axes
        .iter()
        .enumerate()
        .map(|(a, axis)| {
            let pooled = Values::pool(
                (0..grid.criterion_count())
                    .filter(|&c| grid.axis_of(c) == a)
                    .map(|c| &per_criterion[c]),
            );
            ScopeAgreement {
                id: axis.id.clone(),
                title: axis.title.get(lang).to_owned(),
                agreement: context.agreement(&pooled),
            }
        })
        .collect();
    let overall = context.agreement(&Values::pool(per_criterion.iter()));
    AgreementReport {
        grid: format!("{} {}", grid.id, grid.version),
        metric: options.metric,
        kappa_weights: context.weights,
        bootstrap: (options.resamples > 0).then_some(BootstrapSettings {
            resamples: options.resamples,
            seed: options.seed,
        }),
        raters: ratings.raters().to_vec(),
        initiatives: ratings.unit_count(),
        overall,
        axes,
        criteria,
    }
}

/// The values of one set of units: per unit, the values present, and the
/// pairs of the two raters (when there are two) where both are present.
#[derive(Debug, Clone, Default)]
struct Values {
    units: Vec<Vec<f64>>,
    pairs: Vec<(f64, f64)>,
}

impl Values {
    fn of(grid: &Grid, ratings: &Ratings, criterion: usize, metric: Metric) -> Self {
        let scale = grid.scale_of(criterion);
        let value = |p: u8| match metric {
            Metric::Interval => scale.value(usize::from(p)),
            Metric::Ordinal | Metric::Nominal => f64::from(p),
        };
        let mut values = Values::default();
        for levels in ratings.levels(criterion) {
            if let [Some(a), Some(b)] = levels[..] {
                values.pairs.push((value(a), value(b)));
            }
            values
                .units
                .push(levels.iter().flatten().map(|&p| value(p)).collect());
        }
        values
    }

    fn pool<'a>(parts: impl Iterator<Item = &'a Values>) -> Self {
        let mut pooled = Values::default();
        for part in parts {
            pooled.units.extend(part.units.iter().cloned());
            pooled.pairs.extend(part.pairs.iter().copied());
        }
        pooled
    }
}

struct Context<'a> {
    options: &'a Options,
    weights: Option<KappaWeights>,
    raters: usize,
    lang: &'a str,
}

impl Context<'_> {
    fn agreement(&self, values: &Values) -> Agreement {
        let coincidences = Coincidences::new(&values.units);
        let units = coincidences.units.len();
        let pairable = values
            .units
            .iter()
            .filter(|u| u.len() >= 2)
            .map(Vec::len)
            .sum();
        let parts = krippendorff::alpha(
            &coincidences.matrix(None),
            &coincidences.domain,
            self.options.metric,
        );
        let undefined = if self.raters < 2 {
            Some(Undefined::OneRater)
        } else if units == 0 {
            Some(Undefined::NoPairableValues)
        } else if units == 1 {
            Some(Undefined::OneUnit)
        } else if parts.alpha.is_none() {
            Some(Undefined::NoVariation)
        } else {
            None
        };
        let alpha = parts.alpha.filter(|_| undefined.is_none());
        let interval = alpha.and_then(|_| {
            bootstrap::interval(
                &coincidences,
                self.options.metric,
                self.options.resamples,
                self.options.seed,
            )
        });
        let reliability = alpha.map(Reliability::of);
        let words = Language::of_text(self.lang).agreement();
        let note = match (reliability, undefined) {
            (Some(r), _) => words.flag(r).to_owned(),
            (None, Some(u)) => words.undefined_text(u).to_owned(),
            (None, None) => String::new(),
        };
        Agreement {
            units,
            pairable,
            alpha,
            interval,
            kappa: self.weights.and_then(|w| kappa::kappa(&values.pairs, w)),
            observed_agreement: (pairable > 0).then_some(parts.observed_agreement),
            reliability,
            undefined,
            note,
        }
    }
}

#[cfg(test)]
mod tests;
