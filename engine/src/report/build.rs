//! Putting an evaluation into words.

use super::messages::{fill, messages};
use super::*;
use crate::grid::Grid;
use crate::rules::Value;
use crate::scoring::{Evaluation, FindingSource};
use crate::vocabulary::Language;

/// Rounds to two decimals, so reports read well and stay stable.
fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}

impl Evaluation {
    /// The report of this evaluation in `lang`, a language tag: the grid's language it names
    /// (`fr-FR` finds `fr`, see [`Language::best_of`]), or the grid's default language.
    pub fn report(&self, grid: &Grid, lang: &str) -> Report {
        let lang = Language::best_of(lang, &grid.languages).unwrap_or(grid.default_language());
        let responses = &self.responses;
        let mut axes = Vec::with_capacity(grid.axes.len());
        let mut flat = 0;
        for (a, axis) in grid.axes.iter().enumerate() {
            let result = &self.axes[a];
            let mut criteria = Vec::with_capacity(axis.criteria.len());
            for c in &axis.criteria {
                let i = flat;
                flat += 1;
                let r = &self.criteria[i];
                let scale = &grid.scales[c.scale];
                let level_ref = |p: u8| {
                    let o = &scale.options[usize::from(p)];
                    LevelRef {
                        code: o.code.clone(),
                        label: o.label.get(lang).to_owned(),
                        score: o.score,
                    }
                };
                let raters = crate::sort::map_of(
                    responses.answers[i]
                        .raters
                        .iter()
                        .zip(&responses.raters)
                        .filter_map(|(g, name)| {
                            code_of(scale, *g).map(|code| (name.clone(), code))
                        }),
                );
                criteria.push(CriterionReport {
                    id: c.full_id.clone(),
                    title: c.title.get(lang).to_owned(),
                    critical: c.critical,
                    weight: c.weight,
                    state: r.state,
                    level: r.level.map(level_ref),
                    value: r.level.map(|p| round2(scale.value(usize::from(p)))),
                    target: responses.answers[i].target.map(level_ref),
                    raters,
                    evidence: responses.evidence.get(i).cloned().flatten(),
                });
            }
            axes.push(AxisReport {
                id: axis.id.clone(),
                title: axis.title.get(lang).to_owned(),
                weight: axis.weight,
                score: result.score.map(round2),
                coverage: Coverage {
                    answered: result.answered,
                    applicable: result.applicable,
                    percent: result.coverage().map(round2),
                },
                median_level: result.median.map(|(c, p)| {
                    let o = &grid.scale_of(c).options[usize::from(p)];
                    LevelRef {
                        code: o.code.clone(),
                        label: o.label.get(lang).to_owned(),
                        score: o.score,
                    }
                }),
                criteria,
            });
        }

        let mut findings = Findings::default();
        let mut recommendations = Recommendations::default();
        for raw in &self.findings {
            let finding = self.finding(grid, raw.source, lang);
            for rid in &finding.recommend {
                if let Some(rec) = grid.recommendation(rid) {
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
            }
            findings.of_mut(raw.kind).push(finding);
        }

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

    /// One finding in words, with its trace.
    fn finding(&self, grid: &Grid, source: FindingSource, lang: &str) -> Finding {
        let vocabulary = Language::of_text(lang);
        let m = messages(vocabulary);
        let level_label = |c: usize, p: u8| {
            grid.scale_of(c).options[usize::from(p)]
                .label
                .get(lang)
                .to_owned()
        };
        let score = |c: usize, p: u8| Value::Number(grid.scale_of(c).options[usize::from(p)].score);
        let id = super::flat::finding_id(grid, source);
        let builtin = |c: usize,
                       origin: FindingOrigin,
                       kind: FindingKind,
                       message: String,
                       why: Vec<TraceStep>| {
            Finding {
                id: id.clone(),
                kind,
                source: origin,
                criteria: vec![grid.criterion(c).full_id.clone()],
                message,
                why,
                condition: None,
                recommend: Vec::new(),
            }
        };
        let step = |text: String, value: Value| TraceStep { text, value };
        match source {
            FindingSource::Rule(i) => {
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
            FindingSource::CriticalLow(c) => {
                let p = self.criteria[c].level.unwrap_or(0);
                let title = grid.criterion(c).title.get(lang);
                let below = grid.scale_of(c).critical_below;
                builtin(
                    c,
                    FindingOrigin::Critical,
                    FindingKind::Vigilance,
                    fill(m.critical_low, title, &level_label(c, p), ""),
                    vec![
                        step(grid.criterion(c).full_id.clone(), score(c, p)),
                        step("critical_below".into(), score(c, below as u8)),
                    ],
                )
            }
            FindingSource::CriticalUnknown(c) => {
                let title = grid.criterion(c).title.get(lang);
                builtin(
                    c,
                    FindingOrigin::Critical,
                    FindingKind::Vigilance,
                    fill(m.critical_unknown, title, "", ""),
                    vec![step(
                        format!("unknown({})", grid.criterion(c).full_id),
                        Value::Bool(true),
                    )],
                )
            }
            FindingSource::TargetGap(c) => {
                let p = self.criteria[c].level.unwrap_or(0);
                let t = self.responses.answers[c].target.unwrap_or(0);
                let id = &grid.criterion(c).full_id;
                builtin(
                    c,
                    FindingOrigin::TargetGap,
                    FindingKind::Opportunite,
                    fill(
                        m.target_gap,
                        grid.criterion(c).title.get(lang),
                        &level_label(c, p),
                        &level_label(c, t),
                    ),
                    vec![
                        step(id.clone(), score(c, p)),
                        step(format!("target({id})"), score(c, t)),
                    ],
                )
            }
            FindingSource::RaterGap(c) | FindingSource::Applicability(c) => {
                let scale = grid.scale_of(c);
                let id = &grid.criterion(c).full_id;
                let why: Vec<TraceStep> = self.responses.answers[c]
                    .raters
                    .iter()
                    .zip(&self.responses.raters)
                    .filter_map(|(g, name)| {
                        let value = match *g {
                            crate::assessment::Given::Level(p) => score(c, p),
                            crate::assessment::Given::NotApplicable => {
                                Value::Text(scale.not_applicable.as_ref()?.code.clone())
                            }
                            _ => return None,
                        };
                        Some(step(format!("{id}[{name}]"), value))
                    })
                    .collect();
                let summary = self.responses.answers[c]
                    .raters
                    .iter()
                    .zip(&self.responses.raters)
                    .filter_map(|(g, name)| {
                        code_of(scale, *g).map(|code| vocabulary.labelled(name, code))
                    })
                    .collect::<Vec<_>>()
                    .join(", ");
                let (src, template) = match source {
                    FindingSource::RaterGap(_) => (FindingOrigin::RaterGap, m.rater_gap),
                    _ => (FindingOrigin::Applicability, m.applicability),
                };
                builtin(
                    c,
                    src,
                    FindingKind::Debat,
                    fill(template, grid.criterion(c).title.get(lang), &summary, ""),
                    why,
                )
            }
        }
    }
}

fn code_of(scale: &crate::grid::Scale, g: crate::assessment::Given) -> Option<String> {
    use crate::assessment::Given;
    match g {
        Given::Level(p) => Some(scale.options[usize::from(p)].code.clone()),
        Given::NotApplicable => scale.not_applicable.as_ref().map(|s| s.code.clone()),
        Given::Unknown => scale.unknown.as_ref().map(|s| s.code.clone()),
        Given::Unanswered => None,
    }
}
