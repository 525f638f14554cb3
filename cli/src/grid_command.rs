//! `domino grid list|show|check`.

use crate::failure::{Fail, EXIT_INVALID, EXIT_IO};
use crate::files::{self, display};
use crate::layout;
use crate::report_markdown::md;
use crate::style;
use clap::{Subcommand, ValueEnum};
use domino_engine::Language;
use domino_engine::{FindingKind, Grid, Phase, BUILTIN_GRIDS};
use std::fmt::Write;
use std::path::{Path, PathBuf};

/// Grid subcommands.
#[derive(Debug, Subcommand)]
pub enum GridCommand {
    /// List the built-in grids.
    List,
    /// Print a grid as readable Markdown or JSON, in the chosen language.
    Show {
        /// A built-in grid name or a grid file (default: `--grid`, else the DOMINO grid).
        grid_name: Option<PathBuf>,
        /// Output format.
        #[arg(long, value_enum, default_value_t = ShowFormat::Md)]
        format: ShowFormat,
    },
    /// Validate grid files: every problem with its line and a caret.
    Check {
        /// Grid files to check.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Fail (exit 1) on warnings too.
        #[arg(long)]
        deny_warnings: bool,
    },
}

/// Formats of `grid show`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ShowFormat {
    /// Markdown.
    Md,
    /// JSON, texts in the chosen language.
    Json,
}

/// Runs a grid subcommand.
pub fn run(cmd: GridCommand, grid: Option<&Path>, lang: &str) -> Result<u8, Fail> {
    match cmd {
        GridCommand::List => list(lang),
        GridCommand::Show { grid_name, format } => {
            let loaded = files::load_grid(grid_name.as_deref().or(grid))?;
            let out = match format {
                ShowFormat::Md => markdown(&loaded.grid, lang),
                ShowFormat::Json => json(&loaded.grid, lang),
            };
            files::write_stdout(out.as_bytes())?;
            Ok(0)
        }
        GridCommand::Check {
            files,
            deny_warnings,
        } => check(&files, deny_warnings),
    }
}

fn list(lang: &str) -> Result<u8, Fail> {
    let mut rows = Vec::new();
    for (file, source) in BUILTIN_GRIDS {
        let name = file.trim_end_matches(".toml");
        match Grid::from_toml(source) {
            Ok(l) => {
                let g = l.grid;
                rows.push([
                    name.to_owned(),
                    g.id.clone(),
                    g.version.clone(),
                    format!("{}", g.criterion_count()),
                    domino_engine::short_hash(&g.hash).to_owned(),
                    g.title.get(lang).to_owned(),
                ]);
            }
            Err(e) => rows.push([
                name.to_owned(),
                "?".into(),
                "?".into(),
                "?".into(),
                "?".into(),
                format!("invalid: {e}"),
            ]),
        }
    }
    let w = Language::of_text(lang).labels();
    let head = [w.name, "id", "version", w.criteria, w.hash, w.title];
    let mut widths = head.map(|h| h.chars().count());
    for r in &rows {
        for (w, c) in widths.iter_mut().zip(r) {
            *w = (*w).max(c.chars().count());
        }
    }
    let mut out = String::new();
    let line = |cells: [&str; 6], out: &mut String| {
        let mut l = String::new();
        for (i, c) in cells.iter().enumerate() {
            if i == 5 {
                l.push_str(c);
            } else {
                l.push_str(&layout::pad(c, widths[i] + 2));
            }
        }
        out.push_str(l.trim_end());
        out.push('\n');
    };
    line(head, &mut out);
    for r in &rows {
        line(r.each_ref().map(String::as_str), &mut out);
    }
    files::write_stdout(out.as_bytes())?;
    Ok(0)
}

fn check(files: &[PathBuf], deny_warnings: bool) -> Result<u8, Fail> {
    let mut code = 0u8;
    for path in files {
        let name = display(path);
        let source = match files::read_text(path) {
            Ok(s) => s,
            Err(f) => {
                if let Some(m) = &f.message {
                    style::error_line(m);
                }
                code = code.max(if f.code == EXIT_IO {
                    EXIT_IO
                } else {
                    EXIT_INVALID
                });
                continue;
            }
        };
        match Grid::from_toml(&source) {
            Ok(loaded) => {
                files::report_diagnostics(&loaded.warnings, &name, &source);
                let g = &loaded.grid;
                let warnings = loaded.warnings.len();
                let status = if warnings > 0 && deny_warnings {
                    code = code.max(EXIT_INVALID);
                    format!("{name}: {warnings} warning(s), denied")
                } else {
                    format!(
                        "{} {name}: grid `{}` {}, {} criteria, {} rules, sha256 {}{}",
                        style::ok("ok"),
                        g.id,
                        g.version,
                        g.criterion_count(),
                        g.rules.len(),
                        domino_engine::short_hash(&g.hash),
                        if warnings > 0 {
                            format!(" ({warnings} warning(s))")
                        } else {
                            String::new()
                        }
                    )
                };
                style::note_line(&status);
            }
            Err(diags) => {
                files::report_diagnostics(&diags.0, &name, &source);
                let errors = diags.error_count();
                let warnings = diags.0.len() - errors;
                style::error_line(&format!("{name}: {errors} error(s), {warnings} warning(s)"));
                code = code.max(EXIT_INVALID);
            }
        }
    }
    Ok(code)
}

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
    }
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
    while o.ends_with("\n\n") {
        o.pop();
    }
    o
}
