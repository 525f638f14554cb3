//! CSV input cut into blocks of whole records, so that the workers tokenize
//! their own blocks and reading is parallel too.
//!
//! The reader thread only looks for a record end near each block's end: it
//! follows quoted fields with a few `memchr` calls (a quoted field may hold
//! line ends and commas) and cuts after the last line end met outside quotes.
//! Each worker then reads its block with `csv_core`, exactly as the `csv`
//! crate reads the whole input (same dialect: `,`, `"` doubled inside quotes,
//! `\r`, `\n` or `\r\n` ending a record, blank lines skipped).

use domino_engine::assessment::RowCells;
use memchr::{memchr, memchr3, memrchr2};
use std::io::{self, BufRead};

/// Bytes per block handed to a worker (about 5,000 rows of the DOMINO grid).
pub const BLOCK_BYTES: usize = 1 << 20;

/// Whole CSV records, as they are in the input.
pub struct CsvBlock {
    /// The records' bytes.
    pub data: Vec<u8>,
    /// The line of the input the block starts on (1-based).
    pub first_line: u64,
}

/// Where the bytes scanned so far stand with respect to quoted fields.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Quotes {
    /// Outside any quoted field.
    Outside,
    /// Inside a quoted field.
    Inside,
    /// Just after a quote inside a quoted field: a second quote is a quote
    /// character, anything else closes the field.
    AfterQuote,
}

/// Finds record ends in a stream scanned piece after piece.
#[derive(Debug, Clone, Copy)]
struct Boundaries {
    quotes: Quotes,
    /// The last byte scanned: a quote opens a field only at a field's start.
    last: u8,
}

impl Boundaries {
    /// At the start of a record.
    fn new() -> Self {
        Boundaries {
            quotes: Quotes::Outside,
            last: b'\n',
        }
    }

    /// Scans `bytes`, which follow those scanned before; the offset just
    /// after the last line end outside quotes (a record end), if any.
    fn scan(&mut self, bytes: &[u8]) -> Option<usize> {
        let &last = bytes.last()?;
        if self.quotes == Quotes::Outside && memchr(b'"', bytes).is_none() {
            self.last = last;
            return memrchr2(b'\n', b'\r', bytes).map(|k| k + 1);
        }
        let mut cut = None;
        let mut i = 0;
        while i < bytes.len() {
            match self.quotes {
                Quotes::Inside => match memchr(b'"', &bytes[i..]) {
                    Some(k) => {
                        i += k + 1;
                        self.quotes = Quotes::AfterQuote;
                    }
                    None => i = bytes.len(),
                },
                Quotes::AfterQuote if bytes[i] == b'"' => {
                    i += 1;
                    self.quotes = Quotes::Inside;
                }
                Quotes::AfterQuote => self.quotes = Quotes::Outside,
                Quotes::Outside => match memchr3(b'"', b'\n', b'\r', &bytes[i..]) {
                    None => i = bytes.len(),
                    Some(k) => {
                        let j = i + k;
                        if bytes[j] != b'"' {
                            cut = Some(j + 1);
                        } else if matches!(
                            if j == 0 { self.last } else { bytes[j - 1] },
                            b',' | b'\n' | b'\r'
                        ) {
                            self.quotes = Quotes::Inside;
                        }
                        i = j + 1;
                    }
                },
            }
        }
        self.last = last;
        cut
    }
}

/// The records of a CSV stream after its header, as blocks.
pub struct RecordBlocks {
    reader: Box<dyn BufRead + Send>,
    /// Bytes read and not yet handed out.
    buf: Vec<u8>,
    /// How much of `buf` has been scanned, and the last record end in it.
    scanned: usize,
    cut: Option<usize>,
    boundaries: Boundaries,
    /// Line ends before `buf`.
    lines: u64,
    /// Bytes before `buf` (the progress position).
    pub position: u64,
    eof: bool,
    block_bytes: usize,
}

