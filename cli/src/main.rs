//! The `domino` command-line tool: validate grids, score assessments, batch-score
//! large files, draw charts and write printable reports.
//!
//! The DOMINO grid is embedded in the binary; `--grid FILE` uses another one.
//! Data goes to stdout, messages to stderr.
//!
//! Exit codes: 0 success; 1 invalid input or usage; 2 some batch rows failed
//! (the others were scored); 3 a file could not be read or written.

use domino_cli::{
    agreement, batch, chart, compare, files, grid_command, report_html, score, sensitivity, serve,
    style, template, upgrade,
};

use clap::{CommandFactory, Parser, Subcommand};
use domino_cli::failure::{Fail, EXIT_INVALID};
use domino_engine::Language;
use std::path::PathBuf;
use std::process::ExitCode;

const EXIT_CODES: &str = "\
Exit codes:
  0  success
  1  invalid input or usage (grid or assessment errors, bad batch header, unknown option)
  2  batch: some rows failed (every bad row is reported; the others were scored)
  3  a file could not be read or written

Environment:
  NO_COLOR  set to any non-empty value to disable colours (colours are only used on a terminal)";

/// Score territorial collaborative practices against DOMINO evaluation grids.
#[derive(Debug, Parser)]
#[command(
    name = "domino",
    version,
    about = "Score territorial collaborative practices against DOMINO evaluation grids",
    long_about = "Score territorial collaborative practices (shared gardens, repair cafés, local \
currencies, citizen energy…) against evaluation grids written in TOML. The DOMINO grid is \
embedded; `--grid FILE` uses another one.",
    after_help = EXIT_CODES
)]
struct Cli {
    /// Grid file to use instead of the embedded DOMINO grid (a path, or the name of a
    /// built-in grid: see `domino grid list`).
    #[arg(long, global = true, value_name = "FILE")]
    grid: Option<PathBuf>,
    /// Language of the texts: fr (Français) or en (English); a regional tag such as fr-FR
    /// or en-GB, in any case, works too.
    #[arg(long, global = true, value_name = "LANG", default_value = "fr")]
    lang: Language,
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// List, show, check, compare or fix grids.
    #[command(subcommand)]
    Grid(grid_command::GridCommand),
    /// Print a blank assessment (TOML) or batch header (CSV) for the grid.
    Template(template::TemplateArgs),
    /// Score assessment files (TOML or JSON).
    Score(score::ScoreArgs),
    /// Score a large batch (CSV, JSON array, NDJSON or a directory), streaming on all cores.
    #[command(after_help = EXIT_CODES)]
    Batch(batch::BatchArgs),
    /// Agreement between raters: Krippendorff's alpha, Cohen's kappa, raw agreement.
    Agreement(agreement::AgreementArgs),
    /// Draw a chart (SVG or PNG).
    Chart(chart::ChartArgs),
    /// Write a standalone, printable HTML report of one assessment.
    Report(report_html::ReportArgs),
    /// Compare two assessments of one initiative, or two batches matched by id.
    Compare(compare::CompareArgs),
    /// Robustness of a batch's ranking: weights perturbed, criteria left out, geometric mean.
    Sensitivity(sensitivity::SensitivityArgs),
    /// Rewrite assessments of an earlier grid version as the current version (crosswalk).
    Upgrade(upgrade::UpgradeArgs),
    /// Serve workshops: the web app and its JSON API, on an SQLite file or PostgreSQL.
    Serve(serve::ServeArgs),
    /// Print shell completions.
    Completions {
        /// The shell.
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff).
    Man,
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { EXIT_INVALID } else { 0 };
            let _ = e.print();
            return ExitCode::from(code);
        }
    };
    match run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(fail) => {
            style::eprint(&fail.details);
            if let Some(message) = &fail.message {
                style::error_line(message);
            }
            ExitCode::from(fail.code)
        }
    }
}

fn run(cli: Cli) -> Result<u8, Fail> {
    let lang = cli.lang.code();
    match cli.command {
        Command::Grid(cmd) => grid_command::run(cmd, cli.grid.as_deref(), lang),
        Command::Template(args) => template::run(&args, cli.grid.as_deref(), lang),
        Command::Score(args) => score::run(&args, cli.grid.as_deref(), lang),
        Command::Batch(args) => batch::run(&args, cli.grid.as_deref(), lang),
        Command::Agreement(args) => agreement::run(&args, cli.grid.as_deref(), lang),
        Command::Chart(args) => chart::run(&args, cli.grid.as_deref(), lang),
        Command::Report(args) => report_html::run(&args, cli.grid.as_deref(), lang),
        Command::Compare(args) => compare::run(&args, cli.grid.as_deref(), lang),
        Command::Sensitivity(args) => sensitivity::run(&args, cli.grid.as_deref(), lang),
        Command::Upgrade(args) => upgrade::run(&args, cli.grid.as_deref()),
        Command::Serve(args) => serve::run(args),
        Command::Completions { shell } => {
            let mut cmd = Cli::command();
            let mut out = Vec::new();
            clap_complete::generate(shell, &mut cmd, "domino", &mut out);
            files::write_stdout(&out)?;
            Ok(0)
        }
        Command::Man => {
            let mut out = Vec::new();
            clap_mangen::Man::new(Cli::command())
                .render(&mut out)
                .map_err(|e| Fail::io(format!("cannot render the man page: {e}")))?;
            files::write_stdout(&out)?;
            Ok(0)
        }
    }
}
