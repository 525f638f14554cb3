//! Several raters on one device (the laptop passed around the table), the group's
//! consensus, and the two files of a progress comparison.
//!
//! An assessment with raters keeps each rater's level in `by` and the level the group
//! agreed on in `level`, with its note in `evidence`: the very file the CLI reads.

use super::{Action, GridChoice, Model, Read, Tone};
use crate::engine_bridge::{self, Rendered};
use crate::i18n::{Lang, Pick};
use domino_engine::{Assessment, Report};

/// The roles offered for a rater (code, French, English); the role is written after
/// the name in the assessment file: `Anne (élue)`.
pub const ROLES: &[(&str, &str, &str)] = &[
    ("elu", "élu·e", "elected official"),
    ("technicien", "technicien·ne", "officer"),
    ("membre", "membre", "member"),
    ("habitant", "habitant·e", "resident"),
    ("partenaire", "partenaire", "partner"),
];

/// One of the two assessment files of a progress comparison.
#[derive(Debug, Clone, PartialEq)]
pub struct ProgressFile {
    /// File name.
    pub name: String,
    /// The grid it answers.
    pub grid: GridChoice,
    /// The assessment.
    pub assessment: Assessment,
}

/// The name a rater is recorded under: the name, then the role in brackets, in `lang`.
pub fn rater_key(name: &str, role: &str, lang: Lang) -> String {
    let name = name.trim();
    match ROLES.iter().find(|(code, _, _)| *code == role) {
        Some((_, fr, en)) => format!("{name} ({})", lang.pick(fr, en)),
        None if role.trim().is_empty() => name.to_owned(),
        None => format!("{name} ({})", role.trim()),
    }
}

/// The name and role of a rater key, as [`rater_key`] wrote them: the role as its code
/// when it is one of [`ROLES`] (in either language), else as written; the form renaming a
/// rater starts from them.
pub fn split_rater_key(key: &str) -> (String, String) {
    let Some((name, role)) = key
        .strip_suffix(')')
        .and_then(|k| k.rsplit_once(" ("))
        .filter(|(name, _)| !name.trim().is_empty())
    else {
        return (key.to_owned(), String::new());
    };
    let code = ROLES
        .iter()
        .find(|(_, fr, en)| role == *fr || role == *en)
        .map_or(role, |(code, _, _)| *code);
    (name.to_owned(), code.to_owned())
}

impl Model {
    /// Applies a rater, consensus or progress action; `None` for any other action.
    pub(super) fn apply_raters(&mut self, action: &Action) -> Option<bool> {
        Some(match action {
            Action::AddRater(name, role) => self.add_rater(name, role),
            Action::SelectRater(rater) => self.select_rater(rater),
            Action::RenameRater(rater, name, role) => self.rename_rater(rater, name, role),
            Action::RemoveRater(rater) => self.remove_rater(rater),
            Action::Focus(criterion) => {
                self.focus = Some(criterion.clone());
                false
            }
            Action::Agree(criterion, code, note) => self.edit_answer(criterion, |a| {
                a.level = Some(code.clone());
                a.evidence = (!note.trim().is_empty()).then(|| note.clone());
            }),
            Action::LeaveToDebate(criterion) => self.edit_answer(criterion, |a| a.level = None),
            Action::ProgressOld(name, text, read) => self.load_progress(0, name, text, read),
            Action::ProgressNew(name, text, read) => self.load_progress(1, name, text, read),
            _ => return None,
        })
    }

    /// The raters of the active assessment.
    pub fn raters(&self) -> &[String] {
        self.active_entry()
            .map_or(&[], |e| e.assessment.meta.raters.as_slice())
    }

    /// The rater answering now: the one chosen, else the first; none without raters.
    pub fn current_rater(&self) -> Option<&str> {
        let raters = self.raters();
        self.active_entry()
            .and_then(|e| e.rater.as_deref())
            .filter(|r| raters.iter().any(|x| x == r))
            .or_else(|| raters.first().map(String::as_str))
    }

    /// Makes `rater` the one answering on the active assessment; saved with it.
    fn select_rater(&mut self, rater: &str) -> bool {
        let Some(entry) = self.active_mut() else {
            return false;
        };
        if !entry.assessment.meta.raters.iter().any(|r| r == rater) {
            return false;
        }
        entry.rater = Some(rater.to_owned());
        true
    }

