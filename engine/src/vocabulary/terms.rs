//! DOMINO's terms: the kinds of findings, the phases of public action, the states of an
//! answer. One wording per term, the programme's own in French.

use super::Language;
use crate::grid::{FindingKind, Phase};
use crate::report::Consolidation;
use crate::rules::AnswerState;

impl Language {
    /// The heading of a kind of finding: pépites, opportunités, points de vigilance, points à
    /// débattre.
    pub fn kind(self, kind: FindingKind) -> &'static str {
        match (self, kind) {
            (Language::Fr, FindingKind::Pepite) => "Pépites",
            (Language::Fr, FindingKind::Opportunite) => "Opportunités",
            (Language::Fr, FindingKind::Vigilance) => "Points de vigilance",
            (Language::Fr, FindingKind::Debat) => "Points à débattre",
            (Language::En, FindingKind::Pepite) => "Nuggets",
            (Language::En, FindingKind::Opportunite) => "Opportunities",
            (Language::En, FindingKind::Vigilance) => "Points of vigilance",
            (Language::En, FindingKind::Debat) => "Points to debate",
        }
    }

    /// The heading of a phase of public action: déclencher, accompagner, pérenniser.
    pub fn phase(self, phase: Phase) -> &'static str {
        match (self, phase) {
            (Language::Fr, Phase::Declencher) => "Déclencher",
            (Language::Fr, Phase::Accompagner) => "Accompagner",
            (Language::Fr, Phase::Perenniser) => "Pérenniser",
            (Language::En, Phase::Declencher) => "Trigger",
            (Language::En, Phase::Accompagner) => "Support",
            (Language::En, Phase::Perenniser) => "Sustain",
        }
    }

    /// A criterion's state in words, shown where it has no level.
    pub fn state(self, state: AnswerState) -> &'static str {
        match (self, state) {
            (Language::Fr, AnswerState::Answered) => "renseigné",
            (Language::Fr, AnswerState::NotApplicable) => "sans objet",
            (Language::Fr, AnswerState::Unknown) => "ne sait pas",
            (Language::Fr, AnswerState::Unanswered) => "sans réponse",
            (Language::Fr, AnswerState::NotRelevant) => "non pertinent",
            (Language::En, AnswerState::Answered) => "answered",
            (Language::En, AnswerState::NotApplicable) => "not applicable",
            (Language::En, AnswerState::Unknown) => "unknown",
            (Language::En, AnswerState::Unanswered) => "unanswered",
            (Language::En, AnswerState::NotRelevant) => "not relevant",
        }
    }

    /// How a level given by several raters was reached, shown beside it: the group's
    /// agreement (a consensus) or the raters' median.
    pub fn consolidation(self, how: Consolidation) -> &'static str {
        match (self, how) {
            (Language::Fr, Consolidation::Consensus) => "accord du groupe",
            (Language::Fr, Consolidation::Median) => "médiane des évaluateurs",
            (Language::En, Consolidation::Consensus) => "agreed by the group",
            (Language::En, Consolidation::Median) => "median of the raters",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_term_has_its_own_words_in_each_language() {
        for l in Language::ALL {
            let kinds: Vec<&str> = FindingKind::ALL.map(|k| l.kind(k)).to_vec();
            let phases: Vec<&str> = Phase::ALL.map(|p| l.phase(p)).to_vec();
            let states: Vec<&str> = AnswerState::ALL.map(|s| l.state(s)).to_vec();
            for words in [kinds, phases, states] {
                let mut unique = words.clone();
                unique.sort_unstable();
                unique.dedup();
                assert_eq!(unique.len(), words.len(), "{l}: {words:?}");
            }
        }
    }

    #[test]
    fn the_french_terms_are_domino_s() {
        let kinds = FindingKind::ALL.map(|k| Language::Fr.kind(k));
        assert_eq!(
            kinds,
            [
                "Pépites",
                "Opportunités",
                "Points de vigilance",
                "Points à débattre"
            ]
        );
    }
}
