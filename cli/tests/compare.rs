//! `domino compare` end to end: two real assessments of one initiative (before
//! and after a change of governance) and two small census waves, in French and
//! English; refusals say which file and why.

use std::path::Path;
use std::process::Command;

/// Runs `domino` at the workspace root with colours off: exit code, stdout, stderr.
fn domino(args: &[&str]) -> (i32, String, String) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("workspace root");
    let o = Command::new(env!("CARGO_BIN_EXE_domino"))
        .args(args)
        .current_dir(root)
        .env("NO_COLOR", "1")
        .output()
        .expect("domino runs");
    let text = |b: Vec<u8>| String::from_utf8(b).expect("UTF-8 output");
    (
        o.status.code().expect("exit code"),
        text(o.stdout),
        text(o.stderr),
    )
}

/// Stdout of a run that must succeed without a message.
fn ok(args: &[&str]) -> String {
    let (code, out, err) = domino(args);
    assert_eq!((code, err.as_str()), (0, ""), "{args:?}");
    out
}

/// Both streams and the exit code.
fn transcript(args: &[&str]) -> String {
    let (code, out, err) = domino(args);
    format!("exit: {code}\n--- stdout\n{out}--- stderr\n{err}")
}

const BEFORE: &str = "grids/examples/couchsurfing-avant-2011.toml";
const AFTER: &str = "grids/examples/couchsurfing-apres-2011.toml";
const WAVE_1: &str = "tests/compare/wave-2024.csv";
const WAVE_2: &str = "tests/compare/wave-2025.csv";

#[test]
fn two_assessments_in_french_and_english_as_tables_and_json() {
    for lang in ["fr", "en"] {
        for format in ["table", "json"] {
            let out = ok(&["--lang", lang, "compare", BEFORE, AFTER, "--format", format]);
            insta::assert_snapshot!(format!("compare_couchsurfing_{lang}_{format}"), out);
        }
    }
}

#[test]
fn two_assessments_as_markdown_and_csv() {
    insta::assert_snapshot!(
        "compare_couchsurfing_fr_md",
        ok(&["compare", BEFORE, AFTER, "--format", "md"])
    );
    insta::assert_snapshot!(
        "compare_couchsurfing_csv",
        ok(&["compare", BEFORE, AFTER, "--format", "csv"])
    );
}

#[test]
fn an_assessment_compared_with_itself_has_no_change() {
    let out = ok(&["--lang", "en", "compare", AFTER, AFTER]);
    assert!(out.contains("No criterion changed."), "{out}");
    assert!(
        out.contains("Findings that appeared (0)") && out.contains("Findings resolved (0)"),
        "{out}"
    );
}

#[test]
fn two_versions_of_a_grid_are_compared_on_the_criteria_both_have() {
    let out = ok(&[
        "--lang",
        "en",
        "--grid",
        "tests/compare/mini-grid-0.2.toml",
        "compare",
        "--old-grid",
        "engine/tests/data/mini-grid.toml",
        "tests/compare/mini-2024.toml",
        "tests/compare/mini-2025.toml",
    ]);
    assert!(
        out.contains("criteria only before: collectif.transport"),
        "{out}"
    );
    insta::assert_snapshot!("compare_two_grid_versions_en_table", out);
}

/// `domino --lang LANG compare WAVE_1 WAVE_2 --by BY --format FORMAT`.
fn waves(lang: &str, by: &str, format: &str) -> String {
    ok(&[
        "--lang", lang, "compare", WAVE_1, WAVE_2, "--by", by, "--format", format,
    ])
}

#[test]
fn two_batches_summed_by_status_and_territory() {
    for lang in ["fr", "en"] {
        let out = waves(lang, "status,territory", "table");
        insta::assert_snapshot!(format!("compare_waves_by_{lang}_table"), out);
    }
    let csv = waves("fr", "status,territory", "csv");
    insta::assert_snapshot!("compare_waves_by_csv", csv);
    let json = waves("fr", "status,territory", "json");
    insta::assert_snapshot!("compare_waves_by_json", json);
    let md = waves("fr", "status", "md");
    insta::assert_snapshot!("compare_waves_by_status_md", md);
}

#[test]
fn two_batches_per_initiative_in_csv_list_those_only_in_one() {
    let csv = ok(&["compare", WAVE_1, WAVE_2, "--format", "csv"]);
    assert!(
        csv.contains("\nressourcerie,Ressourcerie des Landes,old_only,"),
        "{csv}"
    );
    assert!(
        csv.contains("\nautopartage,Autopartage rural,new_only,"),
        "{csv}"
    );
    insta::assert_snapshot!("compare_waves_csv", csv);
}

#[test]
fn bad_rows_are_located_and_the_others_compared() {
    let t = transcript(&[
        "compare",
        WAVE_1,
        "tests/compare/wave-2025-bad.csv",
        "--format",
        "csv",
    ]);
    insta::assert_snapshot!("compare_waves_bad_rows", t);
}

#[test]
fn two_different_grids_or_kinds_or_fields_are_refused() {
    let t = transcript(&[
        "compare",
        "grids/examples/lieux-partages/ecole-des-korrigans.toml",
        AFTER,
    ]);
    assert!(t.starts_with("exit: 1\n"), "{t}");
    assert!(
        t.contains("grid `lieux-partages`, the new ones grid `domino`"),
        "{t}"
    );
    let t = transcript(&["compare", AFTER, WAVE_2]);
    assert!(
        t.contains("is an assessment and `tests/compare/wave-2025.csv` a batch"),
        "{t}"
    );
    let t = transcript(&["compare", WAVE_1, WAVE_2, "--by", "statut"]);
    assert!(t.contains("did you mean `status`?"), "{t}");
    let t = transcript(&["compare", BEFORE, AFTER, "--by", "status"]);
    assert!(
        t.starts_with("exit: 1\n") && t.contains("`--by` groups batches"),
        "{t}"
    );
}

#[test]
fn json_assessment_files_are_assessments_and_a_json_array_a_batch() {
    let dir = tempfile::tempdir().expect("temporary folder");
    let write = |name: &str, text: &str| {
        let path = dir.path().join(name);
        std::fs::write(&path, text).expect("write");
        path.to_string_lossy().into_owned()
    };
    let one = |level: &str| {
        format!(
            "{{\"assessment\": {{\"grid\": \"domino\", \"initiative\": \"Repair café\"}},\n \
             \"answers\": {{\"collectif.accueil\": \"{level}\"}}}}"
        )
    };
    let (old, new) = (write("old.json", &one("1")), write("new.json", &one("3")));
    let out = ok(&["--lang", "en", "compare", &old, &new]);
    assert!(
        out.contains("Entry and welcome") && out.contains("raised"),
        "{out}"
    );
    let batch = write("batch.json", &format!("[{}]", one("2")));
    let t = transcript(&["compare", &old, &batch]);
    assert!(
        t.contains("is an assessment and") && t.contains("a batch"),
        "{t}"
    );
    let bad = write(
        "bad.json",
        "{\"assessment\": {\"grid\": \"domino\", \"initiative\": \"X\"},\n \"answers\": {\"collectif.acceuil\": \"3\"}}",
    );
    let t = transcript(&["compare", &bad, &new]);
    assert!(
        t.starts_with("exit: 1\n")
            && t.contains("bad.json:2:")
            && t.contains("did you mean `collectif.accueil`?"),
        "located in the file: {t}"
    );
}
