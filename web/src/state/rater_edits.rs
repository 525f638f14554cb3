//! Correcting the list of raters of an assessment: a rater renamed (a typo, a role given
//! later) or removed (someone who left the table). A rater is recorded twice in the
//! assessment file — in `assessment.raters` and as a key of each answer's `by` — and the
//! engine refuses a `by` key that is not listed, so both change together, in one action.

use super::{Model, Tone};
use crate::engine_bridge::Rendered;
use crate::i18n::{Lang, Pick};
use crate::state::rater_key;
use domino_engine::Answer;

impl Model {
    /// How many levels `rater` has given in the active assessment: what removing them
    /// deletes.
    pub fn levels_of(&self, rater: &str) -> usize {
        self.active_entry().map_or(0, |e| {
            let answers = e.assessment.answers.values();
            answers.filter(|a| a.by.contains_key(rater)).count()
        })
    }

    /// Refuses a blank rater name with a notice; true when refused.
    pub(super) fn refuse_blank_name(&mut self, name: &str) -> bool {
        if !name.trim().is_empty() {
            return false;
        }
        let text = self
            .lang
            .pick("Donnez le nom de l’évaluateur.", "Give the rater's name.");
        self.notify(Tone::Problem, text.into(), Rendered::default());
        true
    }

    /// Renames `from` to the key of `name` and `role` in the rater list and in every
    /// answer; the rater answering now stays the one answering. Refused with a notice when
    /// the name is blank or another rater already has the new key.
    pub(super) fn rename_rater(&mut self, from: &str, name: &str, role: &str) -> bool {
        let lang = self.lang;
        if self.refuse_blank_name(name) {
            return false;
        }
        let to = rater_key(name, role, lang);
        let was_current = self.current_rater() == Some(from);
        let Some(entry) = self.active_mut() else {
            return false;
        };
        let raters = &mut entry.assessment.meta.raters;
        let Some(at) = raters.iter().position(|r| r == from) else {
            return false;
        };
        if to == from {
            return false;
        }
        if raters.contains(&to) {
            let text = lang.labelled(
                lang.pick(
                    "Un autre évaluateur porte déjà ce nom",
                    "Another rater already has this name",
                ),
                &to,
            );
            self.notify(Tone::Problem, text, Rendered::default());
            return false;
        }
        raters[at].clone_from(&to);
        for answer in entry.assessment.answers.values_mut() {
            if let Some(level) = answer.by.remove(from) {
                answer.by.insert(to.clone(), level);
            }
        }
        if was_current {
            entry.rater = Some(to);
        }
        true
    }

    /// Removes `rater` from the rater list and their levels from every answer; the
    /// group's agreed levels, targets and notes stay. When they were answering, the next
    /// rater in the list answers. Without raters left, the assessment has single answers
    /// again: the agreed levels.
    pub(super) fn remove_rater(&mut self, rater: &str) -> bool {
        let was_current = self.current_rater() == Some(rater);
        let Some(entry) = self.active_mut() else {
            return false;
        };
        let a = &mut entry.assessment;
        let Some(at) = a.meta.raters.iter().position(|r| r == rater) else {
            return false;
        };
        a.meta.raters.remove(at);
        for answer in a.answers.values_mut() {
            answer.by.remove(rater);
        }
        a.answers.retain(|_, answer| !is_blank(answer));
        if was_current {
            // Past the end of the list, the first rater answers (see `current_rater`).
            entry.rater = a.meta.raters.get(at).cloned();
        }
        true
    }
}

/// True when an answer records nothing (and is dropped from the file).
pub(super) fn is_blank(answer: &Answer) -> bool {
    answer.level.is_none() && answer.is_short()
}

