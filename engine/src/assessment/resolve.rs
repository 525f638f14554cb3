//! Resolving an assessment against a grid: every id and code checked, answers
//! turned into positions on their scales, ready for scoring.

use super::model::{Answer, Assessment, Meta};
use crate::diagnostic::{Diagnostic, Diagnostics, SuggestionBudget};
use crate::grid::{Grid, Scale};
use crate::rules::suggest::enumerate;
use std::collections::HashMap;

/// One answer, as a position on the criterion's scale.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Given {
    /// Nothing given.
    #[default]
    Unanswered,
    /// The option at this position (0 = lowest score).
    Level(u8),
    /// Not applicable.
    NotApplicable,
    /// Unknown (`?`).
    Unknown,
}

/// The resolved answer to one criterion.
///
/// Four bytes: the raters' answers are kept apart ([`Responses::by_rater`]),
/// so that the answers of a whole grid, which scoring reads first and
/// usually out of cache, fit in a few cache lines.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Response {
    /// The single answer; with per-rater answers, the level the group agreed
    /// on (a consensus), or [`Given::Unanswered`] when the raters' levels are
    /// to be consolidated.
    pub given: Given,
    /// Target level position.
    pub target: Option<u8>,
}

/// An assessment resolved against a grid: what the scorer reads.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Responses {
    /// Identification.
    pub meta: Meta,
    /// One response per criterion, in the grid's global criterion order.
    pub answers: Vec<Response>,
    /// Profile values, aligned with [`Grid::profile`].
    pub profile: Vec<Option<String>>,
    /// Rater names.
    pub raters: Vec<String>,
    /// Per-rater answers of each criterion, aligned with [`Responses::answers`],
    /// each aligned with [`Responses::raters`]: empty for a criterion with a
    /// single answer, and empty altogether when no criterion has any.
    pub by_rater: Vec<Vec<Given>>,
    /// Evidence notes per criterion (empty when none was given at all).
    pub evidence: Vec<Option<String>>,
}

impl Responses {
    /// Empty responses for a grid: nothing answered.
    pub fn empty(grid: &Grid) -> Self {
        Responses {
            meta: Meta {
                grid: grid.id.clone(),
                ..Meta::default()
            },
            answers: vec![Response::default(); grid.criterion_count()],
            profile: vec![None; grid.profile.len()],
            raters: Vec::new(),
            by_rater: Vec::new(),
            evidence: Vec::new(),
        }
    }

    /// The raters' answers to criterion `c`, aligned with [`Responses::raters`]
    /// (none for a single answer).
    pub fn rater_answers(&self, c: usize) -> &[Given] {
        self.by_rater.get(c).map_or(&[], Vec::as_slice)
    }

    /// Per-rater answers for criterion `c`, to be written: the list laid out
    /// for every criterion first when none had any.
    pub fn rater_answers_mut(&mut self, c: usize) -> &mut Vec<Given> {
        let n = self.answers.len().max(c + 1);
        if self.by_rater.len() < n {
            self.by_rater.resize_with(n, Vec::new);
        }
        &mut self.by_rater[c]
    }
}

/// Reads a level code on a scale.
pub(crate) fn parse_code(scale: &Scale, code: &str) -> Option<Given> {
    if let [byte] = code.as_bytes() {
        // Most codes are one character: compare bytes, not strings.
        let same = |c: &str| c.as_bytes() == [*byte];
        if let Some(p) = scale.options.iter().position(|o| same(&o.code)) {
            return Some(Given::Level(p as u8));
        }
        if scale.not_applicable.as_ref().is_some_and(|s| same(&s.code)) {
            return Some(Given::NotApplicable);
        }
        if scale.unknown.as_ref().is_some_and(|s| same(&s.code)) {
            return Some(Given::Unknown);
        }
        return None;
    }
    if let Some(p) = scale.position(code) {
        return Some(Given::Level(p as u8));
    }
    if scale
        .not_applicable
        .as_ref()
        .is_some_and(|s| s.code == code)
    {
        return Some(Given::NotApplicable);
    }
    if scale.unknown.as_ref().is_some_and(|s| s.code == code) {
        return Some(Given::Unknown);
    }
    None
}

/// What [`parse_code`] gives for each code of a scale, computed once per
/// column of a batch header instead of once per cell: most level codes are
/// one character (`0`–`3`, `?`), looked up by their byte; the longer ones
/// (`na`) are compared whole.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct CodeTable {
    /// By byte, for one-byte ASCII cells: `None` for a byte that is no code,
    /// or that trimming would change (white space, control bytes).
    bytes: [Option<Given>; 128],
    /// The scale's codes of two bytes or more that trimming keeps as they
    /// are, with what they read as.
    longer: Vec<(String, Given)>,
}

