//! Batch inputs: CSV, JSON array, NDJSON, a directory or a list of assessment
//! files, read as a stream of chunks of rows (constant memory).

use crate::batch_chunks::{self, CsvBlock, RecordBlocks};
use crate::batch_table::{MapFile, TableChunk, TableRows};
use crate::batch_versions::CsvVersions;
use crate::failure::Fail;
use crate::files::display;
use clap::ValueEnum;
use domino_engine::diagnostic::{Location, Row, TableRow};
use domino_engine::sniff::{self, BatchFormat};
use domino_engine::Grid;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

/// Input formats, when the file name does not tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum InputFormat {
    /// CSV with a header row.
    Csv,
    /// A JSON array of assessment objects.
    Json,
    /// One JSON assessment object per line.
    Ndjson,
}

/// Rows per chunk of a spreadsheet, a Parquet file or a mapped input.
pub const CSV_CHUNK_ROWS: usize = 4096;
/// Documents per chunk handed to a worker.
pub const DOC_CHUNK: usize = 64;

/// One assessment document (a JSON item, an NDJSON line or a file).
pub struct Doc {
    /// Where it comes from, for messages (`item 3`, `line 12`, a path).
    pub label: String,
    /// Its first line in the file (1 for a file of its own).
    pub line: u64,
    /// The text, or why it could not be read.
    pub text: Result<String, String>,
    /// JSON (else TOML).
    pub json: bool,
    /// An id for results when the document has none (the file stem for files).
    pub default_id: Option<String>,
}

/// A chunk of input.
pub enum Payload {
    /// CSV records, tokenized by the worker.
    Csv(CsvBlock),
    /// Documents.
    Docs(Vec<Doc>),
    /// Rows of a spreadsheet, a Parquet file or a mapped input.
    Table(TableChunk),
}

/// An opened batch input.
pub struct Source {
    /// Name shown in messages.
    pub name: String,
    /// Total size for the progress bar (bytes, or files).
    pub total: Option<u64>,
    /// What the progress counts.
    pub unit: &'static str,
    /// The version documents are written for when they do not say (`--from-version`).
    pub from_version: Option<String>,
    kind: Kind,
}

enum Kind {
    Csv {
        blocks: RecordBlocks,
        versions: CsvVersions,
        names: Vec<String>,
    },
    Json(JsonItems),
    Ndjson {
        reader: Box<dyn BufRead + Send>,
        line: u64,
        bytes: u64,
    },
    Files(std::vec::IntoIter<PathBuf>, usize),
    Table {
        rows: Box<dyn TableRows>,
        versions: CsvVersions,
        names: Vec<String>,
    },
}

/// How spreadsheets and mapped inputs are read (`--sheet`, `--map`).
#[derive(Default)]
pub struct TableOptions {
    /// The sheet to read (default: the first).
    pub sheet: Option<String>,
    /// The mapping of the input's columns and answers onto the grid.
    pub map: Option<MapFile>,
}

/// The batch schema, for readers of CSV chunks.
pub enum Schema {
    /// CSV rows need the header's schema for each version they may be
    /// written for (and its column names, for messages).
    Csv(CsvVersions, Vec<String>),
    /// Documents carry their own structure; the version of those that do not say.
    Docs(Option<String>),
}

fn open_stream(path: &Path) -> Result<(Box<dyn BufRead + Send>, Option<u64>), Fail> {
    if path.as_os_str() == "-" {
        return Ok((
            Box::new(BufReader::with_capacity(1 << 16, io::stdin())),
            None,
        ));
    }
    let file =
        File::open(path).map_err(|e| Fail::io(format!("cannot read `{}`: {e}", display(path))))?;
    let len = file.metadata().ok().map(|m| m.len());
    Ok((Box::new(BufReader::with_capacity(1 << 16, file)), len))
}

/// Files of a directory that look like assessments (`*.toml`, `*.json`), sorted.
fn assessment_files(dir: &Path) -> Result<Vec<PathBuf>, Fail> {
    let entries = std::fs::read_dir(dir)
        .map_err(|e| Fail::io(format!("cannot read directory `{}`: {e}", display(dir))))?;
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            p.is_file()
                && matches!(
                    p.extension().and_then(|e| e.to_str()),
                    Some("toml" | "json")
                )
        })
        .collect();
    files.sort();
    Ok(files)
}

