//! The shipped grids, as test files find them: the `grids/` directory and the built-in grids.

use domino_engine::{Assessment, Grid, BUILTIN_GRIDS};
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

/// Every sample assessment under grids/examples/, recursively.
#[allow(dead_code)]
pub fn samples() -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                walk(&path, out);
            } else if path.extension().is_some_and(|e| e == "toml" || e == "json") {
                out.push(path);
            }
        }
    }
    let mut out = Vec::new();
    walk(&grids_dir().join("examples"), &mut out);
    out.sort();
    out
}

#[allow(dead_code)]
pub fn load_sample(path: &Path) -> Assessment {
    let text = std::fs::read_to_string(path).unwrap();
    let read = if path.extension().is_some_and(|e| e == "json") {
        Assessment::from_json(&text)
    } else {
        Assessment::from_toml(&text)
    };
    read.unwrap_or_else(|d| panic!("{}", d.render(&path.display().to_string(), &text)))
}
