//! Sessions: creation (optionally from the initiative's last one), state, phases, joining.

use super::workspace::{create_link, link_url};
use super::{current_phase, lock_session, open_session, record_event, Body, SessionRow};
use crate::auth::{Access, Kind};
use crate::error::{ApiError, ApiResult};
use crate::limits::{check_name, NAME_CHARS, PARTICIPANTS};
use crate::store::{int, opt_text, text};
use crate::token::new_id;
use crate::App;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use serde::Deserialize;
use serde_json::{json, Value};

/// The phases, in order.
pub const PHASES: [&str; 5] = ["draft", "rating", "reveal", "consensus", "closed"];

/// Whether the facilitator may move a session from one phase to another.
pub fn allowed_move(from: &str, to: &str) -> bool {
    matches!(
        (from, to),
        ("draft", "rating")
            | ("rating", "reveal")
            | ("reveal", "rating")
            | ("reveal", "consensus")
            | ("consensus", "closed")
    )
}

/// Body of `POST /api/initiatives/{id}/sessions`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewSession {
    /// A built-in grid name (`domino`) or an uploaded grid's key.
    grid: String,
    /// `YYYY-MM-DD`; today when absent.
    date: Option<String>,
    /// Start from the initiative's last session: agreed levels pre-filled, to confirm.
    #[serde(default)]
    from_last: bool,
}

/// `POST /api/initiatives/{id}/sessions`.
pub async fn create(
    State(app): State<App>,
    access: Access,
    Path(initiative): Path<String>,
    Body(body): Body<NewSession>,
) -> ApiResult<(StatusCode, Json<Value>)> {
    access.facilitator()?;
    if !super::plausible_id(&initiative) {
        return Err(ApiError::forbidden(
            "this link does not open that initiative",
        ));
    }
    let pool = &app.store.pool;
    let found = sqlx::query("SELECT id FROM initiative WHERE id = $1 AND workspace = $2")
        .bind(&initiative)
        .bind(&access.workspace)
        .fetch_optional(pool)
        .await?;
    if found.is_none() {
        return Err(ApiError::forbidden(
            "this link does not open that initiative",
        ));
    }
    let key = grid_key(&app, &access, &body.grid).await?;
    let grid = app.grids.get(&app.store, &key).await?;
    initiative_fits(&app, &initiative, &grid).await?;
    let date = match body.date {
        Some(d) => check_date(&d)?,
        None => crate::now()[..10].to_string(),
    };
    let previous = if body.from_last {
        last_session(&app, &initiative).await?
    } else {
        None
    };
    let id = new_id();
    let mut tx = pool.begin().await?;
    sqlx::query("INSERT INTO session (id, workspace, initiative, grid_key, grid_id, grid_version, grid_sha256, date, phase, previous, published, event_seq, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'draft', $9, 0, 0, $10)")
        .bind(&id).bind(&access.workspace).bind(&initiative).bind(&key)
        .bind(&grid.id).bind(&grid.version).bind(&grid.hash).bind(&date)
        .bind(&previous).bind(crate::now())
        .execute(&mut *tx).await?;
    if let Some(prev) = &previous {
        sqlx::query("INSERT INTO consensus (session, criterion, level, note, to_confirm, version, decided_at) SELECT $1, criterion, level, note, 1, 1, $2 FROM consensus WHERE session = $3")
            .bind(&id).bind(crate::now()).bind(prev)
            .execute(&mut *tx).await?;
    }
    let (_, join) = create_link(&mut *tx, Kind::Join, &access.workspace, Some(&id), None).await?;
    let (_, observer) =
        create_link(&mut *tx, Kind::Observer, &access.workspace, Some(&id), None).await?;
    record_event(
        &mut tx,
        &id,
        &access.actor(),
        "created",
        json!({ "previous": previous }),
    )
    .await?;
    tx.commit().await?;
    Ok((
        StatusCode::CREATED,
        Json(json!({
            "id": id, "initiative": initiative, "grid": grid.id, "grid_version": grid.version,
            "grid_sha256": grid.hash, "date": date, "phase": "draft", "previous": previous,
            "join_link": link_url(&app, &join), "join_token": join,
            "observer_link": link_url(&app, &observer), "observer_token": observer,
        })),
    ))
}

