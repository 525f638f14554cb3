//! Lints: warnings about grids that load but are probably not what their author meant.
//!
//! A rule is checked by enumerating every combination of the facts it reads
//! (each criterion's possible answers, each profile choice, sample scores around
//! the numbers the rule mentions). A rule false for all of them can never fire; a
//! rule true for all of them fires for every assessment. Rules whose combinations
//! are too many, or that read free-text profile fields, are not checked; nor are
//! the rules that come after the whole grid's budget of combinations is spent,
//! so that a grid of thousands of rules still loads in a blink.

use super::load::content_span;
use super::model::Grid;
use crate::diagnostic::{Diagnostic, LineIndex};
use crate::document::{Node, Value};
use crate::rules::{AnswerState, Condition, Facts};
use std::collections::HashSet;
use std::ops::Range;

/// Above this many combinations a rule is not enumerated.
const MAX_COMBINATIONS: usize = 100_000;

/// Combinations enumerated for all the rules of a grid together, at most
/// (a few tenths of a second); the DOMINO grid's 45 rules take about 3,600.
const GRID_BUDGET: usize = 2_000_000;

/// Runs every lint.
///
/// `root` is the grid's document, where the lints find the place of each rule
/// and recommendation (the grid loaded without errors, so its rules and
/// recommendations are the document's, in the same order).
pub(super) fn lint(grid: &Grid, index: &LineIndex<'_>, root: &Node) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut budget = GRID_BUDGET;
    for (i, rule) in grid.rules.iter().enumerate() {
        if let Some(verdict) = always_or_never(grid, &rule.when, &mut budget) {
            let (code, message, hint) = match verdict {
                Verdict::Never => (
                    "rule-never-fires",
                    format!("rule `{}` can never fire", rule.id),
                    "no possible answers make its condition true: check the levels and operators",
                ),
                Verdict::Always => (
                    "rule-always-fires",
                    format!("rule `{}` fires for every assessment", rule.id),
                    "its condition is true whatever the answers: it says nothing about the practice",
                ),
            };
            out.push(
                Diagnostic::warning(code, message)
                    .with_hint(hint)
                    .with_path(format!("rules[{i}].when"))
                    .at(condition_span(index.source(), root, i, rule.when.source()))
                    .locate_in(index),
            );
        }
    }
    let used: HashSet<&str> = grid
        .rules
        .iter()
        .flat_map(|r| r.recommend.iter().map(String::as_str))
        .collect();
    for (i, rec) in grid.recommendations.iter().enumerate() {
        if !used.contains(rec.id.as_str()) {
            out.push(
                Diagnostic::warning(
                    "unused-recommendation",
                    format!("recommendation `{}` is not recommended by any rule", rec.id),
                )
                .with_hint("name it in a rule's `recommend` list, or remove it")
                .with_path(format!("recommendations[{i}]"))
                .at(item_span(root, "recommendations", i, "id"))
                .locate_in(index),
            );
        }
    }
    out
}

/// The condition of rule `i`: its text in the file, or its whole string.
fn condition_span(source: &str, root: &Node, i: usize, condition: &str) -> Option<Range<usize>> {
    let span = item_span(root, "rules", i, "when")?;
    content_span(source, span.clone(), condition).or(Some(span))
}

/// The span of the value of `key` in item `i` of the top-level array `array`.
fn item_span(root: &Node, array: &str, i: usize, key: &str) -> Option<Range<usize>> {
    let Value::Array(items) = &field(root, array)?.value else {
        return None;
    };
    field(items.get(i)?, key)?.span.clone()
}

fn field<'n>(node: &'n Node, key: &str) -> Option<&'n Node> {
    let Value::Table(entries) = &node.value else {
        return None;
    };
    entries.iter().find(|(k, _, _)| k == key).map(|(_, _, n)| n)
}

#[derive(Debug, PartialEq)]
enum Verdict {
    Never,
    Always,
}

/// One possible answer of a criterion, for enumeration.
#[derive(Clone, Copy)]
struct Sample {
    state: AnswerState,
    level: Option<f64>,
}

/// Enumerates the rule's combinations, taking them from `budget`; None when
/// the rule can be both true and false, or is not checked.
fn always_or_never(grid: &Grid, condition: &Condition, budget: &mut usize) -> Option<Verdict> {
    let dims = dimensions(grid, condition)?;
    let total = dims.iter().try_fold(1usize, |acc, d| {
        acc.checked_mul(d.len()).filter(|&n| n <= MAX_COMBINATIONS)
    })?;
    if total > *budget {
        return None;
    }
    let mut facts = LintFacts::new(grid);
    let (mut seen_true, mut seen_false) = (false, false);
    for mut n in 0..total {
        *budget -= 1;
        for d in &dims {
            let len = d.len();
            d.apply(n % len, &mut facts);
            n /= len;
        }
        if condition.evaluate_with(&facts) {
            seen_true = true;
        } else {
            seen_false = true;
        }
        if seen_true && seen_false {
            return None;
        }
    }
    match (seen_true, seen_false) {
        (false, _) => Some(Verdict::Never),
        (true, false) => Some(Verdict::Always),
        _ => None,
    }
}

