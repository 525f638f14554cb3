//! The properties every fuzz target checks, one function per target.
//!
//! The fuzzers in `fuzz/` call these on generated inputs; `tests/fuzz_corpus.rs`
//! calls them on the committed corpus (`tests/fuzz-corpus/<target>/`), so the
//! inputs the fuzzers found interesting keep being checked in CI without a fuzzer.
//! Each function panics when a property does not hold.

use domino_cli::batch::{run_pipeline, PipelineOptions, RowFormat};
use domino_cli::batch_input::{read_stream, InputFormat};
use domino_engine::assessment::{toml_string, Responses};
use domino_engine::{Assessment, Diagnostics, Grid, Report, RowSchema, DOMINO_GRID};
use std::sync::OnceLock;

/// Records read per batch input: enough to reach every row-level path.
const BATCH_ROWS: usize = 64;

fn domino() -> &'static Grid {
    static GRID: OnceLock<Grid> = OnceLock::new();
    GRID.get_or_init(|| Grid::from_toml(DOMINO_GRID).expect("DOMINO loads").grid)
}

/// Any text as a grid: it loads, or it is refused with at least one error
/// that renders; a grid that loads scores an empty assessment, and the JSON
/// of that report reads back identical. Its typography fix is checked too.
pub fn grid_toml(source: &str) {
    typography(source);
    match Grid::from_toml(source) {
        Ok(loaded) => {
            let grid = loaded.grid;
            for d in &loaded.warnings {
                let _ = d.render("fuzz.toml", source);
            }
            let report = grid
                .evaluate(Responses::empty(&grid))
                .report(&grid, grid.default_language());
            let json = serde_json::to_string(&report).expect("a report serializes");
            let back: Report = serde_json::from_str(&json).expect("a report reads back");
            assert_eq!(back, report, "a report survives a JSON round trip");
        }
        Err(diags) => refused(&diags, source),
    }
}

/// Any text as a TOML and as a JSON assessment for DOMINO: refused with
/// diagnostics, or resolved and scored; what loads is exported in both
/// formats and reads back the same.
pub fn assessment(source: &str) {
    assessment_as(source, Assessment::from_toml);
    assessment_as(source, Assessment::from_json);
}

fn assessment_as(source: &str, read: fn(&str) -> Result<Assessment, Diagnostics>) {
    let grid = domino();
    let a = match read(source) {
        Ok(a) => a,
        Err(diags) => return refused(&diags, source),
    };
    match grid.resolve(&a) {
        Ok(resolved) => {
            let _ = grid.evaluate(resolved.responses).report(grid, "en");
        }
        Err(diags) => {
            let _ = diags.render("fuzz", source);
        }
    }
    let back = Assessment::from_toml(&a.to_toml()).expect("the TOML export reads back");
    assert_eq!(back.meta, a.meta);
    assert_eq!(back.profile, a.profile);
    assert_eq!(back.answers, a.answers);
    let back = Assessment::from_json(&a.to_json()).expect("the JSON export reads back");
    assert_eq!(back.meta, a.meta);
    assert_eq!(back.answers, a.answers);
}

/// Any text as the `when` of the only rule of the DOMINO grid (its own rules
/// removed, so that their lints do not dominate): refused with diagnostics,
/// or the grid loads and scores three sample assessments with messages.
pub fn condition(text: &str) {
    let source = format!(
        "{}\n[[rules]]\nid = \"fuzz\"\nkind = \"vigilance\"\nwhen = {}\n\
         message = {{ fr = \"x\", en = \"x\" }}\n",
        domino_without_rules(),
        toml_string(text)
    );
    match Grid::from_toml(&source) {
        Ok(loaded) => {
            for a in samples() {
                let report = loaded.grid.score(a, "fr").expect("a sample scores");
                assert!(report.findings.all().all(|f| !f.message.is_empty()));
            }
        }
        Err(diags) => refused(&diags, &source),
    }
}

/// Any bytes as a condition and an assessment of the DOMINO grid: the first
/// line gives one answer per criterion (a byte's value modulo 8: level 0–4,
/// `na`, `?`, nothing; divided by 8, modulo 6: target 0–4 or none), then one
/// choice per profile field; the rest is the condition, the `when` of the
/// grid's only rule and, where it compiles there, the `relevant` of the first
/// criterion. Scoring with the compiled conditions gives, bit for bit, what
/// scoring with the reference evaluator gives.
pub fn compiled_rules(data: &[u8]) {
    let (answers, condition) = match data.iter().position(|&b| b == b'\n') {
        Some(at) => (&data[..at], &data[at + 1..]),
        None => (&[][..], data),
    };
    let text = String::from_utf8_lossy(condition);
    let Some(grid) = grid_with_condition(&text) else {
        return;
    };
    let mut r = Responses::empty(&grid);
    let n = r.answers.len();
    for (answer, &b) in r.answers.iter_mut().zip(answers) {
        answer.given = match b % 8 {
            l @ 0..=4 => domino_engine::assessment::Given::Level(l),
            5 => domino_engine::assessment::Given::NotApplicable,
            6 => domino_engine::assessment::Given::Unknown,
            _ => domino_engine::assessment::Given::Unanswered,
        };
        answer.target = Some((b / 8) % 6).filter(|&t| t < 5);
    }
    for ((value, field), &b) in
        (r.profile.iter_mut().zip(&grid.profile)).zip(answers.iter().skip(n))
    {
        let choices = field.choices.as_deref().unwrap_or(&[]);
        *value = choices
            .get(usize::from(b) % (choices.len() + 1))
            .map(|c| c.code.clone());
    }
    let compiled = grid.evaluate(r.clone());
    let reference = grid.evaluate_by_tree(r);
    assert_eq!(compiled.fingerprint(), reference.fingerprint(), "`{text}`");
}