/// The key of a built-in grid's name, or of a grid uploaded to the workspace.
pub async fn grid_key(app: &App, access: &Access, grid: &str) -> ApiResult<String> {
    match crate::grids::builtin_key(grid) {
        Some(k) => Ok(k),
        None => uploaded_grid_key(app, access, grid).await,
    }
}

/// Refuses a session on a grid that has not the profile fields of its initiative
/// (the report could not be scored), saying which field and what to do.
async fn initiative_fits(app: &App, initiative: &str, grid: &domino_engine::Grid) -> ApiResult<()> {
    let row = sqlx::query("SELECT name, profile FROM initiative WHERE id = $1")
        .bind(initiative)
        .fetch_one(&app.store.pool)
        .await?;
    let profile = serde_json::from_str(&text(&row, "profile")).unwrap_or_default();
    super::checks::check_profile(grid, &profile).map_err(|mut e| {
        e.message = format!(
            "the profile of initiative `{}` does not fit grid `{}`: {} (choose a grid with these profile fields, or an initiative without them)",
            text(&row, "name"), grid.id, e.message
        );
        e
    })
}

async fn uploaded_grid_key(app: &App, access: &Access, key: &str) -> ApiResult<String> {
    let row = sqlx::query("SELECT id FROM grid WHERE id = $1 AND workspace = $2")
        .bind(key)
        .bind(&access.workspace)
        .fetch_optional(&app.store.pool)
        .await?;
    let names: Vec<&str> = crate::grids::builtins().map(|(n, _)| n).collect();
    row.map(|r| text(&r, "id")).ok_or_else(|| {
        ApiError::invalid("unknown-grid", format!("no grid `{key}` here: use a built-in grid ({}) or the key returned by POST /api/grids", names.join(", ")))
            .field("grid")
    })
}

fn check_date(date: &str) -> ApiResult<String> {
    let ok = date.len() == 10
        && date.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        });
    if ok {
        Ok(date.to_string())
    } else {
        Err(ApiError::bad_request(
            "bad-date",
            format!("`{date}` is not a date: write it YYYY-MM-DD"),
        )
        .field("date"))
    }
}

async fn last_session(app: &App, initiative: &str) -> ApiResult<Option<String>> {
    let row = sqlx::query(
        "SELECT id FROM session WHERE initiative = $1 ORDER BY created_at DESC, id DESC LIMIT 1",
    )
    .bind(initiative)
    .fetch_optional(&app.store.pool)
    .await?;
    Ok(row.map(|r| text(&r, "id")))
}

/// `GET /api/sessions/{id}`: the session's state, as much as the link may see.
pub async fn show(
    State(app): State<App>,
    access: Access,
    Path(id): Path<String>,
) -> ApiResult<Json<Value>> {
    let s = open_session(&app, &access, &id).await?;
    let mut out = json!({
        "id": s.id, "initiative": s.initiative, "grid": s.grid_id, "grid_version": s.grid_version,
        "grid_sha256": s.grid_sha256, "grid_key": s.grid_key, "date": s.date, "phase": s.phase,
        "published": s.published, "previous": s.previous,
    });
    if matches!(access.kind, Kind::Observer | Kind::Join) {
        return Ok(Json(out));
    }
    let pool = &app.store.pool;
    let people = sqlx::query(
        "SELECT id, name, role FROM participant WHERE session = $1 ORDER BY joined_at, id",
    )
    .bind(&id)
    .fetch_all(pool)
    .await?;
    let answered = sqlx::query("SELECT participant, criterion FROM answer WHERE session = $1 AND to_confirm = 0 ORDER BY criterion")
        .bind(&id).fetch_all(pool).await?;
    let participants: Vec<Value> = people.iter().map(|p| {
        let pid = text(p, "id");
        let done: Vec<String> = answered.iter().filter(|a| text(a, "participant") == pid).map(|a| text(a, "criterion")).collect();
        let mut v = json!({ "id": pid, "name": text(p, "name"), "role": text(p, "role"), "answered_count": done.len() });
        if access.kind == Kind::Facilitator {
            v["answered"] = json!(done);
        }
        v
    }).collect();
    out["participants"] = json!(participants);
    Ok(Json(out))
}

/// Body of `POST /api/sessions/{id}/phase`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PhaseChange {
    phase: String,
}

