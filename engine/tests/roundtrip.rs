//! Round trips, on random assessments of the DOMINO grid:
//! - a report serialized as JSON reads back identical;
//! - an assessment exported as TOML or JSON (what the web app saves and the
//!   CLI reads) reads back to the same assessment and scores identically,
//!   consensus (per-rater levels, the agreed level and its note) included.

use domino_engine::report::Consolidation;
use domino_engine::{Answer, Assessment, Grid, Report, DOMINO_GRID};
use proptest::prelude::*;
use std::sync::OnceLock;

fn grid() -> &'static Grid {
    static GRID: OnceLock<Grid> = OnceLock::new();
    GRID.get_or_init(|| Grid::from_toml(DOMINO_GRID).unwrap().grid)
}

/// Any text, including quotes, backslashes, control characters, newlines,
/// non-ASCII letters and characters outside the basic plane.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[ -~]{0,20}",
        "[a-zé\"'\\\\\n\r\t\u{0}\u{7f}\u{202e}\u{feff}😀 ]{0,20}",
        any::<String>(),
    ]
}

/// One answer to a criterion: a level (or `na`/`?`), a target, evidence,
/// per-rater levels, or per-rater levels with the level the group agreed on
/// and its note (a consensus).
fn answer(codes: Vec<String>, levels: Vec<String>, raters: Vec<String>) -> BoxedStrategy<Answer> {
    let code = proptest::sample::select(codes);
    let level = proptest::sample::select(levels);
    let single = (
        code.clone(),
        proptest::option::of(level.clone()),
        proptest::option::of(text()),
    )
        .prop_map(|(l, target, evidence)| Answer {
            level: Some(l),
            target,
            evidence,
            by: Default::default(),
        });
    if raters.is_empty() {
        return single.boxed();
    }
    let by = proptest::collection::btree_map(proptest::sample::select(raters), code.clone(), 1..3)
        .prop_map(|by| Answer {
            by,
            ..Answer::default()
        });
    let consensus =
        (by.clone(), code, proptest::option::of(text())).prop_map(|(answer, agreed, note)| {
            Answer {
                level: Some(agreed),
                evidence: note,
                ..answer
            }
        });
    prop_oneof![single, by, consensus].boxed()
}

/// Each criterion's id, the codes it accepts and its levels.
fn criterion_codes(g: &Grid) -> Vec<(String, Vec<String>, Vec<String>)> {
    g.criteria()
        .map(|(i, c)| {
            let scale = g.scale_of(i);
            let levels: Vec<String> = scale.options.iter().map(|o| o.code.clone()).collect();
            let codes = scale
                .accepted_codes()
                .into_iter()
                .map(str::to_owned)
                .collect();
            (c.full_id.clone(), codes, levels)
        })
        .collect()
}

/// Each profile field with choices, and its choice codes.
fn profile_choices(g: &Grid) -> Vec<(String, Vec<String>)> {
    g.profile
        .iter()
        .filter_map(|f| {
            let choices = f.choices.as_ref()?;
            Some((
                f.id.clone(),
                choices.iter().map(|c| c.code.clone()).collect(),
            ))
        })
        .collect()
}

fn assessment() -> impl Strategy<Value = Assessment> {
    let g = grid();
    let criteria = criterion_codes(g);
    let profile = profile_choices(g);
    let raters = prop_oneof![
        Just(Vec::<String>::new()),
        Just(vec!["elu".to_owned(), "membre".to_owned()]),
        Just(vec![
            "Élu·e \"A\"".to_owned(),
            "b\\c".to_owned(),
            "d e".to_owned()
        ]),
    ];
    (
        raters,
        text(),
        proptest::option::of(text()),
        proptest::option::of(prop_oneof![
            Just("2016-05-01".to_owned()),
            "[0-9]{4}-[0-9]{2}-[0-9]{2}",
            text()
        ]),
        proptest::collection::vec(any::<bool>(), criteria.len()),
        proptest::collection::vec(any::<bool>(), profile.len()),
        any::<u64>(),
    )
        .prop_flat_map(
            move |(raters, initiative, territory, date, pick, pick_profile, _)| {
                let answers: Vec<_> = criteria
                    .iter()
                    .zip(&pick)
                    .filter(|(_, &p)| p)
                    .map(|((id, codes, levels), _)| {
                        (
                            Just(id.clone()),
                            answer(codes.clone(), levels.clone(), raters.clone()),
                        )
                    })
                    .collect();
                let profile: Vec<_> = profile
                    .iter()
                    .zip(&pick_profile)
                    .filter(|(_, &p)| p)
                    .map(|((id, choices), _)| {
                        (Just(id.clone()), proptest::sample::select(choices.clone()))
                    })
                    .collect();
                let (raters, initiative, territory, date) = (
                    raters.clone(),
                    initiative.clone(),
                    territory.clone(),
                    date.clone(),
                );
                (answers, profile).prop_map(move |(answers, profile)| {
                    let mut a = Assessment::default();
                    a.meta.grid = "domino".into();
                    a.meta.grid_version = Some("1.1.0".into());
                    a.meta.initiative = initiative.clone();
                    a.meta.territory = territory.clone();
                    a.meta.date = date.clone();
                    a.meta.raters = raters.clone();
                    a.profile = profile.into_iter().collect();
                    a.answers = answers.into_iter().collect();
                    a
                })
            },
        )
}

