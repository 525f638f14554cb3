//! Findings stability: which findings can move with the weights, what they
//! read, and whether a run fires a different set of them than the nominal
//! scoring.
//!
//! Built-in findings (a critical criterion low or unknown, a target gap, raters
//! apart) read answers only, and so do rules that read no score: none of them
//! can change with the weights. The rules that read an axis score or coverage
//! (`score(a)`, `coverage(a)`) or the overall score (`score()`) are evaluated
//! again in each run, on that run's scores (on the geometric scale with
//! `--aggregation geometric`). **An initiative's findings change in a run when
//! the set of those rules that fire differs from the nominal set.** A rule
//! reading only coverage never changes: it is evaluated anyway, which costs
//! time, not correctness.
//!
//! What those rules read besides scores is kept per initiative
//! ([`RuleFacts`]): only the criteria and profile fields they name, so that
//! memory does not grow with the rest of the grid.

use crate::grid::Grid;
use crate::rules::{AnswerState, Facts};
use crate::scoring::Evaluation;
use serde::{Deserialize, Serialize};

/// The rules of a grid whose firing may depend on the weights, and what they read.
#[derive(Debug, Clone, Default)]
pub(crate) struct WeightedRules {
    /// Their indices in the grid's rules.
    pub rules: Vec<usize>,
    /// Per grid criterion, its place in [`RuleFacts::criteria`], if read.
    criterion_slot: Vec<Option<u32>>,
    /// The criteria read, in slot order.
    criteria: Vec<usize>,
    /// Per profile field, its place in [`RuleFacts::profile`], if read.
    profile_slot: Vec<Option<u32>>,
    /// The profile fields read, in slot order.
    profile: Vec<usize>,
    /// Whether the grid computes an overall score (`score()` reads nothing otherwise).
    overall: bool,
}

impl WeightedRules {
    pub fn of(grid: &Grid) -> Self {
        let mut w = WeightedRules {
            criterion_slot: vec![None; grid.criterion_count()],
            profile_slot: vec![None; grid.profile.len()],
            overall: grid.overall,
            ..WeightedRules::default()
        };
        for (i, rule) in grid.rules.iter().enumerate() {
            let refs = rule.when.references();
            if refs.axes.is_empty() && !refs.overall {
                continue;
            }
            w.rules.push(i);
            for &c in &refs.criteria {
                if w.criterion_slot[c].is_none() {
                    w.criterion_slot[c] = Some(w.criteria.len() as u32);
                    w.criteria.push(c);
                }
            }
            for &f in &refs.profile_fields {
                if w.profile_slot[f].is_none() {
                    w.profile_slot[f] = Some(w.profile.len() as u32);
                    w.profile.push(f);
                }
            }
        }
        w
    }

    /// Whether a run can change any finding.
    pub fn any(&self) -> bool {
        !self.rules.is_empty()
    }

    /// The facts of one initiative in one run: its scores (NaN when absent).
    fn run<'a>(
        &'a self,
        facts: &'a RuleFacts,
        axis_scores: &'a [f64],
        composite: f64,
    ) -> RunFacts<'a> {
        RunFacts {
            rules: self,
            facts,
            axis_scores,
            overall: self.overall.then_some(composite).filter(|x| !x.is_nan()),
        }
    }

    /// Evaluates each rule on `facts` with these scores and reports whether
    /// any differs from `nominal` (one flag per rule).
    pub fn changed(
        &self,
        grid: &Grid,
        facts: &RuleFacts,
        axis_scores: &[f64],
        composite: f64,
        nominal: &[bool],
    ) -> bool {
        let run = self.run(facts, axis_scores, composite);
        self.rules
            .iter()
            .zip(nominal)
            .any(|(&r, &fired)| grid.rules[r].when.evaluate_with(&run) != fired)
    }

    /// Evaluates each rule on `facts` with these scores, into `out`.
    pub fn fired(
        &self,
        grid: &Grid,
        facts: &RuleFacts,
        axis_scores: &[f64],
        composite: f64,
        out: &mut Vec<bool>,
    ) {
        let run = self.run(facts, axis_scores, composite);
        out.extend(
            self.rules
                .iter()
                .map(|&r| grid.rules[r].when.evaluate_with(&run)),
        );
    }
}

