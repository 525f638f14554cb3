//! Answers (each participant's, during rating) and consensus (the group's, during consensus).
//!
//! Every write carries the version it was based on: a stale one gets 409 with
//! the current value, so two devices never overwrite each other silently. An
//! answer write also carries an idempotency key: the same key again returns the
//! stored result, so a client may replay its queue after a lost connection.

use super::checks::check_with_engine;
use super::{current_phase, lock_session, open_session, record_event, Body};
use crate::auth::{Access, Kind};
use crate::error::{ApiError, ApiResult};
use crate::limits::{check_len, check_name, KEY_CHARS, NOTE_CHARS, WRITES_PER_SESSION};
use crate::store::{int, opt_text, text};
use crate::App;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::Json;
use domino_engine::Answer;
use serde::Deserialize;
use serde_json::{json, Value};
use sqlx::any::AnyRow;

fn answer_json(r: &AnyRow, with_levels: bool) -> Value {
    let mut v = json!({
        "participant": text(r, "participant"), "criterion": text(r, "criterion"),
        "version": int(r, "version"), "to_confirm": int(r, "to_confirm") != 0, "updated_at": text(r, "updated_at"),
    });
    if with_levels {
        v["level"] = json!(text(r, "level"));
        v["target"] = json!(opt_text(r, "target"));
        v["evidence"] = json!(opt_text(r, "evidence"));
    }
    v
}

fn consensus_json(r: &AnyRow) -> Value {
    json!({
        "criterion": text(r, "criterion"), "level": opt_text(r, "level"), "note": text(r, "note"),
        "version": int(r, "version"), "to_confirm": int(r, "to_confirm") != 0, "decided_at": text(r, "decided_at"),
    })
}

/// `GET /api/sessions/{id}/answers`: blind during rating (own answers only, or who
/// answered what for the facilitator), everyone's from reveal on.
pub async fn list(
    State(app): State<App>,
    access: Access,
    Path(id): Path<String>,
) -> ApiResult<Json<Value>> {
    let s = open_session(&app, &access, &id).await?;
    let blind = matches!(s.phase.as_str(), "draft" | "rating");
    let pool = &app.store.pool;
    let (rows, with_levels) = match access.kind {
        Kind::Participant if blind => {
            let rows = sqlx::query(
                "SELECT * FROM answer WHERE session = $1 AND participant = $2 ORDER BY criterion",
            )
            .bind(&id)
            .bind(&access.participant)
            .fetch_all(pool)
            .await?;
            (rows, true)
        }
        Kind::Participant | Kind::Facilitator => {
            let rows = sqlx::query(
                "SELECT * FROM answer WHERE session = $1 ORDER BY participant, criterion",
            )
            .bind(&id)
            .fetch_all(pool)
            .await?;
            (rows, !blind)
        }
        Kind::Join | Kind::Observer => {
            return Err(ApiError::forbidden(
                "this link cannot read answers; observers see the published results",
            ))
        }
    };
    let answers: Vec<Value> = rows.iter().map(|r| answer_json(r, with_levels)).collect();
    let consensus: Vec<Value> = if blind && access.kind != Kind::Facilitator {
        Vec::new()
    } else {
        sqlx::query("SELECT * FROM consensus WHERE session = $1 ORDER BY criterion")
            .bind(&id)
            .fetch_all(pool)
            .await?
            .iter()
            .map(consensus_json)
            .collect()
    };
    Ok(Json(
        json!({ "phase": s.phase, "answers": answers, "consensus": consensus }),
    ))
}

/// Body of `PUT /api/sessions/{id}/answers`.
#[derive(Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct AnswerWrite {
    criterion: String,
    level: String,
    target: Option<String>,
    evidence: Option<String>,
    /// The version this write was based on (0 for a first answer).
    base_version: i64,
    /// Chosen by the client, unique per write: replays return the first result.
    idempotency_key: String,
}

