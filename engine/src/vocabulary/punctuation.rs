//! Punctuation belongs to the language: French puts a non-breaking space (U+00A0) before
//! « : », « ; », « ? », « ! » and « % », English none.

use super::Language;
use std::fmt::Display;

/// U+00A0, the non-breaking space of French typography.
const NBSP: char = '\u{a0}';

impl Language {
    /// What separates a label from its value: `\u{a0}: ` in French, `: ` in English.
    pub fn colon(self) -> &'static str {
        match self {
            Language::Fr => "\u{a0}: ",
            Language::En => ": ",
        }
    }

    /// What separates the items of a list that may hold commas: `\u{a0}; ` in French, `; `
    /// in English.
    pub fn semicolon(self) -> &'static str {
        match self {
            Language::Fr => "\u{a0}; ",
            Language::En => "; ",
        }
    }

    /// `label : value` with the language's colon.
    pub fn labelled(self, label: &str, value: impl Display) -> String {
        format!("{label}{}{value}", self.colon())
    }

    /// A question in the language's punctuation: `Pourquoi ?` (with U+00A0), `Why?`.
    pub fn question(self, words: &str) -> String {
        match self {
            Language::Fr => format!("{words}{NBSP}?"),
            Language::En => format!("{words}?"),
        }
    }

    /// A quotation: `«\u{a0}text\u{a0}»` in French, `“text”` in English.
    pub fn quoted(self, text: &str) -> String {
        match self {
            Language::Fr => format!("«{NBSP}{text}{NBSP}»"),
            Language::En => format!("“{text}”"),
        }
    }

    /// A percentage: `86 %` (with U+00A0) in French, `86%` in English.
    pub fn percent(self, figure: impl Display) -> String {
        match self {
            Language::Fr => format!("{figure}{NBSP}%"),
            Language::En => format!("{figure}%"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn french_puts_a_non_breaking_space_before_a_colon_english_none() {
        assert_eq!(Language::Fr.labelled("elu", 4), "elu\u{a0}: 4");
        assert_eq!(Language::En.labelled("elu", 4), "elu: 4");
        assert_eq!(Language::Fr.semicolon(), "\u{a0}; ");
        assert_eq!(Language::En.semicolon(), "; ");
    }

    #[test]
    fn questions_and_percentages_follow_the_language() {
        assert_eq!(Language::Fr.question("Pourquoi"), "Pourquoi\u{a0}?");
        assert_eq!(Language::En.question("Why"), "Why?");
        assert_eq!(Language::Fr.percent(86), "86\u{a0}%");
        assert_eq!(Language::En.percent(86), "86%");
        assert_eq!(Language::Fr.quoted("Accueil"), "«\u{a0}Accueil\u{a0}»");
        assert_eq!(Language::En.quoted("Welcome"), "“Welcome”");
    }

    #[test]
    fn no_english_text_has_a_space_before_its_punctuation() {
        let texts = [
            Language::En.colon().to_owned(),
            Language::En.semicolon().to_owned(),
            Language::En.question("Why"),
            Language::En.percent(1),
        ];
        for t in texts {
            for bad in [" :", " ;", " ?", " %"] {
                assert!(!t.contains(bad), "{t:?}");
            }
            assert!(!t.contains(NBSP), "{t:?}");
        }
    }
}
