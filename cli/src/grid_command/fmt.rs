//! `domino grid fmt --fix|--check FILE…`: the engine's typography fix,
//! written in place atomically; the rest of each file is kept byte for byte
//! (a leading byte-order mark and the file's permissions included).

use crate::failure::{Fail, EXIT_INVALID};
use crate::files::{self, display, AtomicFile};
use crate::style;
use domino_engine::grid::typography;
use std::io::Write;
use std::path::{Path, PathBuf};

const BOM: &str = "\u{feff}";

pub(super) fn fmt(files: &[PathBuf], fix: bool) -> Result<u8, Fail> {
    let mut code = 0;
    for path in files {
        code = code.max(one(path, fix)?);
    }
    Ok(code)
}

fn one(path: &Path, fix: bool) -> Result<u8, Fail> {
    let name = display(path);
    let bytes = std::fs::read(path).map_err(|e| Fail::io(format!("cannot read `{name}`: {e}")))?;
    let Ok(text) = String::from_utf8(bytes) else {
        style::error_line(&format!("`{name}` is not valid UTF-8; save it as UTF-8"));
        return Ok(EXIT_INVALID);
    };
    let (bom, source) = match text.strip_prefix(BOM) {
        Some(rest) => (BOM, rest),
        None => ("", text.as_str()),
    };
    let result = typography::check(source);
    if result.diagnostics.iter().any(|d| d.is_error()) {
        files::report_diagnostics(&result.diagnostics, &name, source);
        style::error_line(&format!("{name}: not valid TOML, left unchanged"));
        return Ok(EXIT_INVALID);
    }
    let count = result.diagnostics.len();
    if !result.changes(source) {
        style::note_line(&format!("{} {name}: nothing to fix", style::ok("ok")));
        return Ok(0);
    }
    if !fix {
        files::report_diagnostics(&result.diagnostics, &name, source);
        style::error_line(&format!(
            "{name}: {count} typography warning(s); `domino grid fmt --fix {name}` fixes them"
        ));
        return Ok(EXIT_INVALID);
    }
    write_in_place(path, &format!("{bom}{}", result.fixed))?;
    style::note_line(&format!("{name}: fixed {count} typography warning(s)"));
    Ok(0)
}

/// Replaces the file atomically, keeping its permissions.
fn write_in_place(path: &Path, text: &str) -> Result<(), Fail> {
    let name = display(path);
    let mut file = AtomicFile::create(path)?;
    if let Ok(meta) = std::fs::metadata(path) {
        let _ = file.file().set_permissions(meta.permissions());
    }
    file.file()
        .write_all(text.as_bytes())
        .map_err(|e| Fail::io(format!("cannot write `{name}`: {e}")))?;
    file.commit()
}
