//! `domino agreement`: how far several raters agree, from assessment files
//! (per-rater answers) and long CSV tables (`id,rater,<criterion>,…`).
//! The engine computes, words and lays out the figures; this reads the files.

use crate::failure::Fail;
use crate::files::{self, display};
use clap::{Args, ValueEnum};
use domino_engine::agreement::{
    self, analyse, KappaWeights, LongTable, Metric, Options, Ratings, DEFAULT_RESAMPLES,
    DEFAULT_SEED,
};
use domino_engine::diagnostic::{Location, Row, TableRow};
use domino_engine::{Diagnostic, Grid, LineIndex};
use std::path::{Path, PathBuf};

/// Arguments of `domino agreement`.
#[derive(Debug, Args)]
pub struct AgreementArgs {
    /// Inputs, pooled: assessment files with per-rater answers (TOML or JSON) and
    /// long CSV tables with one row per initiative and rater (`id,rater,<criterion>,…`).
    #[arg(required = true)]
    inputs: Vec<PathBuf>,
    /// The level of measurement of Krippendorff's alpha.
    #[arg(long, value_enum, default_value_t = MetricArg::Ordinal)]
    metric: MetricArg,
    /// The weights of Cohen's kappa (two raters); default: quadratic, unweighted for `--metric nominal`.
    #[arg(long, value_enum)]
    kappa_weights: Option<WeightsArg>,
    /// Bootstrap resamples of the units for the 95 % interval (0: no interval).
    #[arg(long, value_name = "N", default_value_t = DEFAULT_RESAMPLES)]
    bootstrap: u32,
    /// Seed of the bootstrap: the same seed gives the same interval.
    #[arg(long, value_name = "S", default_value_t = DEFAULT_SEED)]
    seed: u64,
    /// Output format.
    #[arg(long, value_enum, default_value_t = AgreementFormat::Table)]
    format: AgreementFormat,
}

/// Levels of measurement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum MetricArg {
    /// Only the order of the levels counts.
    Ordinal,
    /// Levels are the numbers of their scale.
    Interval,
    /// Levels are categories.
    Nominal,
}

/// Weights of Cohen's kappa.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum WeightsArg {
    /// Squared distance.
    Quadratic,
    /// Distance.
    Linear,
    /// Every disagreement the same.
    Unweighted,
}

/// Formats of `domino agreement`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum AgreementFormat {
    /// Readable text.
    Table,
    /// Markdown.
    Md,
    /// The whole report as JSON.
    Json,
    /// One record per row of the report.
    Csv,
}

/// Runs `domino agreement`.
pub fn run(args: &AgreementArgs, grid: Option<&Path>, lang: &str) -> Result<u8, Fail> {
    let loaded = files::load_grid(grid)?;
    let grid = &loaded.grid;
    let mut ratings = Ratings::new();
    let mut errors = 0;
    for path in &args.inputs {
        errors += read_input(grid, path, &mut ratings)?;
    }
    if errors > 0 {
        return Err(Fail::invalid(format!(
            "{errors} error(s) in the inputs; nothing was computed"
        )));
    }
    let options = Options {
        metric: match args.metric {
            MetricArg::Ordinal => Metric::Ordinal,
            MetricArg::Interval => Metric::Interval,
            MetricArg::Nominal => Metric::Nominal,
        },
        kappa_weights: args.kappa_weights.map(|w| match w {
            WeightsArg::Quadratic => KappaWeights::Quadratic,
            WeightsArg::Linear => KappaWeights::Linear,
            WeightsArg::Unweighted => KappaWeights::Unweighted,
        }),
        resamples: args.bootstrap,
        seed: args.seed,
    };
    let report = analyse(grid, &ratings, &options, lang);
    let out = match args.format {
        AgreementFormat::Json => {
            let mut s = serde_json::to_string_pretty(&report).unwrap_or_default();
            s.push('\n');
            s
        }
        AgreementFormat::Csv => agreement::csv(&report),
        AgreementFormat::Table => agreement::table(&report, lang),
        AgreementFormat::Md => agreement::markdown(&report, lang),
    };
    files::write_stdout(out.as_bytes())?;
    Ok(0)
}

/// Reads one input into `ratings`; returns how many errors were printed.
fn read_input(grid: &Grid, path: &Path, ratings: &mut Ratings) -> Result<usize, Fail> {
    let is_csv = path.extension().and_then(|e| e.to_str()) == Some("csv");
    let source = files::read_text(path)?;
    if is_csv {
        return Ok(read_long_table(grid, path, &source, ratings));
    }
    let (assessment, source) = match files::parse_assessment(path, source) {
        Ok(parsed) => parsed,
        Err(_) => return Ok(1),
    };
    match ratings.add_assessment(grid, &assessment) {
        Ok(warnings) => {
            files::report_diagnostics(&warnings, &display(path), &source);
            Ok(0)
        }
        Err(diags) => {
            files::report_diagnostics(&diags.0, &display(path), &source);
            Ok(diags.error_count())
        }
    }
}

/// Reads a long CSV table; every bad row is reported with its line and column.
fn read_long_table(grid: &Grid, path: &Path, source: &str, ratings: &mut Ratings) -> usize {
    let name = display(path);
    let index = LineIndex::new(source);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(source.as_bytes());
    let mut table: Option<LongTable> = None;
    let mut errors: Vec<(Diagnostic, usize, Option<u64>)> = Vec::new();
    for (row, record) in reader.records().enumerate() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(0, |p| line_of(&index, p.byte()));
                let d =
                    Diagnostic::error("unreadable-row", format!("this row cannot be read: {e}"))
                        .with_hint("save the file as UTF-8 CSV");
                errors.push((d, line, Some(row as u64)));
                continue;
            }
        };
        let line = record.position().map_or(0, |p| line_of(&index, p.byte()));
        let fields: Vec<&str> = record.iter().collect();
        let result = match &mut table {
            None => LongTable::new(grid, &fields, line).map(|t| table = Some(t)),
            Some(t) => t.read(grid, &fields, line, ratings),
        };
        if let Err(ds) = result {
            let header = table.is_none();
            errors.extend(
                ds.into_iter()
                    .map(|d| (d, line, (!header).then_some(row as u64))),
            );
            if header {
                break;
            }
        }
    }
    if table.is_none() && errors.is_empty() {
        errors.push((
            Diagnostic::error(
                "empty-file",
                "the file is empty: the first line must be a header",
            )
            .with_hint("write `id,rater,` then the criterion ids"),
            1,
            None,
        ));
    }
    let mut text = String::new();
    for (d, line, row) in &errors {
        let row = match row {
            Some(n) => Row::Data(*n),
            None => Row::Header,
        };
        let at = Location::Cell {
            file: &name,
            row: TableRow::csv(row, *line as u64),
        };
        text.push_str(&crate::style::diagnostic(d, &at));
        text.push('\n');
    }
    crate::style::eprint(&text);
    errors.len()
}

/// The line of the record starting at `byte`, past the line ends the reader
/// may leave before it.
fn line_of(index: &LineIndex<'_>, byte: u64) -> usize {
    let text = index.source();
    let start = usize::try_from(byte).unwrap_or(text.len()).min(text.len());
    let skipped = text[start..]
        .find(|c| c != '\r' && c != '\n')
        .map_or(text.len(), |i| start + i);
    index.line_column(skipped).0
}