/// Opens the inputs: one CSV / JSON / NDJSON file (or `-`), one directory, or assessment files.
pub fn open(inputs: &[PathBuf], forced: Option<InputFormat>, grid: &Grid) -> Result<Source, Fail> {
    open_for_version(inputs, forced, grid, None)
}

/// Opens the inputs as [`open`] does, written for grid version `from` unless
/// a row or a document says otherwise (see [`crate::batch_versions`]).
pub fn open_for_version(
    inputs: &[PathBuf],
    forced: Option<InputFormat>,
    grid: &Grid,
    from: Option<&str>,
) -> Result<Source, Fail> {
    open_with(inputs, forced, grid, from, &TableOptions::default())
}

/// Opens the inputs as [`open_for_version`] does; a spreadsheet or Parquet
/// file (told by its content, see [`sniff::binary_format`]), or any table read
/// through a mapping, is read as typed rows ([`crate::batch_table`]).
pub fn open_with(
    inputs: &[PathBuf],
    forced: Option<InputFormat>,
    grid: &Grid,
    from: Option<&str>,
    table: &TableOptions,
) -> Result<Source, Fail> {
    if let Some(v) = from.filter(|v| *v != grid.version && grid.crosswalk_from(v).is_none()) {
        return Err(Fail::invalid(format!(
            "`--from-version {v}`: grid `{}` {} has no crosswalk from version {v} (versions it reads: {})",
            grid.id,
            grid.version,
            grid.readable_versions().join(", ")
        )));
    }
    let files_source = |files: Vec<PathBuf>, name: String| {
        let n = files.len();
        Source {
            name,
            total: Some(n as u64),
            unit: "files",
            from_version: from.map(str::to_owned),
            kind: Kind::Files(files.into_iter(), 0),
        }
    };
    if inputs.len() > 1 {
        return Ok(files_source(inputs.to_vec(), "files".into()));
    }
    let path = &inputs[0];
    let name = display(path);
    if path.is_dir() {
        let files = assessment_files(path)?;
        return Ok(files_source(files, name));
    }
    let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
    if let Some(source) = crate::batch_open::open_table(path, &name, forced, grid, from, table)? {
        return Ok(source);
    }
    if forced.is_none() && ext == "toml" {
        return Ok(files_source(vec![path.clone()], name));
    }
    let (mut reader, total) = open_stream(path)?;
    let format = match forced {
        Some(f) => f,
        None => match ext {
            "csv" => InputFormat::Csv,
            "json" => InputFormat::Json,
            "ndjson" | "jsonl" => InputFormat::Ndjson,
            _ => sniff(&mut reader, &name)?,
        },
    };
    read_stream_for_version(reader, name, total, format, grid, from)
}

/// Opens one stream of `format` (a file's or stdin's bytes) as a batch input;
/// `name` is shown in messages, `total` is its size in bytes when known.
///
/// A CSV header is read and checked at once: a bad header fails here, with
/// every header problem in the failure's details.
pub fn read_stream(
    reader: Box<dyn BufRead + Send>,
    name: String,
    total: Option<u64>,
    format: InputFormat,
    grid: &Grid,
) -> Result<Source, Fail> {
    read_stream_for_version(reader, name, total, format, grid, None)
}

/// [`read_stream`] for an input written for grid version `from` (see [`open_for_version`]).
pub fn read_stream_for_version(
    reader: Box<dyn BufRead + Send>,
    name: String,
    total: Option<u64>,
    format: InputFormat,
    grid: &Grid,
    from: Option<&str>,
) -> Result<Source, Fail> {
    let mut reader = reader;
    skip_bom(&mut reader, &name)?;
    let kind = match format {
        InputFormat::Csv => open_csv(reader, grid, &name, from)?,
        InputFormat::Json => Kind::Json(JsonItems::new(reader, &name)?),
        InputFormat::Ndjson => Kind::Ndjson {
            reader,
            line: 0,
            bytes: 0,
        },
    };
    Ok(Source {
        name,
        total,
        unit: "bytes",
        from_version: from.map(str::to_owned),
        kind,
    })
}

