//! Cross-crate properties between the engine and the `domino` command:
//! - `domino batch` gives, row for row, the reports the engine gives for the
//!   same CSV rows;
//! - an assessment exported by the web app (`Assessment::to_toml` /
//!   `to_json`) and scored by `domino score` gives the engine's report.
//!
//! The `domino` binary is the one `cargo test --workspace` builds next to this
//! test; when it is missing (`cargo test -p domino-tests`), it is built first.

use domino_engine::{Assessment, Grid, Report, RowSchema, DOMINO_GRID};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::OnceLock;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The `domino` binary of this build.
fn domino() -> &'static Path {
    static BIN: OnceLock<PathBuf> = OnceLock::new();
    BIN.get_or_init(|| {
        let exe = std::env::current_exe().unwrap();
        let dir = exe.parent().unwrap().parent().unwrap();
        let bin = dir.join(format!("domino{}", std::env::consts::EXE_SUFFIX));
        if !bin.exists() {
            let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
            let mut build = Command::new(cargo);
            build
                .current_dir(root())
                .args(["build", "-q", "-p", "domino-cli", "--bin", "domino"]);
            if dir.file_name().is_some_and(|n| n == "release") {
                build.arg("--release");
            }
            assert!(build.status().unwrap().success(), "building `domino`");
        }
        bin
    })
}

fn run(args: &[&str]) -> String {
    let out = Command::new(domino())
        .current_dir(root())
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "domino {args:?} failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn grid() -> Grid {
    Grid::from_toml(DOMINO_GRID).unwrap().grid
}

/// The engine's reports for every row of a batch CSV.
fn engine_batch(grid: &Grid, path: &Path, lang: &str) -> Vec<Report> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_path(path)
        .unwrap();
    let mut records = reader.records().map(Result::unwrap);
    let header = records.next().unwrap();
    let header: Vec<&str> = header.iter().collect();
    let schema = RowSchema::new(grid, &header).unwrap();
    records
        .map(|r| {
            let fields: Vec<&str> = r.iter().collect();
            let responses = schema.read(grid, &fields).unwrap();
            grid.evaluate(responses).report(grid, lang)
        })
        .collect()
}

#[test]
fn cli_batch_results_equal_engine_results_for_the_same_rows() {
    let grid = grid();
    let csv = root().join("grids/examples/batch/initiatives.csv");
    for lang in ["fr", "en"] {
        let expected = engine_batch(&grid, &csv, lang);
        assert!(expected.len() > 50);
        let out = run(&[
            "--lang",
            lang,
            "batch",
            csv.to_str().unwrap(),
            "--format",
            "json",
            "--jobs",
            "2",
        ]);
        let mut got: Vec<Report> = serde_json::from_str(&out).expect("a JSON array of reports");
        assert_eq!(got.len(), expected.len());
        // Rows may be scored in any order; each report carries its row's id.
        got.sort_by(|a, b| a.id.cmp(&b.id));
        let mut expected = expected;
        expected.sort_by(|a, b| a.id.cmp(&b.id));
        for (g, e) in got.iter().zip(&expected) {
            assert_eq!(g, e, "row {:?}", e.id);
        }
    }
}

#[test]
fn a_web_export_read_by_the_cli_gives_the_engine_report() {
    let grid = grid();
    let dir = tempfile::tempdir().unwrap();
    let mut examples: Vec<PathBuf> = std::fs::read_dir(root().join("grids/examples"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    examples.sort();
    assert!(examples.len() >= 10);
    for (i, path) in examples.iter().enumerate() {
        let mut a = Assessment::from_toml(&std::fs::read_to_string(path).unwrap()).unwrap();
        // What a person may type in the web form.
        a.meta.initiative.push_str(" « \"quoted\" » \\ \u{1F331}");
        a.meta.date = Some(
            if i % 2 == 0 {
                "2016-13-45"
            } else {
                "printemps 2016"
            }
            .into(),
        );
        let expected = grid.score(&a, "fr").unwrap();
        for (ext, text) in [("toml", a.to_toml()), ("json", a.to_json())] {
            let file = dir.path().join(format!("export-{i}.{ext}"));
            std::fs::write(&file, text).unwrap();
            let out = run(&["score", file.to_str().unwrap(), "--format", "json"]);
            let got: Report = serde_json::from_str(&out).expect("a JSON report");
            assert_eq!(got, expected, "{} exported as {ext}", path.display());
        }
    }
}
