//! Diagnostics: located, typed problems found in a grid, an assessment or a batch row.
//!
//! The engine never prints: it returns [`Diagnostic`] values that carry a
//! stable `code`, a message, an optional hint and where the problem is inside
//! the input checked (a byte span with its line and column, or a table
//! column; a key path). The module holds:
//!
//! - the type ([`Diagnostic`], [`Severity`], [`Diagnostics`]), here;
//! - [`location`]: where the input itself sits — a text of its own, a cell of
//!   a CSV file or spreadsheet sheet (`row 3, column 2`, `Sheet1!C12`), a
//!   document inside a batch (the 3rd object of a JSON array, an NDJSON line).
//!   Only the caller knows where an input came from; the engine only knows
//!   where in the input the problem is, so a [`Location`] is what the caller
//!   adds for the renderer;
//! - [`LineIndex`]: where each line of a text starts, built once per text so
//!   that thousands of diagnostics are located and rendered in linear time;
//! - [`did_you_mean`] and its budget, so that hints cost bounded time whatever
//!   the number of unknown and known names;
//! - [`render()`], the one renderer.
//!
//! # Why one renderer
//!
//! What a person reads when an input is refused is decided here, once: the
//! CLI, the web app and any other presenter show the same words, the same
//! layout and the same cuts (a source line is echoed at most about
//! [`ECHO_CHARS`] characters around the caret, so a 1 MB line stays
//! readable). A presenter that needed colours used to re-parse finished text
//! to find the severity, the gutter and the carets; instead the renderer
//! emits [`Styled`] pieces, each with its [`Style`]: the plain text is their
//! concatenation, a terminal maps styles to colours.

mod did_you_mean;
mod line_index;
pub mod location;
mod render;

pub use did_you_mean::did_you_mean;
pub(crate) use did_you_mean::{nearest_within, SuggestionBudget, EDIT_DISTANCE_CHARS};
pub use line_index::{line_column, LineIndex};
pub use location::{BatchDocument, Location, Row, TableRow};
pub use render::{render, Style, Styled, ECHO_CHARS};

use serde::{Deserialize, Serialize};
use std::fmt;
use std::ops::Range;

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The input is refused.
    Error,
    /// The input is accepted, but something is probably not what the author meant.
    Warning,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        })
    }
}

/// One located problem.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// A stable, kebab-case identifier of the kind of problem (e.g. `duplicate-id`).
    pub code: String,
    /// What is wrong, in one sentence.
    pub message: String,
    /// What to do about it, when there is something useful to say.
    pub hint: Option<String>,
    /// Where, as a path of keys in the document (e.g. `axes[2].criteria[0].weight`).
    pub path: Option<String>,
    /// Byte range in the source text, when known.
    pub span: Option<Range<usize>>,
    /// 1-based line of the span start (0 when unknown).
    pub line: usize,
    /// 1-based column, in characters, of the span start (0 when unknown).
    pub column: usize,
}

impl Diagnostic {
    /// A new error without location; see [`Diagnostic::at`] and [`Diagnostic::with_hint`].
    pub fn error(code: &str, message: impl Into<String>) -> Self {
        Self::new(Severity::Error, code, message)
    }

    /// A new warning without location.
    pub fn warning(code: &str, message: impl Into<String>) -> Self {
        Self::new(Severity::Warning, code, message)
    }

    fn new(severity: Severity, code: &str, message: impl Into<String>) -> Self {
        Diagnostic {
            severity,
            code: code.to_owned(),
            message: elide_quoted(message.into()),
            hint: None,
            path: None,
            span: None,
            line: 0,
            column: 0,
        }
    }