/// Guesses the format from the first bytes ([`sniff::batch_format`]: `[` JSON,
/// `{` NDJSON, else CSV); UTF-16 is refused here.
fn sniff(reader: &mut Box<dyn BufRead + Send>, name: &str) -> Result<InputFormat, Fail> {
    loop {
        let buf = reader
            .fill_buf()
            .map_err(|e| Fail::io(format!("cannot read `{name}`: {e}")))?;
        if buf.is_empty() {
            return Ok(InputFormat::Csv);
        }
        match sniff::batch_format(buf).map_err(|e| Fail::invalid(format!("`{name}` is {e}")))? {
            Some(BatchFormat::Json) => return Ok(InputFormat::Json),
            Some(BatchFormat::Ndjson) => return Ok(InputFormat::Ndjson),
            Some(BatchFormat::Csv) => return Ok(InputFormat::Csv),
            // Only a byte order mark and blanks in this buffer: consuming them is
            // harmless for every format, and more data may follow.
            None => {
                let len = buf.len();
                reader.consume(len);
            }
        }
    }
}

/// Refuses UTF-16 and drops a leading UTF-8 byte order mark, so that no format
/// reader below meets one.
fn skip_bom(reader: &mut Box<dyn BufRead + Send>, name: &str) -> Result<(), Fail> {
    let buf = reader
        .fill_buf()
        .map_err(|e| Fail::io(format!("cannot read `{name}`: {e}")))?;
    sniff::refuse_utf16(buf).map_err(|e| Fail::invalid(format!("`{name}` is {e}")))?;
    let bom = buf.len() - sniff::strip_bom_bytes(buf).len();
    reader.consume(bom);
    Ok(())
}

fn open_csv(
    reader: Box<dyn BufRead + Send>,
    grid: &Grid,
    name: &str,
    from: Option<&str>,
) -> Result<Kind, Fail> {
    let Some((header, blocks)) = batch_chunks::read_header(reader)
        .map_err(|e| Fail::io(format!("cannot read `{name}`: {e}")))?
    else {
        return Err(Fail::invalid(format!(
            "`{name}` is empty: the first line must be a header (`domino template --format csv` prints one)"
        )));
    };
    let mut fields = Vec::with_capacity(header.ends.len());
    for (i, f) in header.fields().enumerate() {
        match std::str::from_utf8(f) {
            Ok(s) => fields.push(s),
            Err(_) => {
                return Err(Fail::invalid(format!(
                "`{name}` line 1, column {}: the header is not valid UTF-8; save the file as UTF-8",
                i + 1
            )))
            }
        }
    }
    match CsvVersions::read(grid, &fields, from) {
        Ok(versions) => Ok(Kind::Csv {
            blocks,
            versions,
            names: fields.iter().map(|f| f.trim().to_owned()).collect(),
        }),
        Err(errors) => {
            let header = Location::Cell {
                file: name,
                row: TableRow::csv(Row::Header, 1),
            };
            let mut text = String::new();
            for d in &errors {
                text.push_str(&crate::style::diagnostic(d, &header));
                text.push('\n');
            }
            Err(Fail::invalid(format!(
                "`{name}`: the header has {} error(s); nothing was scored",
                errors.len()
            ))
            .with_details(text))
        }
    }
}

impl Source {
    /// Splits off the CSV schema (the workers need it).
    pub fn schema(&self) -> Schema {
        match &self.kind {
            Kind::Csv {
                versions, names, ..
            } => Schema::Csv(versions.clone(), names.clone()),
            Kind::Table {
                versions, names, ..
            } => Schema::Csv(versions.clone(), names.clone()),
            _ => Schema::Docs(self.from_version.clone()),
        }
    }

    /// Sets the size of the blocks a CSV input is cut into (tests make them
    /// tiny, so that block ends fall everywhere); other inputs ignore it.
    pub fn set_block_bytes(&mut self, bytes: usize) {
        if let Kind::Csv { blocks, .. } = &mut self.kind {
            blocks.set_block_bytes(bytes);
        }
    }