/// `POST /api/sessions/{id}/phase`: the facilitator moves the session on (or back to rating).
pub async fn change_phase(
    State(app): State<App>,
    access: Access,
    Path(id): Path<String>,
    Body(body): Body<PhaseChange>,
) -> ApiResult<Json<Value>> {
    access.facilitator()?;
    let s = open_session(&app, &access, &id).await?;
    if !PHASES.contains(&body.phase.as_str()) {
        return Err(ApiError::invalid(
            "unknown-phase",
            format!(
                "`{}` is not a phase: use one of {}",
                body.phase,
                PHASES.join(", ")
            ),
        )
        .field("phase"));
    }
    if !allowed_move(&s.phase, &body.phase) {
        return Err(ApiError::new(StatusCode::CONFLICT, "phase-order", format!(
            "the session cannot go from `{}` to `{}`: the order is draft → rating → reveal → consensus → closed, and reveal → rating", s.phase, body.phase)).field("phase"));
    }
    let mut tx = app.store.pool.begin().await?;
    let moved = sqlx::query("UPDATE session SET phase = $1 WHERE id = $2 AND phase = $3")
        .bind(&body.phase)
        .bind(&id)
        .bind(&s.phase)
        .execute(&mut *tx)
        .await?;
    if moved.rows_affected() == 0 {
        return Err(ApiError::new(
            StatusCode::CONFLICT,
            "phase-changed",
            "the phase changed meanwhile: reload the session",
        ));
    }
    let event = record_event(
        &mut tx,
        &id,
        &access.actor(),
        "phase",
        json!({ "from": s.phase, "to": body.phase }),
    )
    .await?;
    tx.commit().await?;
    app.live.publish(event);
    Ok(Json(json!({ "id": id, "phase": body.phase })))
}

/// Body of `POST /api/sessions/{id}/publish`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Publish {
    published: bool,
}

/// `POST /api/sessions/{id}/publish`: opens (or closes) the results to observers.
pub async fn publish(
    State(app): State<App>,
    access: Access,
    Path(id): Path<String>,
    Body(body): Body<Publish>,
) -> ApiResult<Json<Value>> {
    access.facilitator()?;
    open_session(&app, &access, &id).await?;
    let mut tx = app.store.pool.begin().await?;
    sqlx::query("UPDATE session SET published = $1 WHERE id = $2")
        .bind(i64::from(body.published))
        .bind(&id)
        .execute(&mut *tx)
        .await?;
    let event = record_event(
        &mut tx,
        &id,
        &access.actor(),
        "published",
        json!({ "published": body.published }),
    )
    .await?;
    tx.commit().await?;
    app.live.publish(event);
    Ok(Json(json!({ "id": id, "published": body.published })))
}

/// Body of `POST /api/sessions/{id}/links`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewLink {
    role: String,
}

/// `POST /api/sessions/{id}/links`: a new join or observer link (after revoking one).
pub async fn new_link(
    State(app): State<App>,
    access: Access,
    Path(id): Path<String>,
    Body(body): Body<NewLink>,
) -> ApiResult<(StatusCode, Json<Value>)> {
    access.facilitator()?;
    let s = open_session(&app, &access, &id).await?;
    let kind = match body.role.as_str() {
        "join" => Kind::Join,
        "observer" => Kind::Observer,
        other => {
            return Err(ApiError::invalid(
                "unknown-role",
                format!("`{other}` is not a link role here: use `join` or `observer`"),
            )
            .field("role"))
        }
    };
    let (link, token) = create_link(&app.store.pool, kind, &s.workspace, Some(&id), None).await?;
    Ok((
        StatusCode::CREATED,
        Json(
            json!({ "id": link, "role": body.role, "token": token, "link": link_url(&app, &token) }),
        ),
    ))
}

/// Body of `POST /api/sessions/{id}/join`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Join {
    name: String,
    role: String,
    /// The personal link this person had in the previous session, if they want
    /// their answers there pre-filled (to confirm). A name alone pre-fills nothing:
    /// anyone holding the join link could take another person's name.
    #[serde(default)]
    previous_token: Option<String>,
}

