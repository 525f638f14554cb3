//! Project automation for the DOMINO workspace.
//!
//! ```text
//! cargo run -p xtask -- build-web [--no-opt]   # build the web app into web/dist/
//! cargo run -p xtask -- build-web --keep-names # unoptimized, with function names (size analysis)
//! cargo run -p xtask -- serve [--port 8080]    # build, then serve web/dist/ on 127.0.0.1
//! cargo run -p xtask -- size                   # print the bundle size (raw, gzip, brotli)
//! ```
//!
//! `build-web` compiles `domino-web` for `wasm32-unknown-unknown` with the `release-wasm`
//! profile (adding the rust target with rustup when it is missing; with nightly's size build
//! of the standard library when that toolchain is installed, see [`toolchain`]), runs
//! wasm-bindgen as a library (`--target web` output), optionally shrinks the module with
//! `wasm-opt -Oz` (npm `binaryen`, found in `node_modules/.bin`), then gives every file the
//! page loads a content-hashed name, writes the page and its service worker, and
//! precompresses all.

mod build;
mod bundle;
mod names;
mod serve;
mod size;
mod toolchain;

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

type Result<T, E = String> = std::result::Result<T, E>;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("build-web") => build::build_web(&args[1..]).map(|_| ()),
        Some("serve") => serve(&args[1..]),
        Some("size") => size::size().map(|_| ()),
        _ => {
            eprintln!(
                "usage: cargo run -p xtask -- <command>\n\n\
                 commands:\n  \
                 build-web [--no-opt] [--keep-names]  build the web app into web/dist/\n  \
                 serve [--port N] [--no-build] build, then serve web/dist/ on 127.0.0.1\n  \
                 size                          print the bundle size (raw, gzip, brotli)"
            );
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives in the workspace")
        .to_path_buf()
}

fn dist() -> PathBuf {
    root().join("web").join("dist")
}

fn cargo() -> String {
    std::env::var("CARGO").unwrap_or_else(|_| "cargo".into())
}

fn run(command: &mut Command) -> Result<()> {
    eprintln!("$ {command:?}");
    let status = command
        .status()
        .map_err(|e| format!("cannot run {command:?}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{command:?} failed ({status})"))
    }
}

fn serve(args: &[String]) -> Result<()> {
    let mut port = 8080u16;
    let mut build = true;
    let mut it = args.iter();
    while let Some(arg) = it.next() {
        match arg.as_str() {
            "--port" => {
                port = it
                    .next()
                    .and_then(|p| p.parse().ok())
                    .ok_or("--port needs a number")?
            }
            "--no-build" => build = false,
            other => return Err(format!("unknown option {other}")),
        }
    }
    if build {
        build::build_web(&[])?;
    }
    serve::serve(&dist(), port)
}
