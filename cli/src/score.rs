//! `domino score`: score assessment files and print the results.

use crate::failure::{Fail, EXIT_INVALID};
use crate::files::{self, display};
use crate::report_markdown::markdown;
use crate::report_table::table;
use clap::{Args, ValueEnum};
use domino_engine::report::{summary_header, summary_record};
use domino_engine::{Grid, Language, Report};
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
            .map(|(r, _)| table(r, Language::of_text(lang), args.explain))
            .collect::<Vec<_>>()
            .join("\n"),
        ScoreFormat::Md => results
            .iter()
            .map(|(r, _)| markdown(r, Language::of_text(lang), args.explain))
            .collect::<Vec<_>>()
            .join("\n---\n\n"),
    };
    files::write_stdout(out.as_bytes())?;
    Ok(if failed { EXIT_INVALID } else { 0 })
}