    /// A source of typed rows (see [`crate::batch_table`]).
    pub(crate) fn table(
        name: String,
        rows: Box<dyn TableRows>,
        schema: Schema,
        from: Option<&str>,
    ) -> Result<Source, Fail> {
        let Schema::Csv(versions, names) = schema else {
            return Err(Fail::invalid(format!("`{name}` has no header")));
        };
        Ok(Source {
            name,
            total: None,
            unit: "rows",
            from_version: from.map(str::to_owned),
            kind: Kind::Table {
                rows,
                versions,
                names,
            },
        })
    }

    /// Reads the next chunk; `None` at the end. Also returns the progress position.
    pub fn next_chunk(&mut self) -> Result<Option<(Payload, u64)>, Fail> {
        let name = &self.name;
        match &mut self.kind {
            Kind::Csv { blocks, .. } => Ok(blocks
                .next_block()
                .map_err(|e| Fail::io(format!("cannot read `{name}`: {e}")))?
                .map(|block| (Payload::Csv(block), blocks.position))),
            Kind::Json(items) => {
                let mut docs = Vec::new();
                while docs.len() < DOC_CHUNK {
                    match items.next_item()? {
                        Some(doc) => docs.push(doc),
                        None => break,
                    }
                }
                Ok(docs_chunk(docs, items.bytes))
            }
            Kind::Ndjson {
                reader,
                line,
                bytes,
            } => ndjson_chunk(reader, name, line, bytes),
            Kind::Files(files, done) => Ok(files_chunk(files, done)),
            Kind::Table { rows, .. } => Ok(rows
                .next_rows(CSV_CHUNK_ROWS)?
                .map(|chunk| (Payload::Table(chunk), rows.position()))),
        }
    }
}

/// The chunk of `docs`, unless there are none (the end of the input).
fn docs_chunk(docs: Vec<Doc>, pos: u64) -> Option<(Payload, u64)> {
    (!docs.is_empty()).then_some((Payload::Docs(docs), pos))
}

/// The next lines of an NDJSON file, one document each (blank lines skipped).
fn ndjson_chunk(
    reader: &mut Box<dyn BufRead + Send>,
    name: &str,
    line: &mut u64,
    bytes: &mut u64,
) -> Result<Option<(Payload, u64)>, Fail> {
    let mut docs = Vec::new();
    let mut buf = Vec::new();
    while docs.len() < DOC_CHUNK {
        buf.clear();
        let n = reader
            .read_until(b'\n', &mut buf)
            .map_err(|e| Fail::io(format!("cannot read `{name}`: {e}")))?;
        if n == 0 {
            break;
        }
        *line += 1;
        *bytes += n as u64;
        let text = &buf[..];
        if text.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        docs.push(Doc {
            label: format!("line {line}"),
            line: *line,
            text: String::from_utf8(text.to_vec())
                .map_err(|_| "this line is not valid UTF-8".to_owned()),
            json: true,
            default_id: None,
        });
    }
    Ok(docs_chunk(docs, *bytes))
}

/// The next assessment files, each read whole.
fn files_chunk(
    files: &mut std::vec::IntoIter<PathBuf>,
    done: &mut usize,
) -> Option<(Payload, u64)> {
    let mut docs = Vec::new();
    for path in files.by_ref().take(DOC_CHUNK) {
        *done += 1;
        let text = std::fs::read(&path)
            .map_err(|e| format!("cannot read: {e}"))
            .and_then(|b| sniff::decode_owned(b).map_err(|e| e.to_string()));
        let json = match &text {
            Ok(t) => crate::files::is_json(&path, t),
            Err(_) => false,
        };
        docs.push(Doc {
            label: display(&path),
            line: 1,
            text,
            json,
            default_id: path.file_stem().map(|s| s.to_string_lossy().into_owned()),
        });
    }
    docs_chunk(docs, *done as u64)
}

/// The items of a JSON array, one at a time, without reading the whole array.
struct JsonItems {
    reader: Box<dyn BufRead + Send>,
    name: String,
    line: u64,
    bytes: u64,
    index: u64,
    done: bool,
}

