//! Which compiler builds the web module. The dated nightly [`NIGHTLY`], with `rust-src`
//! and the wasm target, rebuilds the standard library for size: panics abort on the spot
//! (no panic message, location or formatting machinery), a derived `Debug` prints only a
//! type name and panic locations carry no file names. That is about a fifth of the gzipped
//! module (see BENCHMARKS.md, "Web bundle size"). Without that toolchain the stable build
//! is used, with a note naming it, so `build-web` works everywhere; the app behaves the
//! same, only its module is larger.

use crate::build::TARGET;
use crate::cargo;
use std::process::Command;

/// The rustup toolchain of the size build, dated: its flags and `-Zbuild-std` are unstable
/// and change from one nightly to the next, so a dated toolchain keeps the build working and
/// its size reproducible (BENCHMARKS.md). It is `rustc 1.97.0-nightly (e50aa6fba
/// 2026-05-19)`; moving to a newer one is a deliberate change, with the sizes measured again.
const NIGHTLY: &str = "nightly-2026-05-20";

/// Flags of the size build, for the wasm target only (build scripts and proc macros are
/// built for the host without them).
/// - `panic=immediate-abort`: a panic is a trap; no message is formatted.
/// - `location-detail=none`: no source paths of panic locations in the data segment.
/// - `fmt-debug=shallow`: a derived `Debug` writes the type's name only. `none` (`{:?}`
///   writes nothing) weighs the same and would blank the values quoted in serde's errors
///   (`invalid type: string "x"`), which the app shows when an import is refused.
const SIZE_RUSTFLAGS: &str =
    "-Zunstable-options -Cpanic=immediate-abort -Zlocation-detail=none -Zfmt-debug=shallow";

/// `cargo` for the wasm build: nightly with `-Zbuild-std` when it can, else the
/// workspace's own cargo.
pub fn wasm_cargo() -> Command {
    if let Some(missing) = nightly_missing() {
        eprintln!("{}", stable_note(&missing));
        return Command::new(cargo());
    }
    let mut command = Command::new("rustup");
    command
        .args(["run", NIGHTLY, "cargo"])
        // The workspace's cargo sets these for its own toolchain.
        .env_remove("RUSTC")
        .env_remove("RUSTDOC")
        .env_remove("RUSTUP_TOOLCHAIN")
        .env("RUSTFLAGS", SIZE_RUSTFLAGS)
        .args([
            "-Zbuild-std=std,panic_abort",
            "-Zbuild-std-features=optimize_for_size",
        ]);
    command
}

/// The note printed when the stable build is used: why, and the line installing the
/// pinned toolchain.
fn stable_note(missing: &str) -> String {
    format!(
        "note: building the web module with stable Rust ({missing}); for the smaller \
         module: rustup toolchain install {NIGHTLY} --profile minimal \
         --component rust-src --target {TARGET}"
    )
}

/// What the nightly toolchain lacks for the size build, or `None` when it has it all.
fn nightly_missing() -> Option<String> {
    let installed = |what: &str| -> Option<String> {
        let out = Command::new("rustup")
            .arg(format!("+{NIGHTLY}"))
            // Asking must not download the toolchain (rustup versions that install a
            // missing toolchain on first use): missing, it is named in the note instead.
            .env("RUSTUP_AUTO_INSTALL", "0")
            .args([what, "list", "--installed"])
            .output()
            .ok()?;
        out.status
            .success()
            .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
    };
    let Some(targets) = installed("target") else {
        return Some(format!("no rustup toolchain `{NIGHTLY}`"));
    };
    if !targets.lines().any(|line| line.trim() == TARGET) {
        return Some(format!("`{NIGHTLY}` lacks the target {TARGET}"));
    }
    let components = installed("component").unwrap_or_default();
    if !components
        .lines()
        .any(|line| line.trim().starts_with("rust-src"))
    {
        return Some(format!("`{NIGHTLY}` lacks the component rust-src"));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_size_build_uses_a_dated_nightly() {
        let date = NIGHTLY.strip_prefix("nightly-").expect("a nightly");
        let parts: Vec<&str> = date.split('-').collect();
        assert_eq!(parts.iter().map(|p| p.len()).collect::<Vec<_>>(), [4, 2, 2]);
        assert!(
            date.chars().all(|c| c.is_ascii_digit() || c == '-'),
            "{date}"
        );
    }

    #[test]
    fn the_stable_note_says_why_and_how_to_install_the_pinned_nightly() {
        let note = stable_note("no rustup toolchain `nightly-2026-05-20`");
        assert!(note.contains("(no rustup toolchain `nightly-2026-05-20`)"));
        assert!(note.contains(&format!(
            "rustup toolchain install {NIGHTLY} --profile minimal --component rust-src \
             --target wasm32-unknown-unknown"
        )));
    }
}