/// `PUT /api/sessions/{id}/answers`: a participant's own answer to one criterion, during rating.
pub async fn write(
    State(app): State<App>,
    access: Access,
    Path(id): Path<String>,
    Body(body): Body<AnswerWrite>,
) -> ApiResult<(StatusCode, Json<Value>)> {
    let Some(pid) = access
        .participant
        .clone()
        .filter(|_| access.kind == Kind::Participant)
    else {
        return Err(ApiError::forbidden(
            "only a participant's link can write answers",
        ));
    };
    let s = open_session(&app, &access, &id).await?;
    check_name("idempotency_key", &body.idempotency_key, KEY_CHARS)?;
    check_len(
        "evidence",
        body.evidence.as_deref().unwrap_or(""),
        NOTE_CHARS,
    )?;
    let grid = app.grids.get(&app.store, &s.grid_key).await?;
    let mut tx = app.store.pool.begin().await?;
    lock_session(&mut tx, &id).await?;
    let actor = access.actor();
    let body_sha256 = crate::token::hash(&serde_json::to_string(&body).unwrap_or_default());
    if let Some(done) = replay(&mut tx, &actor, &body, &body_sha256).await? {
        return done;
    }
    app.writes.take(&actor)?;
    let phase = current_phase(&mut tx, &id).await?;
    if phase != "rating" {
        return Err(ApiError::wrong_phase(&phase, "rating"));
    }
    let answer = Answer {
        level: Some(body.level.clone()),
        target: body.target.clone(),
        evidence: body.evidence.clone(),
        by: Default::default(),
    };
    check_with_engine(&grid, &body.criterion, answer)?;
    let current = sqlx::query(
        "SELECT * FROM answer WHERE session = $1 AND participant = $2 AND criterion = $3",
    )
    .bind(&id)
    .bind(&pid)
    .bind(&body.criterion)
    .fetch_optional(&mut *tx)
    .await?;
    let version = current.as_ref().map_or(0, |r| int(r, "version"));
    check_write_count(&mut tx, &id, &pid).await?;
    if version != body.base_version {
        let now = current.as_ref().map(|r| answer_json(r, true));
        return Err(ApiError::new(StatusCode::CONFLICT, "stale-version", format!(
            "this answer changed meanwhile (version {version}, this write was based on {}): look at the current value and write again from it", body.base_version))
            .field("base_version").extra(json!({ "current": now })));
    }
    let stored = Stored {
        session: &id,
        participant: &pid,
        actor: &actor,
        body_sha256: &body_sha256,
    };
    let response = store_answer(&mut tx, &stored, &body, version + 1).await?;
    let event = record_event(
        &mut tx,
        &id,
        &actor,
        "answer",
        json!({ "participant": pid, "criterion": body.criterion, "version": version + 1 }),
    )
    .await?;
    tx.commit().await?;
    app.live.publish(event);
    Ok((StatusCode::OK, Json(response)))
}

/// The result first given for this write's idempotency key, when it was used:
/// the same result for the same body, a 422 for another body under the same key.
async fn replay(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    actor: &str,
    body: &AnswerWrite,
    body_sha256: &str,
) -> ApiResult<Option<ApiResult<(StatusCode, Json<Value>)>>> {
    let Some(done) = sqlx::query(
        "SELECT status, response, body_sha256 FROM idempotency WHERE actor = $1 AND key = $2",
    )
    .bind(actor)
    .bind(&body.idempotency_key)
    .fetch_optional(&mut **tx)
    .await?
    else {
        return Ok(None);
    };
    let first = text(&done, "body_sha256");
    // Rows written before bodies were hashed have none: they replay as before.
    if !first.is_empty() && !crate::token::same_hash(&first, body_sha256) {
        return Ok(Some(Err(ApiError::invalid(
            "idempotency-key-reused",
            format!("the idempotency key `{}` was already used for another write: give every new write its own key (a replay of the same write keeps its key and its body)", body.idempotency_key),
        )
        .field("idempotency_key"))));
    }
    let status = StatusCode::from_u16(int(&done, "status") as u16).unwrap_or(StatusCode::OK);
    let response = serde_json::from_str(&text(&done, "response")).unwrap_or(Value::Null);
    Ok(Some(Ok((status, Json(response)))))
}

/// Refuses a write past [`WRITES_PER_SESSION`] for one participant: the sum of their
/// answers' versions is the number of writes they made in the session (cast:
/// PostgreSQL sums BIGINT as NUMERIC, which the pool does not read).
async fn check_write_count(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    session: &str,
    participant: &str,
) -> ApiResult<()> {
    let row = sqlx::query(
        "SELECT CAST(COALESCE(SUM(version), 0) AS BIGINT) AS n FROM answer WHERE session = $1 AND participant = $2",
    )
    .bind(session)
    .bind(participant)
    .fetch_one(&mut **tx)
    .await?;
    if int(&row, "n") >= WRITES_PER_SESSION {
        return Err(ApiError::new(StatusCode::TOO_MANY_REQUESTS, "write-limit", format!(
            "this link has written {WRITES_PER_SESSION} answers in this session, the most accepted: your answers are kept; ask the facilitator if you need to change more")));
    }
    Ok(())
}

