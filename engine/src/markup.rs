//! Escaping untrusted text for HTML and XML (SVG) output, and for Markdown.

/// Escapes `text` for HTML or XML content and attribute values: the five
/// markup characters become entities (`&#39;` for the apostrophe, which both
/// HTML and XML read), and control characters other than newline and tab are
/// dropped, since XML 1.0 forbids them and they have no visible form in HTML.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c if c.is_control() && c != '\n' && c != '\t' => {}
            c => out.push(c),
        }
    }
    out
}

/// Escapes `text` for a Markdown paragraph or table cell: the characters
/// Markdown reads as markup (vertical bar, asterisk, underscore, backtick,
/// brackets, angle brackets, hash, backslash) get a backslash, line
/// breaks become spaces (a cell is one line) and other control characters are
/// dropped, as in [`escape`].
pub fn escape_markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '|' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '#' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            '\n' | '\r' => out.push(' '),
            c if c.is_control() && c != '\t' => {}
            c => out.push(c),
        }
    }
    out
}

/// A Markdown code span holding `text` on one line: between single backticks, or between
/// double ones (with a space inside) when `text` holds a backtick itself.
pub fn markdown_code(text: &str) -> String {
    let text = text.replace(['\n', '\r'], " ");
    if text.contains('`') {
        format!("`` {text} ``")
    } else {
        format!("`{text}`")
    }
}

#[cfg(test)]
mod tests {
    use super::{escape, escape_markdown, markdown_code};

    #[test]
    fn a_code_span_holds_its_backticks_and_stays_on_one_line() {
        assert_eq!(markdown_code("a.b"), "`a.b`");
        assert_eq!(markdown_code("a`b\nc"), "`` a`b c ``");
    }

    #[test]
    fn markdown_markup_is_escaped_and_a_text_stays_on_one_line() {
        assert_eq!(
            escape_markdown("a|b *c* _d_ `e` [f](g) <h> #i \\j\nk\u{1b}"),
            "a\\|b \\*c\\* \\_d\\_ \\`e\\` \\[f\\](g) \\<h\\> \\#i \\\\j k"
        );
    }

    #[test]
    fn markup_characters_become_entities() {
        assert_eq!(
            escape(r#"<a href="x">Tom & Jerry's</a>"#),
            "&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;"
        );
    }

    #[test]
    fn control_characters_are_dropped_but_newlines_and_tabs_kept() {
        assert_eq!(escape("a\u{0}b\u{1b}[31mc\u{7f}\nd\te"), "ab[31mc\nd\te");
    }

    #[test]
    fn other_text_is_unchanged() {
        assert_eq!(escape("Économie — 😀 ∑"), "Économie — 😀 ∑");
    }
}
