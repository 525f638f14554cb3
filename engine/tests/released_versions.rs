//! Assessments recorded against the released 1.0.0 grids still load with the shipped
//! grids: every answer is carried over through the crosswalk, or a warning names it.
//!
//! The fixtures in `tests/data/released-1.0.0/` are the sample assessments exactly as
//! they were published with DOMINO 1.0.0 and DOMINO express 1.0.0.

use domino_engine::{Assessment, Diagnostic, Grid, BUILTIN_GRIDS};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

fn shipped(id: &str) -> Grid {
    BUILTIN_GRIDS
        .iter()
        .map(|(_, source)| Grid::from_toml(source).expect("shipped grids load").grid)
        .find(|g| g.id == id)
        .unwrap_or_else(|| panic!("no shipped grid `{id}`"))
}

fn released_samples() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/released-1.0.0");
    let mut files = Vec::new();
    for sub in [dir.clone(), dir.join("express")] {
        for entry in std::fs::read_dir(&sub).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "toml") {
                files.push(path);
            }
        }
    }
    files.sort();
    files
}

/// The criterion ids a warning names between backticks.
fn named_ids(d: &Diagnostic) -> Vec<String> {
    d.message
        .split('`')
        .skip(1)
        .step_by(2)
        .map(str::to_owned)
        .collect()
}

#[test]
fn every_released_sample_loads_with_the_shipped_grid_and_loses_no_answer() {
    let samples = released_samples();
    assert_eq!(
        samples.len(),
        18,
        "16 DOMINO and 2 express samples were released"
    );
    for path in samples {
        let file = path.display().to_string();
        let source = std::fs::read_to_string(&path).unwrap();
        let old = Assessment::from_toml(&source).unwrap_or_else(|e| panic!("{file}: {e}"));
        let grid = shipped(&old.meta.grid);
        assert_ne!(
            old.meta.grid_version.as_deref(),
            Some(grid.version.as_str())
        );
        let resolved = grid
            .resolve(&old)
            .unwrap_or_else(|e| panic!("{file} is refused by {} {}: {e}", grid.id, grid.version));
        assert_eq!(
            resolved.warnings[0].code, "grid-version-carried",
            "{file}: the first warning says the answers were carried"
        );
        let carried = grid.carry(&old).expect("a crosswalk from 1.0.0").assessment;
        for id in old.answers.keys() {
            let kept = carried.answers.contains_key(id);
            let warned = resolved
                .warnings
                .iter()
                .any(|w| named_ids(w).iter().any(|named| named == id));
            assert!(
                kept || warned,
                "{file}: the answer to `{id}` vanished without a warning"
            );
        }
    }
}

#[test]
fn couchsurfing_before_2011_says_what_each_changed_criterion_became() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/released-1.0.0/couchsurfing-avant-2011.toml");
    let old = Assessment::from_toml(&std::fs::read_to_string(path).unwrap()).unwrap();
    let resolved = shipped("domino").resolve(&old).unwrap();
    let mut by_code: BTreeMap<&str, Vec<String>> = BTreeMap::new();
    for w in &resolved.warnings {
        let ids = named_ids(w);
        by_code
            .entry(w.code.as_str())
            .or_default()
            .push(ids.first().cloned().unwrap_or_default());
    }
    insta::assert_yaml_snapshot!("couchsurfing_1_0_0_carried", by_code);
}
