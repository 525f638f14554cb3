//! Scoring: consolidated answers, axis scores, coverage, and findings.
//!
//! The semantics, in the order they are applied:
//! 1. **Consolidation** — with several raters, a criterion's level is the level
//!    the group agreed on (a consensus) when there is one; otherwise the lower
//!    median of the raters' levels, and raters `rater_gap` or more steps apart
//!    raise a point to debate, and so do raters disagreeing on whether it
//!    applies. A consensus settles the debate; the raters' spread stays known.
//! 2. **Relevance** — a criterion whose `relevant` condition is false is left
//!    out (like `na`). When the condition reads a profile field that was not
//!    given, the criterion stays relevant: the question is asked.
//! 3. **Values** — an answered criterion's value is its option's position
//!    between the scale's lowest and highest score (0–1).
//! 4. **Axis score** — 100 × Σ wᵢ·vᵢ / Σ wᵢ over answered criteria; no answered
//!    criterion → no score. Coverage = answered / applicable.
//! 5. **Overall** — weighted mean of the present axis scores.
//! 6. **Findings** — critical criteria below their scale's `critical_below` or
//!    unknown (vigilance), target gaps (opportunity), rater gaps (debate), then
//!    every rule whose condition holds.

mod facts;
mod slots;

use crate::assessment::{Given, Responses};
use crate::grid::{FindingKind, Grid};
use crate::rules::{AnswerState, Slots};
use facts::EvalFacts;

/// The consolidated state of one criterion.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CriterionResult {
    /// Answer state after consolidation and relevance.
    pub state: AnswerState,
    /// Consolidated level position (when answered).
    pub level: Option<u8>,
    /// Score of the consolidated option (when answered): what conditions read.
    pub score: Option<f64>,
    /// Gap in steps between the highest and lowest rater (two raters or more).
    pub spread: Option<u8>,
    /// Some raters answered a level, others said "not applicable" (and the
    /// group did not settle it).
    pub applicability_dispute: bool,
    /// The level is the one the group agreed on over several raters' levels,
    /// not their median.
    pub agreed: bool,
}

/// The result of one axis.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct AxisResult {
    /// Score 0–100, absent when no criterion is answered.
    pub score: Option<f64>,
    /// Answered criteria.
    pub answered: u32,
    /// Applicable criteria (not `na`, not skipped).
    pub applicable: u32,
    /// The criterion holding the (lower) median value, with its level position.
    pub median: Option<(usize, u8)>,
}

impl AxisResult {
    /// Coverage in percent (answered / applicable), absent when nothing applies.
    pub fn coverage(&self) -> Option<f64> {
        (self.applicable > 0).then(|| 100.0 * f64::from(self.answered) / f64::from(self.applicable))
    }
}

/// Why a finding was raised.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FindingSource {
    /// The grid rule at this index fired.
    Rule(usize),
    /// A critical criterion is low.
    CriticalLow(usize),
    /// A critical criterion is unknown.
    CriticalUnknown(usize),
    /// Target − level ≥ the grid's `target_gap`.
    TargetGap(usize),
    /// Raters are ≥ `rater_gap` steps apart.
    RaterGap(usize),
    /// Raters disagree on whether the criterion applies.
    Applicability(usize),
}

/// A finding before it is put into words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RawFinding {
    /// Kind.
    pub kind: FindingKind,
    /// What raised it.
    pub source: FindingSource,
}

/// Everything computed for one assessment; [`Evaluation::report`](crate::Report) puts it into words.
#[derive(Debug, Clone)]
pub struct Evaluation {
    /// The resolved answers that were scored.
    pub responses: Responses,
    /// One result per criterion (global order).
    pub criteria: Vec<CriterionResult>,
    /// One result per axis.
    pub axes: Vec<AxisResult>,
    /// Overall score, if the grid computes one and any axis has a score.
    pub overall: Option<f64>,
    /// Findings: built-in ones in criterion order, then rules in grid order.
    pub findings: Vec<RawFinding>,
}

impl Evaluation {
    /// Everything computed but the responses, numbers by their bits: what
    /// the differential tests of the two evaluators compare.
    #[doc(hidden)]
    pub fn fingerprint(&self) -> String {
        format!(
            "{:?} {:?} {:?} {:?}",
            self.criteria,
            self.axes,
            self.overall.map(f64::to_bits),
            self.findings
        )
    }
}

