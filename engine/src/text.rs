//! Multilingual texts.

use serde::de::{Error as _, MapAccess, Visitor};
use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A text in each of a grid's languages, the grid's default language first.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Text {
    entries: Vec<(String, String)>,
}

impl Text {
    /// A text from `(language, text)` pairs; the first pair is the fallback.
    pub fn new(entries: Vec<(String, String)>) -> Self {
        Text { entries }
    }

    /// The text in `lang`, or in the default language when `lang` is missing.
    pub fn get(&self, lang: &str) -> &str {
        self.entries
            .iter()
            .find(|(l, _)| l == lang)
            .or_else(|| self.entries.first())
            .map_or("", |(_, t)| t.as_str())
    }

    /// The `(language, text)` pairs, default language first.
    pub fn entries(&self) -> &[(String, String)] {
        &self.entries
    }
}

impl Serialize for Text {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(Some(self.entries.len()))?;
        for (lang, text) in &self.entries {
            map.serialize_entry(lang, text)?;
        }
        map.end()
    }
}

/// Read in document order, so that the default language stays first; a language given
/// twice is refused.
impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Entries;
        impl<'de> Visitor<'de> for Entries {
            type Value = Text;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("a map of language to text")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Text, A::Error> {
                let mut entries: Vec<(String, String)> = Vec::new();
                while let Some((lang, text)) = map.next_entry::<String, String>()? {
                    if entries.iter().any(|(l, _)| *l == lang) {
                        return Err(A::Error::custom(format!("language `{lang}` given twice")));
                    }
                    entries.push((lang, text));
                }
                Ok(Text { entries })
            }
        }
        deserializer.deserialize_map(Entries)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn falls_back_to_the_default_language() {
        let t = Text::new(vec![
            ("fr".into(), "Accueil".into()),
            ("en".into(), "Welcome".into()),
        ]);
        assert_eq!(t.get("en"), "Welcome");
        assert_eq!(t.get("de"), "Accueil");
    }
}
