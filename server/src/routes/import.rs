//! `POST /api/workspace/import`: a workspace archive (what `GET /api/workspace/export`
//! writes, or a folder of CLI files put in a tar) read back into a workspace.
//!
//! Every file is checked by the engine before anything is stored, and the whole
//! archive goes in one transaction: it is imported entirely or not at all. The
//! grids are parsed before the transaction opens (on SQLite the store has one
//! connection, which the transaction holds).

use super::{record_event, SessionRow};
use crate::auth::Access;
use crate::error::{ApiError, ApiResult};
use crate::grids::{builtin_key, builtins, check_upload};
use crate::store::text;
use crate::token::new_id;
use crate::App;
use axum::extract::State;
use axum::http::StatusCode;
use axum::Json;
use domino_engine::{Assessment, Grid};
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::sync::Arc;

/// One file of the archive.
struct Entry {
    path: String,
    text: String,
}

/// A grid sessions may use: its key (built-in or uploaded), the parsed grid, and
/// the source to store when it is new to the workspace.
struct KnownGrid {
    key: String,
    grid: Arc<Grid>,
    new_source: Option<String>,
}

/// What the archive holds once checked.
struct Checked {
    grids: Vec<KnownGrid>,
    sessions: Vec<(usize, Assessment)>,
    skipped: Vec<String>,
    warnings: Vec<String>,
}

/// `POST /api/workspace/import` (facilitator): the body is a tar archive.
pub async fn import_archive(
    State(app): State<App>,
    access: Access,
    body: Result<axum::body::Bytes, axum::extract::rejection::BytesRejection>,
) -> ApiResult<(StatusCode, Json<Value>)> {
    access.facilitator()?;
    let body = super::raw_body(body, "the archive", crate::limits::IMPORT_BODY)?;
    let entries = read_tar(&body)?;
    let checked = check(&app, &access, entries).await?;
    let made = store(&app, &access, &checked).await?;
    Ok((
        StatusCode::CREATED,
        Json(json!({
            "grids": checked.grids.iter().filter(|g| g.new_source.is_some()).count(),
            "sessions": made,
            "skipped": checked.skipped,
            "warnings": checked.warnings,
        })),
    ))
}

/// The archive's regular files, as UTF-8 text.
fn read_tar(bytes: &[u8]) -> ApiResult<Vec<Entry>> {
    let bad = |e: std::io::Error| {
        ApiError::bad_request(
            "bad-archive",
            format!("the body is not a tar archive ({e}): send the file GET /api/workspace/export writes, or `tar cf` of such a folder"),
        )
    };
    let mut out = Vec::new();
    let mut archive = tar::Archive::new(bytes);
    for entry in archive.entries().map_err(bad)? {
        let mut entry = entry.map_err(bad)?;
        if !entry.header().entry_type().is_file() {
            continue;
        }
        let path = entry.path().map_err(bad)?.display().to_string();
        let mut text = String::new();
        std::io::Read::read_to_string(&mut entry, &mut text).map_err(|e| {
            ApiError::bad_request(
                "not-utf8",
                format!("`{path}` is not UTF-8 text ({e}): save it as UTF-8"),
            )
            .field(path.clone())
        })?;
        out.push(Entry { path, text });
    }
    Ok(out)
}

/// Sorts the archive into grids and assessments, each checked by the engine.
async fn check(app: &App, access: &Access, entries: Vec<Entry>) -> ApiResult<Checked> {
    let mut checked = Checked {
        grids: known_grids(app, access).await?,
        sessions: Vec::new(),
        skipped: Vec::new(),
        warnings: Vec::new(),
    };
    let (grids, rest): (Vec<Entry>, Vec<Entry>) = entries
        .into_iter()
        .partition(|e| e.path.starts_with("grids/") && e.path.ends_with(".toml"));
    for e in grids {
        let loaded = check_upload(&e.text).map_err(|err| located(err, &e.path))?;
        if !checked
            .grids
            .iter()
            .any(|g| g.grid.hash == loaded.grid.hash)
        {
            checked.grids.push(KnownGrid {
                key: new_id(),
                grid: Arc::new(loaded.grid),
                new_source: Some(e.text),
            });
        }
    }
    for e in rest {
        let is_assessment = e.path.starts_with("assessments")
            && (e.path.ends_with(".toml") || e.path.ends_with(".json"));
        if !is_assessment {
            checked.skipped.push(e.path);
            continue;
        }
        let session = check_assessment(&checked.grids, &e, &mut checked.warnings)?;
        checked.sessions.push(session);
    }
    Ok(checked)
}

