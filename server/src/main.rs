//! `domino-serve`: the workshop server on its own, the same as `domino serve`.

use clap::Parser;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "domino-serve",
    about = "Serve DOMINO workshops: the web app and its JSON API"
)]
struct Cli {
    #[command(flatten)]
    serve: domino_server::ServeArgs,
}

fn main() -> ExitCode {
    match domino_server::run(Cli::parse().serve) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