    /// Adds a hint.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(elide_quoted(hint.into()));
        self
    }

    /// Adds the key path.
    pub fn with_path(mut self, path: impl Into<String>) -> Self {
        self.path = Some(path.into());
        self
    }

    /// Sets the byte span; line and column are filled by [`Diagnostic::locate`].
    pub fn at(mut self, span: Option<Range<usize>>) -> Self {
        self.span = span;
        self
    }

    /// Sets the line and column only (for sources without byte spans, such as CSV rows).
    pub fn at_line_column(mut self, line: usize, column: usize) -> Self {
        self.line = line;
        self.column = column;
        self
    }

    /// Fills `line` and `column` from `span` against the source text.
    /// To locate many diagnostics in one text, build a [`LineIndex`] once and
    /// use [`Diagnostic::locate_in`].
    pub fn locate(self, source: &str) -> Self {
        self.locate_in(&LineIndex::new(source))
    }

    /// Fills `line` and `column` from `span`, with the text's line index.
    pub fn locate_in(mut self, index: &LineIndex<'_>) -> Self {
        if let Some(span) = &self.span {
            let (line, column) = index.line_column(span.start);
            self.line = line;
            self.column = column;
        }
        self
    }

    /// True for errors.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// Renders the diagnostic as plain text, with the source line and a
    /// caret under the span (see [`render()`] for the layout).
    ///
    /// To render many diagnostics of one text, build a [`LineIndex`] once and
    /// use [`Diagnostic::render_in`] (or [`Diagnostics::render`]).
    pub fn render(&self, file_name: &str, source: &str) -> String {
        self.render_in(file_name, &LineIndex::new(source))
    }

    /// Renders the diagnostic like [`Diagnostic::render`], with the text's line index.
    pub fn render_in(&self, file_name: &str, index: &LineIndex<'_>) -> String {
        self.styled(&Location::Text {
            file: file_name,
            index,
        })
        .plain()
    }

    /// Renders the diagnostic found in the input `at` locates, in styled
    /// pieces (see [`render()`]).
    pub fn styled(&self, at: &Location<'_>) -> Styled {
        render(self, at)
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.line > 0 {
            write!(f, "{}:{}: ", self.line, self.column)?;
        }
        write!(f, "{}[{}]: {}", self.severity, self.code, self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, " (hint: {hint})")?;
        }
        Ok(())
    }
}

/// For a name that should be ASCII: points out its first other character,
/// which may look like an ASCII one (Cyrillic `о`, fullwidth `ａ`) or not show
/// at all (a zero-width space). Empty when the name is ASCII.
pub(crate) fn non_ascii_note(name: &str) -> String {
    match name.chars().find(|c| !c.is_ascii()) {
        Some(c) => format!(
            " (it contains U+{:04X}{}, which is not an ASCII character)",
            c as u32,
            if c.is_alphanumeric() || c.is_ascii_punctuation() {
                format!(" `{c}`")
            } else {
                String::new()
            }
        ),
        None => String::new(),
    }
}

/// Longest `quoted` text kept whole in a message or hint, in characters.
const QUOTED_MAX: usize = 64;

/// Shortens every `quoted` span longer than [`QUOTED_MAX`] characters to its
/// start and an ellipsis: a 5,000-character id or condition quoted in a
/// message would bury the message itself (the source line is shown anyway).
pub(crate) fn elide_quoted(text: String) -> String {
    if text.len() <= QUOTED_MAX || !text.contains('`') {
        return text;
    }
    let mut out = String::with_capacity(text.len().min(1024));
    for (i, part) in text.split('`').enumerate() {
        if i > 0 {
            out.push('`');
        }
        let quoted = i % 2 == 1;
        if quoted && part.chars().count() > QUOTED_MAX {
            out.extend(part.chars().take(QUOTED_MAX - 16));
            out.push('…');
            let tail: Vec<char> = part.chars().rev().take(8).collect();
            out.extend(tail.into_iter().rev());
        } else {
            out.push_str(part);
        }
    }
    out
}

/// A list of diagnostics returned when an input is refused; it holds at least one error.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{} error(s): {}", self.0.iter().filter(|d| d.is_error()).count(), self.0.first().map(|d| d.to_string()).unwrap_or_default())]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    /// Renders every diagnostic, separated by blank lines.
    pub fn render(&self, file_name: &str, source: &str) -> String {
        render_each(&self.0, file_name, source).join("\n")
    }

    /// Number of errors.
    pub fn error_count(&self) -> usize {
        self.0.iter().filter(|d| d.is_error()).count()
    }
}

/// Renders each diagnostic of one text (see [`Diagnostic::render`]), indexing
/// the text once.
pub fn render_each(diagnostics: &[Diagnostic], file_name: &str, source: &str) -> Vec<String> {
    let index = LineIndex::new(source);
    diagnostics
        .iter()
        .map(|d| d.render_in(file_name, &index))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_quoted_text_is_elided_in_messages_and_hints() {
        let long = "a".repeat(5000);
        let d = Diagnostic::error("invalid-id", format!("`{long}` is not a valid id"))
            .with_hint(format!("did you mean `{long}b`?"));
        assert_eq!(
            d.message,
            format!("`{}…aaaaaaaa` is not a valid id", "a".repeat(48))
        );
        assert!(d.hint.unwrap().ends_with("…aaaaaaab`?"));
        let short = Diagnostic::error("x", "`a` and `b` and an unpaired ` quote");
        assert_eq!(short.message, "`a` and `b` and an unpaired ` quote");
    }
}
