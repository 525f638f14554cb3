//! The one CSV writer of the project: every CSV the tools write (batch results,
//! summaries, `score --format csv`, templates, the web app's downloads) goes
//! through [`push_cell`], so that every one is quoted the same way and none
//! carries a live spreadsheet formula.
//!
//! Quoting is what the `csv` crate does by default: a cell holding a comma, a
//! double quote, a line feed or a carriage return is written between double
//! quotes, its quotes doubled; records end with `\n`.
//!
//! Formula defusing follows the OWASP guidance on CSV injection: a cell that
//! begins with `=`, `+`, `-`, `@`, a tab or a carriage return, and is not a
//! number, is written with a leading `'`, so that `=HYPERLINK("http://x","clic")`
//! typed as an initiative's name reaches a spreadsheet as text. Numbers such as
//! `-3` or `+4.5` are left as they are, so that they stay numbers.
//!
//! Cells are written straight into the output buffer: no allocation per cell,
//! which matters on the batch path (hundreds of thousands of rows).

/// Where cells are written: a byte buffer (files, standard output) or a string
/// (the web app's downloads).
pub trait CsvOut {
    /// Appends text.
    fn push_text(&mut self, text: &str);
}

impl CsvOut for Vec<u8> {
    fn push_text(&mut self, text: &str) {
        self.extend_from_slice(text.as_bytes());
    }
}

impl CsvOut for String {
    fn push_text(&mut self, text: &str) {
        self.push_str(text);
    }
}

/// Whether a spreadsheet would read `cell` as a formula: it begins with `=`, `+`,
/// `-`, `@`, a tab or a carriage return and is not a plain number.
pub fn is_formula(cell: &str) -> bool {
    matches!(
        cell.as_bytes().first(),
        Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r')
    ) && !is_number(cell)
}

/// A decimal number as spreadsheets read one: an optional sign, digits with an
/// optional fraction, an optional exponent (`-3`, `+4.5`, `.5`, `1e-3`).
fn is_number(cell: &str) -> bool {
    let body = cell.strip_prefix(['+', '-']).unwrap_or(cell);
    let (mantissa, exponent) = match body.find(['e', 'E']) {
        Some(i) => (&body[..i], Some(&body[i + 1..])),
        None => (body, None),
    };
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    let mantissa_ok =
        (!whole.is_empty() || !fraction.is_empty()) && digits(whole) && digits(fraction);
    let exponent_ok = exponent.is_none_or(|e| {
        let e = e.strip_prefix(['+', '-']).unwrap_or(e);
        !e.is_empty() && digits(e)
    });
    mantissa_ok && exponent_ok
}

/// Appends one cell: defused when it would be a formula, quoted when needed.
pub fn push_cell(out: &mut impl CsvOut, cell: &str) {
    let defuse = is_formula(cell);
    // Bytes, not characters: the four are ASCII, and a byte test is what
    // keeps this cheap on the batch path.
    let quote = cell
        .bytes()
        .any(|b| matches!(b, b',' | b'"' | b'\n' | b'\r'));
    if quote {
        out.push_text("\"");
    }
    if defuse {
        out.push_text("'");
    }
    if quote {
        let mut parts = cell.split('"');
        if let Some(first) = parts.next() {
            out.push_text(first);
        }
        for part in parts {
            out.push_text("\"\"");
            out.push_text(part);
        }
        out.push_text("\"");
    } else {
        out.push_text(cell);
    }
}

/// Appends one record: its cells separated by commas, then `\n`.
pub fn push_record<S: AsRef<str>>(out: &mut impl CsvOut, cells: impl IntoIterator<Item = S>) {
    for (i, cell) in cells.into_iter().enumerate() {
        if i > 0 {
            out.push_text(",");
        }
        push_cell(out, cell.as_ref());
    }
    out.push_text("\n");
}

/// Records as CSV text.
pub fn to_csv<R, S>(records: impl IntoIterator<Item = R>) -> String
where
    R: IntoIterator<Item = S>,
    S: AsRef<str>,
{
    let mut out = String::new();
    for record in records {
        push_record(&mut out, record);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn cell(text: &str) -> String {
        let mut out = String::new();
        push_cell(&mut out, text);
        out
    }

    #[test]
    fn ordinary_cells_are_written_as_they_are() {
        for text in [
            "",
            "Repair café",
            "collectif.accueil",
            "12.5",
            "a;b",
            "l’été",
        ] {
            assert_eq!(cell(text), text);
        }
    }

    #[test]
    fn cells_with_separators_or_quotes_are_quoted() {
        assert_eq!(cell("a,b"), "\"a,b\"");
        assert_eq!(cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(cell("two\nlines"), "\"two\nlines\"");
    }

    #[test]
    fn formulas_are_defused_and_numbers_kept() {
        assert_eq!(
            cell("=HYPERLINK(\"http://x\",\"clic\")"),
            "\"'=HYPERLINK(\"\"http://x\"\",\"\"clic\"\")\""
        );
        assert_eq!(cell("@SUM(1)"), "'@SUM(1)");
        assert_eq!(cell("+cmd"), "'+cmd");
        assert_eq!(cell("-2+3"), "'-2+3");
        assert_eq!(cell("\tcalc"), "'\tcalc");
        assert_eq!(cell("\rcalc"), "\"'\rcalc\"");
        assert_eq!(cell("-"), "'-");
        assert_eq!(cell("-inf"), "'-inf");
        for number in ["-3", "+4.5", "-.5", "-1e-3", "+2E10", "-0"] {
            assert_eq!(cell(number), number);
        }
    }

    #[test]
    fn records_end_with_a_line_feed() {
        assert_eq!(to_csv([["a", "b,c"], ["", "=1"]]), "a,\"b,c\"\n,'=1\n");
        let mut bytes = Vec::new();
        push_record(&mut bytes, ["x", "y"]);
        assert_eq!(bytes, b"x,y\n");
    }

    /// What a spreadsheet should see for a cell: the text, or `'` and the text.
    fn defused(text: &str) -> String {
        if is_formula(text) {
            format!("'{text}")
        } else {
            text.to_owned()
        }
    }

    proptest! {
        #[test]
        fn written_records_read_back_as_the_defused_cells(
            records in prop::collection::vec(
                prop::collection::vec("[=+@\\-\t\r,\"\n a-z0-9.;']{0,8}", 2..5),
                1..6,
            )
        ) {
            let text = to_csv(&records);
            let mut reader = csv::ReaderBuilder::new()
                .has_headers(false)
                .flexible(true)
                .from_reader(text.as_bytes());
            let read: Vec<Vec<String>> = reader
                .records()
                .map(|r| r.unwrap().iter().map(str::to_owned).collect())
                .collect();
            let expected: Vec<Vec<String>> = records
                .iter()
                .map(|r| r.iter().map(|c| defused(c)).collect())
                .collect();
            prop_assert_eq!(read, expected, "{:?}", text);
        }
    }
}
