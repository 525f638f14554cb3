//! The words of comparisons (two assessments, two batches), one table per language.

use super::Language;
use crate::compare::AnswerChange;
use crate::grid::FindingKind;

/// The words of comparison tables.
#[derive(Debug)]
pub struct ComparisonLabels {
    /// Title of a comparison of two assessments.
    pub title: &'static str,
    /// Title of a comparison of two batches.
    pub batch_title: &'static str,
    /// Grid.
    pub grid: &'static str,
    /// The old side.
    pub before: &'static str,
    /// The new side.
    pub after: &'static str,
    /// Change column (a figure).
    pub change: &'static str,
    /// How a criterion's answer changed (words).
    pub evolution: &'static str,
    /// Overall score.
    pub overall: &'static str,
    /// Axis column.
    pub axis: &'static str,
    /// Coverage.
    pub coverage: &'static str,
    /// Criterion column.
    pub criterion: &'static str,
    /// Target.
    pub target: &'static str,
    /// Heading of the criteria that changed.
    pub criteria_changed: &'static str,
    /// How many criteria did not change (`{n}`).
    pub criteria_unchanged: &'static str,
    /// No criterion changed.
    pub no_criterion_changed: &'static str,
    /// Findings that appeared.
    pub appeared: &'static str,
    /// Findings resolved.
    pub resolved: &'static str,
    /// Findings that persist.
    pub persisting: &'static str,
    /// An empty list.
    pub none: &'static str,
    /// Note on an axis whose criteria differ between two grid versions.
    pub other_criteria: &'static str,
    /// Heading of what only one grid version has.
    pub not_comparable: &'static str,
    /// Axes only in the old version.
    pub axes_only_old: &'static str,
    /// Axes only in the new version.
    pub axes_only_new: &'static str,
    /// Criteria only in the old version.
    pub criteria_only_old: &'static str,
    /// Criteria only in the new version.
    pub criteria_only_new: &'static str,
    /// Initiatives in both batches.
    pub matched: &'static str,
    /// Initiatives only in the old batch.
    pub only_in_old: &'static str,
    /// Initiatives only in the new batch.
    pub only_in_new: &'static str,
    /// Heading of the per-initiative changes.
    pub initiatives: &'static str,
    /// Heading of the summary by group.
    pub by_group: &'static str,
    /// The line of all initiatives.
    pub all: &'static str,
    /// A group value left empty.
    pub empty_value: &'static str,
    /// Kinds of findings, in [`FindingKind::ALL`] order (singular).
    pub kinds: [&'static str; 4],
    /// Answer changes, in the order of [`ComparisonLabels::change`].
    pub changes: [&'static str; 9],
}

const FR: ComparisonLabels = ComparisonLabels {
    title: "Comparaison",
    batch_title: "Comparaison de deux lots",
    grid: "Grille",
    before: "Avant",
    after: "Après",
    change: "Écart",
    evolution: "Évolution",
    overall: "Score global",
    axis: "Axe",
    coverage: "Couverture",
    criterion: "Critère",
    target: "cible",
    criteria_changed: "Critères qui ont changé",
    criteria_unchanged: "Critères sans changement\u{a0}: {n}.",
    no_criterion_changed: "Aucun critère n’a changé.",
    appeared: "Constats apparus",
    resolved: "Constats résolus",
    persisting: "Constats toujours présents",
    none: "aucun",
    other_criteria: "critères différents d’une version à l’autre",
    not_comparable: "Non comparables (deux versions de la grille)",
    axes_only_old: "axes seulement avant",
    axes_only_new: "axes seulement après",
    criteria_only_old: "critères seulement avant",
    criteria_only_new: "critères seulement après",
    matched: "Initiatives comparées",
    only_in_old: "Seulement avant",
    only_in_new: "Seulement après",
    initiatives: "Par initiative",
    by_group: "Par groupe",
    all: "Ensemble",
    empty_value: "(non renseigné)",
    kinds: [
        "pépite",
        "opportunité",
        "point de vigilance",
        "point à débattre",
    ],
    changes: [
        "inchangé",
        "en hausse",
        "en baisse",
        "autre niveau",
        "nouvelle réponse",
        "réponse disparue",
        "devenu sans objet",
        "devenu «\u{a0}ne sait pas\u{a0}»",
        "état changé",
    ],
};

const EN: ComparisonLabels = ComparisonLabels {
    title: "Comparison",
    batch_title: "Comparison of two batches",
    grid: "Grid",
    before: "Before",
    after: "After",
    change: "Change",
    evolution: "What changed",
    overall: "Overall score",
    axis: "Axis",
    coverage: "Coverage",
    criterion: "Criterion",
    target: "target",
    criteria_changed: "Criteria that changed",
    criteria_unchanged: "Criteria unchanged: {n}.",
    no_criterion_changed: "No criterion changed.",
    appeared: "Findings that appeared",
    resolved: "Findings resolved",
    persisting: "Findings still present",
    none: "none",
    other_criteria: "other criteria from one version to the other",
    not_comparable: "Not comparable (two versions of the grid)",
    axes_only_old: "axes only before",
    axes_only_new: "axes only after",
    criteria_only_old: "criteria only before",
    criteria_only_new: "criteria only after",
    matched: "Initiatives compared",
    only_in_old: "Only before",
    only_in_new: "Only after",
    initiatives: "By initiative",
    by_group: "By group",
    all: "All",
    empty_value: "(not given)",
    kinds: [
        "nugget",
        "opportunity",
        "point of vigilance",
        "point to debate",
    ],
    changes: [
        "unchanged",
        "raised",
        "lowered",
        "another level",
        "newly answered",
        "answer gone",
        "now not applicable",
        "now unknown",
        "state changed",
    ],
};

impl Language {
    /// The words of comparison tables in this language.
    pub fn comparison(self) -> &'static ComparisonLabels {
        self.choose(&FR, &EN)
    }
}

impl ComparisonLabels {
    /// The singular name of a kind of finding.
    pub fn kind(&self, kind: FindingKind) -> &'static str {
        self.kinds[kind as usize]
    }

    /// The words of an answer change.
    pub fn change(&self, change: AnswerChange) -> &'static str {
        self.changes[change as usize]
    }
}
