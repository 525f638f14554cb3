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

/// A function of the rule language.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Function {
    /// `target(criterion)`: the target level.
    Target,
    /// `answered(criterion)`.
    Answered,
    /// `na(criterion)`.
    Na,
    /// `unknown(criterion)`.
    Unknown,
    /// `spread(criterion)`: the gap between raters.
    Spread,
    /// `score(axis)` or `score()`.
    Score,
    /// `coverage(axis)`.
    Coverage,
    /// `count(condition, …)`.
    Count,
    /// `min(number, …)`.
    Min,
    /// `max(number, …)`.
    Max,
}

/// Every function with its spelling.
pub(crate) const FUNCTIONS: [(&str, Function); 10] = [
    ("target", Function::Target),
    ("answered", Function::Answered),
    ("na", Function::Na),
    ("unknown", Function::Unknown),
    ("spread", Function::Spread),
    ("score", Function::Score),
    ("coverage", Function::Coverage),
    ("count", Function::Count),
    ("min", Function::Min),
    ("max", Function::Max),
];

/// The function spelt `name`, if it is one.
pub(crate) fn function(name: &str) -> Option<Function> {
    FUNCTIONS.iter().find(|(n, _)| *n == name).map(|(_, f)| *f)
}

/// The spellings of every function, for hints.
pub(crate) fn function_names<'a>() -> impl Iterator<Item = &'a str> + Clone {
    FUNCTIONS.iter().map(|(n, _)| -> &'a str { n })
}

/// The keyword spelt exactly `word`, if it is one.
pub(crate) fn keyword(word: &str) -> Option<Keyword> {
    KEYWORDS.iter().find(|(w, _)| *w == word).map(|(_, k)| *k)
}

/// Whether `word` is a keyword written in another case (`AND`, `Not`), for hints.
pub(crate) fn is_miscased_keyword(word: &str) -> bool {
    keyword(&word.to_ascii_lowercase()).is_some()
}
