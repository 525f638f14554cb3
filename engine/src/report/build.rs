//! Putting an evaluation into words.

use super::messages::{fill, messages, Messages};
use super::*;
use crate::assessment::Given;
use crate::grid::{Criterion, Grid, Scale};
use crate::rules::Value;
use crate::scoring::{Evaluation, FindingSource};
use crate::vocabulary::Language;

/// Rounds to two decimals, so reports read well and stay stable.
fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

/// A level of `scale`, named in `lang`.
fn level_ref(scale: &Scale, position: u8, lang: &str) -> LevelRef {
    let o = &scale.options[usize::from(position)];
    LevelRef {
        code: o.code.clone(),
        label: o.label.get(lang).to_owned(),
        score: o.score,
    }
}

impl Evaluation {
    /// The report of this evaluation in `lang`, a language tag: the grid's language it names
    /// (`fr-FR` finds `fr`, see [`Language::best_of`]), or the grid's default language.
    pub fn report(&self, grid: &Grid, lang: &str) -> Report {
        let lang = Language::best_of(lang, &grid.languages).unwrap_or(grid.default_language());
        let responses = &self.responses;
        let mut first = 0;
        let axes = grid
            .axes
            .iter()
            .enumerate()
            .map(|(a, _)| {
                let axis = self.axis_report(grid, a, first, lang);
                first += axis.criteria.len();
                axis
            })
            .collect();
        let (findings, recommendations) = self.findings_and_recommendations(grid, lang);
        let profile = crate::sort::map_of(
            grid.profile
                .iter()
                .zip(&responses.profile)
                .filter_map(|(f, v)| v.as_ref().map(|v| (f.id.clone(), v.clone()))),
        );
        Report {
            grid: GridStamp {
                id: grid.id.clone(),
                version: grid.version.clone(),
                hash: grid.hash.clone(),
            },
            lang: lang.to_owned(),
            id: responses.meta.id.clone(),
            initiative: responses.meta.initiative.clone(),
            territory: responses.meta.territory.clone(),
            date: responses.meta.date.clone(),
            raters: responses.raters.clone(),
            profile,
            overall: self.overall.map(round2),
            axes,
            findings,
            recommendations,
        }
    }

    /// Axis `a`, whose first criterion is criterion `first` of the grid.
    fn axis_report(&self, grid: &Grid, a: usize, first: usize, lang: &str) -> AxisReport {
        let axis = &grid.axes[a];
        let result = &self.axes[a];
        let criteria = axis
            .criteria
            .iter()
            .enumerate()
            .map(|(k, c)| self.criterion_report(grid, first + k, c, lang))
            .collect();
        AxisReport {
            id: axis.id.clone(),
            title: axis.title.get(lang).to_owned(),
            weight: axis.weight,
            score: result.score.map(round2),
            coverage: Coverage {
                answered: result.answered,
                applicable: result.applicable,
                percent: result.coverage().map(round2),
            },
            median_level: (self.axis_median(grid, a))
                .map(|(c, p)| level_ref(grid.scale_of(c), p, lang)),
            criteria,
        }
    }

    /// Criterion `i` of the grid (`c`), with its consolidated and per-rater answers.
    fn criterion_report(
        &self,
        grid: &Grid,
        i: usize,
        c: &Criterion,
        lang: &str,
    ) -> CriterionReport {
        let responses = &self.responses;
        let r = &self.criteria[i];
        let scale = &grid.scales[c.scale];
        let raters = crate::sort::map_of(
            (responses.rater_answers(i).iter())
                .zip(&responses.raters)
                .filter_map(|(g, name)| code_of(scale, *g).map(|code| (name.clone(), code))),
        );
        CriterionReport {
            id: c.full_id.clone(),
            title: c.title.get(lang).to_owned(),
            critical: c.critical,
            weight: c.weight,
            state: r.state,
            level: r.level.map(|p| level_ref(scale, p, lang)),
            value: r.level.map(|p| round2(scale.value(usize::from(p)))),
            target: responses.answers[i]
                .target
                .map(|p| level_ref(scale, p, lang)),
            consolidation: if r.agreed {
                Some(Consolidation::Consensus)
            } else {
                (!responses.rater_answers(i).is_empty()).then_some(Consolidation::Median)
            },
            raters,
            evidence: responses.evidence.get(i).cloned().flatten(),
        }
    }

