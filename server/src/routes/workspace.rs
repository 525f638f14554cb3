//! The workspace: config, who am I, overview, grids, initiatives, links.

use super::Body;
use crate::auth::{Access, Kind};
use crate::error::{ApiError, ApiResult};
use crate::grids::{builtins, check_upload};
use crate::limits::{check_name, GRID_BODY, NAME_CHARS};
use crate::store::{int, opt_text, text};
use crate::token::{hash, new_id, new_token};
use crate::App;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use serde::Deserialize;
use serde_json::{json, Value};
use std::collections::BTreeMap;

/// The address a token opens in the app: the token stays in the fragment.
pub fn link_url(app: &App, token: &str) -> String {
    format!("{}/#/t/{token}", app.public_url.trim_end_matches('/'))
}

/// Stores a new link and returns (link id, secret token).
pub async fn create_link<'e, E: sqlx::Executor<'e, Database = sqlx::Any>>(
    db: E,
    kind: Kind,
    workspace: &str,
    session: Option<&str>,
    participant: Option<&str>,
) -> ApiResult<(String, String)> {
    let (id, token) = (new_id(), new_token());
    sqlx::query("INSERT INTO link (id, hash, kind, workspace, session, participant, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)")
        .bind(&id)
        .bind(hash(&token))
        .bind(kind.code())
        .bind(workspace)
        .bind(session)
        .bind(participant)
        .bind(crate::now())
        .execute(db)
        .await?;
    Ok((id, token))
}

/// Creates a workspace and returns its id and the facilitator's token.
pub async fn create_workspace(app: &App, title: &str) -> ApiResult<(String, String)> {
    check_name("title", title, NAME_CHARS)?;
    let id = new_id();
    let mut tx = app.store.pool.begin().await?;
    sqlx::query("INSERT INTO workspace (id, title, created_at) VALUES ($1, $2, $3)")
        .bind(&id)
        .bind(title)
        .bind(crate::now())
        .execute(&mut *tx)
        .await?;
    let (_, token) = create_link(&mut *tx, Kind::Facilitator, &id, None, None).await?;
    tx.commit().await?;
    Ok((id, token))
}

/// `GET /api/config`: tells the app a server is there.
pub async fn config(State(app): State<App>) -> Json<Value> {
    Json(json!({
        "server": "domino",
        "version": env!("CARGO_PKG_VERSION"),
        "public_url": &*app.public_url,
        "limits": {
            "json_body_bytes": crate::limits::JSON_BODY,
            "grid_body_bytes": GRID_BODY,
            "participants_per_session": crate::limits::PARTICIPANTS,
            "note_chars": crate::limits::NOTE_CHARS,
            "name_chars": NAME_CHARS,
            "import_body_bytes": crate::limits::IMPORT_BODY,
            "write_burst": crate::limits::WRITE_BURST,
            "writes_per_minute": crate::limits::WRITES_PER_MINUTE,
            "writes_per_session": crate::limits::WRITES_PER_SESSION,
            "idempotency_days": crate::limits::IDEMPOTENCY_DAYS,
        }
    }))
}

/// `GET /api/me`: what the link is.
pub async fn me(access: Access) -> Json<Value> {
    Json(json!({
        "role": access.kind.code(),
        "workspace": access.workspace,
        "session": access.session,
        "participant": access.participant,
    }))
}

/// `GET /api/workspace`: the facilitator's overview.
pub async fn overview(State(app): State<App>, access: Access) -> ApiResult<Json<Value>> {
    access.facilitator()?;
    let pool = &app.store.pool;
    let ws = sqlx::query("SELECT id, title, created_at FROM workspace WHERE id = $1")
        .bind(&access.workspace)
        .fetch_one(pool)
        .await?;
    let initiatives = sqlx::query(
        "SELECT id, name, profile FROM initiative WHERE workspace = $1 ORDER BY created_at, id",
    )
    .bind(&access.workspace)
    .fetch_all(pool)
    .await?;
    let sessions = sqlx::query("SELECT id, initiative, grid_id, grid_version, date, phase, published, previous FROM session WHERE workspace = $1 ORDER BY created_at, id")
        .bind(&access.workspace)
        .fetch_all(pool)
        .await?;
    let initiatives: Vec<Value> = initiatives
        .iter()
        .map(|r| {
            let id = text(r, "id");
            let own: Vec<Value> = sessions
                .iter()
                .filter(|s| text(s, "initiative") == id)
                .map(|s| json!({
                    "id": text(s, "id"), "grid": text(s, "grid_id"), "grid_version": text(s, "grid_version"),
                    "date": text(s, "date"), "phase": text(s, "phase"),
                    "published": int(s, "published") != 0, "previous": opt_text(s, "previous"),
                }))
                .collect();
            let profile: Value = serde_json::from_str(&text(r, "profile")).unwrap_or(json!({}));
            json!({ "id": id, "name": text(r, "name"), "profile": profile, "sessions": own })
        })
        .collect();
    Ok(Json(json!({
        "id": text(&ws, "id"), "title": text(&ws, "title"), "created_at": text(&ws, "created_at"),
        "initiatives": initiatives,
    })))
}

