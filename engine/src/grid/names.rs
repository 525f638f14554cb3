//! A grid's titles for what conditions read, so that a condition is described
//! with the words of the grid it was compiled against.

use super::Grid;
use crate::rules::{Condition, Names};

/// The titles of one grid in one language.
pub struct GridNames<'g> {
    grid: &'g Grid,
    lang: &'g str,
}

impl<'g> GridNames<'g> {
    /// The titles of `grid` in `lang` (its default language where a text lacks `lang`).
    pub fn new(grid: &'g Grid, lang: &'g str) -> Self {
        GridNames { grid, lang }
    }
}

impl Names for GridNames<'_> {
    fn criterion(&self, index: usize) -> &str {
        self.grid.criterion(index).title.get(self.lang)
    }

    fn axis(&self, index: usize) -> &str {
        self.grid.axes[index].title.get(self.lang)
    }

    fn profile_field(&self, index: usize) -> &str {
        self.grid.profile[index].label.get(self.lang)
    }

    fn choice(&self, field: usize, code: &str) -> Option<&str> {
        let choices = self.grid.profile[field].choices.as_ref()?;
        let choice = choices.iter().find(|c| c.code == code)?;
        Some(choice.label.get(self.lang))
    }
}

impl Grid {
    /// `condition` (compiled against this grid) in plain words in `lang`.
    pub fn describe(&self, condition: &Condition, lang: &str) -> String {
        condition.describe(lang, &GridNames::new(self, lang))
    }
}