    /// The findings by kind, and the recommendations they lead to by phase, each
    /// recommendation listing every finding that led to it.
    fn findings_and_recommendations(&self, grid: &Grid, lang: &str) -> (Findings, Recommendations) {
        let mut findings = Findings::default();
        let mut recommendations = Recommendations::default();
        for raw in &self.findings {
            let finding = self.finding(grid, raw.source, lang);
            for rid in &finding.recommend {
                let Some(rec) = grid.recommendation(rid) else {
                    continue;
                };
                let list = recommendations.of_mut(rec.phase);
                match list.iter_mut().find(|r| &r.id == rid) {
                    Some(existing) => existing.because.push(finding.id.clone()),
                    None => list.push(RecommendationReport {
                        id: rec.id.clone(),
                        phase: rec.phase,
                        title: rec.title.get(lang).to_owned(),
                        text: rec.text.get(lang).to_owned(),
                        because: vec![finding.id.clone()],
                    }),
                }
            }
            findings.of_mut(raw.kind).push(finding);
        }
        (findings, recommendations)
    }

    /// One finding in words, with its trace.
    fn finding(&self, grid: &Grid, source: FindingSource, lang: &str) -> Finding {
        let words = Words {
            grid,
            lang,
            vocabulary: Language::of_text(lang),
            m: messages(Language::of_text(lang)),
        };
        let id = super::flat::finding_id(grid, source);
        match source {
            FindingSource::Rule(i) => self.rule_finding(grid, i, id, lang),
            FindingSource::CriticalLow(c) => {
                let p = self.criteria[c].level.unwrap_or(0);
                let below = grid.scale_of(c).critical_below as u8;
                let message = fill(words.m.critical_low, words.title(c), &words.level(c, p), "");
                let why = vec![
                    step(grid.criterion(c).full_id.clone(), words.score(c, p)),
                    step("critical_below".into(), words.score(c, below)),
                ];
                builtin(
                    grid,
                    c,
                    id,
                    FindingOrigin::Critical,
                    FindingKind::Vigilance,
                    message,
                    why,
                )
            }
            FindingSource::CriticalUnknown(c) => {
                let message = fill(words.m.critical_unknown, words.title(c), "", "");
                let fact = format!("unknown({})", grid.criterion(c).full_id);
                let why = vec![step(fact, Value::Bool(true))];
                builtin(
                    grid,
                    c,
                    id,
                    FindingOrigin::Critical,
                    FindingKind::Vigilance,
                    message,
                    why,
                )
            }
            FindingSource::TargetGap(c) => {
                let p = self.criteria[c].level.unwrap_or(0);
                let t = self.responses.answers[c].target.unwrap_or(0);
                let cid = &grid.criterion(c).full_id;
                let (level, target) = (words.level(c, p), words.level(c, t));
                let message = fill(words.m.target_gap, words.title(c), &level, &target);
                let why = vec![
                    step(cid.clone(), words.score(c, p)),
                    step(format!("target({cid})"), words.score(c, t)),
                ];
                builtin(
                    grid,
                    c,
                    id,
                    FindingOrigin::TargetGap,
                    FindingKind::Opportunite,
                    message,
                    why,
                )
            }
            FindingSource::RaterGap(c) | FindingSource::Applicability(c) => {
                let (origin, template) = match source {
                    FindingSource::RaterGap(_) => (FindingOrigin::RaterGap, words.m.rater_gap),
                    _ => (FindingOrigin::Applicability, words.m.applicability),
                };
                let summary = self.rater_answers(&words, c);
                let message = fill(template, words.title(c), &summary, "");
                let why = self.rater_facts(&words, c);
                builtin(grid, c, id, origin, FindingKind::Debat, message, why)
            }
        }
    }

