//! What a file holds, told from its bytes: the text encoding (UTF-8 only, a
//! leading byte order mark removed), and the format, TOML or JSON for one
//! document, CSV, JSON or NDJSON for a batch. The CLI and the web app both ask
//! here, so that one file is read the same way by both.
//!
//! The rule for one document: **the content decides when it can**. A document
//! whose first character (after blanks) is `{` is JSON: no TOML document starts
//! with `{`. Anything else is ambiguous by content (TOML starts with a key, a
//! `[table]` or a comment; an empty or broken file could be either), so the file
//! name decides: `.json` is JSON, everything else TOML. A file named `.toml`
//! that starts with `{` is therefore read as JSON, by the CLI and the web app alike.
//!
//! The rule for a batch: the first character (after a byte order mark and
//! blanks) `[` is a JSON array, `{` one JSON object per line (NDJSON), anything
//! else CSV. Before that, binary containers are told by their magic bytes
//! ([`binary_format`]): a ZIP archive (`.xlsx`, `.ods`), an OLE compound file
//! (`.xls`, or a password-protected `.xlsx`) or Parquet (`PAR1`), so that a
//! spreadsheet is never read as CSV whatever its name.

use std::fmt;

/// The UTF-8 byte order mark, as a character.
pub const BOM: char = '\u{feff}';

/// `text` without its leading UTF-8 byte order mark, if it has one.
pub fn strip_bom(text: &str) -> &str {
    text.strip_prefix(BOM).unwrap_or(text)
}

/// `bytes` without their leading UTF-8 byte order mark, if they have one.
pub fn strip_bom_bytes(bytes: &[u8]) -> &[u8] {
    bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes)
}

/// Why bytes are not text the tools can read, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum EncodingError {
    /// The bytes start with a UTF-16 byte order mark.
    Utf16 {
        /// Whether it is the little-endian mark (`FF FE`), else big-endian (`FE FF`).
        little_endian: bool,
    },
    /// A byte sequence that is not UTF-8.
    NotUtf8 {
        /// Line of the first invalid byte (from 1).
        line: usize,
        /// Offset of the first invalid byte in the file (from 0).
        byte: usize,
    },
}

impl fmt::Display for EncodingError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EncodingError::Utf16 { little_endian } => write!(
                f,
                "UTF-16 text ({} byte order mark); save it as UTF-8",
                if *little_endian {
                    "little-endian"
                } else {
                    "big-endian"
                }
            ),
            EncodingError::NotUtf8 { line, byte } => write!(
                f,
                "not valid UTF-8 (line {line}, byte {byte}); save it as UTF-8"
            ),
        }
    }
}

impl std::error::Error for EncodingError {}

/// Refuses UTF-16 by its byte order mark (for readers that decode as they go).
pub fn refuse_utf16(bytes: &[u8]) -> Result<(), EncodingError> {
    match bytes {
        [0xff, 0xfe, ..] => Err(EncodingError::Utf16 {
            little_endian: true,
        }),
        [0xfe, 0xff, ..] => Err(EncodingError::Utf16 {
            little_endian: false,
        }),
        _ => Ok(()),
    }
}

fn not_utf8(bytes: &[u8], valid_up_to: usize) -> EncodingError {
    EncodingError::NotUtf8 {
        line: bytes[..valid_up_to].iter().filter(|&&b| b == b'\n').count() + 1,
        byte: valid_up_to,
    }
}

/// The text of a file's bytes: UTF-8 required, a leading byte order mark removed.
pub fn decode(bytes: &[u8]) -> Result<&str, EncodingError> {
    refuse_utf16(bytes)?;
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(strip_bom(text)),
        Err(e) => Err(not_utf8(bytes, e.valid_up_to())),
    }
}

/// [`decode`] for owned bytes, without copying them.
pub fn decode_owned(bytes: Vec<u8>) -> Result<String, EncodingError> {
    refuse_utf16(&bytes)?;
    match String::from_utf8(bytes) {
        Ok(mut text) => {
            if text.starts_with(BOM) {
                text.drain(..BOM.len_utf8());
            }
            Ok(text)
        }
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            Err(not_utf8(e.as_bytes(), at))
        }
    }
}

/// The format of one document (an assessment).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocumentFormat {
    /// TOML.
    Toml,
    /// JSON.
    Json,
}

/// The format of a document: JSON when it starts with `{`, else by its file
/// name (`.json` is JSON), else TOML (see the module documentation).
pub fn document_format(name: Option<&str>, text: &str) -> DocumentFormat {
    let starts_as_json = strip_bom(text).trim_start().starts_with('{');
    let named_json = name.is_some_and(|n| {
        std::path::Path::new(n)
            .extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("json"))
    });
    if starts_as_json || named_json {
        DocumentFormat::Json
    } else {
        DocumentFormat::Toml
    }
}

