//! "Did you mean …?" suggestions for misspelt names.

use crate::diagnostic::{bounded_edit_distance, EDIT_DISTANCE_CHARS};

/// The candidate closest to `word`, if close enough to be a likely misspelling
/// (at most one edit per three characters and 4 in all, so names shorter than three
/// characters only match when they differ by case).
pub(crate) fn closest<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let limit = (word.chars().count() / 3).min(4);
    let lower: Vec<char> = lowercase_chars(word).collect();
    let mut other = Vec::new();
    candidates
        .into_iter()
        .filter_map(|c| {
            other.clear();
            other.extend(lowercase_chars(c));
            bounded_edit_distance(&lower, &other, limit).map(|d| (d, c))
        })
        .min_by_key(|&(d, c)| (d, c))
        .map(|(_, c)| c)
}

/// The first characters of `word` lowercased, as many as the edit distance compares.
fn lowercase_chars(word: &str) -> impl Iterator<Item = char> + '_ {
    word.chars()
        .flat_map(char::to_lowercase)
        .take(EDIT_DISTANCE_CHARS)
}

/// `did you mean `x`?` for the closest candidate, if any.
pub(crate) fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<String> {
    closest(word, candidates).map(|c| format!("did you mean `{c}`?"))
}

/// A short enumeration of names for a hint: "`a`, `b`, `c`" (at most `max`, then "…").
pub(crate) fn enumerate<'a>(names: impl IntoIterator<Item = &'a str>, max: usize) -> String {
    let mut out = String::new();
    for (i, name) in names.into_iter().enumerate() {
        if i == max {
            out.push_str(", …");
            break;
        }
        if i > 0 {
            out.push_str(", ");
        }
        out.push('`');
        out.push_str(name);
        out.push('`');
    }
    out
}
