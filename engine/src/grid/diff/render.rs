//! A [`GridDiff`] in words: a text table for the terminal, Markdown for a
//! document, JSON for tools; texts in the chosen language.

use super::{FieldChange, GridDiff, ItemDiff, Shown};
use crate::markup::{escape_markdown as md, markdown_code as code};
use crate::vocabulary::{GridDiffLabels, Language};
use serde_json::{json, Value};
use std::fmt::Write;

/// How a diff is presented.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DiffFormat {
    /// Aligned plain text.
    Table,
    /// Markdown.
    Markdown,
    /// JSON: stable codes, texts in the chosen language.
    Json,
}

impl GridDiff {
    /// The diff as `format`, texts in `lang` (the grid's default language when it lacks `lang`).
    pub fn render(&self, format: DiffFormat, lang: &str) -> String {
        let w = Words::of(lang);
        match format {
            DiffFormat::Table => self.table(&w, lang),
            DiffFormat::Markdown => self.markdown(&w, lang),
            DiffFormat::Json => {
                let mut s = serde_json::to_string_pretty(&self.json(lang)).unwrap_or_default();
                s.push('\n');
                s
            }
        }
    }

    /// The first line; `escape` prepares the versions (free text) for the format.
    fn headline(&self, w: &Words, escape: impl Fn(&str) -> String) -> String {
        let (old, new) = (escape(&self.old_version), escape(&self.new_version));
        let mut line = (w.headline)(&self.id, &old, &new);
        if self.crosswalk {
            line.push_str(&(w.matched)(&old));
        }
        if self.is_empty() {
            line.push_str(w.colon());
            line.push_str(w.no_change);
        }
        line
    }

    fn table(&self, w: &Words, lang: &str) -> String {
        let mut out = self.headline(w, str::to_owned);
        out.push('\n');
        let width = self
            .sections
            .iter()
            .flat_map(|s| &s.items)
            .map(|i| w.status(i.status).chars().count())
            .max()
            .unwrap_or(0);
        for section in &self.sections {
            let _ = write!(out, "\n{}\n", w.section(section.kind));
            for item in &section.items {
                let status = w.status(item.status);
                let pad = " ".repeat(width - status.chars().count());
                let _ = writeln!(
                    out,
                    "  {status}{pad}  {}{}",
                    item.id,
                    from(item, |s| s.to_owned())
                );
                let indent = " ".repeat(width + 4);
                for f in &item.fields {
                    let _ = writeln!(
                        out,
                        "{indent}{}{}{}",
                        f.field,
                        w.colon(),
                        change(f, w, lang, str::to_owned, str::to_owned)
                    );
                }
                if !item.typography.is_empty() {
                    let fields = item.typography.join(", ");
                    let _ = writeln!(out, "{indent}{}{}{fields}", w.typography, w.colon());
                }
                if let Some(note) = &item.note {
                    let _ = writeln!(out, "{indent}{}{}{}", w.note, w.colon(), note.get(lang));
                }
            }
        }
        out
    }

    fn markdown(&self, w: &Words, lang: &str) -> String {
        let mut out = format!("# {}\n", self.headline(w, md));
        for section in &self.sections {
            let _ = write!(out, "\n## {}\n\n", w.section(section.kind));
            for item in &section.items {
                let _ = writeln!(
                    out,
                    "- **{}** {}{}",
                    w.status(item.status),
                    code(&item.id),
                    from(item, code)
                );
                for f in &item.fields {
                    let shown = change(f, w, lang, md, code);
                    let _ = writeln!(out, "  - {}{}{shown}", code(&f.field), w.colon());
                }
                if !item.typography.is_empty() {
                    let fields: Vec<String> = item.typography.iter().map(|f| code(f)).collect();
                    let _ = writeln!(
                        out,
                        "  - {}{}{}",
                        w.typography,
                        w.colon(),
                        fields.join(", ")
                    );
                }
                if let Some(note) = &item.note {
                    let _ = writeln!(out, "  - *{}*", md(note.get(lang)));
                }
            }
        }
        out
    }

    fn json(&self, lang: &str) -> Value {
        let shown = |s: &Shown| match s {
            Shown::Absent => Value::Null,
            Shown::Plain(p) => json!(p),
            Shown::Text(t) => json!(t.get(lang)),
        };
        let item = |i: &ItemDiff| {
            json!({
                "id": i.id,
                "change": i.status.code(),
                "from": i.from,
                "fields": i.fields.iter().map(|f| json!({
                    "field": f.field,
                    "before": shown(&f.before),
                    "after": shown(&f.after),
                })).collect::<Vec<_>>(),
                "typography": i.typography,
                "note": i.note.as_ref().map(|n| n.get(lang)),
            })
        };
        json!({
            "grid": self.id,
            "from": self.old_version,
            "to": self.new_version,
            "crosswalk": self.crosswalk,
            "sections": self.sections.iter().map(|s| json!({
                "section": s.kind.code(),
                "items": s.items.iter().map(item).collect::<Vec<_>>(),
            })).collect::<Vec<_>>(),
        })
    }
}

/// ` ← old.id, other.id` for items that come from other ids.
fn from(item: &ItemDiff, code: impl Fn(&str) -> String) -> String {
    if item.from.is_empty() {
        return String::new();
    }
    let ids: Vec<String> = item.from.iter().map(|i| code(i)).collect();
    format!(" ← {}", ids.join(", "))
}

/// `before → after`, texts quoted and escaped by `escape`, other values shown by `plain`.
fn change(
    f: &FieldChange,
    w: &Words,
    lang: &str,
    escape: impl Fn(&str) -> String,
    plain: impl Fn(&str) -> String,
) -> String {
    let show = |s: &Shown| match s {
        Shown::Absent => w.absent.to_owned(),
        Shown::Plain(p) => plain(p),
        Shown::Text(t) => w.lang.quoted(&escape(t.get(lang))),
    };
    format!("{} → {}", show(&f.before), show(&f.after))
}

/// The words of a diff in the language of its texts, and that language's punctuation.
struct Words {
    lang: Language,
    labels: &'static GridDiffLabels,
}

impl Words {
    fn of(lang: &str) -> Words {
        let lang = Language::of_text(lang);
        Words {
            lang,
            labels: lang.grid_diff(),
        }
    }

    fn colon(&self) -> &'static str {
        self.lang.colon()
    }
}

impl std::ops::Deref for Words {
    type Target = GridDiffLabels;
    fn deref(&self) -> &GridDiffLabels {
        self.labels
    }
}