impl CodeTable {
    /// The table of a scale.
    pub(crate) fn new(scale: &Scale) -> Self {
        let mut bytes = [None; 128];
        for (b, slot) in (0u8..).zip(bytes.iter_mut()) {
            if let Ok(code) = std::str::from_utf8(std::slice::from_ref(&b)) {
                *slot = parse_code(scale, code).filter(|_| b.is_ascii_graphic());
            }
        }
        let codes = (scale.options.iter().map(|o| &o.code))
            .chain(scale.not_applicable.iter().map(|s| &s.code))
            .chain(scale.unknown.iter().map(|s| &s.code));
        let longer = codes
            .filter(|code| code.len() > 1 && code.trim() == code.as_str())
            .filter_map(|code| Some((code.clone(), parse_code(scale, code)?)))
            .collect();
        CodeTable { bytes, longer }
    }

    /// What a cell reads as when it is a code of the scale as it stands (one
    /// byte that trimming keeps, or one of the longer codes); `None` for any
    /// other cell, which the caller trims and parses, or refuses.
    #[inline(always)]
    pub(crate) fn known(&self, cell: &[u8]) -> Option<Given> {
        match cell {
            [b] => self.bytes.get(usize::from(*b)).copied().flatten(),
            _ => self.longer(cell),
        }
    }

    /// One of the scale's codes of two bytes or more, exactly.
    fn longer(&self, cell: &[u8]) -> Option<Given> {
        (self.longer.iter())
            .find(|(code, _)| code.as_bytes() == cell)
            .map(|&(_, given)| given)
    }
}

/// The error for a code that is not on the scale.
pub(crate) fn bad_code(scale: &Scale, criterion: &str, code: &str, target: bool) -> Diagnostic {
    let codes = if target {
        scale
            .options
            .iter()
            .map(|o| o.code.as_str())
            .collect::<Vec<_>>()
    } else {
        scale.accepted_codes()
    };
    let what = if target { "target level" } else { "level" };
    Diagnostic::error(
        "unknown-code",
        format!(
            "`{code}` is not a {what} of `{criterion}`{}",
            crate::diagnostic::non_ascii_note(code)
        ),
    )
    .with_hint(format!("use one of: {}", codes.join(", ")))
}

/// The error for an unknown criterion id; its did-you-mean hint is searched
/// for while the input's `budget` lasts.
pub(crate) fn unknown_criterion(grid: &Grid, id: &str, budget: &SuggestionBudget) -> Diagnostic {
    let closest = budget.did_you_mean(id, grid.criteria().map(|(_, c)| c.full_id.as_str()));
    let hint = match closest {
        Some(best) => format!("did you mean `{best}`?"),
        None => format!(
            "criteria of grid `{}` look like `{}`; `domino grid show` lists them",
            grid.id,
            grid.criteria()
                .next()
                .map_or("", |(_, c)| c.full_id.as_str())
        ),
    };
    Diagnostic::error(
        "unknown-criterion",
        format!(
            "grid `{}` has no criterion `{id}`{}",
            grid.id,
            crate::diagnostic::non_ascii_note(id)
        ),
    )
    .with_hint(hint)
}

/// The error for an unknown profile field, or a value outside its choices,
/// with a did-you-mean hint while the input's `budget` lasts.
pub(crate) fn check_profile_value(
    grid: &Grid,
    field: &str,
    value: &str,
    budget: &SuggestionBudget,
) -> Result<usize, Box<Diagnostic>> {
    let Some(i) = grid.profile_index(field) else {
        let fields = grid.profile.iter().map(|f| f.id.as_str());
        let hint = match budget.did_you_mean(field, fields.clone()) {
            Some(best) => format!("did you mean `{best}`?"),
            None => format!("profile fields: {}", enumerate(fields, 12)),
        };
        return Err(Box::new(
            Diagnostic::error(
                "unknown-profile-field",
                format!(
                    "grid `{}` has no profile field `{field}`{}",
                    grid.id,
                    crate::diagnostic::non_ascii_note(field)
                ),
            )
            .with_hint(hint),
        ));
    };
    if let Some(choices) = &grid.profile[i].choices {
        if !choices.iter().any(|c| c.code == value) {
            let codes = choices.iter().map(|c| c.code.as_str());
            let hint = match budget.did_you_mean(value, codes.clone()) {
                Some(best) => format!("did you mean `{best}`?"),
                None => format!("choices: {}", enumerate(codes, 12)),
            };
            return Err(Box::new(
                Diagnostic::error(
                    "unknown-choice",
                    format!(
                        "`{value}` is not a choice of profile field `{field}`{}",
                        crate::diagnostic::non_ascii_note(value)
                    ),
                )
                .with_hint(hint),
            ));
        }
    }
    Ok(i)
}

