//! Typed cells of spreadsheets and columnar files, read as the text of a batch row.
//!
//! A CSV cell is text; a spreadsheet or Parquet cell has a type (a number, a
//! date, a boolean, an error…). The shells read those files and hand each
//! cell here as a [`CellValue`]; this module decides what text it stands for,
//! or why it cannot stand for a level, so that every format says the same
//! words. A float `3.0` is the level `3`, `2.5` is refused; a date, a time or
//! a boolean in a level column is refused (a spreadsheet often turns a code
//! such as `3/4` into a date); elsewhere (an id, a name, a profile field) it
//! is written as people read it (`2024-03-01`, `TRUE`).

use crate::diagnostic::Diagnostic;
use crate::grid::Grid;
use std::borrow::Cow;

/// One cell of a typed table, as its reader found it.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum CellValue<'a> {
    /// No value.
    Empty,
    /// Text.
    Text(&'a str),
    /// A whole number.
    Int(i64),
    /// A floating-point number.
    Float(f64),
    /// A boolean (a checkbox, `TRUE`).
    Bool(bool),
    /// A date, in days since 1970-01-01.
    Date(i64),
    /// A date and time, in seconds since 1970-01-01 00:00:00 (no time zone).
    DateTime(f64),
    /// A time of day, in seconds since midnight.
    Time(f64),
    /// A duration, in seconds.
    Duration(f64),
    /// A date, a time or a duration already written in ISO 8601 (OpenDocument).
    IsoDateTime(&'a str),
    /// A spreadsheet error value such as `#DIV/0!`.
    Error(&'a str),
    /// A formula whose value was never saved in the file.
    FormulaWithoutValue(&'a str),
    /// A value of a type no batch column holds (a list, a binary…), by its type name.
    Unsupported(&'a str),
}

/// What a column holds, which decides how typed cells are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CellRole {
    /// A criterion's level or target: a code, often a whole number.
    Level,
    /// An id, a name, a profile field, or labels a mapping translates.
    Text,
}

/// Appends the text of a typed cell, as [`cell_text`] reads it, to `out`:
/// a text cell copied from where the source holds it and a number written
/// in place, so that a row of cells fills one buffer without a string per
/// cell. Nothing is appended for a cell that cannot be read.
pub fn push_cell_text(
    out: &mut String,
    value: CellValue<'_>,
    role: CellRole,
) -> Result<(), Box<Diagnostic>> {
    use std::fmt::Write;
    let number = match value {
        CellValue::Int(n) => Some(n),
        CellValue::Float(x) => whole(x),
        _ => None,
    };
    match (value, number) {
        (CellValue::Text(text), _) => out.push_str(text),
        (_, Some(n)) => {
            let _ = write!(out, "{n}");
        }
        _ => out.push_str(&cell_text(value, role)?),
    }
    Ok(())
}

/// The role of a batch column named `name` (a criterion or `<criterion>.target`: a level).
pub fn column_role(grid: &Grid, name: &str) -> CellRole {
    let criterion = name.strip_suffix(".target").unwrap_or(name);
    if grid.criterion_index(criterion).is_some() {
        CellRole::Level
    } else {
        CellRole::Text
    }
}

/// The text a typed cell stands for in a column of `role`, or why it cannot
/// be read. The diagnostic has no column: the caller sets it with the
/// column's name.
pub fn cell_text(value: CellValue<'_>, role: CellRole) -> Result<Cow<'_, str>, Box<Diagnostic>> {
    let level = role == CellRole::Level;
    let refused = |d: Diagnostic| Err(Box::new(d));
    Ok(match value {
        CellValue::Empty => Cow::Borrowed(""),
        CellValue::Text(text) => Cow::Borrowed(text),
        CellValue::Int(n) => Cow::Owned(n.to_string()),
        CellValue::Float(x) => match whole(x) {
            Some(n) => Cow::Owned(n.to_string()),
            None if level => return refused(fractional(x)),
            None => Cow::Owned(format!("{x}")),
        },
        CellValue::Bool(b) if level => return refused(boolean(b)),
        CellValue::Bool(b) => Cow::Borrowed(if b { "TRUE" } else { "FALSE" }),
        CellValue::Date(days) => temporal(iso_date(days), "a date", level)?,
        CellValue::DateTime(seconds) => temporal(iso_datetime(seconds), "a date and time", level)?,
        CellValue::Time(seconds) => temporal(iso_time(seconds), "a time", level)?,
        CellValue::Duration(seconds) => temporal(iso_time(seconds), "a duration", level)?,
        CellValue::IsoDateTime(text) => temporal(text.to_owned(), "a date or time", level)?,
        CellValue::Error(code) => {
            return refused(Diagnostic::error(
                "cell-error",
                format!("the cell holds the spreadsheet error `{code}`"),
            )
            .with_hint("fix the formula that produces it, or clear the cell"))
        }
        CellValue::FormulaWithoutValue(formula) => {
            return refused(Diagnostic::error(
                "formula-without-value",
                format!("the cell holds the formula `={formula}` but no saved value"),
            )
            .with_hint("open the file in a spreadsheet application and save it again (that computes and saves each value), or type the value instead of the formula"))
        }
        CellValue::Unsupported(kind) => {
            return refused(Diagnostic::error(
                "wrong-type",
                format!("a value of type {kind} cannot be read as a batch cell"),
            )
            .with_hint(if level {
                "a level column holds the level codes, as strings or whole numbers"
            } else {
                "this column holds text or numbers"
            }))
        }
    })
}

/// The error for a cell covered by a merged range (its value is only in the
/// range's first cell, `origin`, such as `B3`, of the range `range`, such as `B3:B5`).
pub fn merged_cell(range: &str, origin: &str) -> Diagnostic {
    Diagnostic::error(
        "merged-cell",
        format!("the cell is part of the merged range {range}, whose value is in {origin} only"),
    )
    .with_hint("unmerge the range and fill in each cell: every row needs its own value")
}

/// The error for a value in a column the header does not name.
pub fn value_outside_header(value: &str) -> Diagnostic {
    Diagnostic::error(
        "ragged-row",
        format!("`{value}` is in a column with no name in the header"),
    )
    .with_hint("name this column in the header row, or clear the cell")
}

/// `x` as a whole number, if it is one (and small enough to be exact).
fn whole(x: f64) -> Option<i64> {
    (x.fract() == 0.0 && x.abs() < 9.0e15).then_some(x as i64)
}

fn fractional(x: f64) -> Diagnostic {
    Diagnostic::error(
        "fractional-level",
        format!("`{x}` is not a level code: levels are whole codes, and `{x}` has a fraction"),
    )
    .with_hint("type the level code itself (such as 2 or 3); if the cell shows a rounded value, its format hides the fraction")
}

fn boolean(b: bool) -> Diagnostic {
    Diagnostic::error(
        "boolean-level",
        format!(
            "`{}` is a boolean (a checkbox), not a level code",
            if b { "TRUE" } else { "FALSE" }
        ),
    )
    .with_hint(
        "type the level code in this column; a yes/no answer needs a mapping to levels (`--map`)",
    )
}

/// The text of a date or time, refused in a level column.
fn temporal(text: String, what: &str, level: bool) -> Result<Cow<'static, str>, Box<Diagnostic>> {
    if level {
        return Err(Box::new(Diagnostic::error(
            "date-level",
            format!("`{text}` is {what}, not a level code"),
        )
        .with_hint("a spreadsheet may have turned a code into a date: store the column as text (or whole numbers) and type the level codes again")));
    }
    Ok(Cow::Owned(text))
}

/// `YYYY-MM-DD` of a day count since 1970-01-01 (proleptic Gregorian calendar).
pub fn iso_date(days: i64) -> String {
    // Howard Hinnant's `civil_from_days`.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

/// `YYYY-MM-DDTHH:MM:SS` of seconds since 1970-01-01 00:00:00 (`YYYY-MM-DD` at midnight).
fn iso_datetime(seconds: f64) -> String {
    let total = seconds.round() as i64;
    let (days, rest) = (total.div_euclid(86_400), total.rem_euclid(86_400));
    if rest == 0 {
        return iso_date(days);
    }
    format!("{}T{}", iso_date(days), iso_time(rest as f64))
}

/// `HH:MM:SS` of a number of seconds (hours may pass 24 for a duration).
fn iso_time(seconds: f64) -> String {
    let total = seconds.round() as i64;
    let sign = if total < 0 { "-" } else { "" };
    let total = total.abs();
    format!(
        "{sign}{:02}:{:02}:{:02}",
        total / 3600,
        total / 60 % 60,
        total % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use CellRole::{Level, Text};

    #[test]
    fn pushed_text_is_the_cell_text_and_nothing_for_a_refused_cell() {
        let values = [
            CellValue::Empty,
            CellValue::Text("« oui »"),
            CellValue::Int(-2),
            CellValue::Float(3.0),
            CellValue::Float(2.5),
            CellValue::Float(1e20),
            CellValue::Bool(true),
            CellValue::Date(19_783),
            CellValue::Error("#DIV/0!"),
        ];
        for role in [CellRole::Level, CellRole::Text] {
            for value in values {
                let mut out = String::from("before|");
                let pushed = push_cell_text(&mut out, value, role);
                match cell_text(value, role) {
                    Ok(text) => assert_eq!(out, format!("before|{text}"), "{value:?}"),
                    Err(d) => {
                        assert_eq!(pushed.unwrap_err().code, d.code, "{value:?}");
                        assert_eq!(out, "before|");
                    }
                }
            }
        }
    }

    fn text(value: CellValue<'_>, role: CellRole) -> String {
        cell_text(value, role).unwrap().into_owned()
    }

    fn code(value: CellValue<'_>, role: CellRole) -> String {
        cell_text(value, role).unwrap_err().code
    }

    #[test]
    fn a_whole_float_is_a_level_and_a_fraction_is_refused() {
        assert_eq!(text(CellValue::Float(3.0), Level), "3");
        assert_eq!(text(CellValue::Int(-2), Level), "-2");
        assert_eq!(code(CellValue::Float(2.5), Level), "fractional-level");
        assert_eq!(text(CellValue::Float(2.5), Text), "2.5");
        assert_eq!(text(CellValue::Float(1e20), Text), "100000000000000000000");
    }

    #[test]
    fn dates_times_and_booleans_are_text_outside_level_columns() {
        assert_eq!(text(CellValue::Date(19_783), Text), "2024-03-01");
        assert_eq!(text(CellValue::Date(-1), Text), "1969-12-31");
        assert_eq!(
            text(CellValue::DateTime(19_783.0 * 86_400.0 + 37_800.0), Text),
            "2024-03-01T10:30:00"
        );
        assert_eq!(text(CellValue::Time(3_723.0), Text), "01:02:03");
        assert_eq!(text(CellValue::Duration(90_000.0), Text), "25:00:00");
        assert_eq!(text(CellValue::Bool(true), Text), "TRUE");
        for value in [
            CellValue::Date(19_783),
            CellValue::DateTime(0.5),
            CellValue::Time(60.0),
        ] {
            assert_eq!(code(value, Level), "date-level");
        }
        let refused = cell_text(CellValue::Date(19_783), Level).unwrap_err();
        assert_eq!(refused.message, "`2024-03-01` is a date, not a level code");
        assert_eq!(code(CellValue::Bool(false), Level), "boolean-level");
    }

    #[test]
    fn errors_and_formulas_without_values_are_refused_everywhere() {
        for role in [Level, Text] {
            assert_eq!(code(CellValue::Error("#DIV/0!"), role), "cell-error");
            assert_eq!(
                code(CellValue::FormulaWithoutValue("B2+1"), role),
                "formula-without-value"
            );
            assert_eq!(code(CellValue::Unsupported("list"), role), "wrong-type");
        }
        assert_eq!(text(CellValue::Empty, Level), "");
        assert_eq!(text(CellValue::Text(" 3 "), Level), " 3 ");
    }

    #[test]
    fn level_columns_are_criteria_and_their_targets() {
        let grid = crate::Grid::from_toml(crate::DOMINO_GRID).unwrap().grid;
        let (_, first) = grid.criteria().next().unwrap();
        assert_eq!(column_role(&grid, &first.full_id), Level);
        assert_eq!(
            column_role(&grid, &format!("{}.target", first.full_id)),
            Level
        );
        assert_eq!(column_role(&grid, "id"), Text);
        assert_eq!(column_role(&grid, "territory"), Text);
    }
}
