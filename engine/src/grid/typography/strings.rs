//! TOML string tokens read character by character, each character with the
//! bytes that wrote it: what lets the fixer rewrite one character of a value
//! and leave every other byte of the file alone, escapes included.

use std::ops::Range;

/// One character of a string value and where it is written.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Written {
    /// The character, as the value holds it.
    pub ch: char,
    /// The bytes of the source that write it (one escape may take several).
    pub bytes: Range<usize>,
    /// True when written as an escape (`\u00A0`, `\t`, …): a replacement is escaped too.
    pub escaped: bool,
}

/// The characters of the string token at `span` (quotes included), or `None`
/// when the span does not hold a string token.
pub(super) fn characters(source: &str, span: Range<usize>) -> Option<Vec<Written>> {
    let token = source.get(span.clone())?;
    let (quote, literal) = ["\"\"\"", "'''", "\"", "'"]
        .into_iter()
        .find(|q| token.starts_with(q) && token.ends_with(q) && token.len() >= 2 * q.len())
        .map(|q| (q.len(), q.starts_with('\'')))?;
    let mut start = span.start + quote;
    let end = span.end - quote;
    if quote == 3 {
        // A newline right after the opening quotes is not part of the value.
        if source[start..end].starts_with("\r\n") {
            start += 2;
        } else if source[start..end].starts_with('\n') {
            start += 1;
        }
    }
    let mut out = Vec::new();
    let mut at = start;
    while at < end {
        let ch = source[at..].chars().next()?;
        if ch != '\\' || literal {
            out.push(Written {
                ch,
                bytes: at..at + ch.len_utf8(),
                escaped: false,
            });
            at += ch.len_utf8();
            continue;
        }
        at = escape(source, at, end, &mut out)?;
    }
    Some(out)
}

/// Reads the escape at `at` (a backslash) and returns where the next character starts.
fn escape(source: &str, at: usize, end: usize, out: &mut Vec<Written>) -> Option<usize> {
    let rest = &source[at + 1..end];
    let simple = |c: char| -> Option<char> {
        Some(match c {
            'b' => '\u{8}',
            't' => '\t',
            'n' => '\n',
            'f' => '\u{c}',
            'r' => '\r',
            'e' => '\u{1b}',
            '"' => '"',
            '\\' => '\\',
            _ => return None,
        })
    };
    let first = rest.chars().next()?;
    let (ch, len) = match first {
        'u' | 'U' | 'x' => {
            let digits = match first {
                'u' => 4,
                'U' => 8,
                _ => 2,
            };
            let hex = rest.get(1..1 + digits)?;
            (
                char::from_u32(u32::from_str_radix(hex, 16).ok()?)?,
                1 + digits,
            )
        }
        c if c.is_whitespace() => {
            // A line-ending backslash: the newline and the whitespace after it vanish.
            let skipped = rest.len() - rest.trim_start().len();
            return Some(at + 1 + skipped);
        }
        c => (simple(c)?, 1),
    };
    out.push(Written {
        ch,
        bytes: at..at + 1 + len,
        escaped: true,
    });
    Some(at + 1 + len)
}

/// How `ch` is written in place of a character that was written as `like`:
/// escaped if it was, as is otherwise.
pub(super) fn write_like(ch: char, like: &Written) -> String {
    if like.escaped {
        format!("\\u{:04X}", ch as u32)
    } else {
        ch.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn chars_of(token: &str) -> String {
        characters(token, 0..token.len())
            .expect("a string token")
            .iter()
            .map(|w| w.ch)
            .collect()
    }

    #[test]
    fn every_kind_of_string_reads_as_toml_reads_it() {
        for token in [
            r#""l'eau : \u00e9t\u00E9 \"oui\" \\ \t""#,
            r"'C:\chemin litt\u00e9ral'",
            "\"\"\"\nligne 1\nligne \\\n    2 \"\" fin\"\"\"",
            "'''\nlittéral ''multi'' '''",
        ] {
            let doc = format!("v = {token}");
            let parsed: toml::Table = toml::from_str(&doc).unwrap();
            assert_eq!(chars_of(token), parsed["v"].as_str().unwrap(), "{token}");
        }
    }

    #[test]
    fn each_character_knows_the_bytes_that_write_it() {
        let token = r#""a\u00A0:""#;
        let chars = characters(token, 0..token.len()).unwrap();
        assert_eq!(chars[1].bytes, 2..8);
        assert!(chars[1].escaped);
        assert_eq!(&token[chars[2].bytes.clone()], ":");
        assert_eq!(write_like('\u{202f}', &chars[1]), "\\u202F");
    }
}
