//! Any text as a rule condition of the DOMINO grid: compiled against the
//! grid's names when the grid loads (as the only rule), then evaluated on
//! sample assessments.
//! The property itself is `domino_tests::fuzz_checks::condition`, which CI also
//! runs on the committed corpus.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: &str| domino_tests::fuzz_checks::condition(input));
