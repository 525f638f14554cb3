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

/// A mistake in one section never hides the mistakes of another: a grid with
/// one in each section gets them all in one run (`bad-grids/every-section.toml`,
/// whose rendered list is snapshotted above).
#[test]
fn one_run_reports_a_mistake_in_every_section() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/bad-grids");
    let source = fs::read_to_string(dir.join("every-section.toml")).unwrap();
    let diags = Grid::from_toml(&source).expect_err("the grid is refused").0;
    let reported = |code: &str, section: &str| {
        diags
            .iter()
            .any(|d| d.code == code && d.path.as_deref().is_some_and(|p| p.starts_with(section)))
    };
    for (code, section) in [
        ("missing-translation", "axes"),
        ("invalid-id", "axes"),
        ("bad-weight", "axes"),
        ("scale-order", "scales"),
        ("reserved-id", "profile"),
        ("rule-unknown-name", "rules"),
        ("rule-type", "rules"),
        ("missing-translation", "rules"),
        ("unknown-phase", "recommendations"),
        ("unknown-recommendation", "rules"),
    ] {
        assert!(reported(code, section), "no `{code}` in `{section}`");
    }
    assert!(
        !diags.iter().any(|d| d.message.contains("`ouvrir`")),
        "a rule recommending a refused recommendation gets no second error"
    );
}
