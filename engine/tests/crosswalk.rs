//! Grid versions: an assessment recorded against an earlier version is carried
//! over through the newer grid's crosswalk, one warning per criterion that
//! moved, may have changed meaning or could not be carried; a crosswalk with
//! mistakes is refused with located diagnostics.

use domino_engine::grid::crosswalk::ChangeKind;
use domino_engine::{Answer, Assessment, Diagnostic, Grid};
use std::path::Path;

fn fixture(name: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/crosswalk")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn grid(name: &str) -> Grid {
    let loaded = Grid::from_toml(&fixture(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
    assert!(loaded.warnings.is_empty(), "{name}: {:?}", loaded.warnings);
    loaded.grid
}

fn v1_assessment() -> Assessment {
    Assessment::from_toml(&fixture("assessment-v1.toml")).expect("the v1 assessment reads")
}

fn codes(warnings: &[Diagnostic]) -> Vec<(&str, &str)> {
    warnings
        .iter()
        .map(|d| (d.code.as_str(), d.path.as_deref().unwrap_or("")))
        .collect()
}

/// The warning about the old answer at `id`, which must say it was not carried.
fn not_carried<'a>(warnings: &'a [Diagnostic], id: &str) -> &'a Diagnostic {
    let path = format!("answers.\"{id}\"");
    let warning = warnings
        .iter()
        .find(|d| d.path.as_deref() == Some(path.as_str()))
        .unwrap_or_else(|| panic!("no warning about `{id}`: {warnings:#?}"));
    assert_eq!(warning.code, "crosswalk-not-carried", "{warning:#?}");
    warning
}

fn level(a: &Assessment, id: &str) -> Option<String> {
    a.answers.get(id).and_then(|a| a.level.clone())
}

#[test]
fn both_versions_load_and_the_newer_one_reads_the_older() {
    let v2 = grid("v2.toml");
    let crosswalk = v2.crosswalk_from("1.0.0").expect("a crosswalk from 1.0.0");
    let kinds: Vec<ChangeKind> = crosswalk.changes.iter().map(|c| c.change).collect();
    for kind in ChangeKind::ALL {
        assert!(
            kinds.contains(&kind),
            "the fixture has a `{}` change",
            kind.code()
        );
    }
    assert!(grid("v1.toml").crosswalks.is_empty());
}

#[test]
fn each_change_kind_carries_the_answers_as_the_crosswalk_says() {
    let v2 = grid("v2.toml");
    let carried = v2
        .carry(&v1_assessment())
        .expect("1.0.0 is carried")
        .assessment;
    let a = &carried;
    assert_eq!(a.meta.grid_version.as_deref(), Some("2.0.0"));
    // Unchanged: carried as is.
    assert_eq!(level(a, "collectif.accueil").as_deref(), Some("3"));
    // Renamed, level 4 read as 3 (the new scale stops at 3), the target too.
    let decisions = &a.answers["collectif.decisions"];
    assert_eq!(decisions.level.as_deref(), Some("3"));
    assert_eq!(decisions.target.as_deref(), Some("3"));
    assert_eq!(decisions.evidence.as_deref(), Some("Charte affichée."));
    assert!(!a.answers.contains_key("collectif.regles"));
    // Split: the old answer on each new criterion.
    assert_eq!(level(a, "collectif.rencontres").as_deref(), Some("2"));
    assert_eq!(level(a, "collectif.entraide").as_deref(), Some("2"));
    // Merged: both old answers said 2; both evidence notes kept, each named.
    let equipements = &a.answers["ressources.equipements"];
    assert_eq!(equipements.level.as_deref(), Some("2"));
    assert_eq!(
        equipements.evidence.as_deref(),
        Some(
            "[ressources.outils] Cabane à outils.\n[ressources.locaux] Local prêté par la mairie."
        )
    );
    // Reworded: per-rater answers kept under the same id.
    assert_eq!(a.answers["collectif.animation"].by.len(), 2);
    // Renamed with `carry = false`, removed, added: nothing carried.
    for gone in [
        "collectif.benevolat",
        "collectif.engagement",
        "ressources.effet_net",
        "ressources.donnees",
    ] {
        assert!(!a.answers.contains_key(gone), "{gone} is not answered");
    }
}

