//! Any UTF-8 text given as a grid: loads or is refused with located
//! diagnostics, never panics; a grid that loads scores an empty assessment, whose JSON
//! report reads back identical.
//! The property itself is `domino_tests::fuzz_checks::grid_toml`, which CI also
//! runs on the committed corpus.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: &str| domino_tests::fuzz_checks::grid_toml(input));
