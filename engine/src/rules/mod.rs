//! The rule language: conditions written in grids (`when = "…"`, `relevant = "…"`).
//!
//! A condition is parsed once, when the grid loads, into a typed syntax tree that
//! is checked against the grid (every name resolved, every operator type-checked),
//! then evaluated many times against the facts of an assessment.
//!
//! ```text
//! solidarite.acces_equitable <= 1 and not unknown(solidarite.acces_equitable)
//! count(collectif.accueil >= 3, collectif.diversite >= 3) >= 1
//! profile.territory in ['rural', 'periurbain'] and score(ressources) < 40
//! ```
//!
//! Semantics, in short:
//! - a criterion reference (`axis.criterion`) is the **score of its consolidated
//!   option** (a number), or *missing* when unanswered, `na`, unknown or not relevant;
//! - any comparison involving a missing value is `false`; arithmetic on a missing
//!   value is missing; `min`/`max` ignore missing values;
//! - `profile.field` is a string (missing when not given);
//! - `score(axis)` is the axis score 0–100, `score()` the overall score, `coverage(axis)`
//!   the share of applicable criteria answered (0–100);
//! - `count(c1, c2, …)` counts the true conditions;
//! - `spread(x)` is the gap, in scale steps, between the highest and lowest rater.
//!
//! - a comparison that is false because of a missing value makes `not (…)` true:
//!   `not` is plain boolean negation, so `not (x <= 1)` holds when `x` is unanswered;
//! - `na(x)` is true for criteria declared not applicable and for criteria skipped
//!   by their `relevant` condition;
//! - a level is missing unless the criterion's state is answered; a target is
//!   read whenever one was given (an aim does not depend on the current answer);
//! - division by zero (and any non-finite result) is missing;
//! - grid ids may contain `-`, so `a.b-c` is one name: write `a.b - c` to subtract.
//!
//! The checker needs to know the grid ([`Scope`]); evaluation needs the facts of
//! one assessment ([`Facts`]). [`Condition::compile`] does both steps of the
//! compilation and reports every problem it can find; [`Condition::evaluate`] is
//! the allocation-free hot path and [`Condition::explain`] the trace of the leaves.
//! [`Condition::describe`] tells a compiled condition in plain words (French or
//! English), naming what it reads by the titles a [`Names`] gives.

mod ast;
mod check;
mod compiled;
mod condition;
mod describe;
mod error;
mod eval;
mod keywords;
mod lexer;
mod parser;
mod program;
mod run;
mod shapes;
pub(crate) mod suggest;
mod value;

#[cfg(test)]
mod tests;

pub(crate) use compiled::{Slots, Table, TABLES};
pub use condition::{Condition, References};
pub use describe::Names;
pub use error::{RuleError, RuleErrorKind};
pub use value::{TraceStep, Value};

/// Longest accepted condition, in bytes.
pub const MAX_LENGTH: usize = 4096;
/// Deepest accepted nesting of parentheses, unary operators, calls and lists.
pub const MAX_DEPTH: usize = 32;
/// Most values accepted in one `in [ … ]` list.
pub const MAX_LIST_ITEMS: usize = 256;

/// What the grid offers to name resolution while a condition is compiled.
pub trait Scope {
    /// Index of the criterion with this full id (`axis.criterion`).
    fn criterion(&self, full_id: &str) -> Option<usize>;
    /// Index of the axis with this id.
    fn axis(&self, id: &str) -> Option<usize>;
    /// Index of the profile field with this id, and its closed list of choices (if any).
    fn profile_field(&self, id: &str) -> Option<(usize, Option<Vec<String>>)>;
    /// Lowest and highest option score of the criterion's scale (for lints and hints).
    fn criterion_range(&self, criterion: usize) -> (f64, f64);
    /// All known criterion full ids (for "did you mean" hints).
    fn criterion_ids(&self) -> Vec<String>;
    /// All known axis ids (for "did you mean" hints).
    ///
    /// Added for hints about misspelt axes; the default derives them from
    /// [`Scope::criterion_ids`] (the part before the dot), which misses axes
    /// without criteria.
    fn axis_ids(&self) -> Vec<String> {
        let mut ids: Vec<String> = Vec::new();
        for id in self.criterion_ids() {
            let axis = id.split_once('.').map_or(id.as_str(), |(a, _)| a);
            if !ids.iter().any(|known| known == axis) {
                ids.push(axis.to_owned());
            }
        }
        ids
    }
    /// All known profile field ids (for "did you mean" hints).
    ///
    /// Added for hints about misspelt profile fields; the default knows none, so
    /// such errors then come without a suggestion.
    fn profile_field_ids(&self) -> Vec<String> {
        Vec::new()
    }
    /// Whether a "did you mean" hint may compare one name with `candidates`
    /// known names.
    ///
    /// Hints cost one comparison per known name, so a grid of thousands of
    /// names whose conditions misspell thousands of them would spend minutes on
    /// hints. A scope shared by all the conditions of a grid can keep a budget
    /// and refuse once it is spent: errors then keep their plain hint. The
    /// default always allows.
    fn may_suggest(&self, candidates: usize) -> bool {
        let _ = candidates;
        true
    }
}

/// Where a condition is used: decides which names it may use.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    /// `[[rules]] when`: everything is allowed.
    Rule,
    /// A criterion's `relevant` skip logic: evaluated before any score exists, so
    /// `score(…)`, `coverage(…)` and `spread(…)` are refused.
    Relevance,
}

/// The state of one criterion in an assessment, as a condition sees it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum AnswerState {
    /// No answer given (empty).
    Unanswered,
    /// A level was given.
    Answered,
    /// Declared not applicable (`na`).
    NotApplicable,
    /// Declared unknown (`?`).
    Unknown,
    /// Skipped by the criterion's `relevant` condition.
    NotRelevant,
}

/// The facts of one assessment, read by conditions during evaluation.
pub trait Facts {
    /// Score of the consolidated option of a criterion; `None` unless its state
    /// is [`AnswerState::Answered`].
    fn level(&self, criterion: usize) -> Option<f64>;
    /// Score of the target option of a criterion, if given.
    fn target(&self, criterion: usize) -> Option<f64>;
    /// The state of a criterion's answer.
    fn state(&self, criterion: usize) -> AnswerState;
    /// Gap in scale steps between the highest and lowest rater (missing with < 2 raters).
    fn spread(&self, criterion: usize) -> Option<f64>;
    /// Axis score 0–100, if any criterion of the axis is answered.
    fn axis_score(&self, axis: usize) -> Option<f64>;
    /// Axis coverage 0–100 (answered / applicable), missing when nothing is applicable.
    fn axis_coverage(&self, axis: usize) -> Option<f64>;
    /// Overall score 0–100.
    fn overall(&self) -> Option<f64>;
    /// Value of a profile field.
    fn profile(&self, field: usize) -> Option<&str>;
}
