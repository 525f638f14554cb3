//! A participant's answers waiting to be sent, kept in the browser's storage so that a
//! lost connection, a closed tab or a reload loses none of them. Each write carries an
//! idempotency key (a replay after a lost response is answered with the first result)
//! and the version it was based on; they are sent in order, one at a time. A write the
//! server finds stale becomes a [`Conflict`] the person settles: never overwritten
//! silently, in either direction.

use super::api::AnswerRow;
use crate::store::KeyValue;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Prefix of the storage keys, followed by the session and participant ids.
pub const KEY_PREFIX: &str = "domino.workshop.outbox.";

/// One answer to send.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Pending {
    /// Unique per write, chosen here.
    pub idempotency_key: String,
    /// Criterion id.
    pub criterion: String,
    /// Level code.
    pub level: String,
    /// Target level code.
    #[serde(default)]
    pub target: Option<String>,
    /// Evidence, notes.
    #[serde(default)]
    pub evidence: Option<String>,
    /// The version this answer was based on.
    pub base_version: i64,
}

/// A write refused as stale: this device's value and the one stored meanwhile.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Conflict {
    /// What this device wrote.
    pub mine: Pending,
    /// The stored level (from another device, or none if it was removed).
    pub theirs_level: Option<String>,
    /// The stored version, to write on top of.
    pub theirs_version: i64,
}

/// The queue of one participant in one session.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Outbox {
    /// This browser's name in idempotency keys.
    pub device: String,
    /// Counter of writes made here.
    pub next: u64,
    /// Waiting, oldest first.
    pub pending: Vec<Pending>,
    /// Refused as stale, waiting for a choice.
    pub conflicts: Vec<Conflict>,
    /// The answer to each criterion last acknowledged here (the list read from the
    /// server may not have caught up yet).
    #[serde(default)]
    pub acked: BTreeMap<String, Acked>,
}

/// An answer the server acknowledged.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Acked {
    /// Its stored version.
    pub version: i64,
    /// Its level (none when only the version is known, after a conflict).
    #[serde(default)]
    pub level: Option<String>,
}

/// What is being answered.
#[derive(Debug, Clone, PartialEq)]
pub struct Draft {
    /// Criterion id.
    pub criterion: String,
    /// Level code.
    pub level: String,
    /// Target level code.
    pub target: Option<String>,
    /// Evidence.
    pub evidence: Option<String>,
}

impl Outbox {
    /// The storage key of a participant's queue.
    pub fn key(session: &str, participant: &str) -> String {
        format!("{KEY_PREFIX}{session}.{participant}")
    }

    /// Reads a queue; a missing or unreadable one starts empty, under a new `device` name.
    pub fn load(store: &dyn KeyValue, key: &str, device: impl FnOnce() -> String) -> Outbox {
        store
            .get(key)
            .and_then(|text| serde_json::from_str(&text).ok())
            .unwrap_or_else(|| Outbox {
                device: device(),
                ..Outbox::default()
            })
    }

    /// Writes the queue back; the error is the store's (quota, private mode).
    pub fn save(&self, store: &mut dyn KeyValue, key: &str) -> Result<(), String> {
        let text = serde_json::to_string(self).map_err(|e| e.to_string())?;
        store.set(key, &text)
    }

    /// Queues an answer on top of `stored` (the version read from the server), after
    /// whatever is still waiting for the same criterion.
    pub fn enqueue(&mut self, draft: Draft, stored: i64) {
        let acked = self.acked.get(&draft.criterion).map_or(0, |a| a.version);
        let known = stored.max(acked);
        let ahead = self.pending_for(&draft.criterion).count() as i64;
        self.next += 1;
        self.pending.push(Pending {
            idempotency_key: format!("{}-{:06}", self.device, self.next),
            criterion: draft.criterion,
            level: draft.level,
            target: draft.target,
            evidence: draft.evidence,
            base_version: known + ahead,
        });
    }

    /// The write to send next.
    pub fn head(&self) -> Option<&Pending> {
        self.pending.first()
    }

    /// The head was stored at `version`.
    pub fn acknowledged(&mut self, version: i64) {
        if !self.pending.is_empty() {
            let done = self.pending.remove(0);
            let level = Some(done.level);
            self.acked.insert(done.criterion, Acked { version, level });
        }
    }

    /// The head was refused for good (wrong phase, invalid); returns it to be told.
    pub fn refused(&mut self) -> Option<Pending> {
        (!self.pending.is_empty()).then(|| self.pending.remove(0))
    }

    /// The head was stale: it and every later write of its criterion (based on it) become
    /// one conflict holding this device's latest value.
    pub fn stale(&mut self, current: Option<&AnswerRow>) {
        let Some(head) = self.pending.first().cloned() else {
            return;
        };
        let mine = self
            .pending_for(&head.criterion)
            .last()
            .cloned()
            .unwrap_or(head);
        self.pending.retain(|p| p.criterion != mine.criterion);
        self.conflicts
            .retain(|c| c.mine.criterion != mine.criterion);
        let theirs_version = current.map_or(0, |c| c.version);
        let level = current.and_then(|c| c.level.clone());
        let acked = Acked {
            version: theirs_version,
            level,
        };
        self.acked.insert(mine.criterion.clone(), acked);
        if current.and_then(|c| c.level.as_deref()) == Some(mine.level.as_str()) {
            return; // the same level was stored meanwhile: nothing to choose
        }
        self.conflicts.push(Conflict {
            mine,
            theirs_level: current.and_then(|c| c.level.clone()),
            theirs_version,
        });
    }

