//! `domino batch` cuts a CSV input into blocks of whole records, each read by
//! a worker. Whatever the size of the blocks and the number of workers, its
//! results and its messages are those of reading the rows one by one through
//! the engine's public API (`RowSchema::read`, `Grid::evaluate`, the summary
//! record), numbered by row and by line of the input.

use domino_cli::batch::{run_pipeline, Outcome, PipelineOptions, RowFormat};
use domino_cli::batch_input::{read_stream, InputFormat};
use domino_cli::batch_versions::CsvVersions;
use domino_cli::style;
use domino_engine::csv_writer::push_record;
use domino_engine::diagnostic::{Location, Row, TableRow};
use domino_engine::report::summary_record;
use domino_engine::{Diagnostic, Grid, DOMINO_GRID};
use proptest::prelude::*;
use std::sync::OnceLock;

fn grid() -> &'static Grid {
    static GRID: OnceLock<Grid> = OnceLock::new();
    GRID.get_or_init(|| Grid::from_toml(DOMINO_GRID).expect("DOMINO loads").grid)
}

const HEADER: &str = "id,name,status,territory,collectif.accueil,collectif.contribution,\
collectif.diversite,solidarite.reciprocite,collectif.accueil.target,solidarite.reciprocite.target";

/// What `domino batch` writes for `input` (results, messages, counts), read
/// in blocks of `block` bytes by `jobs` workers.
fn batch(input: &[u8], block: usize, jobs: usize) -> (Vec<u8>, String, u64, u64) {
    let reader = Box::new(std::io::Cursor::new(input.to_vec()));
    let mut source = read_stream(reader, "input".into(), None, InputFormat::Csv, grid())
        .unwrap_or_else(|f| panic!("the header reads: {:?}", f.message));
    source.set_block_bytes(block);
    let options = PipelineOptions {
        format: Some(RowFormat::Csv),
        by: Some(vec![1, 2]),
        collect: 0,
        strict: false,
        jobs,
        lang: "en".into(),
        row_writer: None,
    };
    let (mut out, mut errors) = (Vec::new(), Vec::new());
    let outcome: Outcome = run_pipeline(source, grid().clone(), options, &mut out, &mut errors)
        .unwrap_or_else(|f| panic!("the run ends: {:?}", f.message));
    assert_eq!(outcome.stats.total().rows, outcome.rows, "statistics");
    let errors = String::from_utf8(errors).expect("messages are UTF-8");
    (out, errors, outcome.rows, outcome.failed)
}

/// The same, row by row: the `csv` crate reads the records, the engine
/// reads and scores each; a record's line is that of its first byte that
/// does not end a line (blank lines before a record are skipped).
fn reference(input: &[u8]) -> (Vec<u8>, String, u64, u64) {
    let data = domino_engine::sniff::strip_bom_bytes(input);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(data);
    let mut records = reader.byte_records();
    let header = records.next().expect("a header").expect("readable");
    let header: Vec<&str> = header
        .iter()
        .map(|f| std::str::from_utf8(f).unwrap())
        .collect();
    let names: Vec<String> = header.iter().map(|h| h.trim().to_owned()).collect();
    let versions = CsvVersions::read(grid(), &header, None).expect("the header reads");
    let (mut out, mut errors, mut rows, mut failed) = (Vec::new(), String::new(), 0, 0);
    for (i, record) in records.enumerate() {
        let record = record.expect("readable");
        let start = record.position().expect("a position").byte() as usize;
        let first = start
            + data[start..]
                .iter()
                .take_while(|b| b"\r\n".contains(b))
                .count();
        let line = 1 + data[..first].iter().filter(|&&b| b == b'\n').count() as u64;
        let read = fields(&record, &names).and_then(|fields| {
            let (_, schema) = versions.pick(&fields[..], false).map_err(|d| vec![*d])?;
            schema.read(grid(), &fields)
        });
        match read {
            Ok(responses) => {
                rows += 1;
                let e = grid().evaluate(responses);
                push_record(&mut out, summary_record(grid(), &e));
            }
            Err(diagnostics) => {
                failed += 1;
                let at = Location::Cell {
                    file: "input",
                    row: TableRow::csv(Row::Data(i as u64 + 1), line),
                };
                errors.extend(diagnostics.iter().map(|d| style::diagnostic(d, &at)));
            }
        }
    }
    (out, errors, rows, failed)
}

