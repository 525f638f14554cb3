//! The workshop links this browser holds, kept so that a person who closes the page can
//! come back (the home page lists them) and so that joining next year's session can
//! bring this year's answers (its personal link is the proof, not a name).

use crate::store::KeyValue;
use serde::{Deserialize, Serialize};

/// The storage key.
pub const KEY: &str = "domino.workshop.links";

/// One link held here.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Held {
    /// The secret token (the fragment of the link).
    pub token: String,
    /// Its role.
    pub role: String,
    /// Its session, if any.
    #[serde(default)]
    pub session: Option<String>,
    /// The name given when joining.
    #[serde(default)]
    pub name: Option<String>,
}

/// Every link held, most recent first.
pub fn held(store: &dyn KeyValue) -> Vec<Held> {
    store
        .get(KEY)
        .and_then(|t| serde_json::from_str(&t).ok())
        .unwrap_or_default()
}

/// Remembers a link (once; a newer name replaces an older one).
pub fn remember(store: &mut dyn KeyValue, link: Held) -> Result<(), String> {
    let mut all = held(store);
    all.retain(|h| h.token != link.token);
    all.insert(0, link);
    all.truncate(50);
    store.set(
        KEY,
        &serde_json::to_string(&all).map_err(|e| e.to_string())?,
    )
}

/// Forgets a link (revoked, or no longer wanted).
pub fn forget(store: &mut dyn KeyValue, token: &str) {
    let mut all = held(store);
    all.retain(|h| h.token != token);
    let _ = serde_json::to_string(&all).map(|t| store.set(KEY, &t));
}

/// The personal link held for `session`, if this browser joined it.
pub fn participant_of(store: &dyn KeyValue, session: &str) -> Option<Held> {
    held(store)
        .into_iter()
        .find(|h| h.role == "participant" && h.session.as_deref() == Some(session))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::MemoryStore;

    fn participant(token: &str, session: &str) -> Held {
        Held {
            token: token.into(),
            role: "participant".into(),
            session: Some(session.into()),
            name: Some("Anne".into()),
        }
    }

    #[test]
    fn a_joined_session_is_found_again_and_forgotten_on_demand() {
        let mut store = MemoryStore::default();
        remember(&mut store, participant("t1", "s1")).unwrap();
        remember(&mut store, participant("t2", "s2")).unwrap();
        remember(&mut store, participant("t1", "s1")).unwrap();
        assert_eq!(held(&store).len(), 2);
        assert_eq!(participant_of(&store, "s1").unwrap().token, "t1");
        forget(&mut store, "t1");
        assert!(participant_of(&store, "s1").is_none());
        store.set(KEY, "{broken").unwrap();
        assert!(held(&store).is_empty(), "unreadable storage holds nothing");
    }
}
