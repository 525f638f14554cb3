//! A small grid and assessment for the tests.
//!
//! Axes `collectif` (0) and `solidarite` (1); criteria on a 0–4 scale:
//! `collectif.accueil` (0), `collectif.diversite` (1), `solidarite.acces_equitable` (2),
//! `solidarite.equilibre` (3); profile fields `territory` (0, choices `urbain`, `rural`,
//! `periurbain`) and `name` (1, free text).

use crate::rules::{AnswerState, Condition, Context, Facts, RuleError, Scope};

pub const CRITERIA: [&str; 4] = [
    "collectif.accueil",
    "collectif.diversite",
    "solidarite.acces_equitable",
    "solidarite.equilibre",
];
pub const AXES: [&str; 2] = ["collectif", "solidarite"];

pub struct TestScope;

impl Scope for TestScope {
    fn criterion(&self, full_id: &str) -> Option<usize> {
        CRITERIA.iter().position(|c| *c == full_id)
    }
    fn axis(&self, id: &str) -> Option<usize> {
        AXES.iter().position(|a| *a == id)
    }
    fn profile_field(&self, id: &str) -> Option<(usize, Option<Vec<String>>)> {
        match id {
            "territory" => Some((
                0,
                Some(vec!["urbain".into(), "rural".into(), "periurbain".into()]),
            )),
            "name" => Some((1, None)),
            _ => None,
        }
    }
    fn criterion_range(&self, _criterion: usize) -> (f64, f64) {
        (0.0, 4.0)
    }
    fn criterion_ids(&self) -> Vec<String> {
        CRITERIA.iter().map(|c| (*c).to_owned()).collect()
    }
    fn profile_field_ids(&self) -> Vec<String> {
        vec!["territory".into(), "name".into()]
    }
}

/// The facts of one assessment; everything unanswered or absent by default.
#[derive(Debug, Clone)]
pub struct TestFacts {
    pub states: [AnswerState; 4],
    pub levels: [Option<f64>; 4],
    pub targets: [Option<f64>; 4],
    pub spreads: [Option<f64>; 4],
    pub scores: [Option<f64>; 2],
    pub coverage: [Option<f64>; 2],
    pub overall: Option<f64>,
    pub profile: [Option<String>; 2],
}

impl Default for TestFacts {
    fn default() -> Self {
        TestFacts {
            states: [AnswerState::Unanswered; 4],
            levels: [None; 4],
            targets: [None; 4],
            spreads: [None; 4],
            scores: [None; 2],
            coverage: [None; 2],
            overall: None,
            profile: [None, None],
        }
    }
}

impl TestFacts {
    /// Answers a criterion with a level.
    pub fn answer(mut self, criterion: usize, level: f64) -> Self {
        self.states[criterion] = AnswerState::Answered;
        self.levels[criterion] = Some(level);
        self
    }

    /// Sets the state of a criterion, without level.
    pub fn state(mut self, criterion: usize, state: AnswerState) -> Self {
        self.states[criterion] = state;
        self.levels[criterion] = None;
        self
    }

    /// Sets the target of a criterion.
    pub fn target(mut self, criterion: usize, level: f64) -> Self {
        self.targets[criterion] = Some(level);
        self
    }

    /// Sets a profile field.
    pub fn profile(mut self, field: usize, value: &str) -> Self {
        self.profile[field] = Some(value.to_owned());
        self
    }
}

impl Facts for TestFacts {
    fn level(&self, criterion: usize) -> Option<f64> {
        // The `Facts` contract: a level exists only for an answered criterion.
        self.levels[criterion].filter(|_| self.states[criterion] == AnswerState::Answered)
    }
    fn target(&self, criterion: usize) -> Option<f64> {
        self.targets[criterion]
    }
    fn state(&self, criterion: usize) -> AnswerState {
        self.states[criterion]
    }
    fn spread(&self, criterion: usize) -> Option<f64> {
        self.spreads[criterion]
    }
    fn axis_score(&self, axis: usize) -> Option<f64> {
        self.scores[axis]
    }
    fn axis_coverage(&self, axis: usize) -> Option<f64> {
        self.coverage[axis]
    }
    fn overall(&self) -> Option<f64> {
        self.overall
    }
    fn profile(&self, field: usize) -> Option<&str> {
        self.profile[field].as_deref()
    }
}

/// Compiles a rule condition that must be valid.
#[track_caller]
pub fn compile(source: &str) -> Condition {
    match Condition::compile(source, &TestScope, Context::Rule) {
        Ok(c) => c,
        Err(e) => panic!("`{source}` should compile, got {e:#?}"),
    }
}

/// The errors of a rule condition that must be invalid.
#[track_caller]
pub fn errors(source: &str) -> Vec<RuleError> {
    errors_in(source, Context::Rule)
}

/// The errors of a condition that must be invalid in `context`.
#[track_caller]
pub fn errors_in(source: &str, context: Context) -> Vec<RuleError> {
    match Condition::compile(source, &TestScope, context) {
        Ok(_) => panic!("`{source}` should not compile"),
        Err(e) => e,
    }
}

/// The single error of a condition.
#[track_caller]
pub fn error(source: &str) -> RuleError {
    let mut all = errors(source);
    assert_eq!(all.len(), 1, "`{source}`: expected one error, got {all:#?}");
    all.remove(0)
}

/// Evaluates a rule condition.
#[track_caller]
pub fn eval(source: &str, facts: &TestFacts) -> bool {
    compile(source).evaluate(facts)
}
