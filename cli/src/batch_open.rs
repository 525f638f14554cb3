//! Which batch inputs are typed tables, told by content before name: a ZIP
//! or OLE file is a workbook, `PAR1` a Parquet file (an `.xlsx` is never read
//! as CSV); a CSV file read through a `--map` mapping is a table too.

use crate::batch_input::{InputFormat, Source, TableOptions};
use crate::batch_table::{Layout, MapFile, TableChunk, TableRows};
use crate::failure::Fail;
use crate::{batch_parquet, batch_sheet, batch_xlsx_in};
use domino_engine::assessment::ragged_row;
use domino_engine::assessment::typed_cell::CellValue;
use domino_engine::sniff::{binary_format, BinaryFormat};
use domino_engine::Grid;
use std::io::Read;
use std::path::Path;
use std::sync::Arc;

const SHEET_EXTENSIONS: [&str; 4] = ["xlsx", "xlsm", "xls", "ods"];

/// The input as a typed table, or `None` when it is read as before (CSV, JSON, documents).
pub fn open_table(
    path: &Path,
    name: &str,
    forced: Option<InputFormat>,
    grid: &Grid,
    from: Option<&str>,
    table: &TableOptions,
) -> Result<Option<Source>, Fail> {
    let ext = (path.extension().and_then(|e| e.to_str()))
        .unwrap_or("")
        .to_ascii_lowercase();
    let magic = if path.as_os_str() == "-" || forced.is_some() {
        None
    } else {
        first_bytes(path, name)?
    };
    let map = table.map.as_ref();
    let (rows, schema) = match magic {
        Some(format @ (BinaryFormat::Zip | BinaryFormat::Ole)) => {
            let sheet = table.sheet.as_deref();
            let streamed = match format {
                BinaryFormat::Zip => batch_xlsx_in::open(path, name, sheet, grid, map, from)?,
                _ => None,
            };
            match streamed {
                Some(streamed) => streamed,
                None => {
                    let bytes = std::fs::read(path)
                        .map_err(|e| Fail::io(format!("cannot read `{name}`: {e}")))?;
                    batch_sheet::open(bytes, name, sheet, grid, map, from)?
                }
            }
        }
        Some(BinaryFormat::Parquet) => batch_parquet::open(path, name, grid, map, from)?,
        None if forced.is_none() && (SHEET_EXTENSIONS.contains(&ext.as_str()) || ext == "parquet") => {
            return Err(Fail::invalid(format!(
                "`{name}` is named .{ext} but is not a {} file (its first bytes say otherwise); if it is a CSV file, rename it to .csv",
                if ext == "parquet" { "Parquet" } else { "spreadsheet" }
            )))
        }
        None if table.sheet.is_some() => {
            return Err(Fail::invalid(format!(
                "`--sheet` chooses a sheet of a spreadsheet (.xlsx, .xls, .ods); `{name}` is not one"
            )))
        }
        None => match map {
            None => return Ok(None),
            Some(map) if matches!(forced, None | Some(InputFormat::Csv)) && ext != "json" && ext != "ndjson" => {
                open_mapped_csv(path, name, grid, map, from)?
            }
            Some(map) => {
                return Err(Fail::invalid(format!(
                    "`--map {}` maps the columns of a table (CSV, spreadsheet or Parquet); `{name}` is not one",
                    map.name
                )))
            }
        },
    };
    if table.sheet.is_some() && magic == Some(BinaryFormat::Parquet) {
        return Err(Fail::invalid(format!(
            "`--sheet` chooses a sheet of a spreadsheet; `{name}` is a Parquet file"
        )));
    }
    Source::table(name.to_owned(), rows, schema, from).map(Some)
}

/// The first bytes of a file (none for a directory or an unreadable path:
/// the usual reader says why).
fn first_bytes(path: &Path, name: &str) -> Result<Option<BinaryFormat>, Fail> {
    if path.is_dir() {
        return Ok(None);
    }
    let Ok(mut file) = std::fs::File::open(path) else {
        return Ok(None);
    };
    let mut start = [0u8; 8];
    let mut n = 0;
    while n < start.len() {
        match file.read(&mut start[n..]) {
            Ok(0) => break,
            Ok(k) => n += k,
            Err(e) => return Err(Fail::io(format!("cannot read `{name}`: {e}"))),
        }
    }
    Ok(binary_format(&start[..n]))
}

/// A CSV file read through a mapping.
struct MappedCsv {
    reader: csv::Reader<std::io::BufReader<std::fs::File>>,
    layout: Arc<Layout>,
    file: Arc<str>,
    width: usize,
    rows: u64,
}

fn open_mapped_csv(
    path: &Path,
    name: &str,
    grid: &Grid,
    map: &MapFile,
    from: Option<&str>,
) -> Result<(Box<dyn TableRows>, crate::batch_input::Schema), Fail> {
    let file =
        std::fs::File::open(path).map_err(|e| Fail::io(format!("cannot read `{name}`: {e}")))?;
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(std::io::BufReader::new(file));
    let mut header = csv::StringRecord::new();
    let read = reader
        .read_record(&mut header)
        .map_err(|e| Fail::invalid(format!("cannot read the header of `{name}`: {e}")))?;
    if !read {
        return Err(Fail::invalid(format!(
            "`{name}` is empty: the first line must be a header"
        )));
    }
    let names: Vec<String> = (header.iter())
        .map(|h| domino_engine::sniff::strip_bom(h).to_owned())
        .collect();
    let blank = vec![false; names.len()];
    let (layout, schema) = Layout::new(grid, (name, None, 1), &names, &blank, Some(map), from)?;
    let rows = MappedCsv {
        reader,
        layout: Arc::new(layout),
        file: Arc::from(name),
        width: names.len(),
        rows: 0,
    };
    Ok((Box::new(rows), schema))
}

impl TableRows for MappedCsv {
    fn next_rows(&mut self, max: usize) -> Result<Option<TableChunk>, Fail> {
        let mut rows = Vec::new();
        let mut record = csv::ByteRecord::new();
        while rows.len() < max {
            let more = (self.reader.read_byte_record(&mut record))
                .map_err(|e| Fail::io(format!("cannot read `{}`: {e}", self.file)))?;
            if !more {
                break;
            }
            self.rows += 1;
            let line = record.position().map_or(self.rows + 1, |p| p.line());
            let cells: Vec<CellValue> = (record.iter())
                .map(|f| match std::str::from_utf8(f) {
                    Ok(text) => CellValue::Text(text),
                    Err(_) => {
                        CellValue::Unsupported("text that is not UTF-8 (save the file as UTF-8)")
                    }
                })
                .collect();
            let mut row = self.layout.record(line, &cells);
            if cells.len() < self.width {
                row.errors.push(ragged_row(cells.len(), self.width));
            }
            rows.push(row);
        }
        Ok(TableChunk::of(&self.layout, &self.file, rows))
    }

    fn position(&self) -> u64 {
        self.rows
    }
}
