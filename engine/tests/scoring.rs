//! Scoring semantics, as specified in the grid format reference.

use domino_engine::report::Consolidation;
use domino_engine::rules::AnswerState;
use domino_engine::{Assessment, FindingKind, Grid, Report};

fn grid() -> Grid {
    Grid::from_toml(include_str!("data/mini-grid.toml"))
        .expect("the test grid loads")
        .grid
}

fn score(answers: &str) -> Report {
    score_with(answers, "")
}

fn score_with(answers: &str, extra: &str) -> Report {
    let source = format!(
        "[assessment]\ngrid = \"mini\"\ninitiative = \"Test\"\n{extra}\n[answers]\n{answers}"
    );
    let assessment = Assessment::from_toml(&source).expect("assessment reads");
    grid().score(&assessment, "en").expect("assessment scores")
}

fn finding_ids(report: &Report, kind: FindingKind) -> Vec<String> {
    report
        .findings
        .of(kind)
        .iter()
        .map(|f| f.id.clone())
        .collect()
}

#[test]
fn axis_score_is_the_weighted_mean_of_answered_values() {
    // accueil 4/4 = 1 (weight 1), contribution 2/4 = 0.5 (weight 2): (1 + 1) / 3
    let r = score("\"collectif.accueil\" = \"4\"\n\"collectif.contribution\" = \"2\"");
    assert_eq!(r.axes[0].score, Some(66.67));
}

#[test]
fn an_axis_without_answers_has_no_score_not_zero() {
    let r = score("\"collectif.accueil\" = \"4\"");
    assert_eq!(r.axes[1].score, None);
    assert_eq!(r.axes[1].coverage.answered, 0);
    assert_eq!(
        r.overall,
        Some(100.0),
        "the overall mean only counts present axes"
    );
}

#[test]
fn not_applicable_leaves_the_denominator_and_unknown_counts_as_unanswered() {
    let r = score("\"collectif.accueil\" = \"4\"\n\"collectif.contribution\" = \"na\"");
    assert_eq!(r.axes[0].score, Some(100.0));
    // applicable: accueil and transport (contribution is not applicable)
    assert_eq!(
        (r.axes[0].coverage.answered, r.axes[0].coverage.applicable),
        (1, 2)
    );
    let r = score("\"collectif.accueil\" = \"4\"\n\"collectif.contribution\" = \"?\"");
    assert_eq!(r.axes[0].score, Some(100.0));
    assert_eq!(
        (r.axes[0].coverage.answered, r.axes[0].coverage.applicable),
        (1, 3)
    );
}

#[test]
fn a_criterion_skipped_by_relevance_leaves_the_denominator() {
    let answers = "\"collectif.accueil\" = \"4\"\n\"collectif.transport\" = \"0\"";
    let urban = score_with(answers, "[profile]\nterritory = \"urbain\"");
    assert_eq!(urban.axes[0].score, Some(100.0));
    assert_eq!(urban.axes[0].criteria[2].state, AnswerState::NotRelevant);
    let rural = score_with(answers, "[profile]\nterritory = \"rural\"");
    assert_eq!(rural.axes[0].score, Some(50.0));
    let unknown_profile = score(answers);
    assert_eq!(
        unknown_profile.axes[0].score,
        Some(50.0),
        "an unknown profile keeps the question"
    );
}

#[test]
fn values_of_a_minus_two_to_plus_two_scale_run_from_0_to_100() {
    assert_eq!(
        score("\"ressources.effet_net\" = \"--\"").axes[1].score,
        Some(0.0)
    );
    assert_eq!(
        score("\"ressources.effet_net\" = \"0\"").axes[1].score,
        Some(50.0)
    );
    assert_eq!(
        score("\"ressources.effet_net\" = \"++\"").axes[1].score,
        Some(100.0)
    );
}

#[test]
fn overall_is_the_weighted_mean_of_axis_scores() {
    // collectif 100 (weight 1), ressources 50 (weight 2): (100 + 100) / 3
    let r = score("\"collectif.accueil\" = \"4\"\n\"ressources.reemploi\" = \"2\"");
    assert_eq!(r.overall, Some(66.67));
}

#[test]
fn a_low_critical_criterion_is_a_vigilance_whatever_the_average() {
    let r = score("\"collectif.accueil\" = \"1\"\n\"collectif.contribution\" = \"4\"");
    assert!(
        finding_ids(&r, FindingKind::Vigilance).contains(&"critical:collectif.accueil".to_owned())
    );
    let r = score("\"collectif.accueil\" = \"2\"");
    assert!(
        !finding_ids(&r, FindingKind::Vigilance).contains(&"critical:collectif.accueil".to_owned())
    );
}

#[test]
fn an_unknown_critical_criterion_is_a_vigilance_but_an_unanswered_one_is_not() {
    let r = score("\"collectif.accueil\" = \"?\"");
    assert_eq!(
        finding_ids(&r, FindingKind::Vigilance),
        vec!["critical:collectif.accueil"]
    );
    let r = score("\"collectif.contribution\" = \"3\"");
    assert!(finding_ids(&r, FindingKind::Vigilance).is_empty());
}

#[test]
fn a_target_two_steps_above_is_an_opportunity() {
    let r = score("\"collectif.contribution\" = { level = \"1\", target = \"3\" }");
    assert!(finding_ids(&r, FindingKind::Opportunite)
        .contains(&"target:collectif.contribution".to_owned()));
    let r = score("\"collectif.contribution\" = { level = \"2\", target = \"3\" }");
    assert!(!finding_ids(&r, FindingKind::Opportunite)
        .contains(&"target:collectif.contribution".to_owned()));
}

