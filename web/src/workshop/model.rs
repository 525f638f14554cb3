//! What a workshop page knows, and every change to it, as a pure reducer (tested
//! natively). Requests and the event stream live in the component; they report here.

use super::api::{AnswerRow, Answers, ConsensusRow, Link, Me, Overview, Session};
use super::outbox::Outbox;
use crate::i18n::Lang;
use domino_engine::divergence::Divergence;
use domino_engine::{Assessment, Grid, Report};
use std::rc::Rc;

/// The state of one workshop page (one link).
#[derive(Debug, Clone, Default)]
pub struct Workshop {
    /// What the link is (`None` until the server said).
    pub me: Option<Me>,
    /// The session shown.
    pub session: Option<Session>,
    /// Its grid.
    pub grid: Option<Rc<Grid>>,
    /// The answers this link may read.
    pub answers: Answers,
    /// The session's consolidated assessment file, when the link may read it (from
    /// reveal on for participants, once closed and published for observers).
    pub consolidated: Option<Rc<str>>,
    /// The previous session's (facilitator).
    pub previous: Option<Rc<str>>,
    /// The session's per-participant assessment file (from reveal on).
    pub raters: Option<Rc<str>>,
    /// Each participant's level and the agreed ones, per criterion.
    pub divergence: Option<Rc<Divergence>>,
    /// The criterion chosen for the consensus.
    pub chosen: Option<String>,
    /// The report of [`Workshop::consolidated`], scored here by the engine.
    pub report: Option<Rc<Report>>,
    /// The previous session's report, for the progress view.
    pub previous_report: Option<Rc<Report>>,
    /// The language reports are written in.
    pub lang: Lang,
    /// The facilitator's overview of the workspace.
    pub overview: Option<Overview>,
    /// The facilitator's links (to revoke one).
    pub links: Vec<Link>,
    /// The facilitator's chosen session.
    pub selected: Option<String>,
    /// The stream is open.
    pub online: bool,
    /// The participant's answers waiting to be sent, and conflicts.
    pub outbox: Outbox,
    /// A problem to show (a refusal's message).
    pub problem: Option<String>,
    /// Bumped by every event: the page reads what changed.
    pub tick: u64,
    /// Bumped by the events that change the workspace's overview or links (not answers).
    pub setup_tick: u64,
    /// The criterion on screen (participant), in grid order.
    pub step: usize,
    /// Answers in flight are being sent.
    pub sending: bool,
    newest_load: u64,
}

/// A change to the state.
#[derive(Debug, Clone)]
pub enum Msg {
    /// The server said what the link is.
    Me(Me),
    /// The session and what may be read of it, read at `tick`.
    Loaded(u64, Box<Loaded>),
    /// The session's grid.
    Grid(Rc<Grid>),
    /// The interface language.
    Lang(Lang),
    /// The facilitator's overview.
    Overview(Overview),
    /// The facilitator's links.
    Links(Vec<Link>),
    /// The facilitator opens a session.
    Select(String),
    /// The stream opened or broke.
    Online(bool),
    /// An event arrived (its name: `answer`, `phase`, `join`…), or a change was made here.
    Event(String),
    /// The outbox as stored now.
    Outbox(Outbox),
    /// Sending started or stopped.
    Sending(bool),
    /// A problem to show, or none.
    Problem(Option<String>),
    /// Show another criterion.
    Step(usize),
    /// Choose a criterion for the consensus.
    Choose(String),
}

/// One reading of the session.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The session.
    pub session: Session,
    /// Its answers (empty for observers).
    pub answers: Answers,
    /// Its consolidated assessment file, when the link may read it.
    pub consolidated: Option<Rc<str>>,
    /// The previous session's (facilitator).
    pub previous: Option<Rc<str>>,
    /// Its per-participant assessment file (from reveal on).
    pub raters: Option<Rc<str>>,
}

impl Workshop {
    /// Applies a change.
    pub fn apply(&mut self, msg: Msg) {
        match msg {
            Msg::Me(me) => {
                self.selected = me.session.clone();
                self.me = Some(me);
            }
            Msg::Loaded(tick, loaded) => self.loaded(tick, *loaded),
            Msg::Grid(g) => {
                self.grid = Some(g);
                self.rescore();
            }
            Msg::Lang(l) => {
                self.lang = l;
                self.rescore();
            }
            Msg::Overview(o) => {
                if self.selected.is_none() {
                    self.selected = last_session(&o);
                }
                self.overview = Some(o);
            }
            Msg::Links(l) => self.links = l,
            Msg::Select(id) => {
                if self.selected.as_deref() != Some(id.as_str()) {
                    self.session = None;
                    self.grid = None;
                    self.consolidated = None;
                    self.previous = None;
                    self.raters = None;
                    self.divergence = None;
                    self.report = None;
                    self.previous_report = None;
                    self.answers = Answers::default();
                }
                self.selected = Some(id);
                self.tick += 1;
                self.setup_tick += 1;
            }
            Msg::Online(on) => {
                if on && !self.online {
                    self.tick += 1;
                    self.problem = None;
                }
                self.online = on;
            }
            Msg::Event(kind) => {
                self.tick += 1;
                if !matches!(kind.as_str(), "answer" | "consensus") {
                    self.setup_tick += 1;
                }
            }
            Msg::Outbox(o) => self.outbox = o,
            Msg::Sending(s) => self.sending = s,
            Msg::Problem(p) => self.problem = p,
            Msg::Step(i) => self.step = i,
            Msg::Choose(id) => self.chosen = Some(id),
        }
    }

