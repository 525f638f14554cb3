//! Loading a grid from TOML: every problem is reported at once, with its place.

use super::model::*;
use super::read_text::{read_id, read_text, text_of};
use super::scope::GridScope;
use crate::diagnostic::{did_you_mean, Diagnostic, Diagnostics};
use crate::document::{as_code, parse_toml, Node, Sink, TableReader, Value};
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
        let mut diagnostics = sink.finish(source);
        match grid {
            Some(grid) if !diagnostics.iter().any(Diagnostic::is_error) => {
                let mut lints = super::lint::lint(&grid, source);
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
const MAX_WEIGHT: f64 = 1e6;

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
const MAX_SCORE: f64 = 1e6;
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

struct GridLoader<'s, 'k> {
    source: &'s str,
    sink: &'k mut Sink,
    languages: Vec<String>,
    /// Scales declared but refused: criteria using them get no second error.
    broken_scales: Vec<String>,
    /// Axes and criteria (full ids) declared with a valid id but refused for
    /// another reason: conditions naming them get no second error.
    broken_names: Vec<String>,
}

impl<'s, 'k> GridLoader<'s, 'k> {
    fn new(source: &'s str, sink: &'k mut Sink) -> Self {
        GridLoader {
            source,
            sink,
            languages: Vec::new(),
            broken_scales: Vec::new(),
            broken_names: Vec::new(),
        }
    }

    fn load(mut self, root: &Node) -> Option<Grid> {
        let top = TableReader::new(root, "", self.sink)?;
        top.check_keys(TOP_KEYS, self.sink);
        let header = match top.table("grid", self.sink) {
            Some(h) => h,
            None => {
                if top.get("grid").is_none() {
                    self.sink.error_hint(
                        "missing-key",
                        "the grid has no `[grid]` table".into(),
                        "start the file with `[grid]` and its `id`, `version`, `languages` and `title`".into(),
                        None,
                        "grid",
                    );
                }
                return None;
            }
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

        let scales = self.read_scales(&top);
        let profile = self.read_profile(&top);
        let (axes, relevance) = self.read_axes(&top, &scales);
        let recommendations = self.read_recommendations(&top);
        let (rule_heads, rule_conditions) = self.read_rules(&top, &recommendations);

        let mut scope = build_scope(&axes, &scales, &profile);
        scope.add_broken(&self.broken_names);
        let relevance: Vec<Option<Condition>> = relevance
            .into_iter()
            .map(|p| p.and_then(|p| self.compile(&p, &scope, Context::Relevance)))
            .collect();
        let conditions: Vec<Option<Condition>> = rule_conditions
            .iter()
            .map(|p| {
                p.as_ref()
                    .and_then(|p| self.compile(p, &scope, Context::Rule))
            })
            .collect();

        if self.sink.has_errors() {
            return None;
        }
        let mut axes = axes;
        let mut flat = 0;
        for axis in &mut axes {
            for criterion in &mut axis.criteria {
                criterion.relevant = relevance[flat].clone();
                flat += 1;
            }
        }
        let rules = rule_heads
            .into_iter()
            .zip(conditions)
            .filter_map(|(head, when)| {
                Some(Rule {
                    id: head.0,
                    kind: head.1,
                    when: when?,
                    message: head.2,
                    recommend: head.3,
                })
            })
            .collect();
        let index = build_index(&axes, &profile, &recommendations);
        Some(Grid {
            id: id?.to_owned(),
            version: version?.to_owned(),
            languages: self.languages.clone(),
            title: title?,
            description,
            overall,
            signals,
            scales,
            profile,
            axes,
            rules,
            recommendations,
            hash: hex_sha256(self.source),
            index,
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
            return vec!["fr".into()];
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
            languages.push("fr".into());
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

    fn read_scales(&mut self, top: &TableReader<'_>) -> Vec<Scale> {
        let Some(table) = top.table("scales", self.sink) else {
            if top.get("scales").is_none() {
                self.sink.error_hint(
                    "missing-key",
                    "the grid declares no answer scale".into(),
                    "add a `[scales.level]` table with its `options`".into(),
                    None,
                    "scales",
                );
            }
            return Vec::new();
        };
        let mut scales = Vec::new();
        for (id, key_span, node) in table.entries() {
            let path = table.path_of(id);
            if !super::is_valid_id(id) {
                self.sink.error_hint(
                    "invalid-id",
                    format!(
                        "`{id}` is not a valid scale id{}",
                        crate::diagnostic::non_ascii_note(id)
                    ),
                    "use lowercase letters, digits, `_` and `-`".into(),
                    key_span.clone(),
                    &path,
                );
            }
            let Some(t) = TableReader::new(node, &path, self.sink) else {
                self.broken_scales.push(id.to_owned());
                continue;
            };
            t.check_keys(SCALE_KEYS, self.sink);
            match self.read_scale(id, &t) {
                Some(scale) => scales.push(scale),
                None => self.broken_scales.push(id.to_owned()),
            }
        }
        scales
    }

    fn read_scale(&mut self, id: &str, t: &TableReader<'_>) -> Option<Scale> {
        let label = read_text(t, "label", &self.languages, false, self.sink);
        let Some(items) = t.array("options", self.sink) else {
            if t.get("options").is_none() {
                t.missing(
                    "options",
                    "the answers, from the lowest to the highest score",
                    self.sink,
                );
            }
            return None;
        };
        let mut options: Vec<ScaleOption> = Vec::new();
        let mut spans: Vec<Option<Range<usize>>> = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let path = format!("{}.options[{i}]", t.path());
            let Some(o) = TableReader::new(item, &path, self.sink) else {
                continue;
            };
            o.check_keys(OPTION_KEYS, self.sink);
            let code = self.read_code(&o, "code");
            let score = o.number("score", self.sink);
            if o.get("score").is_none() {
                o.missing("score", "a number", self.sink);
            }
            let label = read_text(&o, "label", &self.languages, true, self.sink);
            if let Some(s) = score {
                if !s.is_finite() || s.abs() > MAX_SCORE {
                    self.sink.error_hint(
                        "bad-score",
                        format!(
                            "`{path}.score` must be a number between -{MAX_SCORE} and {MAX_SCORE}, found {}",
                            show_number(s)
                        ),
                        "write a number such as 0, 1 or -2".into(),
                        o.get("score").and_then(|n| n.span.clone()),
                        &format!("{path}.score"),
                    );
                    continue;
                }
            }
            if let Some(code) = &code {
                if let Some(prev) = options.iter().position(|p| &p.code == code) {
                    self.sink.error_hint(
                        "duplicate-id",
                        format!("option code `{code}` appears twice in scale `{id}`"),
                        format!("the first is option {prev}; codes must be unique"),
                        o.get("code").and_then(|n| n.span.clone()),
                        &format!("{path}.code"),
                    );
                    continue;
                }
            }
            if let (Some(code), Some(score), Some(label)) = (code, score, label) {
                if let Some(last) = options.last() {
                    if score <= last.score {
                        self.sink.error_hint(
                            "scale-order",
                            format!("option `{code}` (score {score}) must score higher than the option before it (`{}`, score {})", last.code, last.score),
                            "list options from the lowest to the highest score, each score unique".into(),
                            o.get("score").and_then(|n| n.span.clone()),
                            &format!("{path}.score"),
                        );
                        continue;
                    }
                }
                options.push(ScaleOption { code, score, label });
                spans.push(item.span.clone());
            }
        }
        if items.len() < 2 {
            self.sink.error_hint(
                "scale-too-small",
                format!(
                    "scale `{id}` has {} option(s); a scale needs at least two",
                    items.len()
                ),
                "add options, e.g. 0 = absent … 4 = exemplary".into(),
                t.get("options").and_then(|n| n.span.clone()),
                &t.path_of("options"),
            );
        }
        if items.len() > MAX_OPTIONS {
            self.sink.error_hint(
                "scale-too-large",
                format!(
                    "scale `{id}` has {} options; a scale has at most {MAX_OPTIONS}",
                    items.len()
                ),
                "a scale is a short list of levels a person chooses from".into(),
                t.get("options").and_then(|n| n.span.clone()),
                &t.path_of("options"),
            );
            return None;
        }
        let not_applicable = self.read_special(t, "not_applicable", &options);
        let unknown = self.read_special(t, "unknown", &options);
        if let (Some(a), Some(b)) = (&not_applicable, &unknown) {
            if a.code == b.code {
                self.sink.error(
                    "duplicate-id",
                    format!("`not_applicable` and `unknown` both use code `{}`", a.code),
                    t.get("unknown").and_then(|n| n.span.clone()),
                    &t.path_of("unknown"),
                );
            }
        }
        let critical_below = match t.get("critical_below") {
            None => options.len() / 2,
            Some(node) => match as_code(node) {
                Some(code) => match options.iter().position(|o| o.code == code) {
                    Some(p) => p,
                    None => {
                        let codes: Vec<&str> = options.iter().map(|o| o.code.as_str()).collect();
                        self.sink.error_hint("unknown-code", format!("`critical_below` names `{code}`, which is not an option of scale `{id}`"), format!("use one of: {}", codes.join(", ")), node.span.clone(), &t.path_of("critical_below"));
                        0
                    }
                },
                None => {
                    self.sink.error(
                        "wrong-type",
                        format!("`{}` must be an option code", t.path_of("critical_below")),
                        node.span.clone(),
                        &t.path_of("critical_below"),
                    );
                    0
                }
            },
        };
        (options.len() >= 2).then(|| Scale {
            id: id.to_owned(),
            label,
            options,
            not_applicable,
            unknown,
            critical_below,
        })
    }

    fn read_code(&mut self, t: &TableReader<'_>, key: &str) -> Option<String> {
        let Some(node) = t.get(key) else {
            t.missing(key, "a short code such as \"3\" or \"na\"", self.sink);
            return None;
        };
        match as_code(node) {
            Some(code)
                if !code.trim().is_empty()
                    && code.len() <= 32
                    && !code.contains([',', '"', '\n', '\r']) =>
            {
                Some(code)
            }
            Some(code) => {
                self.sink.error_hint(
                    "invalid-code",
                    format!("`{code}` is not a usable answer code"),
                    "codes are 1 to 32 characters, without commas, quotes or line breaks".into(),
                    node.span.clone(),
                    &t.path_of(key),
                );
                None
            }
            None => {
                self.sink.error(
                    "wrong-type",
                    format!(
                        "`{}` must be a string, found {}",
                        t.path_of(key),
                        node.value.kind()
                    ),
                    node.span.clone(),
                    &t.path_of(key),
                );
                None
            }
        }
    }

    fn read_special(
        &mut self,
        t: &TableReader<'_>,
        key: &str,
        options: &[ScaleOption],
    ) -> Option<SpecialAnswer> {
        let s = t.table(key, self.sink)?;
        s.check_keys(SPECIAL_KEYS, self.sink);
        let code = self.read_code(&s, "code");
        let label = read_text(&s, "label", &self.languages, true, self.sink);
        let code = code?;
        if options.iter().any(|o| o.code == code) {
            self.sink.error_hint(
                "duplicate-id",
                format!("`{key}` uses code `{code}`, which is already an option of the scale"),
                "give it its own code, e.g. \"na\" or \"?\"".into(),
                s.get("code").and_then(|n| n.span.clone()),
                &s.path_of("code"),
            );
            return None;
        }
        Some(SpecialAnswer {
            code,
            label: label?,
        })
    }

    fn read_profile(&mut self, top: &TableReader<'_>) -> Vec<ProfileField> {
        let Some(items) = top.array("profile", self.sink) else {
            return Vec::new();
        };
        let mut fields: Vec<ProfileField> = Vec::new();
        let mut seen = HashSet::new();
        for (i, item) in items.iter().enumerate() {
            let path = format!("profile[{i}]");
            let Some(t) = TableReader::new(item, &path, self.sink) else {
                continue;
            };
            t.check_keys(PROFILE_KEYS, self.sink);
            let id = read_id(&t, "id", "the field id, e.g. \"status\"", self.sink);
            if let Some(id) = id {
                if matches!(id, "id" | "name") {
                    self.sink.error_hint("reserved-id", format!("profile field id `{id}` is reserved"), "batch files use `id` and `name` for the initiative itself; choose another id".into(), t.get("id").and_then(|n| n.span.clone()), &t.path_of("id"));
                }
                if !seen.insert(id.to_owned()) {
                    self.sink.error(
                        "duplicate-id",
                        format!("profile field `{id}` is declared twice"),
                        t.get("id").and_then(|n| n.span.clone()),
                        &t.path_of("id"),
                    );
                }
            }
            let label = read_text(&t, "label", &self.languages, true, self.sink);
            let choices = t
                .array("choices", self.sink)
                .map(|c| self.read_choices(c, &t.path_of("choices")));
            if let (Some(id), Some(label)) = (id, label) {
                fields.push(ProfileField {
                    id: id.to_owned(),
                    label,
                    choices,
                });
            }
        }
        fields
    }

    fn read_choices(&mut self, items: &[Node], path: &str) -> Vec<Choice> {
        let mut choices: Vec<Choice> = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let p = format!("{path}[{i}]");
            let choice = match &item.value {
                Value::Str(code) => Some(Choice {
                    code: code.clone(),
                    label: Text::new(
                        self.languages
                            .iter()
                            .map(|l| (l.clone(), code.clone()))
                            .collect(),
                    ),
                }),
                Value::Table(_) => {
                    let Some(t) = TableReader::new(item, &p, self.sink) else {
                        continue;
                    };
                    t.check_keys(SPECIAL_KEYS, self.sink);
                    let code = self.read_code(&t, "code");
                    let label = read_text(&t, "label", &self.languages, true, self.sink);
                    code.zip(label).map(|(code, label)| Choice { code, label })
                }
                other => {
                    self.sink.error(
                        "wrong-type",
                        format!(
                            "`{p}` must be a code or {{ code, label }}, found {}",
                            other.kind()
                        ),
                        item.span.clone(),
                        &p,
                    );
                    None
                }
            };
            if let Some(c) = choice {
                if choices.iter().any(|x| x.code == c.code) {
                    self.sink.error(
                        "duplicate-id",
                        format!("choice `{}` appears twice", c.code),
                        item.span.clone(),
                        &p,
                    );
                } else {
                    choices.push(c);
                }
            }
        }
        choices
    }

    fn read_axes<'a>(
        &mut self,
        top: &TableReader<'a>,
        scales: &[Scale],
    ) -> (Vec<Axis>, Vec<Option<PendingCondition<'a>>>) {
        let mut axes = Vec::new();
        let mut relevance = Vec::new();
        let Some(items) = top.array("axes", self.sink) else {
            if top.get("axes").is_none() {
                self.sink.error_hint(
                    "no-axes",
                    "the grid has no axis".into(),
                    "add at least one `[[axes]]` table with its `[[axes.criteria]]`".into(),
                    None,
                    "axes",
                );
            }
            return (axes, relevance);
        };
        if items.is_empty() {
            self.sink.error_hint(
                "no-axes",
                "the grid has no axis".into(),
                "add at least one `[[axes]]` table".into(),
                top.get("axes").and_then(|n| n.span.clone()),
                "axes",
            );
        }
        let mut seen: HashMap<String, ()> = HashMap::new();
        for (i, item) in items.iter().enumerate() {
            let path = format!("axes[{i}]");
            let Some(t) = TableReader::new(item, &path, self.sink) else {
                continue;
            };
            t.check_keys(AXIS_KEYS, self.sink);
            let id = read_id(&t, "id", "the axis id, e.g. \"solidarite\"", self.sink);
            if let Some(id) = id {
                if seen.insert(id.to_owned(), ()).is_some() {
                    self.sink.error_hint(
                        "duplicate-id",
                        format!("axis `{id}` is declared twice"),
                        "axis ids must be unique".into(),
                        t.get("id").and_then(|n| n.span.clone()),
                        &t.path_of("id"),
                    );
                }
            }
            let weight = self.read_weight(&t);
            let title = read_text(&t, "title", &self.languages, true, self.sink);
            let question = read_text(&t, "question", &self.languages, true, self.sink);
            let description = read_text(&t, "description", &self.languages, false, self.sink);
            let criteria_nodes = t.array("criteria", self.sink).unwrap_or(&[]);
            if criteria_nodes.is_empty() {
                self.sink.error_hint(
                    "empty-axis",
                    format!("axis `{}` has no criterion", id.unwrap_or("?")),
                    "add `[[axes.criteria]]` tables after the axis".into(),
                    t.key_span("id"),
                    &path,
                );
            }
            let mut criteria = Vec::new();
            let mut axis_relevance = Vec::new();
            let mut crit_seen = HashSet::new();
            for (j, node) in criteria_nodes.iter().enumerate() {
                let cpath = format!("{path}.criteria[{j}]");
                let Some(c) = TableReader::new(node, &cpath, self.sink) else {
                    continue;
                };
                c.check_keys(CRITERION_KEYS, self.sink);
                let cid = read_id(&c, "id", "the criterion id, e.g. \"accueil\"", self.sink);
                if let Some(cid) = cid {
                    if !crit_seen.insert(cid.to_owned()) {
                        self.sink.error_hint(
                            "duplicate-id",
                            format!("criterion `{}.{cid}` is declared twice", id.unwrap_or("?")),
                            "criterion ids must be unique within their axis".into(),
                            c.get("id").and_then(|n| n.span.clone()),
                            &c.path_of("id"),
                        );
                    }
                }
                let scale = self.read_scale_ref(&c, scales);
                let cweight = self.read_weight(&c);
                let critical = c.bool("critical", self.sink).unwrap_or(false);
                let ctitle = read_text(&c, "title", &self.languages, true, self.sink);
                let cquestion = read_text(&c, "question", &self.languages, true, self.sink);
                let hint = read_text(&c, "hint", &self.languages, false, self.sink);
                let levels = scale
                    .map(|s| self.read_levels(&c, &scales[s]))
                    .unwrap_or_default();
                let pending = c.get("relevant").map(|node| PendingCondition {
                    node,
                    path: c.path_of("relevant"),
                });
                let complete = scale.is_some() && ctitle.is_some() && cquestion.is_some();
                if let (Some(axis), Some(cid), false) = (id, cid, complete) {
                    self.broken_names.push(format!("{axis}.{cid}"));
                }
                if let (Some(cid), Some(scale), Some(ctitle), Some(cquestion)) =
                    (cid, scale, ctitle, cquestion)
                {
                    criteria.push(Criterion {
                        id: cid.to_owned(),
                        full_id: format!("{}.{cid}", id.unwrap_or("")),
                        scale,
                        weight: cweight,
                        critical,
                        title: ctitle,
                        question: cquestion,
                        hint,
                        levels,
                        relevant: None,
                    });
                    axis_relevance.push(pending);
                }
            }
            if let (Some(id), Some(title), Some(question)) = (id, title, question) {
                axes.push(Axis {
                    id: id.to_owned(),
                    weight,
                    title,
                    question,
                    description,
                    criteria,
                });
                relevance.extend(axis_relevance);
            } else if let Some(id) = id {
                self.broken_names.push(id.to_owned());
                self.broken_names
                    .extend(criteria.iter().map(|c| c.full_id.clone()));
            }
        }
        (axes, relevance)
    }

    fn read_weight(&mut self, t: &TableReader<'_>) -> f64 {
        match t.number("weight", self.sink) {
            None => 1.0,
            Some(w) if w.is_finite() && w > 0.0 && w <= MAX_WEIGHT => w,
            Some(w) => {
                self.sink.error_hint(
                    "bad-weight",
                    format!(
                        "`{}` must be a number > 0 and at most {MAX_WEIGHT}, found {}",
                        t.path_of("weight"),
                        show_number(w)
                    ),
                    "weights are positive finite numbers (1 by default); to leave a criterion out, remove it or use `relevant`".into(),
                    t.get("weight").and_then(|n| n.span.clone()),
                    &t.path_of("weight"),
                );
                1.0
            }
        }
    }

    fn read_scale_ref(&mut self, c: &TableReader<'_>, scales: &[Scale]) -> Option<usize> {
        let name = c.req_str("scale", "the id of one of the grid's scales", self.sink)?;
        match scales.iter().position(|s| s.id == name) {
            Some(i) => Some(i),
            None if self.broken_scales.iter().any(|s| s == name) => None,
            None => {
                let known: Vec<&str> = scales.iter().map(|s| s.id.as_str()).collect();
                let hint = match did_you_mean(name, known.iter().copied()) {
                    Some(best) => format!("did you mean `{best}`?"),
                    None if known.is_empty() => {
                        "declare the scale in a `[scales.<id>]` table".into()
                    }
                    None => format!("known scales: {}", known.join(", ")),
                };
                self.sink.error_hint(
                    "unknown-scale",
                    format!("unknown scale `{name}`"),
                    hint,
                    c.get("scale").and_then(|n| n.span.clone()),
                    &c.path_of("scale"),
                );
                None
            }
        }
    }

    fn read_levels(&mut self, c: &TableReader<'_>, scale: &Scale) -> Vec<Option<Text>> {
        let mut levels = vec![None; scale.options.len()];
        let Some(t) = c.table("levels", self.sink) else {
            return levels;
        };
        for (code, span, node) in t.entries() {
            match scale.position(code) {
                Some(p) => levels[p] = text_of(node, &t.path_of(code), &self.languages, self.sink),
                None => {
                    let codes: Vec<&str> = scale.options.iter().map(|o| o.code.as_str()).collect();
                    self.sink.error_hint(
                        "unknown-code",
                        format!("level `{code}` is not an option of scale `{}`", scale.id),
                        format!("options: {}", codes.join(", ")),
                        span,
                        &t.path_of(code),
                    );
                }
            }
        }
        let missing: Vec<&str> = scale
            .options
            .iter()
            .zip(&levels)
            .filter(|(_, l)| l.is_none())
            .map(|(o, _)| o.code.as_str())
            .filter(|code| t.get(code).is_none())
            .collect();
        if !missing.is_empty() {
            self.sink.error_hint(
                "missing-level",
                format!(
                    "`{}` has no descriptor for level(s) {}",
                    t.path(),
                    missing.join(", ")
                ),
                "describe every level of the scale, or remove `levels` altogether".into(),
                t.span().map(|s| s.start..s.start + 1),
                t.path(),
            );
        }
        levels
    }

    fn read_recommendations(&mut self, top: &TableReader<'_>) -> Vec<Recommendation> {
        let Some(items) = top.array("recommendations", self.sink) else {
            return Vec::new();
        };
        let mut out: Vec<Recommendation> = Vec::new();
        for (i, item) in items.iter().enumerate() {
            let path = format!("recommendations[{i}]");
            let Some(t) = TableReader::new(item, &path, self.sink) else {
                continue;
            };
            t.check_keys(RECOMMENDATION_KEYS, self.sink);
            let id = read_id(&t, "id", "the recommendation id", self.sink);
            if let Some(id) = id {
                if out.iter().any(|r| r.id == id) {
                    self.sink.error(
                        "duplicate-id",
                        format!("recommendation `{id}` is declared twice"),
                        t.get("id").and_then(|n| n.span.clone()),
                        &t.path_of("id"),
                    );
                }
            }
            let phase = t
                .req_str("phase", "declencher, accompagner or perenniser", self.sink)
                .and_then(|p| {
                    let phase = Phase::from_code(p);
                    if phase.is_none() {
                        let codes = Phase::ALL.map(Phase::code);
                        let hint = did_you_mean(p, codes).map_or_else(
                            || format!("use one of: {}", codes.join(", ")),
                            |b| format!("did you mean `{b}`?"),
                        );
                        self.sink.error_hint(
                            "unknown-phase",
                            format!("unknown phase `{p}`"),
                            hint,
                            t.get("phase").and_then(|n| n.span.clone()),
                            &t.path_of("phase"),
                        );
                    }
                    phase
                });
            let title = read_text(&t, "title", &self.languages, true, self.sink);
            let text = read_text(&t, "text", &self.languages, true, self.sink);
            if let (Some(id), Some(phase), Some(title), Some(text)) = (id, phase, title, text) {
                out.push(Recommendation {
                    id: id.to_owned(),
                    phase,
                    title,
                    text,
                });
            }
        }
        out
    }

    #[allow(clippy::type_complexity)]
    fn read_rules<'a>(
        &mut self,
        top: &TableReader<'a>,
        recommendations: &[Recommendation],
    ) -> (
        Vec<(String, FindingKind, Text, Vec<String>)>,
        Vec<Option<PendingCondition<'a>>>,
    ) {
        let mut heads = Vec::new();
        let mut conditions = Vec::new();
        let Some(items) = top.array("rules", self.sink) else {
            return (heads, conditions);
        };
        let mut seen = HashSet::new();
        for (i, item) in items.iter().enumerate() {
            let path = format!("rules[{i}]");
            let Some(t) = TableReader::new(item, &path, self.sink) else {
                continue;
            };
            t.check_keys(RULE_KEYS, self.sink);
            let id = read_id(&t, "id", "the rule id", self.sink);
            if let Some(id) = id {
                if !seen.insert(id.to_owned()) {
                    self.sink.error(
                        "duplicate-id",
                        format!("rule `{id}` is declared twice"),
                        t.get("id").and_then(|n| n.span.clone()),
                        &t.path_of("id"),
                    );
                }
            }
            let kind = t
                .req_str("kind", "pepite, opportunite, vigilance or debat", self.sink)
                .and_then(|k| {
                    let kind = FindingKind::from_code(k);
                    if kind.is_none() {
                        let codes = FindingKind::ALL.map(FindingKind::code);
                        let hint = did_you_mean(k, codes).map_or_else(
                            || format!("use one of: {}", codes.join(", ")),
                            |b| format!("did you mean `{b}`?"),
                        );
                        self.sink.error_hint(
                            "unknown-kind",
                            format!("unknown finding kind `{k}`"),
                            hint,
                            t.get("kind").and_then(|n| n.span.clone()),
                            &t.path_of("kind"),
                        );
                    }
                    kind
                });
            let message = read_text(&t, "message", &self.languages, true, self.sink);
            let mut recommend = Vec::new();
            if let Some(list) = t.array("recommend", self.sink) {
                for (j, r) in list.iter().enumerate() {
                    let rpath = format!("{path}.recommend[{j}]");
                    match &r.value {
                        Value::Str(rid) if recommendations.iter().any(|x| &x.id == rid) => {
                            recommend.push(rid.clone())
                        }
                        Value::Str(rid) => {
                            let hint =
                                did_you_mean(rid, recommendations.iter().map(|x| x.id.as_str()))
                                    .map_or_else(
                                        || "declare it in a `[[recommendations]]` table".to_owned(),
                                        |b| format!("did you mean `{b}`?"),
                                    );
                            self.sink.error_hint("unknown-recommendation", format!("rule recommends `{rid}`, which is not a recommendation of this grid"), hint, r.span.clone(), &rpath);
                        }
                        other => self.sink.error(
                            "wrong-type",
                            format!("`{rpath}` must be a string, found {}", other.kind()),
                            r.span.clone(),
                            &rpath,
                        ),
                    }
                }
            }
            if t.get("when").is_none() {
                t.missing(
                    "when",
                    "the condition, e.g. \"solidarite.acces_equitable <= 1\"",
                    self.sink,
                );
            }
            conditions.push(t.get("when").map(|node| PendingCondition {
                node,
                path: t.path_of("when"),
            }));
            match (id, kind, message) {
                (Some(id), Some(kind), Some(message)) => {
                    heads.push((id.to_owned(), kind, message, recommend))
                }
                _ => {
                    conditions.pop();
                }
            }
        }
        (heads, conditions)
    }

    fn compile(
        &mut self,
        pending: &PendingCondition<'_>,
        scope: &GridScope,
        context: Context,
    ) -> Option<Condition> {
        let node = pending.node;
        let Value::Str(text) = &node.value else {
            self.sink.error(
                "wrong-type",
                format!(
                    "`{}` must be a condition in a string, found {}",
                    pending.path,
                    node.value.kind()
                ),
                node.span.clone(),
                &pending.path,
            );
            return None;
        };
        match Condition::compile(text, scope, context) {
            Ok(c) => Some(c),
            Err(errors) => {
                for e in errors {
                    let span = map_span(self.source, node.span.clone(), text, &e);
                    let mut d = Diagnostic::error(rule_error_code(e.kind), e.message)
                        .at(span)
                        .with_path(pending.path.clone());
                    if let Some(h) = e.hint {
                        d = d.with_hint(h);
                    }
                    self.sink.push(d);
                }
                None
            }
        }
    }
}

/// Maps a span inside a condition to the file: exact when the string is written without escapes.
fn map_span(
    source: &str,
    string_span: Option<Range<usize>>,
    text: &str,
    e: &RuleError,
) -> Option<Range<usize>> {
    let span = string_span?;
    let raw = source.get(span.clone())?;
    for quote in ["\"\"\"", "'''", "\"", "'"] {
        if raw.len() >= 2 * quote.len() && raw.starts_with(quote) && raw.ends_with(quote) {
            let inner = &raw[quote.len()..raw.len() - quote.len()];
            if inner == text {
                let start = span.start + quote.len();
                return Some(
                    start + e.span.start.min(text.len())
                        ..start + e.span.end.min(text.len()).max(e.span.start.min(text.len())),
                );
            }
        }
    }
    Some(span)
}

fn rule_error_code(kind: RuleErrorKind) -> &'static str {
    match kind {
        RuleErrorKind::Syntax => "rule-syntax",
        RuleErrorKind::UnknownName => "rule-unknown-name",
        RuleErrorKind::Type => "rule-type",
        RuleErrorKind::NotAllowedHere => "rule-not-allowed",
        RuleErrorKind::TooDeep => "rule-too-deep",
        RuleErrorKind::TooLong => "rule-too-long",
    }
}

fn is_language_tag(s: &str) -> bool {
    let mut parts = s.split('-');
    let first = parts.next().unwrap_or("");
    (2..=3).contains(&first.len())
        && first.chars().all(|c| c.is_ascii_lowercase())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()))
}