/// `POST /api/sessions/{id}/join`: the join link creates a participant and returns their own link.
pub async fn join(
    State(app): State<App>,
    access: Access,
    Path(id): Path<String>,
    Body(body): Body<Join>,
) -> ApiResult<(StatusCode, Json<Value>)> {
    if access.kind != Kind::Join {
        return Err(ApiError::forbidden(
            "only a join link can add a participant",
        ));
    }
    let s = open_session(&app, &access, &id).await?;
    check_name("name", &body.name, NAME_CHARS)?;
    check_name("role", &body.role, NAME_CHARS)?;
    let mut tx = app.store.pool.begin().await?;
    // The lock first, then the phase: a join cannot slip in after the move to reveal.
    lock_session(&mut tx, &id).await?;
    let phase = current_phase(&mut tx, &id).await?;
    if !matches!(phase.as_str(), "draft" | "rating") {
        return Err(ApiError::wrong_phase(&phase, "draft or rating"));
    }
    // The session's write lock is held, so two joins cannot both pass the count.
    let pid = new_id();
    let event = record_event(
        &mut tx,
        &id,
        &access.actor(),
        "join",
        json!({ "participant": pid, "name": body.name, "role": body.role }),
    )
    .await?;
    let count = sqlx::query("SELECT COUNT(*) AS n FROM participant WHERE session = $1")
        .bind(&id)
        .fetch_one(&mut *tx)
        .await?;
    if int(&count, "n") >= PARTICIPANTS {
        return Err(ApiError::new(StatusCode::CONFLICT, "session-full", format!(
            "this session already has {PARTICIPANTS} participants, the most it accepts: ask the facilitator to open another session")));
    }
    sqlx::query(
        "INSERT INTO participant (id, session, name, role, joined_at) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(&pid)
    .bind(&id)
    .bind(&body.name)
    .bind(&body.role)
    .bind(crate::now())
    .execute(&mut *tx)
    .await?;
    prefill_from_previous(&mut tx, &s, &pid, body.previous_token.as_deref()).await?;
    let (_, token) = create_link(
        &mut *tx,
        Kind::Participant,
        &s.workspace,
        Some(&id),
        Some(&pid),
    )
    .await?;
    tx.commit().await?;
    app.live.publish(event);
    Ok((
        StatusCode::CREATED,
        Json(json!({
            "participant": pid, "name": body.name, "role": body.role,
            "token": token, "link": link_url(&app, &token),
        })),
    ))
}

/// Copies the answers the holder of `previous_token` gave in the previous session,
/// marked to confirm: only a participant's own, unrevoked link of that session opens
/// them. Any other token pre-fills nothing (and says nothing about why).
async fn prefill_from_previous(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    s: &SessionRow,
    pid: &str,
    previous_token: Option<&str>,
) -> ApiResult<()> {
    let (Some(prev), Some(token)) = (&s.previous, previous_token) else {
        return Ok(());
    };
    let owner = sqlx::query("SELECT participant FROM link WHERE hash = $1 AND kind = $2 AND session = $3 AND revoked_at IS NULL")
        .bind(crate::token::hash(token))
        .bind(Kind::Participant.code())
        .bind(prev)
        .fetch_optional(&mut **tx)
        .await?;
    let Some(owner) = owner.and_then(|row| opt_text(&row, "participant")) else {
        return Ok(());
    };
    sqlx::query("INSERT INTO answer (session, participant, criterion, level, target, evidence, to_confirm, version, updated_at) SELECT $1, $2, a.criterion, a.level, a.target, a.evidence, 1, 1, $3 FROM answer a WHERE a.session = $4 AND a.participant = $5")
        .bind(&s.id).bind(pid).bind(crate::now()).bind(prev).bind(owner)
        .execute(&mut **tx).await?;
    Ok(())
}

/// `GET /api/sessions/{id}/grid/resolved`: the session's grid as this server loaded and checked
/// it, in the engine's resolved form (JSON, written once per grid): the workshop module reads
/// it without the TOML loader.
pub async fn resolved_grid(
    State(app): State<App>,
    access: Access,
    Path(id): Path<String>,
) -> ApiResult<impl axum::response::IntoResponse> {
    let s = open_session(&app, &access, &id).await?;
    let resolved = app.grids.resolved(&app.store, &s.grid_key).await?;
    Ok((
        [(axum::http::header::CONTENT_TYPE, "application/json")],
        resolved,
    ))
}

/// `GET /api/sessions/{id}/grid`: the TOML source of the session's grid, for the app to show it.
pub async fn grid(
    State(app): State<App>,
    access: Access,
    Path(id): Path<String>,
) -> ApiResult<impl axum::response::IntoResponse> {
    let s = open_session(&app, &access, &id).await?;
    let source = crate::grids::source(&app.store, &s.grid_key).await?;
    Ok((
        [(
            axum::http::header::CONTENT_TYPE,
            "application/toml; charset=utf-8",
        )],
        source,
    ))
}