/// The format of a batch input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BatchFormat {
    /// One assessment per row, with a header.
    Csv,
    /// A JSON array of assessments.
    Json,
    /// One JSON assessment per line.
    Ndjson,
}

/// The format of a batch from its first bytes, or `None` when they are only a
/// byte order mark and blanks (more bytes are needed to tell; an input made only
/// of blanks is CSV).
pub fn batch_format(start: &[u8]) -> Result<Option<BatchFormat>, EncodingError> {
    refuse_utf16(start)?;
    let start = strip_bom_bytes(start);
    Ok(start
        .iter()
        .find(|b| !b.is_ascii_whitespace())
        .map(|b| match b {
            b'[' => BatchFormat::Json,
            b'{' => BatchFormat::Ndjson,
            _ => BatchFormat::Csv,
        }))
}

/// A binary batch input, told by its first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BinaryFormat {
    /// A ZIP archive: an `.xlsx` or `.ods` workbook.
    Zip,
    /// An OLE compound file: an `.xls` workbook, or an encrypted (password-protected) `.xlsx`.
    Ole,
    /// A Parquet file.
    Parquet,
}

/// The binary format of a batch input from its first bytes, if it is one.
pub fn binary_format(start: &[u8]) -> Option<BinaryFormat> {
    if start.starts_with(b"PK\x03\x04") {
        Some(BinaryFormat::Zip)
    } else if start.starts_with(&[0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]) {
        Some(BinaryFormat::Ole)
    } else if start.starts_with(b"PAR1") {
        Some(BinaryFormat::Parquet)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_utf8_byte_order_mark_is_removed() {
        assert_eq!(decode(b"\xef\xbb\xbfa = 1"), Ok("a = 1"));
        assert_eq!(
            decode_owned(b"\xef\xbb\xbfa = 1".to_vec()).unwrap(),
            "a = 1"
        );
        assert_eq!(decode(b"a = 1"), Ok("a = 1"));
        assert_eq!(strip_bom("\u{feff}x"), "x");
        assert_eq!(strip_bom("x\u{feff}"), "x\u{feff}");
    }

    #[test]
    fn utf16_is_refused_with_what_to_do() {
        for bytes in [&b"\xff\xfea\x00"[..], b"\xfe\xff\x00a"] {
            let error = decode(bytes).unwrap_err();
            assert!(matches!(error, EncodingError::Utf16 { .. }));
            assert!(error.to_string().ends_with("save it as UTF-8"), "{error}");
            assert_eq!(decode_owned(bytes.to_vec()).unwrap_err(), error);
            assert_eq!(batch_format(bytes), Err(error));
        }
    }

    #[test]
    fn other_text_than_utf8_is_refused_at_its_line_and_byte() {
        let latin1 = b"[assessment]\ninitiative = \"caf\xe9\"\n";
        let error = decode(latin1).unwrap_err();
        assert_eq!(error, EncodingError::NotUtf8 { line: 2, byte: 30 });
        assert_eq!(
            error.to_string(),
            "not valid UTF-8 (line 2, byte 30); save it as UTF-8"
        );
        assert_eq!(decode_owned(latin1.to_vec()).unwrap_err(), error);
    }

    #[test]
    fn content_decides_the_document_format_when_it_can() {
        use DocumentFormat::*;
        assert_eq!(
            document_format(Some("a.toml"), "{\"assessment\": {}}"),
            Json
        );
        assert_eq!(document_format(None, "\u{feff}  \n{}"), Json);
        assert_eq!(document_format(Some("a.json"), "[assessment]"), Json);
        assert_eq!(document_format(Some("A.JSON"), ""), Json);
        assert_eq!(document_format(Some("a.toml"), "[assessment]"), Toml);
        assert_eq!(document_format(Some("notes"), "# a comment"), Toml);
        assert_eq!(document_format(None, ""), Toml);
    }

    #[test]
    fn a_batch_is_told_by_its_first_character() {
        use BatchFormat::*;
        assert_eq!(batch_format(b"  [{}]"), Ok(Some(Json)));
        assert_eq!(batch_format(b"\xef\xbb\xbf[{}]"), Ok(Some(Json)));
        assert_eq!(batch_format(b"\n{}\n{}"), Ok(Some(Ndjson)));
        assert_eq!(batch_format(b"\xef\xbb\xbfid,name"), Ok(Some(Csv)));
        assert_eq!(batch_format(b" \n "), Ok(None));
        assert_eq!(batch_format(b""), Ok(None));
    }

    #[test]
    fn spreadsheets_and_parquet_are_told_by_their_magic_bytes() {
        use BinaryFormat::*;
        assert_eq!(binary_format(b"PK\x03\x04\x14\x00"), Some(Zip));
        assert_eq!(
            binary_format(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00"),
            Some(Ole)
        );
        assert_eq!(binary_format(b"PAR1\x15\x04"), Some(Parquet));
        assert_eq!(binary_format(b"id,name\n"), None);
        assert_eq!(binary_format(b"PK"), None);
    }
}
