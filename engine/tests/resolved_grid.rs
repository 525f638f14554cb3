//! The resolved form of a grid (`Grid::to_resolved`, `Grid::from_resolved`): what a reader
//! without the TOML loader scores with. It scores every sample exactly as the grid loaded
//! from TOML does, and a damaged or foreign resolved form is refused with a located
//! diagnostic, never a panic.

use domino_engine::{Diagnostics, Grid, BUILTIN_GRIDS};
use proptest::prelude::*;

#[path = "support/shipped.rs"]
mod shipped;
use shipped::{builtin, grids_dir, load_sample, samples};

/// Every grid of `grids/` and `grids/versions/`, loaded from TOML.
fn every_grid() -> Vec<Grid> {
    let mut grids: Vec<Grid> = BUILTIN_GRIDS
        .iter()
        .map(|(_, source)| Grid::from_toml(source).unwrap().grid)
        .collect();
    for entry in std::fs::read_dir(grids_dir().join("versions")).unwrap() {
        let source = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        grids.push(Grid::from_toml(&source).unwrap().grid);
    }
    grids
}

fn refusal(source: &str) -> Diagnostics {
    match Grid::from_resolved(source) {
        Ok(grid) => panic!(
            "grid `{}` read from a resolved form that should be refused",
            grid.id
        ),
        Err(d) => d,
    }
}

/// The resolved DOMINO grid with `edit` applied to its JSON.
fn edited(edit: impl FnOnce(&mut serde_json::Value)) -> String {
    let mut value: serde_json::Value =
        serde_json::from_str(&builtin("domino").to_resolved()).unwrap();
    edit(&mut value);
    value.to_string()
}

#[test]
fn every_grid_reads_back_from_its_resolved_form_as_it_was_written() {
    for grid in every_grid() {
        let written = grid.to_resolved();
        let read = Grid::from_resolved(&written).unwrap_or_else(|d| panic!("{}: {d}", grid.id));
        assert_eq!(read.to_resolved(), written, "{} {}", grid.id, grid.version);
        assert_eq!(
            read.languages, grid.languages,
            "the default language stays first"
        );
        assert_eq!(read.title.entries(), grid.title.entries());
        assert_eq!(
            read.hash, grid.hash,
            "results record the TOML source's hash"
        );
        assert_eq!(read.criterion_count(), grid.criterion_count());
    }
}

#[test]
fn every_sample_scores_with_the_resolved_grid_exactly_as_with_the_toml_one() {
    let samples = samples();
    assert!(samples.len() >= 12);
    for path in samples {
        let assessment = load_sample(&path);
        let grid = builtin(&assessment.meta.grid);
        let resolved = Grid::from_resolved(&grid.to_resolved()).unwrap();
        for lang in ["fr", "en"] {
            let expected = grid.score(&assessment, lang);
            let got = resolved.score(&assessment, lang);
            assert_eq!(got, expected, "{} in {lang}", path.display());
        }
    }
}

#[test]
fn text_that_is_not_json_is_refused_at_its_line_and_column() {
    let d = refusal("{\"format\": \"domino-grid-resolved\",\n  oops");
    assert_eq!(d.0[0].code, "invalid-resolved-grid");
    assert_eq!((d.0[0].line, d.0[0].column), (2, 3));
}

#[test]
fn another_format_or_version_is_named_as_such() {
    let toml = refusal(BUILTIN_GRIDS[0].1);
    assert_eq!(toml.0[0].code, "invalid-resolved-grid");
    let other = refusal(&edited(|v| v["format"] = "domino-report".into()));
    assert!(
        other.0[0].message.contains("not a resolved DOMINO grid"),
        "{other}"
    );
    let newer = refusal(&edited(|v| v["version"] = 99.into()));
    assert!(
        newer.0[0].message.contains("version 99 of the form"),
        "{newer}"
    );
    assert!(newer.0[0]
        .hint
        .as_deref()
        .unwrap()
        .contains("reload the page"));
}

