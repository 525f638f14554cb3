//! Autosave: the workspace kept in the browser's `localStorage`, in a versioned envelope.
//!
//! A saved workspace that cannot be read — corrupt JSON, another app's data, a version this
//! build does not know — is never fatal: the raw text is moved aside under a
//! `domino.quarantine.<n>` key (so nothing is destroyed) and the app starts afresh with a
//! notice. Individual assessments are stored as the engine's JSON assessment files, the same
//! files the CLI reads.

use serde::{Deserialize, Serialize};

/// Key of the workspace envelope.
pub const WORKSPACE_KEY: &str = "domino.workspace";
/// Key of the remembered interface language.
pub const LANG_KEY: &str = "domino.lang";
/// Prefix of the keys holding data set aside.
pub const QUARANTINE_PREFIX: &str = "domino.quarantine.";
/// Name written in every envelope.
pub const APP: &str = "domino-web";
/// The envelope version this build writes and reads.
pub const VERSION: u32 = 1;

/// A key-value store (the browser's `localStorage`, or a map in tests).
pub trait KeyValue {
    /// The value under `key`.
    fn get(&self, key: &str) -> Option<String>;
    /// Stores `value` under `key`; an error when the store refuses (quota, private mode).
    fn set(&mut self, key: &str, value: &str) -> Result<(), String>;
    /// Removes `key`.
    fn remove(&mut self, key: &str);
}

/// What is saved.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Workspace {
    /// Id of the assessment being worked on.
    #[serde(default)]
    pub active: Option<String>,
    /// A grid loaded by the user, kept as its source.
    #[serde(default)]
    pub grid: Option<SavedGrid>,
    /// The assessments, side by side.
    #[serde(default)]
    pub assessments: Vec<SavedAssessment>,
    /// Counter for new assessment ids.
    #[serde(default)]
    pub next_id: u64,
}

/// A user grid as loaded.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SavedGrid {
    /// File name.
    pub name: String,
    /// TOML source.
    pub source: String,
    /// Its resolved form ([`domino_engine::Grid::to_resolved`]), read at start-up without
    /// the TOML reader; absent from autosaves older than it, whose grid goes through the
    /// reader once.
    #[serde(default)]
    pub resolved: Option<String>,
    /// The warnings found when it was loaded.
    #[serde(default)]
    pub warnings: crate::engine_bridge::Rendered,
}

/// One assessment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SavedAssessment {
    /// Local id (`a1`, `a2`, …).
    pub id: String,
    /// Which grid it answers: `builtin` or `custom`.
    pub grid: String,
    /// The assessment, as the engine's JSON assessment file.
    pub data: String,
    /// The rater answering on this device (absent from workspaces saved before raters
    /// were remembered, and when the assessment has none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rater: Option<String>,
}

#[derive(Serialize, Deserialize)]
struct Envelope {
    app: String,
    version: u32,
    workspace: Workspace,
}

/// The outcome of reading the saved workspace.
#[derive(Debug, Clone, PartialEq)]
pub enum Loaded {
    /// Nothing saved yet.
    Empty,
    /// The saved workspace.
    Restored(Workspace),
    /// The saved data could not be read; it was moved under `key`.
    SetAside {
        /// Where the raw text now is.
        key: String,
        /// Why it could not be read.
        reason: String,
    },
}

/// Serializes a workspace into its envelope.
pub fn to_envelope(workspace: &Workspace) -> String {
    serde_json::to_string(&EnvelopeRef {
        app: APP,
        version: VERSION,
        workspace,
    })
    .expect("a workspace always serializes")
}

#[derive(Serialize)]
struct EnvelopeRef<'a> {
    app: &'a str,
    version: u32,
    workspace: &'a Workspace,
}

/// Reads an envelope; the error says why it cannot be used.
///
/// The text is read twice, straight from the string (no `serde_json::Value` tree, whose
/// deserialisers for the workspace's types would be a second copy of them in the module):
/// first its head (`app` and `version`, of whatever JSON type), then the whole envelope.
pub fn from_envelope(text: &str) -> Result<Workspace, String> {
    let head: Head = serde_json::from_str(text).map_err(|e| format!("not valid JSON ({e})"))?;
    if head.app != Loose::Str(APP.into()) {
        return Err("not a DOMINO workspace".into());
    }
    match head.version {
        Loose::Number(v) if v == u64::from(VERSION) => {}
        Loose::Number(v) => {
            return Err(format!("saved by another version of the app (format {v})"))
        }
        _ => return Err("no format version".into()),
    }
    let envelope: Envelope =
        serde_json::from_str(text).map_err(|e| format!("unexpected content ({e})"))?;
    Ok(envelope.workspace)
}