impl RecordBlocks {
    /// The records after a header: `rest` (read with the header, not part of
    /// it), then the reader's bytes; `lines` and `position` count the line
    /// ends and bytes before `rest`.
    fn new(reader: Box<dyn BufRead + Send>, rest: Vec<u8>, lines: u64, position: u64) -> Self {
        let mut blocks = RecordBlocks {
            reader,
            buf: Vec::new(),
            scanned: 0,
            cut: None,
            boundaries: Boundaries::new(),
            lines,
            position,
            eof: false,
            block_bytes: BLOCK_BYTES,
        };
        blocks.append(&rest);
        blocks
    }

    /// Sets the size of blocks (tests make them tiny, so that block ends fall
    /// everywhere).
    pub fn set_block_bytes(&mut self, bytes: usize) {
        self.block_bytes = bytes.max(1);
    }

    fn append(&mut self, bytes: &[u8]) {
        self.buf.extend_from_slice(bytes);
    }

    /// Whether the block can be cut: a record ends at or after its size.
    fn ready(&self) -> bool {
        self.cut.is_some_and(|c| c >= self.block_bytes)
    }

    /// Scans what was read, up to the first record end at or after the
    /// block's size (a read may bring much more than a block).
    fn scan(&mut self) {
        while self.scanned < self.buf.len() && !self.ready() {
            let target = if self.scanned < self.block_bytes {
                self.block_bytes
            } else {
                self.scanned + 4096
            };
            let end = target.min(self.buf.len());
            if let Some(c) = self.boundaries.scan(&self.buf[self.scanned..end]) {
                self.cut = Some(self.scanned + c);
            }
            self.scanned = end;
        }
    }

    /// The next block: whole records, about [`BLOCK_BYTES`] of them (more
    /// for a longer record); `None` at the end.
    pub fn next_block(&mut self) -> io::Result<Option<CsvBlock>> {
        loop {
            self.scan();
            if self.eof || self.ready() {
                break;
            }
            self.read_more()?;
        }
        if self.buf.is_empty() {
            return Ok(None);
        }
        let end = match self.cut {
            Some(cut) if self.ready() => cut,
            _ => self.buf.len(),
        };
        let mut rest = Vec::with_capacity(self.block_bytes.min(BLOCK_BYTES) + (1 << 16));
        rest.extend_from_slice(&self.buf[end..]);
        let mut data = std::mem::replace(&mut self.buf, rest);
        data.truncate(end);
        // What follows the cut was scanned, and holds no record end.
        self.scanned = self.scanned.max(end) - end;
        self.cut = None;
        let first_line = 1 + self.lines;
        self.lines += memchr::memchr_iter(b'\n', &data).count() as u64;
        self.position += data.len() as u64;
        Ok(Some(CsvBlock { data, first_line }))
    }

    /// Reads more of the input into the buffer (at the end: `eof`).
    fn read_more(&mut self) -> io::Result<()> {
        let len = self.buf.len();
        let want = (self.block_bytes.saturating_sub(len)).max(self.block_bytes.min(1 << 16));
        self.buf.resize(len + want, 0);
        let n = loop {
            match self.reader.read(&mut self.buf[len..]) {
                Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                read => break read,
            }
        };
        self.buf.truncate(len + *n.as_ref().unwrap_or(&0));
        if n? == 0 {
            self.eof = true;
        }
        Ok(())
    }
}

/// The length of the first line of `bytes`, without its line end (all of
/// `bytes` when there is none).
fn line_len(bytes: &[u8]) -> usize {
    memchr::memchr2(b'\n', b'\r', bytes).unwrap_or(bytes.len())
}

/// The offset of every comma in `data`, then `data.len()`, into `out`.
///
/// Most fields of a census are a byte or two long, so a comma is about one
/// byte in three: rather than branch on each byte, eight bytes are tested at
/// once ([`comma_bytes`]) and only their commas visited.
fn comma_offsets(data: &[u8], out: &mut Vec<usize>) {
    out.clear();
    out.reserve(data.len() + 1);
    let words = data.chunks_exact(8);
    let tail = words.remainder();
    for (k, word) in words.enumerate() {
        let word = word.try_into().map_or(0, u64::from_le_bytes);
        let mut commas = comma_bytes(word);
        while commas != 0 {
            out.push(8 * k + (commas.trailing_zeros() / 8) as usize);
            commas &= commas - 1;
        }
    }
    let base = data.len() - tail.len();
    out.extend(
        (0..tail.len())
            .filter(|&i| tail[i] == b',')
            .map(|i| base + i),
    );
    out.push(data.len());
}

