//! `domino grid diff` and `domino grid fmt`, end to end: what a grid author
//! runs to compare two versions and to fix the French typography of a file.

mod support;

use support::{domino, root};

#[test]
fn grid_diff_lists_what_changed_and_exits_0() {
    let (code, out, err) = domino(
        &root(),
        &[
            "grid",
            "diff",
            "engine/tests/crosswalk/v1.toml",
            "engine/tests/crosswalk/v2.toml",
            "--format",
            "md",
            "--lang",
            "en",
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("- **renamed** `collectif.decisions` ← `collectif.regles`"),
        "{out}"
    );
    insta::assert_snapshot!("grid_diff_v1_v2_md_en", out);
}

#[test]
fn grid_diff_of_a_version_with_itself_says_no_change() {
    let v1 = "grids/versions/domino-1.0.0.toml";
    let with = |options: &[&str]| domino(&root(), &[&["grid", "diff", v1, v1], options].concat());
    let (code, out, _) = with(&["--lang", "en"]);
    assert_eq!(code, 0);
    assert_eq!(out, "Grid `domino`, from 1.0.0 to 1.0.0: no change\n");
    let (code, out, _) = with(&["--format", "json"]);
    assert_eq!(code, 0);
    let v: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(v["sections"], serde_json::json!([]));
}

#[test]
fn grid_diff_of_a_missing_file_is_an_io_failure() {
    let (code, _, err) = domino(&root(), &["grid", "diff", "nowhere.toml", "domino"]);
    assert_eq!(code, 3, "{err}");
    assert!(err.contains("nowhere.toml"), "{err}");
}

fn cases() -> String {
    std::fs::read_to_string(root().join("engine/tests/typography/cases.toml")).expect("fixture")
}

#[test]
fn grid_check_warns_about_typography_at_the_character() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("cases.toml"), cases()).unwrap();
    let (_, _, err) = domino(dir.path(), &["grid", "check", "cases.toml"]);
    assert!(err.contains("warning[typography]: an ordinary space before `:` in a French text\n --> cases.toml:7:26"), "{err}");
    assert!(
        err.contains("`domino grid fmt --fix FILE` fixes every such character"),
        "{err}"
    );
}

#[test]
fn grid_fmt_check_then_fix_rewrites_only_the_characters_at_fault() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("cases.toml");
    // A byte-order mark, kept as it is.
    let original = format!("\u{feff}{}", cases());
    std::fs::write(&path, &original).unwrap();

    let (code, _, err) = domino(dir.path(), &["grid", "fmt", "--check", "cases.toml"]);
    assert_eq!(code, 1, "--check fails when a file would change: {err}");
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        original,
        "--check changes nothing"
    );

    let (code, _, err) = domino(dir.path(), &["grid", "fmt", "--fix", "cases.toml"]);
    assert_eq!(code, 0, "{err}");
    let fixed = std::fs::read_to_string(&path).unwrap();
    let engine = domino_engine::grid::typography::check(&cases()).fixed;
    assert_eq!(
        fixed,
        format!("\u{feff}{engine}"),
        "the file holds the engine's fix, BOM kept"
    );
    assert_ne!(fixed, original);

    let (code, _, err) = domino(dir.path(), &["grid", "fmt", "--check", "cases.toml"]);
    assert_eq!(code, 0, "nothing left to fix: {err}");
    let (code, _, err) = domino(dir.path(), &["grid", "fmt", "--fix", "cases.toml"]);
    assert_eq!(
        (code, std::fs::read_to_string(&path).unwrap()),
        (0, fixed),
        "fixing twice is a no-op: {err}"
    );
    let files = std::fs::read_dir(dir.path()).unwrap().count();
    assert_eq!(files, 1, "no temporary file left behind");
}

#[test]
fn grid_fmt_refuses_a_file_that_is_not_toml_and_leaves_it_alone() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("broken.toml");
    std::fs::write(&path, "title = { fr = \"l'eau\"").unwrap();
    let (code, _, err) = domino(dir.path(), &["grid", "fmt", "--fix", "broken.toml"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("error[toml-syntax]") && err.contains("left unchanged"),
        "{err}"
    );
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "title = { fr = \"l'eau\""
    );
}

#[test]
fn grid_fmt_needs_fix_or_check() {
    let (code, _, err) = domino(&root(), &["grid", "fmt", "grids/domino.toml"]);
    assert_eq!(code, 1);
    assert!(err.contains("--fix|--check"), "{err}");
}
