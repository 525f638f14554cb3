//! The sensitivity analysis: a small example computed by hand, findings that
//! move with the weights, too little data said in words, and the invariants
//! (zero spread is the nominal ranking, ranks are places, thread counts and
//! zero-weight criteria change nothing).

use super::aggregate::Structure;
use super::leave_one_out::composites;
use super::ranks::ranks_of;
use super::*;
use crate::assessment::{Given, Responses};
use crate::DOMINO_GRID;
use proptest::prelude::*;

/// Two axes of weight 1: `a` with `x` (weight 1) and `y` (weight 3), `b`
/// with `z` (weight 1); five levels scored 0–4, so values 0, 0.25 … 1.
const SMALL: &str = r#"
[grid]
id = "small"
version = "1.0.0"
languages = ["en"]
title = { en = "Small" }

[scales.level]
options = [
  { code = "0", score = 0, label = { en = "0" } },
  { code = "1", score = 1, label = { en = "1" } },
  { code = "2", score = 2, label = { en = "2" } },
  { code = "3", score = 3, label = { en = "3" } },
  { code = "4", score = 4, label = { en = "4" } },
]
not_applicable = { code = "na", label = { en = "Not applicable" } }
unknown = { code = "?", label = { en = "Unknown" } }

[[axes]]
id = "a"
title = { en = "A" }
question = { en = "A?" }

[[axes.criteria]]
id = "x"
scale = "level"
title = { en = "X" }
question = { en = "X?" }

[[axes.criteria]]
id = "y"
scale = "level"
weight = 3
title = { en = "Y" }
question = { en = "Y?" }

[[axes]]
id = "b"
title = { en = "B" }
question = { en = "B?" }

[[axes.criteria]]
id = "z"
scale = "level"
title = { en = "Z" }
question = { en = "Z?" }
"#;

fn small() -> Grid {
    Grid::from_toml(SMALL)
        .expect("the small grid is valid")
        .grid
}

fn domino() -> Grid {
    Grid::from_toml(DOMINO_GRID)
        .expect("the embedded grid is valid")
        .grid
}

/// An initiative of `grid` scored from `(criterion, level)` answers.
fn scored(grid: &Grid, name: &str, answers: &[(&str, Given)]) -> Initiative {
    let mut responses = Responses::empty(grid);
    responses.meta.initiative = name.to_owned();
    for (id, given) in answers {
        let c = grid.criterion_index(id).expect("a criterion of the grid");
        responses.answers[c].given = *given;
    }
    Initiative::of_evaluation(grid, &grid.evaluate(responses))
}

/// The three initiatives of the hand-checked example.
fn abc(grid: &Grid) -> Vec<Initiative> {
    let l = Given::Level;
    vec![
        scored(grid, "A", &[("a.x", l(4)), ("a.y", l(0)), ("b.z", l(4))]),
        scored(grid, "B", &[("a.x", l(0)), ("a.y", l(4)), ("b.z", l(0))]),
        scored(grid, "C", &[("a.x", l(2)), ("a.y", l(2)), ("b.z", l(2))]),
    ]
}

fn run(grid: &Grid, initiatives: Vec<Initiative>, options: Options) -> Sensitivity {
    analyse(grid, initiatives, &options, "en").expect("valid options")
}

fn by_name<'a>(s: &'a Sensitivity, name: &str) -> &'a InitiativeRanks {
    s.ranks.iter().find(|r| r.name == name).expect("ranked")
}