/// DOMINO without its rules, with `condition` as its only rule and, when it
/// compiles there, as the first criterion's `relevant`; `None` when refused.
fn grid_with_condition(condition: &str) -> Option<Grid> {
    let mut table: toml::Table = toml::from_str(domino_without_rules()).ok()?;
    let rule = format!(
        "[[rules]]\nid = \"fuzz\"\nkind = \"vigilance\"\nwhen = {}\nmessage = {{ fr = \"x\", en = \"x\" }}\n",
        toml_string(condition)
    );
    let rules: toml::Table = toml::from_str(&rule).ok()?;
    table.extend(rules);
    let with_rule = toml::to_string(&table).ok()?;
    let first = table
        .get_mut("axes")
        .and_then(|a| a.as_array_mut()?.first_mut()?.get_mut("criteria"))
        .and_then(|c| c.as_array_mut()?.first_mut()?.as_table_mut());
    if let Some(first) = first {
        first.insert("relevant".into(), toml::Value::String(condition.to_owned()));
        if let Ok(loaded) = Grid::from_toml(&toml::to_string(&table).ok()?) {
            return Some(loaded.grid);
        }
    }
    Grid::from_toml(&with_rule).ok().map(|l| l.grid)
}

/// Any bytes as a batch CSV for DOMINO, read as the CLI reads it: the header
/// through `RowSchema::new`, then each record through `RowSchema::read`.
/// Every row scores or is refused with errors pointing at a real column.
pub fn batch_csv(data: &[u8]) {
    let grid = domino();
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(data);
    let mut records = reader.records();
    let Some(Ok(header)) = records.next() else {
        return;
    };
    let header: Vec<&str> = header.iter().collect();
    let schema = match RowSchema::new(grid, &header) {
        Ok(schema) => schema,
        Err(errors) => {
            assert!(!errors.is_empty(), "a refused header has an error");
            return;
        }
    };
    for record in records.take(BATCH_ROWS).flatten() {
        let fields: Vec<&str> = record.iter().collect();
        match schema.read(grid, &fields) {
            Ok(responses) => {
                let _ = grid.evaluate(responses).report(grid, "en");
            }
            Err(errors) => {
                assert!(!errors.is_empty(), "a refused row has an error");
                let last = fields.len().max(schema.len()) + 1;
                for e in &errors {
                    assert!(
                        (1..=last).contains(&e.column),
                        "column {} of {last}",
                        e.column
                    );
                }
            }
        }
    }
}

/// Any bytes as a batch input, read as a CSV file, a JSON array and an NDJSON
/// file by the `domino batch` pipeline itself (`read_stream`, then
/// `run_pipeline` writing results in the same format, and statistics).
///
/// It never panics; a refused input says why; every row is counted once,
/// scored or failed; the results parse and hold one record per scored row;
/// the statistics count the scored rows; every failed row has a message that
/// points at a line of the input, and so does every warning about carrying an
/// earlier grid version over.
pub fn batch_input(data: &[u8]) {
    let grid = domino();
    let lines = data.iter().filter(|&&b| b == b'\n').count() as u64 + 1;
    for (format, results) in [
        (InputFormat::Csv, RowFormat::Csv),
        (InputFormat::Json, RowFormat::Json),
        (InputFormat::Ndjson, RowFormat::Ndjson),
    ] {
        let reader = Box::new(std::io::Cursor::new(data.to_vec()));
        let total = Some(data.len() as u64);
        let source = match read_stream(reader, "input".into(), total, format, grid) {
            Ok(source) => source,
            Err(fail) => {
                assert!(
                    fail.message.is_some(),
                    "a refused {format:?} input says why"
                );
                continue;
            }
        };
        let options = PipelineOptions {
            format: Some(results),
            by: Some(Vec::new()),
            collect: 0,
            strict: false,
            jobs: 1,
            lang: "en".into(),
            row_writer: None,
        };
        let (mut out, mut errors) = (Vec::new(), Vec::new());
        let outcome = match run_pipeline(source, grid.clone(), options, &mut out, &mut errors) {
            Ok(outcome) => outcome,
            Err(fail) => {
                assert!(fail.message.is_some(), "a failed {format:?} run says why");
                continue;
            }
        };
        let records = count_records(results, &out);
        assert_eq!(
            records as u64, outcome.rows,
            "{format:?}: one result per scored row"
        );
        assert_eq!(
            outcome.stats.total().rows,
            outcome.rows,
            "{format:?}: statistics"
        );
        let errors = String::from_utf8(errors).expect("messages are UTF-8");
        assert_eq!(
            outcome.failed > 0 || outcome.carry_warnings > 0,
            !errors.is_empty(),
            "{format:?}: messages come from failed rows or from carrying an earlier version: {errors}"
        );
        every_failure_located(format, &errors, lines, outcome.failed);
    }
}

