//! What changed between two versions of a grid: a typed diff, and its
//! presentation as a text table, Markdown or JSON (`render`).
//!
//! Criteria are matched by the newer grid's crosswalk from the older
//! version when it has one (renamed, split, merged, reworded, added,
//! removed), then by id.

mod compare;
mod render;

pub use render::DiffFormat;

use crate::text::Text;

/// Everything that changed from one grid version to another.
#[derive(Debug, Clone, PartialEq)]
pub struct GridDiff {
    /// The newer grid's id.
    pub id: String,
    /// The older version.
    pub old_version: String,
    /// The newer version.
    pub new_version: String,
    /// Whether criteria were matched through the newer grid's crosswalk.
    pub crosswalk: bool,
    /// The sections with changes, in grid order; none when nothing changed.
    pub sections: Vec<Section>,
}

impl GridDiff {
    /// True when the two grids say the same thing.
    pub fn is_empty(&self) -> bool {
        self.sections.is_empty()
    }
}

/// The part of a grid a change is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SectionKind {
    /// `[grid]`: title, languages, signals.
    Grid,
    /// `[scales.*]`.
    Scales,
    /// `[[profile]]` fields.
    Profile,
    /// `[[axes]]`.
    Axes,
    /// `[[axes.criteria]]`.
    Criteria,
    /// `[[rules]]`.
    Rules,
    /// `[[recommendations]]`.
    Recommendations,
}

impl SectionKind {
    /// The code used in JSON output.
    pub fn code(self) -> &'static str {
        match self {
            SectionKind::Grid => "grid",
            SectionKind::Scales => "scales",
            SectionKind::Profile => "profile",
            SectionKind::Axes => "axes",
            SectionKind::Criteria => "criteria",
            SectionKind::Rules => "rules",
            SectionKind::Recommendations => "recommendations",
        }
    }
}

/// The changes of one section.
#[derive(Debug, Clone, PartialEq)]
pub struct Section {
    /// Which part of the grid.
    pub kind: SectionKind,
    /// One entry per item that changed.
    pub items: Vec<ItemDiff>,
}

/// One item (criterion, rule, …) that changed.
#[derive(Debug, Clone, PartialEq)]
pub struct ItemDiff {
    /// Its id in the newer grid (in the older one when removed).
    pub id: String,
    /// What happened to it.
    pub status: Status,
    /// The older ids it comes from (renamed, split, merged).
    pub from: Vec<String>,
    /// Its fields that changed.
    pub fields: Vec<FieldChange>,
    /// Its texts whose words are the same but not their typography (spaces, apostrophes).
    pub typography: Vec<String>,
    /// The crosswalk's note about it.
    pub note: Option<Text>,
}

/// What happened to an item.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// New in the newer grid.
    Added,
    /// Gone from the newer grid.
    Removed,
    /// Same item, new id (crosswalk).
    Renamed,
    /// Comes from an older criterion split in several (crosswalk).
    Split,
    /// Comes from several older criteria (crosswalk).
    Merged,
    /// Same id, level descriptors changed (crosswalk).
    Reworded,
    /// Same id, some fields changed.
    Changed,
}

impl Status {
    /// The code used in JSON output.
    pub fn code(self) -> &'static str {
        match self {
            Status::Added => "added",
            Status::Removed => "removed",
            Status::Renamed => "renamed",
            Status::Split => "split",
            Status::Merged => "merged",
            Status::Reworded => "reworded",
            Status::Changed => "changed",
        }
    }
}

/// One field that changed: its key in the grid file, before and after.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldChange {
    /// The key, as written in grid files (`weight`, `question`, `levels.3`, …).
    pub field: String,
    /// The older value.
    pub before: Shown,
    /// The newer value.
    pub after: Shown,
}

/// A field value as shown in a diff.
#[derive(Debug, Clone, PartialEq)]
pub enum Shown {
    /// Not given.
    Absent,
    /// A value that reads the same in every language (a weight, a condition).
    Plain(String),
    /// A text in each language.
    Text(Text),
}