#[test]
fn the_small_example_matches_the_figures_computed_by_hand() {
    // Nominal: A axis a = 100 × (1 × 1 + 3 × 0) / 4 = 25, b = 100 → 62.5;
    // B a = 75, b = 0 → 37.5; C a = b = 50 → 50. Ranks A 1, C 2, B 3.
    // At ±10 %: A's axis a stays in [100 × 0.9/4.2, 100 × 1.1/3.8] = [21.4, 28.9]
    // and W_b/W_a in [0.818, 1.222]; A beats C iff W_b/W_a ≥ (50 − a)/50 ≤ 0.572:
    // always. B beats C iff W_b/W_a ≤ (a_B − 50)/50 ≤ 0.572: never. So every run
    // ranks A, C, B although every composite moves.
    let g = small();
    let options = Options {
        runs: 200,
        spread: 0.10,
        leave_one_out: true,
        ..Options::default()
    };
    let s = run(&g, abc(&g), options);
    let names: Vec<&str> = s.ranks.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names, ["A", "C", "B"]);
    for (name, score, rank) in [("A", 62.5, 1), ("C", 50.0, 2), ("B", 37.5, 3)] {
        let r = by_name(&s, name);
        assert_eq!((r.nominal_score, r.nominal_rank), (score, rank));
        let point = f64::from(rank);
        assert_eq!(
            (r.rank_p05, r.median_rank, r.rank_p95),
            (point, point, point)
        );
    }
    // Without x: A (0 + 100)/2 = 50, B (100 + 0)/2 = 50, C 50: one tie at rank 1;
    // shifts 0 (A), 2 (B), 1 (C): mean 1, largest 2; ρ undefined (no variation).
    let x = &s.leave_one_out[0].shift;
    assert_eq!((x.mean_abs_shift, x.max_abs_shift), (Some(1.0), Some(2)));
    assert_eq!(
        (x.spearman, x.undefined),
        (None, Some(Undefined::NoVariation))
    );
    // Without y: A 100, B 0, C 50: the same order, ρ = 1.
    let y = &s.leave_one_out[1].shift;
    assert_eq!((y.mean_abs_shift, y.spearman), (Some(0.0), Some(1.0)));
    // Without z: only axis a: A 25, B 75, C 50: reversed, shifts 2, 2, 0, ρ = −1.
    let z = &s.leave_one_out[2].shift;
    assert_eq!(
        (z.mean_abs_shift, z.max_abs_shift),
        (Some(4.0 / 3.0), Some(2))
    );
    assert_eq!(z.spearman, Some(-1.0));
}

#[test]
fn the_geometric_mean_reorders_the_small_example_as_computed_by_hand() {
    // Values on 1–100: A axis a = (100¹ × 1³)^(1/4) = 3.16, b = 100 → √316.2 = 17.8;
    // B a = 100^(3/4) = 31.6, b = 1 → 5.6; C a = b = 50.5 → 50.5. Ranks C, A, B
    // against the nominal A, C, B: shifts 1, 1, 0 (mean 2/3, largest 1); mid-ranks
    // centred (−1, 1, 0) and (0, 1, −1): ρ = 1 / √(2 × 2) = 0.5.
    let g = small();
    let options = Options {
        runs: 10,
        spread: 0.0,
        aggregation: Aggregation::Geometric,
        ..Options::default()
    };
    let s = run(&g, abc(&g), options);
    let names: Vec<&str> = s.ranks.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(names, ["C", "A", "B"]);
    let shift = s.aggregation_shift.as_ref().expect("geometric");
    assert_eq!(
        (shift.mean_abs_shift, shift.max_abs_shift),
        (Some(2.0 / 3.0), Some(1))
    );
    assert!((shift.spearman.expect("defined") - 0.5).abs() < 1e-12);
}

/// A DOMINO initiative on the edge of `portee-par-la-collectivite`: the local
/// authority present, autonomy partial, the collective axis just under 40.
fn on_the_edge(grid: &Grid, name: &str, collectif: &[u8]) -> Initiative {
    let mut answers = vec![
        ("acteur_public.posture", Given::Level(3)),
        ("acteur_public.soutien", Given::Level(3)),
        ("acteur_public.autonomie", Given::Level(1)),
    ];
    let ids = [
        "collectif.accueil",
        "collectif.contribution",
        "collectif.diversite",
        "collectif.competences",
    ];
    for (id, level) in ids.iter().zip(collectif) {
        answers.push((id, Given::Level(*level)));
    }
    scored(grid, name, &answers)
}

