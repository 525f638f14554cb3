#!/usr/bin/env bash
# Instructions per row of `domino batch --jobs 1 -o out.csv`, counted by
# callgrind: a run over N random rows minus a run over the header alone,
# divided by N (so that loading the grid and starting up are left out).
#
#   tests/bench/batch_callgrind.sh [ROWS] [INPUT.csv]
#
# INPUT defaults to the random rows of tests/bench/duckdb_peer.sh
# (target/bench/peer-random-1000000.csv); its first ROWS rows are used
# (default 20,000). Needs valgrind.
source "$(dirname "$0")/common.sh"
ROWS="${1:-20000}"
INPUT="${2:-$WORK/peer-random-1000000.csv}"
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
head -n 1 "$INPUT" > "$WORK/0.csv"
head -n "$((ROWS + 1))" "$INPUT" > "$WORK/n.csv"
count() { # input → instructions
  valgrind --tool=callgrind --callgrind-out-file="$WORK/cg.out" \
    "$BIN" batch --jobs 1 "$1" -o "$WORK/out.csv" 2>&1 >/dev/null |
    sed -n 's/.*refs: *//p' | tr -d ,
}
empty=$(count "$WORK/0.csv")
full=$(count "$WORK/n.csv")
echo "$ROWS rows: $(( (full - empty) / ROWS )) instructions per row ($full - $empty)"
