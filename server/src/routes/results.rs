//! Results: a session as the engine's assessment, and the engine's consolidated report of it.

use super::{open_session, SessionRow};
use crate::auth::{Access, Kind};
use crate::error::{ApiError, ApiResult};
use crate::store::{opt_text, text};
use crate::App;
use axum::extract::{Path, Query, State};
use axum::Json;
use domino_engine::{Answer, Assessment, Grid};
use serde::Deserialize;
use std::collections::{BTreeMap, HashSet};
use std::sync::Arc;

/// Whether the session's levels are still hidden (draft and rating: blind rating).
pub fn blind(s: &SessionRow) -> bool {
    matches!(s.phase.as_str(), "draft" | "rating")
}

/// Who may read a session's results and files: the facilitator and the
/// participants from reveal on (rating is blind for everyone: the board shows
/// who answered what, never a level, so nobody anchors the room), an observer
/// once published and closed.
pub fn may_read_results(access: &Access, s: &SessionRow) -> ApiResult<()> {
    let ok = match access.kind {
        Kind::Facilitator | Kind::Participant => !blind(s),
        Kind::Observer => s.published && s.phase == "closed",
        Kind::Join => false,
    };
    if ok {
        Ok(())
    } else if access.kind == Kind::Observer {
        Err(ApiError::forbidden("the results are not published yet: the facilitator publishes them once the session is closed"))
    } else {
        Err(ApiError::forbidden(
            "rating is blind: the results and levels open to everyone once the facilitator reveals the answers",
        ))
    }
}

/// Rater names unique within the session: a repeated name gets ` (2)`, ` (3)`…
fn rater_names(people: &[(String, String)]) -> BTreeMap<String, String> {
    let mut taken = HashSet::new();
    let mut out = BTreeMap::new();
    for (id, name) in people {
        let mut n = 1;
        let mut key = name.trim().to_string();
        while !taken.insert(key.clone()) {
            n += 1;
            key = format!("{} ({n})", name.trim());
        }
        out.insert(id.clone(), key);
    }
    out
}

/// Who reads the session's file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum View {
    /// The group and its facilitator: every participant's level under `by`,
    /// kept for the record, and beside it the agreed `level` with its note as
    /// `evidence` where the group agreed (the engine scores the agreed level).
    Record,
    /// An observer (the public): the agreed level and its note where the group
    /// agreed, without who rated what; the per-rater levels only where it did not
    /// agree (the report needs them to say the point is to debate).
    Public,
}

/// The session as the assessment file the CLI reads.
pub async fn session_assessment(
    app: &App,
    s: &SessionRow,
    view: View,
) -> ApiResult<(Assessment, Arc<Grid>)> {
    let pool = &app.store.pool;
    let grid = app.grids.get(&app.store, &s.grid_key).await?;
    let initiative = sqlx::query("SELECT name, profile FROM initiative WHERE id = $1")
        .bind(&s.initiative)
        .fetch_one(pool)
        .await?;
    let people =
        sqlx::query("SELECT id, name FROM participant WHERE session = $1 ORDER BY joined_at, id")
            .bind(&s.id)
            .fetch_all(pool)
            .await?;
    let people: Vec<(String, String)> = people
        .iter()
        .map(|r| (text(r, "id"), text(r, "name")))
        .collect();
    let raters = rater_names(&people);
    let mut a = Assessment::default();
    a.meta.grid = grid.id.clone();
    a.meta.grid_version = Some(s.grid_version.clone());
    a.meta.id = Some(s.id.clone());
    a.meta.initiative = text(&initiative, "name");
    a.meta.date = Some(s.date.clone());
    a.profile = serde_json::from_str(&text(&initiative, "profile")).unwrap_or_default();
    let answers = sqlx::query(
        "SELECT participant, criterion, level FROM answer WHERE session = $1 AND to_confirm = 0",
    )
    .bind(&s.id)
    .fetch_all(pool)
    .await?;
    for r in &answers {
        let Some(rater) = raters.get(&text(r, "participant")) else {
            continue;
        };
        let entry: &mut Answer = a.answers.entry(text(r, "criterion")).or_default();
        entry.by.insert(rater.clone(), text(r, "level"));
    }
    let agreed = sqlx::query(
        "SELECT criterion, level, note FROM consensus WHERE session = $1 AND to_confirm = 0",
    )
    .bind(&s.id)
    .fetch_all(pool)
    .await?;
    for r in &agreed {
        let entry = a.answers.entry(text(r, "criterion")).or_default();
        entry.level = opt_text(r, "level");
        if entry.level.is_some() && view == View::Public {
            entry.by.clear();
        }
        entry.evidence = Some(text(r, "note")).filter(|n| !n.trim().is_empty());
    }
    a.answers
        .retain(|_, x| x.level.is_some() || !x.by.is_empty() || x.evidence.is_some());
    let used: HashSet<&String> = a.answers.values().flat_map(|x| x.by.keys()).collect();
    a.meta.raters = people
        .iter()
        .filter_map(|(id, _)| raters.get(id))
        .filter(|r| used.contains(r))
        .cloned()
        .collect();
    Ok((a, grid))
}

/// Query of the results: the report's language.
#[derive(Deserialize)]
pub struct Lang {
    lang: Option<String>,
}

/// `GET /api/sessions/{id}/results`: the engine's consolidated report, as JSON.
pub async fn report(
    State(app): State<App>,
    access: Access,
    Path(id): Path<String>,
    Query(q): Query<Lang>,
) -> ApiResult<Json<domino_engine::Report>> {
    let s = open_session(&app, &access, &id).await?;
    may_read_results(&access, &s)?;
    let view = if access.kind == Kind::Observer {
        View::Public
    } else {
        View::Record
    };
    let (assessment, grid) = session_assessment(&app, &s, view).await?;
    let lang = q
        .lang
        .unwrap_or_else(|| grid.default_language().to_string());
    grid.score(&assessment, &lang).map(Json).map_err(|d| {
        ApiError::invalid("cannot-score", d.render("session", ""))
            .extra(serde_json::json!({ "diagnostics": d.0 }))
    })
}
