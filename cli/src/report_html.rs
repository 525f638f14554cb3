//! `domino report`: a standalone, printable HTML report of one assessment.

use crate::failure::Fail;
use crate::files;
use crate::i18n::{kind_title, phase_title, state_text, words};
use crate::layout;
use crate::score::{coverage_text, score_file, why_text};
use clap::Args;
use domino_engine::charts::{radar_of_reports, ChartOptions};
use domino_engine::markup::escape as esc;
use domino_engine::{FindingKind, Grid, Phase, Report};
use std::fmt::Write;
use std::path::{Path, PathBuf};

/// Arguments of `domino report`.
#[derive(Debug, Args)]
pub struct ReportArgs {
    /// The assessment file (TOML or JSON).
    file: PathBuf,
    /// Output file (written atomically); default: stdout.
    #[arg(short, long, value_name = "FILE")]
    output: Option<PathBuf>,
}

/// Runs `domino report`.
pub fn run(args: &ReportArgs, grid: Option<&Path>, lang: &str) -> Result<u8, Fail> {
    let loaded = files::load_grid(grid)?;
    let (report, _) = score_file(&loaded.grid, &args.file, lang)?;
    let html = render(&loaded.grid, &report, lang);
    files::write_output(args.output.as_deref(), html.as_bytes())?;
    Ok(0)
}

const CSS: &str = r#"
:root { --ink: #212121; --muted: #5f6368; --line: #d9d9d9; --accent: #005a9c; }
* { box-sizing: border-box; }
body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, "DejaVu Sans", sans-serif;
  color: var(--ink); max-width: 60rem; margin: 2rem auto; padding: 0 1.25rem; line-height: 1.45; }
