//! The words of a report follow its language: a language tag is read the same way
//! everywhere, and punctuation is the language's (French puts U+00A0 before a colon,
//! English no space at all).

use domino_engine::{Assessment, Grid, Report, DOMINO_GRID};

fn report(lang: &str) -> Report {
    let grid = Grid::from_toml(DOMINO_GRID).unwrap().grid;
    let assessment =
        Assessment::from_toml(include_str!("../../grids/examples/la-redonnerie.toml")).unwrap();
    grid.score(&assessment, lang).unwrap()
}

#[test]
fn a_regional_tag_or_another_case_gives_the_same_report() {
    assert_eq!(report("fr-FR"), report("fr"));
    assert_eq!(report("EN-gb"), report("en"));
    assert_eq!(report("en_US").lang, "en");
}

#[test]
fn a_language_the_grid_lacks_falls_back_to_its_default() {
    assert_eq!(report("de"), report("fr"));
}
