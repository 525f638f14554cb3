#!/usr/bin/env bash
# Runs the whole test suite on a fresh machine: installs what it needs (the
# wasm32 Rust target and a dated nightly's rust-src for the web bundle, npm packages, Debian's chromium, postgresql and python3-venv, the
# Python packages of the cross-checks in a virtualenv under target/), then
# checks formatting and lints, runs every Rust test (the workshop server's on
# SQLite, then again on a throwaway PostgreSQL cluster), cross-checks the
# statistics against independent Python implementations, tests the Python
# package, builds the web bundle
# and drives it in headless Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n==> %s\n' "$*" >&2; }

# Installs Debian packages (as root, or through sudo).
apt_install() {
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "$@" >/dev/null
}

step "Tools"
rustup component add rustfmt clippy >/dev/null 2>&1 || true
if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  rustup target add wasm32-unknown-unknown
fi
[ -x /usr/bin/chromium ] || apt_install chromium chromium-driver
python3 -c 'import venv, ensurepip' 2>/dev/null || apt_install python3-venv
ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || apt_install postgresql
# The web bundle builds the standard library for size with the dated nightly named
# once, as NIGHTLY, in xtask/src/toolchain.rs.
NIGHTLY=$(sed -n 's/^const NIGHTLY: &str = "\(.*\)";$/\1/p' xtask/src/toolchain.rs)
[ -n "$NIGHTLY" ] || { echo "tests/run.sh: no NIGHTLY constant in xtask/src/toolchain.rs" >&2; exit 1; }
rustup toolchain list | grep -q "^$NIGHTLY" || rustup toolchain install "$NIGHTLY" --profile minimal
rustup target add wasm32-unknown-unknown --toolchain "$NIGHTLY" >/dev/null 2>&1
rustup component add rust-src --toolchain "$NIGHTLY" >/dev/null 2>&1
if [ ! -d node_modules/playwright-core ] || [ ! -d node_modules/binaryen ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi

step "Formatting and lints"
cargo fmt --all --check
cargo clippy --workspace --all-targets --quiet -- -D warnings
cargo clippy -p domino-web --target wasm32-unknown-unknown --quiet -- -D warnings

step "Rust tests (engine, CLI, web logic, cross-crate)"
cargo test --workspace --quiet

step "Workshop server on PostgreSQL (a throwaway cluster)"
bash tests/pg.sh --quiet

step "Cross-checks against independent implementations (Python)"
VENV=target/venv
if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV"
fi
"$VENV/bin/pip" install --quiet --disable-pip-version-check krippendorff numpy scikit-learn
cargo build --quiet -p domino-cli
"$VENV/bin/python" tests/agreement/crosscheck.py --domino target/debug/domino --cases 100

step "Python package (built with maturin, tested with pytest)"
(cd python && cargo fmt --check && CARGO_TARGET_DIR=../target cargo clippy --quiet --all-targets -- -D warnings)
bash tests/python.sh

step "Web bundle"
cargo xtask build-web

step "Browser tests (headless Chromium)"
node --test tests/browser/
