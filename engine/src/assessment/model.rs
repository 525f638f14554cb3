//! What an assessment says, as written by its authors.

use crate::diagnostic::LineIndex;
use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};
use std::collections::{BTreeMap, HashMap};
use std::ops::Range;

/// One initiative's assessment against a grid.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Assessment {
    /// Who, what, when.
    #[serde(rename = "assessment")]
    pub meta: Meta,
    /// Profile fields (`status = "association"`).
    pub profile: BTreeMap<String, String>,
    /// Answers by criterion full id.
    pub answers: BTreeMap<String, Answer>,
    /// Where each key came from in the source, for located errors.
    #[serde(skip)]
    pub(crate) origins: Origins,
}

/// Identification of an assessment.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Meta {
    /// The id of the grid it answers.
    pub grid: String,
    /// The grid version it was made with.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub grid_version: Option<String>,
    /// An id for the initiative (batch rows have one).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The initiative's name.
    pub initiative: String,
    /// Its territory.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub territory: Option<String>,
    /// Date of the assessment (`YYYY-MM-DD`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// Names of the raters, when several people answered.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub raters: Vec<String>,
}

/// The answer to one criterion.
///
/// With several raters, `by` keeps each rater's level for the record and
/// `level`, when given, is the level the group agreed on (a consensus): it is
/// scored instead of the raters' median, and `evidence` says why. Without
/// `level` the raters' levels are consolidated, and raters too far apart
/// remain a point to debate.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Answer {
    /// The level code (`"3"`, `"na"`, `"?"`): a single rater's, or the
    /// group's agreed level when `by` is given.
    pub level: Option<String>,
    /// The target level code.
    pub target: Option<String>,
    /// Why this level: facts, sources; with a consensus, why the group agreed.
    pub evidence: Option<String>,
    /// Per-rater level codes.
    pub by: BTreeMap<String, String>,
}

impl Answer {
    /// An answer with just a level.
    pub fn level(code: impl Into<String>) -> Self {
        Answer {
            level: Some(code.into()),
            ..Answer::default()
        }
    }

    /// True when the group agreed on a level over several raters' levels.
    pub fn is_consensus(&self) -> bool {
        self.level.is_some() && !self.by.is_empty()
    }

    /// True when only `level` is set (written in the short form).
    pub fn is_short(&self) -> bool {
        self.target.is_none() && self.evidence.is_none() && self.by.is_empty()
    }
}

impl Serialize for Answer {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        if let (true, Some(level)) = (self.is_short(), &self.level) {
            return s.serialize_str(level);
        }
        let mut map = s.serialize_map(None)?;
        if let Some(level) = &self.level {
            map.serialize_entry("level", level)?;
        }
        if !self.by.is_empty() {
            map.serialize_entry("by", &self.by)?;
        }
        if let Some(target) = &self.target {
            map.serialize_entry("target", target)?;
        }
        if let Some(evidence) = &self.evidence {
            map.serialize_entry("evidence", evidence)?;
        }
        map.end()
    }
}

/// Source places of an assessment's keys: path → (span, line, column).
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct Origins {
    places: HashMap<String, (Option<Range<usize>>, usize, usize)>,
}

impl Origins {
    pub fn record(&mut self, path: String, span: Option<Range<usize>>, index: &LineIndex<'_>) {
        let (line, column) = match &span {
            Some(s) => index.line_column(s.start),
            None => (0, 0),
        };
        if line > 0 {
            self.places.insert(path, (span, line, column));
        }
    }

    /// Places the key at `path` where the key at `source` was (an answer
    /// carried to a new criterion id is located at its old key).
    pub fn alias(&mut self, path: &str, source: &str) {
        if let Some(place) = self.places.get(source).cloned() {
            self.places.insert(path.to_owned(), place);
        }
    }

    /// Locates a diagnostic by its path (or the closest recorded parent path).
    pub fn locate(&self, mut d: crate::Diagnostic) -> crate::Diagnostic {
        let Some(path) = d.path.clone() else { return d };
        let mut key = path.as_str();
        loop {
            if let Some((span, line, column)) = self.places.get(key) {
                d.span.clone_from(span);
                d.line = *line;
                d.column = *column;
                return d;
            }
            match parent_path(key) {
                Some(parent) => key = parent,
                None => return d,
            }
        }
    }
}

/// The path without its last segment: `a."b.c".d` → `a."b.c"` → `a`; `a[2]` → `a`.
fn parent_path(path: &str) -> Option<&str> {
    let cut = if let Some(inner) = path.strip_suffix('"') {
        let open = inner.rfind('"')?;
        open.checked_sub(1)?
    } else {
        path.rfind(['.', '['])?
    };
    Some(&path[..cut])
}

#[cfg(test)]
mod tests {
    use super::parent_path;

    #[test]
    fn parent_paths_respect_quoted_keys() {
        assert_eq!(
            parent_path("answers.\"a.b\".level"),
            Some("answers.\"a.b\"")
        );
        assert_eq!(parent_path("answers.\"a.b\""), Some("answers"));
        assert_eq!(parent_path("raters[2]"), Some("raters"));
        assert_eq!(parent_path("answers"), None);
    }
}
