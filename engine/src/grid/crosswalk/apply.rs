//! Carrying an assessment of an earlier grid version over to this one.
//!
//! Nothing changes silently: each criterion whose answer moved, may have
//! changed meaning, or could not be carried gets its own located warning,
//! and an answer that is not carried keeps its level and evidence in the
//! warning's message.

use super::describe::{
    bad_level, describe, describe_levels, joined_evidence, levels_of, note_suffix, quoted, read_as,
    same_levels,
};
use super::model::{ChangeKind, CriterionChange, Crosswalk};
use crate::assessment::{parse_code, Answer, Assessment, Given};
use crate::diagnostic::Diagnostic;
use crate::document::join_path;
use crate::grid::Grid;

/// An assessment carried over from an earlier version, and what the carry says.
#[derive(Debug, Clone)]
pub struct Carried {
    /// The assessment as if it had been recorded against this version.
    pub assessment: Assessment,
    /// One warning per criterion that moved, may have changed meaning or was not carried.
    pub warnings: Vec<Diagnostic>,
}

impl Grid {
    /// The crosswalk reading answers of `version`, if this grid has one.
    pub fn crosswalk_from(&self, version: &str) -> Option<&Crosswalk> {
        self.crosswalks.iter().find(|c| c.from == version)
    }

    /// The versions this grid reads: each version it has a crosswalk from, then its own.
    pub fn readable_versions(&self) -> Vec<&str> {
        let mut known: Vec<&str> = self.crosswalks.iter().map(|c| c.from.as_str()).collect();
        known.push(&self.version);
        known
    }

    /// Carries an assessment recorded against an earlier version of this grid
    /// over to this version, through the grid's crosswalk from that version.
    ///
    /// `None` when there is nothing to carry: the assessment names another grid,
    /// this version or no version, or a version this grid has no crosswalk from.
    /// Warnings are located in the assessment's source, at the old criterion's key.
    pub fn carry(&self, assessment: &Assessment) -> Option<Carried> {
        let meta = &assessment.meta;
        let from = meta.grid_version.as_deref()?;
        if meta.grid != self.id || from == self.version {
            return None;
        }
        let crosswalk = self.crosswalk_from(from)?;
        let mut carrier = Carrier {
            grid: self,
            from,
            carried: assessment.clone(),
            warnings: Vec::new(),
        };
        carrier.carried.meta.grid_version = Some(self.version.clone());
        carrier.warnings.push(
            Diagnostic::warning(
                "grid-version-carried",
                format!(
                    "this assessment was made with version {from} of grid `{}`; its answers were carried over to version {} through the grid's crosswalk{}",
                    self.id,
                    self.version,
                    note_suffix(crosswalk.note.as_ref())
                ),
            )
            .with_hint("read the warnings below, one per criterion that changed")
            .with_path("assessment.grid_version"),
        );
        carrier.unnamed(crosswalk);
        for change in &crosswalk.changes {
            carrier.apply(change);
        }
        let warnings = carrier
            .warnings
            .into_iter()
            .map(|d| assessment.origins.locate(d))
            .collect();
        Some(Carried {
            assessment: carrier.carried,
            warnings,
        })
    }
}

struct Carrier<'g> {
    grid: &'g Grid,
    from: &'g str,
    carried: Assessment,
    warnings: Vec<Diagnostic>,
}

