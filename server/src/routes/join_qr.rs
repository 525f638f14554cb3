//! `POST /api/sessions/{id}/join-qr`: the join link of a session as a QR code for the room's screen.
//!
//! Tokens are stored hashed, so the server cannot show a join link it handed out
//! earlier: the board sends the join token it holds (checked: a live join link of
//! this session), or nothing, and a new join link is made. The token travels in
//! the body, never in a path or a query a log could keep.

use super::workspace::{create_link, link_url};
use super::{open_session, Body};
use crate::auth::{Access, Kind};
use crate::error::{ApiError, ApiResult};
use crate::store::text;
use crate::token::{hash, same_hash};
use crate::App;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use serde::Deserialize;
use serde_json::{json, Value};

/// Body of `POST /api/sessions/{id}/join-qr`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JoinQr {
    /// A join token of this session the board already holds; absent: a new join link.
    #[serde(default)]
    token: Option<String>,
}

/// `POST /api/sessions/{id}/join-qr` (facilitator): `{ join_url, join_token, link, svg, warning }`.
pub async fn join_qr(
    State(app): State<App>,
    access: Access,
    Path(id): Path<String>,
    Body(body): Body<JoinQr>,
) -> ApiResult<(StatusCode, Json<Value>)> {
    access.facilitator()?;
    let s = open_session(&app, &access, &id).await?;
    let (status, link, token) = match body.token {
        Some(token) => {
            let link = live_join_link(&app, &s.id, &token).await?;
            (StatusCode::OK, link, token)
        }
        None => {
            let (link, token) =
                create_link(&app.store.pool, Kind::Join, &s.workspace, Some(&s.id), None).await?;
            (StatusCode::CREATED, link, token)
        }
    };
    let join_url = link_url(&app, &token);
    let svg = crate::qr::svg_of(&join_url)
        .map_err(|e| ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "qr-code", e))?;
    Ok((
        status,
        Json(json!({
            "join_url": join_url, "join_token": token, "link": link, "svg": svg,
            "warning": app.reachable_warning.as_deref(),
        })),
    ))
}

/// The id of the live join link of `session` whose token is `token`, or a 422 saying what to do.
async fn live_join_link(app: &App, session: &str, token: &str) -> ApiResult<String> {
    let h = hash(token);
    let row = sqlx::query(
        "SELECT id, hash FROM link WHERE hash = $1 AND kind = $2 AND session = $3 AND revoked_at IS NULL",
    )
    .bind(&h)
    .bind(Kind::Join.code())
    .bind(session)
    .fetch_optional(&app.store.pool)
    .await?;
    match row {
        Some(r) if same_hash(&text(&r, "hash"), &h) => Ok(text(&r, "id")),
        _ => Err(ApiError::invalid(
            "not-a-join-link",
            "this token is not a live join link of this session: send no token to make a new join link",
        )
        .field("token")),
    }
}
