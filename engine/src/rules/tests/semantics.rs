//! What conditions mean: missing values, functions, operators and precedence.

use super::fixtures::*;
use crate::rules::{AnswerState, References, Value};

const ACCUEIL: usize = 0;
const DIVERSITE: usize = 1;
const ACCES: usize = 2;

#[test]
fn a_level_is_the_score_of_the_answer() {
    let facts = TestFacts::default().answer(ACCUEIL, 3.0);
    assert!(eval("collectif.accueil == 3", &facts));
    assert!(eval("collectif.accueil >= 2.5", &facts));
    assert!(!eval("collectif.accueil < 3", &facts));
}

#[test]
fn any_comparison_with_a_missing_value_is_false() {
    let facts = TestFacts::default();
    for source in [
        "collectif.accueil <= 1",
        "collectif.accueil > 1",
        "collectif.accueil == 0",
        "collectif.accueil != 0",
        "collectif.accueil in [0, 1, 2, 3, 4]",
        "collectif.accueil == collectif.accueil",
        "profile.territory != 'rural'",
        "profile.territory in ['rural', 'urbain', 'periurbain']",
        "score() >= 0",
    ] {
        assert!(!eval(source, &facts), "{source}");
    }
}

#[test]
fn not_is_plain_boolean_negation_even_over_missing_values() {
    // `collectif.accueil <= 1` is false when unanswered, so its negation is true.
    assert!(eval("not collectif.accueil <= 1", &TestFacts::default()));
    assert!(eval("not (collectif.accueil <= 1)", &TestFacts::default()));
}

#[test]
fn a_level_is_missing_unless_the_criterion_is_answered() {
    for state in [
        AnswerState::Unanswered,
        AnswerState::NotApplicable,
        AnswerState::Unknown,
        AnswerState::NotRelevant,
    ] {
        // Even if the facts still hold a level (e.g. an answer later skipped by `relevant`).
        let mut facts = TestFacts::default().target(ACCUEIL, 4.0);
        facts.states[ACCUEIL] = state;
        facts.levels[ACCUEIL] = Some(2.0);
        assert!(!eval("collectif.accueil == 2", &facts), "{state:?}");
        // A target is an aim: it can be read whatever the current answer.
        assert!(eval("target(collectif.accueil) == 4", &facts), "{state:?}");
    }
    let facts = TestFacts::default()
        .answer(ACCUEIL, 1.0)
        .target(ACCUEIL, 4.0);
    assert!(eval(
        "target(collectif.accueil) - collectif.accueil >= 2",
        &facts
    ));
    assert!(!eval("target(collectif.diversite) >= 0", &facts));
}

#[test]
fn answer_states() {
    let facts = TestFacts::default()
        .answer(ACCUEIL, 2.0)
        .state(DIVERSITE, AnswerState::NotApplicable)
        .state(ACCES, AnswerState::Unknown)
        .state(3, AnswerState::NotRelevant);
    assert!(eval("answered(collectif.accueil)", &facts));
    assert!(!eval("answered(collectif.diversite)", &facts));
    assert!(eval("na(collectif.diversite)", &facts));
    assert!(
        eval("na(solidarite.equilibre)", &facts),
        "na() includes criteria skipped by `relevant`"
    );
    assert!(!eval("na(solidarite.acces_equitable)", &facts));
    assert!(eval("unknown(solidarite.acces_equitable)", &facts));
    assert!(!eval("unknown(collectif.accueil)", &facts));
    assert!(eval("not answered(solidarite.equilibre)", &facts));
}

#[test]
fn arithmetic_on_a_missing_value_is_missing() {
    let facts = TestFacts::default().answer(ACCUEIL, 2.0);
    assert!(eval("collectif.accueil + 1 == 3", &facts));
    assert!(!eval(
        "collectif.accueil + collectif.diversite >= 0",
        &facts
    ));
    assert!(!eval("collectif.accueil + collectif.diversite < 0", &facts));
    assert!(!eval("-collectif.diversite <= 0", &facts));
}

#[test]
fn division_by_zero_is_missing() {
    let facts = TestFacts::default().answer(ACCUEIL, 0.0);
    assert!(!eval("4 / collectif.accueil > 0", &facts));
    assert!(!eval("4 / collectif.accueil <= 0", &facts));
    assert!(eval("4 / 2 == 2", &facts));
}

#[test]
fn min_and_max_skip_missing_values() {
    let facts = TestFacts::default().answer(ACCUEIL, 3.0).answer(ACCES, 1.0);
    assert!(eval(
        "min(collectif.accueil, collectif.diversite, solidarite.acces_equitable) == 1",
        &facts
    ));
    assert!(eval(
        "max(collectif.accueil, collectif.diversite, solidarite.acces_equitable) == 3",
        &facts
    ));
    assert!(eval("max(collectif.diversite, 2) == 2", &facts));
    // All missing: missing, so every comparison is false.
    assert!(!eval(
        "min(collectif.diversite, solidarite.equilibre) >= 0",
        &facts
    ));
    assert!(!eval("max(collectif.diversite) < 100", &facts));
}