#[test]
fn several_raters_consolidate_to_the_lower_median_and_a_gap_is_debated() {
    let r = score_with(
        "\"collectif.contribution\" = { by = { elu = \"4\", membre = \"1\" } }",
        "raters = [\"elu\", \"membre\"]",
    );
    let c = &r.axes[0].criteria[1];
    assert_eq!(
        c.level.as_ref().map(|l| l.code.as_str()),
        Some("1"),
        "lower median of 1 and 4"
    );
    assert_eq!(
        finding_ids(&r, FindingKind::Debat),
        vec!["raters:collectif.contribution"]
    );
    let why: Vec<String> = r.findings.debats[0]
        .why
        .iter()
        .map(|s| s.text.clone())
        .collect();
    assert_eq!(
        why,
        [
            "collectif.contribution[elu]",
            "collectif.contribution[membre]"
        ]
    );
}

#[test]
fn three_raters_take_the_middle_level() {
    let r = score_with(
        "\"collectif.contribution\" = { by = { a = \"0\", b = \"3\", c = \"4\" } }",
        "raters = [\"a\", \"b\", \"c\"]",
    );
    assert_eq!(
        r.axes[0].criteria[1]
            .level
            .as_ref()
            .map(|l| l.code.as_str()),
        Some("3")
    );
}

#[test]
fn a_level_agreed_by_the_group_is_scored_instead_of_the_median_and_settles_the_debate() {
    let r = score_with(
        "\"collectif.contribution\" = { level = \"3\", by = { elu = \"4\", membre = \"1\" }, evidence = \"Le noyau de bénévoles s’est élargi cette année.\" }",
        "raters = [\"elu\", \"membre\"]",
    );
    let c = &r.axes[0].criteria[1];
    assert_eq!(
        c.level.as_ref().map(|l| l.code.as_str()),
        Some("3"),
        "the agreed level, not the median 1"
    );
    assert_eq!(c.consolidation, Some(Consolidation::Consensus));
    assert_eq!(
        c.raters.len(),
        2,
        "each rater's level is kept for the record"
    );
    assert_eq!(
        c.evidence.as_deref(),
        Some("Le noyau de bénévoles s’est élargi cette année.")
    );
    assert!(
        finding_ids(&r, FindingKind::Debat).is_empty(),
        "raters 3 steps apart are no longer a point to debate once the group agreed"
    );
}

#[test]
fn without_an_agreed_level_the_raters_median_is_scored_and_the_gap_stays_debated() {
    let r = score_with(
        "\"collectif.contribution\" = { by = { elu = \"4\", membre = \"1\" }, evidence = \"Pas d’accord.\" }",
        "raters = [\"elu\", \"membre\"]",
    );
    let c = &r.axes[0].criteria[1];
    assert_eq!(c.consolidation, Some(Consolidation::Median));
    assert_eq!(
        finding_ids(&r, FindingKind::Debat),
        vec!["raters:collectif.contribution"]
    );
    let single = score("\"collectif.contribution\" = \"2\"");
    assert_eq!(single.axes[0].criteria[1].consolidation, None);
}

#[test]
fn the_group_may_agree_that_a_disputed_criterion_does_not_apply() {
    let r = score_with(
        "\"collectif.contribution\" = { level = \"na\", by = { elu = \"3\", membre = \"na\" } }",
        "raters = [\"elu\", \"membre\"]",
    );
    let c = &r.axes[0].criteria[1];
    assert_eq!(c.state, AnswerState::NotApplicable);
    assert!(
        finding_ids(&r, FindingKind::Debat).is_empty(),
        "the applicability dispute is settled"
    );
}

#[test]
fn rules_fire_with_the_facts_that_made_them_fire() {
    let r = score("\"collectif.accueil\" = \"2\"\n\"collectif.contribution\" = \"1\"");
    let f = &r.findings.vigilances[0];
    assert_eq!(f.id, "noyau-epuise");
    assert_eq!(f.message, "A small core carries everything.");
    let why: Vec<(String, String)> = f
        .why
        .iter()
        .map(|s| (s.text.clone(), s.value.to_string()))
        .collect();
    assert_eq!(
        why,
        [
            ("collectif.contribution".to_owned(), "1".to_owned()),
            ("collectif.accueil".to_owned(), "2".to_owned())
        ]
    );
    assert_eq!(r.recommendations.accompagner[0].id, "animer");
    assert_eq!(r.recommendations.accompagner[0].because, ["noyau-epuise"]);
}

#[test]
fn a_recommendation_named_by_several_findings_appears_once() {
    let r = score("\"collectif.accueil\" = \"2\"\n\"collectif.contribution\" = \"1\"\n\"ressources.reemploi\" = \"1\"");
    assert_eq!(r.recommendations.accompagner.len(), 1);
    assert_eq!(
        r.recommendations.accompagner[0].because,
        ["noyau-epuise", "ressources-faibles"]
    );
}

#[test]
fn texts_follow_the_requested_language() {
    let r = score("\"ressources.reemploi\" = \"4\"");
    assert_eq!(r.findings.pepites[0].message, "Exemplary reuse.");
    let fr = grid()
        .score(&Assessment::from_toml("[assessment]\ngrid = \"mini\"\ninitiative = \"T\"\n[answers]\n\"ressources.reemploi\" = \"4\"").unwrap(), "fr")
        .unwrap();
    assert_eq!(fr.findings.pepites[0].message, "Un réemploi exemplaire.");
    assert_eq!(fr.axes[1].title, "Ressources");
}

#[test]
fn the_report_records_the_grid_id_version_and_hash() {
    let r = score("");
    assert_eq!(r.grid.id, "mini");
    assert_eq!(r.grid.version, "0.1.0");
    assert_eq!(r.grid.hash.len(), 64);
}
