//! Sorting through one shared routine.
//!
//! The standard sorts are generated anew for every element type and comparison, which
//! weighs on the WebAssembly build. Here every caller sorts a list of indices with the same
//! code (one comparison through `dyn`), then the elements are moved into place: the result
//! is exactly the standard stable sort's.

use std::cmp::Ordering;
use std::collections::{BTreeMap, BTreeSet};

/// Sorts `v` stably by `compare`, like `<[T]>::sort_by`.
pub(crate) fn sort_by<T>(v: &mut [T], compare: impl Fn(&T, &T) -> Ordering) {
    if v.len() < 2 {
        return;
    }
    let order = sorted_indices(v.len(), &|a, b| compare(&v[a], &v[b]));
    permute(v, &order);
}

/// Sorts `v` stably by key, like `<[T]>::sort_by_key`.
pub(crate) fn sort_by_key<T, K: Ord>(v: &mut [T], key: impl Fn(&T) -> K) {
    sort_by(v, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `v`, like `<[T]>::sort` (and like `sort_unstable` for types whose equal values
/// cannot be told apart).
pub(crate) fn sort<T: Ord>(v: &mut [T]) {
    sort_by(v, T::cmp);
}

/// Collects pairs into a map, like `collect::<BTreeMap<_, _>>()` (the last value wins).
pub(crate) fn map_of<K: Ord, V>(pairs: impl IntoIterator<Item = (K, V)>) -> BTreeMap<K, V> {
    let mut map = BTreeMap::new();
    for (k, v) in pairs {
        map.insert(k, v);
    }
    map
}

/// Collects values into a set, like `collect::<BTreeSet<_>>()`.
pub(crate) fn set_of<T: Ord>(values: impl IntoIterator<Item = T>) -> BTreeSet<T> {
    let mut set = BTreeSet::new();
    for v in values {
        set.insert(v);
    }
    set
}

/// The indices `0..n` in the stable order given by `compare`.
#[inline(never)]
fn sorted_indices(n: usize, compare: &dyn Fn(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| compare(a, b));
    order
}

/// Puts at each position `i` the element found at `order[i]` (a permutation), cycle by cycle.
fn permute<T>(v: &mut [T], order: &[usize]) {
    let mut done = vec![false; v.len()];
    for start in 0..v.len() {
        let mut i = start;
        while !done[i] {
            done[i] = true;
            let from = order[i];
            if from == start {
                break;
            }
            v.swap(i, from);
            i = from;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sorts_like_the_standard_stable_sort() {
        let mut seed = 7u64;
        for len in 0..200 {
            let v: Vec<(u8, usize)> = (0..len)
                .map(|i| {
                    seed = seed
                        .wrapping_mul(6364136223846793005)
                        .wrapping_add(1442695040888963407);
                    ((seed >> 59) as u8, i)
                })
                .collect();
            let mut ours = v.clone();
            sort_by_key(&mut ours, |e| e.0);
            let mut std = v.clone();
            std.sort_by_key(|e| e.0);
            assert_eq!(ours, std);
            let mut ours = v.clone();
            sort(&mut ours);
            let mut std = v;
            std.sort();
            assert_eq!(ours, std);
        }
    }

    #[test]
    fn collects_like_the_standard_collections() {
        let pairs = [("b", 1), ("a", 2), ("b", 3)];
        assert_eq!(map_of(pairs), pairs.into_iter().collect::<BTreeMap<_, _>>());
        assert_eq!(
            set_of([3, 1, 3]),
            [3, 1, 3].into_iter().collect::<BTreeSet<_>>()
        );
    }
}