#[test]
fn count_counts_true_conditions() {
    let facts = TestFacts::default()
        .answer(ACCUEIL, 3.0)
        .answer(DIVERSITE, 4.0);
    assert!(eval(
        "count(collectif.accueil >= 3, collectif.diversite >= 3) == 2",
        &facts
    ));
    assert!(eval(
        "count(collectif.accueil >= 4, solidarite.equilibre >= 0, true) == 1",
        &facts
    ));
    assert!(eval("count(false) == 0", &facts));
}

#[test]
fn membership() {
    let facts = TestFacts::default()
        .answer(ACCUEIL, 2.0)
        .profile(0, "rural");
    assert!(eval("collectif.accueil in [1, 2]", &facts));
    assert!(!eval("collectif.accueil in [3, 4]", &facts));
    assert!(eval("collectif.accueil - 3 in [-1]", &facts));
    assert!(eval("profile.territory in ['rural', 'periurbain']", &facts));
    assert!(!eval("profile.territory in ['urbain']", &facts));
    assert!(eval("answered(collectif.accueil) in [true]", &facts));
    assert!(!eval("answered(collectif.diversite) in [true]", &facts));
}

#[test]
fn strings_and_profile_fields() {
    let facts = TestFacts::default()
        .profile(0, "urbain")
        .profile(1, "L'atelier \"vélo\"");
    assert!(eval("profile.territory == 'urbain'", &facts));
    assert!(eval("profile.territory == \"urbain\"", &facts));
    assert!(eval("profile.territory != 'rural'", &facts));
    assert!(eval(r#"profile.name == 'L\'atelier "vélo"'"#, &facts));
    assert!(eval(r#"profile.name == "L'atelier \"vélo\"""#, &facts));
    assert!(eval("'urbain' == profile.territory", &facts));
}

#[test]
fn scores_coverage_and_spread() {
    let mut facts = TestFacts {
        scores: [Some(35.0), None],
        coverage: [Some(50.0), Some(0.0)],
        overall: Some(62.5),
        ..TestFacts::default()
    };
    facts.spreads[ACCUEIL] = Some(2.0);
    assert!(eval("score(collectif) < 40", &facts));
    assert!(
        !eval("score(solidarite) < 40", &facts),
        "an axis without score has no score, not 0"
    );
    assert!(eval("score() == 62.5", &facts));
    assert!(eval(
        "coverage(collectif) >= 50 and coverage(solidarite) == 0",
        &facts
    ));
    assert!(eval("spread(collectif.accueil) >= 2", &facts));
    assert!(!eval("spread(collectif.diversite) >= 0", &facts));
}

#[test]
fn precedence_and_associativity() {
    let none = TestFacts::default();
    for source in [
        "1 + 2 * 3 == 7",
        "(1 + 2) * 3 == 9",
        "10 - 4 - 3 == 3",
        "12 / 2 / 3 == 2",
        "-2 * 3 == -6",
        "- -2 == 2",
        "2 - -2 == 4",
        "true or false and false",
        "not false and true",
        "not 1 == 2",
        "(1 < 2) == true",
        "not (true and false) or false",
    ] {
        assert!(eval(source, &none), "{source}");
    }
    for source in ["(true or false) and false", "not (false or true)"] {
        assert!(!eval(source, &none), "{source}");
    }
}

#[test]
fn literals() {
    let none = TestFacts::default();
    assert!(eval("true", &none));
    assert!(!eval("false", &none));
    assert!(eval("true == true and true != false", &none));
    assert!(eval("2.5 * 2 == 5", &none));
}

#[test]
fn references_list_everything_a_condition_reads() {
    let c = compile(
        "target(solidarite.equilibre) > solidarite.equilibre and spread(collectif.diversite) < 2 \
         or score(solidarite) < 40 or coverage(collectif) < 50 or score() > 0 \
         or profile.territory == 'rural' or answered(collectif.accueil) or solidarite.equilibre > 1",
    );
    assert_eq!(
        c.references(),
        &References {
            criteria: vec![0, 1, 3],
            targets: vec![3],
            spreads: vec![1],
            axes: vec![0, 1],
            profile_fields: vec![0],
            overall: true,
        }
    );
    assert_eq!(compile("true").references(), &References::default());
}

#[test]
fn numeric_literals_are_listed_in_source_order() {
    let c = compile("collectif.accueil in [1, -2] and score() < 40.5 or -3 < count(true)");
    assert_eq!(c.numeric_literals(), vec![1.0, -2.0, 40.5, -3.0]);
}

#[test]
fn the_source_is_kept() {
    assert_eq!(
        compile(" collectif.accueil >= 3 ").source(),
        " collectif.accueil >= 3 "
    );
}

#[test]
fn values_display_and_serialize() {
    assert_eq!(Value::Number(3.0).to_string(), "3");
    assert_eq!(Value::Number(-0.0).to_string(), "0");
    assert_eq!(Value::Number(2.5).to_string(), "2.5");
    assert_eq!(Value::Bool(true).to_string(), "true");
    assert_eq!(Value::Text("rural".into()).to_string(), "rural");
    assert_eq!(Value::Missing.to_string(), "missing");
    let values = vec![
        Value::Number(2.5),
        Value::Bool(false),
        Value::Text("a".into()),
        Value::Missing,
    ];
    let json = serde_json::to_string(&values).unwrap();
    assert_eq!(json, r#"[2.5,false,"a",null]"#);
    assert_eq!(serde_json::from_str::<Vec<Value>>(&json).unwrap(), values);
}