h1 { font-size: 1.7rem; margin-bottom: .2rem; }
h2 { font-size: 1.25rem; border-bottom: 2px solid var(--accent); padding-bottom: .2rem; margin-top: 2rem; }
h3 { font-size: 1.05rem; margin-bottom: .3rem; }
.meta { color: var(--muted); margin: 0 0 1rem; }
.overall { font-size: 1.2rem; }
.overall strong { font-size: 1.6rem; color: var(--accent); }
.radar { text-align: center; }
.radar svg { max-width: 100%; height: auto; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1rem; }
th, td { border-bottom: 1px solid var(--line); padding: .35rem .5rem; text-align: left; vertical-align: top; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
.bar { display: inline-block; height: .6rem; background: var(--accent); vertical-align: middle; }
.bar-bg { display: inline-block; width: 6rem; height: .6rem; background: #eee; margin-left: .4rem; vertical-align: middle; }
.finding { border-left: 4px solid var(--line); padding: .3rem .8rem; margin: .6rem 0; break-inside: avoid; }
.pepite { border-color: #00825a; } .opportunite { border-color: #005a9c; }
.vigilance { border-color: #b4281e; } .debat { border-color: #c85000; }
.why { color: var(--muted); font-size: .9rem; margin: .2rem 0 0; }
.why code, .cond code { font-size: .85rem; }
.rec { margin: .5rem 0; break-inside: avoid; }
.because { color: var(--muted); font-size: .85rem; }
.crit { color: #b4281e; }
.evidence { font-size: .92rem; }
footer { color: var(--muted); font-size: .8rem; margin-top: 2.5rem; border-top: 1px solid var(--line); padding-top: .5rem; }
@media print {
  body { margin: 0; max-width: none; font-size: 10.5pt; }
  h2 { break-after: avoid; }
  table, .finding, .rec { break-inside: avoid; }
  a { color: inherit; text-decoration: none; }
  @page { margin: 1.6cm; }
}
"#;

/// The report as a standalone HTML page: every user text escaped, no external resources.
pub fn render(grid: &Grid, r: &Report, lang: &str) -> String {
    let w = words(lang);
    let colon = w.colon;
    let fr = lang == "fr";
    let mut o = String::new();
    let _ = write!(
        o,
        "<!DOCTYPE html>\n<html lang=\"{lang}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"domino {}\">\n<title>{} — {}</title>\n<style>{CSS}</style>\n</head>\n<body>\n",
        env!("CARGO_PKG_VERSION"),
        esc(&r.initiative),
        esc(w.report)
    );
    let _ = writeln!(o, "<header>\n<h1>{}</h1>", esc(&r.initiative));
    let mut meta = Vec::new();
    if let Some(t) = &r.territory {
        meta.push(format!("{}{colon}{}", w.territory, esc(t)));
    }
    if let Some(d) = &r.date {
        meta.push(format!("{}{colon}{}", w.date, esc(d)));
    }
    if !r.raters.is_empty() {
        meta.push(format!("{}{colon}{}", w.raters, esc(&r.raters.join(", "))));
    }
    if !meta.is_empty() {
        let _ = writeln!(o, "<p class=\"meta\">{}</p>", meta.join(" · "));
    }
    let _ = writeln!(
        o,
        "<p class=\"meta\">{}{colon}{} — <code>{}</code> {} (sha256 <code>{}</code>)</p>",
        w.grid,
        esc(grid.title.get(lang)),
        esc(&r.grid.id),
        esc(&r.grid.version),
        esc(&r.grid.hash)
    );
    if !r.profile.is_empty() {
        let items: Vec<String> = r
            .profile
            .iter()
            .map(|(k, v)| {
                let label = grid
                    .profile_index(k)
                    .map(|i| grid.profile[i].label.get(lang).to_owned())
                    .unwrap_or_else(|| k.clone());
                let value = grid
                    .profile_index(k)
                    .and_then(|i| grid.profile[i].choices.as_ref())
                    .and_then(|c| c.iter().find(|c| &c.code == v))
                    .map(|c| c.label.get(lang).to_owned())
                    .unwrap_or_else(|| v.clone());
                format!("{}{colon}{}", esc(&label), esc(&value))
            })
            .collect();
        let _ = writeln!(o, "<p class=\"meta\">{}</p>", items.join(" · "));
    }
    let _ = writeln!(
        o,
        "<p class=\"overall\">{}{colon}<strong>{}</strong>{}</p>\n</header>",
        w.overall,
        layout::score_text(r.overall),
        if r.overall.is_some() { " / 100" } else { "" }
    );

    // Radar and axes.
    let radar = radar_of_reports(
        &[r],
        &ChartOptions {
            width: 720,
            height: 520,
            title: format!("{} — {}", r.initiative, w.radar),
            show_title: false,
        },
    );
    let _ = writeln!(
        o,
        "<section>\n<h2>{}</h2>\n<div class=\"radar\">{}</div>",
        w.radar,
        strip_xml_declaration(&radar)
    );
    let _ = writeln!(
        o,
        "<table>\n<thead><tr><th>{}</th><th class=\"num\">{}</th><th class=\"num\">{}</th><th>{}</th></tr></thead>\n<tbody>",
        w.axis, w.score, w.coverage, w.median_level
    );
    for a in &r.axes {
        let bar = match a.score {
            Some(s) => format!(
                "<span class=\"bar-bg\"><span class=\"bar\" style=\"width:{:.0}%\"></span></span>",
                s.clamp(0.0, 100.0)
            ),
            None => String::new(),
        };
        let _ = writeln!(
            o,
            "<tr><td>{}</td><td class=\"num\">{}{bar}</td><td class=\"num\">{}</td><td>{}</td></tr>",
            esc(&a.title),
            layout::score_text(a.score),
            esc(&coverage_text(&a.coverage)),
            a.median_level
                .as_ref()
                .map(|l| format!("{} {}", esc(&l.code), esc(&l.label)))
                .unwrap_or_else(|| "—".into())
        );
    }
    let _ = writeln!(o, "</tbody>\n</table>\n</section>");

    // Findings.
    let _ = writeln!(o, "<section>\n<h2>{}</h2>", w.findings);
    if r.findings.is_empty() {
        let _ = writeln!(o, "<p>{}</p>", w.no_findings);
    }
    for kind in FindingKind::ALL {
        let findings = r.findings.of(kind);
        if findings.is_empty() {
            continue;
        }
        let _ = writeln!(
            o,
            "<h3>{} ({})</h3>",
            kind_title(kind, lang),
            findings.len()
        );
        for f in findings {
            let _ = writeln!(
                o,
                "<div class=\"finding {}\" id=\"f-{}\">\n<p>{}</p>",
                kind.code(),
                esc(&f.id),
                esc(&f.message)
            );
            if !f.why.is_empty() {
                let _ = writeln!(
                    o,
                    "<p class=\"why\">{}{colon}<code>{}</code></p>",
                    capitalize(w.why),
                    esc(&why_text(f))
                );
            }
            if let Some(c) = &f.condition {
                let _ = writeln!(
                    o,
                    "<p class=\"why cond\">{}{colon}<code>{}</code></p>",
                    capitalize(w.condition),
                    esc(c)
                );
            }
            let _ = writeln!(o, "</div>");
        }
    }
    let _ = writeln!(o, "</section>");

    // Recommendations.
    let _ = writeln!(o, "<section>\n<h2>{}</h2>", w.recommendations);
    if r.recommendations.is_empty() {
        let _ = writeln!(o, "<p>{}</p>", w.no_recommendations);
    }
    for phase in Phase::ALL {
        let recs = r.recommendations.of(phase);
        if recs.is_empty() {
            continue;
        }
        let _ = writeln!(o, "<h3>{}</h3>", phase_title(phase, lang));
        for rec in recs {
            let because: Vec<String> = rec
                .because
                .iter()
                .map(|id| format!("<a href=\"#f-{0}\">{0}</a>", esc(id)))
                .collect();
            let _ = writeln!(
                o,
                "<div class=\"rec\"><p><strong>{}</strong> — {}</p><p class=\"because\">{}{colon}{}</p></div>",
                esc(&rec.title),
                esc(&rec.text),
                capitalize(w.because),
                because.join(", ")
            );
        }
    }
    let _ = writeln!(o, "</section>");

    // Criteria and evidence.
    let _ = writeln!(o, "<section>\n<h2>{}</h2>", w.criteria_detail);
    for a in &r.axes {
        let _ = writeln!(
            o,
            "<h3>{}</h3>\n<table>\n<thead><tr><th>{}</th><th>{}</th><th>{}</th><th>{}</th></tr></thead>\n<tbody>",
            esc(&a.title),
            w.criterion,
            w.level,
            w.target,
            w.evidence
        );
        for c in &a.criteria {
            let level = match &c.level {
                Some(l) => format!("{} {}", esc(&l.code), esc(&l.label)),
                None => format!("<em>{}</em>", state_text(c.state, lang)),
            };
            let raters = if c.raters.is_empty() {
                String::new()
            } else {
                let list: Vec<String> = c
                    .raters
                    .iter()
                    .map(|(k, v)| format!("{} {}", esc(k), esc(v)))
                    .collect();
                format!("<br><small>{}</small>", list.join(" · "))
            };
            let critical = if c.critical {
                format!(
                    " <span class=\"crit\" title=\"{0}\">★</span>",
                    esc(w.critical)
                )
            } else {
                String::new()
            };
            let _ = writeln!(
                o,
                "<tr><td>{}{critical}</td><td>{level}{raters}</td><td>{}</td><td class=\"evidence\">{}</td></tr>",
                esc(&c.title),
                c.target
                    .as_ref()
                    .map(|t| format!("{} {}", esc(&t.code), esc(&t.label)))
                    .unwrap_or_default(),
                c.evidence.as_deref().map(esc).unwrap_or_default()
            );
        }
        let _ = writeln!(o, "</tbody>\n</table>");
    }
    let _ = writeln!(o, "</section>");
    let _ = writeln!(
        o,
        "<footer>{} {} — {} <code>{}</code> {} · sha256 <code>{}</code>. {}</footer>\n</body>\n</html>",
        w.generated_by,
        env!("CARGO_PKG_VERSION"),
        w.grid.to_lowercase(),
        esc(&r.grid.id),
        esc(&r.grid.version),
        esc(&r.grid.hash),
        if fr {
            "★ : critère critique. Les scores vont de 0 à 100 ; un axe sans réponse n'a pas de score."
        } else {
            "★: critical criterion. Scores range from 0 to 100; an axis without answers has no score."
        }
    );
    o
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

fn strip_xml_declaration(svg: &str) -> &str {
    match svg.find("<svg") {
        Some(i) => &svg[i..],
        None => svg,
    }
}
