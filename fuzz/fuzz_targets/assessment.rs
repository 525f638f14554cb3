//! Any UTF-8 text given as an assessment (TOML and JSON) against the DOMINO
//! grid: refused with diagnostics or scored, never a panic. What loads is
//! written back and must read back the same.
//! The property itself is `domino_tests::fuzz_checks::assessment`, which CI also
//! runs on the committed corpus.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: &str| domino_tests::fuzz_checks::assessment(input));