/// Which evaluator runs the conditions of a grid.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Evaluator {
    /// The compiled register programs (what scoring uses).
    Compiled,
    /// The walk of the checked trees (the reference, for differential tests).
    Tree,
}

impl Grid {
    /// Scores resolved responses. Pure and deterministic; no allocation beyond the result.
    ///
    /// Responses built by hand are normalised first: missing entries count as
    /// unanswered, and a level or target outside its scale is ignored.
    pub fn evaluate(&self, responses: Responses) -> Evaluation {
        self.evaluate_by(responses, Evaluator::Compiled)
    }

    /// Scores `e.responses` again into `e`, as [`Grid::evaluate`] would.
    ///
    /// The batch path keeps one evaluation per worker, decodes each row into
    /// its responses and calls this, so that scoring row after row reuses
    /// the same vectors instead of allocating a result per row.
    pub fn evaluate_in_place(&self, e: &mut Evaluation) {
        let responses = std::mem::take(&mut e.responses);
        *e = self.evaluate(responses);
    }

    /// [`Grid::evaluate`] with every condition evaluated by walking its
    /// checked tree, the reference the compiled conditions are tested
    /// against (the differential fuzz target compares the two).
    #[doc(hidden)]
    pub fn evaluate_by_tree(&self, responses: Responses) -> Evaluation {
        self.evaluate_by(responses, Evaluator::Tree)
    }

    fn evaluate_by(&self, mut responses: Responses, evaluator: Evaluator) -> Evaluation {
        self.normalise(&mut responses);
        let mut criteria = self.consolidated(&responses);
        let mut findings = Vec::with_capacity(16);
        let (axes, overall) = if evaluator == Evaluator::Tree {
            self.apply_relevance(&responses, &mut criteria);
            let axes = self.axis_results(&criteria);
            let overall = self.overall_score(&axes);
            self.builtin_findings(&responses, &criteria, &mut findings);
            self.tree_rules(&responses, &criteria, &axes, overall, &mut findings);
            (axes, overall)
        } else {
            slots::with_buffer(|buffer| {
                buffer.fill_criteria(self, &responses, &criteria);
                self.compiled_relevance(buffer.slots(&responses), &responses, &mut criteria);
                let axes = self.axis_results(&criteria);
                let overall = self.overall_score(&axes);
                buffer.fill_results(&criteria, &axes, overall);
                self.builtin_findings(&responses, &criteria, &mut findings);
                self.compiled_rules(buffer.slots(&responses), &mut findings);
                (axes, overall)
            })
        };
        Evaluation {
            responses,
            criteria,
            axes,
            overall,
            findings,
        }
    }

    /// Each criterion's consolidated answer, before relevance.
    fn consolidated(&self, responses: &Responses) -> Vec<CriterionResult> {
        (responses.answers.iter().enumerate())
            .map(|(i, answer)| {
                let mut result = consolidate(answer);
                result.score = result
                    .level
                    .map(|l| self.scale_of(i).options[usize::from(l)].score);
                result
            })
            .collect()
    }

    /// The rules that fire, by the reference evaluator.
    fn tree_rules(
        &self,
        responses: &Responses,
        criteria: &[CriterionResult],
        axes: &[AxisResult],
        overall: Option<f64>,
        findings: &mut Vec<RawFinding>,
    ) {
        let facts = EvalFacts {
            grid: self,
            responses,
            criteria,
            axes,
            overall,
        };
        for (i, rule) in self.rules.iter().enumerate() {
            if rule.when.evaluate_with(&facts) {
                findings.push(RawFinding {
                    kind: rule.kind,
                    source: FindingSource::Rule(i),
                });
            }
        }
    }

    /// The rules that fire, by their compiled programs.
    fn compiled_rules(&self, slots: Slots, findings: &mut Vec<RawFinding>) {
        for (i, rule) in self.rules.iter().enumerate() {
            if rule.when.holds(&slots) {
                findings.push(RawFinding {
                    kind: rule.kind,
                    source: FindingSource::Rule(i),
                });
            }
        }
    }

    /// Relevance by the compiled programs: every condition reads the answers
    /// as given (`slots`), skipped criteria are marked in `criteria`.
    fn compiled_relevance(
        &self,
        slots: Slots,
        responses: &Responses,
        criteria: &mut [CriterionResult],
    ) {
        for (i, c) in self.criteria() {
            let Some(cond) = &c.relevant else { continue };
            if asks_missing_profile(cond, responses) {
                continue;
            }
            if !cond.holds(&slots) {
                criteria[i] = NOT_RELEVANT;
            }
        }
    }

