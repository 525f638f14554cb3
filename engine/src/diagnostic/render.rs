//! The one renderer: a diagnostic and its [`Location`] become styled pieces
//! of text, which presenters colour (the CLI on a terminal) or show as they
//! are (the web app, files, tests).

use super::location::{BatchDocument, Location, TableRow};
use super::{Diagnostic, LineIndex, Severity};
use std::fmt;

/// What a piece of a rendered diagnostic is; presenters choose how it looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Style {
    /// `error` or `warning` ([`Styled::severity`] says which).
    Severity,
    /// `[code]`, the stable kind of problem.
    Code,
    /// What is wrong, with the row or document it is about.
    Message,
    /// `--> file:line:column`.
    Location,
    /// The line-number gutter and its `|`.
    Gutter,
    /// The echoed source line.
    Source,
    /// The `^^^` under the span.
    Caret,
    /// `= at: …` and `= hint: …`.
    Note,
    /// Spaces and line breaks between the other pieces.
    Plain,
}

/// A rendered diagnostic: pieces of text, each with its [`Style`]. The plain
/// text is their concatenation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Styled {
    /// The diagnostic's severity, which presenters use for [`Style::Severity`],
    /// [`Style::Code`] and [`Style::Caret`].
    pub severity: Severity,
    /// The pieces, in order.
    pub pieces: Vec<(Style, String)>,
}

impl Styled {
    /// The text without styles.
    pub fn plain(&self) -> String {
        self.pieces.iter().map(|(_, text)| text.as_str()).collect()
    }

    fn push(&mut self, style: Style, text: impl Into<String>) {
        self.pieces.push((style, text.into()));
    }
}

impl fmt::Display for Styled {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.pieces
            .iter()
            .try_for_each(|(_, text)| f.write_str(text))
    }
}

/// About how many characters of a source line are echoed around the caret:
/// a 1 MB line (minified JSON, a generated grid) is cut to this many, with
/// `…` where it was cut.
pub const ECHO_CHARS: usize = 200;

/// Renders a diagnostic found in the input that `at` locates:
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
/// A table cell says its row and column (`error[unknown-code]: row 3, column
/// 2 `accueil`: …`, then `--> batch.csv:4`); a document of a batch says which
/// one (`item 3: …`) and counts lines in the batch file.
pub fn render(d: &Diagnostic, at: &Location<'_>) -> Styled {
    let layout = Layout::of(d, at);
    let mut out = Styled {
        severity: d.severity,
        pieces: Vec::with_capacity(24),
    };
    out.push(Style::Severity, d.severity.to_string());
    out.push(Style::Code, format!("[{}]", d.code));
    out.push(Style::Plain, ": ");
    out.push(Style::Message, format!("{}{}", layout.prefix, d.message));
    out.push(Style::Plain, "\n");
    let pad = " ".repeat(layout.gutter);
    out.push(Style::Plain, pad.clone());
    out.push(Style::Location, format!("--> {}", layout.arrow));
    out.push(Style::Plain, "\n");
    if let Some(echo) = &layout.echo {
        echo.render(&pad, &mut out);
    }
    let path = d.path.as_ref().filter(|_| layout.show_path);
    for (label, text) in [("at", path), ("hint", d.hint.as_ref())] {
        if let Some(text) = text {
            out.push(Style::Plain, pad.clone());
            out.push(Style::Note, format!(" = {label}: {text}"));
            out.push(Style::Plain, "\n");
        }
    }
    out
}

/// What the parts of a rendering say, for one kind of location.
struct Layout<'t> {
    /// Said before the message (`row 3, column 2 `name`: `, `item 3: `).
    prefix: String,
    /// After `-->`.
    arrow: String,
    /// Width of the line-number gutter.
    gutter: usize,
    /// The source line, when there is one to show.
    echo: Option<Echo<'t>>,
    /// Whether the key path gets its own `= at:` line.
    show_path: bool,
}

impl<'t> Layout<'t> {
    fn of(d: &Diagnostic, at: &Location<'t>) -> Self {
        match *at {
            Location::Text { file, index } => Self::in_text(d, file, index),
            Location::Cell { file, row } => Self::in_table(d, file, &row),
            Location::Document { file, document } => Self::in_document(d, file, &document),
        }
    }