/// The outcome of resolving: responses and warnings.
#[derive(Debug, Clone)]
pub struct Resolved {
    /// What the scorer reads.
    pub responses: Responses,
    /// Non-blocking remarks (e.g. another grid version).
    pub warnings: Vec<Diagnostic>,
}

impl Grid {
    /// Checks an assessment against this grid and turns it into [`Responses`].
    ///
    /// Every problem is reported: another grid, unknown criteria, profile fields
    /// or raters, codes not on the scale; each located in the assessment's source
    /// when it was read from a file.
    ///
    /// An assessment of an earlier version that this grid has a crosswalk from
    /// is first carried over ([`Grid::carry`]), with its warnings.
    pub fn resolve(&self, assessment: &Assessment) -> Result<Resolved, Diagnostics> {
        let mut errors = Vec::new();
        let carried = self.carry(assessment);
        let mut warnings = carried
            .as_ref()
            .map_or_else(Vec::new, |c| c.warnings.clone());
        let assessment = carried.as_ref().map_or(assessment, |c| &c.assessment);
        let meta = &assessment.meta;
        errors.extend(self.wrong_grid(meta));
        warnings.extend(self.other_version(meta));
        let raters = raters_of(assessment);
        let mut responses = Responses::empty(self);
        responses.meta = meta.clone();
        responses.raters.clone_from(&raters);
        let budget = SuggestionBudget::new();
        for (field, value) in &assessment.profile {
            match check_profile_value(self, field, value, &budget) {
                Ok(i) => responses.profile[i] = Some(value.clone()),
                Err(d) => errors.push(d.with_path(format!("profile.{}", quote_key(field)))),
            }
        }
        let mut reader = AnswerReader {
            grid: self,
            raters: &raters,
            rater_index: rater_index(&raters),
            budget: &budget,
            errors: &mut errors,
        };
        for (id, answer) in &assessment.answers {
            reader.read(id, answer, &mut responses);
        }
        finish(assessment, responses, warnings, errors)
    }

    /// The error of an assessment that answers another grid.
    fn wrong_grid(&self, meta: &Meta) -> Option<Diagnostic> {
        (meta.grid != self.id).then(|| {
            Diagnostic::error(
                "wrong-grid",
                format!(
                    "this assessment answers grid `{}`, not `{}`",
                    meta.grid, self.id
                ),
            )
            .with_hint(format!(
                "score it with grid `{}` (`--grid FILE`), or set `grid = \"{}\"`",
                meta.grid, self.id
            ))
            .with_path("assessment.grid")
        })
    }

    /// The warning of an assessment made with another version that no crosswalk carried.
    fn other_version(&self, meta: &Meta) -> Option<Diagnostic> {
        let v = meta.grid_version.as_ref().filter(|v| **v != self.version)?;
        Some(
            Diagnostic::warning(
                "grid-version",
                format!(
                    "this assessment was made with version {v} of grid `{}`; this is version {}",
                    self.id, self.version
                ),
            )
            .with_hint("check that the criteria and levels still mean the same")
            .with_path("assessment.grid_version"),
        )
    }
}

/// The raters of an assessment: those it lists, or else every rater its answers name.
fn raters_of(assessment: &Assessment) -> Vec<String> {
    if assessment.meta.raters.is_empty() {
        crate::sort::set_of(
            assessment
                .answers
                .values()
                .flat_map(|a| a.by.keys().cloned()),
        )
        .into_iter()
        .collect()
    } else {
        assessment.meta.raters.clone()
    }
}

/// The first position of each rater (a repeated one is an error of its own).
fn rater_index(raters: &[String]) -> HashMap<&str, usize> {
    let mut index = HashMap::with_capacity(raters.len());
    for (i, rater) in raters.iter().enumerate() {
        index.entry(rater.as_str()).or_insert(i);
    }
    index
}

/// Reads each answer into the responses, collecting every problem.
struct AnswerReader<'a> {
    grid: &'a Grid,
    raters: &'a [String],
    rater_index: HashMap<&'a str, usize>,
    budget: &'a SuggestionBudget,
    errors: &'a mut Vec<Diagnostic>,
}

