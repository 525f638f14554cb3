//! The fuzzers' corpus, replayed without a fuzzer.
//!
//! `tests/fuzz-corpus/<target>/` keeps, for each fuzz target, the minimized set
//! of inputs that together reach everything the fuzzer reached
//! (`fuzz/keep-corpus.sh` refreshes it). Every input must still satisfy the
//! target's property (`domino_tests::fuzz_checks`): a bug the fuzzer once
//! found, or a path it once opened, stays checked in CI.

use domino_tests::fuzz_checks;
use std::panic::{catch_unwind, AssertUnwindSafe};
use std::path::{Path, PathBuf};

/// Every input of one target, sorted by name, with its bytes.
fn inputs(target: &str) -> Vec<(PathBuf, Vec<u8>)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fuzz-corpus")
        .join(target);
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .collect();
    files.sort();
    assert!(
        files.len() >= 20,
        "{}: only {} inputs; run fuzz/keep-corpus.sh {target}",
        dir.display(),
        files.len()
    );
    files
        .into_iter()
        .map(|path| {
            let bytes = std::fs::read(&path).unwrap();
            (path, bytes)
        })
        .collect()
}

/// Runs `check` on every input of `target` and lists every input that fails
/// (with its panic message) instead of stopping at the first.
fn replay(target: &str, check: impl Fn(&[u8])) {
    let mut failures = Vec::new();
    let inputs = inputs(target);
    for (path, bytes) in &inputs {
        if let Err(panic) = catch_unwind(AssertUnwindSafe(|| check(bytes))) {
            let message = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
                .unwrap_or_default();
            failures.push(format!("{}: {message}", path.display()));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} {target} inputs fail:\n{}",
        failures.len(),
        inputs.len(),
        failures.join("\n")
    );
}

/// The text targets take UTF-8 only, as libFuzzer's `&str` targets do; the
/// corpus keeps no other input, so a file that is not UTF-8 is a mistake.
fn text(bytes: &[u8]) -> &str {
    std::str::from_utf8(bytes).expect("a text target's input is UTF-8")
}

#[test]
fn every_kept_grid_loads_or_is_refused_with_an_error() {
    replay("grid_toml", |bytes| fuzz_checks::grid_toml(text(bytes)));
}

#[test]
fn every_kept_assessment_is_refused_or_scores_and_round_trips() {
    replay("assessment", |bytes| fuzz_checks::assessment(text(bytes)));
}

#[test]
fn every_kept_condition_compiles_and_evaluates_or_is_refused() {
    replay("condition", |bytes| fuzz_checks::condition(text(bytes)));
}

#[test]
fn every_kept_batch_csv_scores_or_points_at_a_column() {
    replay("batch_csv", fuzz_checks::batch_csv);
}

#[test]
fn every_kept_batch_input_counts_each_row_once_and_points_at_its_line() {
    replay("batch_input", fuzz_checks::batch_input);
}

#[test]
fn every_kept_condition_scores_the_same_compiled_and_by_the_reference() {
    replay("compiled_rules", fuzz_checks::compiled_rules);
}
