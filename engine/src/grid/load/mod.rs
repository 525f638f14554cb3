//! Loading a grid from TOML: every problem is reported at once, with its place.
//!
//! The loader walks the document once, section by section (one file each:
//! scales, profile, axes, rules), collecting every problem; conditions are
//! compiled last, once every name they may use is known.

mod axes;
mod conditions;
mod index;
mod profile;
mod rules;
mod scales;

pub(super) use conditions::content_span;

use axes::AxesRead;
use index::hex_sha256;
pub(in crate::grid) use index::{build_index, build_scope};

use super::model::*;
use super::read_text::{read_id, read_text, text_of};
use super::scope::GridScope;
use crate::diagnostic::{did_you_mean, Diagnostic, Diagnostics, LineIndex, SuggestionBudget};
use crate::document::{as_code, parse_toml, Node, Sink, TableReader, Value};
use crate::rules::suggest::enumerate;
use crate::rules::{Condition, Context, RuleError, RuleErrorKind};
use crate::text::Text;
use sha2::{Digest, Sha256};
use std::collections::{HashMap, HashSet};
use std::ops::Range;

/// A grid that loaded without errors, with the warnings its lints found.
#[derive(Debug, Clone)]
pub struct LoadedGrid {
    /// The grid.
    pub grid: Grid,
    /// Warnings (e.g. a rule that can never fire); they do not prevent use.
    pub warnings: Vec<Diagnostic>,
}

impl Grid {
    /// Loads and validates a grid written in TOML.
    ///
    /// Every problem is reported at once — TOML syntax, unknown keys, duplicate
    /// ids, unknown scales, missing translations, rules naming unknown criteria,
    /// type errors in conditions, weights ≤ 0 — each with its line, column and a
    /// hint. Lint warnings (rules that can never fire or always fire, unused
    /// recommendations) come with the loaded grid.
    pub fn from_toml(source: &str) -> Result<LoadedGrid, Diagnostics> {
        let root = parse_toml(source).map_err(Diagnostics)?;
        let mut sink = Sink::default();
        let grid = GridLoader::new(source, &mut sink).load(&root);
        let index = LineIndex::new(source);
        let mut diagnostics = sink.finish(&index);
        match grid {
            Some(grid) if !diagnostics.iter().any(Diagnostic::is_error) => {
                let mut lints = super::lint::lint(&grid, &index, &root);
                crate::sort::sort_by_key(&mut lints, |d| (d.line, d.column));
                diagnostics.extend(lints);
                Ok(LoadedGrid {
                    grid,
                    warnings: diagnostics,
                })
            }
            _ => Err(Diagnostics(diagnostics)),
        }
    }
}

const TOP_KEYS: &[&str] = &[
    "grid",
    "scales",
    "profile",
    "axes",
    "rules",
    "recommendations",
    "crosswalk",
];
const GRID_KEYS: &[&str] = &[
    "id",
    "version",
    "languages",
    "title",
    "description",
    "overall",
    "signals",
];
const SIGNAL_KEYS: &[&str] = &["target_gap", "rater_gap"];
const SCALE_KEYS: &[&str] = &[
    "label",
    "options",
    "not_applicable",
    "unknown",
    "critical_below",
];
/// Largest weight.
pub(in crate::grid) const MAX_WEIGHT: f64 = 1e6;

/// A number as a person would write it: huge ones in scientific notation.
fn show_number(x: f64) -> String {
    if x.is_finite() && x.abs() >= 1e9 {
        format!("{x:e}")
    } else {
        x.to_string()
    }
}

/// Most options in a scale (answers are stored as a position in a byte).
pub(crate) const MAX_OPTIONS: usize = 100;
/// Largest option score, in absolute value: keeps every score difference finite.
pub(in crate::grid) const MAX_SCORE: f64 = 1e6;
const OPTION_KEYS: &[&str] = &["code", "score", "label"];
const SPECIAL_KEYS: &[&str] = &["code", "label"];
const PROFILE_KEYS: &[&str] = &["id", "label", "choices"];
const AXIS_KEYS: &[&str] = &[
    "id",
    "weight",
    "title",
    "question",
    "description",
    "criteria",
];
const CRITERION_KEYS: &[&str] = &[
    "id", "scale", "weight", "critical", "title", "question", "hint", "levels", "relevant",
];
const RULE_KEYS: &[&str] = &["id", "kind", "when", "message", "recommend"];
const RECOMMENDATION_KEYS: &[&str] = &["id", "phase", "title", "text"];

