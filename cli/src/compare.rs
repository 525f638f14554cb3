//! `domino compare OLD NEW`: two assessments of one initiative, or two batches
//! matched by id, compared by the engine (`domino_engine::compare`); this file
//! only reads the inputs and writes what the engine says.
//!
//! Batches go through the batch pipeline, each row written by the workers as the
//! one line of JSON of its comparison snapshot (no report texts are built): the
//! old batch is held in memory (the engine's `MAX_OLD_ROWS` at most), the new one
//! is streamed and, in CSV, each initiative's change written as it comes.

use crate::batch::{self, PipelineOptions};
use crate::batch_input;
use crate::failure::{Fail, EXIT_ROWS};
use crate::files::{self, display};
use crate::style;
use clap::{Args, ValueEnum};
use domino_engine::compare::{self as cmp, BatchComparer, InitiativeChange, Snapshot};
use domino_engine::csv_writer::{push_record, to_csv};
use domino_engine::{Diagnostic, Evaluation, Grid};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

/// Arguments of `domino compare`.
#[derive(Debug, Args)]
pub struct CompareArgs {
    /// The older assessment (TOML or JSON) or batch (CSV, JSON array, NDJSON, directory).
    old: PathBuf,
    /// The newer one, of the same kind.
    new: PathBuf,
    /// Output format.
    #[arg(long, value_enum, default_value_t = CompareFormat::Table)]
    format: CompareFormat,
    /// Grid to score OLD with when it was made with another version of the grid (a
    /// file or a built-in name; `--grid` scores NEW): criteria only one version
    /// has are listed as not comparable.
    #[arg(long, value_name = "FILE")]
    old_grid: Option<PathBuf>,
    /// Batches: profile fields to sum changes by (comma-separated, e.g. `status,territory`).
    #[arg(long, value_delimiter = ',', value_name = "FIELDS")]
    by: Vec<String>,
}

/// Formats of `domino compare`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CompareFormat {
    /// Readable text.
    Table,
    /// Markdown.
    Md,
    /// The full comparison as JSON.
    Json,
    /// CSV records (batches with `--by`: one per group).
    Csv,
}

/// Runs `domino compare`.
pub fn run(args: &CompareArgs, grid: Option<&Path>, lang: &str) -> Result<u8, Fail> {
    let new_grid = files::load_grid(grid)?.grid;
    let old_grid = match &args.old_grid {
        Some(path) => files::load_grid(Some(path))?.grid,
        None => new_grid.clone(),
    };
    let grids = Grids {
        old: &old_grid,
        new: &new_grid,
    };
    let (old_single, new_single) = (is_assessment(&args.old)?, is_assessment(&args.new)?);
    if old_single != new_single {
        let kind = |single| if single { "an assessment" } else { "a batch" };
        return Err(Fail::invalid(format!(
            "`{}` is {} and `{}` {}: compare two assessments, or two batches",
            display(&args.old),
            kind(old_single),
            display(&args.new),
            kind(new_single)
        )));
    }
    if old_single {
        if !args.by.is_empty() {
            return Err(Fail::invalid(
                "`--by` groups batches; two assessments have no groups",
            ));
        }
        compare_assessments(args, grids, lang)
    } else {
        cmp::same_grid(&old_grid.id, &new_grid.id)
            .map_err(|d| refusal(&d, &args.old, &args.new))?;
        compare_batches(args, grids, lang)
    }
}

/// The grids OLD and NEW are scored with (the same one unless `--old-grid`).
#[derive(Clone, Copy)]
struct Grids<'a> {
    old: &'a Grid,
    new: &'a Grid,
}

/// An assessment file: `.toml`, or `.json` holding one object (a JSON array or
/// NDJSON lines, a CSV or a directory are batches).
fn is_assessment(path: &Path) -> Result<bool, Fail> {
    match path.extension().and_then(|e| e.to_str()) {
        Some("toml") => Ok(true),
        Some("json") => {
            let mut head = [0u8; 256];
            let n = std::fs::File::open(path)
                .and_then(|mut f| f.read(&mut head))
                .map_err(|e| Fail::io(format!("cannot read `{}`: {e}", display(path))))?;
            let first = head[..n]
                .iter()
                .find(|b| !(b.is_ascii_whitespace() || matches!(b, 0xEF | 0xBB | 0xBF)));
            Ok(first == Some(&b'{'))
        }
        _ => Ok(false),
    }
}

