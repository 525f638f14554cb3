//! The web app's own interface words: navigation, buttons, form labels. Every term shared
//! with the other tools (finding kinds, phases, report labels, punctuation, numbers) comes
//! from the engine's vocabulary ([`domino_engine::vocabulary`]); grid texts come from the
//! grid itself.

/// The languages of the interface: the engine's.
pub use domino_engine::Language as Lang;

/// Words only the web app shows, written inline, French first:
/// `lang.pick("Explorer", "Explore")`.
pub trait Pick {
    /// Picks the French or the English string.
    fn pick(self, fr: &'static str, en: &'static str) -> &'static str;
    /// The other language (for the switch).
    fn other(self) -> Lang;
}

impl Pick for Lang {
    fn pick(self, fr: &'static str, en: &'static str) -> &'static str {
        match self {
            Lang::Fr => fr,
            Lang::En => en,
        }
    }

    fn other(self) -> Lang {
        match self {
            Lang::Fr => Lang::En,
            Lang::En => Lang::Fr,
        }
    }
}

/// The language to start in when neither the address nor the saved settings name one: the
/// browser's (`navigator.language`, any tag the engine reads, such as `fr-FR` or `en-GB`),
/// else French.
pub fn from_browser(tag: Option<&str>) -> Lang {
    tag.and_then(|t| Lang::from_tag(t).ok()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_switch_goes_to_the_other_language() {
        assert_eq!(Lang::Fr.other(), Lang::En);
        assert_eq!(Lang::En.other(), Lang::Fr);
        assert_eq!(Lang::En.pick("Explorer", "Explore"), "Explore");
    }

    #[test]
    fn the_browser_language_is_read_as_a_tag_and_falls_back_to_french() {
        assert_eq!(from_browser(Some("en-GB")), Lang::En);
        assert_eq!(from_browser(Some("FR-ca")), Lang::Fr);
        assert_eq!(from_browser(Some("de-DE")), Lang::Fr);
        assert_eq!(from_browser(None), Lang::Fr);
    }
}
