//! The user interface's languages.
//!
//! Interface strings are written inline, French first: `lang.pick("Explorer", "Explore")`.
//! Grid texts come from the grid itself ([`domino_engine::Text::get`]).

/// A language of the interface.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Lang {
    /// Français (the default: DOMINO is a French programme).
    #[default]
    Fr,
    /// English.
    En,
}

impl Lang {
    /// Both languages, in menu order.
    pub const ALL: [Lang; 2] = [Lang::Fr, Lang::En];

    /// The ISO code used in URLs, storage and grid texts.
    pub fn code(self) -> &'static str {
        match self {
            Lang::Fr => "fr",
            Lang::En => "en",
        }
    }

    /// Parses an ISO code.
    pub fn from_code(code: &str) -> Option<Lang> {
        match code {
            "fr" => Some(Lang::Fr),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    /// The language's own name.
    pub fn name(self) -> &'static str {
        match self {
            Lang::Fr => "Français",
            Lang::En => "English",
        }
    }

    /// The other language (for the switch).
    pub fn other(self) -> Lang {
        match self {
            Lang::Fr => Lang::En,
            Lang::En => Lang::Fr,
        }
    }

    /// Picks the French or the English string.
    pub fn pick(self, fr: &'static str, en: &'static str) -> &'static str {
        match self {
            Lang::Fr => fr,
            Lang::En => en,
        }
    }

    /// Formats a number the way the language does (decimal comma in French).
    pub fn number(self, value: f64, decimals: usize) -> String {
        let s = format!("{value:.decimals$}");
        match self {
            Lang::Fr => s.replace('.', ","),
            Lang::En => s,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip() {
        for lang in Lang::ALL {
            assert_eq!(Lang::from_code(lang.code()), Some(lang));
        }
        assert_eq!(Lang::from_code("de"), None);
        assert_eq!(Lang::Fr.other(), Lang::En);
    }

    #[test]
    fn numbers_follow_the_language() {
        assert_eq!(Lang::Fr.number(62.5, 1), "62,5");
        assert_eq!(Lang::En.number(62.5, 1), "62.5");
    }
}
