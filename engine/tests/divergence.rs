//! The divergence table the reveal screens read: per criterion each rater's level,
//! the spread, whether it reaches the grid's `rater_gap`, the consensus if any,
//! the criteria most disagreed on first.

use domino_engine::divergence::{Divergence, Standing};
use domino_engine::{Assessment, Grid, Language, DOMINO_GRID};

const WORKSHOP: &str = include_str!("data/atelier-redonnerie.toml");

fn divergence_of(source: &str, lang: &str) -> Divergence {
    let grid = Grid::from_toml(DOMINO_GRID).unwrap().grid;
    let report = grid
        .score(&Assessment::from_toml(source).unwrap(), lang)
        .unwrap();
    Divergence::of_report(&grid, &report)
}

#[test]
fn the_workshop_table_in_french_and_english() {
    for lang in ["fr", "en"] {
        let d = divergence_of(WORKSHOP, lang);
        insta::assert_snapshot!(
            format!("workshop_table_{lang}"),
            d.table(Language::of_text(lang))
        );
    }
    insta::assert_json_snapshot!("workshop_rows_fr", divergence_of(WORKSHOP, "fr"));
}

#[test]
fn criteria_to_debate_come_first_then_close_then_agreed_each_by_spread() {
    let d = divergence_of(WORKSHOP, "fr");
    let order: Vec<(&str, Standing, Option<u32>)> = d
        .rows
        .iter()
        .map(|r| (r.criterion.as_str(), r.standing, r.spread))
        .collect();
    assert_eq!(
        order,
        [
            ("acteur_public.autonomie", Standing::ToDebate, Some(3)),
            ("collectif.accueil", Standing::Close, Some(1)),
            ("ressources.reemploi", Standing::Close, Some(1)),
            ("collectif.contribution", Standing::Agreed, Some(3)),
            ("acteur_public.posture", Standing::Agreed, Some(2)),
            ("solidarite.equilibre", Standing::Agreed, Some(2)),
        ]
    );
}

#[test]
fn a_gap_is_flagged_from_the_grid_s_rater_gap_and_kept_when_agreed() {
    let d = divergence_of(WORKSHOP, "en");
    assert_eq!(d.rater_gap, 2);
    let row = |id: &str| d.rows.iter().find(|r| r.criterion == id).unwrap();
    assert!(row("acteur_public.autonomie").exceeds_gap);
    assert!(!row("collectif.accueil").exceeds_gap);
    let agreed = row("collectif.contribution");
    assert!(agreed.exceeds_gap, "the raters' gap stays on record");
    assert_eq!(
        agreed.consensus.as_ref().map(|l| l.code.as_str()),
        Some("2")
    );
    assert!(agreed.note.as_deref().unwrap().starts_with("Le groupe"));
    let na = row("solidarite.equilibre");
    assert!(na.applicability_dispute);
    assert_eq!(na.consensus.as_ref().map(|l| l.code.as_str()), Some("na"));
}

#[test]
fn each_rater_s_level_is_named_in_the_report_s_language_and_aligned_with_the_raters() {
    let d = divergence_of(WORKSHOP, "fr");
    assert_eq!(d.raters, ["Élu", "Technicienne", "Membre"]);
    let equilibre = d
        .rows
        .iter()
        .find(|r| r.criterion == "solidarite.equilibre")
        .unwrap();
    let labels: Vec<&str> = equilibre
        .levels
        .iter()
        .map(|l| l.as_ref().map_or("", |l| l.label.as_str()))
        .collect();
    assert_eq!(labels[1], "Sans objet", "{labels:?}");
}

#[test]
fn an_assessment_without_raters_has_an_empty_table() {
    let single = "[assessment]\ngrid = \"domino\"\ninitiative = \"Seul\"\n[answers]\n\"collectif.accueil\" = \"3\"\n";
    let d = divergence_of(single, "fr");
    assert!(d.rows.is_empty() && d.raters.is_empty());
}

#[test]
fn a_rater_who_did_not_answer_leaves_a_gap_in_the_row() {
    let source = WORKSHOP.replace(
        "Technicienne = \"3\", Membre = \"2\" } }",
        "Membre = \"2\" } }",
    );
    let d = divergence_of(&source, "fr");
    let accueil = d
        .rows
        .iter()
        .find(|r| r.criterion == "collectif.accueil")
        .unwrap();
    assert!(accueil.levels[1].is_none());
    assert_eq!(accueil.spread, Some(1));
}
