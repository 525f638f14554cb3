//! The app's state and every change to it, as a pure reducer (tested natively).

use crate::engine_bridge::{self, Refused, Rendered};
use crate::i18n::{Lang, Pick};
use crate::route::{Page, Route};
use crate::scored::{ResultsCell, Scored};
use crate::store::{self, SavedAssessment, SavedGrid, Workspace};
use crate::toml_text::ReadGrid;
use domino_engine::{Answer, Assessment, Grid};
use std::rc::Rc;

mod rater_edits;
mod raters;
pub use rater_edits::removal_question;
pub use raters::{rater_key, split_rater_key, ProgressFile, ROLES};

/// Which grid an assessment answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GridChoice {
    /// The embedded DOMINO grid.
    Builtin,
    /// The grid loaded by the user.
    Custom,
}

impl GridChoice {
    fn code(self) -> &'static str {
        match self {
            GridChoice::Builtin => "builtin",
            GridChoice::Custom => "custom",
        }
    }
}

/// A grid loaded by the user.
#[derive(Debug)]
pub struct CustomGrid {
    /// File name.
    pub name: String,
    /// Its TOML source.
    pub source: String,
    /// Its resolved form ([`Grid::to_resolved`]), saved beside the source so that the app
    /// restores it without the TOML reader.
    pub resolved: String,
    /// The grid.
    pub grid: Grid,
    /// Its warnings.
    pub warnings: Rendered,
}

/// A grid file that was refused.
#[derive(Debug, Clone, PartialEq)]
pub struct GridFailure {
    /// File name.
    pub name: String,
    /// Its diagnostics.
    pub refused: Refused,
}

/// One assessment being worked on.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// Local id.
    pub id: String,
    /// The grid it answers.
    pub grid: GridChoice,
    /// The answers.
    pub assessment: Assessment,
    /// The rater answering on this device, when the assessment has several (saved with
    /// it, so that a reload keeps the one chosen).
    pub rater: Option<String>,
}

/// How a notice looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Tone {
    /// Something went well.
    Info,
    /// Something was refused or set aside.
    Problem,
}

/// A message shown at the top of the page until dismissed.
#[derive(Debug, Clone, PartialEq)]
pub struct Notice {
    /// Id, for dismissal.
    pub id: u64,
    /// Look.
    pub tone: Tone,
    /// The message (plain text).
    pub text: String,
    /// Rendered diagnostics, if any (plain text, shown preformatted).
    pub details: Rendered,
}

/// The whole state of the app.
#[derive(Debug, Clone)]
pub struct Model {
    /// Interface language.
    pub lang: Lang,
    /// Current page.
    pub route: Route,
    /// The embedded DOMINO grid.
    pub builtin: Rc<Grid>,
    /// The user's grid, if one was loaded.
    pub custom: Option<Rc<CustomGrid>>,
    /// The last refused grid file.
    pub grid_failure: Option<GridFailure>,
    /// The grid explored and used for new assessments.
    pub selected: GridChoice,
    /// Assessments, side by side.
    pub entries: Vec<Entry>,
    /// The assessment being worked on.
    pub active: Option<String>,
    /// Counter for assessment ids.
    pub next_id: u64,
    /// Messages to the user.
    pub notices: Vec<Notice>,
    next_notice: u64,
    /// Incremented whenever saved data changes.
    pub revision: u64,
    /// The results of this state, computed when first shown (see [`Model::scored`]).
    results: ResultsCell,
    /// The criterion chosen on the consensus page.
    pub focus: Option<String>,
    /// The two assessment files of the progress page (earlier, later).
    pub progress: [Option<ProgressFile>; 2],
    /// The file being read while the TOML reader loads, to say so in the page.
    pub reading: Option<String>,
}

