//! `domino grid check`: every problem of each grid file, with its line and a
//! caret; the French typography lint's warnings among them.

use crate::failure::{Fail, EXIT_INVALID, EXIT_IO};
use crate::files::{self, display};
use crate::style;
use domino_engine::grid::typography;
use domino_engine::{Diagnostic, Grid};
use std::path::{Path, PathBuf};

pub(super) fn check(files: &[PathBuf], deny_warnings: bool) -> Result<u8, Fail> {
    let mut code = 0u8;
    for path in files {
        code = code.max(check_one(path, deny_warnings));
    }
    Ok(code)
}

/// Checks one file and returns its exit code.
fn check_one(path: &Path, deny_warnings: bool) -> u8 {
    let name = display(path);
    let source = match files::read_text(path) {
        Ok(s) => s,
        Err(f) => {
            if let Some(m) = &f.message {
                style::error_line(m);
            }
            return if f.code == EXIT_IO {
                EXIT_IO
            } else {
                EXIT_INVALID
            };
        }
    };
    let loaded = Grid::from_toml(&source);
    let mut diagnostics = match &loaded {
        Ok(l) => l.warnings.clone(),
        Err(d) => d.0.clone(),
    };
    // The typography lint reads the source: it has something to say even
    // about a grid refused for other reasons, unless it is not TOML at all.
    diagnostics.extend(
        typography::check(&source)
            .diagnostics
            .into_iter()
            .filter(|d| !d.is_error()),
    );
    diagnostics.sort_by_key(|d| (d.line, d.column, d.severity));
    files::report_diagnostics(&diagnostics, &name, &source);
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let warnings = diagnostics.len() - errors;
    match loaded {
        Err(_) => {
            style::error_line(&format!("{name}: {errors} error(s), {warnings} warning(s)"));
            EXIT_INVALID
        }
        Ok(_) if warnings > 0 && deny_warnings => {
            style::note_line(&format!("{name}: {warnings} warning(s), denied"));
            EXIT_INVALID
        }
        Ok(l) => {
            style::note_line(&status(&name, &l.grid, &diagnostics));
            0
        }
    }
}

fn status(name: &str, g: &Grid, warnings: &[Diagnostic]) -> String {
    format!(
        "{} {name}: grid `{}` {}, {} criteria, {} rules, sha256 {}{}",
        style::ok("ok"),
        g.id,
        g.version,
        g.criterion_count(),
        g.rules.len(),
        domino_engine::short_hash(&g.hash),
        if warnings.is_empty() {
            String::new()
        } else {
            format!(" ({} warning(s))", warnings.len())
        }
    )
}
