//! `domino serve`: the workshop server (the `domino-server` crate) started from the CLI.

use crate::failure::Fail;

/// The options of `domino serve`, defined by the server crate.
pub use domino_server::ServeArgs;

/// Serves until interrupted.
pub fn run(args: ServeArgs) -> Result<u8, Fail> {
    domino_server::run(args).map(|()| 0).map_err(Fail::io)
}