/// The built-in grids and those already uploaded to the workspace.
async fn known_grids(app: &App, access: &Access) -> ApiResult<Vec<KnownGrid>> {
    let mut out = Vec::new();
    for (name, source) in builtins() {
        let key = builtin_key(name).unwrap_or_default();
        out.push(KnownGrid {
            grid: app
                .grids
                .get(&app.store, &key)
                .await
                .or_else(|_| check_upload(source).map(|l| Arc::new(l.grid)))?,
            key,
            new_source: None,
        });
    }
    let rows = sqlx::query("SELECT id FROM grid WHERE workspace = $1 ORDER BY created_at, id")
        .bind(&access.workspace)
        .fetch_all(&app.store.pool)
        .await?;
    for r in rows {
        let key = text(&r, "id");
        let grid = app.grids.get(&app.store, &key).await?;
        out.push(KnownGrid {
            key,
            grid,
            new_source: None,
        });
    }
    Ok(out)
}

/// Reads one assessment file and checks it against its grid: (grid index, assessment).
fn check_assessment(
    grids: &[KnownGrid],
    e: &Entry,
    warnings: &mut Vec<String>,
) -> ApiResult<(usize, Assessment)> {
    let parsed = if e.path.ends_with(".json") {
        Assessment::from_json(&e.text)
    } else {
        Assessment::from_toml(&e.text)
    };
    let a = parsed.map_err(|d| invalid_file(&e.path, &d.render(&e.path, &e.text), &d.0))?;
    let candidates: Vec<usize> = (0..grids.len())
        .filter(|&i| grids[i].grid.id == a.meta.grid)
        .collect();
    let Some(&g) = candidates
        .iter()
        .find(|&&i| Some(&grids[i].grid.version) == a.meta.grid_version.as_ref())
        .or(candidates.last())
    else {
        return Err(ApiError::invalid(
            "unknown-grid",
            format!("`{}` answers grid `{}`, which is neither built in nor in the archive's grids/: add its grid file to grids/", e.path, a.meta.grid),
        )
        .field(e.path.clone()));
    };
    let resolved = grids[g]
        .grid
        .resolve(&a)
        .map_err(|d| invalid_file(&e.path, &d.render(&e.path, &e.text), &d.0))?;
    warnings.extend(domino_engine::render_each(
        &resolved.warnings,
        &e.path,
        &e.text,
    ));
    if a.meta.territory.is_some() {
        warnings.push(format!(
            "{}: `territory` is not kept by the workshop server; put it in the profile",
            e.path
        ));
    }
    if a.answers.values().any(|x| x.target.is_some()) {
        warnings.push(format!("{}: the targets are not kept (the workshop keeps each participant's targets, not the group's)", e.path));
    }
    Ok((g, a))
}

fn invalid_file(path: &str, rendered: &str, diags: &[domino_engine::Diagnostic]) -> ApiError {
    ApiError::invalid("invalid-file", format!("`{path}` is refused:\n{rendered}"))
        .field(path.to_string())
        .extra(json!({ "diagnostics": diags }))
}

fn located(mut e: ApiError, path: &str) -> ApiError {
    e.message = e.message.replace("grid.toml", path);
    e.field = Some(path.to_string());
    e
}

/// Stores the checked archive in one transaction; returns the sessions made.
async fn store(app: &App, access: &Access, c: &Checked) -> ApiResult<Vec<Value>> {
    let mut tx = app.store.pool.begin().await?;
    for g in c.grids.iter().filter(|g| g.new_source.is_some()) {
        sqlx::query("INSERT INTO grid (id, workspace, grid_id, version, sha256, source, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)")
            .bind(&g.key).bind(&access.workspace).bind(&g.grid.id).bind(&g.grid.version)
            .bind(&g.grid.hash).bind(&g.new_source).bind(crate::now())
            .execute(&mut *tx).await?;
    }
    let mut order: Vec<&(usize, Assessment)> = c.sessions.iter().collect();
    order.sort_by(|a, b| a.1.meta.date.cmp(&b.1.meta.date));
    let mut initiatives: BTreeMap<String, (String, Option<String>)> = BTreeMap::new();
    let mut made = Vec::new();
    for (g, a) in order {
        let (initiative, previous) = match initiatives.get(&a.meta.initiative) {
            Some(known) => known.clone(),
            None => initiative_of(&mut tx, access, a).await?,
        };
        let s = session_row(access, &initiative, &c.grids[*g], a, previous);
        insert_session(&mut tx, &s, a, &access.actor()).await?;
        initiatives.insert(a.meta.initiative.clone(), (initiative, Some(s.id.clone())));
        made.push(json!({ "id": s.id, "initiative": a.meta.initiative, "date": s.date, "grid": s.grid_id }));
    }
    tx.commit().await?;
    Ok(made)
}

