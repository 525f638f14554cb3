//! Numbers as people read them: the language's decimal separator, no needless zeros, a
//! true minus sign (U+2212) where French typography wants one.

use super::Language;
use crate::report::Coverage;

/// What is shown where there is no figure (an axis with nothing answered has no score).
pub const NO_FIGURE: &str = "—";

/// U+2212, the minus sign of typography (the hyphen-minus `-` is shorter than `+`).
const MINUS: &str = "\u{2212}";

impl Language {
    /// `value` with `decimals` decimals and the language's separator (`62,5` in French,
    /// `62.5` in English); French writes a negative figure with a true minus (`−0,125`).
    pub fn number(self, value: f64, decimals: usize) -> String {
        let s = format!("{:.decimals$}", value + 0.0);
        match self {
            Language::Fr => s.replace('.', ",").replace('-', MINUS),
            Language::En => s,
        }
    }

    /// An interval between two figures of `decimals` decimals: `[0,712\u{a0}; 0,845]` in
    /// French (the comma is the decimal separator), `[0.712, 0.845]` in English.
    pub fn interval(self, low: f64, high: f64, decimals: usize) -> String {
        let between = match self {
            Language::Fr => self.semicolon(),
            Language::En => ", ",
        };
        let (low, high) = (self.number(low, decimals), self.number(high, decimals));
        format!("[{low}{between}{high}]")
    }

    /// A change as shown to people: signed like a score (`+12,5`, `−3`, `0`; a true minus
    /// in every language, so the sign reads as clearly as the plus), `—` when absent.
    pub fn signed(self, change: Option<f64>) -> String {
        let Some(v) = change else {
            return NO_FIGURE.to_owned();
        };
        let rounded = (v * 100.0).round() / 100.0 + 0.0;
        if rounded > 0.0 {
            format!("+{}", self.score(Some(rounded)))
        } else if rounded < 0.0 {
            format!("{MINUS}{}", self.score(Some(-rounded)))
        } else {
            "0".to_owned()
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
        assert_eq!(Language::Fr.number(-0.125, 3), "\u{2212}0,125");
        assert_eq!(Language::En.number(-0.125, 3), "-0.125");
    }

    #[test]
    fn a_change_carries_its_sign_in_the_language_s_notation() {
        assert_eq!(Language::Fr.signed(Some(12.5)), "+12,5");
        assert_eq!(Language::En.signed(Some(12.5)), "+12.5");
        assert_eq!(Language::En.signed(Some(-3.0)), "\u{2212}3");
        assert_eq!(Language::Fr.signed(Some(-0.001)), "0");
        assert_eq!(Language::Fr.signed(None), "—");
    }

    #[test]
    fn an_interval_separates_its_bounds_without_clashing_with_the_decimals() {
        assert_eq!(Language::Fr.interval(0.5, 0.75, 3), "[0,500\u{a0}; 0,750]");
        assert_eq!(Language::En.interval(-0.5, 0.75, 3), "[-0.500, 0.750]");
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
