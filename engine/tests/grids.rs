//! The shipped grids and sample assessments: every grid loads cleanly, every
//! sample scores, and each report is kept as a snapshot.

use domino_engine::{Grid, BUILTIN_GRIDS};

#[path = "support/shipped.rs"]
mod shipped;
use shipped::{builtin, grids_dir, load_sample, samples};

#[test]
fn every_grid_file_loads_without_errors_or_warnings() {
    let mut count = 0;
    for entry in std::fs::read_dir(grids_dir()).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "toml") {
            let source = std::fs::read_to_string(&path).unwrap();
            let name = path.display().to_string();
            match Grid::from_toml(&source) {
                Ok(loaded) => assert!(
                    loaded.warnings.is_empty(),
                    "{}",
                    loaded
                        .warnings
                        .iter()
                        .map(|w| w.render(&name, &source))
                        .collect::<String>()
                ),
                Err(d) => panic!("{}", d.render(&name, &source)),
            }
            count += 1;
        }
    }
    assert_eq!(count, BUILTIN_GRIDS.len(), "every grid file is built in");
}

#[test]
fn the_domino_grid_has_five_axes_of_at_least_six_criteria_in_french_and_english() {
    let grid = builtin("domino");
    assert_eq!(grid.languages, ["fr", "en"]);
    assert_eq!(grid.axes.len(), 5);
    for axis in &grid.axes {
        assert!(axis.criteria.len() >= 6, "axis {}", axis.id);
        for c in &axis.criteria {
            assert!(
                c.levels.iter().all(Option::is_some),
                "{} describes every level",
                c.full_id
            );
            assert!(
                c.hint.is_some(),
                "{} has a hint for facilitators",
                c.full_id
            );
        }
    }
    assert!(grid.criteria().filter(|(_, c)| c.critical).count() >= 5);
}

#[test]
fn every_sample_assessment_scores_and_its_report_is_snapshotted() {
    let samples = samples();
    assert!(samples.len() >= 12, "at least twelve sample assessments");
    for path in samples {
        let assessment = load_sample(&path);
        let grid = builtin(&assessment.meta.grid);
        let text = std::fs::read_to_string(&path).unwrap();
        let resolved = grid
            .resolve(&assessment)
            .unwrap_or_else(|d| panic!("{}", d.render(&path.display().to_string(), &text)));
        assert!(
            resolved.warnings.is_empty(),
            "{}: {:?}",
            path.display(),
            resolved.warnings
        );
        let report = grid.evaluate(resolved.responses).report(&grid, "fr");
        let name = path
            .strip_prefix(grids_dir().join("examples"))
            .unwrap()
            .with_extension("")
            .display()
            .to_string()
            .replace('/', "__");
        insta::assert_json_snapshot!(name, report);
    }
}

fn findings(path: &str) -> Vec<String> {
    let assessment = load_sample(&grids_dir().join("examples").join(path));
    let grid = builtin(&assessment.meta.grid);
    let report = grid.score(&assessment, "fr").unwrap();
    report
        .findings
        .all()
        .map(|f| format!("{:?}:{}", f.kind, f.id))
        .collect()
}

#[test]
fn couchsurfing_after_2011_raises_vigilances_on_autonomy_and_value_capture() {
    let after = findings("couchsurfing-apres-2011.toml");
    assert!(
        after.contains(&"Vigilance:critical:territoire.valeur_locale".to_owned()),
        "{after:?}"
    );
    assert!(
        after
            .iter()
            .any(|f| f.starts_with("Vigilance:") && f.contains("autonomie"))
            || after.iter().any(|f| f.contains("capture")),
        "{after:?}"
    );
    let before = findings("couchsurfing-avant-2011.toml");
    assert!(
        !before.contains(&"Vigilance:critical:territoire.valeur_locale".to_owned()),
        "{before:?}"
    );
}

#[test]
fn the_radar_of_couchsurfing_before_and_after_2011_is_stable() {
    use domino_engine::charts::{bars_of_report, radar_of_reports, ChartOptions};
    let grid = builtin("domino");
    let report = |file: &str| {
        grid.score(&load_sample(&grids_dir().join("examples").join(file)), "en")
            .unwrap()
    };
    let before = report("couchsurfing-avant-2011.toml");
    let after = report("couchsurfing-apres-2011.toml");
    let options = ChartOptions {
        title: "Couchsurfing, before and after 2011".into(),
        show_title: true,
        ..ChartOptions::default()
    };
    let radar = radar_of_reports(&[&before, &after], &options);
    assert!(radar.starts_with("<svg"));
    assert_eq!(
        radar.matches("<polygon").count(),
        2,
        "one polygon per report"
    );
    insta::assert_snapshot!("radar-couchsurfing", radar);
    let bars = bars_of_report(&after, &ChartOptions::default());
    let critical = grid.criteria().filter(|(_, c)| c.critical).count();
    assert_eq!(
        bars.matches("★").count(),
        critical,
        "critical criteria are starred"
    );
}
