//! The words of the rule language, listed once: the lexer reads keywords from
//! here, the parser's and checker's hints name them from here.

/// A reserved word of the rule language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Keyword {
    /// `and`
    And,
    /// `or`
    Or,
    /// `not`
    Not,
    /// `in`
    In,
    /// `true`
    True,
    /// `false`
    False,
}

/// Every keyword with its spelling (keywords are lowercase).
pub(crate) const KEYWORDS: [(&str, Keyword); 6] = [
    ("and", Keyword::And),
    ("or", Keyword::Or),
    ("not", Keyword::Not),
    ("in", Keyword::In),
    ("true", Keyword::True),
    ("false", Keyword::False),
];

/// The functions of the language.
pub(crate) const FUNCTIONS: &[&str] = &[
    "target", "answered", "na", "unknown", "spread", "score", "coverage", "count", "min", "max",
];

/// The keyword spelt exactly `word`, if it is one.
pub(crate) fn keyword(word: &str) -> Option<Keyword> {
    KEYWORDS.iter().find(|(w, _)| *w == word).map(|(_, k)| *k)
}

/// Whether `word` is a keyword written in another case (`AND`, `Not`), for hints.
pub(crate) fn is_miscased_keyword(word: &str) -> bool {
    keyword(&word.to_ascii_lowercase()).is_some()
}
