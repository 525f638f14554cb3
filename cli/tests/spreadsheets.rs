//! `domino batch` on spreadsheets, Parquet files and mapped survey exports:
//! the fixtures in `tests/spreadsheets/` were written by real writers
//! (openpyxl, odfpy, xlwt, pyarrow, msoffcrypto-tool; `make_fixtures.py`
//! regenerates them), and every refusal is a transcript snapshot.

mod support;

use calamine::{Data, Reader, Xlsx};
use std::path::{Path, PathBuf};
use support::domino;

fn fixtures() -> PathBuf {
    support::root().join("tests/spreadsheets")
}

/// Exit code, stdout and stderr of a run, as one transcript.
fn transcript(args: &[&str]) -> String {
    let (code, out, err) = domino(&fixtures(), args);
    format!(
        "$ domino {}\nexit {code}\n--- stdout\n{out}--- stderr\n{err}",
        args.join(" ")
    )
}

/// The results of `domino batch FILE` on stdout, with its exit code.
fn results(dir: &Path, file: &str) -> String {
    let (code, out, err) = domino(dir, &["batch", file]);
    assert_eq!(code, 0, "{file}: {err}");
    out
}

#[test]
fn a_workbook_of_any_format_scores_as_its_csv_does() {
    let csv = results(&fixtures(), "initiatives.csv");
    assert_eq!(csv.lines().count(), 9, "{csv}");
    for file in [
        "initiatives.xlsx",
        "initiatives.ods",
        "initiatives.xls",
        "initiatives.parquet",
    ] {
        assert_eq!(results(&fixtures(), file), csv, "{file}");
    }
}

#[test]
fn a_spreadsheet_is_told_by_its_content_not_its_name() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(
        fixtures().join("initiatives.xlsx"),
        dir.path().join("export.dat"),
    )
    .unwrap();
    std::fs::copy(
        fixtures().join("initiatives.parquet"),
        dir.path().join("export"),
    )
    .unwrap();
    std::fs::copy(
        fixtures().join("initiatives.csv"),
        dir.path().join("export.xlsx"),
    )
    .unwrap();
    let csv = results(&fixtures(), "initiatives.csv");
    assert_eq!(results(dir.path(), "export.dat"), csv);
    assert_eq!(results(dir.path(), "export"), csv);
    let (code, _, err) = domino(dir.path(), &["batch", "export.xlsx"]);
    assert_eq!(code, 1);
    assert!(
        err.contains("is named .xlsx but is not a spreadsheet file"),
        "{err}"
    );
}

#[test]
fn hostile_cells_are_refused_at_their_cell_and_the_other_rows_scored() {
    insta::assert_snapshot!(transcript(&["batch", "hostile.xlsx"]));
}

#[test]
fn unreadable_workbooks_and_sheets_say_what_to_do() {
    let runs = [
        &["batch", "empty.xlsx"][..],
        &["batch", "protected.xlsx"],
        &["batch", "truncated.xlsx"],
        &["batch", "initiatives.xlsx", "--sheet", "Initiatves"],
        &["batch", "initiatives.csv", "--sheet", "Initiatives"],
    ];
    let all: Vec<String> = runs.iter().map(|args| transcript(args)).collect();
    insta::assert_snapshot!(all.join("\n"));
}

#[test]
fn wrong_types_in_a_parquet_file_are_refused_at_their_row_group_and_row() {
    insta::assert_snapshot!(transcript(&["batch", "wrong-types.parquet"]));
}

#[test]
fn a_survey_export_is_scored_through_its_mapping() {
    insta::assert_snapshot!(transcript(&[
        "batch",
        "kobo-export.xlsx",
        "--map",
        "kobo-mapping.toml"
    ]));
}

#[test]
fn a_mapping_is_checked_against_the_grid_and_the_file() {
    let bad = transcript(&["batch", "kobo-export.xlsx", "--map", "bad-mapping.toml"]);
    let unmatched = transcript(&[
        "batch",
        "kobo-export.xlsx",
        "--map",
        "unmatched-mapping.toml",
    ]);
    insta::assert_snapshot!(format!("{bad}\n{unmatched}"));
}