#[test]
fn findings_reading_a_score_change_in_some_runs_and_no_other_finding_does() {
    let g = domino();
    let rule = g
        .rules
        .iter()
        .position(|r| r.id == "portee-par-la-collectivite")
        .expect("a DOMINO rule");
    let edge = on_the_edge(&g, "edge", &[1, 2, 2, 1]);
    let far = on_the_edge(&g, "far", &[0, 0, 0, 0]);
    let s = run(
        &g,
        vec![edge, far],
        Options {
            runs: 400,
            ..Options::default()
        },
    );
    assert!(s
        .weight_dependent_rules
        .contains(&"portee-par-la-collectivite".to_owned()));
    let edge = by_name(&s, "edge");
    assert!(
        edge.findings_changed > 0.0 && edge.findings_changed < 1.0,
        "{}",
        edge.findings_changed
    );
    assert_eq!(
        by_name(&s, "far").findings_changed,
        0.0,
        "collectif at 0 stays under 40"
    );
    // The nominal findings re-evaluated by the analysis are the scoring's own.
    let mut responses = Responses::empty(&g);
    for (id, level) in [
        ("acteur_public.posture", 3),
        ("acteur_public.soutien", 3),
        ("acteur_public.autonomie", 1),
    ] {
        responses.answers[g.criterion_index(id).expect("known")].given = Given::Level(level);
    }
    let e = g.evaluate(responses);
    let fired = e
        .findings
        .iter()
        .any(|f| f.source == crate::scoring::FindingSource::Rule(rule));
    assert!(
        !fired,
        "with no collective answered, score(collectif) is absent and the rule does not fire"
    );
}

#[test]
fn a_grid_without_score_rules_never_changes_findings() {
    let g = small();
    let s = run(&g, abc(&g), Options::default());
    assert!(s.weight_dependent_rules.is_empty());
    assert!(s.ranks.iter().all(|r| r.findings_changed == 0.0));
}

#[test]
fn too_little_data_is_said_and_never_written_as_nan() {
    let g = small();
    let na = |name| {
        scored(
            &g,
            name,
            &[("a.x", Given::NotApplicable), ("b.z", Given::Unknown)],
        )
    };
    let c = |name| scored(&g, name, &[("a.x", Given::Level(2))]);
    let cases = [
        (vec![na("n1"), na("n2")], Insufficient::NothingRanked),
        (vec![c("c1"), na("n1")], Insufficient::OneInitiative),
        (vec![c("c1"), c("c2")], Insufficient::NoVariation),
    ];
    for (initiatives, expected) in cases {
        let options = Options {
            leave_one_out: true,
            ..Options::default()
        };
        let s = run(&g, initiatives, options);
        assert_eq!(s.insufficient, Some(expected));
        let json = serde_json::to_string(&s).expect("serialises");
        assert!(
            !json.contains("NaN") && !json.contains("null,null,null,null"),
            "{json}"
        );
        assert!(table(&s, 20, "fr").contains("données insuffisantes\u{a0}:"));
    }
    let s = run(
        &g,
        vec![c("c1"), na("n1")],
        Options {
            leave_one_out: true,
            ..Options::default()
        },
    );
    assert_eq!(s.unranked, ["n1"]);
    assert_eq!(
        s.leave_one_out[0].shift.undefined,
        Some(Undefined::TooFewInitiatives)
    );
}