    fn in_text(d: &Diagnostic, file: &str, index: &LineIndex<'t>) -> Self {
        if d.line == 0 {
            return Self::unlocated(String::new(), file.to_owned());
        }
        Layout {
            prefix: String::new(),
            arrow: format!("{file}:{}:{}", d.line, d.column),
            gutter: digits(d.line as u64),
            echo: Echo::of(d, index, d.line as u64),
            show_path: true,
        }
    }

    fn in_table(d: &Diagnostic, file: &str, row: &TableRow<'_>) -> Self {
        let mut prefix = row.row.to_string();
        if d.column > 0 {
            prefix.push_str(&format!(", column {}", d.column));
            if let Some(name) = &d.path {
                prefix.push_str(&format!(" `{name}`"));
            }
        }
        prefix.push_str(": ");
        let arrow = match (row.sheet, row.reference(d.column)) {
            (None, _) => format!("{file}:{}", row.line),
            (Some(_), Some(cell)) => format!("{file}:{cell}"),
            (Some(sheet), None) => format!("{file}:{sheet} row {}", row.line),
        };
        Layout {
            show_path: false,
            ..Self::unlocated(prefix, arrow)
        }
    }

    fn in_document(d: &Diagnostic, file: &str, document: &BatchDocument<'t>) -> Self {
        let prefix = format!("{}: ", document.label);
        if d.line == 0 {
            return Self::unlocated(prefix, format!("{file}:{}", document.line));
        }
        let line = document.line + d.line as u64 - 1;
        Layout {
            prefix,
            arrow: format!("{file}:{line}"),
            gutter: digits(line),
            echo: document.text.and_then(|index| Echo::of(d, index, line)),
            show_path: true,
        }
    }

    fn unlocated(prefix: String, arrow: String) -> Self {
        Layout {
            prefix,
            arrow,
            gutter: 2,
            echo: None,
            show_path: true,
        }
    }
}

fn digits(n: u64) -> usize {
    n.to_string().len()
}

/// A source line cut to about [`ECHO_CHARS`] characters around the caret.
struct Echo<'t> {
    /// The line number shown in the gutter.
    number: u64,
    /// The part of the line shown.
    shown: &'t str,
    /// Whether the line goes on before and after the part shown.
    cut_before: bool,
    cut_after: bool,
    /// What lies under the shown text before the caret (tabs kept, so that
    /// the caret lines up however tabs are displayed).
    lead: String,
    /// Number of carets.
    width: usize,
}

impl<'t> Echo<'t> {
    /// The echo of the diagnostic's line in `index`, numbered `number`.
    fn of(d: &Diagnostic, index: &LineIndex<'t>, number: u64) -> Option<Self> {
        let line = index.line(d.line)?;
        let caret = caret_byte(d, index, line);
        let after_caret = line[caret..].chars().take(ECHO_CHARS).count();
        let before_budget = ECHO_CHARS - after_caret.min(ECHO_CHARS / 2);
        let start = line[..caret]
            .char_indices()
            .rev()
            .nth(before_budget - 1)
            .map_or(0, |(i, _)| i);
        let before = line[start..caret].chars().count();
        let rest = &line[caret..];
        let end = caret
            + rest
                .char_indices()
                .nth(ECHO_CHARS - before)
                .map_or(rest.len(), |(i, _)| i);
        let shown_after = line[caret..end].chars().count();
        let mut lead: String = line[start..caret]
            .chars()
            .map(|c| if c == '\t' { '\t' } else { ' ' })
            .collect();
        if start > 0 {
            lead.insert(0, ' ');
        }
        Some(Echo {
            number,
            shown: &line[start..end],
            cut_before: start > 0,
            cut_after: end < line.len(),
            lead,
            width: span_chars(d, index.source()).clamp(1, shown_after.max(1)),
        })
    }

    fn render(&self, pad: &str, out: &mut Styled) {
        out.push(Style::Gutter, format!("{pad} |"));
        out.push(Style::Plain, "\n");
        out.push(Style::Gutter, format!("{} |", self.number));
        out.push(Style::Plain, " ");
        let ellipsis = |cut: bool| if cut { "…" } else { "" };
        out.push(
            Style::Source,
            format!(
                "{}{}{}",
                ellipsis(self.cut_before),
                self.shown,
                ellipsis(self.cut_after)
            ),
        );
        out.push(Style::Plain, "\n");
        out.push(Style::Gutter, format!("{pad} |"));
        out.push(Style::Plain, format!(" {}", self.lead));
        out.push(Style::Caret, "^".repeat(self.width));
        out.push(Style::Plain, "\n");
    }
}

