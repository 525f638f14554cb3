//! Two assessments compared: axes, criteria, findings, with the words of the
//! reports (titles, finding messages) so the comparison can be read as is.

use super::{
    compare_snapshots, AxisChange, FindingChanges, FindingKey, Refusal, ScoreChange, Snapshot,
};
use crate::grid::FindingKind;
use crate::report::{AxisReport, CriterionReport, LevelRef, Report};
use crate::rules::AnswerState;
use serde::{Deserialize, Serialize};

/// One side of a comparison: which assessment, scored with which grid version.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Side {
    /// Initiative name.
    pub initiative: String,
    /// Date of the assessment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Grid version.
    pub grid_version: String,
    /// SHA-256 of the grid source.
    pub grid_hash: String,
}

/// Two assessments of the same grid (or of two versions of it), compared.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Comparison {
    /// Grid id.
    pub grid: String,
    /// Language of the titles and messages.
    pub lang: String,
    /// The old assessment.
    pub old: Side,
    /// The new assessment.
    pub new: Side,
    /// Overall score change.
    pub overall: ScoreChange,
    /// Axes both have, in the new report's order.
    pub axes: Vec<AxisComparison>,
    /// Criteria both have, in the new report's order.
    pub criteria: Vec<CriterionChange>,
    /// Findings appeared, resolved and persisting, with their messages.
    pub findings: FindingNotes,
    /// What only one side has (two versions of a grid).
    pub not_comparable: NotComparable,
}

/// One axis compared, with its title.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AxisComparison {
    /// Score and coverage change.
    #[serde(flatten)]
    pub change: AxisChange,
    /// Title (new report).
    pub title: String,
    /// Both sides have the same criteria in this axis: false when two versions
    /// of the grid put other criteria in it, so its scores measure other things.
    pub same_criteria: bool,
}

/// How a criterion's answer changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum AnswerChange {
    /// Same state, same level.
    Same,
    /// Answered on both sides, at a higher level now.
    Raised,
    /// Answered on both sides, at a lower level now.
    Lowered,
    /// Answered on both sides, another level of the same value.
    Relevelled,
    /// Answered now, not before (unanswered, `na`, `?` or skipped).
    Appeared,
    /// Answered before, unanswered or skipped now.
    Disappeared,
    /// Declared not applicable (`na`) now, not before.
    BecameNotApplicable,
    /// Declared unknown (`?`) now, not before.
    BecameUnknown,
    /// Another change between unanswered, skipped, `na` and `?`.
    StateChanged,
}

impl AnswerChange {
    /// The change between two states of a criterion in reports.
    fn of(old: &CriterionReport, new: &CriterionReport) -> Self {
        use AnswerState::{Answered, NotApplicable, NotRelevant, Unanswered, Unknown};
        match (old.state, new.state) {
            (Answered, Answered) => match (old.value, new.value) {
                (Some(a), Some(b)) if b > a => AnswerChange::Raised,
                (Some(a), Some(b)) if b < a => AnswerChange::Lowered,
                _ if level_code(&old.level) != level_code(&new.level) => AnswerChange::Relevelled,
                _ => AnswerChange::Same,
            },
            (_, Answered) => AnswerChange::Appeared,
            (Answered, Unanswered | NotRelevant) => AnswerChange::Disappeared,
            (a, b) if a == b => AnswerChange::Same,
            (_, NotApplicable) => AnswerChange::BecameNotApplicable,
            (_, Unknown) => AnswerChange::BecameUnknown,
            _ => AnswerChange::StateChanged,
        }
    }
}

fn level_code(level: &Option<LevelRef>) -> Option<&str> {
    level.as_ref().map(|l| l.code.as_str())
}

/// One side of a criterion: its state, level and target.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AnswerSide {
    /// The state, serialized as in reports: `answered`, `not_applicable`, `unknown`,
    /// `unanswered` or `not_relevant`.
    pub state: AnswerState,
    /// Consolidated level.
    pub level: Option<LevelRef>,
    /// Target level.
    pub target: Option<LevelRef>,
}

impl AnswerSide {
    fn of(c: &CriterionReport) -> Self {
        AnswerSide {
            state: c.state,
            level: c.level.clone(),
            target: c.target.clone(),
        }
    }
}

/// One criterion compared.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CriterionChange {
    /// Full id.
    pub id: String,
    /// Axis id.
    pub axis: String,
    /// Title (new report).
    pub title: String,
    /// Before.
    pub old: AnswerSide,
    /// After.
    pub new: AnswerSide,
    /// Change of the value 0–1 used in the axis score.
    pub value: ScoreChange,
    /// How the answer changed.
    pub change: AnswerChange,
    /// The target level changed.
    pub target_changed: bool,
}

impl CriterionChange {
    /// Something changed: the answer or the target.
    pub fn changed(&self) -> bool {
        self.change != AnswerChange::Same || self.target_changed
    }
}

