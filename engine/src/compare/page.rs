//! One page of comparison text, laid out for a terminal or as Markdown: the
//! presentations say what goes on the page once, and the layout decides how.

use crate::markup::escape_markdown as md;
use crate::vocabulary::Language;
use std::fmt::Write;

/// How a page is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Layout {
    /// Aligned columns, underlined title, bullets, lines wrapped at 92.
    Text,
    /// Headings, pipe tables and lists, text escaped.
    Markdown,
}

/// A page being written, in a language (its punctuation).
pub(super) struct Page {
    layout: Layout,
    lang: Language,
    out: String,
}

impl Page {
    /// An empty page.
    pub fn new(layout: Layout, lang: Language) -> Self {
        Page {
            layout,
            lang,
            out: String::new(),
        }
    }

    /// The page's title.
    pub fn title(&mut self, text: &str) {
        match self.layout {
            Layout::Text => {
                let rule = "=".repeat(text.chars().count());
                let _ = writeln!(self.out, "{text}\n{rule}");
            }
            Layout::Markdown => {
                let _ = writeln!(self.out, "# {}\n", md(text));
            }
        }
    }

    /// A section heading.
    pub fn heading(&mut self, text: &str) {
        match self.layout {
            Layout::Text => {
                let _ = writeln!(self.out, "\n{text}");
            }
            Layout::Markdown => {
                if !self.out.ends_with("\n\n") {
                    self.out.push('\n');
                }
                let _ = writeln!(self.out, "## {}\n", md(text));
            }
        }
    }

    /// A labelled fact (`Grid: domino 1.0.0`), with the language's colon.
    pub fn fact(&mut self, label: &str, value: &str) {
        let colon = self.lang.colon();
        match self.layout {
            Layout::Text => {
                let _ = writeln!(self.out, "{label}{colon}{value}");
            }
            Layout::Markdown => {
                let _ = writeln!(self.out, "- **{}**{colon}{}", md(label), md(value));
            }
        }
    }

    /// A blank line (between the facts and what follows).
    pub fn blank(&mut self) {
        self.out.push('\n');
    }

    /// A line of text.
    pub fn line(&mut self, text: &str) {
        let text = match self.layout {
            Layout::Text => text.to_owned(),
            Layout::Markdown => md(text),
        };
        let _ = writeln!(self.out, "{text}");
    }

    /// A list item.
    pub fn item(&mut self, text: &str) {
        match self.layout {
            Layout::Text => {
                let _ = writeln!(self.out, "  • {}", wrap(text, 92, "    "));
            }
            Layout::Markdown => {
                let _ = writeln!(self.out, "- {}", md(text));
            }
        }
    }

    /// A table; `right` marks right-aligned columns. In Markdown a blank line
    /// follows it, or the next paragraph would be read as one more row.
    pub fn table(&mut self, head: &[String], rows: &[Vec<String>], right: &[bool]) {
        let right_at = |i: usize| right.get(i).copied().unwrap_or(false);
        match self.layout {
            Layout::Text => text_table(&mut self.out, head, rows, &right_at),
            Layout::Markdown => {
                let cells: Vec<String> = head.iter().map(|h| md(h)).collect();
                let _ = write!(self.out, "| {} |\n|", cells.join(" | "));
                for i in 0..head.len() {
                    self.out
                        .push_str(if right_at(i) { " ---: |" } else { " --- |" });
                }
                self.out.push('\n');
                for row in rows {
                    let cells: Vec<String> = row.iter().map(|c| md(c)).collect();
                    let _ = writeln!(self.out, "| {} |", cells.join(" | "));
                }
                self.out.push('\n');
            }
        }
    }

    /// The text of the page.
    pub fn finish(self) -> String {
        self.out
    }
}

/// Columns padded to their widest cell, a rule of dashes under the header.
fn text_table(
    out: &mut String,
    head: &[String],
    rows: &[Vec<String>],
    right: &dyn Fn(usize) -> bool,
) {
    let mut widths: Vec<usize> = head.iter().map(|h| h.chars().count()).collect();
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let mut line = |cells: &mut dyn Iterator<Item = &str>| {
        let mut s = String::new();
        for (i, (cell, w)) in cells.zip(&widths).enumerate() {
            let gap = " ".repeat(w.saturating_sub(cell.chars().count()));
            if i > 0 {
                s.push_str("  ");
            }
            if right(i) {
                s.push_str(&gap);
                s.push_str(cell);
            } else {
                s.push_str(cell);
                s.push_str(&gap);
            }
        }
        let _ = writeln!(out, "{}", s.trim_end());
    };
    line(&mut head.iter().map(String::as_str));
    let rules: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
    line(&mut rules.iter().map(String::as_str));
    for row in rows {
        line(&mut row.iter().map(String::as_str));
    }
}

/// Wraps `text` at `width` characters, continuation lines starting with `indent`.
fn wrap(text: &str, width: usize, indent: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut line = 0;
    for word in text.split(' ') {
        let n = word.chars().count();
        if line > 0 && line + 1 + n > width {
            out.push('\n');
            out.push_str(indent);
            line = indent.chars().count();
        } else if line > 0 {
            out.push(' ');
            line += 1;
        }
        out.push_str(word);
        line += n;
    }
    out
}
