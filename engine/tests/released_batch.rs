//! A census CSV written for DOMINO 1.0.0 is read by the shipped grid through its
//! crosswalk, once for the header: each row scores exactly as the same
//! assessment carried over on its own.
//!
//! The fixture `tests/data/released-1.0.0/batch.csv` is built from the released
//! 1.0.0 samples by `batch_fixture` below (rater answers and evidence notes, which
//! a batch row cannot hold, are left out); a test checks that the committed file
//! is what it builds. `DOMINO_UPDATE_FIXTURES=1` rewrites it.

use domino_engine::csv_writer::push_record;
use domino_engine::{Assessment, Grid, RowSchema, BUILTIN_GRIDS};
use std::path::{Path, PathBuf};

fn data(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/released-1.0.0")
        .join(path)
}

fn shipped_domino() -> Grid {
    let source = BUILTIN_GRIDS
        .iter()
        .map(|(_, s)| *s)
        .find(|s| s.contains("id = \"domino\""))
        .expect("the DOMINO grid is built in");
    Grid::from_toml(source).expect("it loads").grid
}

fn released_domino() -> Grid {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../grids/versions/domino-1.0.0.toml");
    Grid::from_toml(&std::fs::read_to_string(path).unwrap())
        .expect("DOMINO 1.0.0 loads")
        .grid
}

/// The released DOMINO samples, as a batch row can hold them: one level and
/// one target per criterion, no rater answers, no evidence.
fn released_samples() -> Vec<Assessment> {
    let mut paths: Vec<PathBuf> = std::fs::read_dir(data(""))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "toml"))
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| {
            let mut a = Assessment::from_toml(&std::fs::read_to_string(p).unwrap()).unwrap();
            a.meta.id = p.file_stem().map(|s| s.to_string_lossy().into_owned());
            for answer in a.answers.values_mut() {
                answer.evidence = None;
                answer.by.clear();
            }
            a.answers
                .retain(|_, answer| answer.level.is_some() || answer.target.is_some());
            a
        })
        .collect()
}

/// The CSV a researcher would have written for DOMINO 1.0.0: its template
/// header, the targets after it, one row per sample.
fn batch_fixture(old: &Grid, samples: &[Assessment]) -> String {
    let mut header = RowSchema::template_header(old);
    let criteria: Vec<String> = old.criteria().map(|(_, c)| c.full_id.clone()).collect();
    header.extend(criteria.iter().map(|c| format!("{c}.target")));
    let mut out = String::new();
    push_record(&mut out, &header);
    for a in samples {
        let mut row = vec![
            a.meta.id.clone().unwrap_or_default(),
            a.meta.initiative.clone(),
        ];
        row.extend(
            old.profile
                .iter()
                .map(|f| a.profile.get(&f.id).cloned().unwrap_or_default()),
        );
        let answer = |c: &String| a.answers.get(c);
        row.extend(
            criteria
                .iter()
                .map(|c| answer(c).and_then(|x| x.level.clone()).unwrap_or_default()),
        );
        row.extend(
            criteria
                .iter()
                .map(|c| answer(c).and_then(|x| x.target.clone()).unwrap_or_default()),
        );
        push_record(&mut out, &row);
    }
    out
}

fn fixture() -> String {
    std::fs::read_to_string(data("batch.csv")).unwrap_or_default()
}

#[test]
fn the_committed_fixture_is_built_from_the_released_samples() {
    let built = batch_fixture(&released_domino(), &released_samples());
    if std::env::var_os("DOMINO_UPDATE_FIXTURES").is_some() {
        std::fs::write(data("batch.csv"), &built).unwrap();
    }
    assert_eq!(fixture(), built, "rebuild it with DOMINO_UPDATE_FIXTURES=1");
}

#[test]
fn a_1_0_0_header_is_refused_as_the_current_version_and_read_as_1_0_0() {
    let grid = shipped_domino();
    let text = fixture();
    let header: Vec<&str> = text.lines().next().unwrap().split(',').collect();
    let refused = RowSchema::new(&grid, &header).expect_err("1.0.0 columns are unknown in 1.1.0");
    assert!(refused
        .iter()
        .any(|e| e.path.as_deref() == Some("collectif.regles")));
    let carried = RowSchema::for_version(&grid, &header, Some("1.0.0")).expect("read as 1.0.0");
    let named = |code: &str| -> Vec<&str> {
        carried
            .warnings
            .iter()
            .filter(|w| w.code == code)
            .filter_map(|w| w.path.as_deref())
            .collect()
    };
    assert_eq!(carried.warnings[0].code, "grid-version-carried");
    assert_eq!(named("crosswalk-renamed"), ["collectif.convivialite"]);
    assert_eq!(named("crosswalk-split"), ["collectif.regles"]);
    assert!(named("crosswalk-added").contains(&"acteur_public.democratie_locale"));
    let reworded = named("crosswalk-reworded");
    let unique: std::collections::BTreeSet<&&str> = reworded.iter().collect();
    assert_eq!(
        unique.len(),
        reworded.len(),
        "one warning per criterion, not per column"
    );
    assert!(
        carried.warnings.iter().all(|w| w.line == 0),
        "the caller sets the header's line"
    );
}

#[test]
fn each_row_scores_as_its_assessment_carried_over_on_its_own() {
    let grid = shipped_domino();
    let samples = released_samples();
    let text = fixture();
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes());
    let mut records = reader.records().map(Result::unwrap);
    let header = records.next().unwrap();
    let header: Vec<&str> = header.iter().collect();
    let schema = RowSchema::for_version(&grid, &header, Some("1.0.0"))
        .unwrap()
        .schema;
    let mut rows = 0;
    for (record, sample) in records.zip(&samples) {
        let fields: Vec<&str> = record.iter().collect();
        let from_row = grid.evaluate(schema.read(&grid, &fields).unwrap());
        let alone = grid.evaluate(grid.resolve(sample).unwrap().responses);
        let id = sample.meta.id.as_deref().unwrap_or("");
        assert_eq!(from_row.overall, alone.overall, "{id}: overall score");
        for (a, b) in from_row.axes.iter().zip(&alone.axes) {
            assert_eq!(a.score, b.score, "{id}: axis score");
            assert_eq!(a.coverage(), b.coverage(), "{id}: axis coverage");
        }
        let sources =
            |e: &domino_engine::Evaluation| e.findings.iter().map(|f| f.source).collect::<Vec<_>>();
        assert_eq!(sources(&from_row), sources(&alone), "{id}: findings");
        assert!(from_row.overall.is_some(), "{id} is scored");
        rows += 1;
    }
    assert_eq!(rows, 16, "every released DOMINO sample has its row");
}
