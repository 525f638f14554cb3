//! `domino grid diff OLD NEW`: the engine's diff of two grid versions, printed.

use crate::failure::Fail;
use crate::files;
use clap::ValueEnum;
use domino_engine::grid::diff::DiffFormat;
use std::path::Path;

/// Formats of `grid diff`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiffFormatArg {
    /// Aligned plain text.
    Table,
    /// Markdown.
    Md,
    /// JSON.
    Json,
}

pub(super) fn diff(old: &Path, new: &Path, format: DiffFormatArg, lang: &str) -> Result<u8, Fail> {
    let old = files::load_grid(Some(old))?.grid;
    let new = files::load_grid(Some(new))?.grid;
    let format = match format {
        DiffFormatArg::Table => DiffFormat::Table,
        DiffFormatArg::Md => DiffFormat::Markdown,
        DiffFormatArg::Json => DiffFormat::Json,
    };
    files::write_stdout(new.diff_from(&old).render(format, lang).as_bytes())?;
    Ok(0)
}