/// What the rule reads, each with the values it can take; None when it
/// reads a free-text profile field, whose values cannot be listed.
fn dimensions(grid: &Grid, condition: &Condition) -> Option<Vec<Dimension>> {
    let refs = condition.references();
    let numbers = sample_numbers(&condition.numeric_literals());
    let mut dims: Vec<Dimension> = Vec::new();
    for &c in &refs.criteria {
        let scale = grid.scale_of(c);
        dims.push(Dimension::Criterion(c, criterion_samples(grid, c)));
        if refs.targets.contains(&c) {
            let mut t = vec![None];
            t.extend(scale.options.iter().map(|o| Some(o.score)));
            dims.push(Dimension::Target(c, t));
        }
        if refs.spreads.contains(&c) {
            let mut s = vec![None];
            s.extend((0..scale.options.len()).map(|n| Some(n as f64)));
            dims.push(Dimension::Spread(c, s));
        }
    }
    for &a in &refs.axes {
        dims.push(Dimension::AxisScore(a, numbers.clone()));
        dims.push(Dimension::AxisCoverage(a, numbers.clone()));
    }
    if refs.overall {
        dims.push(Dimension::Overall(numbers.clone()));
    }
    for &f in &refs.profile_fields {
        let choices = grid.profile[f].choices.as_ref()?;
        let mut values = vec![None];
        values.extend(choices.iter().map(|c| Some(c.code.clone())));
        dims.push(Dimension::Profile(f, values));
    }
    Some(dims)
}

/// The answers a criterion can have: none, not applicable (when its scale
/// or its condition allows it), unknown, and each level.
fn criterion_samples(grid: &Grid, c: usize) -> Vec<Sample> {
    let scale = grid.scale_of(c);
    let mut samples = vec![Sample {
        state: AnswerState::Unanswered,
        level: None,
    }];
    if scale.not_applicable.is_some() || grid.criterion(c).relevant.is_some() {
        samples.push(Sample {
            state: AnswerState::NotApplicable,
            level: None,
        });
    }
    if scale.unknown.is_some() {
        samples.push(Sample {
            state: AnswerState::Unknown,
            level: None,
        });
    }
    samples.extend(scale.options.iter().map(|o| Sample {
        state: AnswerState::Answered,
        level: Some(o.score),
    }));
    samples
}

/// Sample scores: absent, the bounds, and each number written in the rule ± 0.5.
fn sample_numbers(literals: &[f64]) -> Vec<Option<f64>> {
    let mut values = vec![0.0, 100.0];
    for &l in literals {
        values.extend([l - 0.5, l, l + 0.5]);
    }
    values.retain(|v| (0.0..=100.0).contains(v));
    crate::sort::sort_by(&mut values, f64::total_cmp);
    values.dedup();
    std::iter::once(None)
        .chain(values.into_iter().map(Some))
        .collect()
}

enum Dimension {
    Criterion(usize, Vec<Sample>),
    Target(usize, Vec<Option<f64>>),
    Spread(usize, Vec<Option<f64>>),
    AxisScore(usize, Vec<Option<f64>>),
    AxisCoverage(usize, Vec<Option<f64>>),
    Overall(Vec<Option<f64>>),
    Profile(usize, Vec<Option<String>>),
}

impl Dimension {
    fn len(&self) -> usize {
        match self {
            Dimension::Criterion(_, v) => v.len(),
            Dimension::Target(_, v)
            | Dimension::Spread(_, v)
            | Dimension::AxisScore(_, v)
            | Dimension::AxisCoverage(_, v)
            | Dimension::Overall(v) => v.len(),
            Dimension::Profile(_, v) => v.len(),
        }
    }

    fn apply(&self, i: usize, facts: &mut LintFacts) {
        match self {
            Dimension::Criterion(c, v) => facts.criteria[*c] = v[i],
            Dimension::Target(c, v) => facts.targets[*c] = v[i],
            Dimension::Spread(c, v) => facts.spreads[*c] = v[i],
            Dimension::AxisScore(a, v) => facts.scores[*a] = v[i],
            Dimension::AxisCoverage(a, v) => facts.coverage[*a] = v[i],
            Dimension::Overall(v) => facts.overall = v[i],
            Dimension::Profile(f, v) => facts.profile[*f].clone_from(&v[i]),
        }
    }
}

/// Facts set by the enumeration.
struct LintFacts {
    criteria: Vec<Sample>,
    targets: Vec<Option<f64>>,
    spreads: Vec<Option<f64>>,
    scores: Vec<Option<f64>>,
    coverage: Vec<Option<f64>>,
    overall: Option<f64>,
    profile: Vec<Option<String>>,
}

impl LintFacts {
    fn new(grid: &Grid) -> Self {
        let n = grid.criterion_count();
        let unanswered = Sample {
            state: AnswerState::Unanswered,
            level: None,
        };
        LintFacts {
            criteria: vec![unanswered; n],
            targets: vec![None; n],
            spreads: vec![None; n],
            scores: vec![None; grid.axes.len()],
            coverage: vec![None; grid.axes.len()],
            overall: None,
            profile: vec![None; grid.profile.len()],
        }
    }
}

impl Facts for LintFacts {
    fn level(&self, criterion: usize) -> Option<f64> {
        self.criteria[criterion].level
    }
    fn target(&self, criterion: usize) -> Option<f64> {
        self.targets[criterion]
    }
    fn state(&self, criterion: usize) -> AnswerState {
        self.criteria[criterion].state
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
