//! End-to-end tests of `domino agreement`: a sample rated by three people
//! (a long CSV table pooled with an assessment file), in every format, and
//! bad inputs reported with their line and column.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("workspace root")
        .to_path_buf()
}

fn domino(args: &[&str]) -> Output {
    domino_in(&root(), args)
}

/// Runs `domino` in `dir`, colours off.
fn domino_in(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_domino"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("domino runs")
}

/// A directory holding files of these names and contents.
fn files(contents: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for (name, text) in contents {
        std::fs::write(dir.path().join(name), text).expect("write");
    }
    dir
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("UTF-8")
}

const SAMPLE: [&str; 2] = [
    "tests/agreement/three-raters.csv",
    "tests/agreement/jardin-partage-trois-evaluateurs.toml",
];

fn agreement(extra: &[&str]) -> Output {
    let mut args = vec!["agreement"];
    args.extend(SAMPLE);
    args.extend(extra);
    domino(&args)
}

#[test]
fn three_raters_table_in_english() {
    let o = agreement(&["--lang", "en"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    insta::assert_snapshot!("agreement_three_raters_en", text(&o.stdout));
}

#[test]
fn three_raters_markdown_in_french_with_the_interval_metric() {
    let o = agreement(&[
        "--format",
        "md",
        "--metric",
        "interval",
        "--bootstrap",
        "200",
    ]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    insta::assert_snapshot!("agreement_three_raters_fr_md_interval", text(&o.stdout));
}

#[test]
fn three_raters_csv_records() {
    let o = agreement(&["--format", "csv", "--metric", "nominal", "--seed", "7"]);
    assert_eq!(o.status.code(), Some(0), "{}", text(&o.stderr));
    insta::assert_snapshot!("agreement_three_raters_csv_nominal", text(&o.stdout));
}

#[test]
fn json_is_the_same_for_the_same_seed_and_never_nan() {
    let first = text(&agreement(&["--format", "json", "--seed", "42"]).stdout);
    let again = text(&agreement(&["--format", "json", "--seed", "42"]).stdout);
    assert_eq!(first, again);
    let other = text(&agreement(&["--format", "json", "--seed", "43"]).stdout);
    assert_ne!(first, other, "another seed draws other resamples");
    let report: serde_json::Value = serde_json::from_str(&first).expect("JSON");
    assert_eq!(
        report["raters"],
        serde_json::json!(["elu", "technicien", "membre"])
    );
    assert!(report["overall"]["alpha"].is_f64());
    assert_eq!(report["criteria"][6]["undefined"], "no-pairable-values");
    assert!(!first.contains("NaN"));
}

#[test]
fn two_raters_get_cohens_kappa() {
    let dir = files(&[(
        "deux.csv",
        "id,rater,collectif.accueil,collectif.decisions\na,elu,3,1\na,membre,3,2\nb,elu,1,0\nb,membre,2,0\nc,elu,4,4\nc,membre,4,3\n",
    )]);
    let o = domino_in(
        dir.path(),
        &[
            "agreement",
            "deux.csv",
            "--format",
            "json",
            "--bootstrap",
            "0",
        ],
    );
    let report: serde_json::Value = serde_json::from_str(&text(&o.stdout)).expect("JSON");
    assert_eq!(report["kappa_weights"], "quadratic");
    assert!(report["overall"]["kappa"].is_f64());
    assert!(report["bootstrap"].is_null());
}

#[test]
fn bad_inputs_are_located_and_nothing_is_computed() {
    let dir = files(&[
        (
            "notes.csv",
            "id,rater,collectif.accueil\na,elu,3\na,elu,2\nb,,9\nc,membre\n",
        ),
        (
            "jardin.toml",
            "[assessment]\ngrid = \"domino\"\ninitiative = \"J\"\nraters = [\"elu\", \"membre\"]\n[answers]\n\"collectif.accueil\" = { by = { elu = \"3\", invite = \"2\" } }\n",
        ),
    ]);
    let o = domino_in(dir.path(), &["agreement", "notes.csv", "jardin.toml"]);
    assert_eq!(o.status.code(), Some(1));
    assert!(o.stdout.is_empty());
    insta::assert_snapshot!("agreement_bad_inputs", text(&o.stderr));
}