/// A condition waiting to be compiled once every name is known.
struct PendingCondition<'a> {
    node: &'a Node,
    path: String,
}

/// The `[grid]` table, read.
struct Header {
    id: String,
    version: String,
    title: Text,
    description: Option<Text>,
    overall: bool,
    signals: Signals,
}

struct GridLoader<'s, 'k> {
    source: &'s str,
    sink: &'k mut Sink,
    languages: Vec<String>,
    /// Scales declared but refused: criteria using them get no second error.
    broken_scales: Vec<String>,
    /// Axes and criteria (full ids) declared with a valid id but refused for
    /// another reason: conditions naming them get no second error.
    broken_names: Vec<String>,
    /// Profile fields declared with a valid id but refused for another
    /// reason: conditions naming them get no second error.
    broken_profile: Vec<String>,
    /// Every valid recommendation id declared, kept or refused: rules
    /// recommending a refused one get no second error.
    declared_recommendations: Vec<String>,
    /// Did-you-mean comparisons left for hints about the grid's own names
    /// (scales, recommendations); its conditions have their own budget.
    suggestions: SuggestionBudget,
}

impl<'s, 'k> GridLoader<'s, 'k> {
    fn new(source: &'s str, sink: &'k mut Sink) -> Self {
        GridLoader {
            source,
            sink,
            languages: Vec::new(),
            broken_scales: Vec::new(),
            broken_names: Vec::new(),
            broken_profile: Vec::new(),
            declared_recommendations: Vec::new(),
            suggestions: SuggestionBudget::new(),
        }
    }

    /// Reads every section, then compiles every condition, so that one run
    /// reports the mistakes of all of them: texts, ids, weights, scales,
    /// profile, rules and recommendations.
    ///
    /// Only errors that follow from another are held back: a criterion using
    /// a refused scale, a condition naming an axis, criterion or profile field
    /// refused for another reason, a rule recommending a refused
    /// recommendation, and texts when the grid's languages are unknown (no
    /// `[grid]` table or no `languages`) get no second error.
    fn load(mut self, root: &Node) -> Option<Grid> {
        let top = TableReader::new(root, "", self.sink)?;
        top.check_keys(TOP_KEYS, self.sink);
        let header = self.read_header(&top);
        let scales = self.read_scales(&top);
        let profile = self.read_profile(&top);
        let AxesRead {
            mut axes,
            relevance,
            orphans,
        } = self.read_axes(&top, &scales);
        let recommendations = self.read_recommendations(&top);
        let rules = self.read_rules(&top);
        let crosswalks = super::crosswalk::read_crosswalks(
            &top,
            header.as_ref().map(|h| h.version.as_str()),
            &axes,
            &scales,
            &self.languages,
            self.sink,
        );

        let mut scope = build_scope(&axes, &scales, &profile);
        scope.add_broken(&self.broken_names);
        scope.add_broken_profile(&self.broken_profile);
        let relevance: Vec<Option<Condition>> = relevance
            .into_iter()
            .map(|p| p.and_then(|p| self.compile(&p, &scope, Context::Relevance)))
            .collect();
        for orphan in &orphans {
            self.compile(orphan, &scope, Context::Relevance);
        }
        let rules: Vec<Option<Rule>> = rules
            .into_iter()
            .map(|rule| {
                let when = rule
                    .when
                    .and_then(|p| self.compile(&p, &scope, Context::Rule));
                let head = rule.head?;
                Some(Rule {
                    id: head.id,
                    kind: head.kind,
                    when: when?,
                    message: head.message,
                    recommend: head.recommend,
                })
            })
            .collect();

        if self.sink.has_errors() {
            return None;
        }
        let mut flat = relevance.into_iter();
        for criterion in axes.iter_mut().flat_map(|a| a.criteria.iter_mut()) {
            criterion.relevant = flat.next().flatten();
        }
        let header = header?;
        let index = build_index(&axes, &profile, &recommendations);
        Some(Grid {
            id: header.id,
            version: header.version,
            languages: self.languages.clone(),
            title: header.title,
            description: header.description,
            overall: header.overall,
            signals: header.signals,
            scales,
            profile,
            axes,
            rules: rules.into_iter().flatten().collect(),
            recommendations,
            crosswalks,
            hash: hex_sha256(self.source),
            index,
        })
    }

