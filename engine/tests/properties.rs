//! Invariants of scoring, checked on random grids and answers.

use domino_engine::assessment::{Given, Responses};
use domino_engine::Grid;
use proptest::prelude::*;

/// A generated grid: criteria `(axis, weight)`, written in the given order.
fn grid_source(criteria: &[(usize, u32)], order: &[usize]) -> String {
    let mut s = String::from(
        "[grid]\nid = \"p\"\nversion = \"1\"\nlanguages = [\"en\"]\ntitle = \"P\"\n\
         [scales.level]\noptions = [\n",
    );
    for level in 0..5 {
        s.push_str(&format!(
            "{{ code = \"{level}\", score = {level}, label = \"L{level}\" }},\n"
        ));
    }
    s.push_str("]\nnot_applicable = { code = \"na\", label = \"NA\" }\nunknown = { code = \"?\", label = \"?\" }\n");
    for axis in 0..3 {
        s.push_str(&format!(
            "[[axes]]\nid = \"a{axis}\"\nweight = {}\ntitle = \"A\"\nquestion = \"Q\"\n",
            axis + 1
        ));
        for &i in order {
            let (a, w) = criteria[i];
            if a == axis {
                s.push_str(&format!(
                    "[[axes.criteria]]\nid = \"c{i}\"\nscale = \"level\"\nweight = {w}\ntitle = \"C\"\nquestion = \"Q\"\n"
                ));
            }
        }
    }
    s
}

fn load(source: &str) -> Grid {
    Grid::from_toml(source).expect("generated grid loads").grid
}

/// Responses from answers given per criterion id `c{i}`.
fn responses(grid: &Grid, answers: &[Given]) -> Responses {
    let mut r = Responses::empty(grid);
    for (index, c) in grid.criteria() {
        let i: usize = c.id[1..].parse().unwrap();
        r.answers[index].given = answers[i];
    }
    r
}

fn given() -> impl Strategy<Value = Given> {
    prop_oneof![
        4 => (0u8..5).prop_map(Given::Level),
        1 => Just(Given::NotApplicable),
        1 => Just(Given::Unknown),
        1 => Just(Given::Unanswered),
    ]
}

/// 3 axes each with at least one criterion, random weights and answers.
fn setup() -> impl Strategy<Value = (Vec<(usize, u32)>, Vec<Given>)> {
    (3usize..12).prop_flat_map(|n| {
        (
            proptest::collection::vec((0usize..3, 1u32..5), n).prop_map(|mut c| {
                for (axis, item) in c.iter_mut().take(3).enumerate() {
                    item.0 = axis;
                }
                c
            }),
            proptest::collection::vec(given(), n),
        )
    })
}

proptest! {
    #[test]
    fn scores_stay_between_0_and_100((criteria, answers) in setup()) {
        let order: Vec<usize> = (0..criteria.len()).collect();
        let grid = load(&grid_source(&criteria, &order));
        let e = grid.evaluate(responses(&grid, &answers));
        for axis in &e.axes {
            if let Some(s) = axis.score {
                prop_assert!((0.0..=100.0).contains(&s));
            }
            prop_assert!(axis.answered <= axis.applicable);
        }
        if let Some(s) = e.overall {
            prop_assert!((0.0..=100.0).contains(&s));
        }
    }

    #[test]
    fn raising_one_answer_never_lowers_its_axis_score((criteria, answers) in setup(), pick in any::<prop::sample::Index>()) {
        let order: Vec<usize> = (0..criteria.len()).collect();
        let grid = load(&grid_source(&criteria, &order));
        let i = pick.index(answers.len());
        if let Given::Level(l) = answers[i] {
            if l < 4 {
                let mut raised = answers.clone();
                raised[i] = Given::Level(l + 1);
                let axis = criteria[i].0;
                let before = grid.evaluate(responses(&grid, &answers)).axes[axis].score.unwrap();
                let after = grid.evaluate(responses(&grid, &raised)).axes[axis].score.unwrap();
                prop_assert!(after >= before - 1e-9, "{before} -> {after}");
            }
        }
    }

    #[test]
    fn the_order_of_criteria_does_not_matter((criteria, answers) in setup(), seed in any::<u64>()) {
        let order: Vec<usize> = (0..criteria.len()).collect();
        let mut shuffled = order.clone();
        let mut state = seed | 1;
        for k in (1..shuffled.len()).rev() {
            state ^= state << 13; state ^= state >> 7; state ^= state << 17;
            shuffled.swap(k, (state % (k as u64 + 1)) as usize);
        }
        let a = load(&grid_source(&criteria, &order));
        let b = load(&grid_source(&criteria, &shuffled));
        let ea = a.evaluate(responses(&a, &answers));
        let eb = b.evaluate(responses(&b, &answers));
        for (x, y) in ea.axes.iter().zip(&eb.axes) {
            match (x.score, y.score) {
                (Some(x), Some(y)) => prop_assert!((x - y).abs() < 1e-9),
                (x, y) => prop_assert_eq!(x, y),
            }
            prop_assert_eq!((x.answered, x.applicable), (y.answered, y.applicable));
        }
    }

    #[test]
    fn not_applicable_acts_only_through_the_denominator((criteria, answers) in setup(), pick in any::<prop::sample::Index>()) {
        // Marking a criterion `na` scores exactly like a grid without that criterion.
        let i = pick.index(answers.len());
        let order: Vec<usize> = (0..criteria.len()).collect();
        let without: Vec<usize> = order.iter().copied().filter(|&k| k != i).collect();
        let full = load(&grid_source(&criteria, &order));
        let mut na = answers.clone();
        na[i] = Given::NotApplicable;
        let e_na = full.evaluate(responses(&full, &na));
        let axis = criteria[i].0;
        let remaining = without.iter().any(|&k| criteria[k].0 == axis);
        prop_assume!(remaining);
        let reduced = load(&grid_source(&criteria, &without));
        let e_reduced = reduced.evaluate(responses(&reduced, &answers));
        match (e_na.axes[axis].score, e_reduced.axes[axis].score) {
            (Some(x), Some(y)) => prop_assert!((x - y).abs() < 1e-9),
            (x, y) => prop_assert_eq!(x, y),
        }
        prop_assert_eq!(e_na.axes[axis].applicable, e_reduced.axes[axis].applicable);
    }

    #[test]
    fn scoring_is_deterministic((criteria, answers) in setup()) {
        let order: Vec<usize> = (0..criteria.len()).collect();
        let grid = load(&grid_source(&criteria, &order));
        let a = serde_json::to_string(&grid.evaluate(responses(&grid, &answers)).report(&grid, "en")).unwrap();
        let b = serde_json::to_string(&grid.evaluate(responses(&grid, &answers)).report(&grid, "en")).unwrap();
        prop_assert_eq!(a, b);
    }
}
