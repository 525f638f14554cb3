//! Files: loading grids and assessments, reading inputs, writing outputs atomically.

use crate::failure::Fail;
use crate::style;
use crate::write_behind::{Flusher, WriteBehind};
use domino_engine::diagnostic::Location;
use domino_engine::sniff::{self, DocumentFormat};
use domino_engine::{Assessment, Diagnostic, Grid, LineIndex, BUILTIN_GRIDS, DOMINO_GRID};
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};

/// A grid ready to use, with the name it is shown under.
pub struct LoadedGrid {
    /// The grid.
    pub grid: Grid,
}

/// The built-in grid with this name (`domino`, `domino.toml`, `domino-express`…).
pub fn builtin(name: &str) -> Option<(&'static str, &'static str)> {
    BUILTIN_GRIDS
        .iter()
        .find(|(file, _)| *file == name || file.strip_suffix(".toml") == Some(name))
        .copied()
}

/// Loads the grid given with `--grid` (a file or a built-in name), or the embedded DOMINO grid.
pub fn load_grid(path: Option<&Path>) -> Result<LoadedGrid, Fail> {
    let (name, source) = match path {
        None => ("domino.toml".to_owned(), DOMINO_GRID.to_owned()),
        Some(p) if !p.exists() && builtin(&p.to_string_lossy()).is_some() => {
            let (file, src) = builtin(&p.to_string_lossy()).expect("checked");
            (file.to_owned(), src.to_owned())
        }
        Some(p) => (display(p), read_text(p)?),
    };
    match Grid::from_toml(&source) {
        Ok(loaded) => Ok(LoadedGrid { grid: loaded.grid }),
        Err(diags) => {
            report_diagnostics(&diags.0, &name, &source);
            Err(Fail::invalid(format!(
                "grid `{name}` is invalid ({} error(s)); `domino grid check {name}` shows them",
                diags.error_count()
            )))
        }
    }
}

/// A path as shown in messages.
pub fn display(path: &Path) -> String {
    path.display().to_string()
}

/// Reads a whole text file (`-` is stdin): UTF-8 required, a leading BOM removed
/// ([`sniff::decode_owned`]).
pub fn read_text(path: &Path) -> Result<String, Fail> {
    let name = display(path);
    let bytes = if name == "-" {
        let mut buf = Vec::new();
        io::stdin()
            .lock()
            .read_to_end(&mut buf)
            .map_err(|e| Fail::io(format!("cannot read stdin: {e}")))?;
        buf
    } else {
        std::fs::read(path).map_err(|e| Fail::io(format!("cannot read `{name}`: {e}")))?
    };
    sniff::decode_owned(bytes).map_err(|e| Fail::invalid(format!("`{name}` is {e}")))
}

/// True when the document should be read as JSON ([`sniff::document_format`]:
/// by its first character, else by its extension).
pub fn is_json(path: &Path, source: &str) -> bool {
    sniff::document_format(Some(&display(path)), source) == DocumentFormat::Json
}

/// Reads an assessment file (TOML or JSON); diagnostics are printed on failure.
pub fn read_assessment(path: &Path) -> Result<(Assessment, String), Fail> {
    let source = read_text(path)?;
    parse_assessment(path, source)
}

/// Parses an assessment already read; diagnostics are printed on failure.
pub fn parse_assessment(path: &Path, source: String) -> Result<(Assessment, String), Fail> {
    let parsed = if is_json(path, &source) {
        Assessment::from_json(&source)
    } else {
        Assessment::from_toml(&source)
    };
    match parsed {
        Ok(a) => Ok((a, source)),
        Err(diags) => {
            report_diagnostics(&diags.0, &display(path), &source);
            Err(Fail::reported())
        }
    }
}

/// Prints diagnostics on stderr, rendered with their source line.
pub fn report_diagnostics(diags: &[Diagnostic], file: &str, source: &str) {
    let index = LineIndex::new(source);
    let at = Location::Text {
        file,
        index: &index,
    };
    let mut out = String::new();
    for d in diags {
        out.push_str(&style::diagnostic(d, &at));
        out.push('\n');
    }
    style::eprint(&out);
}

/// Writes data to stdout; a closed pipe is not an error.
pub fn write_stdout(data: &[u8]) -> Result<(), Fail> {
    let mut out = io::stdout().lock();
    match out.write_all(data).and_then(|()| out.flush()) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(Fail::io(format!("cannot write to stdout: {e}"))),
    }
}

/// An output file written atomically: a temporary file in the same directory,
/// renamed over the target by [`AtomicFile::commit`]; dropped without commit, it
/// disappears and the target is untouched.
pub struct AtomicFile {
    temp: tempfile::NamedTempFile,
    target: PathBuf,
    /// The thread flushing the file behind [`AtomicFile::write_behind`].
    flusher: Option<Flusher>,
}

impl AtomicFile {
    /// Creates the temporary file beside `target`.
    pub fn create(target: &Path) -> Result<Self, Fail> {
        let dir = match target.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        let temp = tempfile::Builder::new()
            .prefix(".domino-")
            .suffix(".tmp")
            .tempfile_in(&dir)
            .map_err(|e| Fail::io(format!("cannot write in `{}`: {e}", display(&dir))))?;
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let _ = std::fs::set_permissions(temp.path(), std::fs::Permissions::from_mode(0o644));
        }
        Ok(AtomicFile {
            temp,
            target: target.to_path_buf(),
            flusher: None,
        })
    }

    /// The file to write to.
    pub fn file(&mut self) -> &mut std::fs::File {
        self.temp.as_file_mut()
    }

    /// A writer for a large output, flushed to disk as it is written
    /// (see [`crate::write_behind`]), so that [`AtomicFile::commit`] has only
    /// the tail left to flush.
    pub fn write_behind(&mut self) -> WriteBehind<'_> {
        if self.flusher.is_none() {
            self.flusher = Flusher::start(self.temp.as_file());
        }
        WriteBehind::new(self.temp.as_file(), self.flusher.as_ref())
    }

    /// Flushes to disk and renames over the target.
    pub fn commit(mut self) -> Result<(), Fail> {
        let target = display(&self.target);
        if let Some(flusher) = self.flusher.take() {
            flusher
                .finish()
                .map_err(|e| Fail::io(format!("cannot write `{target}`: {e}")))?;
        }
        self.temp
            .as_file()
            .sync_all()
            .map_err(|e| Fail::io(format!("cannot write `{target}`: {e}")))?;
        self.temp
            .persist(&self.target)
            .map_err(|e| Fail::io(format!("cannot write `{target}`: {}", e.error)))?;
        Ok(())
    }
}

/// Writes `data` to `path` atomically, or to stdout when `path` is `None` or `-`.
pub fn write_output(path: Option<&Path>, data: &[u8]) -> Result<(), Fail> {
    match path {
        None => write_stdout(data),
        Some(p) if p.as_os_str() == "-" => write_stdout(data),
        Some(p) => {
            let mut file = AtomicFile::create(p)?;
            file.file()
                .write_all(data)
                .map_err(|e| Fail::io(format!("cannot write `{}`: {e}", display(p))))?;
            file.commit()
        }
    }
}
