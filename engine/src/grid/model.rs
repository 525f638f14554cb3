//! The grid model: what a loaded, validated grid contains.

use crate::rules::Condition;
use crate::text::Text;
use serde::{Serialize, Serializer};
use std::collections::HashMap;

/// A validated evaluation grid. Build one with [`Grid::from_toml`](crate::Grid::from_toml).
#[derive(Debug, Clone, Serialize)]
pub struct Grid {
    /// Stable id (e.g. `domino`).
    pub id: String,
    /// Version of the grid content.
    pub version: String,
    /// Declared languages, the default first.
    pub languages: Vec<String>,
    /// Title.
    pub title: Text,
    /// Description.
    pub description: Option<Text>,
    /// Whether an overall score is computed.
    pub overall: bool,
    /// Thresholds of the built-in findings.
    pub signals: Signals,
    /// Named answer scales.
    pub scales: Vec<Scale>,
    /// Descriptive fields of an initiative.
    pub profile: Vec<ProfileField>,
    /// Axes and their criteria.
    pub axes: Vec<Axis>,
    /// Rules producing findings.
    pub rules: Vec<Rule>,
    /// Recommendations referred to by rules.
    pub recommendations: Vec<Recommendation>,
    /// How to read answers recorded against earlier versions, one per version.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub crosswalks: Vec<super::crosswalk::Crosswalk>,
    /// SHA-256 of the grid source, in hex: results record it.
    pub hash: String,
    #[serde(skip)]
    pub(crate) index: GridIndex,
}

/// Lookup tables built once at load time.
#[derive(Debug, Clone, Default)]
pub(crate) struct GridIndex {
    /// Global criterion index → (axis index, index in axis).
    pub criteria: Vec<(usize, usize)>,
    /// Global criterion index → index of its scale.
    pub scale_of: Vec<usize>,
    /// The global indices of the criteria with a relevance condition, in
    /// order: scoring tests those without reading every criterion.
    pub relevant: Vec<usize>,
    pub criterion_by_id: HashMap<String, usize>,
    pub profile_by_id: HashMap<String, usize>,
    pub recommendation_by_id: HashMap<String, usize>,
}

/// Thresholds of the built-in findings, in scale steps.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize)]
pub struct Signals {
    /// Target − current level ≥ this → opportunity.
    pub target_gap: u32,
    /// Highest − lowest rater ≥ this → point to debate.
    pub rater_gap: u32,
}

impl Default for Signals {
    fn default() -> Self {
        Signals {
            target_gap: 2,
            rater_gap: 2,
        }
    }
}

/// A named answer scale.
#[derive(Debug, Clone, Serialize, serde::Deserialize)]
pub struct Scale {
    /// Id used by criteria.
    pub id: String,
    /// Optional label.
    pub label: Option<Text>,
    /// Options from the lowest to the highest score.
    pub options: Vec<ScaleOption>,
    /// The "not applicable" answer, if the scale allows it.
    pub not_applicable: Option<SpecialAnswer>,
    /// The "unknown" answer, if the scale allows it.
    pub unknown: Option<SpecialAnswer>,
    /// Position of the option below which a critical criterion raises a vigilance.
    pub critical_below: usize,
}

impl Scale {
    /// The highest option score (the denominator of criterion values).
    pub fn max_score(&self) -> f64 {
        self.options.last().map_or(1.0, |o| o.score)
    }

    /// Position of the option with this code.
    pub fn position(&self, code: &str) -> Option<usize> {
        self.options.iter().position(|o| o.code == code)
    }

    /// Criterion value (0–1) of the option at `position`, measured from the lowest score.
    pub fn value(&self, position: usize) -> f64 {
        let low = self.options.first().map_or(0.0, |o| o.score);
        let high = self.max_score();
        if high > low {
            (self.options[position].score - low) / (high - low)
        } else {
            0.0
        }
    }

    /// The codes a person may write for this scale, for messages.
    pub fn accepted_codes(&self) -> Vec<&str> {
        let mut codes: Vec<&str> = self.options.iter().map(|o| o.code.as_str()).collect();
        codes.extend(self.not_applicable.iter().map(|s| s.code.as_str()));
        codes.extend(self.unknown.iter().map(|s| s.code.as_str()));
        codes
    }
}

/// One answer option of a scale.
#[derive(Debug, Clone, Serialize, serde::Deserialize)]
pub struct ScaleOption {
    /// Code written in assessments (e.g. `3`, `++`).
    pub code: String,
    /// Numeric score.
    pub score: f64,
    /// Label.
    pub label: Text,
}

/// The "not applicable" or "unknown" answer of a scale.
#[derive(Debug, Clone, Serialize, serde::Deserialize)]
pub struct SpecialAnswer {
    /// Code written in assessments (e.g. `na`, `?`).
    pub code: String,
    /// Label.
    pub label: Text,
}

/// A descriptive field of an initiative.
#[derive(Debug, Clone, Serialize, serde::Deserialize)]
pub struct ProfileField {
    /// Id (used as `profile.<id>` in rules and as a CSV column).
    pub id: String,
    /// Label.
    pub label: Text,
    /// The closed list of choices, or `None` for free text.
    pub choices: Option<Vec<Choice>>,
}

/// One choice of a profile field.
#[derive(Debug, Clone, Serialize, serde::Deserialize)]
pub struct Choice {
    /// Code.
    pub code: String,
    /// Label.
    pub label: Text,
}

/// An axis of the grid.
#[derive(Debug, Clone, Serialize)]
pub struct Axis {
    /// Id.
    pub id: String,
    /// Weight in the overall score.
    pub weight: f64,
    /// Title.
    pub title: Text,
    /// The axis' guiding question.
    pub question: Text,
    /// Optional description.
    pub description: Option<Text>,
    /// Criteria.
    pub criteria: Vec<Criterion>,
}