fn score(a: &Assessment) -> Report {
    grid()
        .score(a, "fr")
        .unwrap_or_else(|e| panic!("a generated assessment scores: {e}\n{}", a.to_toml()))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(96))]

    #[test]
    fn a_report_read_back_from_json_is_identical(a in assessment()) {
        let report = score(&a);
        let json = serde_json::to_string(&report).unwrap();
        let back: Report = serde_json::from_str(&json).unwrap();
        prop_assert_eq!(&back, &report);
        let pretty = serde_json::to_string_pretty(&report).unwrap();
        prop_assert_eq!(serde_json::from_str::<Report>(&pretty).unwrap(), report);
    }

    #[test]
    fn an_exported_assessment_reads_back_and_scores_identically(a in assessment()) {
        let report = score(&a);
        let toml = a.to_toml();
        let back = Assessment::from_toml(&toml)
            .unwrap_or_else(|e| panic!("TOML export reads back: {e}\n{toml}"));
        prop_assert_eq!(&back.meta, &a.meta);
        prop_assert_eq!(&back.profile, &a.profile);
        prop_assert_eq!(&back.answers, &a.answers);
        prop_assert_eq!(score(&back), report.clone());
        let json = a.to_json();
        let back = Assessment::from_json(&json)
            .unwrap_or_else(|e| panic!("JSON export reads back: {e}\n{json}"));
        prop_assert_eq!(&back.meta, &a.meta);
        prop_assert_eq!(&back.profile, &a.profile);
        prop_assert_eq!(&back.answers, &a.answers);
        prop_assert_eq!(score(&back), report);
    }
}

/// An assessment in which every answer is a consensus: two raters' levels,
/// the agreed level and, mostly, a note saying why.
fn consensus_assessment() -> impl Strategy<Value = Assessment> {
    let raters = vec!["Élu·e \"A\"".to_owned(), "membre".to_owned()];
    let criteria = criterion_codes(grid());
    let answers: Vec<_> = criteria
        .into_iter()
        .map(|(id, codes, _)| {
            let code = proptest::sample::select(codes);
            let by = proptest::collection::btree_map(
                proptest::sample::select(raters.clone()),
                code.clone(),
                1..3,
            );
            let answer = (by, code, proptest::option::weighted(0.9, text())).prop_map(
                |(by, level, evidence)| Answer {
                    level: Some(level),
                    by,
                    evidence,
                    target: None,
                },
            );
            proptest::option::of((Just(id), answer))
        })
        .collect();
    answers.prop_map(move |answers| {
        let mut a = Assessment::default();
        a.meta.grid = "domino".into();
        a.meta.initiative = "Atelier".into();
        a.meta.raters = raters.clone();
        a.answers = answers.into_iter().flatten().collect();
        a
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn a_consensus_written_then_read_keeps_every_rater_the_agreed_level_and_the_note(
        a in consensus_assessment()
    ) {
        for back in [Assessment::from_toml(&a.to_toml()), Assessment::from_json(&a.to_json())] {
            let back = back.unwrap_or_else(|e| panic!("reads back: {e}\n{}", a.to_toml()));
            prop_assert_eq!(&back.answers, &a.answers);
            prop_assert_eq!(&back.meta.raters, &a.meta.raters);
            let report = score(&back);
            for c in report.axes.iter().flat_map(|x| &x.criteria) {
                let Some(answer) = a.answers.get(&c.id) else { continue };
                prop_assert_eq!(c.consolidation, Some(Consolidation::Consensus));
                prop_assert_eq!(&c.evidence, &answer.evidence);
                prop_assert_eq!(c.raters.len(), answer.by.len());
            }
            prop_assert!(report.findings.debats.iter().all(|f| !f.id.starts_with("raters:")));
        }
    }
}

/// The `why` of a finding keeps the exact value a rule compared, such as
/// 275 / 3 = 91.66666666666667 (not rounded like the axis score): JSON must
/// give back that very float, not its neighbour 91.66666666666669, which a
/// fast but inexact number parser returns.
#[test]
fn a_score_with_seventeen_significant_digits_reads_back_exactly() {
    let a = Assessment::from_toml(
        r#"
[assessment]
grid = "domino"
initiative = "Portée par la collectivité"

[answers]
"collectif.accueil" = { level = "0" }
"collectif.contribution" = { level = "1" }
"acteur_public.posture" = { level = "4" }
"acteur_public.soutien" = { level = "4" }
"acteur_public.autonomie" = { level = "2" }
"#,
    )
    .unwrap();
    let report = score(&a);
    let traced = report
        .findings
        .all()
        .flat_map(|f| f.why.iter())
        .find(|step| step.text == "score(collectif)")
        .expect("a rule reads the collective's score");
    // accueil 0 (weight 1) and contribution 1 of 4 (weight 2): 100 × 0.5 / 3.
    let written = serde_json::to_string(&traced.value).unwrap();
    assert_eq!(written, "16.666666666666668");
    let read: f64 = serde_json::from_str(&written).unwrap();
    assert_eq!(read.to_bits(), (50.0_f64 / 3.0).to_bits());
    let back: Report = serde_json::from_str(&serde_json::to_string(&report).unwrap()).unwrap();
    assert_eq!(back, report);
}
