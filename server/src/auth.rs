//! Who is asking: the link behind the `Authorization: Bearer` token.

use crate::error::ApiError;
use crate::store::{opt_text, text};
use crate::token;
use crate::App;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;

/// What a link lets its holder do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// The facilitator: everything in one workspace.
    Facilitator,
    /// Joins one session as a new participant.
    Join,
    /// One participant of one session.
    Participant,
    /// Reads one session's published results.
    Observer,
}

impl Kind {
    /// The stored name.
    pub fn code(self) -> &'static str {
        match self {
            Kind::Facilitator => "facilitator",
            Kind::Join => "join",
            Kind::Participant => "participant",
            Kind::Observer => "observer",
        }
    }

    fn from_code(code: &str) -> Option<Kind> {
        [
            Kind::Facilitator,
            Kind::Join,
            Kind::Participant,
            Kind::Observer,
        ]
        .into_iter()
        .find(|k| k.code() == code)
    }
}

/// A verified link.
#[derive(Debug, Clone)]
pub struct Access {
    /// The link's row id (not the secret).
    pub link: String,
    /// Its role.
    pub kind: Kind,
    /// The workspace it opens.
    pub workspace: String,
    /// The session it is bound to (all but the facilitator).
    pub session: Option<String>,
    /// The participant it speaks for.
    pub participant: Option<String>,
}

impl Access {
    /// Who wrote an event: the participant, or the link's role.
    pub fn actor(&self) -> String {
        match &self.participant {
            Some(p) => format!("participant:{p}"),
            None => format!("{}:{}", self.kind.code(), self.link),
        }
    }

    /// Refuses anyone but the facilitator.
    pub fn facilitator(&self) -> Result<(), ApiError> {
        match self.kind {
            Kind::Facilitator => Ok(()),
            _ => Err(ApiError::forbidden(
                "only the facilitator's link can do this",
            )),
        }
    }
}

fn bearer(parts: &Parts) -> Result<&str, ApiError> {
    let value = parts
        .headers
        .get(axum::http::header::AUTHORIZATION)
        .ok_or_else(|| {
            ApiError::unauthorized(
                "this needs a workshop link: send its token as `Authorization: Bearer TOKEN`",
            )
        })?;
    let value = value
        .to_str()
        .map_err(|_| ApiError::unauthorized("the Authorization header is not readable text"))?;
    value
        .strip_prefix("Bearer ")
        .map(str::trim)
        .filter(|t| !t.is_empty())
        .ok_or_else(|| ApiError::unauthorized("the Authorization header must read `Bearer TOKEN`"))
}

impl FromRequestParts<App> for Access {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, app: &App) -> Result<Self, Self::Rejection> {
        let token = bearer(parts)?;
        let hash = token::hash(token);
        let row = sqlx::query("SELECT id, hash, kind, workspace, session, participant, revoked_at FROM link WHERE hash = $1")
            .bind(&hash)
            .fetch_optional(&app.store.pool)
            .await?;
        let unknown = || {
            ApiError::unauthorized("this link is not known here: ask the facilitator for a new one")
        };
        let row = row.ok_or_else(unknown)?;
        if !token::same_hash(&text(&row, "hash"), &hash) {
            return Err(unknown());
        }
        if opt_text(&row, "revoked_at").is_some() {
            return Err(ApiError::unauthorized(
                "this link was revoked by the facilitator: ask them for a new one",
            ));
        }
        let kind = Kind::from_code(&text(&row, "kind")).ok_or_else(unknown)?;
        Ok(Access {
            link: text(&row, "id"),
            kind,
            workspace: text(&row, "workspace"),
            session: opt_text(&row, "session"),
            participant: opt_text(&row, "participant"),
        })
    }
}
