//! The server binary (the same code as `domino serve`) started as a process, its start output read.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};

/// What `domino serve` printed at start.
pub struct StartOutput {
    /// The listen address line's URL.
    pub base: String,
    /// The facilitator's token, when a link was printed.
    pub token: Option<String>,
    /// Every line printed.
    pub lines: Vec<String>,
}

/// Starts the server on `db` with `args`; returns it, its base URL and the facilitator's token, if printed.
pub fn spawn(db: &std::path::Path, args: &[&str]) -> (Child, String, Option<String>) {
    let (child, out) = spawn_output(db, args);
    (child, out.base, out.token)
}

/// Starts the server and reads its start output (up to the facilitator's link or the note about it).
pub fn spawn_output(db: &std::path::Path, args: &[&str]) -> (Child, StartOutput) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_domino-serve"))
        .args(["--db", db.to_str().unwrap(), "--listen", "127.0.0.1:0"])
        .args(args)
        .env("DOMINO_LOG", "warn")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("the server binary starts");
    let mut out = StartOutput {
        base: String::new(),
        token: None,
        lines: Vec::new(),
    };
    for line in BufReader::new(child.stdout.take().unwrap()).lines().take(8) {
        let line = line.unwrap();
        out.lines.push(line.clone());
        if let Some(url) = line.strip_prefix("domino serve: listening on ") {
            out.base = url.to_string();
        }
        if let Some((_, t)) = line.split_once("#/t/") {
            out.token = Some(t.trim().to_string());
            break;
        }
        if line.contains("--new-facilitator-link") {
            break;
        }
    }
    assert!(
        !out.base.is_empty(),
        "the server prints its address: {:?}",
        out.lines
    );
    (child, out)
}
