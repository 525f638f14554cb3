//! Hostile inputs never crash the engine: they get a clear error.

use domino_engine::rules::AnswerState;
use domino_engine::{Assessment, Grid, DOMINO_GRID};

#[path = "support/hostile_inputs.rs"]
mod hostile_inputs;
use hostile_inputs::*;

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
    use domino_engine::assessment::{Given, Responses};
    let grid = Grid::from_toml(domino_engine::DOMINO_GRID).unwrap().grid;
    let mut r = Responses::empty(&grid);
    r.answers.truncate(3);
    r.answers[0].given = Given::Level(200);
    r.answers[1].target = Some(99);
    // Per-rater answers for criterion 2 with no rater declared, and for
    // criteria past the grid's last one.
    r.by_rater = vec![Vec::new(); 3 * grid.criterion_count()];
    r.by_rater[2] = vec![Given::Level(1), Given::Level(250)];
    r.by_rater[2 * grid.criterion_count()] = vec![Given::Level(0)];
    r.profile.clear();
    let report = grid.evaluate(r).report(&grid, "fr");
    assert_eq!(report.axes[0].criteria[0].state, AnswerState::Unanswered);
    assert_eq!(
        report.axes[0].criteria[2].state,
        AnswerState::Unanswered,
        "no rater is declared"
    );
}

#[test]
fn a_grid_with_ten_thousand_criteria_loads_and_scores() {
    let grid = Grid::from_toml(&big_grid(2_000, 5)).expect("loads").grid;
    assert_eq!(grid.criterion_count(), 10_000);
    let mut answers = String::from("[assessment]\ngrid = \"big\"\ninitiative = \"X\"\n[answers]\n");
    for a in 0..2_000 {
        answers.push_str(&format!("\"a{a}.c0\" = \"1\"\n"));
    }
    let report = grid
        .score(&Assessment::from_toml(&answers).unwrap(), "en")
        .unwrap();
    assert_eq!(report.overall, Some(100.0));
}

#[test]
fn a_ten_megabyte_assessment_of_unknown_criteria_reports_each_one() {
    let grid = Grid::from_toml(&big_grid(1, 1)).unwrap().grid;
    let mut source = String::from("[assessment]\ngrid = \"big\"\ninitiative = \"X\"\n[answers]\n");
    let long = "x".repeat(1_000);
    let mut n = 0;
    while source.len() < 10_000_000 {
        source.push_str(&format!("\"a0.{long}{n}\" = \"1\"\n"));
        n += 1;
    }
    let errors = grid
        .resolve(&Assessment::from_toml(&source).unwrap())
        .unwrap_err();
    assert_eq!(errors.0.len(), n);
    assert!(errors
        .0
        .iter()
        .all(|d| d.code == "unknown-criterion" && d.line > 0));
}

#[test]
fn very_long_identifiers_are_refused_with_a_short_message() {
    let long = "a".repeat(100_000);
    let source = big_grid(1, 1).replace("id = \"c0\"", &format!("id = \"{long}\""));
    let err = Grid::from_toml(&source).unwrap_err();
    assert_eq!(err.0[0].code, "invalid-id");
    assert!(err.0[0].message.len() < 200, "{}", err.0[0].message.len());
}

#[test]
fn twenty_thousand_syntax_errors_are_each_located_and_rendered() {
    let source = syntax_errors(20_000);
    let errors = Grid::from_toml(&source).unwrap_err();
    assert_eq!(errors.0.len(), 20_000);
    for (i, d) in errors.0.iter().enumerate() {
        assert_eq!((d.code.as_str(), d.line), ("toml-syntax", i + 1));
    }
    let rendered = errors.render("many.toml", &source);
    assert!(rendered.contains("--> many.toml:20000:"));
    assert!(rendered.contains("20000 | bad line 19999\n"));
}

#[test]
fn a_json_assessment_points_at_the_line_of_each_unknown_key() {
    let grid = Grid::from_toml(&big_grid(1, 1)).unwrap().grid;
    let mut source = String::from("{\"assessment\": {\"grid\": \"big\", \"initiative\": \"X\"},\n");
    source.push_str(" \"answers\": {\n");
    let keys = 20_000;
    for n in 0..keys {
        // The same text stands in a value too: the span found is the key's.
        let comma = if n + 1 < keys { "," } else { "" };
        source.push_str(&format!(
            "  \"a0.k{n}\": {{\"evidence\": \"a0.k{n}\"}}{comma}\n"
        ));
    }
    source.push_str("}}\n");
    let a = Assessment::from_json(&source).unwrap();
    let errors = grid.resolve(&a).unwrap_err();
    assert_eq!(errors.0.len(), keys);
    for d in &errors.0 {
        let path = d.path.as_deref().unwrap();
        let n: usize = path
            .strip_prefix("answers.\"a0.k")
            .and_then(|rest| rest.strip_suffix('"'))
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("{path}"));
        assert_eq!((d.line, d.column), (n + 3, 3), "{path}");
    }
}

