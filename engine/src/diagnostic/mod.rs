//! Diagnostics: located, typed problems found in a grid, an assessment or a batch row.
//!
//! The engine never prints: it returns [`Diagnostic`] values that carry a stable
//! `code`, a message, an optional hint and the byte span in the source. Callers
//! render them with [`Diagnostic::render`] (plain text with the source line and a
//! caret, like a compiler) or their own renderer.

use serde::{Deserialize, Serialize};
use std::cell::Cell;
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

    /// Renders the diagnostic as plain text: a header, the location, the source
    /// line with a caret under the span, and the hint.
    ///
    /// ```text
    /// error[unknown-scale]: criterion `collectif.accueil` uses unknown scale `levels`
    ///   --> grids/domino.toml:42:9
    ///    |
    /// 42 | scale = "levels"
    ///    |         ^^^^^^^^
    ///    = hint: known scales: level
    /// ```
    ///
    /// To render many diagnostics of one text, build a [`LineIndex`] once and
    /// use [`Diagnostic::render_in`] (or [`Diagnostics::render`]).
    pub fn render(&self, file_name: &str, source: &str) -> String {
        self.render_in(file_name, &LineIndex::new(source))
    }

    /// Renders the diagnostic like [`Diagnostic::render`], with the text's line index.
    pub fn render_in(&self, file_name: &str, index: &LineIndex<'_>) -> String {
        let mut out = format!("{}[{}]: {}\n", self.severity, self.code, self.message);
        if self.line > 0 {
            let gutter = self.line.to_string().len();
            let pad = " ".repeat(gutter);
            out.push_str(&format!(
                "{pad}--> {file_name}:{}:{}\n",
                self.line, self.column
            ));
            if let Some(text) = index.line(self.line) {
                let shown: String = text.chars().take(200).collect();
                let width = self.caret_width(text);
                let lead: String = shown
                    .chars()
                    .take(self.column.saturating_sub(1))
                    .map(|c| if c == '\t' { '\t' } else { ' ' })
                    .collect();
                out.push_str(&format!("{pad} |\n"));
                out.push_str(&format!("{} | {}\n", self.line, shown));
                out.push_str(&format!("{pad} | {lead}{}\n", "^".repeat(width)));
            }
            if let Some(path) = &self.path {
                out.push_str(&format!("{pad} = at: {path}\n"));
            }
            if let Some(hint) = &self.hint {
                out.push_str(&format!("{pad} = hint: {hint}\n"));
            }
        } else {
            out.push_str(&format!("  --> {file_name}\n"));
            if let Some(path) = &self.path {
                out.push_str(&format!("   = at: {path}\n"));
            }
            if let Some(hint) = &self.hint {
                out.push_str(&format!("   = hint: {hint}\n"));
            }
        }
        out
    }

    /// Number of carets: the span's characters on its first line (at least one).
    fn caret_width(&self, line_text: &str) -> usize {
        let Some(span) = &self.span else { return 1 };
        let remaining = line_text
            .chars()
            .count()
            .saturating_sub(self.column.saturating_sub(1));
        let len = span.end.saturating_sub(span.start);
        len.clamp(1, remaining.max(1))
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

/// 1-based line and column (in characters) of a byte offset.
///
/// Scans the text: to locate many offsets in one text, use a [`LineIndex`].
pub fn line_column(source: &str, offset: usize) -> (usize, usize) {
    LineIndex::new(source).line_column(offset)
}

/// Where each line of a text starts, so that locating an offset or fetching a
/// line costs a binary search instead of a scan of the text: a file with
/// thousands of diagnostics is located and rendered in linear time.
#[derive(Debug, Clone)]
pub struct LineIndex<'a> {
    source: &'a str,
    /// Byte offset of the start of each line: 0, then one past each `\n`.
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    /// Indexes the lines of `source` (one pass).
    pub fn new(source: &'a str) -> Self {
        Self {
            source,
            starts: line_starts(source),
        }
    }

    /// 1-based line and column (in characters) of a byte offset; an offset
    /// past the end is the end, one inside a character is that character.
    pub fn line_column(&self, offset: usize) -> (usize, usize) {
        locate_offset(self.source, &self.starts, offset)
    }

    /// The indexed text.
    pub fn source(&self) -> &'a str {
        self.source
    }

    /// The text of a 1-based line, without its line ending (`\n`, `\r\n`);
    /// None past the last line, as for [`str::lines`].
    pub fn line(&self, line: usize) -> Option<&'a str> {
        let start = *self.starts.get(line.checked_sub(1)?)?;
        if start >= self.source.len() {
            return None;
        }
        let end = self
            .starts
            .get(line)
            .map_or(self.source.len(), |next| next - 1);
        Some(self.source[start..end].trim_end_matches('\r'))
    }
}

/// Byte offsets where the lines of `source` start.
fn line_starts(source: &str) -> Vec<usize> {
    let mut starts = vec![0];
    starts.extend(
        source
            .bytes()
            .enumerate()
            .filter(|&(_, b)| b == b'\n')
            .map(|(i, _)| i + 1),
    );
    starts
}

