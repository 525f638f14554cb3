//! "Did you mean …?": the nearest known name, in bounded time.

use std::cell::Cell;

/// "Did you mean …?" — the closest candidate within a small edit distance.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let limit = (word.chars().count() / 3).clamp(1, 4);
    nearest_within(word, candidates, limit, |name, out| {
        out.extend(name.chars().take(EDIT_DISTANCE_CHARS));
    })
}

/// The candidate nearest to `word` within `limit` edits (ties go to the
/// smaller name), comparing the characters `spell` writes for each name: as
/// they are, or lowercased. One buffer serves every candidate.
pub(crate) fn nearest_within<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
    limit: usize,
    spell: impl Fn(&str, &mut Vec<char>),
) -> Option<&'a str> {
    let mut spelt = Vec::new();
    spell(word, &mut spelt);
    let mut other = Vec::new();
    candidates
        .into_iter()
        .filter_map(|c| {
            other.clear();
            spell(c, &mut other);
            bounded_edit_distance(&spelt, &other, limit).map(|d| (d, c))
        })
        .min_by_key(|&(d, c)| (d, c))
        .map(|(_, c)| c)
}

/// How many candidates the did-you-mean hints of one input may still be
/// compared with. An assessment of thousands of unknown criteria against a grid
/// of thousands, or a grid whose thousands of rules misspell names among
/// thousands, gets hints for its first unknown names, then the plain hint, in
/// bounded time, instead of a product of the two sizes.
#[derive(Debug)]
pub(crate) struct SuggestionBudget(Cell<usize>);

impl SuggestionBudget {
    /// About a tenth of a second of comparisons; with DOMINO's 30 criteria,
    /// enough for 30,000 unknown names.
    pub const COMPARISONS: usize = 1_000_000;

    /// A full budget.
    pub fn new() -> Self {
        Self(Cell::new(Self::COMPARISONS))
    }

    /// Takes `candidates` comparisons; false, taking nothing, when fewer are left.
    pub fn take(&self, candidates: usize) -> bool {
        match self.0.get().checked_sub(candidates) {
            Some(left) => {
                self.0.set(left);
                true
            }
            None => false,
        }
    }

    /// [`did_you_mean`] among `candidates`, if the budget still covers them
    /// all; `None`, taking nothing, when it does not.
    pub fn did_you_mean<'a, I>(&self, word: &str, candidates: I) -> Option<&'a str>
    where
        I: IntoIterator<Item = &'a str>,
        I::IntoIter: ExactSizeIterator,
    {
        let candidates = candidates.into_iter();
        if self.take(candidates.len()) {
            did_you_mean(word, candidates)
        } else {
            None
        }
    }
}

impl Default for SuggestionBudget {
    fn default() -> Self {
        Self::new()
    }
}

/// How many characters of each name a did-you-mean compares.
pub(crate) const EDIT_DISTANCE_CHARS: usize = 64;

/// The edit distance of `a` and `b`, by characters, if it is at most `limit`,
/// else `None`. Insertions, deletions, substitutions and transpositions of
/// adjacent characters each cost one (optimal string alignment); callers pass
/// at most [`EDIT_DISTANCE_CHARS`] characters of each name.
///
/// It is found without filling the whole table: strings whose lengths differ by more
/// than `limit` are rejected at once, and the table stops at the first two
/// rows that are both beyond `limit`, since every later cell builds on one
/// of the two rows above it. A hint compares each unknown name with every
/// known one, and almost all of them are far apart.
pub(crate) fn bounded_edit_distance(a: &[char], b: &[char], limit: usize) -> Option<usize> {
    if a.len().abs_diff(b.len()) > limit {
        return None;
    }
    let width = b.len() + 1;
    let mut before: Vec<usize> = vec![usize::MAX; width];
    let mut above: Vec<usize> = (0..width).collect();
    let mut row: Vec<usize> = vec![0; width];
    for i in 1..=a.len() {
        row[0] = i;
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (above[j - 1] + cost).min(above[j] + 1).min(row[j - 1] + 1);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(before[j - 2] + 1);
            }
            row[j] = best;
        }
        let beyond = |cells: &[usize]| cells.iter().all(|&d| d > limit);
        if beyond(&row) && beyond(&above) {
            return None;
        }
        std::mem::swap(&mut before, &mut above);
        std::mem::swap(&mut above, &mut row);
    }
    Some(above[b.len()]).filter(|&d| d <= limit)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The whole optimal-string-alignment table, kept as the reference for
    /// [`bounded_edit_distance`].
    fn edit_distance(a: &str, b: &str) -> usize {
        let a: Vec<char> = a.chars().take(EDIT_DISTANCE_CHARS).collect();
        let b: Vec<char> = b.chars().take(EDIT_DISTANCE_CHARS).collect();
        let width = b.len() + 1;
        let mut d = vec![0usize; (a.len() + 1) * width];
        for (j, cell) in d.iter_mut().enumerate().take(width) {
            *cell = j;
        }
        for i in 1..=a.len() {
            d[i * width] = i;
            for j in 1..=b.len() {
                let cost = usize::from(a[i - 1] != b[j - 1]);
                let mut best = (d[(i - 1) * width + j - 1] + cost)
                    .min(d[(i - 1) * width + j] + 1)
                    .min(d[i * width + j - 1] + 1);
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    best = best.min(d[(i - 2) * width + j - 2] + 1);
                }
                d[i * width + j] = best;
            }
        }
        d[a.len() * width + b.len()]
    }

    proptest! {
        #[test]
        fn the_bounded_edit_distance_agrees_with_the_full_table(
            a in "[abcé]{0,12}",
            b in "[abcé]{0,12}",
            limit in 0usize..6,
        ) {
            let full = edit_distance(&a, &b);
            let a: Vec<char> = a.chars().collect();
            let b: Vec<char> = b.chars().collect();
            let expected = (full <= limit).then_some(full);
            prop_assert_eq!(bounded_edit_distance(&a, &b, limit), expected);
        }
    }

    #[test]
    fn did_you_mean_finds_close_names_only() {
        let names = ["accueil", "contribution", "diversite"];
        assert_eq!(did_you_mean("acceuil", names), Some("accueil"));
        assert_eq!(did_you_mean("zzz", names), None);
    }

    #[test]
    fn two_swapped_letters_count_as_one_edit() {
        assert_eq!(edit_distance("sclae", "scale"), 1);
        assert_eq!(did_you_mean("sclae", ["scale", "scores"]), Some("scale"));
        assert_eq!(edit_distance("abc", "ca"), 3);
    }

    #[test]
    fn a_spent_budget_gives_no_hint_and_takes_nothing() {
        let budget = SuggestionBudget(Cell::new(3));
        assert_eq!(
            budget.did_you_mean("acceuil", ["accueil", "a"]),
            Some("accueil")
        );
        assert_eq!(budget.did_you_mean("acceuil", ["accueil", "a"]), None);
        assert!(budget.take(1));
        assert!(!budget.take(1));
    }
}