/// A change to the state.
#[derive(Debug, Clone)]
pub enum Action {
    /// The location changed.
    Navigate(Route),
    /// Start a new assessment with the selected grid.
    New,
    /// Work on another assessment.
    Select(String),
    /// Delete an assessment.
    Delete(String),
    /// Set a field of the active assessment's identification.
    SetMeta(MetaField, String),
    /// Set a profile field of the active assessment (empty removes it).
    SetProfile(String, String),
    /// Set or clear the level of a criterion.
    SetLevel(String, Option<String>),
    /// Set or clear the target level of a criterion.
    SetTarget(String, Option<String>),
    /// Set the evidence note of a criterion.
    SetEvidence(String, String),
    /// The TOML reader is loading to read this file (its name), which comes next as one of
    /// the actions below.
    Reading(String),
    /// Import an assessment file (name, content, as read by [`crate::reader`]).
    Import(String, String, Read<Assessment>),
    /// Load a grid file (name, content, as read by [`crate::reader`]).
    LoadGrid(String, String, Box<Read<ReadGrid>>),
    /// Explore and assess with this grid.
    UseGrid(GridChoice),
    /// Forget the user's grid.
    DropGrid,
    /// Dismiss a notice.
    Dismiss(u64),
    /// Show a notice.
    Notify(Tone, String),
    /// Add a rater (name, role code or free role) to the active assessment.
    AddRater(String, String),
    /// Answer as this rater from now on.
    SelectRater(String),
    /// Rename a rater of the active assessment (rater, new name, new role code or free
    /// role), everywhere they are recorded.
    RenameRater(String, String, String),
    /// Remove a rater of the active assessment and their levels; agreed levels and notes
    /// stay.
    RemoveRater(String),
    /// Choose a criterion on the consensus page.
    Focus(String),
    /// Record the group's agreed level of a criterion (criterion, code, note).
    Agree(String, String, String),
    /// Remove the agreed level of a criterion: it is a point to debate again.
    LeaveToDebate(String),
    /// Load the earlier assessment file of the progress page (name, content, as read).
    ProgressOld(String, String, Read<Assessment>),
    /// Load the later assessment file of the progress page (name, content, as read).
    ProgressNew(String, String, Read<Assessment>),
}

/// The actions the file inputs send, with the file read here rather than by the TOML
/// reader's module (in the app, [`crate::reader`] reads it: the same engine functions).
#[cfg(test)]
impl Action {
    /// [`Action::Import`] of the file `name`.
    pub fn import(name: &str, text: &str) -> Action {
        Action::Import(
            name.into(),
            text.into(),
            engine_bridge::read_assessment(name, text),
        )
    }

    /// [`Action::LoadGrid`] of the file `name`.
    pub fn load_grid(name: &str, text: &str) -> Action {
        let read = engine_bridge::load_grid(name, text).map(|loaded| ReadGrid {
            resolved: loaded.grid.to_resolved(),
            loaded,
        });
        Action::LoadGrid(name.into(), text.into(), Box::new(read))
    }

    /// [`Action::ProgressOld`] of the file `name`.
    pub fn progress_old(name: &str, text: &str) -> Action {
        Action::ProgressOld(
            name.into(),
            text.into(),
            engine_bridge::read_assessment(name, text),
        )
    }

    /// [`Action::ProgressNew`] of the file `name`.
    pub fn progress_new(name: &str, text: &str) -> Action {
        Action::ProgressNew(
            name.into(),
            text.into(),
            engine_bridge::read_assessment(name, text),
        )
    }
}

/// A file as [`crate::reader`] read it: the grid or assessment, or why it was refused.
pub type Read<T> = Result<T, Refused>;

impl Action {
    /// Whether this action brings the file announced by [`Action::Reading`].
    fn ends_reading(&self) -> bool {
        matches!(
            self,
            Action::Import(..)
                | Action::LoadGrid(..)
                | Action::ProgressOld(..)
                | Action::ProgressNew(..)
        )
    }
}

/// A field of an assessment's identification.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MetaField {
    /// The initiative's name.
    Initiative,
    /// Its territory.
    Territory,
    /// The date.
    Date,
}