/// A finding named by its key, with its message.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FindingNote {
    /// Kind.
    pub kind: FindingKind,
    /// Id.
    pub id: String,
    /// Message (from the new report, or the old one for a resolved finding).
    pub message: String,
}

/// Findings appeared, resolved and persisting, with their messages.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct FindingNotes {
    /// In the new assessment only.
    pub appeared: Vec<FindingNote>,
    /// In the old assessment only.
    pub resolved: Vec<FindingNote>,
    /// In both.
    pub persisting: Vec<FindingNote>,
}

/// Axes and criteria only one side has.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct NotComparable {
    /// Axis ids only in the old report.
    pub axes_only_old: Vec<String>,
    /// Axis ids only in the new report.
    pub axes_only_new: Vec<String>,
    /// Criterion ids only in the old report.
    pub criteria_only_old: Vec<String>,
    /// Criterion ids only in the new report.
    pub criteria_only_new: Vec<String>,
}

impl NotComparable {
    /// True when both sides have the same axes and criteria.
    pub fn is_empty(&self) -> bool {
        self.axes_only_old.is_empty()
            && self.axes_only_new.is_empty()
            && self.criteria_only_old.is_empty()
            && self.criteria_only_new.is_empty()
    }
}

/// Compares two reports of the same grid, or of two versions of it (matched by
/// axis and criterion id). Reports of two different grids are refused.
pub fn compare_reports(old: &Report, new: &Report) -> Result<Comparison, Refusal> {
    let change = compare_snapshots(&Snapshot::of_report(old), &Snapshot::of_report(new))?;
    let axes = change
        .axes
        .into_iter()
        .map(|c| {
            let n = axis(new, &c.id);
            let same_criteria = match (axis(old, &c.id), n) {
                (Some(o), Some(n)) => criterion_ids(o).eq(criterion_ids(n)),
                _ => false,
            };
            AxisComparison {
                title: n.map(|a| a.title.clone()).unwrap_or_default(),
                same_criteria,
                change: c,
            }
        })
        .collect();
    let criteria = new
        .axes
        .iter()
        .flat_map(|a| a.criteria.iter().map(move |c| (a, c)))
        .filter_map(|(a, n)| {
            let o = criterion(old, &n.id)?;
            Some(CriterionChange {
                id: n.id.clone(),
                axis: a.id.clone(),
                title: n.title.clone(),
                old: AnswerSide::of(o),
                new: AnswerSide::of(n),
                value: ScoreChange::between(o.value, n.value),
                change: AnswerChange::of(o, n),
                target_changed: level_code(&o.target) != level_code(&n.target),
            })
        })
        .collect();
    Ok(Comparison {
        grid: new.grid.id.clone(),
        lang: new.lang.clone(),
        old: side(old),
        new: side(new),
        overall: change.overall,
        axes,
        criteria,
        findings: notes(&change.findings, old, new),
        not_comparable: NotComparable {
            axes_only_old: change.axes_only_old,
            axes_only_new: change.axes_only_new,
            criteria_only_old: criteria_only(old, new),
            criteria_only_new: criteria_only(new, old),
        },
    })
}

fn side(r: &Report) -> Side {
    Side {
        initiative: r.initiative.clone(),
        date: r.date.clone(),
        grid_version: r.grid.version.clone(),
        grid_hash: r.grid.hash.clone(),
    }
}

fn axis<'a>(r: &'a Report, id: &str) -> Option<&'a AxisReport> {
    r.axes.iter().find(|a| a.id == id)
}

fn criterion_ids(a: &AxisReport) -> impl Iterator<Item = &str> + '_ {
    a.criteria.iter().map(|c| c.id.as_str())
}

fn criteria(r: &Report) -> impl Iterator<Item = &CriterionReport> {
    r.axes.iter().flat_map(|a| a.criteria.iter())
}

fn criterion<'a>(r: &'a Report, id: &str) -> Option<&'a CriterionReport> {
    criteria(r).find(|c| c.id == id)
}

fn criteria_only(a: &Report, b: &Report) -> Vec<String> {
    criteria(a)
        .filter(|c| criterion(b, &c.id).is_none())
        .map(|c| c.id.clone())
        .collect()
}

/// Puts the messages back on matched finding keys: appeared and persisting ones
/// from the new report, resolved ones from the old.
fn notes(changes: &FindingChanges, old: &Report, new: &Report) -> FindingNotes {
    let note = |r: &Report, key: &FindingKey| FindingNote {
        kind: key.kind,
        id: key.id.clone(),
        message: r
            .findings
            .of(key.kind)
            .iter()
            .find(|f| f.id == key.id)
            .map(|f| f.message.clone())
            .unwrap_or_default(),
    };
    FindingNotes {
        appeared: changes.appeared.iter().map(|k| note(new, k)).collect(),
        resolved: changes.resolved.iter().map(|k| note(old, k)).collect(),
        persisting: changes.persisting.iter().map(|k| note(new, k)).collect(),
    }
}
