//! Reading multilingual texts and ids from a grid document.

use crate::document::{Node, Sink, TableReader, Value};
use crate::text::Text;

/// Ids: a lowercase ASCII letter, then lowercase letters, digits, `_` or `-`; at most 64 bytes.
pub(crate) fn is_valid_id(id: &str) -> bool {
    let mut chars = id.chars();
    matches!(chars.next(), Some('a'..='z'))
        && id.len() <= 64
        && chars.all(|c| matches!(c, 'a'..='z' | '0'..='9' | '_' | '-'))
}

/// Reads a required id under `key` and checks its form.
pub(crate) fn read_id<'a>(
    table: &TableReader<'a>,
    key: &str,
    what: &str,
    sink: &mut Sink,
) -> Option<&'a str> {
    let id = table.req_str(key, what, sink)?;
    if !is_valid_id(id) {
        sink.error_hint(
            "invalid-id",
            format!("`{id}` is not a valid id{}", crate::diagnostic::non_ascii_note(id)),
            "ids use lowercase ASCII letters, digits, `_` and `-`, start with a letter and are at most 64 characters long".into(),
            table.get(key).and_then(|n| n.span.clone()),
            &table.path_of(key),
        );
        return None;
    }
    Some(id)
}

/// Reads the text under `key` in every declared language.
/// Returns `None` (after recording an error when `required`) if absent or malformed.
pub(crate) fn read_text(
    table: &TableReader<'_>,
    key: &str,
    languages: &[String],
    required: bool,
    sink: &mut Sink,
) -> Option<Text> {
    let Some(node) = table.get(key) else {
        if required {
            table.missing(key, "a text in each language", sink);
        }
        return None;
    };
    text_of(node, &table.path_of(key), languages, sink)
}

/// Reads a text node: a table `{ fr = "…", en = "…" }`, or a plain string in a one-language grid.
/// With no declared language (the grid's header was refused), any language is taken.
pub(crate) fn text_of(
    node: &Node,
    path: &str,
    languages: &[String],
    sink: &mut Sink,
) -> Option<Text> {
    match &node.value {
        Value::Str(s) if languages.len() <= 1 => {
            let lang = languages.first().cloned().unwrap_or_else(|| "fr".into());
            check_not_empty(s, node, path, sink);
            Some(Text::new(vec![(lang, s.clone())]))
        }
        Value::Str(_) => {
            sink.error_hint(
                "missing-translation",
                format!(
                    "`{path}` must give a text in each language ({})",
                    languages.join(", ")
                ),
                format!(
                    "write `{{ {} }}`",
                    languages
                        .iter()
                        .map(|l| format!("{l} = \"…\""))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
                node.span.clone(),
                path,
            );
            None
        }
        Value::Table(_) => text_table(node, path, languages, sink),
        other => {
            sink.error(
                "wrong-type",
                format!(
                    "`{path}` must be a text table like {{ fr = \"…\" }}, found {}",
                    other.kind()
                ),
                node.span.clone(),
                path,
            );
            None
        }
    }
}

/// A text table: a string in each declared language, and none in another.
fn text_table(node: &Node, path: &str, languages: &[String], sink: &mut Sink) -> Option<Text> {
    let t = TableReader::new(node, path, sink)?;
    let mut entries = Vec::with_capacity(languages.len());
    let mut ok = text_entries_declared(&t, path, languages, sink);
    for lang in languages {
        match t.get(lang).map(|n| (&n.value, n)) {
            Some((Value::Str(s), n)) => {
                check_not_empty(s, n, &t.path_of(lang), sink);
                entries.push((lang.clone(), s.clone()));
            }
            Some(_) => {}
            None => {
                sink.error_hint(
                    "missing-translation",
                    format!("`{path}` has no text in `{lang}`"),
                    format!("add `{lang} = \"…\"`"),
                    node.span.clone().map(|s| s.start..s.start + 1),
                    path,
                );
                ok = false;
            }
        }
    }
    ok.then(|| Text::new(entries))
}

/// Reports the texts of `t` in an undeclared language or not written as a
/// string; true when there is none.
fn text_entries_declared(
    t: &TableReader<'_>,
    path: &str,
    languages: &[String],
    sink: &mut Sink,
) -> bool {
    let mut ok = true;
    for (lang, span, value) in t.entries() {
        // No declared language (the `[grid]` table is refused):
        // the texts cannot be checked against it.
        if !languages.is_empty() && !languages.iter().any(|l| l == lang) {
            sink.error_hint(
                "unknown-language",
                format!("`{path}` has a text in `{lang}`, which the grid does not declare"),
                format!(
                    "declared languages: {}; add `{lang}` to `grid.languages` or remove this text",
                    languages.join(", ")
                ),
                span,
                &t.path_of(lang),
            );
            ok = false;
            continue;
        }
        match &value.value {
            Value::Str(_) => {}
            other => {
                sink.error(
                    "wrong-type",
                    format!(
                        "`{}` must be a string, found {}",
                        t.path_of(lang),
                        other.kind()
                    ),
                    value.span.clone(),
                    &t.path_of(lang),
                );
                ok = false;
            }
        }
    }
    ok
}

fn check_not_empty(s: &str, node: &Node, path: &str, sink: &mut Sink) {
    if s.trim().is_empty() {
        sink.error_hint(
            "empty-text",
            format!("`{path}` is empty"),
            "write the text, or remove the key if it is optional".into(),
            node.span.clone(),
            path,
        );
    }
}
