//! Colours on stderr: only on a terminal, never when `NO_COLOR` is set.

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

/// Colours a rendered diagnostic: severity, gutter, carets and hint.
pub fn paint_diagnostic(rendered: &str) -> String {
    if !color() {
        return rendered.to_owned();
    }
    let mut out = String::with_capacity(rendered.len() + 64);
    let mut severity = RED;
    for (i, line) in rendered.lines().enumerate() {
        if i == 0 {
            if line.starts_with("warning") {
                severity = YELLOW;
            }
            match line.split_once(": ") {
                Some((head, rest)) => {
                    out.push_str(&format!("{severity}{head}{RESET}{BOLD}: {rest}{RESET}"))
                }
                None => out.push_str(&paint(severity, line)),
            }
        } else if let Some((gutter, rest)) = line.split_once('|') {
            let carets = !rest.trim().is_empty() && rest.trim().chars().all(|c| c == '^');
            out.push_str(&format!("{BLUE}{gutter}|{RESET}"));
            if carets {
                out.push_str(&paint(severity, rest));
            } else {
                out.push_str(rest);
            }
        } else if line.trim_start().starts_with("= ") || line.trim_start().starts_with("-->") {
            out.push_str(&paint(CYAN, line));
        } else {
            out.push_str(line);
        }
        out.push('\n');
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
