//! `domino score`: score assessment files and print the results.

use crate::failure::{Fail, EXIT_INVALID};
use crate::files::{self, display};
use crate::i18n::{kind_title, phase_title, words};
use crate::layout;
use clap::{Args, ValueEnum};
use domino_engine::report::{summary_header, summary_record, Finding};
use domino_engine::{FindingKind, Grid, Phase, Report};
use std::fmt::Write;
use std::path::{Path, PathBuf};

/// Arguments of `domino score`.
#[derive(Debug, Args)]
pub struct ScoreArgs {
    /// Assessment files (TOML or JSON; `-` reads stdin).
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = ScoreFormat::Table)]
    format: ScoreFormat,
    /// Show why each finding fired: each fact and its value, and the rule's condition.
    #[arg(long)]
    explain: bool,
}

/// Formats of `domino score`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ScoreFormat {
    /// Readable text.
    Table,
    /// The full report as JSON (an array when several files are given).
    Json,
    /// One summary record per file.
    Csv,
    /// Markdown.
    Md,
}

/// Scores one file: the report and its summary record. Diagnostics are printed on failure.
pub fn score_file(grid: &Grid, path: &Path, lang: &str) -> Result<(Report, Vec<String>), Fail> {
    let (assessment, source) = files::read_assessment(path)?;
    match grid.resolve(&assessment) {
        Ok(resolved) => {
            files::report_diagnostics(&resolved.warnings, &display(path), &source);
            let evaluation = grid.evaluate(resolved.responses);
            let record = summary_record(grid, &evaluation);
            Ok((evaluation.report(grid, lang), record))
        }
        Err(diags) => {
            files::report_diagnostics(&diags.0, &display(path), &source);
            Err(Fail::reported())
        }
    }
}

/// Runs `domino score`.
pub fn run(args: &ScoreArgs, grid: Option<&Path>, lang: &str) -> Result<u8, Fail> {
    let loaded = files::load_grid(grid)?;
    let grid = &loaded.grid;
    let mut results = Vec::new();
    let mut failed = false;
    for path in &args.files {
        match score_file(grid, path, lang) {
            Ok(r) => results.push(r),
            Err(f) => {
                if let Some(m) = &f.message {
                    crate::style::error_line(m);
                }
                failed = true;
            }
        }
    }
    let out = match args.format {
        ScoreFormat::Json => {
            let mut s = if results.len() == 1 && args.files.len() == 1 {
                serde_json::to_string_pretty(&results[0].0)
            } else {
                let reports: Vec<&Report> = results.iter().map(|(r, _)| r).collect();
                serde_json::to_string_pretty(&reports)
            }
            .unwrap_or_default();
            s.push('\n');
            s
        }
        ScoreFormat::Csv => {
            let records = results.iter().map(|(_, record)| record.iter());
            let header = summary_header(grid);
            domino_engine::csv_writer::to_csv(std::iter::once(header.iter()).chain(records))
        }
        ScoreFormat::Table => results
            .iter()
            .map(|(r, _)| table(r, lang, args.explain))
            .collect::<Vec<_>>()
            .join("\n"),
        ScoreFormat::Md => results
            .iter()
            .map(|(r, _)| markdown(r, lang, args.explain))
            .collect::<Vec<_>>()
            .join("\n---\n\n"),
    };
    files::write_stdout(out.as_bytes())?;
    Ok(if failed { EXIT_INVALID } else { 0 })
}

/// `12/14 (86 %)`.
pub fn coverage_text(c: &domino_engine::report::Coverage) -> String {
    match c.percent {
        Some(p) => format!("{}/{} ({} %)", c.answered, c.applicable, p.round()),
        None => format!("{}/{}", c.answered, c.applicable),
    }
}

