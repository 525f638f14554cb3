//! Grids of sessions: the built-in ones (referenced by name, not copied) and
//! uploaded ones (validated as `domino grid check` does), parsed once.

use crate::error::{ApiError, ApiResult};
use crate::store::{text, Store};
use axum::body::Bytes;
use domino_engine::{Grid, BUILTIN_GRIDS};
use std::collections::HashMap;
use std::sync::{Arc, Mutex};

/// Prefix of the key of a built-in grid (`builtin:domino`).
const BUILTIN: &str = "builtin:";

/// Parsed grids by key, and their resolved forms.
#[derive(Clone, Default)]
pub struct GridCache {
    parsed: Arc<Mutex<HashMap<String, Arc<Grid>>>>,
    /// Each grid's resolved form, written once: every phone joining a session fetches it.
    resolved: Arc<Mutex<HashMap<String, Bytes>>>,
}

/// The built-in grids as (name, source): `domino`, `domino-express`, …
pub fn builtins() -> impl Iterator<Item = (&'static str, &'static str)> {
    BUILTIN_GRIDS
        .iter()
        .map(|(file, source)| (file.trim_end_matches(".toml"), *source))
}

/// The key of a built-in grid, if `name` is one.
pub fn builtin_key(name: &str) -> Option<String> {
    builtins()
        .any(|(n, _)| n == name)
        .then(|| format!("{BUILTIN}{name}"))
}

/// Checks an uploaded grid; refused with the rendered diagnostics of `domino grid check`.
pub fn check_upload(source: &str) -> ApiResult<domino_engine::LoadedGrid> {
    Grid::from_toml(source).map_err(|diags| {
        let rendered = diags.render("grid.toml", source);
        ApiError::invalid(
            "invalid-grid",
            format!("{} error(s) in the grid:\n{rendered}", diags.error_count()),
        )
        .field("grid")
        .extra(serde_json::json!({ "diagnostics": diags.0 }))
    })
}

/// The TOML source behind a session's `grid_key`.
pub async fn source(store: &Store, key: &str) -> ApiResult<String> {
    let source = match key.strip_prefix(BUILTIN) {
        Some(name) => builtins()
            .find(|(n, _)| *n == name)
            .map(|(_, s)| s.to_string()),
        None => sqlx::query("SELECT source FROM grid WHERE id = $1")
            .bind(key)
            .fetch_optional(&store.pool)
            .await?
            .map(|row| text(&row, "source")),
    };
    source.ok_or_else(|| ApiError::not_found(format!("grid `{key}` is not stored here")))
}

impl GridCache {
    /// The grid behind a session's `grid_key`.
    pub async fn get(&self, store: &Store, key: &str) -> ApiResult<Arc<Grid>> {
        if let Some(g) = self.lock().get(key) {
            return Ok(g.clone());
        }
        let source = source(store, key).await?;
        let grid = Arc::new(check_upload(&source)?.grid);
        self.lock().insert(key.to_string(), grid.clone());
        Ok(grid)
    }

    /// The resolved form ([`Grid::to_resolved`]) of the grid behind a session's `grid_key`.
    pub async fn resolved(&self, store: &Store, key: &str) -> ApiResult<Bytes> {
        if let Some(text) = lock(&self.resolved).get(key) {
            return Ok(text.clone());
        }
        let text = Bytes::from(self.get(store, key).await?.to_resolved());
        lock(&self.resolved).insert(key.to_string(), text.clone());
        Ok(text)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Arc<Grid>>> {
        lock(&self.parsed)
    }
}

/// A cache's map, even after a panic elsewhere left its lock poisoned (its entries are
/// whole: each is inserted in one step).
fn lock<T>(map: &Mutex<HashMap<String, T>>) -> std::sync::MutexGuard<'_, HashMap<String, T>> {
    map.lock().unwrap_or_else(|e| e.into_inner())
}
