//! Any bytes as a batch input (CSV, JSON array, NDJSON) through the `domino
//! batch` pipeline itself: every row counted once, results that parse, and
//! messages that point at a line of the input.
//! The property itself is `domino_tests::fuzz_checks::batch_input`, which CI
//! also runs on the committed corpus.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: &[u8]| domino_tests::fuzz_checks::batch_input(input));
