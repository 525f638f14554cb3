//! Splits a condition into tokens.
//!
//! The lexer never fails outright: it records errors and keeps going, so that one
//! compilation reports as many problems as possible. Common habits from other
//! languages (`&&`, `||`, `!`, `=`, `<>`, `=<`, `=>`) are reported with a hint and
//! replaced by the intended token, so parsing and checking can go on.
//!
//! Identifiers are made of ASCII letters, digits, `_` and `-` (grid ids may contain
//! dashes): `a-b` is one identifier, a subtraction needs spaces (`a - b`) or a
//! non-identifier character before the `-` (`score(a)-1`).

use super::error::{RuleError, RuleErrorKind};
use super::keywords::{keyword, Keyword};
use std::ops::Range;

/// The kinds of tokens.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Tok {
    /// A number literal.
    Number(f64),
    /// A string literal, unescaped.
    Str(String),
    /// An identifier (not a keyword).
    Ident,
    /// `true` or `false`.
    Bool(bool),
    /// `and`
    And,
    /// `or`
    Or,
    /// `not`
    Not,
    /// `in`
    In,
    /// `==`
    Eq,
    /// `!=`
    Ne,
    /// `<`
    Lt,
    /// `<=`
    Le,
    /// `>`
    Gt,
    /// `>=`
    Ge,
    /// `+`
    Plus,
    /// `-`
    Minus,
    /// `*`
    Star,
    /// `/`
    Slash,
    /// `(`
    LParen,
    /// `)`
    RParen,
    /// `[`
    LBracket,
    /// `]`
    RBracket,
    /// `,`
    Comma,
    /// `.`
    Dot,
}

/// A token and where it is.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Token {
    /// What it is.
    pub tok: Tok,
    /// Its bytes in the source.
    pub span: Range<usize>,
}

/// The result of lexing.
pub(crate) struct Lexed {
    /// The tokens, including substitutes for recoverable mistakes.
    pub tokens: Vec<Token>,
    /// Errors found.
    pub errors: Vec<RuleError>,
    /// Whether some text was dropped (unexpected characters, broken strings): parsing
    /// what remains would only produce confusing follow-up errors.
    pub lossy: bool,
}

fn is_ident_start(c: u8) -> bool {
    c.is_ascii_alphabetic() || c == b'_'
}

fn is_ident_char(c: u8) -> bool {
    c.is_ascii_alphanumeric() || c == b'_'
}

/// Splits `source` into tokens.
pub(crate) fn lex(source: &str) -> Lexed {
    let bytes = source.as_bytes();
    let mut out = Lexed {
        tokens: Vec::new(),
        errors: Vec::new(),
        lossy: false,
    };
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        let start = i;
        let (tok, end) = match c {
            b' ' | b'\t' | b'\n' | b'\r' => {
                i += 1;
                continue;
            }
            b'0'..=b'9' => {
                let (tok, end, next) = number(source, start, &mut out);
                i = next;
                (tok, end)
            }
            c if is_ident_start(c) => {
                i = ident_end(bytes, i);
                (word(&source[start..i]), i)
            }
            b'\'' | b'"' => {
                let (tok, end) = string(source, start, &mut out);
                i = end;
                (tok, end)
            }
            b'=' | b'!' | b'<' | b'>' | b'&' | b'|' => {
                let (tok, end) = operator(source, start, &mut out);
                i = end;
                (tok, end)
            }
            _ => match punctuation(c) {
                Some(tok) => {
                    i += 1;
                    (tok, i)
                }
                None => {
                    let ch = source[start..].chars().next().unwrap_or('\u{FFFD}');
                    i += ch.len_utf8();
                    out.errors.push(unexpected_char(ch, start..i));
                    out.lossy = true;
                    continue;
                }
            },
        };
        out.tokens.push(Token {
            tok,
            span: start..end,
        });
    }
    out
}

/// The number starting at `start`, where its digits end, and where lexing
/// goes on: a number glued to a name (`3abc`) is reported and the name
/// skipped.
fn number(source: &str, start: usize, out: &mut Lexed) -> (Tok, usize, usize) {
    let bytes = source.as_bytes();
    let at = |n: usize| bytes.get(n).copied();
    let mut i = start;
    while at(i).is_some_and(|b| b.is_ascii_digit()) {
        i += 1;
    }
    if at(i) == Some(b'.') && at(i + 1).is_some_and(|b| b.is_ascii_digit()) {
        i += 1;
        while at(i).is_some_and(|b| b.is_ascii_digit()) {
            i += 1;
        }
    }
    let tok = match source[start..i].parse::<f64>() {
        Ok(n) if n.is_finite() => Tok::Number(n),
        _ => {
            out.errors.push(RuleError::new(
                RuleErrorKind::Syntax,
                start..i,
                "this number is too large",
            ));
            Tok::Number(0.0)
        }
    };
    if !at(i).is_some_and(is_ident_start) {
        return (tok, i, i);
    }
    let end = ident_end(bytes, i);
    out.errors.push(
        RuleError::new(
            RuleErrorKind::Syntax,
            start..end,
            format!("`{}` is neither a number nor a name", &source[start..end]),
        )
        .hint("names start with a letter; put an operator between a number and a name"),
    );
    out.lossy = true;
    (tok, i, end)
}

