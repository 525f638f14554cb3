//! The `domino` command as a library: each subcommand's arguments and entry
//! point, and the streaming batch pipeline (`batch_input::read_stream` then
//! `batch::run_pipeline`), which the fuzzers and cross-crate tests drive
//! without files. The binary (`main.rs`) only parses arguments and dispatches.

pub mod agreement;
pub mod batch;
pub mod batch_chunks;
mod batch_csv;
pub mod batch_input;
pub mod batch_open;
pub mod batch_parquet;
mod batch_parquet_out;
pub mod batch_rows;
pub mod batch_sheet;
pub mod batch_table;
pub mod batch_versions;
pub mod batch_xlsx_in;
mod batch_xlsx_out;
pub mod chart;
pub mod compare;
pub mod failure;
pub mod files;
pub mod grid_command;
pub mod report_html;
pub mod report_markdown;
pub mod report_table;
pub mod score;
pub mod sensitivity;
pub mod serve;
pub mod style;
pub mod summary;
pub mod template;
pub mod upgrade;
pub mod write_behind;