impl Carrier<'_> {
    /// Criteria no change names keep their answers, unless a code is no longer
    /// on the criterion's scale: then the answer is not carried, and warned.
    fn unnamed(&mut self, crosswalk: &Crosswalk) {
        let named = |id: &str| {
            crosswalk
                .changes
                .iter()
                .any(|c| c.old.iter().chain(&c.new).any(|n| n == id))
        };
        let ids: Vec<String> = self
            .carried
            .answers
            .keys()
            .filter(|id| !named(id) && self.grid.criterion_index(id).is_some())
            .cloned()
            .collect();
        for id in ids {
            let same = CriterionChange {
                change: ChangeKind::Reworded,
                old: vec![id.clone()],
                new: vec![id.clone()],
                levels: Default::default(),
                carry: true,
                note: None,
            };
            let answer = &self.carried.answers[&id];
            if let Err(why) = self.map_answer(&same, &id, answer) {
                let answer = self.carried.answers.remove(&id).unwrap_or_default();
                self.not_carried(&same, &id, &answer, &why);
            }
        }
    }

    fn apply(&mut self, change: &CriterionChange) {
        match change.change {
            ChangeKind::Added => self.added(change),
            ChangeKind::Removed => {
                let old = &change.old[0];
                if let Some(answer) = self.carried.answers.remove(old) {
                    let why = format!("it no longer exists in version {}", self.grid.version);
                    self.not_carried(change, old, &answer, &why);
                }
            }
            ChangeKind::Merged => self.merged(change),
            ChangeKind::Renamed | ChangeKind::Reworded | ChangeKind::Split => self.moved(change),
        }
    }

    fn added(&mut self, change: &CriterionChange) {
        for new in &change.new {
            if !self.carried.answers.contains_key(new) {
                let message = format!(
                    "`{new}` is a new criterion in version {}, unanswered{}",
                    self.grid.version,
                    note_suffix(change.note.as_ref())
                );
                let path = "assessment.grid_version".into();
                self.warn("crosswalk-added", message, "answer it", path);
            }
        }
    }

    /// Renamed, reworded and split: one old answer, carried to each new criterion.
    fn moved(&mut self, change: &CriterionChange) {
        let old = &change.old[0];
        let Some(answer) = self.carried.answers.remove(old) else {
            return;
        };
        if !change.carry {
            return self.not_carried(change, old, &answer, "the crosswalk says `carry = false`");
        }
        let mut mapped = Vec::with_capacity(change.new.len());
        for new in &change.new {
            match self.map_answer(change, new, &answer) {
                Ok(a) => mapped.push((new, a)),
                Err(why) => return self.not_carried(change, old, &answer, &why),
            }
        }
        let read_as = read_as(&answer, &mapped[0].1);
        for (new, a) in mapped {
            self.carried.answers.insert(new.clone(), a);
            self.carried
                .origins
                .alias(&answer_path(new), &answer_path(old));
        }
        let (code, verb) = match change.change {
            ChangeKind::Renamed => ("crosswalk-renamed", format!("is `{}`", change.new[0])),
            ChangeKind::Reworded => (
                "crosswalk-reworded",
                "kept its id, but its level descriptors changed".to_owned(),
            ),
            _ => (
                "crosswalk-split",
                format!("is split into {}", quoted(&change.new)),
            ),
        };
        let message = format!(
            "criterion `{old}` {verb} in version {}: its answer ({}) was carried over{read_as}{}",
            self.grid.version,
            describe(&answer),
            note_suffix(change.note.as_ref())
        );
        self.warn(
            code,
            message,
            "confirm the level against the new descriptors",
            answer_path(old),
        );
    }

    fn merged(&mut self, change: &CriterionChange) {
        let answered: Vec<(&String, Answer)> = change
            .old
            .iter()
            .filter_map(|old| Some((old, self.carried.answers.remove(old)?)))
            .collect();
        let Some((first, _)) = answered.first() else {
            return;
        };
        let new = &change.new[0];
        let mapped: Result<Vec<Answer>, String> = answered
            .iter()
            .map(|(_, a)| self.map_answer(change, new, a))
            .collect();
        let agreed = match mapped {
            Ok(all) if all.windows(2).all(|w| same_levels(&w[0], &w[1])) => Ok(all),
            Ok(_) => Err(format!(
                "the old answers disagree ({})",
                levels_of(&answered)
            )),
            Err(why) => Err(why),
        };
        let agreed = agreed.and_then(|all| {
            if change.carry {
                Ok(all)
            } else {
                Err("the crosswalk says `carry = false`".to_owned())
            }
        });
        match agreed {
            Ok(all) => {
                let mut merged = all[0].clone();
                merged.evidence = joined_evidence(&answered);
                let read_as = read_as(&answered[0].1, &merged);
                self.carried.answers.insert(new.clone(), merged);
                self.carried
                    .origins
                    .alias(&answer_path(new), &answer_path(first));
                let message = format!(
                    "criteria {} are merged into `{new}` in version {}: their common answer ({}) was carried over{read_as}{}",
                    quoted(&change.old),
                    self.grid.version,
                    describe_levels(&answered[0].1),
                    note_suffix(change.note.as_ref())
                );
                self.warn(
                    "crosswalk-merged",
                    message,
                    "confirm the level against the new descriptors",
                    answer_path(first),
                );
            }
            Err(why) => {
                for (old, answer) in &answered {
                    self.not_carried(change, old, answer, &why);
                }
            }
        }
    }

    /// The old answer with its codes mapped, or why it cannot be carried to `new`.
    fn map_answer(
        &self,
        change: &CriterionChange,
        new: &str,
        a: &Answer,
    ) -> Result<Answer, String> {
        if !change.old.iter().any(|o| o == new) && self.carried.answers.contains_key(new) {
            // Answered under its new id too: that answer is the newer one, and stays.
            return Err(format!("`{new}` is already answered in this assessment"));
        }
        let c = self.grid.criterion_index(new).ok_or_else(|| {
            format!(
                "`{new}` is not a criterion of version {}",
                self.grid.version
            )
        })?;
        let scale = self.grid.scale_of(c);
        let map = |code: &String, target: bool| -> Result<String, String> {
            let mapped = change.map_level(code);
            match parse_code(scale, mapped) {
                Some(Given::Level(_)) => Ok(mapped.to_owned()),
                Some(_) if !target => Ok(mapped.to_owned()),
                _ => Err(bad_level(scale, new, code, mapped)),
            }
        };
        Ok(Answer {
            level: a.level.as_ref().map(|l| map(l, false)).transpose()?,
            target: a.target.as_ref().map(|t| map(t, true)).transpose()?,
            evidence: a.evidence.clone(),
            by: a
                .by
                .iter()
                .map(|(r, l)| Ok((r.clone(), map(l, false)?)))
                .collect::<Result<_, String>>()?,
        })
    }

    fn not_carried(&mut self, change: &CriterionChange, old: &str, answer: &Answer, why: &str) {
        let message = format!(
            "the answer to `{old}` ({}) was not carried to version {}: {why}{}",
            describe(answer),
            self.grid.version,
            note_suffix(change.note.as_ref())
        );
        let hint = match change.new.as_slice() {
            [] => "keep what matters from it in another criterion's evidence".to_owned(),
            new => format!("answer {} again", quoted(new)),
        };
        self.warn("crosswalk-not-carried", message, &hint, answer_path(old));
    }

    fn warn(&mut self, code: &str, message: String, hint: &str, path: String) {
        let message = format!("{message} (recorded against version {})", self.from);
        self.warnings.push(
            Diagnostic::warning(code, message)
                .with_hint(hint)
                .with_path(path),
        );
    }
}

fn answer_path(id: &str) -> String {
    join_path("answers", id)
}