/// The number of records in batch results written as `results`, each
/// checked to parse.
fn count_records(results: RowFormat, out: &[u8]) -> usize {
    match results {
        RowFormat::Csv => {
            let mut reader = csv::ReaderBuilder::new()
                .has_headers(false)
                .from_reader(out);
            let mut count = 0;
            for record in reader.records() {
                record.expect("the results are CSV");
                count += 1;
            }
            count
        }
        RowFormat::Json => {
            let items: Vec<serde_json::Value> =
                serde_json::from_slice(out).expect("the results are a JSON array");
            items.len()
        }
        RowFormat::Ndjson => {
            let lines = out.split(|&b| b == b'\n').filter(|line| !line.is_empty());
            let mut count = 0;
            for line in lines {
                serde_json::from_slice::<serde_json::Value>(line)
                    .expect("each result line is JSON");
                count += 1;
            }
            count
        }
    }
}

/// Every message of a failed row points at a line of the `lines`-line
/// input, and there is one at least per failed row.
fn every_failure_located(format: InputFormat, errors: &str, lines: u64, failed: u64) {
    let mut located = 0;
    for at in errors
        .lines()
        .filter_map(|l| l.trim_start().strip_prefix("--> "))
    {
        located += 1;
        let line: u64 = at
            .strip_prefix("input:")
            .and_then(|rest| rest.split(':').next())
            .and_then(|n| n.parse().ok())
            .unwrap_or_else(|| panic!("{format:?}: `--> {at}` is not a line of `input`"));
        assert!(
            (1..=lines).contains(&line),
            "{format:?}: line {line} of a {lines}-line input"
        );
    }
    assert!(located >= failed, "{format:?}: a failed row says where");
}

/// The typography fix of any text: what parsed as TOML still does, and a
/// second pass has nothing left to fix.
fn typography(source: &str) {
    let once = domino_engine::grid::typography::check(source);
    if once.diagnostics.iter().any(|d| d.is_error()) {
        assert_eq!(
            once.fixed, source,
            "a file that is not TOML is left as it is"
        );
        return;
    }
    let twice = domino_engine::grid::typography::check(&once.fixed);
    assert!(
        twice.diagnostics.is_empty(),
        "fixed: {:?}",
        twice.diagnostics
    );
    assert_eq!(twice.fixed, once.fixed, "fixing twice changes nothing");
}

fn refused(diags: &Diagnostics, source: &str) {
    assert!(diags.error_count() > 0, "a refused input has an error");
    let _ = diags.render("fuzz", source);
}

fn samples() -> &'static [Assessment] {
    static SAMPLES: OnceLock<Vec<Assessment>> = OnceLock::new();
    SAMPLES.get_or_init(|| {
        [
            include_str!("../../grids/examples/amap-redon.toml"),
            include_str!("../../grids/examples/couchsurfing-apres-2011.toml"),
            include_str!("../../grids/examples/wiki-brest.toml"),
        ]
        .iter()
        .map(|s| Assessment::from_toml(s).expect("a sample reads"))
        .collect()
    })
}

/// The DOMINO grid without its rules and with every text shortened to `x`:
/// the same scales, profile, axes and criteria, hence the same names for a
/// condition to use, in a tenth of the text to parse on every run.
fn domino_without_rules() -> &'static str {
    static TEMPLATE: OnceLock<String> = OnceLock::new();
    TEMPLATE.get_or_init(|| {
        let mut grid: toml::Table = toml::from_str(DOMINO_GRID).expect("DOMINO is TOML");
        grid.remove("rules");
        for (_, value) in grid.iter_mut() {
            shorten_texts(value);
        }
        toml::to_string(&grid).expect("a TOML table writes back")
    })
}

/// Replaces the French and English texts below `value` with `x`.
fn shorten_texts(value: &mut toml::Value) {
    match value {
        toml::Value::Table(table) => {
            for (key, inner) in table.iter_mut() {
                match inner {
                    toml::Value::String(text) if key == "fr" || key == "en" => *text = "x".into(),
                    other => shorten_texts(other),
                }
            }
        }
        toml::Value::Array(items) => items.iter_mut().for_each(shorten_texts),
        _ => {}
    }
}
