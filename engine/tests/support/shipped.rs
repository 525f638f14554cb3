//! The shipped grids, as test files find them: the `grids/` directory and the built-in grids.

use domino_engine::{Grid, BUILTIN_GRIDS};
use std::path::{Path, PathBuf};

/// The repository's `grids/` directory.
pub fn grids_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../grids")
}

/// The built-in grid whose id is `id`.
pub fn builtin(id: &str) -> Grid {
    BUILTIN_GRIDS
        .iter()
        .map(|(_, source)| Grid::from_toml(source).expect("built-in grid loads").grid)
        .find(|g| g.id == id)
        .unwrap_or_else(|| panic!("no built-in grid `{id}`"))
}
