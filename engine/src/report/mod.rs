//! Reports: an evaluation put into words in one language, serializable as JSON.

mod build;
mod codes;
mod flat;
mod messages;
mod summary_cells;
mod summary_csv;

pub use codes::FindingOrigin;
pub(crate) use flat::finding_id;
pub use flat::{
    finding_counts, push_count, push_finding_id, push_finding_ids, push_score, rounded_score,
    summary_header, summary_record,
};
pub use summary_cells::{summary_numeric_columns, SummaryCell, SummaryCells};
pub use summary_csv::SummaryCsv;

use crate::grid::{FindingKind, Phase};
use crate::rules::{AnswerState, TraceStep};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Which grid produced a result: id, version and a hash of its source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GridStamp {
    /// Grid id.
    pub id: String,
    /// Grid version.
    pub version: String,
    /// SHA-256 of the grid source.
    pub hash: String,
}

/// The full, explainable result of one assessment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// The grid used.
    pub grid: GridStamp,
    /// Language of the texts.
    pub lang: String,
    /// Initiative id (batch rows).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// Initiative name.
    pub initiative: String,
    /// Territory.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub territory: Option<String>,
    /// Date of the assessment.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Raters, when several answered.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub raters: Vec<String>,
    /// Profile fields given.
    #[serde(default)]
    pub profile: BTreeMap<String, String>,
    /// Overall score 0–100 (absent when the grid hides it or nothing is answered).
    pub overall: Option<f64>,
    /// Axis results.
    pub axes: Vec<AxisReport>,
    /// Findings grouped by kind.
    pub findings: Findings,
    /// Recommendations grouped by phase.
    pub recommendations: Recommendations,
}

/// One axis in a report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AxisReport {
    /// Axis id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Weight in the overall score.
    pub weight: f64,
    /// Score 0–100, absent when nothing is answered.
    pub score: Option<f64>,
    /// Coverage.
    pub coverage: Coverage,
    /// The median answer of the axis.
    pub median_level: Option<LevelRef>,
    /// Criteria.
    pub criteria: Vec<CriterionReport>,
}

/// How much of an axis was answered.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
pub struct Coverage {
    /// Answered criteria.
    pub answered: u32,
    /// Applicable criteria.
    pub applicable: u32,
    /// answered / applicable in percent.
    pub percent: Option<f64>,
}

/// A level of a scale, named.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LevelRef {
    /// Code.
    pub code: String,
    /// Label.
    pub label: String,
    /// Score of the option.
    pub score: f64,
}

/// One criterion in a report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CriterionReport {
    /// Full id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Critical criterion.
    pub critical: bool,
    /// Weight.
    pub weight: f64,
    /// Answered, not applicable, unknown, unanswered or not relevant
    /// (`answered`, `not_applicable`, `unknown`, `unanswered`, `not_relevant` in JSON).
    pub state: AnswerState,
    /// Consolidated level.
    pub level: Option<LevelRef>,
    /// Value 0–1 used in the axis score.
    pub value: Option<f64>,
    /// Target level.
    pub target: Option<LevelRef>,
    /// Per-rater codes.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub raters: BTreeMap<String, String>,
    /// With several raters, how the level was reached: agreed by the group
    /// (`consensus`) or the raters' median (`median`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consolidation: Option<Consolidation>,
    /// Evidence note (with a consensus, why the group agreed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<String>,
}

/// How the level of a criterion rated by several people was reached.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Consolidation {
    /// The group agreed on it; the evidence note says why.
    Consensus,
    /// The lower median of the raters' levels.
    Median,
}

/// Findings grouped by kind, in report order.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Findings {
    /// Nuggets worth copying.
    pub pepites: Vec<Finding>,
    /// Levers.
    pub opportunites: Vec<Finding>,
    /// Risks, questions to ask.
    pub vigilances: Vec<Finding>,
    /// Points to debate.
    pub debats: Vec<Finding>,
}

