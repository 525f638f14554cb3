//! A batch CSV written for an earlier version: its header is read once through
//! the crosswalk, every change kind as an assessment file would be carried, and
//! one warning per criterion that changed, not one per row.

use domino_engine::assessment::Given;
use domino_engine::{Grid, Responses, RowSchema};
use std::path::Path;

fn grid(name: &str) -> Grid {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/crosswalk")
        .join(name);
    Grid::from_toml(&std::fs::read_to_string(path).unwrap())
        .unwrap()
        .grid
}

const HEADER: &[&str] = &[
    "id",
    "collectif.accueil",
    "collectif.regles",
    "collectif.regles.target",
    "collectif.convivialite",
    "collectif.animation",
    "collectif.benevolat",
    "ressources.outils",
    "ressources.locaux",
    "ressources.effet_net",
];

fn given(grid: &Grid, r: &Responses, id: &str) -> Given {
    r.answers[grid.criterion_index(id).unwrap()].given
}

fn code(grid: &Grid, r: &Responses, id: &str) -> String {
    let c = grid.criterion_index(id).unwrap();
    match r.answers[c].given {
        Given::Level(p) => grid.scale_of(c).options[p as usize].code.clone(),
        other => format!("{other:?}"),
    }
}

#[test]
fn each_change_kind_reads_its_column_as_the_crosswalk_says() {
    let v2 = grid("v2.toml");
    let carried = RowSchema::for_version(&v2, HEADER, Some("1.0.0")).expect("read as 1.0.0");
    let row = ["r1", "3", "4", "4", "2", "1", "3", "2", "2", "1"];
    let r = carried.schema.read(&v2, &row).expect("the row reads");
    assert_eq!(code(&v2, &r, "collectif.accueil"), "3", "unchanged");
    assert_eq!(
        code(&v2, &r, "collectif.decisions"),
        "3",
        "renamed, 4 read as 3"
    );
    let decisions = v2.criterion_index("collectif.decisions").unwrap();
    assert_eq!(r.answers[decisions].target, Some(3), "its target too");
    assert_eq!(code(&v2, &r, "collectif.rencontres"), "2", "split");
    assert_eq!(code(&v2, &r, "collectif.entraide"), "2", "split");
    assert_eq!(code(&v2, &r, "collectif.animation"), "1", "reworded");
    assert_eq!(
        code(&v2, &r, "ressources.equipements"),
        "2",
        "merged, agreeing"
    );
    for gone in ["collectif.engagement", "ressources.donnees"] {
        assert_eq!(given(&v2, &r, gone), Given::Unanswered, "{gone}");
    }
}

#[test]
fn merged_columns_that_disagree_leave_the_criterion_unanswered() {
    let v2 = grid("v2.toml");
    let schema = RowSchema::for_version(&v2, HEADER, Some("1.0.0"))
        .unwrap()
        .schema;
    let read = |outils: &str, locaux: &str| {
        let row = ["r", "", "", "", "", "", "", outils, locaux, ""];
        let r = schema.read(&v2, &row).unwrap();
        given(&v2, &r, "ressources.equipements")
    };
    assert_eq!(read("2", "3"), Given::Unanswered);
    assert_eq!(
        read("3", ""),
        Given::Level(3),
        "one answer is the common answer"
    );
    assert_eq!(read("", ""), Given::Unanswered);
}

#[test]
fn one_warning_per_criterion_located_at_its_first_column() {
    let v2 = grid("v2.toml");
    let warnings = RowSchema::for_version(&v2, HEADER, Some("1.0.0"))
        .unwrap()
        .warnings;
    let seen: Vec<(&str, &str, usize)> = warnings
        .iter()
        .map(|w| (w.code.as_str(), w.path.as_deref().unwrap_or(""), w.column))
        .collect();
    assert_eq!(
        seen,
        [
            ("grid-version-carried", "", 0),
            ("crosswalk-renamed", "collectif.regles", 3),
            ("crosswalk-split", "collectif.convivialite", 5),
            ("crosswalk-reworded", "collectif.animation", 6),
            ("crosswalk-not-carried", "collectif.benevolat", 7),
            ("crosswalk-merged", "ressources.outils", 8),
            ("crosswalk-not-carried", "ressources.effet_net", 10),
            ("crosswalk-added", "ressources.donnees", 0),
        ]
    );
    let messages: Vec<String> = warnings
        .iter()
        .map(|w| format!("{}: {}", w.code, w.message))
        .collect();
    insta::assert_snapshot!("batch_header_warnings", messages.join("\n"));
}

#[test]
fn a_column_of_the_new_version_wins_over_the_old_column_it_replaces() {
    let v2 = grid("v2.toml");
    let header = ["id", "collectif.regles", "collectif.decisions"];
    let carried = RowSchema::for_version(&v2, &header, Some("1.0.0")).unwrap();
    let r = carried.schema.read(&v2, &["r", "1", "2"]).unwrap();
    assert_eq!(code(&v2, &r, "collectif.decisions"), "2");
    let w = carried
        .warnings
        .iter()
        .find(|w| w.code == "crosswalk-not-carried")
        .expect("the old column is not scored, and says so");
    assert!(
        w.message.contains("has a column of its own"),
        "{}",
        w.message
    );
}

#[test]
fn a_version_without_crosswalk_is_refused_and_the_current_version_changes_nothing() {
    let v2 = grid("v2.toml");
    let errors = RowSchema::for_version(&v2, HEADER, Some("0.9.0")).unwrap_err();
    assert_eq!(errors[0].code, "unknown-grid-version");
    assert!(errors[0].hint.as_deref().unwrap().contains("1.0.0, 2.0.0"));
    let header = ["id", "collectif.decisions"];
    let same = RowSchema::for_version(&v2, &header, Some("2.0.0")).unwrap();
    assert!(same.warnings.is_empty());
    let row = ["r", "2"];
    assert_eq!(
        same.schema.read(&v2, &row).unwrap(),
        RowSchema::new(&v2, &header)
            .unwrap()
            .read(&v2, &row)
            .unwrap()
    );
}
