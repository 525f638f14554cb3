//! Exports: one session as the TOML/JSON assessment file the CLI reads, a whole
//! workspace as a tar archive of such files plus its grids (`domino batch` scores it).

use super::open_session;
use super::results::{may_read_results, session_assessment, View};
use crate::auth::{Access, Kind};
use crate::error::{ApiError, ApiResult};
use crate::grids::builtins;
use crate::store::text;
use crate::App;
use axum::extract::{Path, Query, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

/// Query of a session export.
#[derive(Deserialize)]
pub struct Format {
    format: Option<String>,
}

/// A file name made of letters, digits and dashes.
fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let out: String = out.trim_end_matches('-').chars().take(60).collect();
    if out.is_empty() {
        "session".into()
    } else {
        out
    }
}

/// `GET /api/sessions/{id}/export?format=toml|json`: one assessment file, each
/// participant's levels and the group's agreed levels with their notes
/// (an observer's file leaves out who rated what where the group agreed).
pub async fn session_file(
    State(app): State<App>,
    access: Access,
    Path(id): Path<String>,
    Query(q): Query<Format>,
) -> ApiResult<Response> {
    let s = open_session(&app, &access, &id).await?;
    may_read_results(&access, &s)?;
    let view = if access.kind == Kind::Observer {
        View::Public
    } else {
        View::Record
    };
    let (a, _) = session_assessment(&app, &s, view).await?;
    let name = format!("{}-{}", slug(&a.meta.initiative), s.date);
    let (body, ext, mime) = match q.format.as_deref().unwrap_or("toml") {
        "toml" => (a.to_toml(), "toml", "application/toml; charset=utf-8"),
        "json" => (a.to_json(), "json", "application/json"),
        other => {
            return Err(ApiError::bad_request(
                "unknown-format",
                format!("`{other}` is not an export format: use `toml` or `json`"),
            )
            .field("format"))
        }
    };
    Ok((
        [
            (header::CONTENT_TYPE, mime.to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}.{ext}\""),
            ),
        ],
        body,
    )
        .into_response())
}

fn append(tar: &mut tar::Builder<Vec<u8>>, path: &str, body: &[u8]) -> ApiResult<()> {
    let mut head = tar::Header::new_gnu();
    head.set_size(body.len() as u64);
    head.set_mode(0o644);
    head.set_cksum();
    tar.append_data(&mut head, path, body).map_err(|e| {
        ApiError::new(
            axum::http::StatusCode::INTERNAL_SERVER_ERROR,
            "archive",
            format!("the archive could not be written: {e}"),
        )
    })
}

/// `GET /api/workspace/export`: `grids/*.toml` and `assessments/*.toml` (one
/// file per session: each participant's levels, the agreed levels and their
/// notes), as a tar archive. Sessions on another grid than `domino` go to
/// `assessments-GRID/`, to be scored with that grid.
pub async fn workspace_archive(State(app): State<App>, access: Access) -> ApiResult<Response> {
    access.facilitator()?;
    let pool = &app.store.pool;
    let mut tar = tar::Builder::new(Vec::new());
    for (name, source) in builtins() {
        append(&mut tar, &format!("grids/{name}.toml"), source.as_bytes())?;
    }
    let grids = sqlx::query("SELECT id, grid_id, version, source FROM grid WHERE workspace = $1 ORDER BY created_at, id")
        .bind(&access.workspace).fetch_all(pool).await?;
    for g in &grids {
        let name = format!(
            "grids/{}-{}-{}.toml",
            slug(&text(g, "grid_id")),
            slug(&text(g, "version")),
            text(g, "id")
        );
        append(&mut tar, &name, text(g, "source").as_bytes())?;
    }
    let sessions =
        sqlx::query("SELECT id FROM session WHERE workspace = $1 ORDER BY created_at, id")
            .bind(&access.workspace)
            .fetch_all(pool)
            .await?;
    let mut unrevealed = Vec::new();
    for row in &sessions {
        let s = open_session(&app, &access, &text(row, "id")).await?;
        if super::results::blind(&s) {
            unrevealed.push(format!("{} ({}, phase {})", s.id, s.date, s.phase));
            continue;
        }
        let grid = if s.grid_key == "builtin:domino" {
            String::new()
        } else {
            format!("-{}", slug(&s.grid_id))
        };
        let (a, _) = session_assessment(&app, &s, View::Record).await?;
        let name = format!(
            "assessments{grid}/{}-{}-{}.toml",
            slug(&a.meta.initiative),
            s.date,
            s.id
        );
        append(&mut tar, &name, a.to_toml().as_bytes())?;
    }
    if !unrevealed.is_empty() {
        let note = format!("Sessions not exported: their rating is blind until the facilitator reveals the answers.\n{}\n", unrevealed.join("\n"));
        append(&mut tar, "NOT-EXPORTED.txt", note.as_bytes())?;
    }
    let body = tar.into_inner().map_err(|e| {
        ApiError::new(
            axum::http::StatusCode::INTERNAL_SERVER_ERROR,
            "archive",
            e.to_string(),
        )
    })?;
    Ok((
        [
            (header::CONTENT_TYPE, "application/x-tar".to_string()),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"workspace.tar\"".to_string(),
            ),
        ],
        body,
    )
        .into_response())
}
