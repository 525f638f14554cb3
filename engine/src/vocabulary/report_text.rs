//! The phrases of a report that every presenter shows the same way: the CLI's table,
//! Markdown and HTML report, and the web app's results page all call these.

use super::numbers::NO_FIGURE;
use super::Language;
use crate::report::{AxisReport, Finding, GridStamp, LevelRef};

/// The application's name, as it leads page titles.
pub const APP_NAME: &str = "DOMINO";

/// The facts that made a finding fire: `a = 1, b = 2`.
pub fn why(finding: &Finding) -> String {
    finding
        .why
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

/// A level of a scale: its code then its label, `3 Des règles partagées`.
pub fn level(level: &LevelRef) -> String {
    format!("{} {}", level.code, level.label)
}

/// An optional level, `—` when absent.
pub fn level_or_none(l: Option<&LevelRef>) -> String {
    l.map_or_else(|| NO_FIGURE.to_owned(), level)
}

/// Which grid produced a result: `domino 1.0.0 (sha256 0123456789abcdef)`, the hash cut to
/// 16 hexadecimal digits (enough to tell grids apart, short enough to read).
pub fn stamp(grid: &GridStamp) -> String {
    stamp_of(&grid.id, &grid.version, &grid.hash)
}

/// [`stamp`] from a grid's id, version and full hash.
pub fn stamp_of(id: &str, version: &str, hash: &str) -> String {
    format!("{id} {version} (sha256 {})", crate::short_hash(hash))
}

/// A label with its first letter in capitals, for where it starts a sentence (`Pourquoi`).
pub fn capitalized(label: &str) -> String {
    let mut c = label.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// A heading with how many items follow it: `Pépites (3)`.
pub fn counted(heading: &str, count: usize) -> String {
    format!("{heading} ({count})")
}

/// The title of a page about a grid: `DOMINO — <grid title>`, without repeating the name
/// when the grid's title already starts with it (`DOMINO — Pratiques collaboratives…`).
pub fn page_title(grid_title: &str) -> String {
    let grid_title = grid_title.trim();
    let named = grid_title
        .get(..APP_NAME.len())
        .is_some_and(|head| head.eq_ignore_ascii_case(APP_NAME))
        && grid_title[APP_NAME.len()..]
            .chars()
            .next()
            .is_none_or(|c| !c.is_alphanumeric());
    if named || grid_title.is_empty() {
        if grid_title.is_empty() {
            APP_NAME.to_owned()
        } else {
            grid_title.to_owned()
        }
    } else {
        format!("{APP_NAME} — {grid_title}")
    }
}

/// The four cells of an axis' line in a score table: title, score, coverage, median level.
pub fn axis_cells(lang: Language, axis: &AxisReport) -> [String; 4] {
    [
        axis.title.clone(),
        lang.score(axis.score),
        lang.coverage(&axis.coverage),
        level_or_none(axis.median_level.as_ref()),
    ]
}

/// The headings of the axis table, aligned with [`axis_cells`].
pub fn axis_headings(lang: Language) -> [&'static str; 4] {
    let w = lang.labels();
    [w.axis, w.score, w.coverage, w.median_level]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_title_names_domino_once() {
        assert_eq!(
            page_title("DOMINO — Pratiques collaboratives et territoires durables"),
            "DOMINO — Pratiques collaboratives et territoires durables"
        );
        assert_eq!(
            page_title("DOMINO express — dix questions"),
            "DOMINO express — dix questions"
        );
        assert_eq!(page_title("Lieux partagés"), "DOMINO — Lieux partagés");
        assert_eq!(
            page_title("Dominos du quartier"),
            "DOMINO — Dominos du quartier"
        );
        assert_eq!(page_title("  "), "DOMINO");
    }

    #[test]
    fn the_stamp_cuts_the_hash_to_sixteen_digits() {
        let g = GridStamp {
            id: "domino".into(),
            version: "1.0.0".into(),
            hash: "0123456789abcdef0123".into(),
        };
        assert_eq!(stamp(&g), "domino 1.0.0 (sha256 0123456789abcdef)");
    }
}
