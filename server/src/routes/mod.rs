//! The JSON API under `/api`, one module per resource.

mod answers;
mod checks;
mod events;
mod export;
mod import;
mod join_qr;
mod results;
mod session;
mod workspace;

pub use import::import_archive;
pub use workspace::{create_link, create_workspace, link_url, upload_grid};

use crate::auth::{Access, Kind};
use crate::error::{ApiError, ApiResult};
use crate::live::Event;
use crate::store::{int, opt_text, text};
use crate::App;
use axum::extract::{FromRequest, Request};
use axum::routing::{any, get, post, put};
use axum::Router;
use serde::de::DeserializeOwned;
use sqlx::{Any, Transaction};

/// The API routes.
pub fn router() -> Router<App> {
    Router::new()
        .route("/api/config", get(workspace::config))
        .route("/api/me", get(workspace::me))
        .route("/api/workspace", get(workspace::overview))
        .route("/api/workspace/export", get(export::workspace_archive))
        .route("/api/grids", get(workspace::list_grids))
        .route("/api/initiatives", post(workspace::create_initiative))
        .route("/api/initiatives/{id}/sessions", post(session::create))
        .route("/api/links", get(workspace::list_links))
        .route("/api/links/{id}/revoke", post(workspace::revoke_link))
        .route("/api/sessions/{id}", get(session::show))
        .route("/api/sessions/{id}/grid", get(session::grid))
        .route(
            "/api/sessions/{id}/grid/resolved",
            get(session::resolved_grid),
        )
        .route("/api/sessions/{id}/links", post(session::new_link))
        .route("/api/sessions/{id}/phase", post(session::change_phase))
        .route("/api/sessions/{id}/publish", post(session::publish))
        .route("/api/sessions/{id}/join", post(session::join))
        .route("/api/sessions/{id}/join-qr", post(join_qr::join_qr))
        .route(
            "/api/sessions/{id}/answers",
            get(answers::list).put(answers::write),
        )
        .route("/api/sessions/{id}/consensus", put(answers::agree))
        .route("/api/sessions/{id}/results", get(results::report))
        .route("/api/sessions/{id}/export", get(export::session_file))
        .route("/api/sessions/{id}/events", get(events::stream))
        // A route, not a fallback: the web app's files are the server's one fallback
        // (axum merges no two routers that both have one), and an unknown API path
        // still gets a JSON 404 rather than the app's page.
        .route(
            "/api/{*rest}",
            any(|| async { ApiError::not_found("no such API endpoint; see server/README.md") }),
        )
        .method_not_allowed_fallback(|| async {
            ApiError::new(
                axum::http::StatusCode::METHOD_NOT_ALLOWED,
                "method-not-allowed",
                "this endpoint does not take this method; see server/README.md",
            )
        })
}

/// A JSON body whose every refusal is an [`ApiError`] (malformed, wrong type, too large).
pub struct Body<T>(pub T);

impl<T: DeserializeOwned> FromRequest<App> for Body<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, app: &App) -> Result<Self, Self::Rejection> {
        let refused = |rejection: axum::extract::rejection::JsonRejection| {
            let status = rejection.status();
            let code = if status == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
                "too-large"
            } else {
                "bad-json"
            };
            ApiError::new(status, code, rejection.body_text())
        };
        let (parts, body) = req.into_parts();
        let bytes = axum::body::Bytes::from_request(Request::from_parts(parts.clone(), body), app)
            .await
            .map_err(|r| ApiError::new(r.status(), "too-large", r.body_text()))?;
        // PostgreSQL text cannot hold NUL, and no name or note needs it: refused on both databases.
        if memchr_nul(&bytes) {
            return Err(ApiError::bad_request(
                "nul-character",
                "the text holds a NUL character (\\u0000), which is not accepted: remove it",
            ));
        }
        let req = Request::from_parts(parts, axum::body::Body::from(bytes));
        match axum::Json::<T>::from_request(req, app).await {
            Ok(axum::Json(v)) => Ok(Body(v)),
            Err(rejection) => Err(refused(rejection)),
        }
    }
}

