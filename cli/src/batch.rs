//! `domino batch`: score a large input on all cores with constant memory.
//!
//! A reader thread cuts the input into chunks; a rayon pool scores them; the
//! calling thread writes results in input order. At most a fixed number of
//! chunks are in flight (tickets), so memory does not grow with the input.

use crate::batch_csv;
use crate::batch_input::{self, Doc, InputFormat, Payload, Schema, Source};
use crate::batch_rows::{self, RowCells, RowSink, TableOutput};
use crate::batch_table;
use crate::batch_versions::{self, DocWarnings};
use crate::failure::{Fail, EXIT_ROWS};
use crate::files::{self, display};
use crate::style;
use crate::summary::{self, Stats};
use clap::{Args, ValueEnum};
use domino_engine::csv_writer::push_record;
use domino_engine::diagnostic::{BatchDocument, Location, Row, TableRow};
use domino_engine::report::{summary_header, SummaryCells, SummaryCsv};
use domino_engine::{
    did_you_mean, Assessment, Diagnostic, Evaluation, Grid, LineIndex, Report, Responses,
};
use indicatif::{ProgressBar, ProgressStyle};
use std::collections::BTreeMap;
use std::io::{self, BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::time::Instant;

/// Arguments of `domino batch`.
#[derive(Debug, Args)]
pub struct BatchArgs {
    /// Input: a CSV file, a JSON array, NDJSON, a directory of assessment files, or `-` for stdin.
    input: PathBuf,
    /// Write results to this file (atomically: never a half-written file). Default: stdout,
    /// or nothing with `--summary`.
    #[arg(short, long, value_name = "OUT")]
    output: Option<PathBuf>,
    /// Format of the results: csv (one summary record per row), json or ndjson (full reports).
    #[arg(long, value_enum, default_value_t = RowFormat::Csv)]
    format: RowFormat,
    /// Format of the input when its name does not tell (stdin, other extensions).
    #[arg(long, value_enum)]
    input_format: Option<InputFormat>,
    /// Print a summary on stdout: per-group counts, mean and median per axis, finding counts.
    #[arg(long)]
    summary: bool,
    /// Group the summary by these profile fields (comma-separated).
    #[arg(
        long,
        value_delimiter = ',',
        requires = "summary",
        value_name = "FIELD,…"
    )]
    by: Vec<String>,
    /// Format of the summary.
    #[arg(long, value_enum, default_value_t = SummaryFormat::Table)]
    summary_format: SummaryFormat,
    /// Worker threads (default: all cores).
    #[arg(short, long, value_name = "N")]
    jobs: Option<usize>,
    /// Stop at the first bad row (nothing is written); refuse an input that
    /// carrying over from an earlier grid version would change.
    #[arg(long)]
    strict: bool,
    /// The grid version the input was written for (e.g. 1.0.0): its columns
    /// or answers are carried over through the grid's crosswalk. A row's
    /// `grid_version` cell, or a document's own `grid_version`, takes precedence.
    #[arg(long, value_name = "VERSION")]
    from_version: Option<String>,
    /// The sheet of a spreadsheet input to read (default: the first).
    #[arg(long, value_name = "NAME")]
    sheet: Option<String>,
    /// A mapping of the input's column names and answer labels onto the grid's
    /// columns and level codes (TOML; see grids/README.md, "Mapping files").
    #[arg(long, value_name = "FILE.toml")]
    map: Option<PathBuf>,
    /// Only parse the CSV input and count rows (benchmark baseline).
    #[arg(long, hide = true)]
    parse_only: bool,
    /// Bytes per block of CSV input handed to a worker (tests make it tiny).
    #[arg(long, hide = true, value_name = "BYTES")]
    block_bytes: Option<usize>,
}

/// Formats of batch results.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum RowFormat {
    /// One flat summary record per row.
    Csv,
    /// A JSON array of full reports.
    Json,
    /// One full report per line.
    Ndjson,
}

/// Formats of the summary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum SummaryFormat {
    /// Readable text.
    Table,
    /// CSV, one line per group and a total line.
    Csv,
    /// JSON.
    Json,
}

/// What a pipeline run does besides reading.
pub struct PipelineOptions {
    /// Results to write, if any.
    pub format: Option<RowFormat>,
    /// Profile field indices to group statistics by (`None`: no statistics).
    pub by: Option<Vec<usize>>,
    /// Keep the reports of the first rows (for charts).
    pub collect: u64,
    /// Stop at the first bad row.
    pub strict: bool,
    /// Worker threads.
    pub jobs: usize,
    /// Language of reports.
    pub lang: String,
    /// Writes each scored row instead of `format`: for callers that read the
    /// rows back (`compare`) and need less than a report.
    pub row_writer: Option<RowWriter>,
}