/// A criterion of an axis.
#[derive(Debug, Clone, Serialize)]
pub struct Criterion {
    /// Id within its axis.
    pub id: String,
    /// Full id `axis.criterion`.
    pub full_id: String,
    /// Index of its scale in [`Grid::scales`].
    pub scale: usize,
    /// Weight in its axis.
    pub weight: f64,
    /// Critical criteria raise a vigilance when low or unknown.
    pub critical: bool,
    /// Title.
    pub title: Text,
    /// Question asked.
    pub question: Text,
    /// Advice for the facilitator.
    pub hint: Option<Text>,
    /// Descriptor of each option of its scale (same order), when written.
    pub levels: Vec<Option<Text>>,
    /// Skip logic.
    #[serde(serialize_with = "serialize_condition_opt")]
    pub relevant: Option<Condition>,
}

/// What a rule's finding is.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum FindingKind {
    /// A nugget worth copying.
    Pepite,
    /// A lever.
    Opportunite,
    /// A risk, a question to ask.
    Vigilance,
    /// A point to debate.
    Debat,
}

impl FindingKind {
    /// All kinds, in report order.
    pub const ALL: [FindingKind; 4] = [
        FindingKind::Pepite,
        FindingKind::Opportunite,
        FindingKind::Vigilance,
        FindingKind::Debat,
    ];

    /// The code used in grid files.
    pub fn code(self) -> &'static str {
        match self {
            FindingKind::Pepite => "pepite",
            FindingKind::Opportunite => "opportunite",
            FindingKind::Vigilance => "vigilance",
            FindingKind::Debat => "debat",
        }
    }

    /// Parses a grid code.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }
}

/// A rule: a condition and the finding it produces.
#[derive(Debug, Clone, Serialize)]
pub struct Rule {
    /// Id.
    pub id: String,
    /// Kind of finding.
    pub kind: FindingKind,
    /// The condition.
    #[serde(serialize_with = "serialize_condition")]
    pub when: Condition,
    /// Message shown when it fires.
    pub message: Text,
    /// Ids of recommendations.
    pub recommend: Vec<String>,
}

/// The phase of public action a recommendation belongs to.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, serde::Deserialize,
)]
#[serde(rename_all = "lowercase")]
pub enum Phase {
    /// Trigger: help a practice start.
    Declencher,
    /// Support: help it grow.
    Accompagner,
    /// Sustain: help it last.
    Perenniser,
}

impl Phase {
    /// All phases, in order.
    pub const ALL: [Phase; 3] = [Phase::Declencher, Phase::Accompagner, Phase::Perenniser];

    /// The code used in grid files.
    pub fn code(self) -> &'static str {
        match self {
            Phase::Declencher => "declencher",
            Phase::Accompagner => "accompagner",
            Phase::Perenniser => "perenniser",
        }
    }

    /// Parses a grid code.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.code() == code)
    }
}

/// A recommendation for public decision-makers.
#[derive(Debug, Clone, Serialize, serde::Deserialize)]
pub struct Recommendation {
    /// Id.
    pub id: String,
    /// Phase.
    pub phase: Phase,
    /// Short title.
    pub title: Text,
    /// Text.
    pub text: Text,
}

impl Grid {
    /// Number of criteria over all axes.
    pub fn criterion_count(&self) -> usize {
        self.index.criteria.len()
    }

    /// Criterion by global index (axes in order, criteria in order).
    pub fn criterion(&self, index: usize) -> &Criterion {
        let (a, c) = self.index.criteria[index];
        &self.axes[a].criteria[c]
    }

    /// Axis index of a criterion given by global index.
    pub fn axis_of(&self, index: usize) -> usize {
        self.index.criteria[index].0
    }

    /// Global index of a criterion by full id.
    pub fn criterion_index(&self, full_id: &str) -> Option<usize> {
        self.index.criterion_by_id.get(full_id).copied()
    }

    /// Every criterion with its global index.
    pub fn criteria(&self) -> impl ExactSizeIterator<Item = (usize, &Criterion)> {
        (0..self.criterion_count()).map(move |i| (i, self.criterion(i)))
    }

    /// The scale of a criterion.
    pub fn scale_of(&self, criterion: usize) -> &Scale {
        &self.scales[self.index.scale_of[criterion]]
    }

    /// The score of the option at `level` on a criterion's scale: what
    /// conditions read as the criterion's level, or its target. `None` when
    /// there is no level, or none at that position.
    pub fn level_score(&self, criterion: usize, level: Option<u8>) -> Option<f64> {
        let options = &self.scale_of(criterion).options;
        options.get(usize::from(level?)).map(|o| o.score)
    }

    /// Index of a profile field by id.
    pub fn profile_index(&self, id: &str) -> Option<usize> {
        self.index.profile_by_id.get(id).copied()
    }

    /// A recommendation by id.
    pub fn recommendation(&self, id: &str) -> Option<&Recommendation> {
        self.index
            .recommendation_by_id
            .get(id)
            .map(|&i| &self.recommendations[i])
    }

    /// The default language.
    pub fn default_language(&self) -> &str {
        self.languages.first().map_or("fr", String::as_str)
    }
}

fn serialize_condition<S: Serializer>(c: &Condition, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(c.source())
}

fn serialize_condition_opt<S: Serializer>(c: &Option<Condition>, s: S) -> Result<S::Ok, S::Error> {
    match c {
        Some(c) => s.serialize_some(c.source()),
        None => s.serialize_none(),
    }
}