/// A keyword's token, or `Ident` for any other word.
fn word(text: &str) -> Tok {
    match keyword(text) {
        Some(Keyword::And) => Tok::And,
        Some(Keyword::Or) => Tok::Or,
        Some(Keyword::Not) => Tok::Not,
        Some(Keyword::In) => Tok::In,
        Some(Keyword::True) => Tok::Bool(true),
        Some(Keyword::False) => Tok::Bool(false),
        None => Tok::Ident,
    }
}

/// The comparison or logical operator at `start` and where it ends; the
/// spellings of other languages (`=`, `=<`, `<>`, `&&`, `!` …) are read as
/// the operator they mean and reported with the one to write.
fn operator(source: &str, start: usize, out: &mut Lexed) -> (Tok, usize) {
    let bytes = source.as_bytes();
    let c = bytes[start];
    let next = bytes.get(start + 1).copied();
    let (tok, len, fix): (Tok, usize, Option<&str>) = match (c, next) {
        (b'=', Some(b'=')) => (Tok::Eq, 2, None),
        (b'=', Some(b'<')) => (Tok::Le, 2, Some("<=")),
        (b'=', Some(b'>')) => (Tok::Ge, 2, Some(">=")),
        (b'=', _) => (Tok::Eq, 1, Some("==")),
        (b'!', Some(b'=')) => (Tok::Ne, 2, None),
        (b'!', _) => (Tok::Not, 1, Some("not")),
        (b'<', Some(b'=')) => (Tok::Le, 2, None),
        (b'<', Some(b'>')) => (Tok::Ne, 2, Some("!=")),
        (b'<', _) => (Tok::Lt, 1, None),
        (b'>', Some(b'=')) => (Tok::Ge, 2, None),
        (b'>', _) => (Tok::Gt, 1, None),
        (b'&', Some(b'&')) => (Tok::And, 2, Some("and")),
        (b'&', _) => (Tok::And, 1, Some("and")),
        (b'|', Some(b'|')) => (Tok::Or, 2, Some("or")),
        _ => (Tok::Or, 1, Some("or")),
    };
    let end = start + len;
    if let Some(fix) = fix {
        let written = &source[start..end];
        out.errors.push(
            RuleError::new(
                RuleErrorKind::Syntax,
                start..end,
                format!("`{written}` is not an operator of this language"),
            )
            .hint(format!("write `{fix}`")),
        );
    }
    (tok, end)
}

/// The token of a one-byte punctuation mark, if `c` is one.
fn punctuation(c: u8) -> Option<Tok> {
    match c {
        b'+' => Some(Tok::Plus),
        b'-' => Some(Tok::Minus),
        b'*' => Some(Tok::Star),
        b'/' => Some(Tok::Slash),
        b'(' => Some(Tok::LParen),
        b')' => Some(Tok::RParen),
        b'[' => Some(Tok::LBracket),
        b']' => Some(Tok::RBracket),
        b',' => Some(Tok::Comma),
        b'.' => Some(Tok::Dot),
        _ => None,
    }
}

/// End of the identifier starting at `i`: letters, digits, `_`, and `-` between two of those.
fn ident_end(bytes: &[u8], mut i: usize) -> usize {
    while i < bytes.len() {
        if is_ident_char(bytes[i]) {
            i += 1;
        } else if bytes[i] == b'-' && bytes.get(i + 1).is_some_and(|&b| is_ident_char(b)) {
            i += 2;
        } else {
            break;
        }
    }
    i
}

fn unexpected_char(ch: char, span: Range<usize>) -> RuleError {
    let error = RuleError::new(
        RuleErrorKind::Syntax,
        span,
        format!("unexpected character `{}`", ch.escape_debug()),
    );
    if ch.is_alphabetic() {
        error.hint("names use ASCII letters only: grid ids are written without accents")
    } else if matches!(ch, '‘' | '’' | '“' | '”' | '«' | '»') {
        error.hint("write strings between straight quotes: 'text' or \"text\"")
    } else if ch == '%' {
        error.hint("scores and coverages are already percentages: write `score(axis) < 40`")
    } else {
        error
    }
}

/// Reads a string literal starting at the quote at `start`; returns the token and the end offset.
fn string(source: &str, start: usize, out: &mut Lexed) -> (Tok, usize) {
    let quote = source.as_bytes()[start] as char;
    let mut value = String::new();
    let mut chars = source[start + 1..].char_indices();
    while let Some((offset, ch)) = chars.next() {
        let at = start + 1 + offset;
        match ch {
            c if c == quote => return (Tok::Str(value), at + 1),
            '\\' => match chars.next() {
                Some((_, c @ ('\'' | '"' | '\\'))) => value.push(c),
                Some((o, c)) => {
                    let end = start + 1 + o + c.len_utf8();
                    out.errors.push(
                        RuleError::new(
                            RuleErrorKind::Syntax,
                            at..end,
                            format!("unknown escape `\\{}` in a string", c.escape_debug()),
                        )
                        .hint(r#"only `\'`, `\"` and `\\` are escapes"#),
                    );
                    out.lossy = true;
                    value.push(c);
                }
                None => break,
            },
            c => value.push(c),
        }
    }
    out.errors.push(
        RuleError::new(
            RuleErrorKind::Syntax,
            start..source.len(),
            "this string is never closed",
        )
        .hint(format!("end it with {quote}")),
    );
    out.lossy = true;
    (Tok::Str(value), source.len())
}
