#!/usr/bin/env bash
# Typed batch results: `domino batch -o out.xlsx` and `-o out.parquet` over N
# random rows (default 100,000; drawn as tests/bench/duckdb_peer.py draws
# them), wall time, peak RSS and CPU of each, beside `-o out.csv`. With
# BEFORE=path/to/an/earlier/domino, the same runs of that binary first, so
# that a change is measured before and after in one run. With PYTHON=a Python
# with pyarrow, the same rows read from a Parquet file of text columns too
# (`batch rows.parquet -o out.csv`: the typed-table input path).
#
#   BEFORE=target/bench/domino-before PYTHON=target/pyenv/bin/python tests/bench/typed_out.sh [ROWS]
source "$(dirname "$0")/common.sh"
ROWS="${1:-100000}"
CSV="$WORK/typed-random-$ROWS.csv"
generate_once "$CSV" "$ROWS" <<'PY'
import sys
sys.path.insert(0, "tests/bench")
import duckdb_peer
duckdb_peer.generate(duckdb_peer.Grid("grids/domino.toml"), int(sys.argv[1]), sys.argv[2], 18)
PY

measure() { # label, binary, output[, input]
  /usr/bin/time -f "%e %M %P" -o "$WORK/typed-time" nice "$2" batch "${4:-$CSV}" -o "$WORK/typed-out.$3" 2>/dev/null
  read -r secs rss cpu < "$WORK/typed-time"
  printf '%-8s %s-o out.%-8s %6.2f s  %9.0f rows/s  peak RSS %6.1f MB  CPU %s\n' \
    "$1" "${4:+${4##*.} in, }" "$3" "$secs" "$(echo "$ROWS / $secs" | bc -l)" "$(echo "$rss / 1024" | bc -l)" "$cpu"
}

echo "$ROWS random rows, $(nproc) cores"
for format in csv xlsx parquet; do
  [ -z "${BEFORE:-}" ] || measure before "$BEFORE" "$format"
  measure after "$BIN" "$format"
done

if [ -n "${PYTHON:-}" ]; then
  PARQUET="${CSV%.csv}.parquet"
  [ -s "$PARQUET" ] || "$PYTHON" - "$CSV" "$PARQUET" <<'PY'
import sys
import pyarrow as pa, pyarrow.csv as csv, pyarrow.parquet as pq
names = csv.read_csv(sys.argv[1]).column_names
text = csv.ConvertOptions(column_types={n: pa.string() for n in names}, strings_can_be_null=False)
pq.write_table(csv.read_csv(sys.argv[1], convert_options=text), sys.argv[2])
PY
  [ -z "${BEFORE:-}" ] || measure before "$BEFORE" csv "$PARQUET"
  measure after "$BIN" csv "$PARQUET"
fi