impl JsonItems {
    fn new(mut reader: Box<dyn BufRead + Send>, name: &str) -> Result<Self, Fail> {
        let mut line = 1;
        let mut bytes = 0;
        loop {
            let b = next_byte(&mut reader, name)?;
            bytes += 1;
            match b {
                None => {
                    return Err(Fail::invalid(format!(
                        "`{name}` is empty: a JSON batch is an array of assessments, `[{{…}}, {{…}}]`"
                    )))
                }
                Some(b'\n') => line += 1,
                Some(b) if b.is_ascii_whitespace() => {}
                Some(b'[') => break,
                Some(_) => {
                    return Err(Fail::invalid(format!(
                        "`{name}` line {line}: a JSON batch is an array of assessments, `[{{…}}, {{…}}]` (use `--input-format ndjson` for one object per line)"
                    )))
                }
            }
        }
        Ok(JsonItems {
            reader,
            name: name.to_owned(),
            line,
            bytes,
            index: 0,
            done: false,
        })
    }

    fn next_item(&mut self) -> Result<Option<Doc>, Fail> {
        if self.done {
            return Ok(None);
        }
        let Some(first) = self.skip_to_item()? else {
            self.done = true;
            return Ok(None);
        };
        self.index += 1;
        let start_line = self.line;
        let item = self.read_item(first)?;
        Ok(Some(Doc {
            label: format!("item {}", self.index),
            line: start_line,
            text: String::from_utf8(item).map_err(|_| "this item is not valid UTF-8".to_owned()),
            json: true,
            default_id: None,
        }))
    }

    /// Skips blanks and the separating comma: the first byte of the next
    /// item, or `None` at the end of the array (or of the input).
    fn skip_to_item(&mut self) -> Result<Option<u8>, Fail> {
        loop {
            let Some(b) = next_byte(&mut self.reader, &self.name)? else {
                return Ok(None);
            };
            self.bytes += 1;
            match b {
                b'\n' => self.line += 1,
                b',' => {}
                b']' => return Ok(None),
                b if b.is_ascii_whitespace() => {}
                b => return Ok(Some(b)),
            }
        }
    }

    /// The bytes of the item starting with `first`: up to its closing bracket,
    /// or for a scalar up to the next top-level separator.
    fn read_item(&mut self, first: u8) -> Result<Vec<u8>, Fail> {
        let mut item = vec![first];
        let mut depth: i32 = match first {
            b'{' | b'[' => 1,
            _ => 0,
        };
        let mut in_string = first == b'"';
        let mut escaped = false;
        loop {
            let Some(b) = peek_byte(&mut self.reader, &self.name)? else {
                self.done = true;
                break;
            };
            if depth == 0 && !in_string && matches!(b, b',' | b']') {
                break;
            }
            self.reader.consume(1);
            self.bytes += 1;
            item.push(b);
            if b == b'\n' {
                self.line += 1;
            }
            if in_string {
                if escaped {
                    escaped = false;
                } else if b == b'\\' {
                    escaped = true;
                } else if b == b'"' {
                    in_string = false;
                }
                continue;
            }
            match b {
                b'"' => in_string = true,
                b'{' | b'[' => depth += 1,
                b'}' | b']' => {
                    depth -= 1;
                    if depth == 0 {
                        break;
                    }
                }
                _ => {}
            }
        }
        Ok(item)
    }
}

fn next_byte(reader: &mut Box<dyn BufRead + Send>, name: &str) -> Result<Option<u8>, Fail> {
    let b = peek_byte(reader, name)?;
    if b.is_some() {
        reader.consume(1);
    }
    Ok(b)
}

fn peek_byte(reader: &mut Box<dyn BufRead + Send>, name: &str) -> Result<Option<u8>, Fail> {
    let buf = reader
        .fill_buf()
        .map_err(|e| Fail::io(format!("cannot read `{name}`: {e}")))?;
    Ok(buf.first().copied())
}

/// Reads a CSV file only, counting rows (the baseline of the batch benchmark).
pub fn parse_only(path: &Path) -> Result<u64, Fail> {
    let (reader, _) = open_stream(path)?;
    let boxed: Box<dyn Read + Send> = reader;
    let mut rdr = csv::ReaderBuilder::new()
        .has_headers(true)
        .flexible(true)
        .from_reader(boxed);
    let mut record = csv::ByteRecord::new();
    let mut rows = 0;
    while rdr
        .read_byte_record(&mut record)
        .map_err(|e| Fail::io(format!("cannot read `{}`: {e}", display(path))))?
    {
        rows += 1;
    }
    Ok(rows)
}