/// The high bit of each byte of `word` that is a comma, and no other bit.
///
/// A byte's low seven bits plus `0x7f` reach its high bit unless they are
/// all zero, without a carry into the next byte; so a byte XORed with the
/// comma is zero, which is when it was a comma, exactly where both the sum
/// and the byte itself leave the high bit clear.
fn comma_bytes(word: u64) -> u64 {
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    let x = word ^ 0x2c2c_2c2c_2c2c_2c2c;
    !((x & LOW7).wrapping_add(LOW7) | x | LOW7)
}

/// A CSV header record's fields.
pub struct Header {
    /// The fields' bytes, concatenated.
    pub data: Vec<u8>,
    /// The end of each field in `data`.
    pub ends: Vec<usize>,
}

impl Header {
    /// The fields, as bytes.
    pub fn fields(&self) -> impl Iterator<Item = &[u8]> {
        field_ranges(&self.ends, 0).map(|r| &self.data[r])
    }
}

/// Where each field is in a buffer of fields laid one after the other, given
/// where each ends and how many bytes separate one from the next (a comma
/// left in place, or none).
pub(crate) fn field_ranges(
    ends: &[usize],
    gap: usize,
) -> impl Iterator<Item = std::ops::Range<usize>> + '_ {
    (0..ends.len()).map(move |i| field_range(ends, gap, i))
}

/// Where field `i` is, as [`field_ranges`] lays the fields out: from the end
/// of the one before it, past the gap, to its own end.
#[inline(always)]
pub(crate) fn field_range(ends: &[usize], gap: usize, i: usize) -> std::ops::Range<usize> {
    let start = i.checked_sub(1).map_or(0, |before| ends[before] + gap);
    start..ends[i]
}

/// Reads the header record of a CSV stream; `None` for a stream without
/// records. The records after it are read as blocks.
pub fn read_header(
    mut reader: Box<dyn BufRead + Send>,
) -> io::Result<Option<(Header, RecordBlocks)>> {
    let mut unquoter = Unquoter::new();
    let (mut read, mut lines) = (0u64, 0u64);
    loop {
        let input = reader.fill_buf()?;
        let (fed, nin) = unquoter.feed(input);
        let rest = match fed {
            Fed::Record => input[nin..].to_vec(),
            _ => Vec::new(),
        };
        lines += memchr::memchr_iter(b'\n', &input[..nin]).count() as u64;
        reader.consume(nin + rest.len());
        read += nin as u64;
        match fed {
            Fed::NeedInput => {}
            Fed::Record => {
                let (data, ends) = unquoter.record();
                let header = Header {
                    data: data.to_vec(),
                    ends: ends.to_vec(),
                };
                let blocks = RecordBlocks::new(reader, rest, lines, read);
                return Ok(Some((header, blocks)));
            }
            Fed::End => return Ok(None),
        }
    }
}

/// What feeding csv_core gave.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fed {
    /// The record goes on: more input (or none, at the end) is needed.
    NeedInput,
    /// A whole record.
    Record,
    /// No record is left.
    End,
}

/// csv_core reading one record at a time into buffers that grow as needed.
struct Unquoter {
    core: csv_core::Reader,
    data: Vec<u8>,
    ends: Vec<usize>,
    nout: usize,
    nend: usize,
}

impl Unquoter {
    fn new() -> Self {
        Unquoter {
            core: csv_core::Reader::new(),
            data: vec![0; 4096],
            ends: vec![0; 128],
            nout: 0,
            nend: 0,
        }
    }

    /// Reads `input` into the current record (a new one after a record);
    /// what came of it and how many bytes were used.
    fn feed(&mut self, input: &[u8]) -> (Fed, usize) {
        let mut used = 0;
        loop {
            let (result, nin, out, end) = self.core.read_record(
                &input[used..],
                &mut self.data[self.nout..],
                &mut self.ends[self.nend..],
            );
            used += nin;
            self.nout += out;
            self.nend += end;
            match result {
                csv_core::ReadRecordResult::InputEmpty => return (Fed::NeedInput, used),
                csv_core::ReadRecordResult::OutputFull => self.data.resize(2 * self.data.len(), 0),
                csv_core::ReadRecordResult::OutputEndsFull => {
                    self.ends.resize(2 * self.ends.len(), 0)
                }
                csv_core::ReadRecordResult::Record => return (Fed::Record, used),
                csv_core::ReadRecordResult::End => return (Fed::End, used),
            }
        }
    }

