//! The words of the divergence table and of recording a consensus, one table per
//! language: what the reveal and consensus screens and the divergence text table read.

use super::Language;
use crate::divergence::{DivergenceRow, Standing};

/// The words of the divergence table and of the consensus form.
#[derive(Debug)]
pub struct DivergenceLabels {
    /// Heading of the table.
    pub title: &'static str,
    /// Criterion column.
    pub criterion: &'static str,
    /// Axis of a criterion.
    pub axis: &'static str,
    /// Column: steps between the highest and the lowest rater.
    pub spread: &'static str,
    /// Column: agreed, to debate or close.
    pub standing: &'static str,
    /// The group agreed a level (lowercase).
    pub agreed: &'static str,
    /// A point to debate (lowercase).
    pub to_debate: &'static str,
    /// Raters close enough (lowercase).
    pub close: &'static str,
    /// Raters disagree on whether it applies (lowercase).
    pub applicability: &'static str,
    /// A rater who did not answer this criterion.
    pub not_answered: &'static str,
    /// What the highlight means, `{n}` the grid's `rater_gap`.
    pub gap_note: &'static str,
    /// Sort the criteria most disagreed on first.
    pub sort_by_disagreement: &'static str,
    /// Sort the criteria in the grid's order.
    pub sort_by_grid: &'static str,
    /// No criterion has been rated by several people yet.
    pub empty: &'static str,
    /// The level agreed by the group (a form field).
    pub agreed_level: &'static str,
    /// The note saying why (a form field).
    pub note: &'static str,
    /// Record the agreed level.
    pub record: &'static str,
    /// Leave the criterion as a point to debate (remove the agreed level).
    pub leave_to_debate: &'static str,
    /// No level agreed yet (the empty choice).
    pub no_agreement: &'static str,
}

const FR: DivergenceLabels = DivergenceLabels {
    title: "Écarts entre évaluateurs",
    criterion: "Critère",
    axis: "Axe",
    spread: "Écart",
    standing: "Où en est-on",
    agreed: "accord du groupe",
    to_debate: "à débattre",
    close: "avis proches",
    applicability: "s’applique-t-il\u{a0}?",
    not_answered: "sans réponse",
    gap_note: "En évidence\u{a0}: évaluateurs à {n}\u{a0}niveaux ou plus d’écart, point à débattre tant que le groupe ne s’est pas accordé.",
    sort_by_disagreement: "Les plus grands écarts d’abord",
    sort_by_grid: "Dans l’ordre de la grille",
    empty: "Aucun critère n’a encore été noté par plusieurs personnes.",
    agreed_level: "Niveau retenu par le groupe",
    note: "Pourquoi ce niveau",
    record: "Enregistrer l’accord",
    leave_to_debate: "Laisser à débattre",
    no_agreement: "pas d’accord pour l’instant",
};

const EN: DivergenceLabels = DivergenceLabels {
    title: "Differences between raters",
    criterion: "Criterion",
    axis: "Axis",
    spread: "Spread",
    standing: "Where it stands",
    agreed: "agreed by the group",
    to_debate: "to debate",
    close: "close views",
    applicability: "does it apply?",
    not_answered: "not answered",
    gap_note:
        "Highlighted: raters {n} or more levels apart, a point to debate until the group agrees.",
    sort_by_disagreement: "Largest differences first",
    sort_by_grid: "In the grid's order",
    empty: "No criterion has been rated by several people yet.",
    agreed_level: "Level agreed by the group",
    note: "Why this level",
    record: "Record the agreement",
    leave_to_debate: "Leave to debate",
    no_agreement: "no agreement yet",
};

impl Language {
    /// The words of the divergence table and consensus form in this language.
    pub fn divergence(self) -> &'static DivergenceLabels {
        self.choose(&FR, &EN)
    }
}

impl DivergenceLabels {
    /// [`DivergenceLabels::gap_note`] for a grid's `rater_gap`.
    pub fn gap_note_for(&self, rater_gap: u32) -> String {
        self.gap_note.replace("{n}", &rater_gap.to_string())
    }

    /// Where a row stands, in words: `accord du groupe (3)`, `à débattre`, `avis proches`.
    pub fn standing_of(&self, row: &DivergenceRow) -> String {
        match row.standing {
            Standing::Agreed => match &row.consensus {
                Some(level) => format!("{} ({})", self.agreed, level.code),
                None => self.agreed.to_owned(),
            },
            Standing::ToDebate if row.applicability_dispute && !row.exceeds_gap => {
                format!("{} — {}", self.to_debate, self.applicability)
            }
            Standing::ToDebate => self.to_debate.to_owned(),
            Standing::Close => self.close.to_owned(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_gap_note_names_the_grid_s_gap_in_each_language() {
        assert_eq!(
            Language::Fr.divergence().gap_note_for(2),
            "En évidence\u{a0}: évaluateurs à 2\u{a0}niveaux ou plus d’écart, point à débattre tant que le groupe ne s’est pas accordé."
        );
        assert!(Language::En
            .divergence()
            .gap_note_for(3)
            .contains("raters 3 or more"));
    }
}