/// Writes `domino batch initiatives.csv -o OUT` into a temporary directory.
fn written(out: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join(out);
    let input = fixtures().join("initiatives.csv");
    let (code, _, err) = domino(
        dir.path(),
        &[
            "batch",
            input.to_str().unwrap(),
            "-o",
            target.to_str().unwrap(),
        ],
    );
    assert_eq!(code, 0, "{err}");
    (dir, target)
}

/// The cells of CSV results, split (the fixtures' results quote nothing).
fn csv_cells(csv: &str) -> Vec<Vec<String>> {
    csv.lines()
        .map(|l| l.split(',').map(str::to_owned).collect())
        .collect()
}

#[test]
fn results_written_as_xlsx_read_back_as_the_csv_results() {
    let csv = results(&fixtures(), "initiatives.csv");
    let (_dir, xlsx) = written("results.xlsx");
    let mut book: Xlsx<_> = calamine::open_workbook(&xlsx).unwrap();
    let range = book.worksheet_range("results").unwrap();
    let read: Vec<Vec<String>> = range
        .rows()
        .map(|r| r.iter().map(cell_text).collect())
        .collect();
    assert_eq!(read, csv_cells(&csv));
}

#[test]
fn results_written_as_parquet_read_back_as_the_csv_results() {
    use arrow_array::cast::AsArray;
    use arrow_array::types::Float64Type;
    use arrow_array::Array;
    let csv = results(&fixtures(), "initiatives.csv");
    let (_dir, path) = written("results.parquet");
    let file = std::fs::File::open(&path).unwrap();
    let reader = parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder::try_new(file)
        .unwrap()
        .build()
        .unwrap();
    let mut read = Vec::new();
    for batch in reader {
        let batch = batch.unwrap();
        if read.is_empty() {
            read.push(
                batch
                    .schema()
                    .fields()
                    .iter()
                    .map(|f| f.name().clone())
                    .collect(),
            );
        }
        for i in 0..batch.num_rows() {
            let row: Vec<String> = batch
                .columns()
                .iter()
                .map(|c| match c.data_type() {
                    _ if c.is_null(i) => String::new(),
                    arrow_schema::DataType::Float64 => {
                        format!("{}", c.as_primitive::<Float64Type>().value(i))
                    }
                    _ => c.as_string::<i32>().value(i).to_owned(),
                })
                .collect();
            read.push(row);
        }
    }
    assert_eq!(read, csv_cells(&csv));
}

fn cell_text(d: &Data) -> String {
    match d {
        Data::Float(x) => format!("{x}"),
        Data::Empty => String::new(),
        other => other.to_string(),
    }
}

#[test]
fn the_written_workbook_freezes_its_header_and_keeps_numbers_as_numbers() {
    let (_dir, xlsx) = written("results.xlsx");
    let mut book: Xlsx<_> = calamine::open_workbook(&xlsx).unwrap();
    let range = book.worksheet_range("results").unwrap();
    let header: Vec<String> = range.rows().next().unwrap().iter().map(cell_text).collect();
    let overall = header.iter().position(|h| h == "overall").unwrap();
    let row = &range.rows().nth(1).unwrap();
    assert!(matches!(row[overall], Data::Float(_)), "{:?}", row[overall]);
    assert!(matches!(row[0], Data::String(_)), "{:?}", row[0]);
    // calamine does not read panes: the frozen pane is in the sheet's XML.
    let file = std::fs::File::open(&xlsx).unwrap();
    let mut archive = zip::ZipArchive::new(file).unwrap();
    let mut sheet_xml = String::new();
    std::io::Read::read_to_string(
        &mut archive.by_name("xl/worksheets/sheet1.xml").unwrap(),
        &mut sheet_xml,
    )
    .unwrap();
    assert!(
        sheet_xml.contains(
            r#"<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>"#
        ),
        "{sheet_xml}"
    );
}

