//! `domino upgrade`: writes assessments recorded against an earlier version of
//! the grid as assessments of its current version, carried through the grid's
//! crosswalk ([`Grid::carry`]), with one warning per criterion that changed.
//!
//! TOML stays TOML and JSON stays JSON (the engine writes both); files are
//! written atomically. `--in-place` keeps the original beside it as
//! `FILE.bak` and refuses to overwrite an existing `.bak` without `--force`.

use crate::failure::Fail;
use crate::files::{self, display};
use crate::style;
use clap::Args;
use domino_engine::{Assessment, Grid};
use std::path::{Path, PathBuf};

/// Arguments of `domino upgrade`.
#[derive(Debug, Args)]
pub struct UpgradeArgs {
    /// Assessment files (TOML or JSON).
    #[arg(required = true, value_name = "FILE")]
    files: Vec<PathBuf>,
    /// Write the carried assessment to OUT (one FILE), or into the directory OUT
    /// (several). Default: stdout, for one FILE.
    #[arg(short, long, value_name = "OUT", conflicts_with = "in_place")]
    output: Option<PathBuf>,
    /// Replace each FILE, keeping the original as FILE.bak.
    #[arg(long)]
    in_place: bool,
    /// With --in-place: overwrite a FILE.bak left by an earlier upgrade.
    #[arg(long, requires = "in_place")]
    force: bool,
    /// The grid version of files that do not say their `grid_version`.
    #[arg(long, value_name = "VERSION")]
    from_version: Option<String>,
}

/// Where one carried file goes.
enum Target {
    Stdout,
    File(PathBuf),
    InPlace { bak: PathBuf },
}

/// Runs `domino upgrade`: each file in turn; 1 when any was refused.
pub fn run(args: &UpgradeArgs, grid: Option<&Path>) -> Result<u8, Fail> {
    let grid = files::load_grid(grid)?.grid;
    let into_dir = args.files.len() > 1 && args.output.is_some();
    if args.files.len() > 1 && !args.in_place && !into_dir {
        return Err(Fail::invalid(
            "several files need `--in-place` or `-o DIR` (a directory)",
        ));
    }
    if let Some(dir) = args.output.as_ref().filter(|_| into_dir) {
        if !dir.is_dir() {
            return Err(Fail::invalid(format!(
                "`-o {}`: several files are written into a directory, and this is not one",
                display(dir)
            )));
        }
    }
    let mut code = 0;
    for path in &args.files {
        let target = target(args, path, into_dir);
        if let Err(fail) = upgrade(&grid, path, target, args) {
            style::eprint(&fail.details);
            if let Some(message) = &fail.message {
                style::error_line(message);
            }
            code = code.max(fail.code);
        }
    }
    Ok(code)
}

fn target(args: &UpgradeArgs, path: &Path, into_dir: bool) -> Target {
    if args.in_place {
        let mut bak = path.as_os_str().to_owned();
        bak.push(".bak");
        return Target::InPlace { bak: bak.into() };
    }
    match &args.output {
        None => Target::Stdout,
        Some(out) if out.as_os_str() == "-" => Target::Stdout,
        Some(dir) if into_dir => Target::File(dir.join(path.file_name().unwrap_or_default())),
        Some(out) => Target::File(out.clone()),
    }
}

/// Carries one file and writes it; a file already at the grid's version is
/// left as it is, and says so.
fn upgrade(grid: &Grid, path: &Path, target: Target, args: &UpgradeArgs) -> Result<(), Fail> {
    let name = display(path);
    let (assessment, source) = files::read_assessment(path)?;
    if assessment.meta.grid != grid.id {
        return Err(Fail::invalid(format!(
            "`{name}` answers grid `{}`, not `{}`: give its grid with `--grid`",
            assessment.meta.grid, grid.id
        )));
    }
    let Some(version) = (assessment.meta.grid_version.clone()).or(args.from_version.clone()) else {
        return Err(Fail::invalid(format!(
            "`{name}` does not say which version of grid `{}` it was recorded against; give it with `--from-version`",
            grid.id
        )));
    };
    if version == grid.version {
        style::note_line(&format!(
            "`{name}` is already at version {} of grid `{}`: left unchanged",
            grid.version, grid.id
        ));
        return match target {
            Target::InPlace { .. } => Ok(()),
            Target::Stdout => files::write_stdout(source.as_bytes()),
            Target::File(out) => files::write_output(
                Some(&out),
                &std::fs::read(path).map_err(|e| Fail::io(format!("cannot read `{name}`: {e}")))?,
            ),
        };
    }
    let text = carried_text(grid, path, &assessment, &source, &version)?;
    match target {
        Target::Stdout => files::write_stdout(text.as_bytes())?,
        Target::File(out) => {
            files::write_output(Some(&out), text.as_bytes())?;
            say_written(&name, &version, grid, &display(&out));
        }
        Target::InPlace { bak } => {
            if bak.exists() && !args.force {
                return Err(Fail::invalid(format!(
                    "`{}` already exists: `{name}` was left unchanged (`--force` overwrites the backup)",
                    display(&bak)
                )));
            }
            let original =
                std::fs::read(path).map_err(|e| Fail::io(format!("cannot read `{name}`: {e}")))?;
            files::write_output(Some(&bak), &original)?;
            files::write_output(Some(path), text.as_bytes())?;
            say_written(
                &name,
                &version,
                grid,
                &format!("{name} (the original is in {})", display(&bak)),
            );
        }
    }
    Ok(())
}

/// The assessment carried to the grid's version, in the file's own format;
/// its warnings printed. Refused when the carried assessment does not resolve.
fn carried_text(
    grid: &Grid,
    path: &Path,
    assessment: &Assessment,
    source: &str,
    version: &str,
) -> Result<String, Fail> {
    let name = display(path);
    let mut assessment = assessment.clone();
    assessment.meta.grid_version = Some(version.to_owned());
    let Some(carried) = grid.carry(&assessment) else {
        return Err(Fail::invalid(format!(
            "`{name}`: grid `{}` {} has no crosswalk from version {version} (versions it reads: {})",
            grid.id,
            grid.version,
            grid.readable_versions().join(", ")
        )));
    };
    files::report_diagnostics(&carried.warnings, &name, source);
    if let Err(diags) = grid.resolve(&carried.assessment) {
        files::report_diagnostics(&diags.0, &name, source);
        return Err(Fail::invalid(format!(
            "`{name}` cannot be carried over: {} error(s) remain; nothing was written",
            diags.error_count()
        )));
    }
    let mut text = if files::is_json(path, source) {
        carried.assessment.to_json()
    } else {
        carried.assessment.to_toml()
    };
    if !text.ends_with('\n') {
        text.push('\n');
    }
    Ok(text)
}

fn say_written(name: &str, from: &str, grid: &Grid, to: &str) {
    style::note_line(&format!(
        "`{name}` carried from version {from} to version {} of grid `{}`: written to {to}",
        grid.version, grid.id
    ));
}