#[test]
fn a_grid_of_ten_thousand_costly_rules_loads_and_its_first_rules_are_still_linted() {
    let loaded = Grid::from_toml(&domino_with_never_firing_rules(10_000)).unwrap();
    assert_eq!(loaded.grid.rules.len(), 10_000);
    let never: Vec<&str> = loaded
        .warnings
        .iter()
        .filter(|d| d.code == "rule-never-fires")
        .filter_map(|d| d.path.as_deref())
        .collect();
    // Each rule costs 8^5 = 32,768 combinations: the grid's budget covers the first ones.
    assert!(!never.is_empty() && never.len() < 100, "{}", never.len());
    assert_eq!(never[0], "rules[0].when");
}

#[test]
fn each_of_ten_thousand_unused_recommendations_is_located_at_its_id() {
    let first_line = DOMINO_GRID.lines().count() + 3;
    let source = domino_with_unused_recommendations(10_000);
    let loaded = Grid::from_toml(&source).unwrap();
    let unused: Vec<_> = loaded
        .warnings
        .iter()
        .filter(|d| d.code == "unused-recommendation")
        .collect();
    assert_eq!(unused.len(), 10_000);
    for (i, d) in unused.iter().enumerate() {
        assert_eq!((d.line, d.column), (first_line + 6 * i, 6), "{}", d.message);
    }
}

#[test]
fn thousands_of_unknown_criteria_against_a_grid_of_thousands_get_their_first_hints_then_plain_ones()
{
    let grid = Grid::from_toml(&big_grid(100, 100)).unwrap().grid;
    let mut source = String::from("[assessment]\ngrid = \"big\"\ninitiative = \"X\"\n[answers]\n");
    for n in 0..10_000 {
        source.push_str(&format!("\"a{}.x{n}\" = \"1\"\n", n % 100));
    }
    let errors = grid
        .resolve(&Assessment::from_toml(&source).unwrap())
        .unwrap_err();
    assert_eq!(errors.0.len(), 10_000);
    let hint = |d: &domino_engine::Diagnostic| d.hint.clone().unwrap();
    let suggested = errors
        .0
        .iter()
        .filter(|d| hint(d).starts_with("did you mean"))
        .count();
    // Each search compares with 10,000 criteria: the budget covers the first
    // 100 unknown names (in key order), not all of which have a close match.
    assert!((1..=100).contains(&suggested), "{suggested}");
    assert_eq!(hint(&errors.0[0]), "did you mean `a0.c0`?");
    assert!(hint(&errors.0[9_999]).starts_with("criteria of grid `big` look like `a0.c0`"));
}

#[test]
fn thousands_of_misspelt_names_in_the_rules_of_a_big_grid_are_each_located_and_the_first_get_hints()
{
    let (source, first_rule_line) = big_grid_with_misspelt_rules(100, 100);
    let errors = Grid::from_toml(&source).unwrap_err();
    assert_eq!(errors.0.len(), 10_000);
    for (n, d) in errors.0.iter().enumerate() {
        let (rule, name) = (n / 100, n % 100);
        assert_eq!(d.code, "rule-unknown-name", "{}", d.message);
        assert_eq!(
            d.message,
            format!("unknown criterion `a{}.d{name}`", rule % 100)
        );
        assert_eq!(d.line, first_rule_line + 5 * rule + 3, "{}", d.message);
    }
    let hint = |n: usize| errors.0[n].hint.clone().unwrap_or_default();
    assert_eq!(hint(0), "did you mean `a0.c0`?");
    // One budget of comparisons for all the grid's conditions: each search
    // compares with 10,000 criteria, so the last names keep the plain hint.
    let suggested = (0..10_000)
        .filter(|&n| hint(n).starts_with("did you mean"))
        .count();
    assert!((1..=100).contains(&suggested), "{suggested}");
    assert!(!hint(9_999).starts_with("did you mean"));
}