/// A record's fields as text, or the error for its first that is not UTF-8.
fn fields<'r>(
    record: &'r csv::ByteRecord,
    names: &[String],
) -> Result<Vec<&'r str>, Vec<Diagnostic>> {
    record
        .iter()
        .enumerate()
        .map(|(c, f)| {
            std::str::from_utf8(f).map_err(|_| {
                vec![
                    Diagnostic::error("invalid-utf8", "this cell is not valid UTF-8")
                        .with_hint("save the file as UTF-8")
                        .with_path(names.get(c).cloned().unwrap_or_default())
                        .at_line_column(0, c + 1),
                ]
            })
        })
        .collect()
}

/// A cell as written in the file: codes good and bad, blanks, profile
/// values, quoted text holding commas, quotes and line ends, bad UTF-8.
fn cell() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        4 => prop::sample::select(vec!["0", "1", "2", "3", "4", "na", "?", ""]).prop_map(|s| s.as_bytes().to_vec()),
        1 => prop::sample::select(vec![" 2 ", "5", "x", "\u{a0}3", "\u{b}", "urbain", "rural", "association", "public", "Rural", "été"]).prop_map(|s| s.as_bytes().to_vec()),
        1 => "[a-z,\"\r\n ;=]{0,6}".prop_map(|s| {
            let mut q = b"\"".to_vec();
            q.extend(s.replace('"', "\"\"").bytes());
            q.push(b'"');
            q
        }),
        1 => Just(b"\xff\xfe".to_vec()),
        1 => Just(b"a\"b".to_vec()),
    ]
}

/// A row of about the header's width (sometimes ragged), and its line end.
fn row() -> impl Strategy<Value = Vec<u8>> {
    let width = prop_oneof![8 => Just(10usize), 1 => 8usize..13];
    let end = prop::sample::select(vec!["\n", "\r\n", "\n\n", "\r"]);
    (width, end)
        .prop_flat_map(|(n, end)| (prop::collection::vec(cell(), n), Just(end)))
        .prop_map(|(cells, end)| {
            let mut row = cells.join(&b","[..]);
            row.extend_from_slice(end.as_bytes());
            row
        })
}

/// A whole input: maybe a byte order mark, the header, rows; the last row's
/// line end sometimes missing.
fn input() -> impl Strategy<Value = Vec<u8>> {
    (
        any::<bool>(),
        prop::sample::select(vec!["\n", "\r\n"]),
        prop::collection::vec(row(), 0..12),
        any::<bool>(),
    )
        .prop_map(|(bom, end, rows, cut_last)| {
            let mut input = Vec::new();
            if bom {
                input.extend_from_slice("\u{feff}".as_bytes());
            }
            input.extend_from_slice(HEADER.as_bytes());
            input.extend_from_slice(end.as_bytes());
            for row in rows {
                input.extend(row);
            }
            if cut_last {
                while input.last().is_some_and(|b| b"\r\n".contains(b)) {
                    input.pop();
                }
            }
            input
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]
    #[test]
    fn blocks_of_any_size_read_by_any_number_of_workers_give_the_rows_read_one_by_one(
        input in input(),
        block in 1usize..200,
    ) {
        let expected = reference(&input);
        for jobs in [1, 4] {
            let got = batch(&input, block, jobs);
            prop_assert_eq!(&got.0, &expected.0, "results, jobs {}: {:?}", jobs, String::from_utf8_lossy(&input));
            prop_assert_eq!(&got.1, &expected.1, "messages, jobs {}", jobs);
            prop_assert_eq!((got.2, got.3), (expected.2, expected.3), "counts, jobs {}", jobs);
        }
    }
}

#[test]
fn a_quoted_line_end_at_a_block_end_keeps_rows_and_lines_exact() {
    let input = format!(
        "{HEADER}\na,\"two\nlines, and \"\"quotes\"\"\",rural,urbain,1,2,3,4,2,3\n\r\nb,B,public,rural,9,1,1,1,1,1\n"
    );
    let expected = reference(input.as_bytes());
    assert!(
        expected.1.contains("row 2, column 5") && expected.1.contains("input:5"),
        "the bad row is row 2, on line 5: {}",
        expected.1
    );
    for block in 1..=input.len() {
        for jobs in [1, 2] {
            let got = batch(input.as_bytes(), block, jobs);
            assert_eq!(got.1, expected.1, "block {block}, jobs {jobs}");
            assert_eq!(got.0, expected.0, "block {block}, jobs {jobs}");
        }
    }
}