/// Turns an engine refusal into the command's failure.
fn refusal(d: &Diagnostic, old: &Path, new: &Path) -> Fail {
    let mut message = format!("`{}` vs `{}`: {}", display(old), display(new), d.message);
    if let Some(h) = &d.hint {
        message.push_str(&format!("; {h}"));
    }
    Fail::invalid(message)
}

fn compare_assessments(args: &CompareArgs, grids: Grids, lang: &str) -> Result<u8, Fail> {
    let mut declared = Vec::new();
    for path in [&args.old, &args.new] {
        declared.push(files::read_assessment(path)?.0.meta.grid);
    }
    cmp::same_grid(&declared[0], &declared[1]).map_err(|d| refusal(&d, &args.old, &args.new))?;
    let (old, _) = crate::score::score_file(grids.old, &args.old, lang)?;
    let (new, _) = crate::score::score_file(grids.new, &args.new, lang)?;
    let c = cmp::compare_reports(&old, &new).map_err(|d| refusal(&d, &args.old, &args.new))?;
    let out = match args.format {
        CompareFormat::Table => cmp::table(&c),
        CompareFormat::Md => cmp::markdown(&c),
        CompareFormat::Json => json(&c),
        CompareFormat::Csv => to_csv(
            std::iter::once(cmp::comparison_csv_header()).chain(cmp::comparison_csv_records(&c)),
        ),
    };
    files::write_stdout(out.as_bytes())?;
    Ok(0)
}

fn json<T: serde::Serialize>(value: &T) -> String {
    let mut s = serde_json::to_string_pretty(value).unwrap_or_default();
    s.push('\n');
    s
}

/// Writes one CSV record through the engine's one CSV writer (quoting, formulas
/// defused): every CSV record this command streams goes through here.
fn write_fields(w: &mut impl Write, fields: &[String]) -> io::Result<()> {
    let mut record = Vec::with_capacity(128);
    push_record(&mut record, fields);
    w.write_all(&record)
}

fn write_failed(e: io::Error) -> Fail {
    Fail::io(format!("cannot write the results: {e}"))
}

/// How the pipeline's workers write a row: its snapshot, as one line of JSON.
fn write_snapshot(grid: &Grid, e: &Evaluation, out: &mut Vec<u8>) {
    let _ = serde_json::to_writer(&mut *out, &Snapshot::of_evaluation(grid, e));
    out.push(b'\n');
}

/// The lines of JSON the batch pipeline's row writer writes, read back one
/// value at a time (comparison snapshots here, sensitivity initiatives too).
pub(crate) struct JsonLines<T, F: FnMut(T) -> io::Result<()>> {
    line: Vec<u8>,
    each: F,
    _value: std::marker::PhantomData<fn(T)>,
}

impl<T, F: FnMut(T) -> io::Result<()>> JsonLines<T, F> {
    /// Hands each value read to `each`.
    pub(crate) fn new(each: F) -> Self {
        JsonLines {
            line: Vec::new(),
            each,
            _value: std::marker::PhantomData,
        }
    }
}