/// Who writes, and the hash of the write's body, for [`store_answer`].
struct Stored<'a> {
    session: &'a str,
    participant: &'a str,
    actor: &'a str,
    body_sha256: &'a str,
}

/// Replaces the stored answer by `body` at `version`, and remembers the result under
/// the write's idempotency key; returns the answer as the client sees it.
async fn store_answer(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    who: &Stored<'_>,
    body: &AnswerWrite,
    version: i64,
) -> ApiResult<Value> {
    let (id, pid) = (who.session, who.participant);
    let at = crate::now();
    sqlx::query("DELETE FROM answer WHERE session = $1 AND participant = $2 AND criterion = $3")
        .bind(id)
        .bind(pid)
        .bind(&body.criterion)
        .execute(&mut **tx)
        .await?;
    sqlx::query("INSERT INTO answer (session, participant, criterion, level, target, evidence, to_confirm, version, updated_at) VALUES ($1, $2, $3, $4, $5, $6, 0, $7, $8)")
        .bind(id).bind(pid).bind(&body.criterion).bind(&body.level).bind(&body.target).bind(&body.evidence)
        .bind(version).bind(&at).execute(&mut **tx).await?;
    let response = json!({
        "participant": pid, "criterion": body.criterion, "level": body.level, "target": body.target,
        "evidence": body.evidence, "version": version, "to_confirm": false, "updated_at": at,
    });
    sqlx::query("INSERT INTO idempotency (actor, key, status, response, created_at, body_sha256) VALUES ($1, $2, 200, $3, $4, $5)")
        .bind(who.actor)
        .bind(&body.idempotency_key)
        .bind(response.to_string())
        .bind(&at)
        .bind(who.body_sha256)
        .execute(&mut **tx)
        .await?;
    Ok(response)
}

/// Body of `PUT /api/sessions/{id}/consensus`.
#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConsensusWrite {
    criterion: String,
    /// The agreed level; absent when the group cannot agree (the criterion stays to debate).
    level: Option<String>,
    note: String,
    base_version: i64,
}

/// `PUT /api/sessions/{id}/consensus`: the facilitator records the group's level and why.
pub async fn agree(
    State(app): State<App>,
    access: Access,
    Path(id): Path<String>,
    Body(body): Body<ConsensusWrite>,
) -> ApiResult<Json<Value>> {
    access.facilitator()?;
    let s = open_session(&app, &access, &id).await?;
    check_len("note", &body.note, NOTE_CHARS)?;
    let grid = app.grids.get(&app.store, &s.grid_key).await?;
    let mut tx = app.store.pool.begin().await?;
    lock_session(&mut tx, &id).await?;
    let phase = current_phase(&mut tx, &id).await?;
    if phase != "consensus" {
        return Err(ApiError::wrong_phase(&phase, "consensus"));
    }
    let answer = Answer {
        level: body.level.clone(),
        ..Answer::default()
    };
    check_with_engine(&grid, &body.criterion, answer)?;
    let current = sqlx::query("SELECT * FROM consensus WHERE session = $1 AND criterion = $2")
        .bind(&id)
        .bind(&body.criterion)
        .fetch_optional(&mut *tx)
        .await?;
    let version = current.as_ref().map_or(0, |r| int(r, "version"));
    if version != body.base_version {
        return Err(ApiError::new(StatusCode::CONFLICT, "stale-version", format!(
            "the agreed level changed meanwhile (version {version}, this write was based on {}): look at it and write again from it", body.base_version))
            .field("base_version").extra(json!({ "current": current.as_ref().map(consensus_json) })));
    }
    let at = crate::now();
    sqlx::query("DELETE FROM consensus WHERE session = $1 AND criterion = $2")
        .bind(&id)
        .bind(&body.criterion)
        .execute(&mut *tx)
        .await?;
    sqlx::query("INSERT INTO consensus (session, criterion, level, note, to_confirm, version, decided_at) VALUES ($1, $2, $3, $4, 0, $5, $6)")
        .bind(&id).bind(&body.criterion).bind(&body.level).bind(&body.note).bind(version + 1).bind(&at)
        .execute(&mut *tx).await?;
    let event = record_event(
        &mut tx,
        &id,
        &access.actor(),
        "consensus",
        json!({ "criterion": body.criterion, "version": version + 1 }),
    )
    .await?;
    tx.commit().await?;
    app.live.publish(event);
    Ok(Json(
        json!({ "criterion": body.criterion, "level": body.level, "note": body.note, "version": version + 1, "to_confirm": false, "decided_at": at }),
    ))
}
