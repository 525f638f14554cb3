//! `domino upgrade`: assessments recorded against DOMINO 1.0.0 rewritten as
//! assessments of the shipped grid, in their own format, with the warnings of
//! the crosswalk; `--in-place` keeps a `.bak`; a current file is left alone.

mod support;

use domino_engine::{Assessment, Grid, BUILTIN_GRIDS};
use support::{domino, root};

fn released(name: &str) -> String {
    std::fs::read_to_string(root().join("engine/tests/data/released-1.0.0").join(name)).unwrap()
}

fn shipped_domino() -> Grid {
    let source = BUILTIN_GRIDS
        .iter()
        .map(|(_, s)| *s)
        .find(|s| s.contains("id = \"domino\""))
        .unwrap();
    Grid::from_toml(source).unwrap().grid
}

/// A temporary directory holding `name` with `text`.
fn dir_with(name: &str, text: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(name), text).unwrap();
    dir
}

#[test]
fn a_1_0_0_toml_file_is_written_as_the_engine_carries_it_with_its_warnings() {
    let dir = dir_with("disco-soupe.toml", &released("disco-soupe.toml"));
    let (code, out, err) = domino(
        dir.path(),
        &["upgrade", "disco-soupe.toml", "-o", "new.toml"],
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.is_empty());
    let old = Assessment::from_toml(&released("disco-soupe.toml")).unwrap();
    let carried = shipped_domino().carry(&old).unwrap().assessment;
    let written = std::fs::read_to_string(dir.path().join("new.toml")).unwrap();
    assert_eq!(written.trim_end(), carried.to_toml().trim_end());
    insta::assert_snapshot!("upgrade_disco_soupe_warnings", err);

    let (code, _, err) = domino(dir.path(), &["score", "new.toml"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        !err.contains("warning"),
        "the new file loads without a warning: {err}"
    );
}

#[test]
fn json_stays_json() {
    let old = Assessment::from_toml(&released("buzuk.toml")).unwrap();
    let dir = dir_with("buzuk.json", &old.to_json());
    let (code, out, err) = domino(dir.path(), &["upgrade", "buzuk.json"]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).expect("JSON on stdout");
    assert_eq!(v["assessment"]["grid_version"], "1.1.0", "{out}");
    assert!(v["answers"]["collectif.decisions"].is_object(), "{out}");
}

#[test]
fn in_place_keeps_a_backup_and_refuses_to_overwrite_one_without_force() {
    let original = released("vert-tiges.toml");
    let dir = dir_with("vert-tiges.toml", &original);
    let file = dir.path().join("vert-tiges.toml");
    let bak = dir.path().join("vert-tiges.toml.bak");

    let (code, _, err) = domino(dir.path(), &["upgrade", "--in-place", "vert-tiges.toml"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        std::fs::read_to_string(&bak).unwrap(),
        original,
        "the backup is the original"
    );
    let upgraded = std::fs::read_to_string(&file).unwrap();
    assert!(upgraded.contains("grid_version = \"1.1.0\""), "{upgraded}");
    assert!(
        err.contains("written to vert-tiges.toml (the original is in vert-tiges.toml.bak)"),
        "{err}"
    );

    let (code, _, err) = domino(dir.path(), &["upgrade", "--in-place", "vert-tiges.toml"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("is already at version 1.1.0 of grid `domino`: left unchanged"),
        "{err}"
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), upgraded);

    std::fs::write(&file, &original).unwrap();
    let (code, _, err) = domino(dir.path(), &["upgrade", "--in-place", "vert-tiges.toml"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("`vert-tiges.toml.bak` already exists: `vert-tiges.toml` was left unchanged (`--force` overwrites the backup)"), "{err}");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), original);

    let (code, _, err) = domino(
        dir.path(),
        &["upgrade", "--in-place", "--force", "vert-tiges.toml"],
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), upgraded);
}

#[test]
fn a_file_that_does_not_say_its_version_needs_from_version() {
    let text = released("wiki-brest.toml").replace("grid_version = \"1.0.0\"\n", "");
    let dir = dir_with("wiki-brest.toml", &text);
    let (code, out, err) = domino(dir.path(), &["upgrade", "wiki-brest.toml"]);
    assert_eq!(code, 1, "{err}");
    assert!(out.is_empty());
    assert!(err.contains("give it with `--from-version`"), "{err}");
    let (code, out, err) = domino(
        dir.path(),
        &["upgrade", "wiki-brest.toml", "--from-version", "1.0.0"],
    );
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("\"collectif.reconnaissance\""), "{out}");
}

#[test]
fn several_files_go_in_place_or_into_a_directory() {
    let dir = dir_with("buzuk.toml", &released("buzuk.toml"));
    std::fs::write(dir.path().join("amap.toml"), released("amap-redon.toml")).unwrap();
    let (code, _, err) = domino(dir.path(), &["upgrade", "buzuk.toml", "amap.toml"]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("several files need `--in-place` or `-o DIR`"),
        "{err}"
    );
    std::fs::create_dir(dir.path().join("new")).unwrap();
    let (code, _, err) = domino(
        dir.path(),
        &["upgrade", "buzuk.toml", "amap.toml", "-o", "new"],
    );
    assert_eq!(code, 0, "{err}");
    for name in ["buzuk.toml", "amap.toml"] {
        let text = std::fs::read_to_string(dir.path().join("new").join(name)).unwrap();
        assert!(text.contains("grid_version = \"1.1.0\""), "{name}");
    }
}