    /// A finding raised by rule `i` of the grid, with the facts its condition read.
    fn rule_finding(&self, grid: &Grid, i: usize, id: String, lang: &str) -> Finding {
        let rule = &grid.rules[i];
        let facts = crate::scoring::facts_of(grid, self);
        Finding {
            id,
            kind: rule.kind,
            source: FindingOrigin::Rule,
            criteria: rule
                .when
                .references()
                .criteria
                .iter()
                .map(|&c| grid.criterion(c).full_id.clone())
                .collect(),
            message: rule.message.get(lang).to_owned(),
            why: rule.when.explain(&facts),
            condition: Some(rule.when.source().to_owned()),
            recommend: rule.recommend.clone(),
        }
    }

    /// Each rater's answer to criterion `c`: `elu : 3, technicien : 2` (the language's colon).
    fn rater_answers(&self, words: &Words<'_>, c: usize) -> String {
        let scale = words.grid.scale_of(c);
        (self.responses.rater_answers(c).iter())
            .zip(&self.responses.raters)
            .filter_map(|(g, name)| {
                code_of(scale, *g).map(|code| words.vocabulary.labelled(name, code))
            })
            .collect::<Vec<_>>()
            .join(", ")
    }

    /// The facts of a disagreement: `c[rater] = value` for each rater who gave a level or `na`.
    fn rater_facts(&self, words: &Words<'_>, c: usize) -> Vec<TraceStep> {
        let scale = words.grid.scale_of(c);
        let id = &words.grid.criterion(c).full_id;
        (self.responses.rater_answers(c).iter())
            .zip(&self.responses.raters)
            .filter_map(|(g, name)| {
                let value = match *g {
                    Given::Level(p) => words.score(c, p),
                    Given::NotApplicable => {
                        Value::Text(scale.not_applicable.as_ref()?.code.clone())
                    }
                    _ => return None,
                };
                Some(step(format!("{id}[{name}]"), value))
            })
            .collect()
    }
}

/// What the built-in findings are written with: the grid's texts in `lang`, and the
/// templates of the vocabulary around them.
struct Words<'a> {
    grid: &'a Grid,
    lang: &'a str,
    vocabulary: Language,
    m: &'static Messages,
}

impl Words<'_> {
    fn title(&self, c: usize) -> &str {
        self.grid.criterion(c).title.get(self.lang)
    }

    fn level(&self, c: usize, p: u8) -> String {
        self.grid.scale_of(c).options[usize::from(p)]
            .label
            .get(self.lang)
            .to_owned()
    }

    fn score(&self, c: usize, p: u8) -> Value {
        Value::Number(self.grid.scale_of(c).options[usize::from(p)].score)
    }
}

fn step(text: String, value: Value) -> TraceStep {
    TraceStep { text, value }
}

/// A finding of one of the checks every grid gets, about criterion `c`.
fn builtin(
    grid: &Grid,
    c: usize,
    id: String,
    source: FindingOrigin,
    kind: FindingKind,
    message: String,
    why: Vec<TraceStep>,
) -> Finding {
    Finding {
        id,
        kind,
        source,
        criteria: vec![grid.criterion(c).full_id.clone()],
        message,
        why,
        condition: None,
        recommend: Vec::new(),
    }
}

fn code_of(scale: &Scale, g: Given) -> Option<String> {
    match g {
        Given::Level(p) => Some(scale.options[usize::from(p)].code.clone()),
        Given::NotApplicable => scale.not_applicable.as_ref().map(|s| s.code.clone()),
        Given::Unknown => scale.unknown.as_ref().map(|s| s.code.clone()),
        Given::Unanswered => None,
    }
}