/// Byte offset in `line` of the caret: the span's start when it lies on the
/// line, else the diagnostic's column.
fn caret_byte(d: &Diagnostic, index: &LineIndex<'_>, line: &str) -> usize {
    if let (Some(span), Some(line_start)) = (&d.span, index.line_start(d.line)) {
        if let Some(offset) = span.start.checked_sub(line_start) {
            if offset <= line.len() {
                return super::line_index::floor_char_boundary(line, offset);
            }
        }
    }
    line.char_indices()
        .nth(d.column.saturating_sub(1))
        .map_or(line.len(), |(i, _)| i)
}

/// The span's characters up to the end of its first line (at most
/// [`ECHO_CHARS`] of them counted); 1 without a span.
fn span_chars(d: &Diagnostic, source: &str) -> usize {
    let Some(span) = &d.span else { return 1 };
    let start = super::line_index::floor_char_boundary(source, span.start.min(source.len()));
    source[start..]
        .char_indices()
        .take_while(|&(i, c)| start + i < span.end && c != '\n' && c != '\r')
        .take(ECHO_CHARS)
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::{Diagnostics, Row};
    use proptest::prelude::*;

    fn text<'a>(file: &'a str, index: &'a LineIndex<'a>) -> Location<'a> {
        Location::Text { file, index }
    }

    #[test]
    fn a_text_shows_the_line_and_a_caret_under_the_span() {
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
    fn the_pieces_are_styled_and_their_concatenation_is_the_text() {
        let src = "id = \"Bad\"\n";
        let d = Diagnostic::warning("w", "m").at(Some(5..10)).locate(src);
        let index = LineIndex::new(src);
        let styled = d.styled(&text("g.toml", &index));
        assert_eq!(styled.severity, Severity::Warning);
        assert_eq!(styled.to_string(), d.render("g.toml", src));
        let of = |style| -> Vec<&str> {
            styled
                .pieces
                .iter()
                .filter(|(s, _)| *s == style)
                .map(|(_, t)| t.as_str())
                .collect()
        };
        assert_eq!(of(Style::Severity), ["warning"]);
        assert_eq!(of(Style::Code), ["[w]"]);
        assert_eq!(of(Style::Location), ["--> g.toml:1:6"]);
        assert_eq!(of(Style::Source), ["id = \"Bad\""]);
        assert_eq!(of(Style::Caret), ["^^^^^"]);
    }

    #[test]
    fn carets_count_characters_of_the_span() {
        let src = "id = \"Diversité\"\n";
        let d = Diagnostic::error("x", "y")
            .at(Some(5..src.len() - 1))
            .locate(src);
        assert!(d
            .render("g.toml", src)
            .contains("1 | id = \"Diversité\"\n  |      ^^^^^^^^^^^\n"));
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

    /// The echoed line and the caret line of a rendering.
    fn echo(rendered: &str) -> (&str, &str) {
        let lines: Vec<&str> = rendered.lines().collect();
        let source = lines[3].split_once(" | ").unwrap().1;
        let caret = lines[4].split_once(" | ").unwrap().1;
        (source, caret)
    }

    #[test]
    fn a_one_megabyte_line_is_echoed_around_the_caret_only() {
        // Multi-byte characters all along, the mistake in the middle.
        let filler = "é😀a".repeat(120_000);
        let src = format!("x = \"{filler}\" + \"MISTAKE\" + \"{filler}\"\n");
        assert!(src.len() > 1_000_000);
        let start = src.find("\"MISTAKE\"").unwrap();
        let d = Diagnostic::error("x", "y")
            .at(Some(start..start + 9))
            .locate(&src);
        let rendered = d.render("big.toml", &src);
        assert!(rendered.len() < 2_000, "{} bytes", rendered.len());
        let (source, caret) = echo(&rendered);
        assert!(source.starts_with('…') && source.ends_with('…'));
        assert!((195..=ECHO_CHARS + 2).contains(&source.chars().count()));
        let under: String = source
            .chars()
            .skip(caret.chars().take_while(|&c| c == ' ').count())
            .take(9)
            .collect();
        assert_eq!(under, "\"MISTAKE\"");
        assert!(caret.ends_with(&"^".repeat(9)));
    }

    proptest! {
        /// Whatever the line and the span, the echo is at most about
        /// [`ECHO_CHARS`] characters and the caret sits under the span's
        /// first character.
        #[test]
        fn the_caret_sits_under_the_span_in_a_bounded_echo(
            line in "[aé😀\t ]{0,700}",
            start in 0usize..2800,
            len in 0usize..300,
        ) {
            let src = format!("{line}\nnext\n");
            let start = crate::diagnostic::line_index::floor_char_boundary(&src, start.min(line.len()));
            let d = Diagnostic::error("x", "y").at(Some(start..start + len)).locate(&src);
            let rendered = d.render("f.toml", &src);
            let (source, caret) = echo(&rendered);
            prop_assert!(source.chars().count() <= ECHO_CHARS + 2);
            let lead = caret.chars().take_while(|&c| c == ' ' || c == '\t').count();
            prop_assert!(caret.len() > lead && caret[lead..].chars().all(|c| c == '^'));
            let under = source.chars().nth(lead);
            prop_assert_eq!(under, line[start..].chars().next().or(under));
        }
    }

    #[test]
    fn a_caret_at_either_end_of_a_long_line_keeps_the_line_on_the_other_side() {
        let src = format!("{}\n", "é".repeat(1000));
        for (offset, cut_before, cut_after) in [(0, false, true), (src.len() - 1, true, false)] {
            let d = Diagnostic::error("x", "y")
                .at(Some(offset..offset))
                .locate(&src);
            let rendered = d.render("f.toml", &src);
            let (source, caret) = echo(&rendered);
            assert_eq!(source.starts_with('…'), cut_before, "{source}");
            assert_eq!(source.ends_with('…'), cut_after, "{source}");
            assert_eq!(source.chars().count(), ECHO_CHARS + 1);
            assert_eq!(
                caret.chars().count(),
                if cut_before { ECHO_CHARS + 2 } else { 1 }
            );
        }
    }

    #[test]
    fn a_table_cell_says_its_row_and_column() {
        let d = Diagnostic::error("unknown-code", "`9` is not an option")
            .with_hint("use 0 to 4")
            .with_path("collectif.accueil")
            .at_line_column(0, 3);
        let csv = TableRow::csv(Row::Data(11), 12);
        assert_eq!(
            d.styled(&Location::Cell {
                file: "b.csv",
                row: csv
            })
            .plain(),
            "error[unknown-code]: row 11, column 3 `collectif.accueil`: `9` is not an option\n  \
             --> b.csv:12\n   = hint: use 0 to 4\n"
        );
        let sheet = TableRow {
            sheet: Some("Sheet1"),
            ..csv
        };
        assert!(d
            .styled(&Location::Cell {
                file: "b.xlsx",
                row: sheet
            })
            .plain()
            .contains("  --> b.xlsx:Sheet1!C12\n"));
        let header = TableRow::csv(Row::Header, 1);
        let unnamed = Diagnostic::error("x", "y");
        assert_eq!(
            unnamed
                .styled(&Location::Cell {
                    file: "b.csv",
                    row: header
                })
                .plain(),
            "error[x]: header: y\n  --> b.csv:1\n"
        );
    }

    #[test]
    fn a_document_of_a_batch_counts_lines_in_the_batch_file() {
        let doc = "{\n  \"answers\": 3\n}";
        let start = doc.find('3').unwrap();
        let d = Diagnostic::error("wrong-type", "`answers` must be a table")
            .with_path("answers")
            .at(Some(start..start + 1))
            .locate(doc);
        let index = LineIndex::new(doc);
        let document = BatchDocument {
            label: "item 2",
            line: 41,
            text: Some(&index),
        };
        assert_eq!(
            d.styled(&Location::Document {
                file: "all.json",
                document
            })
            .plain(),
            "error[wrong-type]: item 2: `answers` must be a table\n  \
             --> all.json:42\n   |\n42 |   \"answers\": 3\n   |              ^\n   \
             = at: answers\n"
        );
        let unread = BatchDocument {
            text: None,
            ..document
        };
        assert_eq!(
            Diagnostic::error("unreadable", "not UTF-8")
                .styled(&Location::Document {
                    file: "all.json",
                    document: unread
                })
                .plain(),
            "error[unreadable]: item 2: not UTF-8\n  --> all.json:41\n"
        );
    }
}