impl AnswerReader<'_> {
    fn read(&mut self, id: &str, answer: &Answer, responses: &mut Responses) {
        let path = format!("answers.{}", quote_key(id));
        let Some(c) = self.grid.criterion_index(id) else {
            let d = unknown_criterion(self.grid, id, self.budget).with_path(path);
            self.errors.push(d);
            return;
        };
        let scale = self.grid.scale_of(c);
        let response = &mut responses.answers[c];
        if let Some(code) = &answer.level {
            match parse_code(scale, code) {
                Some(g) => response.given = g,
                None => self
                    .errors
                    .push(bad_code(scale, id, code, false).with_path(format!("{path}.level"))),
            }
        }
        if let Some(code) = &answer.target {
            match parse_code(scale, code) {
                Some(Given::Level(p)) => response.target = Some(p),
                _ => self
                    .errors
                    .push(bad_code(scale, id, code, true).with_path(format!("{path}.target"))),
            }
        }
        if !answer.by.is_empty() {
            let by = responses.rater_answers_mut(c);
            *by = vec![Given::Unanswered; self.raters.len()];
            for (rater, code) in &answer.by {
                let rpath = format!("{path}.by.{}", quote_key(rater));
                let Some(r) = self.rater(rater, &rpath) else {
                    continue;
                };
                match parse_code(scale, code) {
                    Some(g) => by[r] = g,
                    None => self
                        .errors
                        .push(bad_code(scale, id, code, false).with_path(rpath)),
                }
            }
        }
        if let Some(e) = &answer.evidence {
            if responses.evidence.is_empty() {
                responses.evidence = vec![None; self.grid.criterion_count()];
            }
            responses.evidence[c] = Some(e.clone());
        }
    }

    /// The position of a rater, or an error at `path` when the assessment does not list it.
    fn rater(&mut self, rater: &str, path: &str) -> Option<usize> {
        if let Some(&r) = self.rater_index.get(rater) {
            return Some(r);
        }
        let hint = match self
            .budget
            .did_you_mean(rater, self.raters.iter().map(String::as_str))
        {
            Some(best) => format!("did you mean `{best}`?"),
            None => "add the rater to `assessment.raters`".into(),
        };
        self.errors.push(
            Diagnostic::error(
                "unknown-rater",
                format!("rater `{rater}` is not listed in `assessment.raters`"),
            )
            .with_hint(hint)
            .with_path(path),
        );
        None
    }
}

/// The responses with their located warnings, or every error located and in source order.
fn finish(
    assessment: &Assessment,
    responses: Responses,
    warnings: Vec<Diagnostic>,
    errors: Vec<Diagnostic>,
) -> Result<Resolved, Diagnostics> {
    if errors.is_empty() {
        return Ok(Resolved {
            responses,
            warnings: warnings
                .into_iter()
                .map(|d| assessment.origins.locate(d))
                .collect(),
        });
    }
    let mut errors: Vec<Diagnostic> = errors
        .into_iter()
        .map(|d| assessment.origins.locate(d))
        .collect();
    crate::sort::sort_by_key(&mut errors, |d| (d.line, d.column));
    Err(Diagnostics(errors))
}

fn quote_key(k: &str) -> String {
    crate::document::join_path("", k)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Grid, BUILTIN_GRIDS};

    /// Whatever the table reads a cell as, `parse_code` reads the trimmed
    /// cell the same: the table is only a shortcut (a cell it does not read
    /// is trimmed and parsed, or refused, by the slow path).
    #[test]
    fn the_code_table_reads_cells_as_parse_code_does() {
        let cells = [
            "", " ", "0", "1", "4", "5", "?", "na", "NA", " na", "na ", "n", "a", "--", "-", "++",
            "+", "+ ", "---", "0.0", "é", "\t2", "2\u{a0}", "??",
        ];
        for (name, source) in BUILTIN_GRIDS {
            let grid = Grid::from_toml(source).unwrap().grid;
            for scale in &grid.scales {
                let table = CodeTable::new(scale);
                let codes = scale.options.iter().map(|o| o.code.as_str());
                let mut read = 0;
                for cell in cells.iter().copied().chain(codes) {
                    if let Some(given) = table.known(cell.as_bytes()) {
                        assert_eq!(
                            Some(given),
                            parse_code(scale, cell.trim()),
                            "{name}: {cell:?}"
                        );
                        read += 1;
                    }
                }
                // Every code of the scale is read by the table itself.
                assert!(read >= scale.options.len(), "{name}: {}", scale.id);
                for special in scale.not_applicable.iter().chain(&scale.unknown) {
                    assert!(
                        table.known(special.code.as_bytes()).is_some(),
                        "{name}: {}",
                        special.code
                    );
                }
            }
        }
    }
}
