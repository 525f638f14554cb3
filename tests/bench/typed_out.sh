#!/usr/bin/env bash
# Typed batch results: `domino batch -o out.xlsx` and `-o out.parquet` over N
# random rows (default 100,000; drawn as tests/bench/duckdb_peer.py draws
# them), wall time, peak RSS and CPU of each, beside `-o out.csv`. With
# BEFORE=path/to/an/earlier/domino, the same runs of that binary first, so
# that a change is measured before and after in one run.
#
#   BEFORE=target/bench/domino-before tests/bench/typed_out.sh [ROWS]
source "$(dirname "$0")/common.sh"
ROWS="${1:-100000}"
CSV="$WORK/typed-random-$ROWS.csv"
generate_once "$CSV" "$ROWS" <<'PY'
import sys
sys.path.insert(0, "tests/bench")
import duckdb_peer
duckdb_peer.generate(duckdb_peer.Grid("grids/domino.toml"), int(sys.argv[1]), sys.argv[2], 18)
PY

measure() { # label, binary, output
  /usr/bin/time -f "%e %M %P" -o "$WORK/typed-time" nice "$2" batch "$CSV" -o "$WORK/typed-out.$3" 2>/dev/null
  read -r secs rss cpu < "$WORK/typed-time"
  printf '%-8s -o out.%-8s %6.2f s  %9.0f rows/s  peak RSS %6.1f MB  CPU %s\n' \
    "$1" "$3" "$secs" "$(echo "$ROWS / $secs" | bc -l)" "$(echo "$rss / 1024" | bc -l)" "$cpu"
}

echo "$ROWS random rows, $(nproc) cores"
for format in csv xlsx parquet; do
  [ -z "${BEFORE:-}" ] || measure before "$BEFORE" "$format"
  measure after "$BIN" "$format"
done
