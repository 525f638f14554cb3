//! Escaping untrusted text for HTML and XML (SVG) output.

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

#[cfg(test)]
mod tests {
    use super::escape;

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