    /// The level shown in the form for a criterion: the current rater's, or the
    /// single answer when there are no raters.
    pub fn level_in_form(&self, criterion: &str) -> Option<String> {
        let answer = self.active_entry()?.assessment.answers.get(criterion)?;
        match self.current_rater() {
            Some(r) => answer.by.get(r).cloned(),
            None => answer.level.clone(),
        }
    }

    /// Sets the current rater's level (or the single level without raters).
    pub(super) fn set_level(&mut self, criterion: &str, level: Option<String>) -> bool {
        match self.current_rater().map(str::to_owned) {
            Some(r) => self.edit_answer(criterion, |a| match level {
                Some(code) => {
                    a.by.insert(r, code);
                }
                None => {
                    a.by.remove(&r);
                }
            }),
            None => self.edit_answer(criterion, |a| a.level = level),
        }
    }

    /// Adds a rater to the active assessment and makes them the one answering. The
    /// first rater takes over the answers given so far, so that they stay theirs.
    fn add_rater(&mut self, name: &str, role: &str) -> bool {
        let lang = self.lang;
        let key = rater_key(name, role, lang);
        if self.refuse_blank_name(name) {
            return false;
        }
        let Some(entry) = self.active_mut() else {
            return false;
        };
        let a = &mut entry.assessment;
        if a.meta.raters.contains(&key) {
            let text = lang.labelled(
                lang.pick("Évaluateur déjà présent", "Rater already listed"),
                &key,
            );
            self.notify(Tone::Problem, text, Rendered::default());
            return false;
        }
        if a.meta.raters.is_empty() {
            for answer in a.answers.values_mut().filter(|x| x.by.is_empty()) {
                if let Some(level) = answer.level.take() {
                    answer.by.insert(key.clone(), level);
                }
            }
        }
        a.meta.raters.push(key.clone());
        entry.rater = Some(key);
        true
    }

    /// Reads one file of the progress comparison, or tells why it is refused.
    fn load_progress(
        &mut self,
        slot: usize,
        name: &str,
        text: &str,
        read: &Read<Assessment>,
    ) -> bool {
        let lang = self.lang;
        let read = read.clone().and_then(|a| {
            let choice = self.grid_for(&a);
            engine_bridge::check(self.grid(choice), &a, name, text).map(|_| (choice, a))
        });
        match read {
            Ok((grid, assessment)) => {
                self.progress[slot] = Some(ProgressFile {
                    name: name.to_owned(),
                    grid,
                    assessment,
                });
            }
            Err(refused) => {
                let text = lang.labelled(
                    lang.pick("Fichier d’évaluation refusé", "Assessment file refused"),
                    name,
                );
                self.notify(Tone::Problem, text, refused.rendered);
            }
        }
        false
    }

    /// The grid an assessment answers: the user's grid when its id matches, else DOMINO.
    pub(super) fn grid_for(&self, a: &Assessment) -> GridChoice {
        if self
            .custom
            .as_ref()
            .is_some_and(|c| c.grid.id == a.meta.grid)
        {
            GridChoice::Custom
        } else {
            GridChoice::Builtin
        }
    }

