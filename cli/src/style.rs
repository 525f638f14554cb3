//! Colours on stderr: only on a terminal, never when `NO_COLOR` is set.

use domino_engine::diagnostic::{Location, Style, Styled};
use domino_engine::{Diagnostic, Severity};
use std::io::{IsTerminal, Write};
use std::sync::OnceLock;

/// True when messages on stderr may be coloured.
pub fn color() -> bool {
    static COLOR: OnceLock<bool> = OnceLock::new();
    *COLOR.get_or_init(|| {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        !no_color && std::io::stderr().is_terminal()
    })
}

const RED: &str = "\x1b[1;31m";
const YELLOW: &str = "\x1b[1;33m";
const BLUE: &str = "\x1b[1;34m";
const CYAN: &str = "\x1b[36m";
const BOLD: &str = "\x1b[1m";
const RESET: &str = "\x1b[0m";

fn paint(code: &str, text: &str) -> String {
    if color() {
        format!("{code}{text}{RESET}")
    } else {
        text.to_owned()
    }
}

/// A diagnostic rendered by the engine for `at`, coloured on a terminal.
pub fn diagnostic(d: &Diagnostic, at: &Location<'_>) -> String {
    let styled = d.styled(at);
    if color() {
        ansi(&styled)
    } else {
        styled.plain()
    }
}

/// The pieces of a rendered diagnostic, each in its terminal colour.
fn ansi(styled: &Styled) -> String {
    let severity = match styled.severity {
        Severity::Error => RED,
        Severity::Warning => YELLOW,
    };
    let mut out = String::with_capacity(256);
    for (style, text) in &styled.pieces {
        let code = match style {
            Style::Severity | Style::Code | Style::Caret => severity,
            Style::Message => BOLD,
            Style::Location | Style::Note => CYAN,
            Style::Gutter => BLUE,
            Style::Source | Style::Plain => {
                out.push_str(text);
                continue;
            }
        };
        out.push_str(&format!("{code}{text}{RESET}"));
    }
    out
}

/// Writes to stderr, ignoring failures (there is nowhere else to report them).
pub fn eprint(text: &str) {
    let _ = std::io::stderr().lock().write_all(text.as_bytes());
}

/// Prints `error: message` on stderr.
pub fn error_line(message: &str) {
    eprint(&format!("{}: {message}\n", paint(RED, "error")));
}

/// Prints `warning: message` on stderr.
pub fn warning_line(message: &str) {
    eprint(&format!("{}: {message}\n", paint(YELLOW, "warning")));
}

/// Prints a neutral note on stderr.
pub fn note_line(message: &str) {
    eprint(&format!("{message}\n"));
}

/// Green check mark text (`ok`).
pub fn ok(text: &str) -> String {
    paint("\x1b[1;32m", text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use domino_engine::LineIndex;

    fn strip_ansi(text: &str) -> String {
        let mut out = String::new();
        let mut chars = text.chars();
        while let Some(c) = chars.next() {
            if c == '\x1b' {
                chars.by_ref().find(|&c| c == 'm');
            } else {
                out.push(c);
            }
        }
        out
    }

    #[test]
    fn colours_follow_the_pieces_and_leave_the_text_unchanged() {
        let src = "scale = \"levels\"\n";
        let index = LineIndex::new(src);
        let at = Location::Text {
            file: "g.toml",
            index: &index,
        };
        for (d, colour) in [
            (Diagnostic::error("unknown-scale", "unknown scale"), RED),
            (Diagnostic::warning("unused", "never used"), YELLOW),
        ] {
            let styled = d.at(Some(8..16)).locate(src).styled(&at);
            let painted = ansi(&styled);
            assert_eq!(strip_ansi(&painted), styled.plain());
            assert!(painted.starts_with(&format!("{colour}{}{RESET}", styled.pieces[0].1)));
            assert!(painted.contains(&format!("{colour}^^^^^^^^{RESET}")));
            assert!(painted.contains(&format!("{BLUE}1 |{RESET} scale")));
        }
    }
}