/// The head of an envelope: its `app` and `version` fields, whatever else it holds; both
/// [`Loose::Other`] when the text is JSON but not an object.
struct Head {
    app: Loose,
    version: Loose,
}

/// A JSON value of which only a string or a whole number is kept.
#[derive(PartialEq)]
enum Loose {
    Str(String),
    Number(u64),
    Other,
}

impl<'de> Deserialize<'de> for Head {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(HeadVisitor)
    }
}

struct HeadVisitor;

impl<'de> serde::de::Visitor<'de> for HeadVisitor {
    type Value = Head;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("JSON")
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Head, A::Error> {
        let mut head = HeadVisitor::other();
        while let Some(key) = map.next_key::<std::borrow::Cow<'de, str>>()? {
            match &*key {
                "app" => head.app = map.next_value()?,
                "version" => head.version = map.next_value()?,
                _ => {
                    map.next_value::<serde::de::IgnoredAny>()?;
                }
            }
        }
        Ok(head)
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Head, A::Error> {
        while seq.next_element::<serde::de::IgnoredAny>()?.is_some() {}
        Ok(HeadVisitor::other())
    }

    fn visit_bool<E>(self, _: bool) -> Result<Head, E> {
        Ok(HeadVisitor::other())
    }
    fn visit_i64<E>(self, _: i64) -> Result<Head, E> {
        Ok(HeadVisitor::other())
    }
    fn visit_u64<E>(self, _: u64) -> Result<Head, E> {
        Ok(HeadVisitor::other())
    }
    fn visit_f64<E>(self, _: f64) -> Result<Head, E> {
        Ok(HeadVisitor::other())
    }
    fn visit_str<E>(self, _: &str) -> Result<Head, E> {
        Ok(HeadVisitor::other())
    }
    fn visit_unit<E>(self) -> Result<Head, E> {
        Ok(HeadVisitor::other())
    }
}

impl HeadVisitor {
    fn other() -> Head {
        Head {
            app: Loose::Other,
            version: Loose::Other,
        }
    }
}

impl<'de> Deserialize<'de> for Loose {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(LooseVisitor)
    }
}

struct LooseVisitor;

impl<'de> serde::de::Visitor<'de> for LooseVisitor {
    type Value = Loose;

    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        f.write_str("JSON")
    }

    fn visit_str<E>(self, v: &str) -> Result<Loose, E> {
        Ok(Loose::Str(v.to_owned()))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Loose, E> {
        Ok(Loose::Number(v))
    }
    fn visit_i64<E>(self, _: i64) -> Result<Loose, E> {
        Ok(Loose::Other)
    }
    fn visit_f64<E>(self, _: f64) -> Result<Loose, E> {
        Ok(Loose::Other)
    }
    fn visit_bool<E>(self, _: bool) -> Result<Loose, E> {
        Ok(Loose::Other)
    }
    fn visit_unit<E>(self) -> Result<Loose, E> {
        Ok(Loose::Other)
    }
    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Loose, A::Error> {
        while seq.next_element::<serde::de::IgnoredAny>()?.is_some() {}
        Ok(Loose::Other)
    }
    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Loose, A::Error> {
        while map
            .next_entry::<serde::de::IgnoredAny, serde::de::IgnoredAny>()?
            .is_some()
        {}
        Ok(Loose::Other)
    }
}

/// Reads the saved workspace, setting aside whatever cannot be read.
pub fn load(store: &mut dyn KeyValue) -> Loaded {
    let Some(text) = store.get(WORKSPACE_KEY) else {
        return Loaded::Empty;
    };
    match from_envelope(&text) {
        Ok(workspace) => Loaded::Restored(workspace),
        Err(reason) => {
            let key = set_aside(store, &text);
            store.remove(WORKSPACE_KEY);
            Loaded::SetAside { key, reason }
        }
    }
}

/// Moves `text` under a fresh quarantine key and returns that key.
pub fn set_aside(store: &mut dyn KeyValue, text: &str) -> String {
    let n = (1..)
        .find(|n| store.get(&format!("{QUARANTINE_PREFIX}{n}")).is_none())
        .expect("a free key");
    let key = format!("{QUARANTINE_PREFIX}{n}");
    // If even this fails (quota), the data stays where it was: it is not removed by `load`
    // only when this succeeds.
    if store.set(&key, text).is_err() {
        return String::new();
    }
    key
}

