//! Any bytes as a batch CSV file for the DOMINO grid, read as the CLI reads it:
//! a header checked by `RowSchema::new`, then each record by `RowSchema::read`.
//! Every row scores or is refused with located errors; nothing panics.
#![no_main]

use domino_engine::{Grid, RowSchema, DOMINO_GRID};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

fn grid() -> &'static Grid {
    static GRID: OnceLock<Grid> = OnceLock::new();
    GRID.get_or_init(|| Grid::from_toml(DOMINO_GRID).expect("DOMINO loads").grid)
}

fuzz_target!(|data: &[u8]| {
    let grid = grid();
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(data);
    let mut records = reader.records();
    let Some(Ok(header)) = records.next() else {
        return;
    };
    let header: Vec<&str> = header.iter().collect();
    let schema = match RowSchema::new(grid, &header) {
        Ok(s) => s,
        Err(errors) => {
            assert!(!errors.is_empty());
            return;
        }
    };
    for record in records.take(64) {
        let Ok(record) = record else { continue };
        let fields: Vec<&str> = record.iter().collect();
        match schema.read(grid, &fields) {
            Ok(responses) => {
                let _ = grid.evaluate(responses).report(grid, "en");
            }
            Err(errors) => {
                assert!(!errors.is_empty());
                for e in &errors {
                    assert!(e.column >= 1 && e.column <= fields.len().max(schema.len()) + 1);
                }
            }
        }
    }
});
