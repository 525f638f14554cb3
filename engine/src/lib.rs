//! # DOMINO engine
//!
//! Scores a territorial collaborative practice against a configurable evaluation
//! grid written in TOML. The engine is a pure function — grid + assessment in,
//! report out — with no file or network access: callers (the CLI, the web app)
//! load files and hand the engine strings and values.

pub mod rules;
