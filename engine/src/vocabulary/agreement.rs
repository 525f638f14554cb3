//! The words of an agreement report between raters: column headings, the
//! reliability flags and why a figure is missing, one table per language.

use super::Language;
use crate::agreement::{Reliability, Undefined};

/// The texts of an agreement report in one language.
#[derive(Debug, Clone, Copy)]
pub struct AgreementLabels {
    /// Heading of the report.
    pub title: &'static str,
    /// "Raters".
    pub raters: &'static str,
    /// "Initiatives".
    pub initiatives: &'static str,
    /// Heading of the first column: what the row is about.
    pub scope: &'static str,
    /// Row of every criterion pooled.
    pub overall: &'static str,
    /// Section of the axes.
    pub axes: &'static str,
    /// Section of the criteria.
    pub criteria: &'static str,
    /// Column: units holding at least two values.
    pub units: &'static str,
    /// Column: pairable values.
    pub pairable: &'static str,
    /// Column: Krippendorff's alpha.
    pub alpha: &'static str,
    /// Column: the bootstrap interval.
    pub interval: &'static str,
    /// Column: Cohen's kappa.
    pub kappa: &'static str,
    /// Column: raw agreement.
    pub agreement: &'static str,
    /// Column: the reliability flag or why alpha is missing.
    pub reading: &'static str,
    /// "Metric".
    pub metric: &'static str,
    /// Names of the metrics: ordinal, interval, nominal.
    pub metrics: [&'static str; 3],
    /// Names of kappa's weights: quadratic, linear, unweighted.
    pub weights: [&'static str; 3],
    /// "bootstrap: {n} resamples of the units, seed {s}", as two parts around the figures.
    pub bootstrap: [&'static str; 3],
    /// The reliability flags: reliable, tentative, unreliable.
    pub flags: [&'static str; 3],
    /// Why alpha is missing: one rater, no pairable value, one unit, no variation.
    pub undefined: [&'static str; 4],
    /// The sentence explaining the thresholds.
    pub thresholds: &'static str,
}

const FR: AgreementLabels = AgreementLabels {
    title: "Accord entre évaluateurs",
    raters: "Évaluateurs",
    initiatives: "Initiatives",
    scope: "Portée",
    overall: "Ensemble des critères",
    axes: "Axes",
    criteria: "Critères",
    units: "Unités",
    pairable: "Valeurs appariables",
    alpha: "α de Krippendorff",
    interval: "IC à 95\u{a0}%",
    kappa: "κ de Cohen",
    agreement: "Accord brut",
    reading: "Lecture",
    metric: "Métrique",
    metrics: ["ordinale", "intervalle", "nominale"],
    weights: ["pondération quadratique", "pondération linéaire", "sans pondération"],
    bootstrap: ["Bootstrap\u{a0}: ", " rééchantillonnages des unités, graine ", ""],
    flags: ["fiable", "provisoire", "insuffisant"],
    undefined: [
        "données insuffisantes\u{a0}: un seul évaluateur",
        "données insuffisantes\u{a0}: aucune unité notée par deux évaluateurs",
        "données insuffisantes\u{a0}: une seule unité notée par deux évaluateurs",
        "données insuffisantes\u{a0}: toutes les valeurs sont identiques",
    ],
    thresholds: "α\u{a0}≥\u{a0}0,800\u{a0}: fiable\u{a0}; 0,667\u{a0}≤\u{a0}α\u{a0}<\u{a0}0,800\u{a0}: conclusions provisoires seulement\u{a0}; α\u{a0}<\u{a0}0,667\u{a0}: insuffisant (Krippendorff, 2004).",
};

const EN: AgreementLabels = AgreementLabels {
    title: "Agreement between raters",
    raters: "Raters",
    initiatives: "Initiatives",
    scope: "Scope",
    overall: "All criteria",
    axes: "Axes",
    criteria: "Criteria",
    units: "Units",
    pairable: "Pairable values",
    alpha: "Krippendorff's α",
    interval: "95% CI",
    kappa: "Cohen's κ",
    agreement: "Raw agreement",
    reading: "Reading",
    metric: "Metric",
    metrics: ["ordinal", "interval", "nominal"],
    weights: ["quadratic weights", "linear weights", "unweighted"],
    bootstrap: ["Bootstrap: ", " resamples of the units, seed ", ""],
    flags: ["reliable", "tentative", "unreliable"],
    undefined: [
        "too little data: a single rater",
        "too little data: no unit rated by two raters",
        "too little data: a single unit rated by two raters",
        "too little data: every value is the same",
    ],
    thresholds: "α ≥ 0.800: reliable; 0.667 ≤ α < 0.800: tentative conclusions only; α < 0.667: unreliable (Krippendorff, 2004).",
};

impl Language {
    /// The words of agreement reports in this language.
    pub fn agreement(self) -> &'static AgreementLabels {
        self.choose(&FR, &EN)
    }
}

impl AgreementLabels {
    /// The flag of a reliability.
    pub fn flag(&self, r: Reliability) -> &'static str {
        self.flags[r as usize]
    }

    /// Why alpha is missing, in words.
    pub fn undefined_text(&self, u: Undefined) -> &'static str {
        self.undefined[u as usize]
    }
}
