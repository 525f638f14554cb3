//! Hostile inputs never crash the engine: they get a clear error.

use domino_engine::{Assessment, Grid};

#[test]
fn deeply_nested_toml_is_refused_without_crashing() {
    for depth in [100, 10_000, 100_000] {
        let source = format!("a = {}{}", "[".repeat(depth), "]".repeat(depth));
        let err = Grid::from_toml(&source).expect_err("refused");
        assert!(!err.0.is_empty());
        let source = format!("{}x = 1", "a.".repeat(depth));
        assert!(Assessment::from_toml(&source).is_err());
        let source = format!("a = {}1{}", "{ b = ".repeat(depth), " }".repeat(depth));
        assert!(Grid::from_toml(&source).is_err());
    }
}

#[test]
fn deeply_nested_json_is_refused_without_crashing() {
    let source = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    assert!(Assessment::from_json(&source).is_err());
}

#[test]
fn empty_and_binary_inputs_are_refused() {
    assert!(Grid::from_toml("").is_err());
    assert!(Assessment::from_toml("").is_err());
    assert!(Assessment::from_json("").is_err());
    assert!(Grid::from_toml("\u{0}\u{1}\u{2}").is_err());
}

#[test]
fn responses_built_by_hand_with_wrong_sizes_or_levels_never_panic() {
    use domino_engine::assessment::{Given, Response, Responses};
    let grid = Grid::from_toml(domino_engine::DOMINO_GRID).unwrap().grid;
    let mut r = Responses::empty(&grid);
    r.answers.truncate(3);
    r.answers[0].given = Given::Level(200);
    r.answers[1].target = Some(99);
    r.answers[2] = Response {
        raters: vec![Given::Level(1), Given::Level(250)],
        ..Response::default()
    };
    r.profile.clear();
    let report = grid.evaluate(r).report(&grid, "fr");
    assert_eq!(report.axes[0].criteria[0].state, "unanswered");
    assert_eq!(
        report.axes[0].criteria[2].state, "unanswered",
        "no rater is declared"
    );
}