#[test]
fn formulas_in_text_cells_stay_text_in_the_written_workbook() {
    let dir = tempfile::tempdir().unwrap();
    let csv = std::fs::read_to_string(fixtures().join("initiatives.csv")).unwrap();
    let hostile = csv.replacen("AMAP de Redon", "=HYPERLINK(\"http://x\")", 1);
    std::fs::write(dir.path().join("in.csv"), hostile).unwrap();
    let (code, _, err) = domino(dir.path(), &["batch", "in.csv", "-o", "out.xlsx"]);
    assert_eq!(code, 0, "{err}");
    let mut book: Xlsx<_> = calamine::open_workbook(dir.path().join("out.xlsx")).unwrap();
    let range = book.worksheet_range("results").unwrap();
    assert_eq!(
        range.get_value((1, 1)),
        Some(&Data::String("=HYPERLINK(\"http://x\")".into()))
    );
    let formulas = book.worksheet_formula("results").unwrap();
    assert!(formulas.used_cells().all(|(_, _, f)| f.is_empty()));
}

#[test]
fn an_input_converted_to_xlsx_and_parquet_scores_as_the_csv() {
    // The batch input itself written by this tool's own writers (a results
    // file is no input, so the input CSV is converted through the same
    // writers' code path: a workbook and a Parquet file of text cells).
    let csv = results(&fixtures(), "initiatives.csv");
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(fixtures().join("initiatives.csv")).unwrap();
    let mut rows = csv::Reader::from_reader(text.as_bytes());
    let header = rows.headers().unwrap().clone();
    let records: Vec<csv::StringRecord> = rows.records().map(Result::unwrap).collect();
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (c, h) in header.iter().enumerate() {
        sheet.write_string(0, c as u16, h).unwrap();
    }
    for (r, record) in records.iter().enumerate() {
        for (c, cell) in record.iter().enumerate() {
            let (r, c) = (r as u32 + 1, c as u16);
            match cell.parse::<f64>() {
                Ok(x) => sheet.write_number(r, c, x).unwrap(),
                Err(_) if cell.is_empty() => sheet,
                Err(_) => sheet.write_string(r, c, cell).unwrap(),
            };
        }
    }
    book.save(dir.path().join("in.xlsx")).unwrap();
    write_text_parquet(&dir.path().join("in.parquet"), &header, &records);
    assert_eq!(results(dir.path(), "in.xlsx"), csv);
    assert_eq!(results(dir.path(), "in.parquet"), csv);
}

/// A Parquet file of text columns (empty cells null), in row groups of 3 rows.
fn write_text_parquet(path: &Path, header: &csv::StringRecord, records: &[csv::StringRecord]) {
    use std::sync::Arc;
    let fields: Vec<arrow_schema::Field> = header
        .iter()
        .map(|h| arrow_schema::Field::new(h, arrow_schema::DataType::Utf8, true))
        .collect();
    let schema = Arc::new(arrow_schema::Schema::new(fields));
    let columns: Vec<arrow_array::ArrayRef> = (0..header.len())
        .map(|c| {
            let cells = records
                .iter()
                .map(|r| Some(&r[c]).filter(|s| !s.is_empty()));
            Arc::new(arrow_array::StringArray::from_iter(cells)) as arrow_array::ArrayRef
        })
        .collect();
    let batch = arrow_array::RecordBatch::try_new(Arc::clone(&schema), columns).unwrap();
    let props = parquet::file::properties::WriterProperties::builder()
        .set_max_row_group_row_count(Some(3))
        .build();
    let file = std::fs::File::create(path).unwrap();
    let mut writer = parquet::arrow::ArrowWriter::try_new(file, schema, Some(props)).unwrap();
    writer.write(&batch).unwrap();
    writer.close().unwrap();
}

