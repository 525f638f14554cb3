#!/usr/bin/env bash
# Python benchmark: `Grid.score_batch` on N rows (default 1,000,000) against
# `domino batch` on the same CSV file, in one run (goal: within 1.5x).
#
#   tests/bench/python.sh [ROWS]
#
# The CSV is the batch benchmark's (tests/bench/batch.sh): the sample rows
# cycled with a fresh id, written to target/bench/batch-ROWS.csv.
set -euo pipefail
cd "$(dirname "$0")/../.."
ROWS="${1:-1000000}"
WORK="${BENCH_DIR:-target/bench}"
VENV=target/pyenv
mkdir -p "$WORK"
CSV="$WORK/batch-$ROWS.csv"

cargo build --release -q -p domino-cli
[ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
"$VENV/bin/pip" install --quiet --disable-pip-version-check "maturin>=1.9.4,<2" pyarrow
export CARGO_TARGET_DIR="$PWD/target" VIRTUAL_ENV="$PWD/$VENV"
(cd python && nice "$VIRTUAL_ENV/bin/maturin" develop --quiet --release)

if [ ! -s "$CSV" ]; then
  echo "generating $CSV ($ROWS rows)…" >&2
  "$VENV/bin/python" - "$ROWS" "$CSV" <<'PY'
import csv, itertools, sys
rows, out = int(sys.argv[1]), sys.argv[2]
with open("grids/examples/batch/initiatives.csv", newline="", encoding="utf-8") as f:
    header, *samples = list(csv.reader(f))
with open(out, "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(header)
    for i, sample in zip(range(rows), itertools.cycle(samples)):
        w.writerow([f"row-{i}", *sample[1:]])
PY
fi
echo "input: $CSV ($ROWS rows, $(du -m "$CSV" | cut -f1) MB), $(nproc) cores" >&2
"$VENV/bin/python" tests/bench/python_batch.py "$CSV" target/release/domino
