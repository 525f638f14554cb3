//! `Grid::diff_from`: what changed between two versions of a grid, matched
//! through the newer grid's crosswalk, and its three presentations.

use domino_engine::grid::diff::{DiffFormat, GridDiff, SectionKind, Status};
use domino_engine::Grid;
use std::path::Path;

fn source(path: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(path);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn load(text: &str) -> Grid {
    Grid::from_toml(text).expect("the grid loads").grid
}

fn v1_to_v2() -> GridDiff {
    let v1 = load(&source("tests/crosswalk/v1.toml"));
    load(&source("tests/crosswalk/v2.toml")).diff_from(&v1)
}

fn statuses(diff: &GridDiff, kind: SectionKind) -> Vec<(String, Status)> {
    diff.sections
        .iter()
        .filter(|s| s.kind == kind)
        .flat_map(|s| &s.items)
        .map(|i| (i.id.clone(), i.status))
        .collect()
}

fn ids(pairs: &[(&str, Status)]) -> Vec<(String, Status)> {
    pairs.iter().map(|(i, s)| ((*i).to_owned(), *s)).collect()
}

#[test]
fn criteria_are_matched_through_the_crosswalk() {
    let diff = v1_to_v2();
    assert!(diff.crosswalk);
    assert_eq!(
        statuses(&diff, SectionKind::Criteria),
        ids(&[
            ("collectif.decisions", Status::Renamed),
            ("collectif.rencontres", Status::Split),
            ("collectif.entraide", Status::Split),
            ("collectif.animation", Status::Reworded),
            ("collectif.engagement", Status::Renamed),
            ("ressources.equipements", Status::Merged),
            ("ressources.donnees", Status::Added),
            ("ressources.effet_net", Status::Removed),
        ])
    );
    let animation = &diff
        .sections
        .iter()
        .find(|s| s.kind == SectionKind::Criteria)
        .unwrap()
        .items[3];
    let fields: Vec<&str> = animation.fields.iter().map(|f| f.field.as_str()).collect();
    assert_eq!(
        fields,
        ["critical", "levels.2"],
        "a reworded criterion shows what changed"
    );
}

#[test]
fn rules_recommendations_axes_and_profile_changes_are_listed() {
    let diff = v1_to_v2();
    assert_eq!(
        statuses(&diff, SectionKind::Rules),
        ids(&[
            ("accueil-ferme", Status::Changed),
            ("equipements-partages", Status::Added),
            ("animation-seule", Status::Changed),
            ("outils-partages", Status::Removed),
        ])
    );
    assert_eq!(
        statuses(&diff, SectionKind::Recommendations),
        ids(&[
            ("accueil", Status::Changed),
            ("lieu", Status::Added),
            ("charte", Status::Removed)
        ])
    );
    assert_eq!(
        statuses(&diff, SectionKind::Profile),
        ids(&[("territory", Status::Changed), ("status", Status::Added)])
    );
    assert_eq!(
        statuses(&diff, SectionKind::Axes),
        ids(&[
            ("collectif", Status::Changed),
            ("ressources", Status::Changed)
        ])
    );
    assert_eq!(
        statuses(&diff, SectionKind::Scales),
        ids(&[("step", Status::Added)])
    );
}

#[test]
fn without_a_crosswalk_criteria_are_matched_by_id_only() {
    let v1 = load(&source("tests/crosswalk/v1.toml"));
    let v2_text = source("tests/crosswalk/v2.toml");
    let (head, rest) = v2_text.split_at(v2_text.find("[[crosswalk]]").unwrap());
    let without = format!("{head}{}", &rest[rest.find("[scales.level]").unwrap()..]);
    let diff = load(&without).diff_from(&v1);
    assert!(!diff.crosswalk);
    let criteria = statuses(&diff, SectionKind::Criteria);
    assert!(criteria.contains(&("collectif.decisions".into(), Status::Added)));
    assert!(criteria.contains(&("collectif.regles".into(), Status::Removed)));
    assert!(criteria.contains(&("collectif.animation".into(), Status::Changed)));
}

#[test]
fn each_presentation_reads_as_a_person_or_a_tool_expects() {
    let diff = v1_to_v2();
    insta::assert_snapshot!("diff_table_en", diff.render(DiffFormat::Table, "en"));
    insta::assert_snapshot!("diff_markdown_fr", diff.render(DiffFormat::Markdown, "fr"));
    let json = diff.render(DiffFormat::Json, "en");
    let value: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
    let criteria = value["sections"]
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["section"] == "criteria")
        .unwrap();
    assert_eq!(criteria["items"][0]["change"], "renamed");
    assert_eq!(criteria["items"][0]["from"][0], "collectif.regles");
    insta::assert_snapshot!("diff_json_en", json);
}

#[test]
fn a_version_compared_with_itself_has_no_change() {
    let text = source("../grids/versions/domino-1.0.0.toml");
    let grid = load(&text);
    let diff = grid.diff_from(&grid);
    assert!(diff.is_empty(), "{diff:#?}");
    assert_eq!(
        diff.render(DiffFormat::Table, "en"),
        "Grid `domino`, from 1.0.0 to 1.0.0: no change\n"
    );
    assert_eq!(
        diff.render(DiffFormat::Table, "fr"),
        "Grille `domino`, de 1.0.0 à 1.0.0\u{a0}: aucun changement\n"
    );
}

/// What the shipped DOMINO grid changed since the kept 1.0.0, as a grid editor reads it.
#[test]
fn the_shipped_domino_grid_against_its_kept_first_version() {
    let old = load(&source("../grids/versions/domino-1.0.0.toml"));
    let shipped = load(domino_engine::DOMINO_GRID);
    insta::assert_snapshot!(
        "diff_domino_1_0_0_to_shipped_fr",
        shipped.diff_from(&old).render(DiffFormat::Markdown, "fr")
    );
}

#[test]
fn a_text_whose_only_change_is_its_typography_is_named_not_shown() {
    let fixed = source("tests/crosswalk/v1.toml");
    let straight = fixed.replace("L’accueil est fermé.", "L'accueil est fermé.");
    assert_ne!(straight, fixed);
    let diff = load(&fixed).diff_from(&load(&straight));
    let rules = &diff.sections[0];
    assert_eq!(rules.kind, SectionKind::Rules);
    assert_eq!(rules.items[0].id, "accueil-ferme");
    assert!(rules.items[0].fields.is_empty());
    assert_eq!(rules.items[0].typography, ["message"]);
    assert!(diff
        .render(DiffFormat::Table, "en")
        .contains("typography only: message"));
}