/// `GET /api/grids`: the built-in grids and those uploaded to the workspace.
pub async fn list_grids(State(app): State<App>, access: Access) -> ApiResult<Json<Value>> {
    access.facilitator()?;
    let mut out: Vec<Value> = builtins()
        .filter_map(|(name, source)| {
            let g = domino_engine::Grid::from_toml(source).ok()?.grid;
            Some(json!({ "key": name, "grid": g.id, "version": g.version, "sha256": g.hash, "builtin": true }))
        })
        .collect();
    let rows = sqlx::query("SELECT id, grid_id, version, sha256 FROM grid WHERE workspace = $1 ORDER BY created_at, id")
        .bind(&access.workspace)
        .fetch_all(&app.store.pool)
        .await?;
    out.extend(rows.iter().map(|r| {
        json!({
            "key": text(r, "id"), "grid": text(r, "grid_id"), "version": text(r, "version"),
            "sha256": text(r, "sha256"), "builtin": false,
        })
    }));
    Ok(Json(json!({ "grids": out })))
}

/// `POST /api/grids`: uploads a grid (TOML text), checked like `domino grid check`.
pub async fn upload_grid(
    State(app): State<App>,
    access: Access,
    body: Result<axum::body::Bytes, axum::extract::rejection::BytesRejection>,
) -> ApiResult<(StatusCode, Json<Value>)> {
    access.facilitator()?;
    let body = super::raw_body(body, "the grid", GRID_BODY).map_err(|e| e.field("grid"))?;
    let source = std::str::from_utf8(&body).map_err(|e| {
        ApiError::bad_request(
            "not-utf8",
            format!("the grid is not UTF-8 text ({e}); save it as UTF-8"),
        )
        .field("grid")
    })?;
    let loaded = check_upload(source)?;
    let g = &loaded.grid;
    let id = new_id();
    sqlx::query("INSERT INTO grid (id, workspace, grid_id, version, sha256, source, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)")
        .bind(&id)
        .bind(&access.workspace)
        .bind(&g.id)
        .bind(&g.version)
        .bind(&g.hash)
        .bind(source)
        .bind(crate::now())
        .execute(&app.store.pool)
        .await?;
    let warnings = domino_engine::render_each(&loaded.warnings, "grid.toml", source);
    Ok((
        StatusCode::CREATED,
        Json(json!({
            "key": id, "grid": g.id, "version": g.version, "sha256": g.hash, "warnings": warnings,
        })),
    ))
}

/// Body of `POST /api/initiatives`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewInitiative {
    name: String,
    #[serde(default)]
    profile: BTreeMap<String, String>,
    /// The grid whose profile fields the profile uses (`domino` when absent).
    #[serde(default)]
    grid: Option<String>,
}

/// `POST /api/initiatives`: a practice followed over time.
pub async fn create_initiative(
    State(app): State<App>,
    access: Access,
    Body(body): Body<NewInitiative>,
) -> ApiResult<(StatusCode, Json<Value>)> {
    access.facilitator()?;
    check_name("name", &body.name, NAME_CHARS)?;
    for (k, v) in &body.profile {
        check_name(&format!("profile.{k}"), v, NAME_CHARS)?;
    }
    if !body.profile.is_empty() {
        let key = super::session::grid_key(&app, &access, body.grid.as_deref().unwrap_or("domino"))
            .await?;
        let grid = app.grids.get(&app.store, &key).await?;
        super::checks::check_profile(&grid, &body.profile)?;
    }
    let id = new_id();
    sqlx::query("INSERT INTO initiative (id, workspace, name, profile, created_at) VALUES ($1, $2, $3, $4, $5)")
        .bind(&id)
        .bind(&access.workspace)
        .bind(&body.name)
        .bind(serde_json::to_string(&body.profile).unwrap_or_default())
        .bind(crate::now())
        .execute(&app.store.pool)
        .await?;
    Ok((
        StatusCode::CREATED,
        Json(json!({ "id": id, "name": body.name, "profile": body.profile })),
    ))
}

/// `GET /api/links`: every link of the workspace (never the secrets).
pub async fn list_links(State(app): State<App>, access: Access) -> ApiResult<Json<Value>> {
    access.facilitator()?;
    let rows = sqlx::query("SELECT id, kind, session, participant, created_at, revoked_at FROM link WHERE workspace = $1 ORDER BY created_at, id")
        .bind(&access.workspace)
        .fetch_all(&app.store.pool)
        .await?;
    let links: Vec<Value> = rows
        .iter()
        .map(|r| {
            json!({
                "id": text(r, "id"), "role": text(r, "kind"), "session": opt_text(r, "session"),
                "participant": opt_text(r, "participant"), "created_at": text(r, "created_at"),
                "revoked_at": opt_text(r, "revoked_at"),
            })
        })
        .collect();
    Ok(Json(json!({ "links": links })))
}

/// `POST /api/links/{id}/revoke`: the link stops working at once (401).
pub async fn revoke_link(
    State(app): State<App>,
    access: Access,
    Path(id): Path<String>,
) -> ApiResult<Json<Value>> {
    access.facilitator()?;
    if !super::plausible_id(&id) {
        return Err(ApiError::not_found("no such live link in this workspace").field("id"));
    }
    let done = sqlx::query(
        "UPDATE link SET revoked_at = $1 WHERE id = $2 AND workspace = $3 AND revoked_at IS NULL",
    )
    .bind(crate::now())
    .bind(&id)
    .bind(&access.workspace)
    .execute(&app.store.pool)
    .await?;
    if done.rows_affected() == 0 {
        return Err(ApiError::not_found("no such live link in this workspace").field("id"));
    }
    app.live.revoke(&id);
    Ok(Json(json!({ "id": id, "revoked": true })))
}