    fn normalise(&self, responses: &mut Responses) {
        responses
            .answers
            .resize_with(self.criterion_count(), Default::default);
        responses.profile.resize(self.profile.len(), None);
        let raters = responses.raters.len();
        for (i, answer) in responses.answers.iter_mut().enumerate() {
            let options = self.scale_of(i).options.len();
            let fits = |g: &Given| !matches!(g, Given::Level(p) if usize::from(*p) >= options);
            if !fits(&answer.given) {
                answer.given = Given::Unanswered;
            }
            if answer.target.is_some_and(|t| usize::from(t) >= options) {
                answer.target = None;
            }
            if !answer.raters.is_empty() {
                answer.raters.resize(raters, Given::Unanswered);
                for g in &mut answer.raters {
                    if !fits(g) {
                        *g = Given::Unanswered;
                    }
                }
            }
        }
    }

    fn apply_relevance(&self, responses: &Responses, criteria: &mut [CriterionResult]) {
        let mut skipped = Vec::new();
        {
            let facts = EvalFacts {
                grid: self,
                responses,
                criteria,
                axes: &[],
                overall: None,
            };
            for (i, c) in self.criteria() {
                let Some(cond) = &c.relevant else { continue };
                if asks_missing_profile(cond, responses) {
                    continue;
                }
                if !cond.evaluate_with(&facts) {
                    skipped.push(i);
                }
            }
        }
        for i in skipped {
            criteria[i] = NOT_RELEVANT;
        }
    }

    fn axis_results(&self, criteria: &[CriterionResult]) -> Vec<AxisResult> {
        let mut results = Vec::with_capacity(self.axes.len());
        let mut values: Vec<(f64, usize, u8)> = Vec::with_capacity(16);
        let mut next = 0;
        for axis in &self.axes {
            let (mut sum, mut weights, mut answered, mut applicable) = (0.0, 0.0, 0u32, 0u32);
            values.clear();
            for criterion in &axis.criteria {
                let i = next;
                next += 1;
                let r = &criteria[i];
                match r.state {
                    AnswerState::NotApplicable | AnswerState::NotRelevant => continue,
                    AnswerState::Answered => {}
                    AnswerState::Unanswered | AnswerState::Unknown => {
                        applicable += 1;
                        continue;
                    }
                }
                applicable += 1;
                answered += 1;
                let Some(level) = r.level else { continue };
                let value = self.scales[criterion.scale].value(usize::from(level));
                sum += criterion.weight * value;
                weights += criterion.weight;
                values.push((value, i, level));
            }
            let score = (weights > 0.0).then(|| 100.0 * sum / weights);
            insertion_sort(&mut values);
            let median = (!values.is_empty()).then(|| {
                let (_, i, level) = values[(values.len() - 1) / 2];
                (i, level)
            });
            results.push(AxisResult {
                score,
                answered,
                applicable,
                median,
            });
        }
        results
    }

    fn overall_score(&self, axes: &[AxisResult]) -> Option<f64> {
        if !self.overall {
            return None;
        }
        let (mut sum, mut weights) = (0.0, 0.0);
        for (axis, r) in self.axes.iter().zip(axes) {
            if let Some(s) = r.score {
                sum += axis.weight * s;
                weights += axis.weight;
            }
        }
        (weights > 0.0).then(|| sum / weights)
    }

    fn builtin_findings(
        &self,
        responses: &Responses,
        criteria: &[CriterionResult],
        out: &mut Vec<RawFinding>,
    ) {
        let signals = self.signals;
        for (i, c) in self.criteria() {
            let r = &criteria[i];
            if c.critical {
                let scale = &self.scales[c.scale];
                match (r.state, r.level) {
                    (AnswerState::Unknown, _) => out.push(RawFinding {
                        kind: FindingKind::Vigilance,
                        source: FindingSource::CriticalUnknown(i),
                    }),
                    (AnswerState::Answered, Some(l)) if usize::from(l) < scale.critical_below => {
                        out.push(RawFinding {
                            kind: FindingKind::Vigilance,
                            source: FindingSource::CriticalLow(i),
                        });
                    }
                    _ => {}
                }
            }
            if let (Some(level), Some(target)) = (r.level, responses.answers[i].target) {
                if u32::from(target.saturating_sub(level)) >= signals.target_gap {
                    out.push(RawFinding {
                        kind: FindingKind::Opportunite,
                        source: FindingSource::TargetGap(i),
                    });
                }
            }
            if !r.agreed && r.spread.is_some_and(|s| u32::from(s) >= signals.rater_gap) {
                out.push(RawFinding {
                    kind: FindingKind::Debat,
                    source: FindingSource::RaterGap(i),
                });
            }
            if r.applicability_dispute {
                out.push(RawFinding {
                    kind: FindingKind::Debat,
                    source: FindingSource::Applicability(i),
                });
            }
        }
    }
}