impl<T: serde::de::DeserializeOwned, F: FnMut(T) -> io::Result<()>> Write for JsonLines<T, F> {
    fn write(&mut self, data: &[u8]) -> io::Result<usize> {
        let mut rest = data;
        while let Some(end) = memchr::memchr(b'\n', rest) {
            self.line.extend_from_slice(&rest[..end]);
            rest = &rest[end + 1..];
            if !self.line.is_empty() {
                let value = serde_json::from_slice(&self.line).map_err(io::Error::other)?;
                self.line.clear();
                (self.each)(value)?;
            }
        }
        self.line.extend_from_slice(rest);
        Ok(data.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

/// Scores one batch, handing each row's snapshot to `each`; returns how many
/// rows failed (each reported on stderr with its row and column).
fn score_batch(
    path: &Path,
    grid: &Grid,
    lang: &str,
    each: impl FnMut(Snapshot) -> io::Result<()>,
) -> Result<u64, Fail> {
    let outcome = score_rows(&[path.to_path_buf()], grid, lang, write_snapshot, each)?;
    Ok(outcome.failed)
}

/// Scores a batch through the pipeline, each row written by `writer` as one
/// line of JSON and read back into `each`.
pub(crate) fn score_rows<T: serde::de::DeserializeOwned>(
    inputs: &[PathBuf],
    grid: &Grid,
    lang: &str,
    writer: batch::RowWriter,
    each: impl FnMut(T) -> io::Result<()>,
) -> Result<batch::Outcome, Fail> {
    let source = batch_input::open(inputs, None, grid)?;
    let options = PipelineOptions {
        format: None,
        by: None,
        collect: 0,
        strict: false,
        jobs: batch::default_jobs(),
        lang: lang.to_owned(),
        row_writer: Some(writer),
    };
    let mut sink = JsonLines::new(each);
    batch::run_pipeline(source, grid.clone(), options, &mut sink, &mut io::stderr())
}

/// A row the comparison refused (no id, an id seen twice…), on stderr; the
/// message names the row by its id or its name.
fn row_refused(path: &Path, d: &Diagnostic) {
    let mut s = format!(
        "{}[{}]: {}\n  --> {}\n",
        d.severity,
        d.code,
        d.message,
        display(path)
    );
    if let Some(h) = &d.hint {
        s.push_str(&format!("   = hint: {h}\n"));
    }
    style::eprint(&s);
}

/// The comparison of two batches in a format that needs all of it.
fn batch_output(format: CompareFormat, both: &cmp::BatchComparison, lang: &str) -> Vec<u8> {
    let (changes, summary) = (&both.initiatives, &both.summary);
    match format {
        CompareFormat::Csv => to_csv(
            std::iter::once(cmp::group_csv_header(summary)).chain(cmp::group_csv_records(summary)),
        )
        .into_bytes(),
        CompareFormat::Json => json(both).into_bytes(),
        CompareFormat::Table => cmp::batch_table(changes, summary, lang).into_bytes(),
        CompareFormat::Md => cmp::batch_markdown(changes, summary, lang).into_bytes(),
    }
}

fn compare_batches(args: &CompareArgs, grids: Grids, lang: &str) -> Result<u8, Fail> {
    batch::profile_indices(grids.new, &args.by)?;
    let axes: Vec<String> = grids.new.axes.iter().map(|a| a.id.clone()).collect();
    let mut comparer = BatchComparer::new(&grids.new.id, axes.clone(), args.by.clone());
    let mut refused = 0u64;
    let mut failed = score_batch(&args.old, grids.old, lang, |r| {
        if let Err(d) = comparer.add_old(r) {
            row_refused(&args.old, &d);
            refused += 1;
        }
        Ok(())
    })?;
    let stream_csv = args.format == CompareFormat::Csv && args.by.is_empty();
    let mut csv_out = io::BufWriter::new(io::stdout().lock());
    if stream_csv {
        write_fields(&mut csv_out, &cmp::batch_csv_header(&axes)).map_err(write_failed)?;
    }
    // Table, Markdown and JSON list every initiative's change; CSV by group does not.
    let keep = args.format != CompareFormat::Csv;
    let mut changes: Vec<InitiativeChange> = Vec::new();
    failed += score_batch(&args.new, grids.new, lang, |r| {
        match comparer.add_new(r) {
            Ok(Some(change)) if stream_csv => {
                write_fields(&mut csv_out, &cmp::batch_csv_record(&change, &axes))?
            }
            Ok(Some(change)) if keep => changes.push(change),
            Ok(_) => {}
            Err(d) => {
                row_refused(&args.new, &d);
                refused += 1;
            }
        }
        Ok(())
    })?;
    let both = cmp::BatchComparison {
        initiatives: changes,
        summary: comparer.finish(),
    };
    if stream_csv {
        let s = &both.summary;
        for (old, list) in [(true, &s.only_in_old), (false, &s.only_in_new)] {
            for u in list {
                let record = cmp::unmatched_csv_record(u, old, &axes);
                write_fields(&mut csv_out, &record).map_err(write_failed)?;
            }
        }
        csv_out.flush().map_err(write_failed)?;
    } else {
        files::write_stdout(&batch_output(args.format, &both, lang))?;
    }
    let bad = failed + refused;
    if bad > 0 {
        style::warning_line(&format!(
            "{bad} row(s) could not be compared and were left out (each is reported above)"
        ));
        return Ok(EXIT_ROWS);
    }
    Ok(0)
}
