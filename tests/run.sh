#!/usr/bin/env bash
# Runs the whole test suite on a fresh machine: installs what it needs (the
# wasm32 Rust target, npm packages, Debian's chromium), then checks formatting
# and lints, runs every Rust test, builds the web bundle and drives it in
# headless Chromium.
set -euo pipefail
cd "$(dirname "$0")/.."

step() { printf '\n==> %s\n' "$*" >&2; }

step "Tools"
rustup component add rustfmt clippy >/dev/null 2>&1 || true
if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
  rustup target add wasm32-unknown-unknown
fi
if [ ! -x /usr/bin/chromium ]; then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends chromium chromium-driver >/dev/null
fi
if [ ! -d node_modules/playwright-core ] || [ ! -d node_modules/binaryen ]; then
  npm ci --no-audit --no-fund --loglevel=error
fi

step "Formatting and lints"
cargo fmt --all --check
cargo clippy --workspace --all-targets --quiet -- -D warnings
cargo clippy -p domino-web --target wasm32-unknown-unknown --quiet -- -D warnings

step "Rust tests (engine, CLI, web logic, cross-crate)"
cargo test --workspace --quiet

step "Web bundle"
cargo xtask build-web

step "Browser tests (headless Chromium)"
node --test tests/browser/