    /// A reading is kept unless a newer one was already applied (answers arrive out of
    /// order when events come in quick succession).
    fn loaded(&mut self, tick: u64, loaded: Loaded) {
        if tick < self.newest_load || self.selected.as_deref() != Some(loaded.session.id.as_str()) {
            return;
        }
        self.newest_load = tick;
        self.session = Some(loaded.session);
        let changed = self.consolidated != loaded.consolidated
            || self.previous != loaded.previous
            || self.raters != loaded.raters
            || self.answers.consensus != loaded.answers.consensus;
        self.answers = loaded.answers;
        self.consolidated = loaded.consolidated;
        self.previous = loaded.previous;
        self.raters = loaded.raters;
        if changed || self.report.is_none() {
            self.rescore();
        }
    }

    /// Scores the consolidated files with the grid, in the page's language.
    fn rescore(&mut self) {
        let Some(grid) = &self.grid else {
            return;
        };
        let lang = self.lang.code();
        self.report = self
            .consolidated
            .as_deref()
            .and_then(|f| score(grid, f, lang));
        self.previous_report = self.previous.as_deref().and_then(|f| score(grid, f, lang));
        self.divergence = self.raters.as_deref().and_then(|f| {
            let a = with_consensus(f, &self.answers.consensus)?;
            let report = crate::engine_bridge::score(grid, &a, lang).ok()?;
            Some(Rc::new(Divergence::of_report(grid, &report)))
        });
    }

    /// The role of the link, once known.
    pub fn role(&self) -> &str {
        self.me.as_ref().map_or("", |m| m.role.as_str())
    }

    /// The phase of the session shown.
    pub fn phase(&self) -> &str {
        self.session.as_ref().map_or("", |s| s.phase.as_str())
    }

    /// This participant's stored answer to `criterion`.
    pub fn own_answer(&self, criterion: &str) -> Option<&AnswerRow> {
        let me = self.me.as_ref()?.participant.as_deref()?;
        self.answers
            .answers
            .iter()
            .find(|a| a.participant == me && a.criterion == criterion)
    }

    /// The level this participant sees for `criterion`: the one waiting to be sent, else
    /// the one acknowledged here if the list read has not caught up, else the stored
    /// one; and whether it is still to confirm.
    pub fn shown_level(&self, criterion: &str) -> (Option<String>, bool) {
        if let Some(level) = self.outbox.latest_level(criterion) {
            return (Some(level.to_string()), false);
        }
        let stored = self.own_answer(criterion);
        let version = stored.map_or(0, |a| a.version);
        if let Some(level) = self.outbox.acked_level(criterion, version) {
            return (Some(level.to_string()), false);
        }
        match stored {
            Some(a) => (a.level.clone(), a.to_confirm),
            None => (None, false),
        }
    }

    /// How many criteria this participant has answered (sent or waiting), of `total`.
    pub fn answered_count(&self, grid: &Grid) -> usize {
        grid.criteria()
            .filter(|(_, c)| match self.shown_level(&c.full_id) {
                (Some(_), to_confirm) => !to_confirm,
                (None, _) => false,
            })
            .count()
    }
}

/// The report of a consolidated assessment file (the one the server's `…/results`
/// scores), in `lang`: the page scores it with the engine, as the offline app does;
/// `None` when it does not score with this grid.
pub fn score(grid: &Grid, file: &str, lang: &str) -> Option<Rc<Report>> {
    let a = crate::engine_bridge::read_json_assessment("session.json", file).ok()?;
    crate::engine_bridge::score(grid, &a, lang)
        .ok()
        .map(Rc::new)
}

/// The per-participant file with the group's agreed levels beside the participants'
/// (the engine reads a level beside `by` as the consensus, and its evidence as the
/// note); levels copied from a previous session and not yet confirmed are left out.
pub fn with_consensus(raters: &str, agreed: &[ConsensusRow]) -> Option<Assessment> {
    let mut a = crate::engine_bridge::read_json_assessment("raters.json", raters).ok()?;
    for row in agreed.iter().filter(|r| !r.to_confirm) {
        let answer = a.answers.entry(row.criterion.clone()).or_default();
        answer.level = row.level.clone();
        answer.evidence = (!row.note.is_empty()).then(|| row.note.clone());
    }
    Some(a)
}