/// A raw body (a grid, an archive), or a 413 saying `what` was over `max` bytes.
pub fn raw_body(
    body: Result<axum::body::Bytes, axum::extract::rejection::BytesRejection>,
    what: &str,
    max: usize,
) -> ApiResult<axum::body::Bytes> {
    body.map_err(|r| {
        ApiError::new(
            r.status(),
            "too-large",
            format!(
                "{what} is larger than {max} bytes, the most accepted ({})",
                r.body_text()
            ),
        )
    })
}

/// True when a JSON text holds a NUL, raw or escaped.
fn memchr_nul(bytes: &[u8]) -> bool {
    bytes.contains(&0)
        || bytes
            .windows(6)
            .any(|w| w[0] == b'\\' && w[1] == b'u' && &w[2..] == b"0000")
}

/// True when `id` could be one of the server's ids (base64url, at most 64 characters):
/// anything else is refused before it reaches the database.
pub fn plausible_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 64
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// A session as stored.
#[derive(Debug, Clone)]
pub struct SessionRow {
    pub id: String,
    pub workspace: String,
    pub initiative: String,
    pub grid_key: String,
    pub grid_id: String,
    pub grid_version: String,
    pub grid_sha256: String,
    pub date: String,
    pub phase: String,
    pub previous: Option<String>,
    pub published: bool,
}

/// The session `id`, if the link opens it: the facilitator's whole workspace,
/// any other link its own session only.
pub async fn open_session(app: &App, access: &Access, id: &str) -> ApiResult<SessionRow> {
    if !plausible_id(id) {
        return Err(ApiError::forbidden("this link does not open that session"));
    }
    let row = sqlx::query("SELECT * FROM session WHERE id = $1")
        .bind(id)
        .fetch_optional(&app.store.pool)
        .await?;
    let refused = || ApiError::forbidden("this link does not open that session");
    let row = row.ok_or_else(refused)?;
    let session = SessionRow {
        id: text(&row, "id"),
        workspace: text(&row, "workspace"),
        initiative: text(&row, "initiative"),
        grid_key: text(&row, "grid_key"),
        grid_id: text(&row, "grid_id"),
        grid_version: text(&row, "grid_version"),
        grid_sha256: text(&row, "grid_sha256"),
        date: text(&row, "date"),
        phase: text(&row, "phase"),
        previous: opt_text(&row, "previous"),
        published: int(&row, "published") != 0,
    };
    let opens = match access.kind {
        Kind::Facilitator => access.workspace == session.workspace,
        _ => access.session.as_deref() == Some(session.id.as_str()),
    };
    if opens {
        Ok(session)
    } else {
        Err(refused())
    }
}

/// The session's phase, read inside a write transaction (after its lock).
pub async fn current_phase(tx: &mut Transaction<'static, Any>, id: &str) -> ApiResult<String> {
    let row = sqlx::query("SELECT phase FROM session WHERE id = $1")
        .bind(id)
        .fetch_one(&mut **tx)
        .await?;
    Ok(text(&row, "phase"))
}

/// Takes the session's write lock (PostgreSQL row lock; SQLite has one writer) before reading versions.
pub async fn lock_session(tx: &mut Transaction<'static, Any>, id: &str) -> ApiResult<()> {
    sqlx::query("UPDATE session SET event_seq = event_seq WHERE id = $1")
        .bind(id)
        .execute(&mut **tx)
        .await?;
    Ok(())
}

/// Records an event in the transaction of the change it describes; the caller
/// publishes it after commit.
pub async fn record_event(
    tx: &mut Transaction<'static, Any>,
    session: &str,
    actor: &str,
    kind: &str,
    payload: serde_json::Value,
) -> ApiResult<Event> {
    let row = sqlx::query(
        "UPDATE session SET event_seq = event_seq + 1 WHERE id = $1 RETURNING event_seq",
    )
    .bind(session)
    .fetch_one(&mut **tx)
    .await?;
    let id = int(&row, "event_seq");
    let at = crate::now();
    sqlx::query("INSERT INTO event (session, seq, at, actor, kind, payload) VALUES ($1, $2, $3, $4, $5, $6)")
        .bind(session)
        .bind(id)
        .bind(&at)
        .bind(actor)
        .bind(kind)
        .bind(payload.to_string())
        .execute(&mut **tx)
        .await?;
    Ok(Event {
        session: session.to_string(),
        id,
        kind: kind.to_string(),
        at,
        payload,
    })
}
