# Setup shared by the benchmark scripts, sourced first: strict mode, the
# workspace root as working directory, the work directory (BENCH_DIR,
# default target/bench) as $WORK, and the release binary as $BIN, built
# unless DOMINO names another one.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/../.."
WORK="${BENCH_DIR:-target/bench}"
mkdir -p "$WORK"
BIN="${DOMINO:-target/release/domino}"
[ -n "${DOMINO:-}" ] || nice cargo build --release -q -p domino-cli

# Writes CSV ($1, $2 rows) with the Python program on stdin, given the rows
# and the path, unless an earlier run left it.
generate_once() {
  if [ ! -s "$1" ]; then
    echo "generating $1 ($2 rows)…" >&2
    python3 - "$2" "$1"
  fi
}
