//! Any UTF-8 text given as a grid: loads or is refused with located
//! diagnostics, never panics; a grid that loads scores an empty assessment, whose JSON
//! report reads back identical.
#![no_main]

use domino_engine::assessment::Responses;
use domino_engine::Grid;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|source: &str| {
    match Grid::from_toml(source) {
        Ok(loaded) => {
            let grid = loaded.grid;
            for d in &loaded.warnings {
                let _ = d.render("fuzz.toml", source);
            }
            let report = grid
                .evaluate(Responses::empty(&grid))
                .report(&grid, grid.default_language());
            let json = serde_json::to_string(&report).expect("a report serializes");
            let back: domino_engine::Report = serde_json::from_str(&json).expect("and reads back");
            assert_eq!(back, report);
        }
        Err(diags) => {
            assert!(diags.error_count() > 0, "a refused grid has an error");
            let _ = diags.render("fuzz.toml", source);
        }
    }
});
