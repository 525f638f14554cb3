//! `domino agreement`: how far several raters agree, from assessment files
//! (per-rater answers) and long CSV tables (`id,rater,<criterion>,…`).
//! The engine computes and words the figures; this reads files and lays out.

use crate::failure::Fail;
use crate::files::{self, display};
use crate::layout::{pad, pad_left};
use clap::{Args, ValueEnum};
use domino_engine::agreement::{
    analyse, Agreement, AgreementReport, KappaWeights, LongTable, Metric, Options, Ratings,
    DEFAULT_RESAMPLES, DEFAULT_SEED,
};
use domino_engine::csv_writer::push_record;
use domino_engine::diagnostic::{Location, Row, TableRow};
use domino_engine::vocabulary::{Language, NO_FIGURE};
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
        AgreementFormat::Csv => csv(&report),
        AgreementFormat::Table => table(&report, Language::of_text(lang), false),
        AgreementFormat::Md => table(&report, Language::of_text(lang), true),
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

/// The rows of the report: a kind, an id, a title and the figures.
fn rows(report: &AgreementReport) -> Vec<(&'static str, &str, &str, &Agreement)> {
    let mut rows = vec![("overall", "", "", &report.overall)];
    rows.extend(
        report
            .axes
            .iter()
            .map(|a| ("axis", a.id.as_str(), a.title.as_str(), &a.agreement)),
    );
    rows.extend(
        report
            .criteria
            .iter()
            .map(|c| ("criterion", c.id.as_str(), c.title.as_str(), &c.agreement)),
    );
    rows
}

/// The report as aligned text or a Markdown table.
fn table(report: &AgreementReport, lang: Language, markdown: bool) -> String {
    let w = lang.agreement();
    let mut out = preamble(report, lang, markdown);
    let kappa = report.kappa_weights.is_some();
    let mut head = vec![w.scope, w.units, w.pairable, w.alpha, w.interval];
    if kappa {
        head.push(w.kappa);
    }
    head.extend([w.agreement, w.reading]);
    let body: Vec<Vec<String>> = rows(report)
        .into_iter()
        .map(|(kind, id, title, a)| {
            let scope = match kind {
                "overall" => w.overall.to_owned(),
                _ => format!("{id} — {title}"),
            };
            cells(scope, a, lang, kappa)
        })
        .collect();
    out.push_str(&if markdown {
        markdown_table(&head, &body)
    } else {
        text_table(&head, &body)
    });
    out.push('\n');
    out.push_str(w.thresholds);
    out.push('\n');
    out
}

/// The title and the settings: metric, raters, initiatives, kappa's weights, bootstrap.
fn preamble(report: &AgreementReport, lang: Language, markdown: bool) -> String {
    let w = lang.agreement();
    let mut out = if markdown {
        format!("# {}\n\n", w.title)
    } else {
        format!("{}\n{}\n", w.title, "=".repeat(w.title.chars().count()))
    };
    let bullet = if markdown { "- " } else { "" };
    let mut line = |label: &str, value: &str| {
        out.push_str(&format!("{bullet}{}\n", lang.labelled(label, value)));
    };
    line(w.metric, w.metrics[report.metric as usize]);
    line(w.raters, &report.raters.join(", "));
    line(w.initiatives, &report.initiatives.to_string());
    if let Some(weights) = report.kappa_weights {
        line(w.kappa, w.weights[weights as usize]);
    }
    if let Some(b) = report.bootstrap {
        let [before, between, after] = w.bootstrap;
        out.push_str(&format!(
            "{bullet}{before}{}{between}{}{after}\n",
            b.resamples, b.seed
        ));
    }
    out.push('\n');
    out
}

/// The cells of one row of the table.
fn cells(scope: String, a: &Agreement, lang: Language, kappa: bool) -> Vec<String> {
    let number = |x: Option<f64>| x.map_or(NO_FIGURE.to_owned(), |x| lang.number(x, 3));
    let mut cells = vec![
        scope,
        a.units.to_string(),
        a.pairable.to_string(),
        number(a.alpha),
        a.interval
            .map_or(NO_FIGURE.to_owned(), |i| lang.interval(i.low, i.high, 3)),
    ];
    if kappa {
        cells.push(number(a.kappa));
    }
    cells.push(number(a.observed_agreement));
    cells.push(a.note.clone());
    cells
}

fn text_table(head: &[&str], body: &[Vec<String>]) -> String {
    let mut widths: Vec<usize> = head.iter().map(|h| h.chars().count()).collect();
    for row in body {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    let line = |cells: Vec<String>| {
        let padded: Vec<String> = cells
            .iter()
            .zip(&widths)
            .enumerate()
            .map(|(i, (c, &wd))| match i {
                0 => pad(c, wd),
                _ if i == cells.len() - 1 => c.clone(),
                _ => pad_left(c, wd),
            })
            .collect();
        format!("{}\n", padded.join("  ").trim_end())
    };
    let mut out = line(head.iter().map(|h| (*h).to_owned()).collect());
    out.push_str(&line(widths.iter().map(|&wd| "-".repeat(wd)).collect()));
    for row in body {
        out.push_str(&line(row.clone()));
    }
    out
}

fn markdown_table(head: &[&str], body: &[Vec<String>]) -> String {
    let cell = |c: &str| c.replace('|', "\\|");
    let mut out = format!(
        "| {} |\n",
        head.iter().map(|h| cell(h)).collect::<Vec<_>>().join(" | ")
    );
    let rule: Vec<&str> = (0..head.len())
        .map(|i| {
            if i == 0 || i == head.len() - 1 {
                "---"
            } else {
                "---:"
            }
        })
        .collect();
    out.push_str(&format!("| {} |\n", rule.join(" | ")));
    for row in body {
        out.push_str(&format!(
            "| {} |\n",
            row.iter().map(|c| cell(c)).collect::<Vec<_>>().join(" | ")
        ));
    }
    out
}

/// One record per row: machine-readable codes and plain decimal figures.
fn csv(report: &AgreementReport) -> String {
    let mut out = String::from(
        "kind,id,title,units,pairable,alpha,ci_low,ci_high,kappa,observed_agreement,reliability,undefined\n",
    );
    // Identifiers and titles come from the grid: the one CSV writer defuses any formula.
    let number = |x: Option<f64>| x.map_or(String::new(), |x| x.to_string());
    for (kind, id, title, a) in rows(report) {
        let code = |v: Option<String>| v.unwrap_or_default();
        let fields = [
            kind.to_owned(),
            id.to_owned(),
            title.to_owned(),
            a.units.to_string(),
            a.pairable.to_string(),
            number(a.alpha),
            number(a.interval.map(|i| i.low)),
            number(a.interval.map(|i| i.high)),
            number(a.kappa),
            number(a.observed_agreement),
            code(a.reliability.map(|r| serde_plain(&r))),
            code(a.undefined.map(|u| serde_plain(&u))),
        ];
        push_record(&mut out, fields);
    }
    out
}

/// The serde name of a unit enum (`reliable`, `no-variation`).
fn serde_plain<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_owned))
        .unwrap_or_default()
}
