#!/usr/bin/env bash
# Batch over the same rows as CSV, .xlsx and Parquet: one run each, wall time
# and peak RSS (`/usr/bin/time -v`), results written as CSV. Then the peak RSS
# of a 1,000,000-row Parquet file (streamed a record batch at a time).
#
#   tests/bench/formats.sh [ROWS] [PARQUET_ROWS]
#
# Needs a Python with openpyxl and pyarrow (PYTHON=/path/to/venv/bin/python);
# see tests/spreadsheets/make_fixtures.py for the install line.
source "$(dirname "$0")/common.sh"
ROWS="${1:-100000}"
BIG="${2:-1000000}"
PY="${PYTHON:-python3}"

"$PY" - "$ROWS" "$BIG" "$WORK" <<'PY'
import csv, os, sys
import pyarrow as pa, pyarrow.parquet as pq
rows, big, work = int(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
with open("grids/examples/batch/initiatives.csv", newline="", encoding="utf-8") as f:
    reader = csv.reader(f)
    header = next(reader)
    samples = list(reader)

def row(i):
    r = list(samples[i % len(samples)])
    r[0] = f"row-{i}"
    return r

def typed(c):
    return int(c) if c.isdigit() else (c or None)

stem = f"{work}/formats-{rows}"
if not os.path.exists(stem + ".xlsx"):
    import openpyxl
    with open(stem + ".csv", "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(row(i) for i in range(rows))
    book = openpyxl.Workbook(write_only=True)
    sheet = book.create_sheet("Initiatives")
    sheet.append(header)
    for i in range(rows):
        sheet.append([typed(c) for c in row(i)])
    book.save(stem + ".xlsx")

def parquet(n, path):
    schema = pa.schema([(h, pa.string()) for h in header])
    with pq.ParquetWriter(path, schema) as w:
        for start in range(0, n, 100_000):
            chunk = [row(i) for i in range(start, min(n, start + 100_000))]
            cols = [pa.array([r[c] or None for r in chunk], pa.string()) for c in range(len(header))]
            w.write_table(pa.Table.from_arrays(cols, schema=schema), row_group_size=100_000)

if not os.path.exists(stem + ".parquet"):
    parquet(rows, stem + ".parquet")
if not os.path.exists(f"{work}/formats-{big}.parquet"):
    parquet(big, f"{work}/formats-{big}.parquet")
PY

measure() { # input
  local log="$WORK/time-formats.txt"
  /usr/bin/time -v "$BIN" batch "$1" -o "$WORK/formats-out.csv" >/dev/null 2>"$log"
  local wall rss
  wall=$(grep 'Elapsed (wall clock)' "$log" | awk '{print $NF}')
  rss=$(grep 'Maximum resident set size' "$log" | awk '{print $NF}')
  printf '%-40s %10s wall %8.1f MB peak RSS %6s MB file\n' "$(basename "$1")" "$wall" "$(echo "$rss / 1024" | bc -l)" "$(du -m "$1" | cut -f1)"
}
for ext in csv xlsx parquet; do
  measure "$WORK/formats-$ROWS.$ext"
done
measure "$WORK/formats-$BIG.parquet"