/// 1-based line and column of `offset`, given the text's [`line_starts`].
fn locate_offset(source: &str, starts: &[usize], offset: usize) -> (usize, usize) {
    let offset = floor_char_boundary(source, offset.min(source.len()));
    let line = starts.partition_point(|&start| start <= offset);
    let line_start = starts[line - 1];
    let column = source[line_start..offset].chars().count() + 1;
    (line, column)
}

fn floor_char_boundary(s: &str, mut i: usize) -> usize {
    while i > 0 && !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// "Did you mean …?" — the closest candidate within a small edit distance.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let limit = (word.chars().count() / 3).clamp(1, 4);
    nearest_within(word, candidates, limit, |name, out| {
        out.extend(name.chars().take(EDIT_DISTANCE_CHARS));
    })
}

/// The candidate nearest to `word` within `limit` edits (ties go to the
/// smaller name), comparing the characters `spell` writes for each name: as
/// they are, or lowercased. One buffer serves every candidate.
pub(crate) fn nearest_within<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
    limit: usize,
    spell: impl Fn(&str, &mut Vec<char>),
) -> Option<&'a str> {
    let mut spelt = Vec::new();
    spell(word, &mut spelt);
    let mut other = Vec::new();
    candidates
        .into_iter()
        .filter_map(|c| {
            other.clear();
            spell(c, &mut other);
            bounded_edit_distance(&spelt, &other, limit).map(|d| (d, c))
        })
        .min_by_key(|&(d, c)| (d, c))
        .map(|(_, c)| c)
}

/// How many candidates the did-you-mean hints of one input may still be
/// compared with. An assessment of thousands of unknown criteria against a grid
/// of thousands, or a grid whose thousands of rules misspell names among
/// thousands, gets hints for its first unknown names, then the plain hint, in
/// bounded time, instead of a product of the two sizes.
#[derive(Debug)]
pub(crate) struct SuggestionBudget(Cell<usize>);

impl SuggestionBudget {
    /// About a tenth of a second of comparisons; with DOMINO's 30 criteria,
    /// enough for 30,000 unknown names.
    pub const COMPARISONS: usize = 1_000_000;

    /// A full budget.
    pub fn new() -> Self {
        Self(Cell::new(Self::COMPARISONS))
    }

    /// Takes `candidates` comparisons; false, taking nothing, when fewer are left.
    pub fn take(&self, candidates: usize) -> bool {
        match self.0.get().checked_sub(candidates) {
            Some(left) => {
                self.0.set(left);
                true
            }
            None => false,
        }
    }

    /// [`did_you_mean`] among `candidates`, if the budget still covers them
    /// all; `None`, taking nothing, when it does not.
    pub fn did_you_mean<'a, I>(&self, word: &str, candidates: I) -> Option<&'a str>
    where
        I: IntoIterator<Item = &'a str>,
        I::IntoIter: ExactSizeIterator,
    {
        let candidates = candidates.into_iter();
        if self.take(candidates.len()) {
            did_you_mean(word, candidates)
        } else {
            None
        }
    }
}

impl Default for SuggestionBudget {
    fn default() -> Self {
        Self::new()
    }
}

/// How many characters of each name a did-you-mean compares.
pub(crate) const EDIT_DISTANCE_CHARS: usize = 64;

