//! `domino sensitivity`: how robust a batch's ranking is to its weights and
//! aggregation. The batch is read and scored by the batch pipeline (every
//! input `domino batch` reads), each row kept as the engine's compact
//! `sensitivity::Initiative`; the engine draws the runs and words the result.

use crate::batch;
use crate::chart::{self, Drawing};
use crate::compare::score_rows;
use crate::failure::{Fail, EXIT_ROWS};
use crate::files::{self, display};
use crate::style;
use clap::{Args, ValueEnum};
use domino_engine::charts::{ChartOptions, RankRanges};
use domino_engine::sensitivity::{
    self, Aggregation, Initiative, Options, Sensitivity, DEFAULT_RUNS, DEFAULT_SEED, DEFAULT_SPREAD,
};
use domino_engine::{Evaluation, Grid, Language};
use std::io;
use std::path::{Path, PathBuf};
use std::sync::mpsc;

/// Arguments of `domino sensitivity`.
#[derive(Debug, Args)]
pub struct SensitivityArgs {
    /// The batch: CSV, JSON array, NDJSON or a directory of assessments, as `domino batch` reads.
    #[arg(required = true)]
    inputs: Vec<PathBuf>,
    /// Monte Carlo runs.
    #[arg(long, value_name = "N", default_value_t = DEFAULT_RUNS)]
    runs: u32,
    /// Each weight is multiplied by a factor uniform in [1 − spread, 1 + spread) (0 ≤ spread < 1).
    #[arg(long, value_name = "S", default_value_t = DEFAULT_SPREAD)]
    spread: f64,
    /// Seed of the runs: the same seed gives the same result.
    #[arg(long, value_name = "S", default_value_t = DEFAULT_SEED)]
    seed: u64,
    /// Also rank with each criterion left out in turn.
    #[arg(long)]
    leave_one_out: bool,
    /// How the runs combine values into scores.
    #[arg(long, value_enum, default_value_t = AggregationArg::Mean)]
    aggregation: AggregationArg,
    /// Output format (CSV and JSON list every initiative).
    #[arg(long, value_enum, default_value_t = SensitivityFormat::Table)]
    format: SensitivityFormat,
    /// Also draw the rank ranges of the first initiatives: `.svg` or `.png`.
    #[arg(long, value_name = "FILE")]
    chart: Option<PathBuf>,
    /// Initiatives shown in the table and the chart, by median rank.
    #[arg(long, value_name = "N", default_value_t = 20)]
    top: usize,
}

/// Aggregations of the runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AggregationArg {
    /// Weighted arithmetic means, the grid's own rule.
    Mean,
    /// Weighted geometric means of values read on 1–100.
    Geometric,
}

/// Formats of `domino sensitivity`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SensitivityFormat {
    /// Readable text.
    Table,
    /// One record per initiative, then per criterion left out.
    Csv,
    /// The whole analysis.
    Json,
}

/// Runs `domino sensitivity`.
pub fn run(args: &SensitivityArgs, grid: Option<&Path>, lang: &str) -> Result<u8, Fail> {
    let options = Options {
        runs: args.runs,
        spread: args.spread,
        seed: args.seed,
        aggregation: match args.aggregation {
            AggregationArg::Mean => Aggregation::Mean,
            AggregationArg::Geometric => Aggregation::Geometric,
        },
        leave_one_out: args.leave_one_out,
        threads: batch::default_jobs(),
    };
    options.check().map_err(|e| Fail::invalid(e.to_string()))?;
    if args.top == 0 {
        return Err(Fail::invalid("`--top` must be at least 1 (20 by default)"));
    }
    let png = args
        .chart
        .as_deref()
        .map(chart::output_is_png)
        .transpose()?;
    let grid = files::load_grid(grid)?.grid;
    let (result, failed) = analyse(&args.inputs, &grid, &options, lang)?;
    let out = match args.format {
        SensitivityFormat::Table => sensitivity::table(&result, args.top, lang),
        SensitivityFormat::Csv => sensitivity::csv(&result),
        SensitivityFormat::Json => {
            let mut s = serde_json::to_string_pretty(&result).unwrap_or_default();
            s.push('\n');
            s
        }
    };
    files::write_stdout(out.as_bytes())?;
    if let (Some(path), Some(png)) = (&args.chart, png) {
        let chart_options = ChartOptions {
            width: 800,
            height: 200,
            title: format!(
                "{} — {}",
                Language::of_text(lang).sensitivity().title,
                result.grid
            ),
            show_title: true,
        };
        let drawing = Drawing::RankRanges(RankRanges::of(&result, args.top, lang));
        chart::write(&drawing, &chart_options, path, png)?;
    }
    if failed > 0 {
        style::warning_line(&format!(
            "{failed} row(s) could not be scored and were left out (each is reported above)"
        ));
        return Ok(EXIT_ROWS);
    }
    Ok(0)
}

/// How the pipeline's workers write a row: its initiative, as one line of JSON.
fn write_initiative(grid: &Grid, e: &Evaluation, out: &mut Vec<u8>) {
    let _ = serde_json::to_writer(&mut *out, &Initiative::of_evaluation(grid, e));
    out.push(b'\n');
}

/// Scores the batch and analyses it; returns the analysis and how many rows
/// failed (each reported on stderr with its row and column). The pipeline runs
/// on its own thread and hands each initiative to the engine through a bounded
/// channel, so no list of initiatives is held besides the engine's own.
fn analyse(
    inputs: &[PathBuf],
    grid: &Grid,
    options: &Options,
    lang: &str,
) -> Result<(Sensitivity, u64), Fail> {
    let (tx, rx) = mpsc::sync_channel::<Initiative>(4096);
    let (outcome, result) = std::thread::scope(|s| {
        let reader = s.spawn(move || {
            score_rows(inputs, grid, lang, write_initiative, |i: Initiative| {
                tx.send(i).map_err(io::Error::other)
            })
        });
        let result = sensitivity::analyse(grid, rx.iter(), options, lang);
        let outcome = reader
            .join()
            .unwrap_or_else(|e| std::panic::resume_unwind(e));
        (outcome, result)
    });
    let outcome = outcome?;
    if outcome.rows == 0 {
        let names: Vec<String> = inputs.iter().map(|p| display(p)).collect();
        return Err(Fail::invalid(format!(
            "nothing to analyse: no assessment could be scored in {}",
            names.join(", ")
        )));
    }
    let result = result.map_err(|e| Fail::invalid(e.to_string()))?;
    Ok((result, outcome.failed))
}
