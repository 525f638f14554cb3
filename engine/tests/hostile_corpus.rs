//! The hostile corpus under `tests/hostile/`: grids, assessments (TOML and
//! JSON) and batch CSV files built to break the loaders, plus the inputs the
//! fuzzers found interesting.
//!
//! Each file states what it expects, on its first line (`# expect: code, …`
//! when refused, `# warn: code, …` when accepted with warnings, `# ok`) or in a
//! sidecar `<file>.expect` holding the same words (JSON and CSV files, which
//! have no comments). The test checks nothing panics, that exactly those codes
//! are reported, and snapshots the rendered diagnostics.
//!
//! Inputs too large to keep in the repository are generated below.

use domino_engine::{
    Assessment, Diagnostic, Diagnostics, Grid, RowSchema, BUILTIN_GRIDS, DOMINO_GRID,
};
use std::fs;
use std::path::{Path, PathBuf};

/// What an input is expected to give.
#[derive(Debug, PartialEq)]
enum Expect {
    /// Refused with exactly these error codes (warnings may come along).
    Refused(Vec<String>),
    /// Accepted with exactly these warning codes (none for `ok`).
    Accepted(Vec<String>),
}

fn codes(list: &str) -> Vec<String> {
    let mut v: Vec<String> = list
        .split(',')
        .map(|s| s.trim().to_owned())
        .filter(|s| !s.is_empty())
        .collect();
    v.sort();
    v
}

fn parse_expect(line: &str, file: &Path) -> Expect {
    let line = line.trim_start_matches('\u{feff}').trim();
    let line = line.strip_prefix('#').unwrap_or(line).trim();
    if let Some(l) = line.strip_prefix("expect:") {
        Expect::Refused(codes(l))
    } else if let Some(l) = line.strip_prefix("warn:") {
        Expect::Accepted(codes(l))
    } else if line == "ok" {
        Expect::Accepted(Vec::new())
    } else {
        panic!(
            "{}: the first line (or the .expect file) must be `# expect: …`, `# warn: …` or `# ok`, found {line:?}",
            file.display()
        )
    }
}

fn expectation(file: &Path, bytes: &[u8]) -> Expect {
    let sidecar = PathBuf::from(format!("{}.expect", file.display()));
    let line = match fs::read_to_string(&sidecar) {
        Ok(text) => text,
        Err(_) => String::from_utf8_lossy(bytes)
            .lines()
            .next()
            .unwrap_or_default()
            .to_owned(),
    };
    parse_expect(&line, file)
}

fn corpus(dir: &str) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../tests/hostile")
        .join(dir);
    let mut files: Vec<PathBuf> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e != "expect"))
        .collect();
    files.sort();
    files
}

/// What a loader said: the codes of the errors if it refused the input, of the
/// warnings if it accepted it, and every diagnostic rendered.
struct Outcome {
    refused: bool,
    codes: Vec<String>,
    rendered: String,
}

impl Outcome {
    fn new(refused: bool, diagnostics: &[Diagnostic], file: &str, source: &str) -> Self {
        let mut codes: Vec<String> = diagnostics
            .iter()
            .filter(|d| d.is_error() == refused)
            .map(|d| d.code.clone())
            .collect();
        codes.sort();
        let rendered = diagnostics
            .iter()
            .map(|d| d.render(file, source))
            .collect::<Vec<_>>()
            .join("\n");
        Outcome {
            refused,
            codes,
            rendered,
        }
    }

    /// A description of the mismatch, if the outcome is not the expected one.
    fn mismatch(&self, expected: &Expect, what: &str) -> Option<String> {
        let got = if self.refused {
            Expect::Refused(self.codes.clone())
        } else {
            Expect::Accepted(self.codes.clone())
        };
        (&got != expected).then(|| {
            format!(
                "{what}: expected {expected:?}, got {got:?}\n{}",
                self.rendered
            )
        })
    }
}

fn grid_outcome(file: &str, source: &str) -> Outcome {
    match Grid::from_toml(source) {
        Ok(loaded) => {
            // A grid that loads scores an empty assessment.
            let grid = &loaded.grid;
            let report = grid
                .evaluate(domino_engine::Responses::empty(grid))
                .report(grid, grid.default_language());
            assert_eq!(report.axes.len(), grid.axes.len());
            Outcome::new(false, &loaded.warnings, file, source)
        }
        Err(Diagnostics(d)) => Outcome::new(true, &d, file, source),
    }
}

fn grids() -> Vec<Grid> {
    BUILTIN_GRIDS
        .iter()
        .map(|(_, s)| Grid::from_toml(s).unwrap().grid)
        .collect()
}