impl Model {
    /// A fresh state around the DOMINO grid.
    pub fn new(builtin: impl Into<Rc<Grid>>, lang: Lang, route: Route) -> Model {
        Model {
            lang,
            route,
            builtin: builtin.into(),
            custom: None,
            grid_failure: None,
            selected: GridChoice::Builtin,
            entries: Vec::new(),
            active: None,
            next_id: 1,
            notices: Vec::new(),
            next_notice: 1,
            revision: 0,
            results: ResultsCell::default(),
            focus: None,
            progress: [None, None],
            reading: None,
        }
    }

    /// The grid for a choice (the embedded one when no user grid is loaded).
    pub fn grid(&self, choice: GridChoice) -> &Grid {
        match (choice, &self.custom) {
            (GridChoice::Custom, Some(c)) => &c.grid,
            _ => &self.builtin,
        }
    }

    /// The grid being explored: the active assessment's, else the selected one.
    pub fn current_grid(&self) -> &Grid {
        match self.active_entry() {
            Some(e) => self.grid(e.grid),
            None => self.grid(self.selected),
        }
    }

    /// The results of the active assessment, scored the first time they are asked for in
    /// this state (every action makes a new state); `now_ms` times the scoring.
    pub fn scored(&self, now_ms: impl Fn() -> f64) -> Option<&Scored> {
        self.results.get(self, now_ms)
    }

    /// The assessment being worked on.
    pub fn active_entry(&self) -> Option<&Entry> {
        let id = self.active.as_deref()?;
        self.entries.iter().find(|e| e.id == id)
    }

    fn active_mut(&mut self) -> Option<&mut Entry> {
        let id = self.active.clone()?;
        self.entries.iter_mut().find(|e| e.id == id)
    }

    /// Shows a notice.
    pub fn notify(&mut self, tone: Tone, text: String, details: Rendered) {
        let id = self.next_notice;
        self.next_notice += 1;
        self.notices.push(Notice {
            id,
            tone,
            text,
            details,
        });
        // Keep the most recent few.
        if self.notices.len() > 4 {
            self.notices.remove(0);
        }
    }

    fn blank(&self, choice: GridChoice) -> Assessment {
        let grid = self.grid(choice);
        let mut a = Assessment::default();
        a.meta.grid = grid.id.clone();
        a.meta.grid_version = Some(grid.version.clone());
        a.meta.initiative = format!("{} {}", self.lang.labels().initiative, self.next_id);
        a
    }

    fn add(&mut self, grid: GridChoice, assessment: Assessment) -> String {
        let id = format!("a{}", self.next_id);
        self.next_id += 1;
        self.entries.push(Entry {
            id: id.clone(),
            grid,
            assessment,
            rater: None,
        });
        self.active = Some(id.clone());
        self.selected = grid;
        id
    }

    /// Applies a change; returns true when the saved data changed.
    pub fn apply(&mut self, action: Action) -> bool {
        self.results = ResultsCell::default();
        if action.ends_reading() {
            self.reading = None;
        }
        let changed = match self.apply_raters(&action) {
            Some(changed) => changed,
            None => self.apply_core(action),
        };
        if changed {
            self.revision += 1;
        }
        changed
    }

    /// Applies the actions of pages, grids and single answers.
    fn apply_core(&mut self, action: Action) -> bool {
        match action {
            Action::Navigate(route) => {
                if let Some(l) = route.lang {
                    self.lang = l;
                }
                self.route = route;
                false
            }
            Action::New => {
                let a = self.blank(self.selected);
                self.add(self.selected, a);
                true
            }
            Action::Select(id) => self.select(id),
            Action::Delete(id) => {
                self.entries.retain(|e| e.id != id);
                if self.active.as_deref() == Some(&id) {
                    self.active = self.entries.last().map(|e| e.id.clone());
                }
                true
            }
            Action::SetMeta(field, value) => self.set_meta(field, value),
            Action::SetProfile(field, value) => self.set_profile(field, value),
            Action::SetLevel(id, level) => self.set_level(&id, level),
            Action::SetTarget(id, target) => self.edit_answer(&id, |a| a.target = target),
            Action::SetEvidence(id, text) => self.edit_answer(&id, |a| {
                a.evidence = (!text.is_empty()).then_some(text);
            }),
            Action::Reading(name) => {
                self.reading = Some(name);
                false
            }
            Action::Import(name, text, read) => self.import(&name, &text, read),
            Action::LoadGrid(name, text, read) => self.load_grid(name, text, *read),
            Action::UseGrid(choice) => self.use_grid(choice),
            Action::DropGrid => {
                self.custom = None;
                self.selected = GridChoice::Builtin;
                self.entries.retain(|e| e.grid == GridChoice::Builtin);
                if self.active_entry().is_none() {
                    self.active = self.entries.last().map(|e| e.id.clone());
                }
                true
            }
            Action::Dismiss(id) => {
                self.notices.retain(|n| n.id != id);
                false
            }
            Action::Notify(tone, text) => {
                self.notify(tone, text, Rendered::default());
                false
            }
            _ => false,
        }
    }

