//! Numbers as people read them: the language's decimal separator, no needless zeros.

use super::Language;
use crate::report::Coverage;

/// What is shown where there is no figure (an axis with nothing answered has no score).
pub const NO_FIGURE: &str = "—";

impl Language {
    /// `value` with `decimals` decimals and the language's separator (`62,5` in French,
    /// `62.5` in English).
    pub fn number(self, value: f64, decimals: usize) -> String {
        let s = format!("{:.decimals$}", value + 0.0);
        match self {
            Language::Fr => s.replace('.', ","),
            Language::En => s,
        }
    }

    /// A score as shown to people: two decimals at most, no trailing zeros, the language's
    /// decimal separator; `—` when there is no score.
    pub fn score(self, score: Option<f64>) -> String {
        let Some(v) = score else {
            return NO_FIGURE.to_owned();
        };
        let rounded = (v * 100.0).round() / 100.0 + 0.0;
        let s = rounded.to_string();
        match self {
            Language::Fr => s.replace('.', ","),
            Language::En => s,
        }
    }

    /// How much of an axis was answered: `12/14 (86 %)`, or `0/0` when nothing applies.
    pub fn coverage(self, c: &Coverage) -> String {
        match c.percent {
            Some(p) => format!(
                "{}/{} ({})",
                c.answered,
                c.applicable,
                self.percent(self.number(p.round(), 0))
            ),
            None => format!("{}/{}", c.answered, c.applicable),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_keep_two_decimals_at_most_in_the_language_s_notation() {
        assert_eq!(Language::Fr.score(Some(62.5)), "62,5");
        assert_eq!(Language::En.score(Some(62.5)), "62.5");
        assert_eq!(Language::En.score(Some(66.666_666)), "66.67");
        assert_eq!(Language::Fr.score(Some(100.0)), "100");
        assert_eq!(Language::En.score(Some(-0.0)), "0");
        assert_eq!(Language::Fr.score(None), "—");
    }

    #[test]
    fn numbers_follow_the_language() {
        assert_eq!(Language::Fr.number(62.5, 1), "62,5");
        assert_eq!(Language::En.number(62.5, 1), "62.5");
        assert_eq!(Language::En.number(-0.0, 0), "0");
    }

    #[test]
    fn coverage_reads_answered_over_applicable_with_a_percentage() {
        let c = Coverage {
            answered: 12,
            applicable: 14,
            percent: Some(85.71),
        };
        assert_eq!(Language::Fr.coverage(&c), "12/14 (86\u{a0}%)");
        assert_eq!(Language::En.coverage(&c), "12/14 (86%)");
        let none = Coverage {
            answered: 0,
            applicable: 0,
            percent: None,
        };
        assert_eq!(Language::En.coverage(&none), "0/0");
    }
}
