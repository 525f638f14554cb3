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
pub fn from_envelope(text: &str) -> Result<Workspace, String> {
    let value: serde_json::Value =
        serde_json::from_str(text).map_err(|e| format!("not valid JSON ({e})"))?;
    let app = value.get("app").and_then(|v| v.as_str());
    if app != Some(APP) {
        return Err("not a DOMINO workspace".into());
    }
    match value.get("version").and_then(|v| v.as_u64()) {
        Some(v) if v == u64::from(VERSION) => {}
        Some(v) => return Err(format!("saved by another version of the app (format {v})")),
        None => return Err("no format version".into()),
    }
    let envelope: Envelope =
        serde_json::from_value(value).map_err(|e| format!("unexpected content ({e})"))?;
    Ok(envelope.workspace)
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
    fn quarantine_keys_do_not_overwrite_each_other() {
        let mut store = MemoryStore::default();
        let a = set_aside(&mut store, "one");
        let b = set_aside(&mut store, "two");
        assert_ne!(a, b);
        assert_eq!(store.get(&a).as_deref(), Some("one"));
        assert_eq!(store.get(&b).as_deref(), Some("two"));
    }
}
