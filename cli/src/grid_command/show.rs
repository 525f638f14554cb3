//! `domino grid show`: a grid as readable Markdown or JSON, in one language.

use domino_engine::grid::Criterion;
use domino_engine::markup::escape_markdown as md;
use domino_engine::{FindingKind, Grid, Language, Phase};
use std::fmt::Write;

/// The grid as JSON, every multilingual text replaced by its text in `lang`.
pub fn json(grid: &Grid, lang: &str) -> String {
    let mut value = serde_json::to_value(grid).unwrap_or_default();
    localize(&mut value, &grid.languages, lang);
    let mut s = serde_json::to_string_pretty(&value).unwrap_or_default();
    s.push('\n');
    s
}

fn localize(value: &mut serde_json::Value, languages: &[String], lang: &str) {
    use serde_json::Value;
    match value {
        Value::Object(map) => {
            let is_text = !map.is_empty()
                && map
                    .iter()
                    .all(|(k, v)| v.is_string() && languages.iter().any(|l| l == k));
            if is_text {
                let text = map
                    .get(lang)
                    .or_else(|| languages.first().and_then(|l| map.get(l)))
                    .or_else(|| map.values().next())
                    .cloned()
                    .unwrap_or_default();
                *value = text;
            } else {
                for v in map.values_mut() {
                    localize(v, languages, lang);
                }
            }
        }
        Value::Array(items) => {
            for v in items {
                localize(v, languages, lang);
            }
        }
        _ => {}
    }
}

/// The grid as readable Markdown.
pub fn markdown(grid: &Grid, lang: &str) -> String {
    let l = Language::of_text(lang);
    let (w, colon) = (l.labels(), l.colon());
    let mut o = String::new();
    let _ = writeln!(o, "# {}\n", md(grid.title.get(lang)));
    let _ = writeln!(
        o,
        "`{}` {} — sha256 `{}` — {}{colon}{}\n",
        grid.id,
        grid.version,
        grid.hash,
        w.languages,
        grid.languages.join(", ")
    );
    if let Some(d) = &grid.description {
        let _ = writeln!(o, "{}\n", md(d.get(lang)));
    }
    scales(&mut o, grid, lang, l);
    profile(&mut o, grid, lang, l);
    axes(&mut o, grid, lang, l);
    rules(&mut o, grid, lang, l);
    recommendations(&mut o, grid, lang, l);
    while o.ends_with("\n\n") {
        o.pop();
    }
    o
}

/// The answer scales, one line each with its options and special answers.
fn scales(o: &mut String, grid: &Grid, lang: &str, l: Language) {
    let (w, colon) = (l.labels(), l.colon());
    let _ = writeln!(o, "## {}\n", w.scales);
    for s in &grid.scales {
        let opts: Vec<String> = s
            .options
            .iter()
            .map(|o| format!("`{}` {}", o.code, md(o.label.get(lang))))
            .chain(
                s.not_applicable
                    .iter()
                    .chain(&s.unknown)
                    .map(|a| format!("`{}` {}", a.code, md(a.label.get(lang)))),
            )
            .collect();
        let _ = writeln!(o, "- **{}**{colon}{}", s.id, opts.join(" · "));
    }
}

/// The profile fields and their choices, when the grid has a profile.
fn profile(o: &mut String, grid: &Grid, lang: &str, l: Language) {
    let (w, colon) = (l.labels(), l.colon());
    if !grid.profile.is_empty() {
        let _ = writeln!(o, "\n## {}\n", w.profile);
        for f in &grid.profile {
            let choices = match &f.choices {
                Some(c) => c
                    .iter()
                    .map(|c| format!("`{}` {}", c.code, md(c.label.get(lang))))
                    .collect::<Vec<_>>()
                    .join(" · "),
                None => w.free_text.to_owned(),
            };
            let _ = writeln!(
                o,
                "- **{}** `{}`{colon}{choices}",
                md(f.label.get(lang)),
                f.id
            );
        }
    }
}

/// Each axis with its question, then its criteria.
fn axes(o: &mut String, grid: &Grid, lang: &str, l: Language) {
    let w = l.labels();
    for axis in &grid.axes {
        let _ = writeln!(
            o,
            "\n## {} `{}` ({} {})\n",
            md(axis.title.get(lang)),
            axis.id,
            w.weight,
            axis.weight
        );
        let _ = writeln!(o, "> {}\n", md(axis.question.get(lang)));
        if let Some(d) = &axis.description {
            let _ = writeln!(o, "{}\n", md(d.get(lang)));
        }
        for c in &axis.criteria {
            criterion(o, grid, c, lang, l);
        }
    }
}

/// One criterion: weight, question, hint, condition and level descriptors.
fn criterion(o: &mut String, grid: &Grid, c: &Criterion, lang: &str, l: Language) {
    let (w, colon) = (l.labels(), l.colon());
    let critical = if c.critical {
        format!(" — **{}**", w.critical)
    } else {
        String::new()
    };
    let _ = writeln!(
        o,
        "### {} `{}`\n\n{} {}{critical}\n",
        md(c.title.get(lang)),
        c.full_id,
        w.weight,
        c.weight
    );
    let _ = writeln!(o, "{}\n", md(c.question.get(lang)));
    if let Some(h) = &c.hint {
        let _ = writeln!(o, "*{}*\n", md(h.get(lang)));
    }
    if let Some(r) = &c.relevant {
        let _ = writeln!(o, "{}{colon}`{}`\n", w.relevant_when, r.source());
    }
    let scale = &grid.scales[c.scale];
    if c.levels.iter().any(Option::is_some) {
        for (opt, text) in scale.options.iter().zip(&c.levels) {
            if let Some(t) = text {
                let _ = writeln!(o, "- `{}` {}", opt.code, md(t.get(lang)));
            }
        }
        o.push('\n');
    }
}

/// The rules, grouped by the kind of finding they raise.
fn rules(o: &mut String, grid: &Grid, lang: &str, l: Language) {
    let w = l.labels();
    if !grid.rules.is_empty() {
        let _ = writeln!(o, "## {}\n", w.rules);
        for kind in FindingKind::ALL {
            let rules: Vec<_> = grid.rules.iter().filter(|r| r.kind == kind).collect();
            if rules.is_empty() {
                continue;
            }
            let _ = writeln!(o, "### {}\n", l.kind(kind));
            for r in rules {
                let _ = writeln!(o, "- **{}** — `{}`", r.id, r.when.source());
                let _ = writeln!(o, "  *{}*", md(&grid.describe(&r.when, lang)));
                let _ = writeln!(o, "  {}", md(r.message.get(lang)));
                if !r.recommend.is_empty() {
                    let _ = writeln!(o, "  → {}", r.recommend.join(", "));
                }
            }
            o.push('\n');
        }
    }
}

/// The recommendations, grouped by phase.
fn recommendations(o: &mut String, grid: &Grid, lang: &str, l: Language) {
    let (w, colon) = (l.labels(), l.colon());
    if !grid.recommendations.is_empty() {
        let _ = writeln!(o, "## {}\n", w.recommendations);
        for phase in Phase::ALL {
            let recs: Vec<_> = grid
                .recommendations
                .iter()
                .filter(|r| r.phase == phase)
                .collect();
            if recs.is_empty() {
                continue;
            }
            let _ = writeln!(o, "### {}\n", l.phase(phase));
            for r in recs {
                let _ = writeln!(
                    o,
                    "- **{}** (`{}`){colon}{}",
                    md(r.title.get(lang)),
                    r.id,
                    md(r.text.get(lang))
                );
            }
            o.push('\n');
        }
    }
}
