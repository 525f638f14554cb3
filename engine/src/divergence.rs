//! The divergence table: for each criterion rated by several people, each rater's
//! level, how far apart they are, whether that exceeds the grid's `rater_gap`, and
//! the level the group agreed on, if any; the criteria most disagreed on first.
//!
//! It is read from a [`Report`] and its grid, so the same table serves an
//! assessment file, the web app's offline raters and a workshop's results.

use crate::grid::Grid;
use crate::report::{Consolidation, Report};
use crate::rules::AnswerState;
use crate::vocabulary::Language;
use serde::Serialize;

/// One rater's answer to a criterion, named.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RaterLevel {
    /// The code given (`3`, `na`, `?`).
    pub code: String,
    /// Its label in the report's language (`Établi`, « sans objet »).
    pub label: String,
}

/// Where a criterion stands after the raters answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Standing {
    /// The group agreed on a level.
    Agreed,
    /// The raters are `rater_gap` or more steps apart, or disagree on whether it
    /// applies, and the group has not agreed: a point to debate.
    ToDebate,
    /// The raters are close enough; their median is kept.
    Close,
}

/// One criterion of the table.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DivergenceRow {
    /// Criterion full id.
    pub criterion: String,
    /// Its place in the grid (0 for the first criterion), to show the grid's order.
    pub position: usize,
    /// Its title.
    pub title: String,
    /// The title of its axis.
    pub axis: String,
    /// Each rater's answer, aligned with [`Divergence::raters`] (`None`: not answered).
    pub levels: Vec<Option<RaterLevel>>,
    /// Steps between the highest and the lowest level given (two levels or more).
    pub spread: Option<u32>,
    /// The spread reaches the grid's `rater_gap`.
    pub exceeds_gap: bool,
    /// Some raters gave a level, others said it does not apply.
    pub applicability_dispute: bool,
    /// The level agreed by the group (a consensus), if any.
    pub consensus: Option<RaterLevel>,
    /// The note saying why (the criterion's evidence).
    pub note: Option<String>,
    /// Agreed, to debate, or close.
    pub standing: Standing,
}

/// The divergence table of one assessment.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Divergence {
    /// The raters, in the assessment's order.
    pub raters: Vec<String>,
    /// The grid's `rater_gap`: raters this many steps apart are a point to debate.
    pub rater_gap: u32,
    /// Criteria with at least one rater's level, most disagreed on first.
    pub rows: Vec<DivergenceRow>,
}

impl Divergence {
    /// The table of `report`, scored with `grid`, in the report's language.
    pub fn of_report(grid: &Grid, report: &Report) -> Divergence {
        let lang = report.lang.as_str();
        let mut rows = Vec::new();
        for (axis, a) in grid.axes.iter().zip(&report.axes) {
            for c in &a.criteria {
                if c.raters.is_empty() {
                    continue;
                }
                let Some(i) = grid.criterion_index(&c.id) else {
                    continue;
                };
                let name = |code: &str| RaterLevel {
                    code: code.to_owned(),
                    label: code_label(grid, i, code, lang),
                };
                let levels: Vec<Option<RaterLevel>> = report
                    .raters
                    .iter()
                    .map(|r| c.raters.get(r).map(|code| name(code)))
                    .collect();
                let spread = spread(grid, i, c.raters.values());
                let exceeds_gap = spread.is_some_and(|s| s >= grid.signals.rater_gap);
                let applicability_dispute = disputes_applicability(grid, i, c.raters.values());
                let agreed = c.consolidation == Some(Consolidation::Consensus);
                let consensus = agreed.then(|| match (&c.level, c.state) {
                    (Some(l), _) => name(&l.code),
                    (None, state) => name(&state_code(grid, i, state)),
                });
                let standing = if agreed {
                    Standing::Agreed
                } else if exceeds_gap || applicability_dispute {
                    Standing::ToDebate
                } else {
                    Standing::Close
                };
                rows.push(DivergenceRow {
                    criterion: c.id.clone(),
                    position: i,
                    title: c.title.clone(),
                    axis: axis.title.get(lang).to_owned(),
                    levels,
                    spread,
                    exceeds_gap,
                    applicability_dispute,
                    consensus,
                    note: c.evidence.clone(),
                    standing,
                });
            }
        }
        sort_by_disagreement(&mut rows);
        Divergence {
            raters: report.raters.clone(),
            rater_gap: grid.signals.rater_gap,
            rows,
        }
    }