    /// The reports of the two progress files, once both are loaded and score.
    pub fn progress_reports(&self) -> Option<(Report, Report)> {
        let [Some(old), Some(new)] = &self.progress else {
            return None;
        };
        let lang = self.lang.code();
        let old = engine_bridge::score(self.grid(old.grid), &old.assessment, lang).ok()?;
        let new = engine_bridge::score(self.grid(new.grid), &new.assessment, lang).ok()?;
        Some((old, new))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::route::Route;
    use domino_engine::divergence::{Divergence, Standing};
    use domino_engine::report::Consolidation;

    const ACCUEIL: &str = "collectif.accueil";

    fn model() -> Model {
        Model::new(engine_bridge::builtin(), Lang::Fr, Route::default())
    }

    fn exported(m: &Model) -> String {
        m.active_entry().unwrap().assessment.to_toml()
    }

    fn exported_json(m: &Model) -> String {
        m.active_entry().unwrap().assessment.to_json()
    }

    /// Two raters answer in turn on one device, 4 and 1 on the same criterion.
    fn two_raters() -> Model {
        let mut m = model();
        m.apply(Action::New);
        m.apply(Action::AddRater("Anne".into(), "elu".into()));
        m.apply(Action::SetLevel(ACCUEIL.into(), Some("4".into())));
        m.apply(Action::AddRater("Karim".into(), "habitant".into()));
        assert_eq!(m.current_rater(), Some("Karim (habitant·e)"));
        assert_eq!(m.level_in_form(ACCUEIL), None, "each rater answers blind");
        m.apply(Action::SetLevel(ACCUEIL.into(), Some("1".into())));
        m
    }

    #[test]
    fn raters_on_one_device_each_keep_their_level_and_the_gap_is_to_debate() {
        let m = two_raters();
        let a = &m.active_entry().unwrap().assessment;
        assert_eq!(a.meta.raters, ["Anne (élu·e)", "Karim (habitant·e)"]);
        assert_eq!(a.answers[ACCUEIL].by.len(), 2);
        assert_eq!(a.answers[ACCUEIL].level, None);
        let report = m.scored(|| 0.0).unwrap().report.as_ref().unwrap();
        let d = Divergence::of_report(&m.builtin, report);
        assert_eq!(d.rows[0].criterion, ACCUEIL);
        assert_eq!(d.rows[0].standing, Standing::ToDebate);
        assert!(d.rows[0].exceeds_gap);
    }

    /// The model after a reload of the page: the workspace saved, read back, restored.
    fn reloaded(m: &Model) -> Model {
        let mut store = crate::store::MemoryStore::default();
        super::super::persist(&mut store, m).unwrap();
        let crate::store::Loaded::Restored(ws) = crate::store::load(&mut store) else {
            panic!("the saved workspace reads back")
        };
        let mut again = model();
        assert!(again.restore(ws).is_empty());
        again
    }

    #[test]
    fn the_rater_chosen_is_kept_over_a_reload_for_each_assessment() {
        let mut m = two_raters();
        assert!(m.apply(Action::SelectRater("Anne (élu·e)".into())), "saved");
        m.apply(Action::New);
        m.apply(Action::AddRater("Lou".into(), String::new()));
        m.apply(Action::AddRater("Zoé".into(), String::new()));
        let again = reloaded(&m);
        assert_eq!(again.current_rater(), Some("Zoé"));
        let mut again = again;
        again.apply(Action::Select("a1".into()));
        assert_eq!(again.current_rater(), Some("Anne (élu·e)"));
        assert_eq!(again.level_in_form(ACCUEIL).as_deref(), Some("4"));
    }

    #[test]
    fn a_saved_rater_no_longer_listed_falls_back_to_the_first_without_a_notice() {
        let m = two_raters();
        let mut ws = m.workspace();
        ws.assessments[0].rater = Some("Zoé".into());
        let mut again = model();
        assert!(again.restore(ws).is_empty());
        assert!(again.notices.is_empty());
        assert_eq!(again.current_rater(), Some("Anne (élu·e)"));
        assert_eq!(again.active_entry().unwrap().rater, None, "forgotten");
    }

    #[test]
    fn a_workspace_saved_before_raters_were_remembered_still_loads() {
        let data = exported_json(&two_raters());
        let envelope = serde_json::json!({
            "app": "domino-web", "version": 1,
            "workspace": {"active": "a1", "next_id": 2,
                "assessments": [{"id": "a1", "grid": "builtin", "data": data}]},
        });
        let ws = crate::store::from_envelope(&envelope.to_string()).expect("still reads");
        let mut again = model();
        assert!(again.restore(ws).is_empty());
        assert_eq!(again.current_rater(), Some("Anne (élu·e)"));
        assert_eq!(again.raters().len(), 2);
    }

    #[test]
    fn a_consensus_is_recorded_exported_and_read_back_by_the_engine_as_agreed() {
        let mut m = two_raters();
        m.apply(Action::Agree(
            ACCUEIL.into(),
            "3".into(),
            "Accueil réel, à organiser.".into(),
        ));
        let toml = exported(&m);
        let back = Assessment::from_toml(&toml).expect("the CLI reads the export");
        let report = m.builtin.score(&back, "fr").unwrap();
        let c = &report.axes[0].criteria[0];
        assert_eq!(c.level.as_ref().map(|l| l.code.as_str()), Some("3"));
        assert_eq!(c.consolidation, Some(Consolidation::Consensus));
        assert_eq!(c.evidence.as_deref(), Some("Accueil réel, à organiser."));
        assert!(report
            .findings
            .debats
            .iter()
            .all(|f| f.id != format!("raters:{ACCUEIL}")));
        m.apply(Action::LeaveToDebate(ACCUEIL.into()));
        let a = &m.active_entry().unwrap().assessment;
        assert_eq!(a.answers[ACCUEIL].level, None);
        assert_eq!(a.answers[ACCUEIL].by.len(), 2, "the raters' levels stay");
    }

    #[test]
    fn the_first_rater_takes_over_the_answers_given_before() {
        let mut m = model();
        m.apply(Action::New);
        m.apply(Action::SetLevel(ACCUEIL.into(), Some("2".into())));
        m.apply(Action::AddRater("Anne".into(), String::new()));
        let a = &m.active_entry().unwrap().assessment;
        assert_eq!(
            a.answers[ACCUEIL].by.get("Anne").map(String::as_str),
            Some("2")
        );
        assert_eq!(a.answers[ACCUEIL].level, None);
    }

    #[test]
    fn a_rater_without_a_name_or_listed_twice_is_refused_with_a_notice() {
        let mut m = model();
        m.apply(Action::New);
        assert!(!m.apply(Action::AddRater("  ".into(), "elu".into())));
        assert!(m.apply(Action::AddRater("Anne".into(), "elu".into())));
        assert!(!m.apply(Action::AddRater("Anne".into(), "elu".into())));
        assert_eq!(m.raters().len(), 1);
        assert_eq!(m.notices.len(), 2);
    }

    #[test]
    fn an_imported_multi_rater_file_is_edited_rater_by_rater() {
        let mut m = model();
        let sample = include_str!("../../../grids/examples/la-redonnerie.toml");
        assert!(m.apply(Action::import("la-redonnerie.toml", sample)));
        m.apply(Action::SelectRater("membre".into()));
        assert_eq!(m.level_in_form(ACCUEIL).as_deref(), Some("2"));
        m.apply(Action::SetLevel(ACCUEIL.into(), Some("4".into())));
        let a = &m.active_entry().unwrap().assessment;
        assert_eq!(a.answers[ACCUEIL].by["membre"], "4");
        assert_eq!(a.answers[ACCUEIL].by["elu"], "3");
        assert!(Assessment::from_toml(&exported(&m)).is_ok());
    }

    #[test]
    fn the_progress_page_compares_two_files_and_refuses_a_broken_one() {
        let mut m = model();
        m.apply(Action::progress_old("x.toml", "[assessment"));
        assert_eq!(m.notices.len(), 1);
        let before = include_str!("../../../grids/examples/couchsurfing-avant-2011.toml");
        let after = include_str!("../../../grids/examples/couchsurfing-apres-2011.toml");
        m.apply(Action::progress_old("avant.toml", before));
        assert!(
            m.progress_reports().is_none(),
            "one file is not a comparison"
        );
        m.apply(Action::progress_new("apres.toml", after));
        let (old, new) = m.progress_reports().expect("both files score");
        let c = domino_engine::compare::compare_reports(&old, &new).unwrap();
        assert!(c.criteria.iter().any(|x| x.changed()));
    }

    #[test]
    fn a_role_is_written_after_the_name_in_the_interface_language() {
        assert_eq!(rater_key(" Anne ", "elu", Lang::Fr), "Anne (élu·e)");
        assert_eq!(
            rater_key("Anne", "elu", Lang::En),
            "Anne (elected official)"
        );
        assert_eq!(rater_key("Anne", "", Lang::Fr), "Anne");
        assert_eq!(rater_key("Anne", "bénévole", Lang::Fr), "Anne (bénévole)");
    }

    #[test]
    fn a_rater_key_splits_back_into_the_name_and_the_role_it_was_written_from() {
        for (name, role) in [("Anne", "elu"), ("Anne", ""), ("Anne (AMAP)", "bénévole")] {
            for lang in [Lang::Fr, Lang::En] {
                let key = rater_key(name, role, lang);
                assert_eq!(split_rater_key(&key), (name.into(), role.into()), "{key}");
            }
        }
        assert_eq!(
            split_rater_key("(élu·e)"),
            ("(élu·e)".into(), String::new())
        );
    }
}
