//! "Did you mean …?" suggestions for misspelt names.

use crate::diagnostic::{nearest_within, EDIT_DISTANCE_CHARS};

/// The candidate closest to `word`, if close enough to be a likely misspelling
/// (at most one edit per three characters and 4 in all, so names shorter than three
/// characters only match when they differ by case).
pub(crate) fn closest<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let limit = (word.chars().count() / 3).min(4);
    nearest_within(word, candidates, limit, |name, out| {
        out.extend(
            name.chars()
                .flat_map(char::to_lowercase)
                .take(EDIT_DISTANCE_CHARS),
        );
    })
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
