//! Scoring with the compiled conditions gives, bit for bit, what scoring with
//! the reference evaluator gives: on the DOMINO grid (66 rules, relevance
//! conditions) for random assessments, single answers and panels of raters.

use domino_engine::assessment::{Given, Responses};
use domino_engine::{Grid, DOMINO_GRID};
use proptest::prelude::*;
use proptest::strategy::ValueTree;
use std::sync::OnceLock;

fn domino() -> &'static Grid {
    static GRID: OnceLock<Grid> = OnceLock::new();
    GRID.get_or_init(|| Grid::from_toml(DOMINO_GRID).unwrap().grid)
}

/// An answer: a level 0–4 (out of range for a shorter scale are ignored by
/// the scorer), `na`, `?` or nothing.
fn given() -> impl Strategy<Value = Given> {
    prop_oneof![
        4 => (0..5u8).prop_map(Given::Level),
        1 => Just(Given::NotApplicable),
        1 => Just(Given::Unknown),
        1 => Just(Given::Unanswered),
    ]
}

/// Random responses to the DOMINO grid: answers, targets, profile choices,
/// and for some, two or three raters per criterion.
fn responses() -> impl Strategy<Value = Responses> {
    let grid = domino();
    let n = grid.criterion_count();
    let choices: Vec<Vec<String>> = (grid.profile.iter())
        .map(|f| f.choices.iter().flatten().map(|c| c.code.clone()).collect())
        .collect();
    let profile = choices
        .into_iter()
        .map(|c| prop::option::of(prop::sample::select(c.clone())).boxed())
        .collect::<Vec<_>>();
    (
        prop::collection::vec((given(), prop::option::of(0..5u8)), n),
        profile,
        0..4usize,
        prop::collection::vec(given(), 3 * n),
    )
        .prop_map(move |(answers, profile, raters, panel)| {
            let mut r = Responses::empty(domino());
            for (i, (g, target)) in answers.into_iter().enumerate() {
                r.answers[i].given = g;
                r.answers[i].target = target;
                if raters >= 2 {
                    *r.rater_answers_mut(i) = panel[3 * i..3 * i + raters].to_vec();
                }
            }
            if raters >= 2 {
                r.raters = (0..raters).map(|k| format!("r{k}")).collect();
            }
            r.profile = profile;
            r
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn compiled_scoring_agrees_with_the_reference(r in responses()) {
        let grid = domino();
        let compiled = grid.evaluate(r.clone());
        let reference = grid.evaluate_by_tree(r);
        prop_assert_eq!(compiled.fingerprint(), reference.fingerprint());
    }

    #[test]
    fn scoring_in_place_after_other_assessments_gives_the_same_result(
        rows in prop::collection::vec(responses(), 1..6)
    ) {
        // One evaluation reused row after row, as the batch path does: no
        // trace of an earlier row may leak into a later one.
        let grid = domino();
        let mut reused = grid.evaluate(Responses::empty(grid));
        for r in rows {
            reused.responses = r.clone();
            grid.evaluate_in_place(&mut reused);
            let fresh = grid.evaluate(r);
            prop_assert_eq!(reused.fingerprint(), fresh.fingerprint());
            prop_assert_eq!(&reused.responses, &fresh.responses);
        }
    }
}

#[test]
fn the_random_assessments_fire_rules_and_skip_criteria() {
    // The property above would prove little if no rule ever fired: check the
    // generator reaches both outcomes on a fixed seed of cases.
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let (mut fired, mut skipped) = (0, 0);
    for _ in 0..64 {
        let r = responses().new_tree(&mut runner).unwrap().current();
        let e = domino().evaluate(r);
        fired += e.findings.len();
        skipped += (e.criteria.iter())
            .filter(|c| c.state == domino_engine::rules::AnswerState::NotRelevant)
            .count();
    }
    assert!(fired > 64, "{fired} findings in 64 assessments");
    assert!(skipped > 0, "no criterion skipped by relevance");
}

#[test]
fn criteria_skipped_by_relevance_are_the_same_by_both_evaluators_on_a_grid_of_several_conditions() {
    // « Lieux partagés » has two relevance conditions, on criteria of two
    // different axes, reading two profile fields: every pair of their values
    // (a choice or nothing), every criterion answered at its middle level.
    use domino_engine::rules::AnswerState;
    let source = include_str!("../../grids/lieux-partages.toml");
    let grid = Grid::from_toml(source).unwrap().grid;
    let field = |id: &str| grid.profile_index(id).unwrap();
    let values = |f: usize| {
        let codes = grid.profile[f]
            .choices
            .iter()
            .flatten()
            .map(|c| Some(c.code.clone()));
        std::iter::once(None).chain(codes).collect::<Vec<_>>()
    };
    let (owner, lieu) = (field("owner"), field("lieu"));
    let mut skips = std::collections::BTreeSet::new();
    for o in values(owner) {
        for l in values(lieu) {
            let mut r = Responses::empty(&grid);
            for (i, a) in r.answers.iter_mut().enumerate() {
                a.given = Given::Level(grid.scale_of(i).options.len() as u8 / 2);
            }
            r.profile[owner] = o.clone();
            r.profile[lieu] = l.clone();
            let compiled = grid.evaluate(r.clone());
            let reference = grid.evaluate_by_tree(r);
            assert_eq!(
                compiled.fingerprint(),
                reference.fingerprint(),
                "{o:?} {l:?}"
            );
            let skipped: Vec<usize> = (compiled.criteria.iter().enumerate())
                .filter(|(_, c)| c.state == AnswerState::NotRelevant)
                .map(|(i, _)| i)
                .collect();
            skips.insert(skipped);
        }
    }
    // Neither, each one alone and both skipped, in some pair of values.
    assert_eq!(skips.len(), 4, "{skips:?}");
}