#[test]
fn every_criterion_that_changed_gets_a_located_warning() {
    let v2 = grid("v2.toml");
    let source = fixture("assessment-v1.toml");
    let resolved = v2
        .resolve(&v1_assessment())
        .expect("the carried assessment resolves");
    assert_eq!(
        codes(&resolved.warnings),
        [
            ("grid-version-carried", "assessment.grid_version"),
            ("crosswalk-renamed", "answers.\"collectif.regles\""),
            ("crosswalk-split", "answers.\"collectif.convivialite\""),
            ("crosswalk-merged", "answers.\"ressources.outils\""),
            ("crosswalk-reworded", "answers.\"collectif.animation\""),
            ("crosswalk-not-carried", "answers.\"collectif.benevolat\""),
            ("crosswalk-not-carried", "answers.\"ressources.effet_net\""),
            ("crosswalk-added", "assessment.grid_version"),
        ]
    );
    assert!(
        resolved.warnings.iter().all(|d| d.line > 0),
        "every warning is located"
    );
    let removed = &resolved.warnings[6].message;
    assert!(
        removed.contains("level 1") && removed.contains("Pas mesuré."),
        "{removed}"
    );
    let rendered: Vec<String> = resolved
        .warnings
        .iter()
        .map(|d| d.render("assessment-v1.toml", &source))
        .collect();
    insta::assert_snapshot!("carry_warnings", rendered.join("\n"));
}

#[test]
fn a_carried_assessment_exports_as_the_new_version_and_reloads_without_warnings() {
    let v2 = grid("v2.toml");
    let carried = v2.carry(&v1_assessment()).unwrap().assessment;
    for (format, text) in [("toml", carried.to_toml()), ("json", carried.to_json())] {
        let reread = match format {
            "toml" => Assessment::from_toml(&text),
            _ => Assessment::from_json(&text),
        }
        .unwrap_or_else(|e| panic!("{format}: {e}\n{text}"));
        assert_eq!(reread.answers, carried.answers, "{format}");
        let resolved = v2.resolve(&reread).expect("resolves");
        assert!(
            resolved.warnings.is_empty(),
            "{format}: {:?}",
            resolved.warnings
        );
        assert_eq!(
            resolved.responses.answers,
            v2.resolve(&carried).unwrap().responses.answers
        );
    }
    insta::assert_snapshot!("carried_toml", carried.to_toml());
}

#[test]
fn merged_answers_that_disagree_are_not_carried_and_both_levels_are_named() {
    let v2 = grid("v2.toml");
    let mut a = v1_assessment();
    a.answers
        .insert("ressources.locaux".into(), Answer::level("4"));
    let carried = v2.carry(&a).unwrap();
    assert!(!carried
        .assessment
        .answers
        .contains_key("ressources.equipements"));
    let about_merge: Vec<&Diagnostic> = carried
        .warnings
        .iter()
        .filter(|d| d.message.contains("disagree"))
        .collect();
    assert_eq!(about_merge.len(), 2, "one warning per old criterion");
    assert!(about_merge[0]
        .message
        .contains("`ressources.outils` level 2, `ressources.locaux` level 4"));
    assert!(
        about_merge[0].message.contains("Cabane à outils."),
        "the evidence stays in the message"
    );
}

#[test]
fn a_level_missing_from_the_new_scale_is_not_carried() {
    let v2 = grid("v2.toml");
    let mut a = v1_assessment();
    a.answers
        .insert("collectif.convivialite".into(), Answer::level("4"));
    let carried = v2.carry(&a).unwrap();
    for id in ["collectif.rencontres", "collectif.entraide"] {
        assert!(!carried.assessment.answers.contains_key(id), "{id}");
    }
    let warning = not_carried(&carried.warnings, "collectif.convivialite");
    assert!(
        warning
            .message
            .contains("level `4` is not on the scale of `collectif.entraide`"),
        "{}",
        warning.message
    );
}

#[test]
fn an_unchanged_criterion_whose_level_left_the_scale_is_not_carried() {
    let v2 = grid("v2.toml");
    let mut a = v1_assessment();
    a.answers
        .insert("collectif.accueil".into(), Answer::level("5"));
    let carried = v2.carry(&a).unwrap();
    assert!(!carried.assessment.answers.contains_key("collectif.accueil"));
    let warning = not_carried(&carried.warnings, "collectif.accueil");
    assert!(
        warning.message.contains("level `5` is not on the scale"),
        "{}",
        warning.message
    );
}