/// The most recent session of the workspace (the last initiative's last one).
pub fn last_session(o: &Overview) -> Option<String> {
    o.initiatives
        .iter()
        .rev()
        .find_map(|i| i.sessions.last())
        .map(|s| s.id.clone())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::workshop::outbox::Draft;

    fn session(id: &str, phase: &str) -> Session {
        serde_json::from_value(serde_json::json!({
            "id": id, "initiative": "i", "grid": "domino", "date": "2026-12-01", "phase": phase,
        }))
        .unwrap()
    }

    fn participant_page() -> Workshop {
        let mut w = Workshop::default();
        w.apply(Msg::Me(Me {
            role: "participant".into(),
            workspace: "w".into(),
            session: Some("s".into()),
            participant: Some("p".into()),
        }));
        w
    }

    fn loaded(w: &mut Workshop, tick: u64, phase: &str, answers: Vec<AnswerRow>) {
        w.apply(Msg::Loaded(
            tick,
            Box::new(Loaded {
                session: session("s", phase),
                answers: Answers {
                    phase: phase.into(),
                    answers,
                    consensus: vec![],
                },
                consolidated: None,
                previous: None,
                raters: None,
            }),
        ));
    }

    fn row(criterion: &str, level: &str, to_confirm: bool) -> AnswerRow {
        AnswerRow {
            participant: "p".into(),
            criterion: criterion.into(),
            level: Some(level.into()),
            target: None,
            evidence: None,
            version: 1,
            to_confirm,
        }
    }

    #[test]
    fn an_older_reading_arriving_late_does_not_replace_a_newer_one() {
        let mut w = participant_page();
        loaded(&mut w, 2, "reveal", vec![]);
        loaded(&mut w, 1, "rating", vec![]);
        assert_eq!(w.phase(), "reveal");
    }

    #[test]
    fn a_waiting_answer_is_shown_and_counted_and_a_prefilled_one_is_not_counted() {
        let grid = crate::engine_bridge::builtin();
        let ids: Vec<String> = grid.criteria().map(|(_, c)| c.full_id.clone()).collect();
        let mut w = participant_page();
        loaded(
            &mut w,
            1,
            "rating",
            vec![row(&ids[0], "2", true), row(&ids[1], "3", false)],
        );
        assert_eq!(w.shown_level(&ids[0]), (Some("2".into()), true));
        assert_eq!(w.answered_count(&grid), 1);
        let mut o = Outbox::default();
        o.enqueue(
            Draft {
                criterion: ids[0].clone(),
                level: "4".into(),
                target: None,
                evidence: None,
            },
            1,
        );
        w.apply(Msg::Outbox(o));
        assert_eq!(w.shown_level(&ids[0]), (Some("4".into()), false));
        assert_eq!(w.answered_count(&grid), 2);
    }

    #[test]
    fn agreed_levels_sit_beside_the_participants_and_unconfirmed_ones_are_left_out() {
        let grid = crate::engine_bridge::builtin();
        let ids: Vec<String> = grid.criteria().map(|(_, c)| c.full_id.clone()).collect();
        let raters = format!(
            r#"{{"assessment": {{"grid": "domino", "initiative": "x", "raters": ["<b>A</b>", "B"]}},
               "answers": {{"{0}": {{"by": {{"<b>A</b>": "1", "B": "4"}}}}, "{1}": {{"by": {{"<b>A</b>": "1", "B": "4"}}}}}}}}"#,
            ids[0], ids[1]
        );
        let row = |c: &str, to_confirm| ConsensusRow {
            criterion: c.into(),
            level: Some("3".into()),
            note: "après débat".into(),
            version: 1,
            to_confirm,
        };
        let a = with_consensus(&raters, &[row(&ids[0], false), row(&ids[1], true)]).unwrap();
        assert_eq!(a.answers[&ids[0]].level.as_deref(), Some("3"));
        assert_eq!(a.answers[&ids[0]].evidence.as_deref(), Some("après débat"));
        assert_eq!(a.answers[&ids[1]].level, None, "to confirm: not agreed yet");
        let report = crate::engine_bridge::score(&grid, &a, "fr").unwrap();
        let d = Divergence::of_report(&grid, &report);
        let standing = |id: &str| d.rows.iter().find(|r| r.criterion == id).unwrap().standing;
        use domino_engine::divergence::Standing;
        assert_eq!(standing(&ids[0]), Standing::Agreed);
        assert_eq!(standing(&ids[1]), Standing::ToDebate);
        assert_eq!(d.raters, ["<b>A</b>", "B"]);
    }

    #[test]
    fn the_stream_coming_back_makes_the_page_read_again() {
        let mut w = participant_page();
        let before = w.tick;
        w.apply(Msg::Online(true));
        w.apply(Msg::Online(true));
        w.apply(Msg::Event("answer".into()));
        assert_eq!(w.tick, before + 2);
        assert_eq!(w.setup_tick, 0, "an answer does not change the overview");
        w.apply(Msg::Event("join".into()));
        assert_eq!(w.setup_tick, 1);
    }
}
