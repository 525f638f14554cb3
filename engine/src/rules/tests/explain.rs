//! Traces: the leaves that read facts, with their values.

use super::fixtures::*;
use crate::rules::{AnswerState, TraceStep, Value};

fn steps(trace: &[TraceStep]) -> Vec<(&str, Value)> {
    trace
        .iter()
        .map(|s| (s.text.as_str(), s.value.clone()))
        .collect()
}

#[test]
fn each_leaf_that_reads_a_fact_once_in_source_order() {
    let c = compile("solidarite.acces_equitable <= 1 and not unknown(solidarite.acces_equitable)");
    let facts = TestFacts::default().answer(2, 1.0);
    assert_eq!(
        steps(&c.explain(&facts)),
        [
            ("solidarite.acces_equitable", Value::Number(1.0)),
            ("unknown(solidarite.acces_equitable)", Value::Bool(false)),
        ]
    );
}

#[test]
fn repeated_leaves_appear_once_and_literals_not_at_all() {
    let c = compile("collectif.accueil >= 1 and collectif.accueil <= 3 and 2 > 1");
    let trace = c.explain(&TestFacts::default());
    assert_eq!(steps(&trace), [("collectif.accueil", Value::Missing)]);
}

#[test]
fn every_kind_of_leaf_is_traced_even_when_evaluation_would_skip_it() {
    let mut facts = TestFacts::default()
        .answer(0, 2.0)
        .target(0, 4.0)
        .state(1, AnswerState::NotApplicable)
        .profile(0, "rural");
    facts.scores = [Some(40.0), None];
    facts.coverage = [Some(100.0), None];
    facts.overall = Some(55.5);
    facts.spreads[0] = Some(1.0);
    let c = compile(
        "true or target(collectif.accueil) > collectif.accueil or na(collectif.diversite) \
         or answered(solidarite.equilibre) or spread(collectif.accueil) > 1 \
         or score(collectif) + score(solidarite) > score() or coverage(collectif) > 0 \
         or profile.territory == 'rural' or profile.name == 'x'",
    );
    assert_eq!(
        steps(&c.explain(&facts)),
        [
            ("target(collectif.accueil)", Value::Number(4.0)),
            ("collectif.accueil", Value::Number(2.0)),
            ("na(collectif.diversite)", Value::Bool(true)),
            ("answered(solidarite.equilibre)", Value::Bool(false)),
            ("spread(collectif.accueil)", Value::Number(1.0)),
            ("score(collectif)", Value::Number(40.0)),
            ("score(solidarite)", Value::Missing),
            ("score()", Value::Number(55.5)),
            ("coverage(collectif)", Value::Number(100.0)),
            ("profile.territory", Value::Text("rural".into())),
            ("profile.name", Value::Missing),
        ]
    );
}

#[test]
fn a_trace_reads_as_text() {
    let c = compile("target(solidarite.equilibre) >= 3");
    let trace = c.explain(&TestFacts::default().answer(3, 1.0).target(3, 3.0));
    assert_eq!(trace[0].to_string(), "target(solidarite.equilibre) = 3");
}