    /// Reads the `[grid]` table: id, version, languages, title. Without it
    /// the other sections are still read (their texts in any language).
    fn read_header(&mut self, top: &TableReader<'_>) -> Option<Header> {
        let Some(header) = top.table("grid", self.sink) else {
            if top.get("grid").is_none() {
                self.sink.error_hint(
                    "missing-key",
                    "the grid has no `[grid]` table".into(),
                    "start the file with `[grid]` and its `id`, `version`, `languages` and `title`"
                        .into(),
                    None,
                    "grid",
                );
            }
            return None;
        };
        header.check_keys(GRID_KEYS, self.sink);
        self.languages = self.read_languages(&header);
        let id = read_id(
            &header,
            "id",
            "the grid's stable id, e.g. \"domino\"",
            self.sink,
        );
        let version = header.req_str("version", "e.g. \"1.0.0\"", self.sink);
        let title = read_text(&header, "title", &self.languages, true, self.sink);
        let description = read_text(&header, "description", &self.languages, false, self.sink);
        let overall = header.bool("overall", self.sink).unwrap_or(true);
        let signals = self.read_signals(&header);
        Some(Header {
            id: id?.to_owned(),
            version: version?.to_owned(),
            title: title?,
            description,
            overall,
            signals,
        })
    }

    fn read_languages(&mut self, header: &TableReader<'_>) -> Vec<String> {
        let Some(items) = header.array("languages", self.sink) else {
            if header.get("languages").is_none() {
                header.missing(
                    "languages",
                    "e.g. [\"fr\", \"en\"]; the first is the default",
                    self.sink,
                );
            }
            return Vec::new();
        };
        let mut languages = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let path = format!("grid.languages[{i}]");
            match &item.value {
                Value::Str(s) if is_language_tag(s) => {
                    if languages.contains(s) {
                        self.sink.error(
                            "duplicate-id",
                            format!("language `{s}` is declared twice"),
                            item.span.clone(),
                            &path,
                        );
                    } else {
                        languages.push(s.clone());
                    }
                }
                Value::Str(s) => self.sink.error_hint(
                    "invalid-language",
                    format!("`{s}` is not a language code"),
                    "use a lowercase code such as \"fr\", \"en\" or \"br\"".into(),
                    item.span.clone(),
                    &path,
                ),
                other => self.sink.error(
                    "wrong-type",
                    format!("`{path}` must be a string, found {}", other.kind()),
                    item.span.clone(),
                    &path,
                ),
            }
        }
        if languages.is_empty() {
            self.sink.error_hint(
                "missing-key",
                "`grid.languages` is empty".into(),
                "declare at least one language, e.g. [\"fr\"]".into(),
                header.get("languages").and_then(|n| n.span.clone()),
                "grid.languages",
            );
        }
        languages
    }

    fn read_signals(&mut self, header: &TableReader<'_>) -> Signals {
        let mut signals = Signals::default();
        let Some(t) = header.table("signals", self.sink) else {
            return signals;
        };
        t.check_keys(SIGNAL_KEYS, self.sink);
        for (key, slot) in [
            ("target_gap", &mut signals.target_gap),
            ("rater_gap", &mut signals.rater_gap),
        ] {
            if let Some(n) = t.number(key, self.sink) {
                if n.fract() == 0.0 && (1.0..=100.0).contains(&n) {
                    *slot = n as u32;
                } else {
                    self.sink.error_hint(
                        "bad-signal",
                        format!(
                            "`{}` must be a whole number of scale steps ≥ 1, found {n}",
                            t.path_of(key)
                        ),
                        "e.g. 2: two steps on the scale".into(),
                        t.get(key).and_then(|n| n.span.clone()),
                        &t.path_of(key),
                    );
                }
            }
        }
        signals
    }
}

/// A lowercase language code such as `fr`, `en` or `fr-be`.
pub(in crate::grid) fn is_language_tag(s: &str) -> bool {
    let mut parts = s.split('-');
    let first = parts.next().unwrap_or("");
    (2..=3).contains(&first.len())
        && first.chars().all(|c| c.is_ascii_lowercase())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}