/// The facts of a finding, `a = 1, b = 2`.
pub fn why_text(f: &Finding) -> String {
    f.why
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

fn title_line(r: &Report) -> String {
    let mut s = r.initiative.clone();
    if let Some(t) = &r.territory {
        let _ = write!(s, " — {t}");
    }
    if let Some(d) = &r.date {
        let _ = write!(s, ", {d}");
    }
    s
}

fn stamp(r: &Report) -> String {
    format!(
        "{} {} (sha256 {})",
        r.grid.id,
        r.grid.version,
        domino_engine::short_hash(&r.grid.hash)
    )
}

/// Indents continuation lines of a wrapped paragraph.
fn wrap(text: &str, width: usize, indent: &str) -> String {
    let mut out = String::new();
    let mut line_len = 0;
    for word in text.split_whitespace() {
        let n = word.chars().count();
        if line_len > 0 && line_len + 1 + n > width {
            out.push('\n');
            out.push_str(indent);
            line_len = 0;
        } else if line_len > 0 {
            out.push(' ');
            line_len += 1;
        }
        out.push_str(word);
        line_len += n;
    }
    out
}

/// The report as readable text.
pub fn table(r: &Report, lang: &str, explain: bool) -> String {
    let w = words(lang);
    let colon = w.colon;
    let mut o = String::new();
    let title = title_line(r);
    let _ = writeln!(o, "{title}\n{}", "=".repeat(title.chars().count()));
    let _ = writeln!(o, "{}{colon}{}", w.grid, stamp(r));
    if let Some(id) = &r.id {
        let _ = writeln!(o, "id{colon}{id}");
    }
    if !r.raters.is_empty() {
        let _ = writeln!(o, "{}{colon}{}", w.raters, r.raters.join(", "));
    }
    let _ = writeln!(o, "{}{colon}{}\n", w.overall, layout::score_text(r.overall));
    let head = [w.axis, w.score, w.coverage, w.median_level];
    let rows: Vec<[String; 4]> = r
        .axes
        .iter()
        .map(|a| {
            [
                a.title.clone(),
                layout::score_text(a.score),
                coverage_text(&a.coverage),
                a.median_level
                    .as_ref()
                    .map(|l| format!("{} {}", l.code, l.label))
                    .unwrap_or_else(|| "—".into()),
            ]
        })
        .collect();
    let mut widths = head.map(|h| h.chars().count());
    for row in &rows {
        for (wd, c) in widths.iter_mut().zip(row) {
            *wd = (*wd).max(c.chars().count());
        }
    }
    let line = |cells: [&str; 4]| {
        format!(
            "{}  {}  {}  {}",
            layout::pad(cells[0], widths[0]),
            layout::pad_left(cells[1], widths[1]),
            layout::pad_left(cells[2], widths[2]),
            cells[3]
        )
        .trim_end()
        .to_owned()
    };
    let _ = writeln!(o, "{}", line(head));
    let _ = writeln!(
        o,
        "{}",
        widths
            .iter()
            .map(|n| "-".repeat(*n))
            .collect::<Vec<_>>()
            .join("  ")
    );
    for row in &rows {
        let _ = writeln!(o, "{}", line(row.each_ref().map(String::as_str)));
    }
    for kind in FindingKind::ALL {
        let findings = r.findings.of(kind);
        if findings.is_empty() {
            continue;
        }
        let _ = writeln!(o, "\n{} ({})", kind_title(kind, lang), findings.len());
        for f in findings {
            let _ = writeln!(o, "  • {}", wrap(&f.message, 92, "    "));
            if explain {
                let _ = writeln!(o, "    [{}]", f.id);
                if !f.why.is_empty() {
                    let _ = writeln!(
                        o,
                        "    {}{colon}{}",
                        w.why,
                        wrap(&why_text(f), 84, "      ")
                    );
                }
                if let Some(c) = &f.condition {
                    let _ = writeln!(o, "    {}{colon}{c}", w.condition);
                }
            }
        }
    }
    if !r.recommendations.is_empty() {
        let _ = writeln!(o, "\n{}", w.recommendations);
        for phase in Phase::ALL {
            let recs = r.recommendations.of(phase);
            if recs.is_empty() {
                continue;
            }
            let _ = writeln!(o, "  {}", phase_title(phase, lang));
            for rec in recs {
                let _ = writeln!(o, "    • {}", rec.title);
                let _ = writeln!(o, "      {}", wrap(&rec.text, 86, "      "));
                if explain {
                    let _ = writeln!(o, "      {}{colon}{}", w.because, rec.because.join(", "));
                }
            }
        }
    }
    o
}

/// Escapes text for Markdown.
pub fn md(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '|' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '#' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// Code spans that may contain backticks.
fn code(text: &str) -> String {
    let text = text.replace(['\n', '\r'], " ");
    if text.contains('`') {
        format!("`` {text} ``")
    } else {
        format!("`{text}`")
    }
}

/// The report as Markdown.
pub fn markdown(r: &Report, lang: &str, explain: bool) -> String {
    let w = words(lang);
    let colon = w.colon;
    let mut o = String::new();
    let _ = writeln!(o, "# {}\n", md(&title_line(r)));
    let _ = writeln!(o, "- {}{colon}{}", w.grid, code(&stamp(r)));
    if let Some(id) = &r.id {
        let _ = writeln!(o, "- id{colon}{}", code(id));
    }
    if !r.raters.is_empty() {
        let _ = writeln!(o, "- {}{colon}{}", w.raters, md(&r.raters.join(", ")));
    }
    if !r.profile.is_empty() {
        let p: Vec<String> = r
            .profile
            .iter()
            .map(|(k, v)| format!("{k} = {}", md(v)))
            .collect();
        let _ = writeln!(o, "- {}{colon}{}", w.profile, p.join(", "));
    }
    let _ = writeln!(
        o,
        "- **{}{colon}{}**\n",
        w.overall,
        layout::score_text(r.overall)
    );
    let _ = writeln!(
        o,
        "| {} | {} | {} | {} |\n|---|---:|---:|---|",
        w.axis, w.score, w.coverage, w.median_level
    );
    for a in &r.axes {
        let _ = writeln!(
            o,
            "| {} | {} | {} | {} |",
            md(&a.title),
            layout::score_text(a.score),
            coverage_text(&a.coverage),
            a.median_level
                .as_ref()
                .map(|l| format!("{} {}", md(&l.code), md(&l.label)))
                .unwrap_or_else(|| "—".into())
        );
    }
    let _ = writeln!(o, "\n## {}\n", w.findings);
    if r.findings.is_empty() {
        let _ = writeln!(o, "{}\n", w.no_findings);
    }
    for kind in FindingKind::ALL {
        let findings = r.findings.of(kind);
        if findings.is_empty() {
            continue;
        }
        let _ = writeln!(o, "### {} ({})\n", kind_title(kind, lang), findings.len());
        for f in findings {
            let _ = writeln!(o, "- {}", md(&f.message));
            if explain {
                let _ = writeln!(o, "  - {}", code(&f.id));
                if !f.why.is_empty() {
                    let _ = writeln!(o, "  - {}{colon}{}", w.why, code(&why_text(f)));
                }
                if let Some(c) = &f.condition {
                    let _ = writeln!(o, "  - {}{colon}{}", w.condition, code(c));
                }
            }
        }
        o.push('\n');
    }
    let _ = writeln!(o, "## {}\n", w.recommendations);
    if r.recommendations.is_empty() {
        let _ = writeln!(o, "{}\n", w.no_recommendations);
    }
    for phase in Phase::ALL {
        let recs = r.recommendations.of(phase);
        if recs.is_empty() {
            continue;
        }
        let _ = writeln!(o, "### {}\n", phase_title(phase, lang));
        for rec in recs {
            let _ = writeln!(o, "- **{}** — {}", md(&rec.title), md(&rec.text));
            if explain {
                let _ = writeln!(o, "  - {}{colon}{}", w.because, md(&rec.because.join(", ")));
            }
        }
        o.push('\n');
    }
    let _ = writeln!(o, "## {}\n", w.criteria_detail);
    let _ = writeln!(
        o,
        "| {} | {} | {} | {} |\n|---|---|---|---|",
        w.criterion, w.level, w.target, w.evidence
    );
    for a in &r.axes {
        for c in &a.criteria {
            let level = match &c.level {
                Some(l) => format!("{} {}", md(&l.code), md(&l.label)),
                None => crate::i18n::state_text(&c.state, lang).to_owned(),
            };
            let star = if c.critical { " ★" } else { "" };
            let _ = writeln!(
                o,
                "| {}{star} | {level} | {} | {} |",
                md(&c.title),
                c.target
                    .as_ref()
                    .map(|t| format!("{} {}", md(&t.code), md(&t.label)))
                    .unwrap_or_default(),
                c.evidence.as_deref().map(md).unwrap_or_default()
            );
        }
    }
    o
}