    /// Makes assessment `id` the active one, with its grid selected.
    fn select(&mut self, id: String) -> bool {
        let Some(e) = self.entries.iter().find(|e| e.id == id) else {
            return false;
        };
        self.selected = e.grid;
        self.active = Some(id);
        true
    }

    /// Sets a field of the active assessment's heading; a blank territory or
    /// date is cleared.
    fn set_meta(&mut self, field: MetaField, value: String) -> bool {
        let Some(e) = self.active_mut() else {
            return false;
        };
        let m = &mut e.assessment.meta;
        let opt = (!value.trim().is_empty()).then(|| value.clone());
        match field {
            MetaField::Initiative => m.initiative = value,
            MetaField::Territory => m.territory = opt,
            MetaField::Date => m.date = opt,
        }
        true
    }

    /// Sets a profile field of the active assessment; an empty value removes it.
    fn set_profile(&mut self, field: String, value: String) -> bool {
        let Some(e) = self.active_mut() else {
            return false;
        };
        if value.is_empty() {
            e.assessment.profile.remove(&field);
        } else {
            e.assessment.profile.insert(field, value);
        }
        true
    }

    /// Loads a user grid in place of the previous one, or keeps the refusal
    /// to show it.
    fn load_grid(&mut self, name: String, text: String, read: Read<ReadGrid>) -> bool {
        let lang = self.lang;
        match read {
            Ok(ReadGrid { loaded, resolved }) => {
                let title = loaded.grid.title.get(lang.code()).to_string();
                self.custom = Some(Rc::new(CustomGrid {
                    name: name.clone(),
                    source: text,
                    resolved,
                    grid: loaded.grid,
                    warnings: loaded.warnings,
                }));
                self.grid_failure = None;
                self.selected = GridChoice::Custom;
                // Assessments of the previous user grid no longer have their grid.
                self.active = self
                    .active_entry()
                    .filter(|e| e.grid == GridChoice::Custom)
                    .map(|e| e.id.clone());
                self.notify(
                    Tone::Info,
                    lang.labelled(
                        lang.pick("Grille chargée", "Grid loaded"),
                        format!("{} ({name})", lang.quoted(&title)),
                    ),
                    Rendered::default(),
                );
                true
            }
            Err(refused) => {
                self.grid_failure = Some(GridFailure { name, refused });
                false
            }
        }
    }

    /// Selects a grid (the built-in one when no user grid is loaded) and the
    /// latest assessment of that grid when the active one belongs to another.
    fn use_grid(&mut self, choice: GridChoice) -> bool {
        let choice = if self.custom.is_none() {
            GridChoice::Builtin
        } else {
            choice
        };
        self.selected = choice;
        if self.active_entry().is_some_and(|e| e.grid != choice) {
            self.active = self
                .entries
                .iter()
                .rev()
                .find(|e| e.grid == choice)
                .map(|e| e.id.clone());
        }
        true
    }

    fn edit_answer(&mut self, id: &str, edit: impl FnOnce(&mut Answer)) -> bool {
        let Some(e) = self.active_mut() else {
            return false;
        };
        let answer = e.assessment.answers.entry(id.to_string()).or_default();
        edit(answer);
        if rater_edits::is_blank(answer) {
            e.assessment.answers.remove(id);
        }
        true
    }

