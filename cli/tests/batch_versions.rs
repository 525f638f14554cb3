//! `domino batch` on inputs written for DOMINO 1.0.0: a census CSV carried over
//! through the grid's crosswalk with one warning per criterion (not per row),
//! `--strict` refusing it, a `grid_version` column read per row, and documents
//! carried one by one.

mod support;

use support::root;

const CENSUS: &str = "engine/tests/data/released-1.0.0/batch.csv";

/// Runs `domino` at the workspace root.
fn domino(args: &[&str]) -> (i32, String, String) {
    support::domino(&root(), args)
}

fn census() -> String {
    std::fs::read_to_string(root().join(CENSUS)).expect("the 1.0.0 census fixture")
}

#[test]
fn a_1_0_0_census_is_refused_as_the_current_version() {
    let (code, out, err) = domino(&["batch", CENSUS]);
    assert_eq!(code, 1, "{err}");
    assert!(out.is_empty());
    assert!(
        err.contains("column `collectif.regles` is neither a criterion"),
        "{err}"
    );
}

#[test]
fn from_version_carries_the_census_and_warns_once_per_criterion() {
    let (code, out, err) = domino(&["batch", CENSUS, "--from-version", "1.0.0"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.lines().count(), 17, "a header and one record per row");
    assert_eq!(
        err.matches("warning[crosswalk-split]").count(),
        1,
        "one warning for the criterion, not one per row"
    );
    insta::assert_snapshot!("census_1_0_0_header_warnings", err);
}

#[test]
fn the_carried_census_scores_as_each_assessment_carried_on_its_own() {
    let (_, rows, _) = domino(&["batch", CENSUS, "--from-version", "1.0.0"]);
    let samples = root().join("engine/tests/data/released-1.0.0");
    let (code, one_by_one, err) = domino(&["batch", &samples.display().to_string()]);
    assert_eq!(code, 0, "{err}");
    // Directory rows carry the file stems as ids, as the census does. Two
    // samples have one answer per rater, which a census row cannot hold.
    let several_raters =
        |line: &&str| line.starts_with("la-grigonnais,") || line.starts_with("la-redonnerie,");
    let single = |text: &str| -> Vec<String> {
        text.lines()
            .filter(|l| !several_raters(l))
            .map(str::to_owned)
            .collect()
    };
    assert_eq!(single(&rows).len(), 15);
    assert_eq!(single(&rows), single(&one_by_one));
}

#[test]
fn strict_refuses_a_census_that_carrying_would_change() {
    let (code, out, err) = domino(&["batch", CENSUS, "--from-version", "1.0.0", "--strict"]);
    assert_eq!(code, 1, "{err}");
    assert!(out.is_empty(), "nothing is scored: {out}");
    assert!(err.contains("error[crosswalk-split]"), "{err}");
    assert!(
        err.contains("which `--strict` refuses; nothing was scored"),
        "{err}"
    );
}

#[test]
fn an_unknown_from_version_is_refused_with_the_versions_the_grid_reads() {
    let (code, _, err) = domino(&["batch", CENSUS, "--from-version", "0.9"]);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains("has no crosswalk from version 0.9 (versions it reads: 1.0.0, 1.1.0)"),
        "{err}"
    );
}

#[test]
fn a_grid_version_column_is_read_per_row() {
    let dir = tempfile::tempdir().unwrap();
    let mut lines = census().lines().map(str::to_owned).collect::<Vec<_>>();
    lines[0].push_str(",grid_version");
    for (i, line) in lines.iter_mut().enumerate().skip(1) {
        line.push_str(if i == 2 { ",0.9" } else { ",1.0.0" });
    }
    let path = dir.path().join("census.csv");
    std::fs::write(&path, lines.join("\n") + "\n").unwrap();
    let (code, out, err) = domino(&["batch", &path.display().to_string()]);
    assert_eq!(
        code, 2,
        "one row names a version the grid cannot read: {err}"
    );
    assert_eq!(out.lines().count(), 16, "the header and 15 rows");
    assert!(err.contains("error[unknown-grid-version]: row 2, column 68 `grid_version`: the grid has no crosswalk from version `0.9`"), "{err}");
    assert!(
        err.contains("= note: 15 row(s) give `grid_version` 1.0.0"),
        "{err}"
    );
    assert_eq!(err.matches("warning[crosswalk-split]").count(), 1, "{err}");
    assert!(
        err.contains("15 row(s) scored, 1 failed; 15 carried over from an earlier grid version"),
        "{err}"
    );
}

/// Two released samples as NDJSON lines, the first without its `grid_version`.
fn ndjson() -> String {
    let dir = root().join("engine/tests/data/released-1.0.0");
    let mut lines = Vec::new();
    for (i, name) in ["disco-soupe.toml", "buzuk.toml"].iter().enumerate() {
        let text = std::fs::read_to_string(dir.join(name)).unwrap();
        let mut a = domino_engine::Assessment::from_toml(&text).unwrap();
        if i == 0 {
            a.meta.grid_version = None;
        }
        let json: serde_json::Value = serde_json::from_str(&a.to_json()).unwrap();
        lines.push(json.to_string());
    }
    lines.join("\n") + "\n"
}

#[test]
fn documents_of_1_0_0_are_carried_one_by_one_and_warned_once() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("two.ndjson");
    std::fs::write(&path, ndjson()).unwrap();
    let path = path.display().to_string();

    let (code, out, err) = domino(&["batch", &path, "--format", "ndjson"]);
    assert_eq!(code, 2, "the first document says no version: {err}");
    assert_eq!(out.lines().count(), 1, "the second is carried and scored");
    assert!(
        err.contains("grid `domino` has no criterion `collectif.regles`"),
        "{err}"
    );

    let (code, out, err) = domino(&["batch", &path, "--from-version", "1.0.0"]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.lines().count(), 3, "a header and both documents");
    assert_eq!(err.matches("warning[crosswalk-split]").count(), 1, "{err}");
    assert!(err.contains("= note: and in 1 other document(s)"), "{err}");
    assert!(
        err.contains("2 row(s) scored, 0 failed; 2 carried over from an earlier grid version"),
        "{err}"
    );

    let (code, out, err) = domino(&["batch", &path, "--from-version", "1.0.0", "--strict"]);
    assert_eq!(code, 2, "{err}");
    assert_eq!(out.lines().count(), 1, "only the header: {out}");
    assert!(err.contains("error[grid-version-carried]"), "{err}");
}

#[test]
fn a_refused_1_0_0_column_says_how_to_read_the_file() {
    let (_, _, err) = domino(&["batch", CENSUS]);
    assert!(
        err.contains("`collectif.regles` is a column of version 1.0.0: read the file with `--from-version 1.0.0`"),
        "{err}"
    );
}

#[test]
fn a_json_array_of_1_0_0_documents_is_carried_document_by_document() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("two.json");
    let lines = ndjson();
    let items: Vec<&str> = lines.lines().collect();
    std::fs::write(&path, format!("[{}]", items.join(",\n"))).unwrap();
    let (code, out, err) = domino(&[
        "batch",
        &path.display().to_string(),
        "--from-version",
        "1.0.0",
        "--format",
        "json",
    ]);
    assert_eq!(code, 0, "{err}");
    let reports: serde_json::Value = serde_json::from_str(&out).expect("a JSON array");
    assert_eq!(reports.as_array().map(Vec::len), Some(2));
    assert!(err.contains("warning[crosswalk-split]: item 1"), "{err}");
}