#[test]
fn a_field_out_of_place_is_refused_at_its_place() {
    let d = refusal(&edited(|v| v["grid"]["axes"][0]["colour"] = "red".into()));
    assert!(d.0[0].message.contains("unknown field `colour`"), "{d}");
    assert!(d.0[0].line >= 1 && d.0[0].column > 1);
    let d = refusal(&edited(|v| v["grid"]["scales"][0]["options"] = 3.into()));
    assert!(d.0[0].message.contains("invalid type"), "{d}");
}

#[test]
fn what_the_loader_would_never_build_is_refused_with_the_path_of_each_problem() {
    let d = refusal(&edited(|v| {
        let criterion = &mut v["grid"]["axes"][0]["criteria"][0];
        criterion["scale"] = 7.into();
        v["grid"]["axes"][1]["weight"] = (-1.0).into();
        v["grid"]["hash"] = "not a hash".into();
        v["grid"]["rules"][0]["recommend"] = serde_json::json!(["nowhere"]);
        let first = v["grid"]["recommendations"][0].clone();
        v["grid"]["recommendations"]
            .as_array_mut()
            .unwrap()
            .push(first);
    }));
    let paths: Vec<&str> = d.0.iter().filter_map(|d| d.path.as_deref()).collect();
    for expected in [
        "grid.hash",
        "grid.axes[0].criteria[0].scale",
        "grid.axes[1].weight",
        "grid.recommendations",
        "grid.rules[0].recommend",
    ] {
        assert!(paths.contains(&expected), "{expected} in {paths:?}");
    }
    assert!(d
        .0
        .iter()
        .all(|d| d.code == "invalid-resolved-grid" && d.hint.is_some()));
}

#[test]
fn a_condition_is_checked_again_against_the_grid_it_comes_with() {
    let d = refusal(&edited(|v| {
        v["grid"]["rules"][0]["when"] = "level(nowhere.x) >= 2".into()
    }));
    assert_eq!(d.0[0].path.as_deref(), Some("grid.rules[0].when"));
    assert!(d.0[0].message.contains("does not check"), "{d}");
    let d = refusal(&edited(|v| {
        v["grid"]["axes"][0]["criteria"][1]["relevant"] = "score() > 0.5".into();
    }));
    assert_eq!(
        d.0[0].path.as_deref(),
        Some("grid.axes[0].criteria[1].relevant")
    );
}

#[test]
fn a_scale_the_scorer_could_not_use_is_refused() {
    let d = refusal(&edited(|v| {
        let scale = &mut v["grid"]["scales"][0];
        scale["critical_below"] = 50.into();
        let options = scale["options"].as_array_mut().unwrap();
        options.reverse();
    }));
    let paths: Vec<&str> = d.0.iter().filter_map(|d| d.path.as_deref()).collect();
    assert!(paths.contains(&"grid.scales[0].options"), "{paths:?}");
    assert!(
        paths.contains(&"grid.scales[0].critical_below"),
        "{paths:?}"
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// A resolved form cut short or with one byte changed is refused or read, never a
    /// panic; what is read is a grid that writes itself out again and reads back.
    #[test]
    fn a_damaged_resolved_form_never_panics(cut in 0.0f64..1.0, at in 0.0f64..1.0, byte in 32u8..127) {
        let written = builtin("domino-express").to_resolved();
        let mut bytes = written.into_bytes();
        let i = ((bytes.len() - 1) as f64 * at) as usize;
        bytes[i] = byte;
        bytes.truncate(((bytes.len() as f64) * (0.5 + cut / 2.0)) as usize + 1);
        let text = String::from_utf8_lossy(&bytes);
        if let Ok(grid) = Grid::from_resolved(&text) {
            prop_assert!(Grid::from_resolved(&grid.to_resolved()).is_ok());
        }
    }
}