#[test]
fn bad_rows_between_good_ones_leave_nothing_behind_in_a_parquet_file() {
    // Rows are read one after the other into the same answers: a row that
    // is refused halfway, or one with fewer answers, must not lend anything
    // to the row after it. Forty rows cycle through the sample initiatives,
    // with cells blanked, bad codes and unknown profile values among them;
    // the same rows as a Parquet file of text cells give the same results
    // and refuse the same rows as the CSV.
    let text = std::fs::read_to_string(fixtures().join("initiatives.csv")).unwrap();
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header = reader.headers().unwrap().clone();
    let samples: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let column = |name: &str| header.iter().position(|h| h == name).unwrap();
    let (level, target, profile) = (
        column("collectif.accueil"),
        column("acteur_public.autonomie.target"),
        column("territory"),
    );
    let records: Vec<csv::StringRecord> = (0..40)
        .map(|k| {
            let mut cells: Vec<String> = samples[k % samples.len()]
                .iter()
                .map(str::to_owned)
                .collect();
            cells[0] = format!("row-{k}");
            // Every seventh cell of some rows left empty.
            if k % 4 == 0 {
                for c in (7 + k % 7..cells.len()).step_by(7) {
                    cells[c].clear();
                }
            }
            match k % 6 {
                1 => cells[level] = "9".into(),
                3 => cells[profile] = "lune".into(),
                5 => cells[target] = "na".into(),
                _ => {}
            }
            csv::StringRecord::from(cells)
        })
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let mut out = csv::Writer::from_path(dir.path().join("in.csv")).unwrap();
    out.write_record(&header).unwrap();
    for r in &records {
        out.write_record(r).unwrap();
    }
    out.flush().unwrap();
    write_text_parquet(&dir.path().join("in.parquet"), &header, &records);
    let run = |input: &str, output: &str| {
        let (code, _, err) = domino(dir.path(), &["batch", input, "-o", output]);
        let summary = err.lines().last().unwrap_or_default().to_owned();
        let results = std::fs::read_to_string(dir.path().join(output)).unwrap();
        (code, summary, results)
    };
    let (csv_code, csv_summary, csv_results) = run("in.csv", "from-csv.csv");
    assert_eq!(csv_summary, "warning: 20 row(s) scored, 20 failed");
    assert_eq!(csv_code, 2, "some rows are refused");
    assert_eq!(
        run("in.parquet", "from-parquet.csv"),
        (csv_code, csv_summary, csv_results)
    );
}

#[test]
fn a_workbook_read_as_a_stream_keeps_the_rules_of_a_sheet_read_whole() {
    // An `.xlsx` is read cell by cell in two passes, never whole: a header
    // below an empty row, a blank separator column, an empty row, a formula
    // with its saved value, a merged range over an empty row and a value
    // right of the header still read as they do in a sheet read whole.
    use rust_xlsxwriter::{Format, Formula, Workbook};
    let dir = tempfile::tempdir().unwrap();
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    let header = [
        "id",
        "name",
        "",
        "collectif.accueil",
        "collectif.contribution",
    ];
    for (c, h) in header.iter().enumerate() {
        sheet.write_string(1, c as u16, *h).unwrap();
    }
    let row = |sheet: &mut rust_xlsxwriter::Worksheet, r: u32, cells: [&str; 5]| {
        for (c, cell) in cells.iter().enumerate().filter(|(_, c)| !c.is_empty()) {
            sheet.write_string(r, c as u16, *cell).unwrap();
        }
    };
    row(sheet, 2, ["jardin", "Jardin partagé", "", "3", "2"]);
    row(sheet, 4, ["repair", "Repair café", "", "", "3"]);
    let sum = Formula::new("=1+1").set_result("2");
    sheet.write_formula(4, 3, sum).unwrap();
    row(sheet, 5, ["amap", "AMAP", "", "", "1"]);
    sheet.merge_range(5, 3, 6, 3, "2", &Format::new()).unwrap();
    row(sheet, 7, ["sel", "SEL", "", "1", "1"]);
    sheet.write_string(7, 5, "en trop").unwrap();
    row(sheet, 8, ["coworking", "Coworking", "", "4", "4"]);
    book.save(dir.path().join("census.xlsx")).unwrap();
    let (code, out, err) = domino(dir.path(), &["batch", "census.xlsx"]);
    insta::assert_snapshot!(format!(
        "$ domino batch census.xlsx\nexit {code}\n--- stdout\n{out}--- stderr\n{err}"
    ));
}