    /// The record just read (fields end to end, and the end of each); the
    /// next [`Unquoter::feed`] starts a new one.
    fn record(&mut self) -> (&[u8], &[usize]) {
        let (nout, nend) = (self.nout, self.nend);
        self.nout = 0;
        self.nend = 0;
        (&self.data[..nout], &self.ends[..nend])
    }
}

/// One record of a block: its fields' bytes, in place in the block for a
/// record without quotes (separated by commas), unquoted by csv_core for
/// the others (end to end).
pub struct Record<'a> {
    data: &'a [u8],
    ends: &'a [usize],
    /// Bytes between a field's end and the next field's start (the comma).
    gap: usize,
}

impl<'a> Record<'a> {
    /// Where each field is in [`Record::data`].
    pub fn ranges(&self) -> impl Iterator<Item = std::ops::Range<usize>> + '_ {
        field_ranges(self.ends, self.gap)
    }

    /// The fields, as bytes.
    pub fn fields(&self) -> impl Iterator<Item = &'a [u8]> + '_ {
        let data = self.data;
        self.ranges().map(move |r| &data[r])
    }

    /// The bytes the fields are in.
    pub fn data(&self) -> &'a [u8] {
        self.data
    }

    /// The record as cells of text, when its bytes are ASCII (nearly every
    /// census): every offset is then a character boundary, so a cell is
    /// sliced from the record's text only when it is read as text, and a
    /// code is read as bytes.
    pub fn ascii(&self) -> Option<TextCells<'a>> {
        if !self.data.is_ascii() {
            return None;
        }
        let text = std::str::from_utf8(self.data).ok()?;
        Some(TextCells::new(text, self.ends, self.gap))
    }
}

/// The cells of a row laid one after the other in one text, as
/// [`field_ranges`] lays them out, every end a character boundary: an ASCII
/// CSV record (see [`Record::ascii`]) or a typed table's row
/// ([`batch_table::Record`](crate::batch_table::Record)), read cell by cell.
#[derive(Debug, Clone, Copy)]
pub struct TextCells<'a> {
    text: &'a str,
    ends: &'a [usize],
    gap: usize,
}

impl<'a> TextCells<'a> {
    /// The cells of `text` ending at `ends`, `gap` bytes apart; `ends`
    /// must fall on character boundaries of `text`.
    pub(crate) fn new(text: &'a str, ends: &'a [usize], gap: usize) -> Self {
        TextCells { text, ends, gap }
    }
}

impl RowCells for TextCells<'_> {
    fn count(&self) -> usize {
        self.ends.len()
    }

    fn text(&self, i: usize) -> &str {
        &self.text[field_range(self.ends, self.gap, i)]
    }

    #[inline(always)]
    fn bytes(&self, i: usize) -> &[u8] {
        &self.text.as_bytes()[field_range(self.ends, self.gap, i)]
    }
}

/// Reads the records of a block, one at a time, into buffers reused from
/// record to record.
pub struct BlockRecords<'b> {
    input: &'b [u8],
    pos: usize,
    /// Where the last record's first byte is.
    start: usize,
    /// Line of `counted`, counted lazily (only bad rows need it).
    line: u64,
    counted: usize,
    /// The commas of a record without quotes.
    commas: Vec<usize>,
    /// Records with quotes.
    unquoter: Unquoter,
}

impl<'b> BlockRecords<'b> {
    /// The records of `block`.
    pub fn new(block: &'b CsvBlock) -> Self {
        BlockRecords {
            input: &block.data,
            pos: 0,
            start: 0,
            line: block.first_line,
            counted: 0,
            commas: Vec::with_capacity(128),
            unquoter: Unquoter::new(),
        }
    }