impl Findings {
    /// The findings of one kind.
    pub fn of(&self, kind: FindingKind) -> &[Finding] {
        match kind {
            FindingKind::Pepite => &self.pepites,
            FindingKind::Opportunite => &self.opportunites,
            FindingKind::Vigilance => &self.vigilances,
            FindingKind::Debat => &self.debats,
        }
    }

    fn of_mut(&mut self, kind: FindingKind) -> &mut Vec<Finding> {
        match kind {
            FindingKind::Pepite => &mut self.pepites,
            FindingKind::Opportunite => &mut self.opportunites,
            FindingKind::Vigilance => &mut self.vigilances,
            FindingKind::Debat => &mut self.debats,
        }
    }

    /// The kinds that have findings, in report order, each with its findings: what a report
    /// lists under a heading per kind.
    pub fn by_kind(&self) -> impl Iterator<Item = (FindingKind, &[Finding])> {
        FindingKind::ALL
            .into_iter()
            .map(|k| (k, self.of(k)))
            .filter(|(_, list)| !list.is_empty())
    }

    /// Every finding, kinds in report order.
    pub fn all(&self) -> impl Iterator<Item = &Finding> {
        FindingKind::ALL.into_iter().flat_map(|k| self.of(k).iter())
    }

    /// Total number of findings.
    pub fn len(&self) -> usize {
        self.pepites.len() + self.opportunites.len() + self.vigilances.len() + self.debats.len()
    }

    /// True when there is no finding.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// One finding, with why it was raised.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    /// Rule id, or `critical:<criterion>`, `target:<criterion>`, `raters:<criterion>`, `applicability:<criterion>`.
    pub id: String,
    /// Kind.
    pub kind: FindingKind,
    /// What raised it (`rule`, `critical`, `target_gap`, `rater_gap` or
    /// `applicability` in JSON).
    pub source: FindingOrigin,
    /// Criteria concerned.
    pub criteria: Vec<String>,
    /// What was observed and what to ask.
    pub message: String,
    /// The facts that made it fire.
    pub why: Vec<TraceStep>,
    /// The condition, for rules.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub condition: Option<String>,
    /// Recommendation ids.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub recommend: Vec<String>,
}

/// Recommendations grouped by phase.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Recommendations {
    /// Trigger.
    pub declencher: Vec<RecommendationReport>,
    /// Support.
    pub accompagner: Vec<RecommendationReport>,
    /// Sustain.
    pub perenniser: Vec<RecommendationReport>,
}

impl Recommendations {
    /// The recommendations of one phase.
    pub fn of(&self, phase: Phase) -> &[RecommendationReport] {
        match phase {
            Phase::Declencher => &self.declencher,
            Phase::Accompagner => &self.accompagner,
            Phase::Perenniser => &self.perenniser,
        }
    }

    fn of_mut(&mut self, phase: Phase) -> &mut Vec<RecommendationReport> {
        match phase {
            Phase::Declencher => &mut self.declencher,
            Phase::Accompagner => &mut self.accompagner,
            Phase::Perenniser => &mut self.perenniser,
        }
    }

    /// The phases that have recommendations, in order, each with its recommendations.
    pub fn by_phase(&self) -> impl Iterator<Item = (Phase, &[RecommendationReport])> {
        Phase::ALL
            .into_iter()
            .map(|p| (p, self.of(p)))
            .filter(|(_, list)| !list.is_empty())
    }

    /// Total number of recommendations.
    pub fn len(&self) -> usize {
        self.declencher.len() + self.accompagner.len() + self.perenniser.len()
    }

    /// True when there is none.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// One recommendation in a report.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RecommendationReport {
    /// Id.
    pub id: String,
    /// Phase.
    pub phase: Phase,
    /// Title.
    pub title: String,
    /// Text.
    pub text: String,
    /// Ids of the findings that led to it.
    pub because: Vec<String>,
}
