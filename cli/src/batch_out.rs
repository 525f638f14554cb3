//! Batch results as a spreadsheet (`-o results.xlsx`) or a Parquet file
//! (`-o results.parquet`): the same columns as the CSV results, which the
//! pipeline writes first; they are then read back a record at a time and
//! written with their types. Scores, coverages and finding counts are
//! numbers (an absent score an empty cell, a null); ids, names and finding
//! ids are text, never formulas (the CSV's formula guard, a leading `'`, is
//! removed: a text cell cannot run). In the workbook the header row is frozen.

use crate::failure::Fail;
use crate::files::{display, AtomicFile};
use arrow_array::builder::{Float64Builder, StringBuilder};
use arrow_array::{ArrayRef, RecordBatch};
use arrow_schema::{DataType, Field, Schema};
use domino_engine::csv_writer::is_formula;
use std::io::{Seek, SeekFrom};
use std::path::Path;
use std::sync::Arc;

/// A typed output format, told by the output's extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TableOutput {
    /// An Excel workbook.
    Xlsx,
    /// A Parquet file.
    Parquet,
}

/// Rows per Parquet record batch (and row group granularity).
const BATCH_ROWS: usize = 8192;

impl TableOutput {
    /// The typed format of an output path, if its extension names one.
    pub fn of(path: &Path) -> Option<TableOutput> {
        match path.extension()?.to_str()?.to_ascii_lowercase().as_str() {
            "xlsx" => Some(TableOutput::Xlsx),
            "parquet" => Some(TableOutput::Parquet),
            _ => None,
        }
    }
}

/// Whether column `i` of the results' `header` holds numbers: every column
/// from `overall` up to the finding ids.
fn numeric(header: &csv::StringRecord, i: usize) -> bool {
    let first = header
        .iter()
        .position(|h| h == "overall")
        .unwrap_or(usize::MAX);
    i >= first && i + 1 < header.len()
}

/// A text cell as people typed it: the CSV formula guard removed.
fn text(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if is_formula(rest) => rest,
        _ => cell,
    }
}

/// Rewrites the CSV results in `csv` as `format` into a new atomic file for
/// `target` (committed by the caller).
pub fn convert(
    csv: &mut AtomicFile,
    target: &Path,
    format: TableOutput,
) -> Result<AtomicFile, Fail> {
    let name = display(target);
    let failed = |e: &dyn std::fmt::Display| Fail::io(format!("cannot write `{name}`: {e}"));
    let file = csv.file();
    file.seek(SeekFrom::Start(0)).map_err(|e| failed(&e))?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(true)
        .from_reader(std::io::BufReader::new(&*file));
    let header = reader.headers().map_err(|e| failed(&e))?.clone();
    let mut out = AtomicFile::create(target)?;
    match format {
        TableOutput::Xlsx => write_xlsx(&mut reader, &header, &mut out).map_err(|e| failed(&e))?,
        TableOutput::Parquet => write_parquet(&mut reader, &header, &mut out)?,
    }
    Ok(out)
}

type Rows<'a> = csv::Reader<std::io::BufReader<&'a std::fs::File>>;

fn write_xlsx(
    reader: &mut Rows<'_>,
    header: &csv::StringRecord,
    out: &mut AtomicFile,
) -> Result<(), Box<dyn std::error::Error>> {
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("results")?;
    for (c, h) in header.iter().enumerate() {
        sheet.write_string(0, c as u16, h)?;
    }
    sheet.set_freeze_panes(1, 0)?;
    let mut record = csv::StringRecord::new();
    let mut row = 0u32;
    while reader.read_record(&mut record)? {
        row += 1;
        for (c, cell) in record.iter().enumerate() {
            let col = c as u16;
            if cell.is_empty() {
                continue;
            }
            match cell.parse::<f64>() {
                Ok(x) if numeric(header, c) => sheet.write_number(row, col, x)?,
                _ => sheet.write_string(row, col, text(cell))?,
            };
        }
    }
    book.save_to_writer(out.file())?;
    Ok(())
}

fn write_parquet(
    reader: &mut Rows<'_>,
    header: &csv::StringRecord,
    out: &mut AtomicFile,
) -> Result<(), Fail> {
    let failed =
        |e: &dyn std::fmt::Display| Fail::io(format!("cannot write the Parquet results: {e}"));
    let fields: Vec<Field> = (header.iter().enumerate())
        .map(|(i, h)| {
            let kind = if numeric(header, i) {
                DataType::Float64
            } else {
                DataType::Utf8
            };
            Field::new(h, kind, true)
        })
        .collect();
    let schema = Arc::new(Schema::new(fields));
    let props = parquet::file::properties::WriterProperties::builder()
        .set_compression(parquet::basic::Compression::SNAPPY)
        .build();
    let mut writer =
        parquet::arrow::ArrowWriter::try_new(out.file(), Arc::clone(&schema), Some(props))
            .map_err(|e| failed(&e))?;
    let mut record = csv::StringRecord::new();
    let mut batch = Batch::new(header);
    loop {
        let more = reader.read_record(&mut record).map_err(|e| failed(&e))?;
        if more {
            batch.push(header, &record);
        }
        if batch.rows == BATCH_ROWS || (!more && batch.rows > 0) {
            let columns = batch.finish();
            let rb = RecordBatch::try_new(Arc::clone(&schema), columns).map_err(|e| failed(&e))?;
            writer.write(&rb).map_err(|e| failed(&e))?;
            batch = Batch::new(header);
        }
        if !more {
            break;
        }
    }
    writer.close().map_err(|e| failed(&e))?;
    Ok(())
}

/// Column builders of one record batch.
struct Batch {
    columns: Vec<Builder>,
    rows: usize,
}

enum Builder {
    Number(Float64Builder),
    Text(StringBuilder),
}

impl Batch {
    fn new(header: &csv::StringRecord) -> Self {
        let columns = (0..header.len())
            .map(|i| {
                if numeric(header, i) {
                    Builder::Number(Float64Builder::with_capacity(BATCH_ROWS))
                } else {
                    Builder::Text(StringBuilder::new())
                }
            })
            .collect();
        Batch { columns, rows: 0 }
    }

    fn push(&mut self, _header: &csv::StringRecord, record: &csv::StringRecord) {
        for (i, column) in self.columns.iter_mut().enumerate() {
            let cell = record.get(i).unwrap_or("");
            match column {
                Builder::Number(b) => b.append_option(cell.parse::<f64>().ok()),
                Builder::Text(b) => b.append_value(text(cell)),
            }
        }
        self.rows += 1;
    }

    fn finish(&mut self) -> Vec<ArrayRef> {
        (self.columns.iter_mut())
            .map(|c| match c {
                Builder::Number(b) => Arc::new(b.finish()) as ArrayRef,
                Builder::Text(b) => Arc::new(b.finish()) as ArrayRef,
            })
            .collect()
    }
}