/// What the weight-dependent rules of a grid read of one initiative, besides
/// its scores.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct RuleFacts {
    criteria: Vec<FactCriterion>,
    coverage: Vec<Option<f64>>,
    profile: Vec<Option<String>>,
}

/// One criterion as a condition reads it.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
struct FactCriterion {
    state: State,
    level: Option<f64>,
    target: Option<f64>,
    spread: Option<f64>,
}

/// [`AnswerState`], serializable.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
enum State {
    Unanswered,
    Answered,
    NotApplicable,
    Unknown,
    NotRelevant,
}

impl State {
    fn of(s: AnswerState) -> Self {
        match s {
            AnswerState::Unanswered => State::Unanswered,
            AnswerState::Answered => State::Answered,
            AnswerState::NotApplicable => State::NotApplicable,
            AnswerState::Unknown => State::Unknown,
            AnswerState::NotRelevant => State::NotRelevant,
        }
    }

    fn answer_state(self) -> AnswerState {
        match self {
            State::Unanswered => AnswerState::Unanswered,
            State::Answered => AnswerState::Answered,
            State::NotApplicable => AnswerState::NotApplicable,
            State::Unknown => AnswerState::Unknown,
            State::NotRelevant => AnswerState::NotRelevant,
        }
    }
}

impl RuleFacts {
    /// What `grid`'s weight-dependent rules read of `e`.
    pub(crate) fn of(grid: &Grid, rules: &WeightedRules, e: &Evaluation) -> Self {
        if !rules.any() {
            return RuleFacts::default();
        }
        let criteria = rules
            .criteria
            .iter()
            .map(|&c| {
                let r = &e.criteria[c];
                FactCriterion {
                    state: State::of(r.state),
                    level: grid.level_score(c, r.level),
                    target: grid.level_score(c, e.responses.answers[c].target),
                    spread: r.spread.map(f64::from),
                }
            })
            .collect();
        let profile = rules
            .profile
            .iter()
            .map(|&f| e.responses.profile.get(f).cloned().flatten())
            .collect();
        RuleFacts {
            criteria,
            coverage: e.axes.iter().map(|a| a.coverage()).collect(),
            profile,
        }
    }
}

/// The facts of one initiative in one run.
struct RunFacts<'a> {
    rules: &'a WeightedRules,
    facts: &'a RuleFacts,
    axis_scores: &'a [f64],
    overall: Option<f64>,
}

impl RunFacts<'_> {
    fn criterion(&self, c: usize) -> Option<&FactCriterion> {
        let slot = self.rules.criterion_slot.get(c).copied().flatten()?;
        self.facts.criteria.get(slot as usize)
    }
}

impl Facts for RunFacts<'_> {
    fn level(&self, criterion: usize) -> Option<f64> {
        self.criterion(criterion)?.level
    }

    fn target(&self, criterion: usize) -> Option<f64> {
        self.criterion(criterion)?.target
    }

    fn state(&self, criterion: usize) -> AnswerState {
        self.criterion(criterion)
            .map_or(AnswerState::Unanswered, |c| c.state.answer_state())
    }

    fn spread(&self, criterion: usize) -> Option<f64> {
        self.criterion(criterion)?.spread
    }

    fn axis_score(&self, axis: usize) -> Option<f64> {
        self.axis_scores.get(axis).copied().filter(|x| !x.is_nan())
    }

    fn axis_coverage(&self, axis: usize) -> Option<f64> {
        self.facts.coverage.get(axis).copied().flatten()
    }

    fn overall(&self) -> Option<f64> {
        self.overall
    }

    fn profile(&self, field: usize) -> Option<&str> {
        let slot = self.rules.profile_slot.get(field).copied().flatten()?;
        self.facts.profile.get(slot as usize)?.as_deref()
    }
}
