//! Reading assessments: located errors for everything that can be wrong.

use domino_engine::{Assessment, Diagnostics, Grid};

fn grid() -> Grid {
    Grid::from_toml(include_str!("data/mini-grid.toml"))
        .unwrap()
        .grid
}

fn errors_of(source: &str) -> Diagnostics {
    match Assessment::from_toml(source) {
        Err(d) => d,
        Ok(a) => grid()
            .resolve(&a)
            .expect_err("the assessment should be refused"),
    }
}

fn one_line(d: &Diagnostics) -> Vec<String> {
    d.0.iter().map(|d| d.to_string()).collect()
}

const HEAD: &str = "[assessment]\ngrid = \"mini\"\ninitiative = \"Test\"\n";

#[test]
fn an_unknown_criterion_is_located_with_a_suggestion() {
    let d = errors_of(&format!("{HEAD}[answers]\n\"collectif.acceuil\" = \"3\"\n"));
    assert_eq!(
        one_line(&d),
        ["5:1: error[unknown-criterion]: grid `mini` has no criterion `collectif.acceuil` (hint: did you mean `collectif.accueil`?)"]
    );
}

#[test]
fn a_code_outside_the_scale_lists_the_accepted_codes() {
    let d = errors_of(&format!(
        "{HEAD}[answers]\n\"collectif.accueil\" = {{ level = \"5\", target = \"na\" }}\n"
    ));
    assert_eq!(
        one_line(&d),
        [
            "5:33: error[unknown-code]: `5` is not a level of `collectif.accueil` (hint: use one of: 0, 1, 2, 3, 4, na, ?)",
            "5:47: error[unknown-code]: `na` is not a target level of `collectif.accueil` (hint: use one of: 0, 1, 2, 3, 4)",
        ]
    );
}

#[test]
fn every_problem_is_reported_at_once() {
    let d = errors_of(&format!(
        "{HEAD}[profile]\nterritory = \"urbian\"\nsize = \"big\"\n[answers]\n\"a.b\" = \"1\"\n\"collectif.accueil\" = \"9\"\n"
    ));
    let codes: Vec<&str> = d.0.iter().map(|d| d.code.as_str()).collect();
    assert_eq!(
        codes,
        [
            "unknown-choice",
            "unknown-profile-field",
            "unknown-criterion",
            "unknown-code"
        ]
    );
    assert_eq!(d.0[0].hint.as_deref(), Some("did you mean `urbain`?"));
}

#[test]
fn an_assessment_for_another_grid_is_refused() {
    let d = errors_of("[assessment]\ngrid = \"domino\"\ninitiative = \"X\"\n");
    assert_eq!(d.0[0].code, "wrong-grid");
    assert_eq!(d.0[0].line, 2);
}

#[test]
fn another_grid_version_is_a_warning() {
    let a = Assessment::from_toml(&format!("{HEAD}grid_version = \"0.0.9\"\n")).unwrap();
    let resolved = grid().resolve(&a).unwrap();
    assert_eq!(resolved.warnings[0].code, "grid-version");
}

#[test]
fn raters_must_be_declared() {
    let d = errors_of(&format!(
        "{HEAD}raters = [\"elu\"]\n[answers]\n\"collectif.accueil\" = {{ by = {{ elus = \"3\" }} }}\n"
    ));
    assert_eq!(d.0[0].code, "unknown-rater");
    assert_eq!(d.0[0].hint.as_deref(), Some("did you mean `elu`?"));
}

#[test]
fn a_level_beside_per_rater_levels_is_the_group_s_consensus_and_is_checked_like_any_level() {
    let a = Assessment::from_toml(&format!(
        "{HEAD}raters = [\"a\"]\n[answers]\n\"collectif.accueil\" = {{ level = \"1\", by = {{ a = \"3\" }}, evidence = \"Accord\" }}\n"
    ))
    .expect("a consensus reads");
    assert!(a.answers["collectif.accueil"].is_consensus());
    let d = errors_of(&format!(
        "{HEAD}raters = [\"a\"]\n[answers]\n\"collectif.accueil\" = {{ level = \"7\", by = {{ a = \"3\" }} }}\n"
    ));
    assert_eq!(d.0[0].code, "unknown-code");
    assert_eq!(
        d.0[0].path.as_deref(),
        Some("answers.\"collectif.accueil\".level")
    );
}

#[test]
fn missing_header_and_wrong_types_are_explained() {
    let d = errors_of("[answers]\n\"collectif.accueil\" = \"3\"\n");
    assert_eq!(d.0[0].code, "missing-key");
    let d = errors_of(&format!("{HEAD}[answers]\n\"collectif.accueil\" = true\n"));
    assert_eq!(d.0[0].code, "wrong-type");
    assert_eq!((d.0[0].line, d.0[0].column), (5, 23));
}

#[test]
fn json_syntax_errors_carry_line_and_column() {
    let err = Assessment::from_json("{\n  \"assessment\": {\n    \"grid\": \"mini\",\n  }\n}")
        .unwrap_err();
    assert_eq!(err.0[0].code, "json-syntax");
    assert_eq!(err.0[0].line, 4);
}

#[test]
fn json_semantic_errors_point_at_the_key() {
    let a = Assessment::from_json("{\"assessment\": {\"grid\": \"mini\", \"initiative\": \"X\"},\n \"answers\": {\"collectif.acceuil\": \"3\"}}").unwrap();
    let d = grid().resolve(&a).unwrap_err();
    assert_eq!((d.0[0].line, d.0[0].column), (2, 14));
}

#[test]
fn integers_are_accepted_as_codes() {
    let a =
        Assessment::from_toml(&format!("{HEAD}[answers]\n\"collectif.accueil\" = 3\n")).unwrap();
    let r = grid().score(&a, "fr").unwrap();
    assert_eq!(r.axes[0].criteria[0].level.as_ref().unwrap().code, "3");
}
