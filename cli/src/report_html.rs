//! `domino report`: a standalone, printable HTML report of one assessment.

use crate::failure::Fail;
use crate::files;
use crate::score::score_file;
use clap::Args;
use domino_engine::charts::{radar_of_reports, ChartOptions};
use domino_engine::markup::escape as esc;
use domino_engine::report::{AxisReport, CriterionReport, Finding, LevelRef};
use domino_engine::vocabulary::report_text::{self, axis_cells, axis_headings};
use domino_engine::{FindingKind, Grid, Language, Report};
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
    let html = render(&loaded.grid, &report, Language::of_text(lang));
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
pub fn render(grid: &Grid, r: &Report, lang: Language) -> String {
    let mut o = String::new();
    document_head(&mut o, r, lang);
    header(&mut o, grid, r, lang);
    axes(&mut o, r, lang);
    findings(&mut o, r, lang);
    recommendations(&mut o, r, lang);
    criteria(&mut o, r, lang);
    footer(&mut o, r, lang);
    o
}

/// The doctype, `<head>` with the title and style, and the opening `<body>`.
fn document_head(o: &mut String, r: &Report, l: Language) {
    let _ = write!(
        o,
        "<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"domino {}\">\n<title>{} — {}</title>\n<style>{CSS}</style>\n</head>\n<body>\n",
        esc(&r.lang),
        env!("CARGO_PKG_VERSION"),
        esc(&r.initiative),
        esc(l.labels().report)
    );
}

/// The initiative, its territory, date and raters, the grid, the profile, the overall score.
fn header(o: &mut String, grid: &Grid, r: &Report, l: Language) {
    let w = l.labels();
    let _ = writeln!(o, "<header>\n<h1>{}</h1>", esc(&r.initiative));
    let mut meta = Vec::new();
    if let Some(t) = &r.territory {
        meta.push(l.labelled(w.territory, esc(t)));
    }
    if let Some(d) = &r.date {
        meta.push(l.labelled(w.date, esc(d)));
    }
    if !r.raters.is_empty() {
        meta.push(l.labelled(w.raters, esc(&r.raters.join(", "))));
    }
    if !meta.is_empty() {
        let _ = writeln!(o, "<p class=\"meta\">{}</p>", meta.join(" · "));
    }
    let stamp = format!(
        "{} — <code>{}</code> {} (sha256 <code>{}</code>)",
        esc(grid.title.get(&r.lang)),
        esc(&r.grid.id),
        esc(&r.grid.version),
        esc(&r.grid.hash)
    );
    let _ = writeln!(o, "<p class=\"meta\">{}</p>", l.labelled(w.grid, stamp));
    if !r.profile.is_empty() {
        let _ = writeln!(o, "<p class=\"meta\">{}</p>", profile(grid, r, l));
    }
    let out_of = if r.overall.is_some() { " / 100" } else { "" };
    let figure = format!("<strong>{}</strong>{out_of}", l.score(r.overall));
    let _ = writeln!(
        o,
        "<p class=\"overall\">{}</p>\n</header>",
        l.labelled(w.overall, figure)
    );
}

/// The profile fields, each with the grid's label for the field and for its value.
fn profile(grid: &Grid, r: &Report, l: Language) -> String {
    let items: Vec<String> = r
        .profile
        .iter()
        .map(|(k, v)| {
            let field = grid.profile_index(k).map(|i| &grid.profile[i]);
            let label = field.map_or_else(|| k.clone(), |f| f.label.get(&r.lang).to_owned());
            let value = field
                .and_then(|f| f.choices.as_ref())
                .and_then(|c| c.iter().find(|c| &c.code == v))
                .map_or_else(|| v.clone(), |c| c.label.get(&r.lang).to_owned());
            l.labelled(&esc(&label), esc(&value))
        })
        .collect();
    items.join(" · ")
}

/// The radar, then the axis table with a bar per score.
fn axes(o: &mut String, r: &Report, l: Language) {
    let w = l.labels();
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
    let [axis, score, coverage, median] = axis_headings(l);
    let _ = writeln!(
        o,
        "<table>\n<thead><tr><th>{axis}</th><th class=\"num\">{score}</th><th class=\"num\">{coverage}</th><th>{median}</th></tr></thead>\n<tbody>"
    );
    for a in &r.axes {
        let _ = writeln!(o, "{}", axis_row(a, l));
    }
    let _ = writeln!(o, "</tbody>\n</table>\n</section>");
}

fn axis_row(a: &AxisReport, l: Language) -> String {
    let bar = match a.score {
        Some(s) => format!(
            "<span class=\"bar-bg\"><span class=\"bar\" style=\"width:{:.0}%\"></span></span>",
            s.clamp(0.0, 100.0)
        ),
        None => String::new(),
    };
    let [title, score, coverage, median] = axis_cells(l, a).map(|c| esc(&c));
    format!(
        "<tr><td>{title}</td><td class=\"num\">{score}{bar}</td><td class=\"num\">{coverage}</td><td>{median}</td></tr>"
    )
}