    fn import(&mut self, name: &str, text: &str, read: Read<Assessment>) -> bool {
        let lang = self.lang;
        let assessment = match read {
            Ok(a) => a,
            Err(refused) => {
                self.notify(
                    Tone::Problem,
                    lang.labelled(
                        lang.pick("Fichier d’évaluation refusé", "Assessment file refused"),
                        name,
                    ),
                    refused.rendered,
                );
                return false;
            }
        };
        let choice = self.grid_for(&assessment);
        if let Err(refused) = engine_bridge::check(self.grid(choice), &assessment, name, text) {
            self.notify(
                Tone::Problem,
                format!(
                    "{} {name}",
                    lang.pick(
                        "Cette évaluation ne correspond pas à la grille\u{a0}:",
                        "This assessment does not match the grid:"
                    )
                ),
                refused.rendered,
            );
            return false;
        }
        let initiative = assessment.meta.initiative.clone();
        self.add(choice, assessment);
        self.notify(
            Tone::Info,
            lang.labelled(
                lang.pick("Évaluation importée", "Assessment imported"),
                format!("{} ({name})", lang.quoted(&initiative)),
            ),
            Rendered::default(),
        );
        true
    }

    /// Answered and applicable-or-answered counts of an axis for the active assessment:
    /// (answered with a level or N/A, criteria in the axis).
    pub fn axis_progress(&self, axis: &str) -> (usize, usize) {
        let grid = self.current_grid();
        let Some(axis) = grid.axes.iter().find(|a| a.id == axis) else {
            return (0, 0);
        };
        let done = axis
            .criteria
            .iter()
            .filter(|c| self.level_in_form(&c.full_id).is_some())
            .count();
        (done, axis.criteria.len())
    }

    /// The workspace to save.
    pub fn workspace(&self) -> Workspace {
        Workspace {
            active: self.active.clone(),
            grid: self.custom.as_ref().map(|c| SavedGrid {
                name: c.name.clone(),
                source: c.source.clone(),
                resolved: Some(c.resolved.clone()),
                warnings: c.warnings.clone(),
            }),
            assessments: self
                .entries
                .iter()
                .map(|e| SavedAssessment {
                    id: e.id.clone(),
                    grid: e.grid.code().to_string(),
                    data: e.assessment.to_json(),
                    rater: e.rater.clone(),
                })
                .collect(),
            next_id: self.next_id,
        }
    }

    /// Restores a saved workspace; whatever cannot be read is reported and returned for
    /// quarantine as (what, raw text).
    pub fn restore(&mut self, workspace: Workspace) -> Vec<(String, String)> {
        self.results = ResultsCell::default();
        let lang = self.lang;
        let mut rejected = Vec::new();
        if let Some(saved) = workspace.grid {
            let grid = saved
                .resolved
                .as_deref()
                .map(|resolved| engine_bridge::read_resolved_grid(&saved.name, resolved));
            match grid {
                Some(Ok(grid)) => {
                    self.custom = Some(Rc::new(CustomGrid {
                        name: saved.name,
                        source: saved.source,
                        resolved: saved.resolved.unwrap_or_default(),
                        grid,
                        warnings: saved.warnings,
                    }))
                }
                // No resolved form (an autosave older than it, not read again through the
                // TOML reader at start-up, see `ui::read_saved_grid`) or a broken one.
                _ => rejected.push((saved.name.clone(), saved.source)),
            }
        }
        for saved in workspace.assessments {
            let choice = if saved.grid == "custom" {
                GridChoice::Custom
            } else {
                GridChoice::Builtin
            };
            if choice == GridChoice::Custom && self.custom.is_none() {
                rejected.push((saved.id, saved.data));
                continue;
            }
            match domino_engine::Assessment::from_json(&saved.data) {
                Ok(assessment) if !self.entries.iter().any(|e| e.id == saved.id) => {
                    // A saved rater no longer listed is forgotten: the first one answers.
                    let rater = saved.rater.filter(|r| assessment.meta.raters.contains(r));
                    self.entries.push(Entry {
                        id: saved.id,
                        grid: choice,
                        assessment,
                        rater,
                    })
                }
                _ => rejected.push((saved.id, saved.data)),
            }
        }
        self.next_id = workspace.next_id.max(self.entries.len() as u64 + 1);
        while self
            .entries
            .iter()
            .any(|e| e.id == format!("a{}", self.next_id))
        {
            self.next_id += 1;
        }
        self.active = workspace
            .active
            .filter(|id| self.entries.iter().any(|e| &e.id == id))
            .or_else(|| self.entries.last().map(|e| e.id.clone()));
        if let Some(e) = self.active_entry() {
            self.selected = e.grid;
        }
        if !rejected.is_empty() {
            let what: Vec<String> = rejected.iter().map(|(w, _)| w.clone()).collect();
            self.notify(
                Tone::Problem,
                format!(
                    "{} {}",
                    lang.pick(
                        "Une partie de la sauvegarde n’a pas pu être relue\u{a0}; elle est mise de côté dans le navigateur\u{a0}:",
                        "Part of the saved data could not be read; it has been set aside in the browser:"
                    ),
                    what.join(", ")
                ),
                Rendered::default(),
            );
        }
        rejected
    }