fn assessment_outcome(grids: &[Grid], file: &str, source: &str, json: bool) -> Outcome {
    let read = if json {
        Assessment::from_json(source)
    } else {
        Assessment::from_toml(source)
    };
    let assessment = match read {
        Ok(a) => a,
        Err(Diagnostics(d)) => return Outcome::new(true, &d, file, source),
    };
    // Scored with the grid it names, the DOMINO grid when that is unknown.
    let grid = grids
        .iter()
        .find(|g| g.id == assessment.meta.grid)
        .unwrap_or(&grids[0]);
    match grid.resolve(&assessment) {
        Ok(resolved) => {
            let report = grid.evaluate(resolved.responses).report(grid, "en");
            let json = serde_json::to_string(&report).unwrap();
            assert_eq!(
                serde_json::from_str::<domino_engine::Report>(&json).unwrap(),
                report
            );
            Outcome::new(false, &resolved.warnings, file, source)
        }
        Err(Diagnostics(d)) => Outcome::new(true, &d, file, source),
    }
}

/// Reads a batch file as the CLI does: no header handling by the csv crate,
/// ragged rows let through to [`RowSchema::read`], lines numbered from 1.
/// A CSV-level error (invalid UTF-8, …) is reported as `csv-syntax`.
fn csv_outcome(grid: &Grid, file: &str, bytes: &[u8]) -> Outcome {
    let source = String::from_utf8_lossy(bytes);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    let mut diagnostics = Vec::new();
    let mut schema = None;
    for record in reader.records() {
        let record = match record {
            Ok(r) => r,
            Err(e) => {
                let line = e.position().map_or(0, |p| p.line() as usize);
                diagnostics
                    .push(Diagnostic::error("csv-syntax", e.to_string()).at_line_column(line, 1));
                continue;
            }
        };
        let line = record.position().map_or(0, |p| p.line() as usize);
        let fields: Vec<&str> = record.iter().collect();
        let at_line = |errors: Vec<Diagnostic>| {
            errors
                .into_iter()
                .map(move |d| {
                    let column = d.column;
                    d.at_line_column(line, column)
                })
                .collect::<Vec<_>>()
        };
        match &schema {
            None => match RowSchema::new(grid, &fields) {
                Ok(s) => schema = Some(s),
                Err(errors) => {
                    diagnostics.extend(at_line(errors));
                    break;
                }
            },
            Some(s) => match s.read(grid, &fields) {
                Ok(responses) => {
                    let report = grid.evaluate(responses).report(grid, "en");
                    assert!(!report.initiative.is_empty() || fields.is_empty());
                }
                Err(errors) => diagnostics.extend(at_line(errors)),
            },
        }
    }
    let refused = diagnostics.iter().any(Diagnostic::is_error);
    Outcome::new(refused, &diagnostics, file, &source)
}

fn name_of(path: &Path) -> String {
    path.file_name().unwrap().to_string_lossy().into_owned()
}

#[test]
fn hostile_grids_report_exactly_their_problems() {
    let files = corpus("grids");
    assert!(files.len() >= 20);
    let mut failures = Vec::new();
    for path in files {
        let name = name_of(&path);
        let bytes = fs::read(&path).unwrap();
        let source = String::from_utf8(bytes.clone()).expect("grid files are UTF-8");
        let outcome = grid_outcome(&name, &source);
        failures.extend(outcome.mismatch(&expectation(&path, &bytes), &name));
        insta::assert_snapshot!(format!("grid-{name}"), outcome.rendered);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn hostile_assessments_report_exactly_their_problems() {
    let grids = grids();
    let files = corpus("assessments");
    assert!(files.len() >= 20);
    let mut failures = Vec::new();
    for path in files {
        let name = name_of(&path);
        let bytes = fs::read(&path).unwrap();
        let source = String::from_utf8(bytes.clone()).expect("assessment files are UTF-8");
        let json = name.ends_with(".json");
        let outcome = assessment_outcome(&grids, &name, &source, json);
        failures.extend(outcome.mismatch(&expectation(&path, &bytes), &name));
        insta::assert_snapshot!(format!("assessment-{name}"), outcome.rendered);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn hostile_batch_files_report_exactly_their_problems() {
    let grid = Grid::from_toml(DOMINO_GRID).unwrap().grid;
    let files = corpus("csv");
    assert!(files.len() >= 10);
    let mut failures = Vec::new();
    for path in files {
        let name = name_of(&path);
        let bytes = fs::read(&path).unwrap();
        let outcome = csv_outcome(&grid, &name, &bytes);
        failures.extend(outcome.mismatch(&expectation(&path, &bytes), &name));
        insta::assert_snapshot!(format!("csv-{name}"), outcome.rendered);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
