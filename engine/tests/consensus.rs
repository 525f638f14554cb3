//! Consensus in one assessment file: each rater's level kept in `by`, the level the
//! group agreed on in `level` (scored instead of the raters' median), and the note in
//! `evidence`. Criteria the group did not settle stay aggregated and debated.

use domino_engine::report::Consolidation;
use domino_engine::{Assessment, Grid, Report, DOMINO_GRID};
use serde_json::json;

const WORKSHOP: &str = include_str!("data/atelier-redonnerie.toml");

fn report(lang: &str) -> Report {
    let grid = Grid::from_toml(DOMINO_GRID).unwrap().grid;
    let a = Assessment::from_toml(WORKSHOP).expect("the workshop file reads");
    grid.score(&a, lang).expect("the workshop file scores")
}

/// What the report says of each criterion rated by several people, and the points to debate.
fn consensus_view(r: &Report) -> serde_json::Value {
    let criteria: Vec<_> = r
        .axes
        .iter()
        .flat_map(|a| &a.criteria)
        .filter(|c| !c.raters.is_empty())
        .map(|c| {
            json!({
                "id": c.id,
                "raters": c.raters,
                "level": c.level.as_ref().map(|l| &l.code),
                "state": c.state,
                "consolidation": c.consolidation,
                "evidence": c.evidence,
            })
        })
        .collect();
    let debats: Vec<_> = r.findings.debats.iter().map(|f| &f.id).collect();
    json!({ "criteria": criteria, "debats": debats })
}

#[test]
fn the_report_says_which_levels_the_group_agreed_and_which_were_aggregated() {
    let r = report("fr");
    insta::assert_json_snapshot!("consensus_workshop", consensus_view(&r));
    let how = |id: &str| {
        r.axes
            .iter()
            .flat_map(|a| &a.criteria)
            .find(|c| c.id == id)
            .and_then(|c| c.consolidation)
    };
    assert_eq!(
        how("collectif.contribution"),
        Some(Consolidation::Consensus)
    );
    assert_eq!(how("acteur_public.autonomie"), Some(Consolidation::Median));
}

#[test]
fn only_the_criteria_the_group_did_not_settle_remain_points_to_debate() {
    let r = report("en");
    let debated: Vec<&str> = r.findings.debats.iter().map(|f| f.id.as_str()).collect();
    assert!(
        debated.contains(&"raters:acteur_public.autonomie"),
        "{debated:?}"
    );
    for settled in [
        "collectif.contribution",
        "acteur_public.posture",
        "solidarite.equilibre",
    ] {
        assert!(
            !debated.iter().any(|d| d.ends_with(settled)),
            "{settled} was settled by the group: {debated:?}"
        );
    }
}

#[test]
fn the_consensus_level_is_what_the_axis_score_reads() {
    let grid = Grid::from_toml(DOMINO_GRID).unwrap().grid;
    let agreed = |level: &str| {
        let source = WORKSHOP.replace("level = \"2\", by", &format!("level = \"{level}\", by"));
        grid.score(&Assessment::from_toml(&source).unwrap(), "fr")
            .unwrap()
    };
    let collectif = |r: &Report| r.axes[0].score.unwrap();
    // accueil 3 (median), contribution agreed: 2 then 4, whatever the raters said.
    assert!(collectif(&agreed("4")) > collectif(&agreed("2")));
    // The group agreed `solidarite.equilibre` does not apply: it leaves the denominator,
    // where the raters' median (1) would have counted.
    let solidarite = report("fr")
        .axes
        .iter()
        .find(|a| a.id == "solidarite")
        .unwrap()
        .score;
    assert_eq!(solidarite, None);
}