    /// Reports saved data that was set aside as a whole.
    pub fn report_set_aside(&mut self, key: &str, reason: &str) {
        let lang = self.lang;
        self.notify(
            Tone::Problem,
            format!(
                "{} ({reason}) {} {key}",
                lang.pick(
                    "La sauvegarde locale était illisible",
                    "The saved data could not be read"
                ),
                lang.pick(
                    "— elle a été mise de côté, rien n’est effacé\u{a0}; clé\u{a0}:",
                    "— it has been set aside, nothing was deleted; key:"
                ),
            ),
            Rendered::default(),
        );
    }

    /// True when the page shows an assessment form or results.
    pub fn on_assessment_page(&self) -> bool {
        matches!(self.route.page, Page::Assess(_) | Page::Results)
    }
}

/// Saves a workspace through `store`, reporting failures as a message.
pub fn persist(store: &mut dyn store::KeyValue, model: &Model) -> Result<(), String> {
    store::save(store, &model.workspace())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::{KeyValue, MemoryStore};

    fn model() -> Model {
        Model::new(engine_bridge::builtin(), Lang::Fr, Route::default())
    }

    fn first_criterion(m: &Model) -> String {
        m.builtin.axes[0].criteria[0].full_id.clone()
    }

    #[test]
    fn answers_change_progress_and_survive_a_save() {
        let mut m = model();
        assert!(m.apply(Action::New));
        let id = first_criterion(&m);
        let axis = m.builtin.axes[0].id.clone();
        let (_, total) = m.axis_progress(&axis);
        assert_eq!(m.axis_progress(&axis), (0, total));
        m.apply(Action::SetLevel(id.clone(), Some("3".into())));
        m.apply(Action::SetTarget(id.clone(), Some("4".into())));
        m.apply(Action::SetEvidence(id.clone(), "AG 2016 <b>".into()));
        m.apply(Action::SetMeta(MetaField::Initiative, "Repair café".into()));
        assert_eq!(m.axis_progress(&axis), (1, total));

        let mut store = MemoryStore::default();
        persist(&mut store, &m).unwrap();
        let mut again = model();
        let store::Loaded::Restored(ws) = store::load(&mut store) else {
            panic!("not restored")
        };
        assert!(again.restore(ws).is_empty());
        let a = &again.active_entry().unwrap().assessment;
        assert_eq!(a.meta.initiative, "Repair café");
        assert_eq!(a.answers[&id].level.as_deref(), Some("3"));
        assert_eq!(a.answers[&id].target.as_deref(), Some("4"));
        assert_eq!(a.answers[&id].evidence.as_deref(), Some("AG 2016 <b>"));
        // New ids never collide with restored ones.
        again.apply(Action::New);
        let ids: Vec<_> = again.entries.iter().map(|e| e.id.clone()).collect();
        assert_eq!(ids, ["a1", "a2"]);
    }

    #[test]
    fn results_are_scored_once_per_state_and_again_after_any_change() {
        let scorings = std::cell::Cell::new(0);
        let clock = || {
            scorings.set(scorings.get() + 1);
            0.0
        };
        let mut m = model();
        assert!(m.scored(clock).is_none(), "no assessment, nothing to score");
        m.apply(Action::New);
        let id = first_criterion(&m);
        m.apply(Action::SetLevel(id.clone(), Some("3".into())));
        let before = scorings.get();
        for _ in 0..3 {
            let scored = m.scored(clock).expect("an active assessment");
            assert!(scored.report.is_ok());
            assert!(scored.radar_svg.starts_with("<?xml") || scored.radar_svg.contains("<svg"));
        }
        // The clock is read twice (start, end) by the one scoring.
        assert_eq!(scorings.get() - before, 2, "three views, one scoring");

        m.apply(Action::SetLevel(id.clone(), Some("1".into())));
        let level = |m: &Model| {
            let report = m.scored(|| 0.0).unwrap().report.as_ref().unwrap();
            report.axes[0].criteria[0]
                .level
                .as_ref()
                .unwrap()
                .code
                .clone()
        };
        assert_eq!(level(&m), "1", "a changed answer is scored anew");
        let copy = m.clone();
        assert_eq!(level(&copy), "1", "a copy of the state shares its results");
    }

    #[test]
    fn two_assessments_of_a_grid_are_compared() {
        let mut m = model();
        m.apply(Action::New);
        assert!(m.scored(|| 0.0).unwrap().compare_svg.is_empty());
        m.apply(Action::New);
        let scored = m.scored(|| 0.0).unwrap();
        assert_eq!(scored.compared.len(), 2);
        assert!(scored.compare_svg.contains("<svg"));
    }

    #[test]
    fn clearing_everything_removes_the_answer() {
        let mut m = model();
        m.apply(Action::New);
        let id = first_criterion(&m);
        m.apply(Action::SetLevel(id.clone(), Some("na".into())));
        m.apply(Action::SetEvidence(id.clone(), "x".into()));
        m.apply(Action::SetLevel(id.clone(), None));
        m.apply(Action::SetEvidence(id.clone(), String::new()));
        assert!(m.active_entry().unwrap().assessment.answers.is_empty());
    }

    #[test]
    fn exported_files_import_back_and_score() {
        let mut m = model();
        m.apply(Action::New);
        let id = first_criterion(&m);
        m.apply(Action::SetLevel(id.clone(), Some("1".into())));
        let a = m.active_entry().unwrap().assessment.clone();
        for (name, text) in [("a.toml", a.to_toml()), ("a.json", a.to_json())] {
            assert!(m.apply(Action::import(name, &text)), "{name}");
            let imported = &m.active_entry().unwrap().assessment;
            assert_eq!(imported.answers, a.answers);
            engine_bridge::score(&m.builtin, imported, "fr").expect("scores");
        }
        assert_eq!(m.entries.len(), 3);
    }

    #[test]
    fn refused_imports_are_reported_not_added() {
        let mut m = model();
        let bad = [
            ("broken.toml", "[assessment\ngrid ="),
            ("other.toml", "[assessment]\ngrid = \"autre\"\ninitiative = \"x\"\n"),
            (
                "code.toml",
                "[assessment]\ngrid = \"domino\"\ninitiative = \"x\"\n[answers]\n\"nope.nope\" = \"9\"\n",
            ),
            ("bad.json", "{\"assessment\": 3}"),
        ];
        for (name, text) in bad {
            assert!(!m.apply(Action::import(name, text)), "{name}");
        }
        assert!(m.entries.is_empty());
        assert!(m.notices.iter().all(|n| n.tone == Tone::Problem));
        assert!(m.notices.iter().any(|n| !n.details.is_empty()));
    }

    #[test]
    fn a_broken_grid_is_refused_with_rendered_diagnostics() {
        let mut m = model();
        assert!(!m.apply(Action::load_grid("g.toml", "[grid]\nid = 3\n")));
        let failure = m.grid_failure.clone().expect("failure kept");
        assert!(failure.refused.errors > 0);
        assert!(failure.refused.rendered.shown[0].contains("g.toml"));
        assert!(m.custom.is_none());
    }

    #[test]
    fn a_user_grid_is_used_then_dropped() {
        let mut m = model();
        m.apply(Action::New);
        assert!(m.apply(Action::load_grid(
            "domino-copy.toml",
            crate::engine_bridge::DOMINO_GRID
        )));
        assert_eq!(m.selected, GridChoice::Custom);
        assert!(
            m.active_entry().is_none(),
            "the builtin assessment is not shown with another grid"
        );
        m.apply(Action::New);
        assert_eq!(m.active_entry().unwrap().grid, GridChoice::Custom);
        m.apply(Action::DropGrid);
        assert_eq!(m.entries.len(), 1);
        assert_eq!(m.active_entry().unwrap().grid, GridChoice::Builtin);
    }

    #[test]
    fn unreadable_saved_assessments_are_set_aside_and_the_rest_restored() {
        let mut store = MemoryStore::default();
        let mut m = model();
        m.apply(Action::New);
        let mut ws = m.workspace();
        ws.assessments.push(SavedAssessment {
            id: "a9".into(),
            grid: "builtin".into(),
            data: "{oops".into(),
            rater: None,
        });
        ws.assessments.push(SavedAssessment {
            id: "a10".into(),
            grid: "custom".into(),
            data: "{}".into(),
            rater: None,
        });
        store::save(&mut store, &ws).unwrap();
        let store::Loaded::Restored(ws) = store::load(&mut store) else {
            panic!()
        };
        let mut again = model();
        let rejected = again.restore(ws);
        assert_eq!(rejected.len(), 2);
        assert_eq!(again.entries.len(), 1);
        assert_eq!(again.notices.len(), 1);
        assert!(store.get(store::WORKSPACE_KEY).is_some());
    }

    /// A model with a user grid (a copy of DOMINO) and one assessment of it, and its
    /// workspace as saved.
    fn with_user_grid() -> (Model, Workspace) {
        let mut m = model();
        m.apply(Action::load_grid("mine.toml", engine_bridge::DOMINO_GRID));
        m.apply(Action::New);
        let ws = m.workspace();
        (m, ws)
    }

    #[test]
    fn a_user_grid_is_restored_from_its_resolved_form_without_its_source() {
        let (m, mut ws) = with_user_grid();
        let saved = ws.grid.as_mut().unwrap();
        assert!(saved.resolved.is_some());
        // The source is kept for the grid page, not read again: start-up needs no TOML.
        saved.source = "not read at start-up".into();
        let mut again = model();
        assert!(again.restore(ws).is_empty());
        let custom = again.custom.as_ref().expect("grid restored");
        assert_eq!(
            custom.grid.to_resolved(),
            m.custom.as_ref().unwrap().grid.to_resolved()
        );
        assert_eq!(again.active_entry().unwrap().grid, GridChoice::Custom);
    }

    #[test]
    fn a_saved_grid_with_only_its_source_is_set_aside_with_its_assessments() {
        let (_, mut ws) = with_user_grid();
        // Left so only when the TOML reader could not give it its resolved form at start-up.
        ws.grid.as_mut().unwrap().resolved = None;
        let mut again = model();
        let rejected = again.restore(ws);
        assert_eq!(rejected.len(), 2, "the grid and its assessment");
        assert!(again.custom.is_none());
        assert_eq!(again.notices.len(), 1);
    }

    #[test]
    fn the_page_says_which_file_waits_for_the_toml_reader_until_it_comes() {
        let mut m = model();
        assert!(!m.apply(Action::Reading("mine.toml".into())));
        assert_eq!(m.reading.as_deref(), Some("mine.toml"));
        m.apply(Action::New);
        assert_eq!(
            m.reading.as_deref(),
            Some("mine.toml"),
            "other actions keep it"
        );
        m.apply(Action::load_grid("mine.toml", "bad line\n"));
        assert_eq!(m.reading, None);
    }
}
