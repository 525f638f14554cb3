//! Plain-text layout for terminals: padding to a width, paragraphs wrapped, tables in
//! aligned columns. Every presenter that writes text for a terminal (the CLI's reports,
//! summaries and grid listings, the engine's comparison and agreement pages) lays it out
//! here, so that two tables of the project line up the same way.
//!
//! Widths are counted in characters (`char`s), which is what a terminal shows for the
//! accented letters, typographic quotes and non-breaking spaces of French texts.

/// Pads `text` with spaces to `width` characters (left-aligned).
pub fn pad(text: &str, width: usize) -> String {
    let n = text.chars().count();
    if n >= width {
        text.to_owned()
    } else {
        format!("{text}{}", " ".repeat(width - n))
    }
}

/// Pads `text` with spaces to `width` characters (right-aligned).
pub fn pad_left(text: &str, width: usize) -> String {
    let n = text.chars().count();
    if n >= width {
        text.to_owned()
    } else {
        format!("{}{text}", " ".repeat(width - n))
    }
}

/// Wraps a paragraph at `width` characters of text per line, continuation lines starting
/// with `indent`. Only ASCII spaces break a line: a non-breaking space (before a French
/// colon) keeps its words together.
pub fn wrap(text: &str, width: usize, indent: &str) -> String {
    let mut out = String::with_capacity(text.len() + 16);
    let mut line_len = 0;
    for word in text.split_ascii_whitespace() {
        let n = word.chars().count();
        if line_len > 0 && line_len + 1 + n > width {
            out.push('\n');
            out.push_str(indent);
            line_len = 0;
        } else if line_len > 0 {
            out.push(' ');
            line_len += 1;
        }
        out.push_str(word);
        line_len += n;
    }
    out
}

/// A table in columns padded to their widest cell, two spaces apart, a rule of dashes
/// under the header; `right(i)` right-aligns column `i`. Lines end without trailing
/// spaces.
pub fn text_table<S: AsRef<str>>(
    head: &[S],
    rows: &[Vec<String>],
    right: impl Fn(usize) -> bool,
) -> String {
    let mut widths: Vec<usize> = head.iter().map(|h| h.as_ref().chars().count()).collect();
    for row in rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.chars().count());
        }
    }
    let mut out = String::new();
    let mut line = |cells: &mut dyn Iterator<Item = &str>| {
        let padded: Vec<String> = cells
            .zip(&widths)
            .enumerate()
            .map(|(i, (cell, &w))| {
                if right(i) {
                    pad_left(cell, w)
                } else {
                    pad(cell, w)
                }
            })
            .collect();
        out.push_str(padded.join("  ").trim_end());
        out.push('\n');
    };
    line(&mut head.iter().map(AsRef::as_ref));
    let rules: Vec<String> = widths.iter().map(|w| "-".repeat(*w)).collect();
    line(&mut rules.iter().map(String::as_str));
    for row in rows {
        line(&mut row.iter().map(String::as_str));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_non_breaking_space_never_breaks_a_line() {
        let text = "« Accueil »\u{a0}: un levier";
        let wrapped = wrap(text, 10, "  ");
        assert!(wrapped.contains("»\u{a0}:"), "{wrapped:?}");
        assert_eq!(wrap("un deux trois", 7, "  "), "un deux\n  trois");
    }

    #[test]
    fn columns_line_up_on_their_widest_cell() {
        let rows = vec![
            vec!["Écart".to_owned(), "1".to_owned()],
            vec!["b".to_owned(), "100".to_owned()],
        ];
        let table = text_table(&["a", "n"], &rows, |i| i == 1);
        assert_eq!(table, "a        n\n-----  ---\nÉcart    1\nb      100\n");
    }

    #[test]
    fn padding_counts_characters_not_bytes() {
        assert_eq!(pad("é", 3), "é  ");
        assert_eq!(pad_left("é", 3), "  é");
        assert_eq!(pad("long", 2), "long");
    }
}
