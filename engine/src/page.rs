//! One page of text, laid out for a terminal or as Markdown: the presenters of
//! comparisons and of agreement between raters say what goes on the page once,
//! and the layout decides how.

use crate::markup::escape_markdown as md;
use crate::text_layout::{text_table, wrap};
use crate::vocabulary::Language;
use std::fmt::Write;

/// How a page is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Layout {
    /// Aligned columns, underlined title, bullets, lines wrapped at 92.
    Text,
    /// Headings, pipe tables and lists, text escaped.
    Markdown,
}

/// A page being written, in a language (its punctuation).
pub(crate) struct Page {
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

    /// A setting, written as is: a line in text, a list item in Markdown.
    pub fn setting(&mut self, text: &str) {
        match self.layout {
            Layout::Text => {
                let _ = writeln!(self.out, "{text}");
            }
            Layout::Markdown => {
                let _ = writeln!(self.out, "- {}", md(text));
            }
        }
    }

    /// Ends a table before a paragraph: a blank line in text (Markdown tables end
    /// with one already).
    pub fn after_table(&mut self) {
        if self.layout == Layout::Text {
            self.out.push('\n');
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
            Layout::Text => self.out.push_str(&text_table(head, rows, right_at)),
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