fn build_scope(axes: &[Axis], scales: &[Scale], profile: &[ProfileField]) -> GridScope {
    let mut scope = GridScope::default();
    for axis in axes {
        scope.axes.push(axis.id.clone());
        for c in &axis.criteria {
            let scale = &scales[c.scale];
            let low = scale.options.first().map_or(0.0, |o| o.score);
            scope
                .criteria
                .insert(c.full_id.clone(), scope.criterion_ids.len());
            scope.criterion_ids.push(c.full_id.clone());
            scope.ranges.push((low, scale.max_score()));
        }
    }
    scope.profile = profile
        .iter()
        .map(|f| {
            (
                f.id.clone(),
                f.choices
                    .as_ref()
                    .map(|c| c.iter().map(|c| c.code.clone()).collect()),
            )
        })
        .collect();
    scope
}

fn build_index(
    axes: &[Axis],
    profile: &[ProfileField],
    recommendations: &[Recommendation],
) -> GridIndex {
    let mut index = GridIndex::default();
    for (a, axis) in axes.iter().enumerate() {
        for (c, criterion) in axis.criteria.iter().enumerate() {
            index
                .criterion_by_id
                .insert(criterion.full_id.clone(), index.criteria.len());
            index.criteria.push((a, c));
            index.scale_of.push(criterion.scale);
        }
    }
    index.profile_by_id = profile
        .iter()
        .enumerate()
        .map(|(i, f)| (f.id.clone(), i))
        .collect();
    index.recommendation_by_id = recommendations
        .iter()
        .enumerate()
        .map(|(i, r)| (r.id.clone(), i))
        .collect();
    index
}

fn hex_sha256(source: &str) -> String {
    Sha256::digest(source.as_bytes())
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}
