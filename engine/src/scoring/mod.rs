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

mod axes;
mod consolidate;
mod facts;
mod median;
mod slots;

use crate::assessment::Responses;
use crate::grid::{FindingKind, Grid};
use crate::rules::{AnswerState, Slots};
use facts::EvalFacts;
use slots::{HeldScratch, Scratch};
use std::cell::Cell;

/// The consolidated state of one criterion.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct CriterionResult {
    /// Answer state after consolidation and relevance.
    pub state: AnswerState,
    /// Consolidated level position (when answered); its option's score,
    /// what conditions read, is [`Grid::level_score`].
    pub level: Option<u8>,
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
    /// Buffers reused by [`Grid::evaluate_in_place`]; none otherwise.
    scratch: HeldScratch,
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
    /// The compiled conditions (what scoring uses).
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
    /// its responses and calls this: once the evaluation has scored a row,
    /// scoring the next one reuses its vectors and allocates nothing (for
    /// single answers; a panel of more than 32 raters on one criterion
    /// allocates to sort them).
    pub fn evaluate_in_place(&self, e: &mut Evaluation) {
        self.score_into(e, Evaluator::Compiled);
    }

    /// [`Grid::evaluate`] with every condition evaluated by walking its
    /// checked tree, the reference the compiled conditions are tested
    /// against (the differential fuzz target compares the two).
    #[doc(hidden)]
    pub fn evaluate_by_tree(&self, responses: Responses) -> Evaluation {
        self.evaluate_by(responses, Evaluator::Tree)
    }

    /// Scores into a new evaluation. Its buffers are borrowed from the
    /// thread's spare ones and given back, so that the evaluation returned
    /// holds only its results and scoring allocates only those.
    ///
    /// Findings are gathered in the spare list too, then copied into one of
    /// their exact length: a result of a dozen findings then takes a few
    /// hundred bytes of fresh memory, not room for every rule.
    fn evaluate_by(&self, responses: Responses, evaluator: Evaluator) -> Evaluation {
        let mut scratch = SPARE.with(Cell::take).unwrap_or_default();
        let mut e = Evaluation {
            responses,
            criteria: Vec::with_capacity(self.criterion_count()),
            axes: Vec::with_capacity(self.axes.len()),
            overall: None,
            findings: std::mem::take(&mut scratch.findings),
            scratch: HeldScratch::from(scratch),
        };
        self.score_into(&mut e, evaluator);
        let mut scratch = e.scratch.take().unwrap_or_default();
        let mut gathered = std::mem::take(&mut e.findings);
        e.findings = gathered.as_slice().to_vec();
        gathered.clear();
        scratch.findings = gathered;
        SPARE.with(|spare| spare.set(Some(scratch)));
        e
    }

    /// Scores `e.responses` into the other fields of `e`, in the order the
    /// module's documentation gives.
    fn score_into(&self, e: &mut Evaluation, evaluator: Evaluator) {
        let Evaluation {
            responses,
            criteria,
            axes,
            overall,
            findings,
            scratch,
        } = e;
        let scratch = scratch.get();
        self.consolidate_into(responses, criteria, scratch);
        match evaluator {
            Evaluator::Compiled => {
                let (slots, skipped) = scratch.slots_and_skipped(responses);
                self.compiled_relevance(slots, responses, skipped);
            }
            Evaluator::Tree => self.tree_relevance(responses, criteria, &mut scratch.skipped),
        }
        scratch.apply_skipped(criteria);
        findings.clear();
        self.axes_and_signals(responses, criteria, axes, scratch, findings);
        *overall = self.overall_score(axes);
        match evaluator {
            Evaluator::Compiled => {
                scratch.set_results(axes, *overall);
                self.compiled_rules(scratch.slots(responses), findings);
            }
            Evaluator::Tree => self.tree_rules(responses, criteria, axes, *overall, findings),
        }
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

    /// The rules that fire, by their compiled form.
    #[inline(never)] // a phase of its own in profiles
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

    /// The criteria relevance skips, by the compiled conditions: every
    /// condition reads the answers as given (`slots`). Only the criteria the
    /// grid's index lists as having a condition are read (one in DOMINO's
    /// 38), not every criterion's record.
    #[inline(never)] // a phase of its own in profiles
    fn compiled_relevance(&self, slots: Slots, responses: &Responses, skipped: &mut Vec<usize>) {
        for &i in &self.index.relevant {
            let Some(cond) = &self.criterion(i).relevant else {
                continue;
            };
            if !asks_missing_profile(cond, responses) && !cond.holds(&slots) {
                skipped.push(i);
            }
        }
    }

    /// The criteria relevance skips, by the reference evaluator.
    fn tree_relevance(
        &self,
        responses: &Responses,
        criteria: &[CriterionResult],
        skipped: &mut Vec<usize>,
    ) {
        let facts = EvalFacts {
            grid: self,
            responses,
            criteria,
            axes: &[],
            overall: None,
        };
        for (i, c) in self.criteria() {
            let Some(cond) = &c.relevant else { continue };
            if !asks_missing_profile(cond, responses) && !cond.evaluate_with(&facts) {
                skipped.push(i);
            }
        }
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
}

thread_local! {
    /// The buffers of the last evaluation [`Grid::evaluate`] returned on this
    /// thread (taken, not borrowed: a nested scoring finds it empty).
    static SPARE: Cell<Option<Box<Scratch>>> = const { Cell::new(None) };
}

/// A criterion skipped by its `relevant` condition.
const NOT_RELEVANT: CriterionResult = CriterionResult {
    state: AnswerState::NotRelevant,
    level: None,
    spread: None,
    applicability_dispute: false,
    agreed: false,
};

/// Whether a relevance condition reads a profile field that was not given
/// (the criterion then stays relevant: the question is asked).
fn asks_missing_profile(cond: &crate::rules::Condition, responses: &Responses) -> bool {
    (cond.references().profile_fields.iter()).any(|&f| responses.profile[f].is_none())
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