/// The confirmation asked before removing a rater, saying how many of their levels go
/// and what stays: `Retirer Anne (élu·e) ? 3 niveaux donnés par cet évaluateur seront
/// effacés ; …` (with the non-breaking spaces of French typography).
pub fn removal_question(lang: Lang, rater: &str, levels: usize) -> String {
    let question = lang.question(&format!("{} {rater}", lang.pick("Retirer", "Remove")));
    let deleted = match (levels, lang) {
        (0, _) => lang
            .pick(
                "Cet évaluateur n’a donné aucun niveau",
                "This rater has given no level",
            )
            .to_owned(),
        (1, Lang::Fr) => "1 niveau donné par cet évaluateur sera effacé".to_owned(),
        (1, Lang::En) => "1 level given by this rater will be deleted".to_owned(),
        (n, Lang::Fr) => format!("{n} niveaux donnés par cet évaluateur seront effacés"),
        (n, Lang::En) => format!("{n} levels given by this rater will be deleted"),
    };
    let kept = lang.pick(
        "les niveaux convenus par le groupe et les notes sont conservés.",
        "the levels the group agreed on and the notes are kept.",
    );
    format!("{question} {deleted}{}{kept}", lang.semicolon())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine_bridge;
    use crate::route::Route;
    use crate::state::Action;
    use domino_engine::divergence::Divergence;
    use domino_engine::Assessment;

    const ACCUEIL: &str = "collectif.accueil";
    const CONTRIBUTION: &str = "collectif.contribution";
    const ANNE: &str = "Anne (élu·e)";
    const KARIM: &str = "Karim (habitant·e)";

    /// Anne gives 4 and Karim 1 on the welcome criterion, on which the group agreed on 3
    /// with a note; Karim alone answers a second criterion. Karim answers now.
    fn two_raters_and_a_consensus() -> Model {
        let mut m = Model::new(engine_bridge::builtin(), Lang::Fr, Route::default());
        m.apply(Action::New);
        m.apply(Action::AddRater("Anne".into(), "elu".into()));
        m.apply(Action::SetLevel(ACCUEIL.into(), Some("4".into())));
        m.apply(Action::AddRater("Karim".into(), "habitant".into()));
        m.apply(Action::SetLevel(ACCUEIL.into(), Some("1".into())));
        m.apply(Action::SetLevel(CONTRIBUTION.into(), Some("2".into())));
        m.apply(Action::Agree(
            ACCUEIL.into(),
            "3".into(),
            "Accueil réel.".into(),
        ));
        m
    }

    fn assessment(m: &Model) -> &Assessment {
        &m.active_entry().unwrap().assessment
    }

    /// The assessment as the CLI would read it back from the exported file.
    fn read_back(m: &Model) -> Assessment {
        let back = Assessment::from_toml(&assessment(m).to_toml()).expect("the file reads");
        m.builtin.score(&back, "fr").expect("the file scores");
        back
    }

    #[test]
    fn a_renamed_rater_is_renamed_in_the_list_and_in_every_answer_and_still_answers() {
        let mut m = two_raters_and_a_consensus();
        assert!(m.apply(Action::RenameRater(
            KARIM.into(),
            "Karim B.".into(),
            "membre".into()
        )));
        let a = read_back(&m);
        assert_eq!(a.meta.raters, [ANNE, "Karim B. (membre)"]);
        assert_eq!(a.answers[ACCUEIL].by["Karim B. (membre)"], "1");
        assert_eq!(a.answers[CONTRIBUTION].by["Karim B. (membre)"], "2");
        assert!(a.answers.values().all(|x| !x.by.contains_key(KARIM)));
        assert_eq!(a.answers[ACCUEIL].level.as_deref(), Some("3"));
        assert_eq!(m.current_rater(), Some("Karim B. (membre)"));
        let report = m.scored(|| 0.0).unwrap().report.as_ref().unwrap();
        let d = Divergence::of_report(&m.builtin, report);
        assert_eq!(
            d.raters,
            [ANNE, "Karim B. (membre)"],
            "the divergence view follows"
        );
    }

    #[test]
    fn renaming_a_rater_who_is_not_answering_leaves_the_one_answering() {
        let mut m = two_raters_and_a_consensus();
        assert!(m.apply(Action::RenameRater(
            ANNE.into(),
            "Anne L.".into(),
            "elu".into()
        )));
        assert_eq!(m.current_rater(), Some(KARIM));
        assert_eq!(assessment(&m).answers[ACCUEIL].by["Anne L. (élu·e)"], "4");
    }

    #[test]
    fn a_rename_to_a_blank_name_or_to_another_raters_name_is_refused_with_a_notice() {
        let mut m = two_raters_and_a_consensus();
        let before = assessment(&m).clone();
        assert!(!m.apply(Action::RenameRater(KARIM.into(), " ".into(), "elu".into())));
        assert_eq!(
            m.notices.last().unwrap().text,
            "Donnez le nom de l’évaluateur."
        );
        assert!(!m.apply(Action::RenameRater(
            KARIM.into(),
            "Anne".into(),
            "elu".into()
        )));
        let notice = m.notices.last().unwrap();
        assert_eq!(notice.tone, Tone::Problem);
        assert_eq!(
            notice.text,
            "Un autre évaluateur porte déjà ce nom\u{a0}: Anne (élu·e)"
        );
        assert_eq!(assessment(&m), &before, "nothing changed");
        assert_eq!(m.current_rater(), Some(KARIM));
    }

    #[test]
    fn the_refusals_are_written_in_english_too() {
        let mut m = two_raters_and_a_consensus();
        m.lang = Lang::En;
        assert!(!m.apply(Action::RenameRater(
            KARIM.into(),
            "Anne".into(),
            "élu·e".into()
        )));
        assert_eq!(
            m.notices.last().unwrap().text,
            "Another rater already has this name: Anne (élu·e)"
        );
        assert!(!m.apply(Action::RenameRater(KARIM.into(), "".into(), "".into())));
        assert_eq!(m.notices.last().unwrap().text, "Give the rater's name.");
    }

    #[test]
    fn a_removed_rater_takes_their_levels_away_and_the_agreed_level_and_note_stay() {
        let mut m = two_raters_and_a_consensus();
        assert_eq!(m.levels_of(KARIM), 2);
        assert!(m.apply(Action::RemoveRater(KARIM.into())));
        let a = read_back(&m);
        assert_eq!(a.meta.raters, [ANNE]);
        assert_eq!(a.answers[ACCUEIL].by.keys().collect::<Vec<_>>(), [ANNE]);
        assert_eq!(a.answers[ACCUEIL].level.as_deref(), Some("3"));
        assert_eq!(
            a.answers[ACCUEIL].evidence.as_deref(),
            Some("Accueil réel.")
        );
        assert!(
            !a.answers.contains_key(CONTRIBUTION),
            "an answer left empty is dropped"
        );
        assert_eq!(m.current_rater(), Some(ANNE), "the next rater answers");
        assert_eq!(m.levels_of(KARIM), 0);
    }

    #[test]
    fn removing_the_rater_answering_hands_over_to_the_next_in_the_list() {
        let mut m = two_raters_and_a_consensus();
        m.apply(Action::AddRater("Lou".into(), String::new()));
        m.apply(Action::SelectRater(ANNE.into()));
        m.apply(Action::RemoveRater(ANNE.into()));
        assert_eq!(m.current_rater(), Some(KARIM));
        m.apply(Action::SelectRater("Lou".into()));
        m.apply(Action::RemoveRater("Lou".into()));
        assert_eq!(m.current_rater(), Some(KARIM), "past the end, the first");
    }

    #[test]
    fn removing_the_last_rater_returns_to_single_answers_keeping_the_agreed_levels() {
        let mut m = two_raters_and_a_consensus();
        m.apply(Action::RemoveRater(KARIM.into()));
        m.apply(Action::RemoveRater(ANNE.into()));
        let a = read_back(&m);
        assert!(a.meta.raters.is_empty());
        assert_eq!(m.current_rater(), None);
        assert_eq!(a.answers.len(), 1);
        assert_eq!(a.answers[ACCUEIL].level.as_deref(), Some("3"));
        assert!(a.answers[ACCUEIL].by.is_empty());
        assert_eq!(m.level_in_form(ACCUEIL).as_deref(), Some("3"));
        let report = m.builtin.score(&a, "fr").unwrap();
        assert_eq!(report.axes[0].criteria[0].consolidation, None);
    }

    #[test]
    fn an_unknown_rater_is_neither_renamed_nor_removed() {
        let mut m = two_raters_and_a_consensus();
        assert!(!m.apply(Action::RenameRater(
            "Zoé".into(),
            "Zoé B.".into(),
            "".into()
        )));
        assert!(!m.apply(Action::RemoveRater("Zoé".into())));
        assert!(!m.apply(Action::SelectRater("Zoé".into())));
        assert_eq!(assessment(&m).meta.raters, [ANNE, KARIM]);
    }

    #[test]
    fn the_removal_question_counts_the_levels_deleted_and_says_what_stays() {
        assert_eq!(
            removal_question(Lang::Fr, ANNE, 3),
            "Retirer Anne (élu·e)\u{a0}? 3 niveaux donnés par cet évaluateur seront effacés\u{a0}; \
             les niveaux convenus par le groupe et les notes sont conservés."
        );
        assert_eq!(
            removal_question(Lang::Fr, ANNE, 1),
            "Retirer Anne (élu·e)\u{a0}? 1 niveau donné par cet évaluateur sera effacé\u{a0}; \
             les niveaux convenus par le groupe et les notes sont conservés."
        );
        assert_eq!(
            removal_question(Lang::En, "Anne", 0),
            "Remove Anne? This rater has given no level; \
             the levels the group agreed on and the notes are kept."
        );
    }
}