/// Writes one scored row to a chunk's output.
pub type RowWriter = fn(&Grid, &domino_engine::Evaluation, &mut Vec<u8>);

/// What a pipeline run produced.
#[derive(Default)]
pub struct Outcome {
    /// Rows scored.
    pub rows: u64,
    /// Rows that failed.
    pub failed: u64,
    /// Statistics (empty without `by`).
    pub stats: Stats,
    /// Reports of the first rows.
    pub collected: Vec<Report>,
    /// Stopped early (`strict`).
    pub stopped: bool,
    /// Rows carried over from an earlier grid version.
    pub carried: u64,
    /// Warnings about carrying them (each said once, not once per row).
    pub carry_warnings: u64,
}

pub(crate) struct Shared {
    pub(crate) grid: Grid,
    /// The writer of CSV records, copied by each chunk's scorer.
    csv: SummaryCsv,
    /// Rows go out as typed cells (to a [`RowSink`]), not as bytes.
    typed: bool,
    pub(crate) schema: Schema,
    file: String,
    pub(crate) options: PipelineOptions,
    stats: Vec<Mutex<Stats>>,
}

pub(crate) struct Done {
    seq: u64,
    out: Vec<u8>,
    /// The rows' cells, for a typed output.
    cells: RowCells,
    ok: u64,
    pub(crate) failed: u64,
    pub(crate) errors: Vec<Failure>,
    collected: Vec<Report>,
    /// Rows carried over from an earlier grid version.
    pub(crate) carried: u64,
    /// Rows read by each version of a CSV header.
    pub(crate) variant_rows: Vec<u64>,
    doc_warnings: DocWarnings,
}

/// A bad row's messages: rendered where the row was read, or, for a CSV
/// row, rendered by the writer, which knows how many rows came before the
/// row's block (a worker reads its block without knowing).
pub(crate) enum Failure {
    /// Rendered messages.
    Rendered(String),
    /// The diagnostics of the `row`-th row of its block (0-based), on `line`.
    CsvRow {
        row: u64,
        line: u64,
        diagnostics: Vec<Diagnostic>,
    },
}

/// Runs `domino batch`.
pub fn run(args: &BatchArgs, grid: Option<&Path>, lang: &str) -> Result<u8, Fail> {
    if args.parse_only {
        return parse_only(&args.input);
    }
    let loaded = files::load_grid(grid)?;
    let grid = loaded.grid;
    let by = profile_indices(&grid, &args.by)?;
    let table_out = args.output.as_deref().and_then(TableOutput::of);
    if table_out.is_some() && args.format != RowFormat::Csv {
        return Err(Fail::invalid(
            "`-o *.xlsx` and `-o *.parquet` write the CSV columns: leave out `--format`",
        ));
    }
    let table = batch_input::TableOptions {
        sheet: args.sheet.clone(),
        map: args
            .map
            .as_deref()
            .map(|p| batch_table::read_map(p, &grid))
            .transpose()?,
    };
    let mut source = batch_input::open_with(
        std::slice::from_ref(&args.input),
        args.input_format,
        &grid,
        args.from_version.as_deref(),
        &table,
    )?;
    if let Some(bytes) = args.block_bytes {
        source.set_block_bytes(bytes);
    }
    let write_rows = !args.summary || args.output.is_some();
    let options = PipelineOptions {
        format: write_rows.then_some(args.format),
        by: args.summary.then(|| by.clone()),
        collect: 0,
        strict: args.strict,
        jobs: args.jobs.unwrap_or_else(default_jobs).max(1),
        lang: lang.to_owned(),
        row_writer: None,
    };
    let to_file = args.output.as_ref().filter(|p| p.as_os_str() != "-");
    let mut typed = match (table_out, to_file) {
        (Some(format), Some(target)) => Some(batch_rows::create(target, format, &grid)?),
        _ => None,
    };
    let mut atomic = match to_file {
        Some(p) if write_rows && typed.is_none() => Some(files::AtomicFile::create(p)?),
        _ => None,
    };
    // Refused before anything is written.
    header_warnings(&source.schema(), &source.name, args.strict)?;
    let start = Instant::now();
    let files = (typed.as_deref_mut(), atomic.as_mut());
    let outcome = write_results(source, &grid, options, files, write_rows)?;
    let secs = start.elapsed().as_secs_f64();
    if outcome.stopped {
        style::error_line(&format!(
            "stopped at the first bad row (--strict); {} written",
            if atomic.is_some() || typed.is_some() {
                "nothing was"
            } else {
                "results above are incomplete and were"
            }
        ));
        return Ok(EXIT_ROWS);
    }
    if let Some(sink) = typed {
        sink.finish()?.commit()?;
    }
    if let Some(file) = atomic {
        file.commit()?;
    }
    say_counts(&outcome, secs);
    if args.summary {
        print_summary(args, &grid, &outcome, lang)?;
    }
    Ok(if outcome.failed > 0 { EXIT_ROWS } else { 0 })
}

