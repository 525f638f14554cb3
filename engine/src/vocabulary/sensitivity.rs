//! The words of a sensitivity analysis: headings, columns, settings, and why
//! a figure is missing, one table per language.

use super::Language;
use crate::sensitivity::{Aggregation, Insufficient, Undefined};

/// The texts of a sensitivity analysis in one language.
#[derive(Debug, Clone, Copy)]
pub struct SensitivityLabels {
    /// Heading of the report.
    pub title: &'static str,
    /// "Aggregation".
    pub aggregation: &'static str,
    /// The aggregations: mean, geometric.
    pub aggregations: [&'static str; 2],
    /// "Initiatives ranked".
    pub ranked: &'static str,
    /// Between the ranked count and the total ("12 of 15").
    pub of: &'static str,
    /// "Rules reading a score or a coverage": those evaluated again in each run.
    pub weighted_rules: &'static str,
    /// When no rule depends on the weights.
    pub no_weighted_rule: &'static str,
    /// Columns of the initiatives' table.
    pub initiative: &'static str,
    /// Column: the nominal rank.
    pub nominal_rank: &'static str,
    /// Column: the median rank.
    pub median_rank: &'static str,
    /// Column: the 5th–95th percentile range.
    pub range: &'static str,
    /// Column: the share of runs in which findings changed.
    pub findings_changed: &'static str,
    /// "The first {n} initiatives by median rank; …", around the figure.
    pub top: [&'static str; 2],
    /// Section: initiatives not ranked.
    pub unranked: &'static str,
    /// Section: the geometric against the nominal ranking.
    pub aggregation_shift: &'static str,
    /// Section: leave-one-out.
    pub leave_one_out: &'static str,
    /// Column: criterion.
    pub criterion: &'static str,
    /// Column: weight.
    pub weight: &'static str,
    /// Column: mean absolute rank shift.
    pub mean_shift: &'static str,
    /// Column: largest absolute rank shift.
    pub max_shift: &'static str,
    /// Column: Spearman's ρ.
    pub spearman: &'static str,
    /// Column: initiatives compared.
    pub compared: &'static str,
    /// Why the analysis says little: nothing ranked, one initiative, no variation.
    pub insufficient: [&'static str; 3],
    /// Why a rank shift has no figure: too few initiatives, no variation.
    pub undefined: [&'static str; 2],
    /// How to read the figures.
    pub reading: &'static str,
}

const FR: SensitivityLabels = SensitivityLabels {
    title: "Sensibilité du classement",
    aggregation: "Agrégation",
    aggregations: [
        "moyenne arithmétique pondérée (celle de la grille)",
        "moyenne géométrique pondérée (valeurs lues de 1 à 100)",
    ],
    ranked: "Initiatives classées",
    of: " sur ",
    weighted_rules: "Règles lisant un score ou une couverture (réévaluées à chaque tirage)",
    no_weighted_rule: "aucune (les constats ne peuvent pas changer)",
    initiative: "Initiative",
    nominal_rank: "Rang nominal",
    median_rank: "Rang médian",
    range: "Rangs 5–95\u{a0}%",
    findings_changed: "Constats changés",
    top: [
        "Les ",
        " premières initiatives par rang médian\u{a0}; les sorties CSV et JSON les donnent toutes.",
    ],
    unranked: "Non classées (aucun score)",
    aggregation_shift: "Moyenne géométrique et classement nominal",
    leave_one_out: "Sans chaque critère",
    criterion: "Critère",
    weight: "Poids",
    mean_shift: "Écart moyen de rang",
    max_shift: "Écart maximal",
    spearman: "ρ de Spearman",
    compared: "Initiatives comparées",
    insufficient: [
        "données insuffisantes\u{a0}: aucune initiative n’a de score (tout est sans objet, inconnu ou sans réponse)",
        "données insuffisantes\u{a0}: une seule initiative est classée, première à chaque tirage",
        "données insuffisantes\u{a0}: toutes les initiatives classées ont les mêmes réponses et sont ex aequo à chaque tirage",
    ],
    undefined: [
        "moins de deux initiatives classées dans les deux cas",
        "aucune variation",
    ],
    reading: "Rang 1\u{a0}: le score composite le plus élevé\u{a0}; les ex aequo partagent le meilleur rang. Rangs 5–95\u{a0}%\u{a0}: percentiles des rangs sur les tirages. Constats changés\u{a0}: part des tirages où les règles qui lisent un score ne donnent pas les mêmes constats qu’avec les poids de la grille.",
};

const EN: SensitivityLabels = SensitivityLabels {
    title: "Sensitivity of the ranking",
    aggregation: "Aggregation",
    aggregations: [
        "weighted arithmetic mean (the grid's)",
        "weighted geometric mean (values read from 1 to 100)",
    ],
    ranked: "Initiatives ranked",
    of: " of ",
    weighted_rules: "Rules reading a score or a coverage (evaluated again in each run)",
    no_weighted_rule: "none (findings cannot change)",
    initiative: "Initiative",
    nominal_rank: "Nominal rank",
    median_rank: "Median rank",
    range: "Ranks 5–95%",
    findings_changed: "Findings changed",
    top: [
        "The first ",
        " initiatives by median rank; the CSV and JSON outputs give them all.",
    ],
    unranked: "Not ranked (no score)",
    aggregation_shift: "Geometric mean and nominal ranking",
    leave_one_out: "Leaving each criterion out",
    criterion: "Criterion",
    weight: "Weight",
    mean_shift: "Mean rank shift",
    max_shift: "Largest shift",
    spearman: "Spearman's ρ",
    compared: "Initiatives compared",
    insufficient: [
        "too little data: no initiative has a score (everything is not applicable, unknown or unanswered)",
        "too little data: a single initiative is ranked, first in every run",
        "too little data: every ranked initiative has the same answers and they tie in every run",
    ],
    undefined: [
        "fewer than two initiatives ranked in both",
        "no variation",
    ],
    reading: "Rank 1: the highest composite score; ties share the best rank. Ranks 5–95%: percentiles of the ranks over the runs. Findings changed: share of runs in which the rules that read a score do not give the same findings as with the grid's weights.",
};

impl Language {
    /// The words of sensitivity analyses in this language.
    pub fn sensitivity(self) -> &'static SensitivityLabels {
        self.choose(&FR, &EN)
    }
}

impl SensitivityLabels {
    /// The name of an aggregation.
    pub fn aggregation_name(&self, a: Aggregation) -> &'static str {
        self.aggregations[a as usize]
    }

    /// Why the analysis says little, in words.
    pub fn insufficient_text(&self, i: Insufficient) -> &'static str {
        self.insufficient[i as usize]
    }

    /// Why a rank shift has no figure, in words.
    pub fn undefined_text(&self, u: Undefined) -> &'static str {
        self.undefined[u as usize]
    }
}

impl Language {
    /// "Monte Carlo: 1000 runs, weights ±25%, seed 7".
    pub fn monte_carlo(self, runs: u32, spread: f64, seed: u64) -> String {
        let percent = spread * 100.0;
        let percent = self.number(percent, usize::from(percent.fract() != 0.0));
        match self {
            Language::Fr => {
                format!("Monte Carlo\u{a0}: {runs} tirages, poids ±{percent}\u{a0}%, graine {seed}")
            }
            Language::En => format!("Monte Carlo: {runs} runs, weights ±{percent}%, seed {seed}"),
        }
    }
}