/// The workspace's initiative of this name and its last session, or a new initiative.
async fn initiative_of(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    access: &Access,
    a: &Assessment,
) -> ApiResult<(String, Option<String>)> {
    let found = sqlx::query("SELECT id FROM initiative WHERE workspace = $1 AND name = $2 ORDER BY created_at, id LIMIT 1")
        .bind(&access.workspace)
        .bind(&a.meta.initiative)
        .fetch_optional(&mut **tx)
        .await?;
    let Some(found) = found else {
        return Ok((new_initiative(tx, access, a).await?, None));
    };
    let id = text(&found, "id");
    let last = sqlx::query(
        "SELECT id FROM session WHERE initiative = $1 ORDER BY created_at DESC, id DESC LIMIT 1",
    )
    .bind(&id)
    .fetch_optional(&mut **tx)
    .await?;
    Ok((id, last.map(|r| text(&r, "id"))))
}

async fn new_initiative(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    access: &Access,
    a: &Assessment,
) -> ApiResult<String> {
    let id = new_id();
    sqlx::query("INSERT INTO initiative (id, workspace, name, profile, created_at) VALUES ($1, $2, $3, $4, $5)")
        .bind(&id).bind(&access.workspace).bind(&a.meta.initiative)
        .bind(serde_json::to_string(&a.profile).unwrap_or_default()).bind(crate::now())
        .execute(&mut **tx).await?;
    Ok(id)
}

fn session_row(
    access: &Access,
    initiative: &str,
    g: &KnownGrid,
    a: &Assessment,
    previous: Option<String>,
) -> SessionRow {
    SessionRow {
        id: new_id(),
        workspace: access.workspace.clone(),
        initiative: initiative.to_string(),
        grid_key: g.key.clone(),
        grid_id: g.grid.id.clone(),
        grid_version: g.grid.version.clone(),
        grid_sha256: g.grid.hash.clone(),
        date: a
            .meta
            .date
            .clone()
            .unwrap_or_else(|| crate::now()[..10].to_string()),
        phase: "closed".into(),
        previous,
        published: false,
    }
}

/// A closed session: its raters as participants, their levels as answers, the
/// agreed levels and notes as consensus.
async fn insert_session(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    s: &SessionRow,
    a: &Assessment,
    actor: &str,
) -> ApiResult<()> {
    let at = crate::now();
    sqlx::query("INSERT INTO session (id, workspace, initiative, grid_key, grid_id, grid_version, grid_sha256, date, phase, previous, published, event_seq, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, 0, 0, $11)")
        .bind(&s.id).bind(&s.workspace).bind(&s.initiative).bind(&s.grid_key).bind(&s.grid_id)
        .bind(&s.grid_version).bind(&s.grid_sha256).bind(&s.date).bind(&s.phase).bind(&s.previous).bind(&at)
        .execute(&mut **tx).await?;
    let mut people = BTreeMap::new();
    for (i, name) in a.meta.raters.iter().enumerate() {
        // Joined at the same instant: ids that sort in the file's order keep the raters' order.
        let pid = format!("{i:04}{}", new_id());
        sqlx::query("INSERT INTO participant (id, session, name, role, joined_at) VALUES ($1, $2, $3, '', $4)")
            .bind(&pid).bind(&s.id).bind(name).bind(&at)
            .execute(&mut **tx).await?;
        people.insert(name.as_str(), pid);
    }
    for (criterion, answer) in &a.answers {
        for (rater, level) in &answer.by {
            // The engine checked every rater against `raters`.
            let Some(pid) = people.get(rater.as_str()) else {
                continue;
            };
            sqlx::query("INSERT INTO answer (session, participant, criterion, level, target, evidence, to_confirm, version, updated_at) VALUES ($1, $2, $3, $4, NULL, NULL, 0, 1, $5)")
                .bind(&s.id).bind(pid).bind(criterion).bind(level).bind(&at)
                .execute(&mut **tx).await?;
        }
        if answer.level.is_some() || answer.evidence.is_some() {
            sqlx::query("INSERT INTO consensus (session, criterion, level, note, to_confirm, version, decided_at) VALUES ($1, $2, $3, $4, 0, 1, $5)")
                .bind(&s.id).bind(criterion).bind(&answer.level).bind(answer.evidence.clone().unwrap_or_default()).bind(&at)
                .execute(&mut **tx).await?;
        }
    }
    record_event(
        tx,
        &s.id,
        actor,
        "imported",
        json!({ "previous": s.previous }),
    )
    .await?;
    Ok(())
}
