//! The crosswalk model: what changed for each criterion since an earlier version.

use crate::text::Text;
use serde::Serialize;
use std::collections::BTreeMap;

/// How to read answers recorded against one earlier version of the grid.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct Crosswalk {
    /// The earlier version (same grid id).
    pub from: String,
    /// What changed overall.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<Text>,
    /// One entry per criterion (or group of criteria) that changed.
    pub changes: Vec<CriterionChange>,
}

/// What happened to one criterion, or to a group of criteria.
#[derive(Debug, Clone, PartialEq, Serialize, serde::Deserialize)]
pub struct CriterionChange {
    /// The kind of change.
    pub change: ChangeKind,
    /// Criterion full ids in the earlier version (empty for `added`; several for `merged`).
    pub old: Vec<String>,
    /// Criterion full ids in this version (empty for `removed`; several for `split`).
    pub new: Vec<String>,
    /// Old level code → new level code; codes not listed keep their code.
    pub levels: BTreeMap<String, String>,
    /// False: the old answer is not carried (a warning says so).
    pub carry: bool,
    /// Why; shown in the warnings.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<Text>,
}

impl CriterionChange {
    /// The new code of an old level code.
    pub fn map_level<'a>(&'a self, old: &'a str) -> &'a str {
        self.levels.get(old).map_or(old, String::as_str)
    }
}

/// The kinds of criterion change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ChangeKind {
    /// Same criterion, new id.
    Renamed,
    /// One old criterion became several.
    Split,
    /// Several old criteria became one.
    Merged,
    /// Same id, level descriptors changed.
    Reworded,
    /// A new criterion.
    Added,
    /// A criterion that no longer exists.
    Removed,
}

impl ChangeKind {
    /// Every kind, as written in grid files.
    pub const ALL: [ChangeKind; 6] = [
        ChangeKind::Renamed,
        ChangeKind::Split,
        ChangeKind::Merged,
        ChangeKind::Reworded,
        ChangeKind::Added,
        ChangeKind::Removed,
    ];

    /// The code used in grid files.
    pub fn code(self) -> &'static str {
        match self {
            ChangeKind::Renamed => "renamed",
            ChangeKind::Split => "split",
            ChangeKind::Merged => "merged",
            ChangeKind::Reworded => "reworded",
            ChangeKind::Added => "added",
            ChangeKind::Removed => "removed",
        }
    }

    /// Parses a grid code.
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }

    /// Whether a note saying why is required.
    pub fn needs_note(self) -> bool {
        matches!(
            self,
            ChangeKind::Removed | ChangeKind::Split | ChangeKind::Merged | ChangeKind::Reworded
        )
    }
}
