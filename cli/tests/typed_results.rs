//! `domino batch -o results.xlsx` and `-o results.parquet` write the cells
//! of the CSV results with their types: read back, every cell is the CSV
//! cell (a number where the CSV column holds numbers, an absent score empty
//! or null, a text without the CSV's formula guard), row for row, over the
//! sample rows and a random census large enough to span several blocks of
//! the pipeline and several Parquet record batches.

mod support;

use arrow_array::cast::AsArray;
use arrow_array::types::Float64Type;
use arrow_array::{Array, RecordBatchReader};
use calamine::{Data, Reader, Xlsx};
use std::path::{Path, PathBuf};

/// A cell read back: a number, a text, or nothing.
#[derive(Debug, Clone, PartialEq)]
enum Cell {
    Number(f64),
    Text(String),
    Empty,
}

/// Rows of the CSV sample, each answer redrawn (seeded) among the values
/// its column takes in the samples, or (not for targets) `na`, `?` or empty; hostile ids and
/// names (formulas, commas, quotes, numbers) among them.
fn census(rows: usize) -> String {
    let samples =
        std::fs::read_to_string(support::root().join("grids/examples/batch/initiatives.csv"))
            .unwrap();
    let mut reader = csv::Reader::from_reader(samples.as_bytes());
    let header = reader.headers().unwrap().clone();
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let mut seed = 0x2015_0415_u64;
    let mut next = |n: usize| {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        (seed % n as u64) as usize
    };
    let odd = [
        "=1+1",
        "-12",
        "+33 6",
        "@home",
        "Café « du coin », Rennes",
        "dit \"le local\"",
        "42",
        "",
    ];
    let mut out = csv::Writer::from_writer(Vec::new());
    out.write_record(&header).unwrap();
    for r in 0..rows {
        let mut row: Vec<String> = Vec::with_capacity(header.len());
        for c in 0..header.len() {
            let pick = records[next(records.len())].get(c).unwrap_or("").to_owned();
            row.push(match c {
                0 if r % 7 == 0 => odd[next(odd.len())].to_owned(),
                0 => format!("row-{r}"),
                1 if r % 5 == 0 => odd[next(odd.len())].to_owned(),
                _ if c >= 7 && !header[c].ends_with(".target") && next(10) == 0 => {
                    ["na", "?", ""][next(3)].to_owned()
                }
                _ => pick,
            });
        }
        out.write_record(&row).unwrap();
    }
    String::from_utf8(out.into_inner().unwrap()).unwrap()
}

/// Runs `domino batch input -o out` in `dir`, in blocks of 64 KiB: many
/// chunks, which must come out in input order.
fn batch(dir: &Path, input: &str, out: &str) -> PathBuf {
    let args = [
        "batch",
        input,
        "-o",
        out,
        "--block-bytes",
        "65536",
        "--jobs",
        "2",
    ];
    let (code, _, err) = support::domino(dir, &args);
    assert_eq!(code, 0, "{err}");
    dir.join(out)
}

/// The CSV results as typed cells, as their columns say: numbers from
/// `overall` up to the finding ids, the `'` before a formula removed.
fn csv_cells(path: &Path) -> Vec<Vec<Cell>> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_path(path)
        .unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let first = rows[0].iter().position(|h| h == "overall").unwrap();
    let last = rows[0].len() - 1;
    let typed = |(c, cell): (usize, &str)| match cell {
        "" => Cell::Empty,
        _ if c >= first && c < last => Cell::Number(cell.parse().unwrap()),
        _ => Cell::Text(match cell.strip_prefix('\'') {
            Some(rest) if domino_engine::csv_writer::is_formula(rest) => rest.to_owned(),
            _ => cell.to_owned(),
        }),
    };
    let header = rows[0].iter().map(|h| Cell::Text(h.to_owned())).collect();
    std::iter::once(header)
        .chain(
            rows[1..]
                .iter()
                .map(|r| r.iter().enumerate().map(typed).collect()),
        )
        .collect()
}

