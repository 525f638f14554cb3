//! Validates grid files and scores assessments with the engine alone (no CLI):
//! `cargo run -p domino-engine --example check_grid -- GRID.toml [ASSESSMENT.toml…]`

use domino_engine::{Assessment, Grid};

fn main() {
    let mut args = std::env::args().skip(1);
    let Some(grid_path) = args.next() else {
        eprintln!("usage: check_grid GRID.toml [ASSESSMENT.toml…]");
        std::process::exit(2);
    };
    let source = std::fs::read_to_string(&grid_path).expect("readable grid file");
    let grid = match Grid::from_toml(&source) {
        Ok(loaded) => {
            for w in &loaded.warnings {
                eprintln!("{}", w.render(&grid_path, &source));
            }
            eprintln!("{grid_path}: ok, {} warning(s)", loaded.warnings.len());
            loaded.grid
        }
        Err(d) => {
            eprintln!("{}", d.render(&grid_path, &source));
            std::process::exit(1);
        }
    };
    for path in args {
        let text = std::fs::read_to_string(&path).expect("readable assessment file");
        let result = Assessment::from_toml(&text).and_then(|a| grid.score(&a, "fr"));
        match result {
            Ok(report) => println!(
                "{}",
                serde_json::to_string_pretty(&report).unwrap_or_default()
            ),
            Err(d) => {
                eprintln!("{}", d.render(&path, &text));
                std::process::exit(1);
            }
        }
    }
}
