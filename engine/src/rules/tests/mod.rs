//! Tests of the rule language, written as its specification.

mod compiled;
mod describe;
mod errors;
mod explain;
mod fixtures;
mod props;
mod semantics;
