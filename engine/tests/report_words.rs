//! The words of a report follow its language: a language tag is read the same way
//! everywhere, and punctuation is the language's (French puts U+00A0 before a colon,
//! English no space at all).

use domino_engine::report::FindingOrigin;
use domino_engine::{Assessment, Grid, Report, DOMINO_GRID};

fn report(lang: &str) -> Report {
    let grid = Grid::from_toml(DOMINO_GRID).unwrap().grid;
    let assessment =
        Assessment::from_toml(include_str!("../../grids/examples/la-redonnerie.toml")).unwrap();
    grid.score(&assessment, lang).unwrap()
}

fn rater_gap_messages(r: &Report) -> Vec<String> {
    r.findings
        .all()
        .filter(|f| f.source == FindingOrigin::RaterGap)
        .map(|f| f.message.clone())
        .collect()
}

#[test]
fn rater_answers_use_the_language_s_colon() {
    // (language, how a rater's answer reads, what must never appear)
    let cases = [
        ("en", "elu: ", [" :", "\u{a0}"]),
        ("fr", "elu\u{a0}: ", [" :", " ?"]),
    ];
    for (lang, answer, never) in cases {
        let messages = rater_gap_messages(&report(lang));
        assert!(!messages.is_empty(), "{lang}");
        for m in &messages {
            assert!(m.contains(answer), "{lang}: {m}");
            for bad in never {
                assert!(!m.contains(bad), "{lang}: {bad:?} in {m}");
            }
        }
    }
}

#[test]
fn every_built_in_french_message_sets_its_punctuation_with_non_breaking_spaces() {
    let r = report("fr");
    for f in r.findings.all().filter(|f| f.source != FindingOrigin::Rule) {
        for bad in [" :", " ?", "« ", " »"] {
            assert!(!f.message.contains(bad), "{bad:?} in {}", f.message);
        }
    }
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
