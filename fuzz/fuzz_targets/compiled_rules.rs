//! Any bytes as a condition of the DOMINO grid and an assessment: scoring
//! with the compiled conditions (the closed form of those that have one, the
//! register program of the others) agrees bit for bit with the reference
//! tree evaluator. The property is `domino_tests::fuzz_checks::compiled_rules`,
//! which CI also runs on the committed corpus.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| domino_tests::fuzz_checks::compiled_rules(data));