    /// The next record; `None` at the block's end.
    pub fn next_record(&mut self) -> Option<Record<'_>> {
        // Line ends before a record are skipped (blank lines), as csv_core
        // would; skipping them here tells where the record's bytes start.
        let rest = &self.input[self.pos..];
        self.pos += rest
            .iter()
            .position(|&b| b != b'\r' && b != b'\n')
            .unwrap_or(rest.len());
        self.start = self.pos;
        if self.pos == self.input.len() {
            return None;
        }
        let rest = &self.input[self.pos..];
        let end = line_len(rest);
        if memchr(b'"', &rest[..end]).is_none() {
            return Some(self.unquoted(end));
        }
        self.quoted()
    }

    /// A record without quotes, `len` bytes up to its line end (or the
    /// block's end): its fields are the bytes between commas, read in place.
    fn unquoted(&mut self, len: usize) -> Record<'_> {
        let data = &self.input[self.pos..self.pos + len];
        comma_offsets(data, &mut self.commas);
        // The line end is consumed with the record, as csv_core does.
        self.pos = (self.pos + len + 1).min(self.input.len());
        Record {
            data,
            ends: &self.commas,
            gap: 1,
        }
    }

    /// A record with quotes, read by csv_core (its fields unquoted).
    fn quoted(&mut self) -> Option<Record<'_>> {
        let (mut fed, nin) = self.unquoter.feed(&self.input[self.pos..]);
        self.pos += nin;
        if fed == Fed::NeedInput {
            // The block's end ends the record.
            fed = self.unquoter.feed(&[]).0;
        }
        if fed != Fed::Record {
            return None;
        }
        let (data, ends) = self.unquoter.record();
        Some(Record { data, ends, gap: 0 })
    }

    /// The line of the input the last record starts on.
    pub fn line(&mut self) -> u64 {
        let counted = &self.input[self.counted..self.start];
        self.line += memchr::memchr_iter(b'\n', counted).count() as u64;
        self.counted = self.start;
        self.line
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every offset where the scanner would cut `text` fed in pieces of `step`.
    fn cuts(text: &[u8], step: usize) -> Vec<usize> {
        let mut b = Boundaries::new();
        let mut out = Vec::new();
        for (k, piece) in text.chunks(step).enumerate() {
            if let Some(c) = b.scan(piece) {
                out.push(k * step + c);
            }
        }
        out
    }

    #[test]
    fn comma_offsets_are_every_comma_then_the_end() {
        let mut out = vec![99; 3];
        let long = "2,-,,na,?,é,,3,\u{ac},x,-1,,,,,,,,,,,,,4,\u{2c}\u{ff},,,-,";
        for text in ["", ",", "a", "2,na,,?,", ",,", "abc,de,f", ",,,,,,,,", long] {
            comma_offsets(text.as_bytes(), &mut out);
            let mut expected: Vec<usize> = text.match_indices(',').map(|(i, _)| i).collect();
            expected.push(text.len());
            assert_eq!(out, expected, "{text:?}");
        }
        // Every byte value, beside commas and alone, at every offset of a word.
        for b in 0..=255u8 {
            let data: Vec<u8> = (0..19).map(|i| if i % 3 == 0 { b',' } else { b }).collect();
            comma_offsets(&data, &mut out);
            let mut expected: Vec<usize> = (0..19).filter(|&i| data[i] == b',').collect();
            expected.push(19);
            assert_eq!(out, expected, "byte {b:#x}");
        }
    }

    #[test]
    fn line_ends_inside_quotes_are_not_record_ends() {
        let text = b"a,\"x\ny\"\nb,\"\"\"\n\"\"\"\nc,d\"\ne\n";
        // Record ends: after `"x\ny"\n` (8), after `"""\n"""\n` (18), after
        // `d"\n` (23: the quote in an unquoted field is a character), after `e\n`.
        let all: Vec<usize> = (1..=text.len())
            .filter(|&n| cuts(&text[..n], 1).last() == Some(&n))
            .collect();
        assert_eq!(all, vec![8, 18, 23, 25]);
        for step in 1..text.len() {
            assert_eq!(cuts(text, step).last(), Some(&25), "step {step}");
        }
    }
}
