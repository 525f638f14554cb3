#!/usr/bin/env bash
# Batch benchmark: generates a CSV of N rows (default 1,000,000) for the DOMINO grid,
# then times `domino batch` against a parse-only pass over the same file and prints
# rows/s, peak memory (max RSS) and CPU use of each.
#
#   tests/bench/batch.sh [ROWS]
#
# Goals: batch within 2x of parse-only, peak RSS < 100 MB, all cores busy.
source "$(dirname "$0")/common.sh"
ROWS="${1:-1000000}"
CSV="$WORK/batch-$ROWS.csv"

# Rows cycle through the sample rows with a fresh id; ~1 in 50 000 is left empty
# (still valid), so every row goes through the full scorer.
generate_once "$CSV" "$ROWS" <<'PY'
import csv, sys
rows, out = int(sys.argv[1]), sys.argv[2]
with open("grids/examples/batch/initiatives.csv", newline="", encoding="utf-8") as f:
    reader = csv.reader(f)
    header = next(reader)
    samples = [r for r in reader]
with open(out, "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(header)
    n = len(samples)
    for i in range(rows):
        r = list(samples[i % n])
        r[0] = f"row-{i}"
        w.writerow(r)
PY
SIZE=$(du -m "$CSV" | cut -f1)
echo "input: $CSV ($ROWS rows, ${SIZE} MB), $(nproc) cores" >&2

measure() { # label, command…
  local label="$1"; shift
  local log="$WORK/time-$label.txt"
  /usr/bin/time -v "$@" >/dev/null 2>"$log"
  local secs rss cpu
  secs=$(grep 'Elapsed (wall clock)' "$log" | awk '{print $NF}' | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }')
  rss=$(grep 'Maximum resident set size' "$log" | awk '{print $NF}')
  cpu=$(grep 'Percent of CPU' "$log" | awk '{print $NF}')
  printf '%-11s %8.2f s  %12.0f rows/s  peak RSS %6.1f MB  CPU %s\n' \
    "$label" "$secs" "$(echo "$ROWS / $secs" | bc -l)" "$(echo "$rss / 1024" | bc -l)" "$cpu"
  echo "$secs" > "$WORK/secs-$label"
}

measure parse-only "$BIN" batch --parse-only "$CSV"
measure batch "$BIN" batch "$CSV" -o "$WORK/out-$ROWS.csv"
measure summary "$BIN" batch "$CSV" --summary --by status,territory
ratio=$(echo "$(cat "$WORK/secs-batch") / $(cat "$WORK/secs-parse-only")" | bc -l)
printf 'batch / parse-only: %.2fx\n' "$ratio"