/// The edit distance of `a` and `b`, by characters, if it is at most `limit`,
/// else `None`. Insertions, deletions, substitutions and transpositions of
/// adjacent characters each cost one (optimal string alignment); callers pass
/// at most [`EDIT_DISTANCE_CHARS`] characters of each name.
///
/// It is found without filling the whole table: strings whose lengths differ by more
/// than `limit` are rejected at once, and the table stops at the first two
/// rows that are both beyond `limit`, since every later cell builds on one
/// of the two rows above it. A hint compares each unknown name with every
/// known one, and almost all of them are far apart.
pub(crate) fn bounded_edit_distance(a: &[char], b: &[char], limit: usize) -> Option<usize> {
    if a.len().abs_diff(b.len()) > limit {
        return None;
    }
    let width = b.len() + 1;
    let mut before: Vec<usize> = vec![usize::MAX; width];
    let mut above: Vec<usize> = (0..width).collect();
    let mut row: Vec<usize> = vec![0; width];
    for i in 1..=a.len() {
        row[0] = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (above[j - 1] + cost).min(above[j] + 1).min(row[j - 1] + 1);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(before[j - 2] + 1);
            }
            row[j] = best;
        }
        let beyond = |cells: &[usize]| cells.iter().all(|&d| d > limit);
        if beyond(&row) && beyond(&above) {
            return None;
        }
        std::mem::swap(&mut before, &mut above);
        std::mem::swap(&mut above, &mut row);
    }
    Some(above[b.len()]).filter(|&d| d <= limit)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The whole optimal-string-alignment table, kept as the reference for
    /// [`bounded_edit_distance`].
    fn edit_distance(a: &str, b: &str) -> usize {
        let a: Vec<char> = a.chars().take(EDIT_DISTANCE_CHARS).collect();
        let b: Vec<char> = b.chars().take(EDIT_DISTANCE_CHARS).collect();
        let width = b.len() + 1;
        let mut d = vec![0usize; (a.len() + 1) * width];
        for (j, cell) in d.iter_mut().enumerate().take(width) {
            *cell = j;
        }
        for i in 1..=a.len() {
            d[i * width] = i;
            for j in 1..=b.len() {
                let cost = usize::from(a[i - 1] != b[j - 1]);
                let mut best = (d[(i - 1) * width + j - 1] + cost)
                    .min(d[(i - 1) * width + j] + 1)
                    .min(d[i * width + j - 1] + 1);
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    best = best.min(d[(i - 2) * width + j - 2] + 1);
                }
                d[i * width + j] = best;
            }
        }
        d[a.len() * width + b.len()]
    }

    /// The obvious scan, kept as the reference for [`LineIndex`].
    fn scanned_line_column(source: &str, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(source, offset.min(source.len()));
        let before = &source[..offset];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        (line, source[line_start..offset].chars().count() + 1)
    }

    proptest! {
        #[test]
        fn the_line_index_agrees_with_a_scan_of_the_text(
            source in "[a\n\ré😀 ]{0,40}",
            offsets in proptest::collection::vec(0usize..200, 1..20),
        ) {
            let index = LineIndex::new(&source);
            for offset in offsets {
                prop_assert_eq!(index.line_column(offset), scanned_line_column(&source, offset));
            }
            for (i, line) in source.lines().enumerate() {
                prop_assert_eq!(index.line(i + 1), Some(line.trim_end_matches('\r')));
            }
            prop_assert_eq!(index.line(source.lines().count() + 1), None);
            prop_assert_eq!(index.line(0), None);
        }
    }

    proptest! {
        #[test]
        fn the_bounded_edit_distance_agrees_with_the_full_table(
            a in "[abcé]{0,12}",
            b in "[abcé]{0,12}",
            limit in 0usize..6,
        ) {
            let full = edit_distance(&a, &b);
            let a: Vec<char> = a.chars().collect();
            let b: Vec<char> = b.chars().collect();
            let expected = (full <= limit).then_some(full);
            prop_assert_eq!(bounded_edit_distance(&a, &b, limit), expected);
        }
    }

    #[test]
    fn thousands_of_diagnostics_on_one_text_are_located_and_rendered() {
        let mut source = String::new();
        let mut spans = Vec::new();
        for i in 0..5000 {
            let start = source.len() + "bad ".len();
            spans.push(start..start + 4);
            source.push_str(&format!("bad line {i}\n"));
        }
        let index = LineIndex::new(&source);
        let diags = Diagnostics(
            spans
                .into_iter()
                .map(|span| Diagnostic::error("x", "y").at(Some(span)).locate_in(&index))
                .collect(),
        );
        assert_eq!((diags.0[4999].line, diags.0[4999].column), (5000, 5));
        let rendered = diags.render("f.toml", &source);
        assert!(rendered.contains("5000 | bad line 4999\n     |     ^^^^\n"));
    }

    #[test]
    fn line_and_column_count_characters_not_bytes() {
        let src = "a = 1\nété = 2\n";
        assert_eq!(line_column(src, 0), (1, 1));
        assert_eq!(line_column(src, 6), (2, 1));
        let offset = src.find('=').unwrap();
        assert_eq!(
            line_column(src, src[offset + 1..].find('=').unwrap() + offset + 1),
            (2, 5)
        );
    }

    #[test]
    fn render_shows_the_line_and_a_caret_under_the_span() {
        let src = "[grid]\nid = \"Bad Id\"\n";
        let start = src.find("\"Bad").unwrap();
        let d = Diagnostic::error("invalid-id", "`Bad Id` is not a valid id")
            .with_hint("use lowercase letters, digits, `_` and `-`")
            .at(Some(start..start + 8))
            .locate(src);
        assert_eq!(
            d.render("g.toml", src),
            "error[invalid-id]: `Bad Id` is not a valid id\n \
             --> g.toml:2:6\n  |\n2 | id = \"Bad Id\"\n  |      ^^^^^^^^\n  \
             = hint: use lowercase letters, digits, `_` and `-`\n"
        );
    }

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

    #[test]
    fn did_you_mean_finds_close_names_only() {
        let names = ["accueil", "contribution", "diversite"];
        assert_eq!(did_you_mean("acceuil", names), Some("accueil"));
        assert_eq!(did_you_mean("zzz", names), None);
    }

    #[test]
    fn two_swapped_letters_count_as_one_edit() {
        assert_eq!(edit_distance("sclae", "scale"), 1);
        assert_eq!(did_you_mean("sclae", ["scale", "scores"]), Some("scale"));
        assert_eq!(edit_distance("abc", "ca"), 3);
    }
}