/// A criterion skipped by its `relevant` condition.
const NOT_RELEVANT: CriterionResult = CriterionResult {
    state: AnswerState::NotRelevant,
    level: None,
    score: None,
    spread: None,
    applicability_dispute: false,
    agreed: false,
};

/// Whether a relevance condition reads a profile field that was not given
/// (the criterion then stays relevant: the question is asked).
fn asks_missing_profile(cond: &crate::rules::Condition, responses: &Responses) -> bool {
    (cond.references().profile_fields.iter()).any(|&f| responses.profile[f].is_none())
}

/// Sorts an axis' answered values by value, then criterion (an axis has a
/// handful of criteria: insertion sort, in place, on the hot path).
fn insertion_sort(values: &mut [(f64, usize, u8)]) {
    for i in 1..values.len() {
        let mut j = i;
        while j > 0 && {
            let (a, b) = (&values[j - 1], &values[j]);
            a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)).is_gt()
        } {
            values.swap(j - 1, j);
            j -= 1;
        }
    }
}

/// The state and level of a single answer.
fn single(given: Given) -> (AnswerState, Option<u8>) {
    match given {
        Given::Unanswered => (AnswerState::Unanswered, None),
        Given::Level(p) => (AnswerState::Answered, Some(p)),
        Given::NotApplicable => (AnswerState::NotApplicable, None),
        Given::Unknown => (AnswerState::Unknown, None),
    }
}

/// Consolidates one response: the single answer, the group's agreed level, or
/// the raters' lower median.
fn consolidate(response: &crate::assessment::Response) -> CriterionResult {
    if response.raters.is_empty() {
        let (state, level) = single(response.given);
        return CriterionResult {
            state,
            level,
            score: None,
            spread: None,
            applicability_dispute: false,
            agreed: false,
        };
    }
    let aggregated = aggregate(&response.raters);
    if response.given == Given::Unanswered {
        return aggregated;
    }
    let (state, level) = single(response.given);
    CriterionResult {
        state,
        level,
        score: None,
        spread: aggregated.spread,
        applicability_dispute: false,
        agreed: true,
    }
}

/// The raters' lower median, their spread and whether they disagree on applicability.
fn aggregate(raters: &[Given]) -> CriterionResult {
    let mut levels = [0u8; 32];
    let mut n = 0;
    let (mut any_na, mut any_unknown) = (false, false);
    let mut extra: Vec<u8> = Vec::new();
    for g in raters {
        match *g {
            Given::Level(p) if n < levels.len() => {
                levels[n] = p;
                n += 1;
            }
            Given::Level(p) => extra.push(p),
            Given::NotApplicable => any_na = true,
            Given::Unknown => any_unknown = true,
            Given::Unanswered => {}
        }
    }
    let mut all: Vec<u8>;
    let given: &mut [u8] = if extra.is_empty() {
        &mut levels[..n]
    } else {
        all = levels[..n].to_vec();
        all.extend(extra);
        &mut all
    };
    crate::sort::sort(given);
    if given.is_empty() {
        let state = if any_unknown {
            AnswerState::Unknown
        } else if any_na {
            AnswerState::NotApplicable
        } else {
            AnswerState::Unanswered
        };
        return CriterionResult {
            state,
            level: None,
            score: None,
            spread: None,
            applicability_dispute: false,
            agreed: false,
        };
    }
    let median = given[(given.len() - 1) / 2];
    let spread = (given.len() >= 2).then(|| given[given.len() - 1] - given[0]);
    CriterionResult {
        state: AnswerState::Answered,
        level: Some(median),
        score: None,
        spread,
        applicability_dispute: any_na,
        agreed: false,
    }
}

/// The facts of an evaluation, for explaining why rules fired.
pub(crate) fn facts_of<'a>(grid: &'a Grid, e: &'a Evaluation) -> EvalFacts<'a> {
    EvalFacts {
        grid,
        responses: &e.responses,
        criteria: &e.criteria,
        axes: &e.axes,
        overall: e.overall,
    }
}