#[test]
fn an_answer_already_given_under_the_new_id_is_kept_and_the_old_one_is_not_carried() {
    let v2 = grid("v2.toml");
    let mut a = v1_assessment();
    a.answers
        .insert("collectif.decisions".into(), Answer::level("1"));
    let carried = v2.carry(&a).unwrap();
    assert_eq!(
        level(&carried.assessment, "collectif.decisions").as_deref(),
        Some("1")
    );
    let warning = not_carried(&carried.warnings, "collectif.regles");
    assert!(
        warning.message.contains("already answered"),
        "{}",
        warning.message
    );
}

#[test]
fn without_a_crosswalk_from_its_version_an_assessment_resolves_as_before() {
    let v2 = grid("v2.toml");
    let mut a = v1_assessment();
    a.meta.grid_version = Some("0.9.0".into());
    assert!(v2.carry(&a).is_none());
    let errors = v2
        .resolve(&a)
        .expect_err("old ids are unknown without a crosswalk");
    assert!(errors.0.iter().any(|d| d.code == "unknown-criterion"));
    let v1 = grid("v1.toml");
    a.meta.grid_version = Some("0.9.0".into());
    let resolved = v1.resolve(&a).expect("resolves");
    assert_eq!(
        codes(&resolved.warnings),
        [("grid-version", "assessment.grid_version")]
    );
}

#[test]
fn every_crosswalk_mistake_is_reported_with_its_place() {
    let source = fixture("bad-crosswalk.toml");
    let errors = Grid::from_toml(&source)
        .expect_err("the crosswalk has mistakes")
        .0;
    let mut found: Vec<&str> = errors.iter().map(|d| d.code.as_str()).collect();
    found.sort_unstable();
    found.dedup();
    assert_eq!(
        found,
        [
            "crosswalk-duplicate",
            "crosswalk-old-still-present",
            "crosswalk-same-version",
            "crosswalk-shape",
            "crosswalk-unknown-criterion",
            "crosswalk-unknown-level",
            "duplicate-crosswalk",
            "missing-key",
            "missing-translation",
            "unknown-change",
            "unknown-key",
            "wrong-type",
        ]
    );
    assert!(
        errors.iter().all(|d| d.line > 0),
        "every mistake is located: {errors:#?}"
    );
    let crosswalk_codes = errors.iter().filter(|d| d.code.contains("crosswalk"));
    assert!(
        crosswalk_codes.clone().all(|d| d.hint.is_some()),
        "{errors:#?}"
    );
    let rendered: Vec<String> = errors
        .iter()
        .map(|d| d.render("bad-crosswalk.toml", &source))
        .collect();
    insta::assert_snapshot!("crosswalk_errors", rendered.join("\n"));
}

/// The sample assessments, with their file names.
fn samples() -> Vec<(String, Assessment)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../grids/examples");
    let mut files = Vec::new();
    for sub in [dir.clone(), dir.join("express"), dir.join("lieux-partages")] {
        for entry in std::fs::read_dir(&sub).unwrap() {
            let path = entry.unwrap().path();
            if path.extension().is_some_and(|e| e == "toml") {
                let a = Assessment::from_toml(&std::fs::read_to_string(&path).unwrap())
                    .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
                files.push((path.display().to_string(), a));
            }
        }
    }
    files
}

#[test]
fn the_shipped_grids_read_every_kept_version_and_its_samples() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../grids/versions");
    let samples = samples();
    let mut kept = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let path = entry.unwrap().path();
        let old = Grid::from_toml(&std::fs::read_to_string(&path).unwrap())
            .unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        assert!(
            old.warnings.is_empty(),
            "{}: {:?}",
            path.display(),
            old.warnings
        );
        let old = old.grid;
        let shipped = domino_engine::BUILTIN_GRIDS
            .iter()
            .map(|(_, s)| Grid::from_toml(s).unwrap().grid)
            .find(|g| g.id == old.id)
            .unwrap_or_else(|| panic!("{}: no shipped grid `{}`", path.display(), old.id));
        assert!(
            shipped.version == old.version || shipped.crosswalk_from(&old.version).is_some(),
            "grid `{}` {} has no crosswalk from the kept version {}: its assessments would not load",
            old.id,
            shipped.version,
            old.version
        );
        for (file, a) in &samples {
            if a.meta.grid == old.id && a.meta.grid_version.as_deref() == Some(&old.version) {
                old.resolve(a)
                    .unwrap_or_else(|e| panic!("{file} with {}: {e}", old.version));
                shipped
                    .resolve(a)
                    .unwrap_or_else(|e| panic!("{file} with {}: {e}", shipped.version));
            }
        }
        kept += 1;
    }
    assert!(kept >= 1, "grids/versions keeps the released versions");
}
