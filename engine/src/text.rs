//! Multilingual texts.

use serde::ser::SerializeMap;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::collections::BTreeMap;

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

impl<'de> Deserialize<'de> for Text {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let map = BTreeMap::<String, String>::deserialize(deserializer)?;
        Ok(Text {
            entries: map.into_iter().collect(),
        })
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