/// `--parse-only`: reads the CSV and counts rows (the benchmark baseline).
fn parse_only(input: &Path) -> Result<u8, Fail> {
    let start = Instant::now();
    let rows = batch_input::parse_only(input)?;
    let secs = start.elapsed().as_secs_f64();
    style::note_line(&format!(
        "parsed {rows} rows in {secs:.3} s ({:.0} rows/s)",
        rows as f64 / secs.max(1e-9)
    ));
    Ok(0)
}

/// Runs the pipeline into a typed table, the output file, stdout, or nowhere
/// (`--summary` alone).
fn write_results(
    source: Source,
    grid: &Grid,
    options: PipelineOptions,
    (typed, atomic): (
        Option<&mut (dyn RowSink + 'static)>,
        Option<&mut files::AtomicFile>,
    ),
    write_rows: bool,
) -> Result<Outcome, Fail> {
    if let Some(sink) = typed {
        let (out, errors) = (Output::Cells(sink), &mut io::stderr());
        return run_into(source, grid.clone(), options, out, errors);
    }
    let mut sink: Box<dyn Write> = match (atomic, write_rows) {
        (Some(file), _) => Box::new(BufWriter::with_capacity(1 << 16, file.write_behind())),
        (None, true) => Box::new(BufWriter::with_capacity(1 << 16, io::stdout().lock())),
        (None, false) => Box::new(io::sink()),
    };
    if options.format == Some(RowFormat::Csv) {
        let mut header = Vec::new();
        push_record(&mut header, summary_header(grid));
        write_all(&mut sink, &header)?;
    }
    let outcome = run_pipeline(source, grid.clone(), options, &mut sink, &mut io::stderr())?;
    if !outcome.stopped {
        sink.flush().map_err(write_error)?;
    }
    Ok(outcome)
}

/// The closing line on stderr: rows scored, failed, carried over.
fn say_counts(outcome: &Outcome, secs: f64) {
    let mut message = format!("{} row(s) scored, {} failed", outcome.rows, outcome.failed);
    if outcome.carried > 0 {
        message.push_str(&format!(
            "; {} carried over from an earlier grid version, with {} warning(s) above",
            outcome.carried, outcome.carry_warnings
        ));
    }
    if io::stderr().is_terminal() {
        message.push_str(&format!(
            " in {secs:.2} s ({:.0} rows/s)",
            (outcome.rows + outcome.failed) as f64 / secs.max(1e-9)
        ));
    }
    if outcome.failed > 0 || outcome.carry_warnings > 0 {
        style::warning_line(&message);
    } else {
        style::note_line(&message);
    }
}

fn print_summary(args: &BatchArgs, grid: &Grid, outcome: &Outcome, lang: &str) -> Result<(), Fail> {
    let text = match args.summary_format {
        SummaryFormat::Table => summary::table(
            grid,
            &args.by,
            &outcome.stats,
            outcome.rows,
            outcome.failed,
            lang,
        ),
        SummaryFormat::Csv => summary::csv(grid, &args.by, &outcome.stats),
        SummaryFormat::Json => {
            summary::json(grid, &args.by, &outcome.stats, outcome.rows, outcome.failed)
        }
    };
    files::write_stdout(text.as_bytes())
}

/// All cores.
pub fn default_jobs() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// Profile field indices of `--by` names.
pub fn profile_indices(grid: &Grid, names: &[String]) -> Result<Vec<usize>, Fail> {
    names
        .iter()
        .map(|n| {
            grid.profile_index(n).ok_or_else(|| {
                let known: Vec<&str> = grid.profile.iter().map(|f| f.id.as_str()).collect();
                let hint = match did_you_mean(n, known.iter().copied()) {
                    Some(b) => format!("did you mean `{b}`?"),
                    None => format!("profile fields: {}", known.join(", ")),
                };
                Fail::invalid(format!(
                    "`--by {n}`: grid `{}` has no profile field `{n}` ({hint})",
                    grid.id
                ))
            })
        })
        .collect()
}

fn write_error(e: io::Error) -> Fail {
    if e.kind() == io::ErrorKind::BrokenPipe {
        Fail {
            code: 0,
            message: None,
            details: String::new(),
        }
    } else {
        Fail::io(format!("cannot write the results: {e}"))
    }
}

fn write_all(w: &mut dyn Write, data: &[u8]) -> Result<(), Fail> {
    w.write_all(data).map_err(write_error)
}

fn progress_bar(source: &Source) -> ProgressBar {
    if !io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    match source.total {
        Some(total) => {
            let bar = ProgressBar::new(total);
            let template = if source.unit == "bytes" {
                "{spinner} [{elapsed_precise}] {wide_bar} {bytes}/{total_bytes} ({eta}) {msg}"
            } else {
                "{spinner} [{elapsed_precise}] {wide_bar} {pos}/{len} files ({eta}) {msg}"
            };
            if let Ok(style) = ProgressStyle::with_template(template) {
                bar.set_style(style);
            }
            bar
        }
        None => {
            let bar = ProgressBar::new_spinner();
            if let Ok(style) = ProgressStyle::with_template("{spinner} [{elapsed_precise}] {msg}") {
                bar.set_style(style);
            }
            bar
        }
    }
}

/// Reads, scores and writes: the heart of `batch` (and of the batch charts).
///
/// Results go to `out`, in input order; each bad row's rendered diagnostics go
/// to `errors` (stderr for the command), also in input order, and so do the
/// warnings of an input written for an earlier grid version (see
/// [`crate::batch_versions`]): those of the header first, refused with
/// `strict`, those of other versions and of documents at the end.
pub fn run_pipeline(
    source: Source,
    grid: Grid,
    options: PipelineOptions,
    out: &mut dyn Write,
    errors: &mut dyn Write,
) -> Result<Outcome, Fail> {
    run_into(source, grid, options, Output::Bytes(out), errors)
}

/// Where the pipeline's results go.
enum Output<'a> {
    /// Bytes: the CSV records or JSON reports the workers formatted.
    Bytes(&'a mut dyn Write),
    /// Typed cells, to a table with types.
    Cells(&'a mut dyn RowSink),
}

/// [`run_pipeline`] into `out`.
fn run_into(
    mut source: Source,
    grid: Grid,
    options: PipelineOptions,
    out: Output<'_>,
    errors: &mut dyn Write,
) -> Result<Outcome, Fail> {
    let jobs = options.jobs;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(jobs)
        .thread_name(|i| format!("domino-worker-{i}"))
        .build()
        .map_err(|e| Fail::io(format!("cannot start worker threads: {e}")))?;
    let schema = source.schema();
    let header_warnings = header_warnings(&schema, &source.name, options.strict)?;
    let _ = errors.write_all(header_warnings.0.as_bytes());
    let shared = Arc::new(Shared {
        csv: SummaryCsv::new(&grid),
        typed: matches!(out, Output::Cells(_)),
        schema,
        file: source.name.clone(),
        stats: (0..jobs).map(|_| Mutex::new(Stats::default())).collect(),
        grid,
        options,
    });
    let bar = progress_bar(&source);
    let in_flight = 4 * jobs + 2;
    let (ticket_tx, ticket_rx) = mpsc::sync_channel::<()>(in_flight);
    for _ in 0..in_flight {
        let _ = ticket_tx.send(());
    }
    let (done_tx, done_rx) = mpsc::channel::<Done>();
    let stop = Arc::new(AtomicBool::new(false));
    let reader = {
        let (shared, stop, bar) = (Arc::clone(&shared), Arc::clone(&stop), bar.clone());
        std::thread::Builder::new()
            .name("domino-reader".into())
            .spawn(move || {
                read_chunks(&mut source, &shared, &pool, &stop, &bar, ticket_rx, done_tx)
            })
            .map_err(|e| Fail::io(format!("cannot start the reader thread: {e}")))?
    };
    let mut writer = Writer {
        shared: &shared,
        out,
        errors,
        bar: &bar,
        outcome: Outcome::default(),
        json: shared.options.format == Some(RowFormat::Json),
        wrote_item: false,
        variant_rows: Vec::new(),
        doc_warnings: DocWarnings::default(),
    };
    writer.outcome.carry_warnings = header_warnings.1;
    let write_failure = writer.receive(&done_rx, &ticket_tx, &stop);
    drop(ticket_tx);
    drop(done_rx);
    let read = reader
        .join()
        .map_err(|_| Fail::io("the reader thread failed"))?;
    bar.finish_and_clear();
    if let Some(f) = write_failure {
        return Err(f);
    }
    read?;
    writer.finish()
}

/// The rendered header warnings of the default version, and how many;
/// refused under `strict` (nothing is scored).
fn header_warnings(schema: &Schema, file: &str, strict: bool) -> Result<(String, u64), Fail> {
    let Schema::Csv(versions, _) = schema else {
        return Ok((String::new(), 0));
    };
    let warnings = versions.default_warnings();
    if warnings.is_empty() {
        return Ok((String::new(), 0));
    }
    let text = batch_versions::render_header(file, warnings, strict);
    if strict {
        return Err(Fail::invalid(format!(
            "`{file}` was written for version {} of the grid: carrying it over changes the meaning of {} column(s), which `--strict` refuses; nothing was scored",
            versions.variants[0].version,
            warnings.len() - 1
        ))
        .with_details(text));
    }
    Ok((text, warnings.len() as u64))
}

/// The reader thread: cuts the input into chunks and hands each to the pool,
/// as long as there are tickets; returns how many chunks it read.
fn read_chunks(
    source: &mut Source,
    shared: &Arc<Shared>,
    pool: &rayon::ThreadPool,
    stop: &AtomicBool,
    bar: &ProgressBar,
    tickets: mpsc::Receiver<()>,
    done_tx: mpsc::Sender<Done>,
) -> Result<u64, Fail> {
    let mut seq = 0u64;
    let mut first_row = 0u64;
    while !stop.load(Ordering::Relaxed) {
        if tickets.recv().is_err() {
            break;
        }
        let Some((payload, pos)) = source.next_chunk()? else {
            break;
        };
        bar.set_position(pos);
        // The rows of a CSV block are counted by its worker (the writer
        // numbers them); the others are counted here.
        let n = match &payload {
            Payload::Csv(_) => 0,
            Payload::Docs(d) => d.len(),
            Payload::Table(t) => t.rows.len(),
        } as u64;
        let shared = Arc::clone(shared);
        let tx = done_tx.clone();
        let this = seq;
        pool.spawn(move || {
            let done = process(&shared, this, first_row, payload);
            let _ = tx.send(done);
        });
        seq += 1;
        first_row += n;
    }
    Ok(seq)
}

/// The calling thread's side: writes finished chunks in input order.
struct Writer<'a, 'o> {
    shared: &'a Shared,
    out: Output<'o>,
    errors: &'a mut dyn Write,
    bar: &'a ProgressBar,
    outcome: Outcome,
    json: bool,
    wrote_item: bool,
    /// Rows read by each version of a CSV header (`grid_version` column).
    variant_rows: Vec<u64>,
    doc_warnings: DocWarnings,
}

impl Writer<'_, '_> {
    /// Writes chunks as they arrive, in order; the write failure, if any.
    fn receive(
        &mut self,
        done_rx: &mpsc::Receiver<Done>,
        tickets: &mpsc::SyncSender<()>,
        stop: &AtomicBool,
    ) -> Option<Fail> {
        let mut pending: BTreeMap<u64, Done> = BTreeMap::new();
        let mut next = 0u64;
        for done in done_rx.iter() {
            pending.insert(done.seq, done);
            while let Some(done) = pending.remove(&next) {
                next += 1;
                match self.write(done) {
                    Ok(true) => {}
                    Ok(false) => {
                        stop.store(true, Ordering::Relaxed);
                        return None;
                    }
                    Err(e) => {
                        stop.store(true, Ordering::Relaxed);
                        return Some(e);
                    }
                }
                let _ = tickets.send(());
            }
        }
        None
    }

    /// Writes one chunk; `false` when `strict` stops the run at its first bad row.
    fn write(&mut self, done: Done) -> Result<bool, Fail> {
        let strict = self.shared.options.strict;
        if !done.errors.is_empty() {
            let shown = if strict {
                &done.errors[..1]
            } else {
                &done.errors[..]
            };
            let rows_before = self.outcome.rows + self.outcome.failed;
            let (errors, file) = (&mut self.errors, &self.shared.file);
            self.bar.suspend(|| {
                for failure in shown {
                    let _ = errors.write_all(render(failure, file, rows_before).as_bytes());
                }
            });
            if strict {
                self.outcome.failed += 1;
                self.outcome.stopped = true;
                return Ok(false);
            }
        }
        self.write_rows(&done)?;
        let outcome = &mut self.outcome;
        outcome.rows += done.ok;
        outcome.failed += done.failed;
        outcome.carried += done.carried;
        outcome.collected.extend(done.collected);
        // A CSV block keeps its first rows' reports, not knowing where it starts.
        let collect = usize::try_from(self.shared.options.collect).unwrap_or(usize::MAX);
        outcome.collected.truncate(collect);
        if self.variant_rows.len() < done.variant_rows.len() {
            self.variant_rows.resize(done.variant_rows.len(), 0);
        }
        for (mine, n) in self.variant_rows.iter_mut().zip(&done.variant_rows) {
            *mine += n;
        }
        self.doc_warnings.merge(done.doc_warnings);
        if self.bar.length().is_none() || self.shared.options.format.is_none() {
            let rows = outcome.rows + outcome.failed;
            self.bar.set_message(format!("{rows} rows"));
        }
        Ok(true)
    }

    /// Writes the rows of a chunk: its bytes (a JSON array framed around
    /// them), or its cells.
    fn write_rows(&mut self, done: &Done) -> Result<(), Fail> {
        let out = match &mut self.out {
            Output::Cells(sink) => return sink.write(&done.cells),
            Output::Bytes(out) => out,
        };
        let mut data = &done.out[..];
        if self.json && !data.is_empty() {
            write_all(*out, if self.wrote_item { b"," } else { b"[" })?;
            self.wrote_item = true;
            data = &data[1..];
        }
        write_all(*out, data)
    }

    /// Closes a JSON array, says what other versions and documents carried,
    /// and gathers the statistics.
    fn finish(mut self) -> Result<Outcome, Fail> {
        if let (true, false, Output::Bytes(out)) = (self.json, self.outcome.stopped, &mut self.out)
        {
            write_all(*out, if self.wrote_item { b"\n]\n" } else { b"[]\n" })?;
        }
        if !self.outcome.stopped {
            self.say_carried();
        }
        for slot in &self.shared.stats {
            if let Ok(mut s) = slot.lock() {
                self.outcome.stats.merge(std::mem::take(&mut *s));
            }
        }
        Ok(self.outcome)
    }

    /// The warnings of each version other than the default that rows named
    /// in their `grid_version` cell, then those of the documents.
    fn say_carried(&mut self) {
        let mut text = String::new();
        if let Schema::Csv(versions, _) = &self.shared.schema {
            let used = versions.variants.iter().zip(&self.variant_rows).skip(1);
            for (variant, &rows) in used.filter(|(_, &rows)| rows > 0) {
                let Ok(carried) = &variant.read else { continue };
                if carried.warnings.is_empty() {
                    continue;
                }
                text.push_str(&batch_versions::render_header(
                    &self.shared.file,
                    &carried.warnings,
                    false,
                ));
                text.push_str(&format!(
                    "  = note: {rows} row(s) give `grid_version` {}\n\n",
                    variant.version
                ));
                self.outcome.carry_warnings += carried.warnings.len() as u64;
            }
        }
        text.push_str(&self.doc_warnings.render());
        self.outcome.carry_warnings += self.doc_warnings.len() as u64;
        let _ = self.errors.write_all(text.as_bytes());
    }
}

/// The text of a bad row's messages; a CSV row is numbered after the
/// `rows_before` rows of the blocks before its own.
fn render(failure: &Failure, file: &str, rows_before: u64) -> String {
    match failure {
        Failure::Rendered(text) => text.clone(),
        Failure::CsvRow {
            row,
            line,
            diagnostics,
        } => {
            let at = Location::Cell {
                file,
                row: TableRow::csv(Row::Data(rows_before + row + 1), *line),
            };
            diagnostics
                .iter()
                .map(|d| style::diagnostic(d, &at))
                .collect()
        }
    }
}

fn process(shared: &Shared, seq: u64, first_row: u64, payload: Payload) -> Done {
    let mut done = Done {
        seq,
        out: Vec::new(),
        cells: RowCells::default(),
        ok: 0,
        failed: 0,
        errors: Vec::new(),
        collected: Vec::new(),
        carried: 0,
        variant_rows: Vec::new(),
        doc_warnings: DocWarnings::default(),
    };
    let slot = rayon::current_thread_index().unwrap_or(0) % shared.stats.len().max(1);
    let mut stats = (shared.options.by.as_ref())
        .and_then(|_| shared.stats.get(slot))
        .and_then(|m| m.lock().ok());
    if shared.options.format.is_some() && !shared.typed {
        // A summary record is about half as long as a row of the DOMINO grid.
        done.out.reserve(match &payload {
            Payload::Csv(block) => block.data.len() / 2 + 1024,
            _ => 64 * 1024,
        });
    }
    let mut scorer = Scorer {
        shared,
        stats: stats.as_deref_mut(),
        csv: shared.csv.clone(),
        cells: SummaryCells::default(),
    };
    match payload {
        Payload::Csv(block) => batch_csv::process(&mut scorer, &mut done, &block),
        Payload::Docs(docs) => process_docs(&mut scorer, &mut done, first_row, docs),
        Payload::Table(chunk) => batch_table::process(&mut scorer, &mut done, first_row, &chunk),
    }
    done
}

/// Scores rows and writes their results into a chunk's output.
pub(crate) struct Scorer<'a> {
    pub(crate) shared: &'a Shared,
    stats: Option<&'a mut Stats>,
    /// Writes the CSV records, its buffer reused from row to row.
    csv: SummaryCsv,
    /// Gives the typed cells of rows, its buffer reused from row to row.
    cells: SummaryCells,
}

impl Scorer<'_> {
    /// Scores a row read on its own.
    pub(crate) fn score(&mut self, done: &mut Done, index: u64, responses: Responses) {
        let e = self.shared.grid.evaluate(responses);
        self.emit(done, index, &e);
    }

    /// Scores the responses `e` holds again into `e` (the CSV path decodes
    /// every row of a block into the same evaluation).
    pub(crate) fn score_in_place(&mut self, done: &mut Done, index: u64, e: &mut Evaluation) {
        self.shared.grid.evaluate_in_place(e);
        self.emit(done, index, e);
    }

    /// Counts a scored row and writes its result.
    fn emit(&mut self, done: &mut Done, index: u64, e: &Evaluation) {
        let (grid, options) = (&self.shared.grid, &self.shared.options);
        if let (Some(stats), Some(by)) = (self.stats.as_deref_mut(), options.by.as_ref()) {
            stats.add(grid, by, e);
        }
        done.ok += 1;
        let collect = index < options.collect;
        if let Some(write) = options.row_writer {
            return write(grid, e, &mut done.out);
        }
        if self.shared.typed {
            self.cells.visit(grid, e, |cell| done.cells.push(cell));
            return done.cells.end_row();
        }
        match options.format {
            Some(RowFormat::Csv) => self.csv.push(grid, e, &mut done.out),
            Some(format) => {
                let report = e.report(grid, &options.lang);
                if format == RowFormat::Json {
                    done.out.extend_from_slice(b",\n");
                }
                let _ = serde_json::to_writer(&mut done.out, &report);
                if format == RowFormat::Ndjson {
                    done.out.push(b'\n');
                }
                if collect {
                    done.collected.push(report);
                }
                return;
            }
            None => {}
        }
        if collect {
            done.collected.push(e.report(grid, &options.lang));
        }
    }
}