#[test]
fn settings_it_cannot_honour_are_refused() {
    let g = small();
    for options in [
        Options {
            runs: 0,
            ..Options::default()
        },
        Options {
            spread: 1.0,
            ..Options::default()
        },
        Options {
            spread: -0.1,
            ..Options::default()
        },
        Options {
            spread: f64::NAN,
            ..Options::default()
        },
    ] {
        assert!(analyse(&g, abc(&g), &options, "en").is_err(), "{options:?}");
    }
    let huge = Options {
        runs: u32::MAX,
        ..Options::default()
    };
    let refused = analyse(&g, abc(&g), &huge, "en").expect_err("too many ranks");
    assert!(
        refused
            .to_string()
            .contains("ask for at most 100000000 runs"),
        "{refused}"
    );
}

/// Random initiatives of the small grid: each criterion a level or missing.
fn initiatives() -> impl Strategy<Value = Vec<Initiative>> {
    let answer = prop_oneof![
        4 => (0u8..5).prop_map(Given::Level),
        1 => Just(Given::NotApplicable),
    ];
    prop::collection::vec(prop::collection::vec(answer, 3), 2..12).prop_map(|rows| {
        let g = small();
        rows.iter()
            .enumerate()
            .map(|(i, row)| {
                let ids = ["a.x", "a.y", "b.z"];
                let answers: Vec<(&str, Given)> =
                    ids.iter().copied().zip(row.iter().copied()).collect();
                scored(&g, &format!("i{i}"), &answers)
            })
            .collect()
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    #[test]
    fn zero_spread_makes_every_run_the_nominal_ranking(list in initiatives()) {
        let g = small();
        let s = run(&g, list, Options { runs: 5, spread: 0.0, ..Options::default() });
        for r in &s.ranks {
            let point = f64::from(r.nominal_rank);
            prop_assert_eq!((r.rank_p05, r.median_rank, r.rank_p95), (point, point, point));
            prop_assert_eq!(r.findings_changed, 0.0);
        }
    }

    #[test]
    fn the_same_seed_gives_the_same_result_on_any_number_of_threads(list in initiatives(), seed in any::<u64>()) {
        let g = small();
        let base = Options { runs: 37, seed, leave_one_out: true, ..Options::default() };
        let one = run(&g, list.clone(), base);
        for threads in [2, 3, 8] {
            let mut many = run(&g, list.clone(), Options { threads, ..base });
            many.options.threads = 1;
            prop_assert_eq!(&one, &many);
        }
    }

    #[test]
    fn ranks_are_places_ties_sharing_the_best(scores in prop::collection::vec(0u8..6, 1..40)) {
        let scores: Vec<f64> = scores.into_iter().map(f64::from).collect();
        let ranks = ranks_of(&scores);
        for (i, &r) in ranks.iter().enumerate() {
            let better = scores.iter().filter(|&&s| s > scores[i]).count();
            prop_assert_eq!(r as usize, better + 1);
        }
    }

    #[test]
    fn distinct_scores_rank_as_a_permutation(scores in prop::collection::btree_set(0u32..10_000, 1..60)) {
        let scores: Vec<f64> = scores.into_iter().rev().map(f64::from).collect();
        let mut ranks = ranks_of(&scores);
        ranks.sort_unstable();
        prop_assert_eq!(ranks, (1..=scores.len() as u32).collect::<Vec<_>>());
    }

    #[test]
    fn leaving_out_a_criterion_of_weight_zero_changes_nothing(
        values in prop::collection::vec(prop::option::of(0.0f64..=1.0), 3 * 6),
        zero in 0usize..3,
    ) {
        let mut structure = Structure::of(&small());
        structure.nominal.criteria[zero] = 0.0;
        let values: Vec<f64> = values.into_iter().map(|v| v.unwrap_or(f64::NAN)).collect();
        let options = Options::default();
        let all = composites(&structure, &values, 6, &options, None);
        let without = composites(&structure, &values, 6, &options, Some(zero));
        let same = all.iter().zip(&without).all(|(a, b)| a == b || (a.is_nan() && b.is_nan()));
        prop_assert!(same, "{:?} against {:?}", all, without);
    }
}
