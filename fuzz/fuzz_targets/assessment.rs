//! Any UTF-8 text given as an assessment (TOML and JSON) against the DOMINO
//! grid: refused with diagnostics or scored, never a panic. What loads is
//! written back and must read back the same.
#![no_main]

use domino_engine::{Assessment, Grid, DOMINO_GRID};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn grid() -> &'static Grid {
    static GRID: OnceLock<Grid> = OnceLock::new();
    GRID.get_or_init(|| Grid::from_toml(DOMINO_GRID).expect("DOMINO loads").grid)
}

fn check(source: &str, read: fn(&str) -> Result<Assessment, domino_engine::Diagnostics>) {
    let grid = grid();
    match read(source) {
        Ok(a) => {
            match grid.resolve(&a) {
                Ok(resolved) => {
                    let _ = grid.evaluate(resolved.responses).report(grid, "en");
                }
                Err(diags) => {
                    let _ = diags.render("fuzz", source);
                }
            }
            let back = Assessment::from_toml(&a.to_toml()).expect("TOML export reads back");
            assert_eq!(back.meta, a.meta);
            assert_eq!(back.profile, a.profile);
            assert_eq!(back.answers, a.answers);
            let back = Assessment::from_json(&a.to_json()).expect("JSON export reads back");
            assert_eq!(back.meta, a.meta);
            assert_eq!(back.answers, a.answers);
        }
        Err(diags) => {
            assert!(diags.error_count() > 0);
            let _ = diags.render("fuzz", source);
        }
    }
}

fuzz_target!(|source: &str| {
    check(source, Assessment::from_toml);
    check(source, Assessment::from_json);
});