    /// Settles the conflict of `criterion`: keep this device's value (sent again, on top
    /// of the stored one) or the stored one.
    pub fn settle(&mut self, criterion: &str, keep_mine: bool) {
        let Some(i) = self
            .conflicts
            .iter()
            .position(|c| c.mine.criterion == criterion)
        else {
            return;
        };
        let c = self.conflicts.remove(i);
        if keep_mine {
            let draft = Draft {
                criterion: c.mine.criterion,
                level: c.mine.level,
                target: c.mine.target,
                evidence: c.mine.evidence,
            };
            self.enqueue(draft, c.theirs_version);
        }
    }

    /// The writes waiting for `criterion`, oldest first.
    pub fn pending_for<'a>(&'a self, criterion: &'a str) -> impl Iterator<Item = &'a Pending> {
        self.pending
            .iter()
            .filter(move |p| p.criterion == criterion)
    }

    /// The level last acknowledged for `criterion` here, if the server's list read at
    /// `stored` has not caught up with it.
    pub fn acked_level(&self, criterion: &str, stored: i64) -> Option<&str> {
        let a = self.acked.get(criterion).filter(|a| a.version > stored)?;
        a.level.as_deref()
    }

    /// The level this device last chose for `criterion`, while it waits.
    pub fn latest_level(&self, criterion: &str) -> Option<&str> {
        self.pending
            .iter()
            .rev()
            .find(|p| p.criterion == criterion)
            .map(|p| p.level.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::MemoryStore;

    fn draft(criterion: &str, level: &str) -> Draft {
        Draft {
            criterion: criterion.into(),
            level: level.into(),
            target: None,
            evidence: None,
        }
    }

    fn stored(level: &str, version: i64) -> AnswerRow {
        AnswerRow {
            participant: "p".into(),
            criterion: "a.b".into(),
            level: Some(level.into()),
            target: None,
            evidence: None,
            version,
            to_confirm: false,
        }
    }

    #[test]
    fn writes_made_offline_are_chained_on_each_other_and_survive_a_reload() {
        let mut store = MemoryStore::default();
        let key = Outbox::key("s", "p");
        let mut o = Outbox::load(&store, &key, || "dev".into());
        o.enqueue(draft("a.b", "2"), 0);
        o.enqueue(draft("a.c", "1"), 3);
        o.enqueue(draft("a.b", "3"), 0);
        o.save(&mut store, &key).unwrap();
        let mut o = Outbox::load(&store, &key, || unreachable!());
        let bases: Vec<_> = o.pending.iter().map(|p| p.base_version).collect();
        assert_eq!(
            bases,
            [0, 3, 1],
            "the second write of a.b builds on the first"
        );
        let keys: std::collections::BTreeSet<_> =
            o.pending.iter().map(|p| &p.idempotency_key).collect();
        assert_eq!(keys.len(), 3, "one key per write");
        o.acknowledged(1);
        assert_eq!(o.head().unwrap().criterion, "a.c");
        o.enqueue(draft("a.c", "4"), 3);
        assert_eq!(o.pending.last().unwrap().base_version, 4);
    }

    #[test]
    fn an_answer_after_an_acknowledged_one_builds_on_it_before_the_list_catches_up() {
        let mut o = Outbox::default();
        o.enqueue(draft("a.b", "2"), 0);
        o.acknowledged(1);
        assert_eq!(
            o.acked_level("a.b", 0),
            Some("2"),
            "shown until the list catches up"
        );
        assert_eq!(o.acked_level("a.b", 1), None);
        o.enqueue(draft("a.b", "3"), 0);
        assert_eq!(o.head().unwrap().base_version, 1);
    }

    #[test]
    fn a_stale_write_becomes_one_conflict_with_both_values_and_a_choice() {
        let mut o = Outbox::default();
        o.enqueue(draft("a.b", "2"), 0);
        o.enqueue(draft("a.b", "3"), 0);
        o.enqueue(draft("a.c", "1"), 0);
        o.stale(Some(&stored("4", 1)));
        assert_eq!(o.pending.len(), 1, "a.c still waits");
        let c = &o.conflicts[0];
        assert_eq!(
            (c.mine.level.as_str(), c.theirs_level.as_deref()),
            ("3", Some("4"))
        );
        o.settle("a.b", true);
        assert!(o.conflicts.is_empty());
        let again = o.pending.last().unwrap();
        assert_eq!((again.level.as_str(), again.base_version), ("3", 1));
        o.refused();
        o.stale(Some(&stored("1", 2)));
        o.settle("a.b", false);
        assert!(
            o.conflicts.is_empty() && o.pending.is_empty(),
            "theirs kept"
        );
    }

    #[test]
    fn the_same_level_stored_meanwhile_is_no_conflict() {
        let mut o = Outbox::default();
        o.enqueue(draft("a.b", "4"), 0);
        o.stale(Some(&stored("4", 1)));
        assert!(o.conflicts.is_empty() && o.pending.is_empty());
    }
}
