//! The languages of the tools, and how a language tag is read.

use std::fmt;
use std::str::FromStr;

/// A language the tools speak: their labels, punctuation and numbers.
///
/// Grids may be written in other languages too; their texts are then shown with the English
/// vocabulary around them ([`Language::of_text`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub enum Language {
    /// Français (the default: DOMINO is a French programme).
    #[default]
    Fr,
    /// English.
    En,
}

impl Language {
    /// Every language, in menu order.
    pub const ALL: [Language; 2] = [Language::Fr, Language::En];

    /// The ISO 639-1 code, as used in grids, URLs and storage.
    pub fn code(self) -> &'static str {
        match self {
            Language::Fr => "fr",
            Language::En => "en",
        }
    }

    /// Of a table per language (French first), this language's.
    pub(crate) fn choose<T: ?Sized>(self, fr: &'static T, en: &'static T) -> &'static T {
        match self {
            Language::Fr => fr,
            Language::En => en,
        }
    }

    /// The language's own name.
    pub fn name(self) -> &'static str {
        match self {
            Language::Fr => "Français",
            Language::En => "English",
        }
    }

    /// Reads a language tag: its primary subtag, in any case, decides (`fr`, `FR`, `fr-FR`,
    /// `fr_CA` and `fr-Latn-FR` are French; `en`, `en-GB` and `EN-us` English).
    pub fn from_tag(tag: &str) -> Result<Language, UnknownLanguage> {
        let primary = tag.trim().split(['-', '_']).next().unwrap_or_default();
        Language::ALL
            .into_iter()
            .find(|l| l.code().eq_ignore_ascii_case(primary))
            .ok_or_else(|| UnknownLanguage {
                tag: tag.to_owned(),
            })
    }

    /// The vocabulary to show around texts in `code`, a grid language: that language when the
    /// tools speak it, English otherwise.
    pub fn of_text(code: &str) -> Language {
        Language::from_tag(code).unwrap_or(Language::En)
    }

    /// Of the `available` languages (a grid's), the one `tag` asks for: the same tag, or else
    /// the first with the same primary subtag (`fr-FR` finds `fr`); `None` when none fits.
    pub fn best_of<'a>(tag: &str, available: &'a [String]) -> Option<&'a str> {
        let primary = |t: &str| {
            t.split(['-', '_'])
                .next()
                .unwrap_or_default()
                .to_ascii_lowercase()
        };
        available
            .iter()
            .find(|l| l.eq_ignore_ascii_case(tag))
            .or_else(|| available.iter().find(|l| primary(l) == primary(tag)))
            .map(String::as_str)
    }
}

impl FromStr for Language {
    type Err = UnknownLanguage;
    fn from_str(tag: &str) -> Result<Self, Self::Err> {
        Language::from_tag(tag)
    }
}

impl fmt::Display for Language {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// A language tag naming no language of the tools.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownLanguage {
    /// The tag as given.
    pub tag: String,
}

impl fmt::Display for UnknownLanguage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let known: Vec<String> = Language::ALL
            .iter()
            .map(|l| format!("{} ({})", l.code(), l.name()))
            .collect();
        write!(
            f,
            "unknown language `{}`: the languages are {}; a regional tag such as fr-FR or en-GB also works",
            self.tag,
            known.join(", ")
        )
    }
}

impl std::error::Error for UnknownLanguage {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tag_is_read_by_its_primary_subtag_in_any_case() {
        for tag in ["fr", "FR", "fr-FR", "fr_CA", "fr-Latn-FR", " fr "] {
            assert_eq!(Language::from_tag(tag), Ok(Language::Fr), "{tag}");
        }
        for tag in ["en", "EN", "en-GB", "en-us", "En_AU"] {
            assert_eq!(Language::from_tag(tag), Ok(Language::En), "{tag}");
        }
    }

    #[test]
    fn codes_read_back() {
        for l in Language::ALL {
            assert_eq!(l.code().parse::<Language>(), Ok(l));
        }
    }

    #[test]
    fn an_unknown_tag_is_refused_listing_the_languages() {
        for tag in ["de", "", "french", "f", "-fr", "fra"] {
            let err = Language::from_tag(tag).unwrap_err();
            let text = err.to_string();
            assert!(text.contains(&format!("`{tag}`")), "{text}");
            assert!(text.contains("fr (Français), en (English)"), "{text}");
        }
    }

    #[test]
    fn a_grid_language_the_tools_do_not_speak_gets_the_english_vocabulary() {
        assert_eq!(Language::of_text("fr"), Language::Fr);
        assert_eq!(Language::of_text("de"), Language::En);
    }

    #[test]
    fn the_best_grid_language_for_a_tag() {
        let grid: Vec<String> = ["fr", "en", "pt-BR"].map(String::from).to_vec();
        assert_eq!(Language::best_of("fr-FR", &grid), Some("fr"));
        assert_eq!(Language::best_of("EN", &grid), Some("en"));
        assert_eq!(Language::best_of("pt-br", &grid), Some("pt-BR"));
        assert_eq!(Language::best_of("pt", &grid), Some("pt-BR"));
        assert_eq!(Language::best_of("de", &grid), None);
    }
}