fn process_docs(scorer: &mut Scorer, done: &mut Done, first_row: u64, docs: Vec<Doc>) {
    let shared = scorer.shared;
    let Schema::Docs(from) = &shared.schema else {
        return;
    };
    for (i, doc) in docs.into_iter().enumerate() {
        let index = first_row + i as u64;
        match read_doc(&shared.grid, &doc, from.as_deref(), shared.options.strict) {
            Ok((responses, warnings)) => {
                if !warnings.is_empty() {
                    done.carried += 1;
                    for d in &warnings {
                        done.doc_warnings.add(d, || {
                            doc_diagnostics(&shared.file, &doc, std::slice::from_ref(d))
                        });
                    }
                }
                scorer.score(done, index, responses)
            }
            Err(text) => {
                done.failed += 1;
                let text = doc_errors(&shared.file, &doc, text);
                done.errors.push(Failure::Rendered(text));
            }
        }
    }
}

enum DocError {
    Read(String),
    Diagnostics(Vec<Diagnostic>),
}

/// Reads and resolves one document, written for `from` unless it says its
/// own `grid_version`; with the warnings of carrying it over, if it was
/// (refused under `strict`).
fn read_doc(
    grid: &Grid,
    doc: &Doc,
    from: Option<&str>,
    strict: bool,
) -> Result<(Responses, Vec<Diagnostic>), DocError> {
    let text = doc.text.as_ref().map_err(|e| DocError::Read(e.clone()))?;
    let mut assessment = if doc.json {
        Assessment::from_json(text)
    } else {
        Assessment::from_toml(text)
    }
    .map_err(|d| DocError::Diagnostics(d.0))?;
    if assessment.meta.grid_version.is_none() {
        assessment.meta.grid_version = from.map(str::to_owned);
    }
    let resolved = grid
        .resolve(&assessment)
        .map_err(|d| DocError::Diagnostics(d.0))?;
    let carried: Vec<Diagnostic> = resolved
        .warnings
        .into_iter()
        .filter(batch_versions::is_carry_warning)
        .collect();
    if strict && !carried.is_empty() {
        let refused = carried.into_iter().map(|mut d| {
            d.severity = domino_engine::diagnostic::Severity::Error;
            d
        });
        return Err(DocError::Diagnostics(refused.collect()));
    }
    let mut responses = resolved.responses;
    if responses.meta.id.is_none() {
        responses.meta.id.clone_from(&doc.default_id);
    }
    if responses.meta.initiative.is_empty() {
        if let Some(id) = &responses.meta.id {
            responses.meta.initiative.clone_from(id);
        }
    }
    Ok((responses, carried))
}

