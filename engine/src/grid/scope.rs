//! Name resolution for conditions, over a grid being loaded.

use crate::diagnostic::SuggestionBudget;
use crate::rules::Scope;
use std::collections::HashMap;

/// What conditions may name: criteria, axes and profile fields of the grid.
#[derive(Debug, Default)]
pub(crate) struct GridScope {
    pub criteria: HashMap<String, usize>,
    pub criterion_ids: Vec<String>,
    pub ranges: Vec<(f64, f64)>,
    pub axes: Vec<String>,
    pub profile: Vec<(String, Option<Vec<String>>)>,
    /// One budget of did-you-mean comparisons for all the grid's conditions.
    pub suggestions: SuggestionBudget,
}

impl GridScope {
    /// Makes names that were declared but refused known, so that conditions
    /// naming them do not add a second error to the first one.
    pub fn add_broken(&mut self, names: &[String]) {
        for name in names {
            if name.contains('.') {
                if !self.criteria.contains_key(name) {
                    self.criteria.insert(name.clone(), self.criterion_ids.len());
                    self.criterion_ids.push(name.clone());
                    self.ranges.push((0.0, 0.0));
                }
            } else if !self.axes.contains(name) {
                self.axes.push(name.clone());
            }
        }
    }

    /// Adds profile fields refused for another reason, as free text, so that
    /// conditions naming them get no second error.
    pub fn add_broken_profile(&mut self, ids: &[String]) {
        for id in ids {
            if !self.profile.iter().any(|(known, _)| known == id) {
                self.profile.push((id.clone(), None));
            }
        }
    }
}

impl Scope for GridScope {
    fn criterion(&self, full_id: &str) -> Option<usize> {
        self.criteria.get(full_id).copied()
    }

    fn axis(&self, id: &str) -> Option<usize> {
        self.axes.iter().position(|a| a == id)
    }

    fn profile_field(&self, id: &str) -> Option<(usize, Option<Vec<String>>)> {
        self.profile
            .iter()
            .position(|(f, _)| f == id)
            .map(|i| (i, self.profile[i].1.clone()))
    }

    fn criterion_range(&self, criterion: usize) -> (f64, f64) {
        self.ranges.get(criterion).copied().unwrap_or((0.0, 0.0))
    }

    fn criterion_ids(&self) -> Vec<String> {
        self.criterion_ids.clone()
    }

    fn axis_ids(&self) -> Vec<String> {
        self.axes.clone()
    }

    fn profile_field_ids(&self) -> Vec<String> {
        self.profile.iter().map(|(id, _)| id.clone()).collect()
    }

    fn may_suggest(&self, candidates: usize) -> bool {
        self.suggestions.take(candidates)
    }
}
