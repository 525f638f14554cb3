//! Running the `domino` binary from the end-to-end tests.

use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

/// The workspace root, where the grids and fixtures are.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("workspace root")
        .to_path_buf()
}

/// Runs `domino` in `dir` with colours off; returns exit code, stdout, stderr.
pub fn domino(dir: &Path, args: &[&str]) -> (i32, String, String) {
    let o: Output = Command::new(env!("CARGO_BIN_EXE_domino"))
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .stdin(Stdio::null())
        .output()
        .expect("domino runs");
    let text = |b: Vec<u8>| String::from_utf8(b).expect("UTF-8");
    (
        o.status.code().expect("exit code"),
        text(o.stdout),
        text(o.stderr),
    )
}