/// The errors of a document, rendered where it sits: a file of its own, or
/// a document of the batch file (whose lines count from the document's).
fn doc_errors(file: &str, doc: &Doc, error: DocError) -> String {
    let is_file = doc.label == file || doc.default_id.is_some();
    let index = doc.text.as_deref().ok().map(LineIndex::new);
    let at = doc_location(file, doc, is_file, index.as_ref());
    match error {
        DocError::Read(reason) => style::diagnostic(&Diagnostic::error("unreadable", reason), &at),
        DocError::Diagnostics(diags) => diags
            .iter()
            .filter(|d| d.is_error())
            .map(|d| style::diagnostic(d, &at))
            .collect(),
    }
}

/// Where a document sits: a file of its own, or a document of the batch file.
fn doc_location<'a>(
    file: &'a str,
    doc: &'a Doc,
    is_file: bool,
    index: Option<&'a LineIndex>,
) -> Location<'a> {
    match index {
        Some(index) if is_file => Location::Text {
            file: &doc.label,
            index,
        },
        _ => Location::Document {
            file: if is_file { &doc.label } else { file },
            document: BatchDocument {
                label: &doc.label,
                line: doc.line,
                text: index,
            },
        },
    }
}

/// A document's diagnostics (warnings included), rendered where it sits.
fn doc_diagnostics(file: &str, doc: &Doc, diags: &[Diagnostic]) -> String {
    let is_file = doc.label == file || doc.default_id.is_some();
    let index = doc.text.as_deref().ok().map(LineIndex::new);
    let at = doc_location(file, doc, is_file, index.as_ref());
    diags.iter().map(|d| style::diagnostic(d, &at)).collect()
}

/// Opens inputs and runs the pipeline without writing rows (charts).
pub fn collect(
    inputs: &[PathBuf],
    grid: &Grid,
    lang: &str,
    collect: u64,
    stats: bool,
) -> Result<Outcome, Fail> {
    let source = batch_input::open(inputs, None, grid)?;
    let name = source.name.clone();
    let options = PipelineOptions {
        format: None,
        by: stats.then(Vec::new),
        collect,
        strict: false,
        jobs: default_jobs(),
        lang: lang.to_owned(),
        row_writer: None,
    };
    let outcome = run_pipeline(
        source,
        grid.clone(),
        options,
        &mut io::sink(),
        &mut io::stderr(),
    )?;
    if outcome.failed > 0 {
        style::warning_line(&format!(
            "{}: {} row(s) could not be scored and were left out",
            name, outcome.failed
        ));
    }
    if outcome.rows == 0 {
        return Err(Fail::invalid(format!(
            "nothing to draw: no assessment could be scored in {}",
            inputs
                .iter()
                .map(|p| display(p))
                .collect::<Vec<_>>()
                .join(", ")
        )));
    }
    Ok(outcome)
}
