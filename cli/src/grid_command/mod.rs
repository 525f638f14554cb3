//! `domino grid list|show|check|diff|fmt`.

mod check;
mod diff;
mod fmt;
mod show;

pub use diff::DiffFormatArg;
pub use show::{json, markdown};

use crate::failure::Fail;
use crate::files;
use clap::{ArgGroup, Subcommand, ValueEnum};
use domino_engine::text_layout;
use domino_engine::{Grid, Language, BUILTIN_GRIDS};
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
    /// Validate grid files: every problem with its line and a caret, French typography included.
    Check {
        /// Grid files to check.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Fail (exit 1) on warnings too.
        #[arg(long)]
        deny_warnings: bool,
    },
    /// What changed between two versions of a grid (criteria matched through
    /// NEW's crosswalk from OLD's version, when it has one).
    Diff {
        /// The older grid: a file or a built-in grid name.
        old: PathBuf,
        /// The newer grid: a file or a built-in grid name.
        new: PathBuf,
        /// Output format.
        #[arg(long, value_enum, default_value_t = DiffFormatArg::Table)]
        format: DiffFormatArg,
    },
    /// Fix the French typography of grid files in place (no-break spaces
    /// before `; : ! ?` and inside « », apostrophes), changing nothing else.
    #[command(group(ArgGroup::new("mode").required(true).args(["fix", "check"])))]
    Fmt {
        /// Grid files to fix.
        #[arg(required = true)]
        files: Vec<PathBuf>,
        /// Rewrite the files.
        #[arg(long)]
        fix: bool,
        /// Change nothing; exit 1 if a file would change.
        #[arg(long)]
        check: bool,
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
        } => check::check(&files, deny_warnings),
        GridCommand::Diff { old, new, format } => diff::diff(&old, &new, format, lang),
        GridCommand::Fmt { files, fix, .. } => fmt::fmt(&files, fix),
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
                l.push_str(&text_layout::pad(c, widths[i] + 2));
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
