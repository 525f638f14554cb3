//! Any bytes as a batch CSV file for the DOMINO grid, read as the CLI reads it:
//! a header checked by `RowSchema::new`, then each record by `RowSchema::read`.
//! Every row scores or is refused with located errors; nothing panics.
//! The property itself is `domino_tests::fuzz_checks::batch_csv`, which CI also
//! runs on the committed corpus.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|input: &[u8]| domino_tests::fuzz_checks::batch_csv(input));
