//! The `domino` command as a library: each subcommand's arguments and entry
//! point, and the streaming batch pipeline (`input::read_stream` then
//! `batch::run_pipeline`), which the fuzzers and cross-crate tests drive
//! without files. The binary (`main.rs`) only parses arguments and dispatches.

pub mod batch;
pub mod chart;
pub mod common;
pub mod gridcmd;
pub mod html;
mod i18n;
pub mod input;
pub mod score;
pub mod style;
pub mod summary;
pub mod template;
