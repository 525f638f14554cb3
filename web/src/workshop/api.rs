//! The workshop server's JSON, as the app reads it (see `server/README.md`). Unknown
//! members are ignored, so a newer server does not break an older page.

use serde::Deserialize;

/// `GET /api/me`: what a link is.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Me {
    /// `facilitator`, `join`, `participant` or `observer`.
    pub role: String,
    /// The workspace the link opens.
    pub workspace: String,
    /// Its session (every link but the facilitator's).
    #[serde(default)]
    pub session: Option<String>,
    /// Its participant (a personal link).
    #[serde(default)]
    pub participant: Option<String>,
}

/// `GET /api/sessions/{id}`: a session's state.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Session {
    /// Id.
    pub id: String,
    /// Its initiative's id.
    pub initiative: String,
    /// The grid's id (`domino`).
    pub grid: String,
    /// The key to start another session on the same grid.
    #[serde(default)]
    pub grid_key: String,
    /// `YYYY-MM-DD`.
    pub date: String,
    /// `draft`, `rating`, `reveal`, `consensus` or `closed`.
    pub phase: String,
    /// Whether observers may read the results.
    #[serde(default)]
    pub published: bool,
    /// The session it started from.
    #[serde(default)]
    pub previous: Option<String>,
    /// Who joined (facilitator and participants only).
    #[serde(default)]
    pub participants: Vec<Participant>,
}

/// One participant, as the board sees them.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Participant {
    /// Id.
    pub id: String,
    /// Display name, as typed (shown as text).
    pub name: String,
    /// Role label (élu, technicienne…).
    pub role: String,
    /// Criteria answered.
    #[serde(default)]
    pub answered_count: usize,
    /// Which criteria (facilitator only; never the levels during rating).
    #[serde(default)]
    pub answered: Vec<String>,
}

/// `GET /api/sessions/{id}/answers`.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
pub struct Answers {
    /// The session's phase when read.
    #[serde(default)]
    pub phase: String,
    /// The answers this link may read.
    #[serde(default)]
    pub answers: Vec<AnswerRow>,
    /// The agreed levels (from reveal on).
    #[serde(default)]
    pub consensus: Vec<ConsensusRow>,
}

/// One stored answer; without `level` when the link may only know it exists.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct AnswerRow {
    /// Whose.
    #[serde(default)]
    pub participant: String,
    /// Criterion id (`axis.criterion`).
    pub criterion: String,
    /// Level code.
    #[serde(default)]
    pub level: Option<String>,
    /// Target level code.
    #[serde(default)]
    pub target: Option<String>,
    /// Evidence, notes.
    #[serde(default)]
    pub evidence: Option<String>,
    /// Version, for the next write.
    pub version: i64,
    /// Pre-filled from the previous session, not yet confirmed.
    #[serde(default)]
    pub to_confirm: bool,
}

/// One agreed level (or a point to debate, without level).
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct ConsensusRow {
    /// Criterion id.
    pub criterion: String,
    /// The agreed level; none when the group did not agree.
    #[serde(default)]
    pub level: Option<String>,
    /// Why.
    #[serde(default)]
    pub note: String,
    /// Version, for the next write.
    pub version: i64,
    /// Copied from the previous session, to confirm.
    #[serde(default)]
    pub to_confirm: bool,
}

/// `GET /api/workspace`: the facilitator's overview.
#[derive(Debug, Clone, PartialEq, Default, Deserialize)]
pub struct Overview {
    /// Title.
    #[serde(default)]
    pub title: String,
    /// The initiatives, each with its sessions.
    #[serde(default)]
    pub initiatives: Vec<Initiative>,
}

/// One initiative.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Initiative {
    /// Id.
    pub id: String,
    /// Name (shown as text).
    pub name: String,
    /// Its sessions, oldest first.
    #[serde(default)]
    pub sessions: Vec<SessionSummary>,
}

/// A session in the overview.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct SessionSummary {
    /// Id.
    pub id: String,
    /// `YYYY-MM-DD`.
    pub date: String,
    /// Phase.
    pub phase: String,
}

/// A new session's links (`POST /api/initiatives/{id}/sessions`).
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Created {
    /// The session's id.
    pub id: String,
    /// The join link to show in the room.
    pub join_link: String,
    /// Its token (for the QR code).
    pub join_token: String,
    /// The observer link.
    pub observer_link: String,
}

/// A link in `GET /api/links` (never its token).
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Link {
    /// Id, to revoke it.
    pub id: String,
    /// `facilitator`, `join`, `participant`, `observer`.
    pub role: String,
    /// Its session.
    #[serde(default)]
    pub session: Option<String>,
    /// Its participant.
    #[serde(default)]
    pub participant: Option<String>,
    /// When revoked.
    #[serde(default)]
    pub revoked_at: Option<String>,
}

/// `POST /api/sessions/{id}/join`: the participant's own link.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Joined {
    /// Their token (kept in the browser).
    pub token: String,
    /// Their link, to continue on another device.
    pub link: String,
}

/// The server's refusal: `{ "error": { code, message, current? } }`.
#[derive(Debug, Clone, PartialEq, Deserialize)]
pub struct Refusal {
    /// Stable code (`stale-version`, `wrong-phase`…).
    pub code: String,
    /// A message a person can act on.
    pub message: String,
    /// The stored answer, on a version conflict of an answer.
    #[serde(default)]
    pub current: Option<AnswerRow>,
}

/// Reads a refusal out of an error body; a body that is not one becomes its status.
pub fn refusal(status: u16, body: &str) -> Refusal {
    #[derive(Deserialize)]
    struct Wrapper {
        error: Refusal,
    }
    serde_json::from_str::<Wrapper>(body)
        .map(|w| w.error)
        .unwrap_or_else(|_| Refusal {
            code: format!("http-{status}"),
            message: format!("HTTP {status}"),
            current: None,
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_conflict_carries_the_stored_answer() {
        let body = r#"{"error":{"code":"stale-version","message":"changed","field":"base_version",
            "current":{"participant":"p","criterion":"a.b","level":"3","version":2,"to_confirm":false}}}"#;
        let r = refusal(409, body);
        assert_eq!(r.code, "stale-version");
        let current = r.current.unwrap();
        assert_eq!((current.level.as_deref(), current.version), (Some("3"), 2));
        assert_eq!(refusal(502, "<html>").code, "http-502");
    }

    #[test]
    fn the_board_reads_who_answered_without_levels() {
        let body = r#"{"id":"s","initiative":"i","grid":"domino","date":"2026-12-01","phase":"rating",
            "participants":[{"id":"p","name":"<b>x</b>","role":"élu","answered_count":1,"answered":["a.b"]}]}"#;
        let s: Session = serde_json::from_str(body).unwrap();
        assert_eq!(s.participants[0].answered, ["a.b"]);
        assert!(!s.published);
    }
}
