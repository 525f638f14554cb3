//! Every kind of grid problem, one file each under `tests/bad-grids/`.
//!
//! Each file states on its first line what it expects (`# expect: code, …` for
//! errors, `# warn: code, …` for lint warnings). The test checks exactly those
//! codes are reported, then snapshots the rendered diagnostics — the exact
//! messages a grid author reads.

use domino_engine::Grid;
use std::fs;
use std::path::Path;

fn expectation(source: &str) -> (bool, Vec<String>) {
    let first = source.lines().next().unwrap_or_default();
    let (errors, list) = if let Some(l) = first.strip_prefix("# expect:") {
        (true, l)
    } else if let Some(l) = first.strip_prefix("# warn:") {
        (false, l)
    } else {
        panic!("first line must be `# expect: …` or `# warn: …`, found {first:?}");
    };
    (
        errors,
        list.split(',').map(|s| s.trim().to_owned()).collect(),
    )
}

#[test]
fn each_bad_grid_reports_exactly_its_problems() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/bad-grids");
    let mut files: Vec<_> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    assert!(files.len() >= 15, "the corpus covers every diagnostic kind");
    for path in files {
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        let source = fs::read_to_string(&path).unwrap();
        let (expects_errors, mut expected) = expectation(&source);
        let file = format!("{name}.toml");
        let (mut codes, rendered) = match Grid::from_toml(&source) {
            Ok(loaded) => {
                assert!(
                    !expects_errors,
                    "{name}: expected errors {expected:?}, the grid loaded"
                );
                let rendered: Vec<String> = loaded
                    .warnings
                    .iter()
                    .map(|d| d.render(&file, &source))
                    .collect();
                (
                    loaded
                        .warnings
                        .iter()
                        .map(|d| d.code.clone())
                        .collect::<Vec<_>>(),
                    rendered.join("\n"),
                )
            }
            Err(diags) => {
                assert!(
                    expects_errors,
                    "{name}: expected only warnings, got {diags}"
                );
                (
                    diags.0.iter().map(|d| d.code.clone()).collect(),
                    diags.render(&file, &source),
                )
            }
        };
        codes.sort();
        expected.sort();
        assert_eq!(codes, expected, "{name}: reported codes\n{rendered}");
        insta::assert_snapshot!(name, rendered);
    }
}