    /// The table as plain text, headed in `lang`: criterion, each rater, spread,
    /// where it stands.
    pub fn table(&self, lang: Language) -> String {
        let w = lang.divergence();
        let mut head = vec![w.criterion.to_owned()];
        head.extend(self.raters.iter().cloned());
        head.extend([w.spread.to_owned(), w.standing.to_owned()]);
        let rows: Vec<Vec<String>> = self
            .rows
            .iter()
            .map(|r| {
                let mut cells = vec![r.title.clone()];
                cells.extend(r.levels.iter().map(|l| {
                    l.as_ref().map_or_else(
                        || crate::vocabulary::NO_FIGURE.to_owned(),
                        |l| l.code.clone(),
                    )
                }));
                cells.push(r.spread.map_or_else(
                    || crate::vocabulary::NO_FIGURE.to_owned(),
                    |s| s.to_string(),
                ));
                cells.push(w.standing_of(r));
                cells
            })
            .collect();
        let raters = self.raters.len();
        crate::text_layout::text_table(&head, &rows, |i| i > 0 && i <= raters + 1)
    }
}

/// The most disagreed on first: to debate before close before agreed, then by
/// spread (largest first), then in the grid's order (the sort is stable).
fn sort_by_disagreement(rows: &mut [DivergenceRow]) {
    let rank = |r: &DivergenceRow| match r.standing {
        Standing::ToDebate => 0u8,
        Standing::Close => 1,
        Standing::Agreed => 2,
    };
    crate::sort::sort_by_key(rows, |r| (rank(r), u32::MAX - r.spread.unwrap_or(0)));
}

/// Steps between the highest and the lowest level among `codes` (two levels or more).
fn spread<'a>(grid: &Grid, c: usize, codes: impl Iterator<Item = &'a String>) -> Option<u32> {
    let scale = grid.scale_of(c);
    let positions: Vec<usize> = codes.filter_map(|code| scale.position(code)).collect();
    let (min, max) = (positions.iter().min()?, positions.iter().max()?);
    (positions.len() >= 2).then(|| (max - min) as u32)
}

/// Some codes are levels and others the scale's "not applicable".
fn disputes_applicability<'a>(
    grid: &Grid,
    c: usize,
    codes: impl Iterator<Item = &'a String> + Clone,
) -> bool {
    let scale = grid.scale_of(c);
    let na = scale.not_applicable.as_ref().map(|s| s.code.as_str());
    codes.clone().any(|code| Some(code.as_str()) == na)
        && codes.into_iter().any(|code| scale.position(code).is_some())
}

/// The label of a code of criterion `c`'s scale: an option, "not applicable" or "unknown".
fn code_label(grid: &Grid, c: usize, code: &str, lang: &str) -> String {
    let scale = grid.scale_of(c);
    if let Some(p) = scale.position(code) {
        return scale.options[p].label.get(lang).to_owned();
    }
    let special = [&scale.not_applicable, &scale.unknown]
        .into_iter()
        .flatten()
        .find(|s| s.code == code);
    match special {
        Some(s) => s.label.get(lang).to_owned(),
        None => code.to_owned(),
    }
}

/// The code of an agreed state without a level (`na`, `?`).
fn state_code(grid: &Grid, c: usize, state: AnswerState) -> String {
    let scale = grid.scale_of(c);
    let special = match state {
        AnswerState::NotApplicable => scale.not_applicable.as_ref(),
        AnswerState::Unknown => scale.unknown.as_ref(),
        _ => None,
    };
    special.map_or_else(String::new, |s| s.code.clone())
}