/// The findings by kind, each with its facts and condition; empty kinds are left out.
fn findings(o: &mut String, r: &Report, l: Language) {
    let w = l.labels();
    let _ = writeln!(o, "<section>\n<h2>{}</h2>", w.findings);
    if r.findings.is_empty() {
        let _ = writeln!(o, "<p>{}</p>", w.no_findings);
    }
    for (kind, findings) in r.findings.by_kind() {
        let heading = report_text::counted(l.kind(kind), findings.len());
        let _ = writeln!(o, "<h3>{heading}</h3>");
        for f in findings {
            finding(o, kind, f, l);
        }
    }
    let _ = writeln!(o, "</section>");
}

fn finding(o: &mut String, kind: FindingKind, f: &Finding, l: Language) {
    let w = l.labels();
    let _ = writeln!(
        o,
        "<div class=\"finding {}\" id=\"f-{}\">\n<p>{}</p>",
        kind.code(),
        esc(&f.id),
        esc(&f.message)
    );
    if !f.why.is_empty() {
        let why = format!("<code>{}</code>", esc(&report_text::why(f)));
        let _ = writeln!(
            o,
            "<p class=\"why\">{}</p>",
            l.labelled(&report_text::capitalized(w.why), why)
        );
    }
    if let Some(c) = &f.condition {
        let condition = format!("<code>{}</code>", esc(c));
        let _ = writeln!(
            o,
            "<p class=\"why cond\">{}</p>",
            l.labelled(&report_text::capitalized(w.condition), condition)
        );
    }
    let _ = writeln!(o, "</div>");
}

/// The recommendations by phase, each linking to the findings that led to it.
fn recommendations(o: &mut String, r: &Report, l: Language) {
    let w = l.labels();
    let _ = writeln!(o, "<section>\n<h2>{}</h2>", w.recommendations);
    if r.recommendations.is_empty() {
        let _ = writeln!(o, "<p>{}</p>", w.no_recommendations);
    }
    for (phase, recs) in r.recommendations.by_phase() {
        let _ = writeln!(o, "<h3>{}</h3>", l.phase(phase));
        for rec in recs {
            let because: Vec<String> = rec
                .because
                .iter()
                .map(|id| format!("<a href=\"#f-{0}\">{0}</a>", esc(id)))
                .collect();
            let _ = writeln!(
                o,
                "<div class=\"rec\"><p><strong>{}</strong> — {}</p><p class=\"because\">{}</p></div>",
                esc(&rec.title),
                esc(&rec.text),
                l.labelled(&report_text::capitalized(w.because), because.join(", "))
            );
        }
    }
    let _ = writeln!(o, "</section>");
}

/// A table per axis: each criterion's level (or state) and raters, target and evidence.
fn criteria(o: &mut String, r: &Report, l: Language) {
    let w = l.labels();
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
            let _ = writeln!(o, "{}", criterion_row(c, l));
        }
        let _ = writeln!(o, "</tbody>\n</table>");
    }
    let _ = writeln!(o, "</section>");
}

fn criterion_row(c: &CriterionReport, l: Language) -> String {
    let level = |lv: &LevelRef| esc(&report_text::level(lv));
    let answer = c
        .level
        .as_ref()
        .map_or_else(|| format!("<em>{}</em>", l.state(c.state)), level);
    let raters = if c.raters.is_empty() {
        String::new()
    } else {
        let list: Vec<String> = c
            .raters
            .iter()
            .map(|(k, v)| format!("{} {}", esc(k), esc(v)))
            .collect();
        let how = c
            .consolidation
            .map(|how| format!(" — {}", l.consolidation(how)));
        format!(
            "<br><small>{}{}</small>",
            list.join(" · "),
            how.unwrap_or_default()
        )
    };
    let critical = if c.critical {
        let label = esc(l.labels().critical);
        format!(" <span class=\"crit\" title=\"{label}\">★</span>")
    } else {
        String::new()
    };
    format!(
        "<tr><td>{}{critical}</td><td>{answer}{raters}</td><td>{}</td><td class=\"evidence\">{}</td></tr>",
        esc(&c.title),
        c.target.as_ref().map(level).unwrap_or_default(),
        c.evidence.as_deref().map(esc).unwrap_or_default()
    )
}

/// What produced the report, the grid's full hash, and what ★ and the scores mean.
fn footer(o: &mut String, r: &Report, l: Language) {
    let w = l.labels();
    let _ = writeln!(
        o,
        "<footer>{} {} — {} <code>{}</code> {} · sha256 <code>{}</code>. {}</footer>\n</body>\n</html>",
        w.produced_by,
        env!("CARGO_PKG_VERSION"),
        w.grid.to_lowercase(),
        esc(&r.grid.id),
        esc(&r.grid.version),
        esc(&r.grid.hash),
        w.scores_note
    );
}

fn strip_xml_declaration(svg: &str) -> &str {
    match svg.find("<svg") {
        Some(i) => &svg[i..],
        None => svg,
    }
}