/// Saves the workspace.
pub fn save(store: &mut dyn KeyValue, workspace: &Workspace) -> Result<(), String> {
    store.set(WORKSPACE_KEY, &to_envelope(workspace))
}

/// An in-memory store, for tests and when `localStorage` is unavailable.
#[derive(Debug, Default, Clone)]
pub struct MemoryStore {
    /// The entries.
    pub entries: std::collections::BTreeMap<String, String>,
}

impl KeyValue for MemoryStore {
    fn get(&self, key: &str) -> Option<String> {
        self.entries.get(key).cloned()
    }
    fn set(&mut self, key: &str, value: &str) -> Result<(), String> {
        self.entries.insert(key.into(), value.into());
        Ok(())
    }
    fn remove(&mut self, key: &str) {
        self.entries.remove(key);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> Workspace {
        Workspace {
            active: Some("a1".into()),
            grid: None,
            assessments: vec![SavedAssessment {
                id: "a1".into(),
                grid: "builtin".into(),
                data: r#"{"assessment":{"grid":"domino","initiative":"Jardin"}}"#.into(),
                rater: Some("Anne".into()),
            }],
            next_id: 2,
        }
    }

    #[test]
    fn saves_and_restores() {
        let mut store = MemoryStore::default();
        save(&mut store, &sample()).unwrap();
        assert_eq!(load(&mut store), Loaded::Restored(sample()));
        assert_eq!(load(&mut MemoryStore::default()), Loaded::Empty);
    }

    #[test]
    fn corrupt_or_foreign_or_future_data_is_set_aside() {
        for bad in [
            "{not json",
            r#"{"app":"other","version":1,"workspace":{}}"#,
            r#"{"app":"domino-web","version":99,"workspace":{}}"#,
            r#"{"app":"domino-web","version":1,"workspace":{"assessments":7}}"#,
            r#"[1,2,3]"#,
            r#""domino-web""#,
            r#"{"app":["domino-web"],"version":1,"workspace":{}}"#,
            r#"{"app":"domino-web","version":"1","workspace":{}}"#,
            r#"{"app":"domino-web","version":1.5,"workspace":{}}"#,
            r#"{"app":"domino-web","version":-1,"workspace":{}}"#,
            r#"{"app":"domino-web","workspace":{}}"#,
        ] {
            let mut store = MemoryStore::default();
            store.set(WORKSPACE_KEY, bad).unwrap();
            let Loaded::SetAside { key, reason } = load(&mut store) else {
                panic!("{bad} accepted")
            };
            assert!(!reason.is_empty());
            assert_eq!(store.get(&key).as_deref(), Some(bad), "kept aside");
            assert_eq!(store.get(WORKSPACE_KEY), None);
            assert_eq!(load(&mut store), Loaded::Empty, "starts afresh");
        }
    }

    #[test]
    fn each_refusal_says_why_and_the_head_may_come_anywhere() {
        let reason = |text: &str| from_envelope(text).unwrap_err();
        assert!(reason("{not json").starts_with("not valid JSON"));
        for foreign in [
            r#"[1,2,3]"#,
            r#"null"#,
            r#"{"app":"other","version":1}"#,
            r#"{"app":{"name":"domino-web"},"version":1}"#,
        ] {
            assert_eq!(reason(foreign), "not a DOMINO workspace", "{foreign}");
        }
        assert_eq!(
            reason(r#"{"app":"domino-web","version":99}"#),
            "saved by another version of the app (format 99)"
        );
        for no_version in [
            r#"{"app":"domino-web"}"#,
            r#"{"app":"domino-web","version":"1"}"#,
        ] {
            assert_eq!(reason(no_version), "no format version", "{no_version}");
        }
        assert!(reason(r#"{"app":"domino-web","version":1,"workspace":7}"#)
            .starts_with("unexpected content"));
        let text = to_envelope(&sample());
        let later = format!(
            r#"{{"extra":[{{"app":1}}],"workspace":{},"version":1,"app":"domino-web"}}"#,
            &text[text.find(r#""workspace":"#).unwrap() + 12..text.len() - 1]
        );
        assert_eq!(from_envelope(&later), Ok(sample()));
    }

    #[test]
    fn quarantine_keys_do_not_overwrite_each_other() {
        let mut store = MemoryStore::default();
        let a = set_aside(&mut store, "one");
        let b = set_aside(&mut store, "two");
        assert_ne!(a, b);
        assert_eq!(store.get(&a).as_deref(), Some("one"));
        assert_eq!(store.get(&b).as_deref(), Some("two"));
    }
}