#[test]
fn ten_thousand_criteria_on_unknown_scales_among_ten_thousand_get_short_hints() {
    let mut source = String::from(
        "[grid]\nid = \"big\"\nversion = \"1\"\nlanguages = [\"en\"]\ntitle = \"Big\"\n",
    );
    for s in 0..10_000 {
        source.push_str(&format!(
            "[scales.s{s}]\noptions = [{{ code = \"0\", score = 0, label = \"No\" }}, {{ code = \"1\", score = 1, label = \"Yes\" }}]\n"
        ));
    }
    source.push_str("[[axes]]\nid = \"a\"\ntitle = \"A\"\nquestion = \"Q\"\n");
    let first_criterion_line = source.lines().count() + 1;
    for c in 0..10_000 {
        source.push_str(&format!(
            "[[axes.criteria]]\nid = \"c{c}\"\nscale = \"t{c}\"\ntitle = \"C\"\nquestion = \"Q\"\n"
        ));
    }
    let errors = Grid::from_toml(&source).unwrap_err();
    let unknown: Vec<_> = errors
        .0
        .iter()
        .filter(|d| d.code == "unknown-scale")
        .collect();
    assert_eq!(unknown.len(), 10_000);
    for (c, d) in unknown.iter().enumerate() {
        assert_eq!((d.line, d.column), (first_criterion_line + 5 * c + 2, 9));
        let hint = d.hint.as_deref().unwrap();
        assert!(
            hint.len() < 200,
            "a hint names a few scales, not all: {hint}"
        );
    }
    assert_eq!(unknown[0].hint.as_deref(), Some("did you mean `s0`?"));
    assert!(unknown[9_999]
        .hint
        .as_deref()
        .unwrap()
        .starts_with("known scales: `s0`, `s1`,"));
}

#[test]
fn ten_thousand_rules_recommending_unknown_ids_among_ten_thousand_are_each_located() {
    let mut source = big_grid(1, 1);
    for i in 0..10_000 {
        source.push_str(&format!(
            "[[recommendations]]\nid = \"rec{i}\"\nphase = \"declencher\"\ntitle = \"T\"\ntext = \"T\"\n"
        ));
    }
    let first_rule_line = source.lines().count() + 1;
    for i in 0..10_000 {
        source.push_str(&format!(
            "[[rules]]\nid = \"r{i}\"\nkind = \"vigilance\"\nwhen = 'a0.c0 == 1'\n\
             message = \"m\"\nrecommend = [\"rec{i}x\"]\n"
        ));
    }
    let errors = Grid::from_toml(&source).unwrap_err();
    assert_eq!(errors.0.len(), 10_000);
    for (i, d) in errors.0.iter().enumerate() {
        assert_eq!(d.code, "unknown-recommendation");
        assert_eq!((d.line, d.column), (first_rule_line + 6 * i + 5, 14));
    }
    assert_eq!(errors.0[0].hint.as_deref(), Some("did you mean `rec0`?"));
    assert_eq!(
        errors.0[9_999].hint.as_deref(),
        Some("declare it in a `[[recommendations]]` table")
    );
}

#[test]
fn two_thousand_raters_rating_every_criterion_are_all_counted() {
    let grid = Grid::from_toml(DOMINO_GRID).unwrap().grid;
    let report = grid
        .score(
            &Assessment::from_toml(&rated_by_thousands(2_000, "")).unwrap(),
            "en",
        )
        .unwrap();
    let first = &report.axes[0].criteria[0];
    assert_eq!(first.state, AnswerState::Answered, "{first:?}");
    assert_eq!(report.raters.len(), 2_000);
}

#[test]
fn sixty_thousand_unknown_raters_are_each_reported_and_the_first_get_hints() {
    let grid = Grid::from_toml(DOMINO_GRID).unwrap().grid;
    let source = rated_by_thousands(2_000, "x");
    let errors = grid
        .resolve(&Assessment::from_toml(&source).unwrap())
        .unwrap_err();
    let unknown: Vec<_> = errors
        .0
        .iter()
        .filter(|d| d.code == "unknown-rater")
        .collect();
    assert_eq!(unknown.len(), 2_000 * grid.criterion_count());
    // Each search compares with 2,000 raters: the input's budget covers 500
    // (the first in the order answers are resolved), then the plain hint.
    let mut suggested = 0;
    for d in &unknown {
        let rater = d.message.split('`').nth(1).unwrap();
        let hint = d.hint.as_deref().unwrap();
        if hint.starts_with("did you mean") {
            assert_eq!(hint, format!("did you mean `{}`?", &rater[1..]));
            suggested += 1;
        } else {
            assert_eq!(hint, "add the rater to `assessment.raters`");
        }
    }
    assert_eq!(suggested, 500);
}