/// The sheet `results` of a workbook, each row as wide as the header.
fn xlsx_cells(path: &Path) -> Vec<Vec<Cell>> {
    let mut book: Xlsx<_> = calamine::open_workbook(path).unwrap();
    let range = book.worksheet_range("results").unwrap();
    let formulas = book.worksheet_formula("results").unwrap();
    assert!(
        formulas.used_cells().all(|(_, _, f)| f.is_empty()),
        "a formula in {path:?}"
    );
    (range.rows())
        .map(|r| {
            r.iter()
                .map(|d| match d {
                    Data::Float(x) => Cell::Number(*x),
                    Data::String(s) => Cell::Text(s.clone()),
                    Data::Empty => Cell::Empty,
                    other => panic!("unexpected cell {other:?}"),
                })
                .collect()
        })
        .collect()
}

/// The rows of a Parquet file, its column names first, with the sizes of
/// its record batches.
fn parquet_cells(path: &Path) -> (Vec<Vec<Cell>>, Vec<usize>) {
    let file = std::fs::File::open(path).unwrap();
    let reader = parquet::arrow::arrow_reader::ParquetRecordBatchReaderBuilder::try_new(file)
        .unwrap()
        .with_batch_size(8192)
        .build()
        .unwrap();
    let mut rows = vec![(reader.schema().fields().iter())
        .map(|f| Cell::Text(f.name().clone()))
        .collect::<Vec<_>>()];
    let mut sizes = Vec::new();
    for batch in reader {
        let batch = batch.unwrap();
        sizes.push(batch.num_rows());
        for i in 0..batch.num_rows() {
            rows.push(
                (batch.columns().iter())
                    .map(|c| match c.data_type() {
                        _ if c.is_null(i) => Cell::Empty,
                        arrow_schema::DataType::Float64 => {
                            Cell::Number(c.as_primitive::<Float64Type>().value(i))
                        }
                        _ => match c.as_string::<i32>().value(i) {
                            "" => Cell::Empty,
                            s => Cell::Text(s.to_owned()),
                        },
                    })
                    .collect(),
            );
        }
    }
    (rows, sizes)
}

/// A workbook row ends at its last cell: pads it to the header's width.
fn padded(mut rows: Vec<Vec<Cell>>) -> Vec<Vec<Cell>> {
    let width = rows[0].len();
    for r in &mut rows {
        r.resize(width, Cell::Empty);
    }
    rows
}

fn typed_outputs_are_the_csv_cells(dir: &Path, input: &str) -> usize {
    let csv = csv_cells(&batch(dir, input, "out.csv"));
    let xlsx = xlsx_cells(&batch(dir, input, "out.xlsx"));
    assert_eq!(padded(xlsx), csv, "{input} as xlsx");
    let (parquet, sizes) = parquet_cells(&batch(dir, input, "out.parquet"));
    assert_eq!(parquet, csv, "{input} as Parquet");
    let (full, last) = sizes.split_at(sizes.len() - 1);
    assert!(
        full.iter().all(|&n| n == 8192) && last[0] <= 8192,
        "{sizes:?}"
    );
    csv.len() - 1
}

#[test]
fn the_sample_rows_read_back_from_xlsx_and_parquet_as_their_csv_cells() {
    let dir = tempfile::tempdir().unwrap();
    let input = support::root().join("grids/examples/batch/initiatives.csv");
    assert_eq!(
        typed_outputs_are_the_csv_cells(dir.path(), input.to_str().unwrap()),
        66
    );
}

#[test]
fn a_random_census_reads_back_from_xlsx_and_parquet_as_its_csv_cells() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("census.csv"), census(20_000)).unwrap();
    let n = typed_outputs_are_the_csv_cells(dir.path(), "census.csv");
    assert_eq!(n, 20_000);
}
