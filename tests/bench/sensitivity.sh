#!/usr/bin/env bash
# Sensitivity benchmark: generates a CSV of N initiatives (default 100,000) for the
# DOMINO grid, each sample row with about a third of its levels redrawn at random
# (seeded), then times `domino sensitivity` with R runs (default 1,000) on every
# core, printing wall time, peak memory (max RSS) and CPU use.
#
#   tests/bench/sensitivity.sh [ROWS] [RUNS]
source "$(dirname "$0")/common.sh"
ROWS="${1:-100000}"
RUNS="${2:-1000}"
CSV="$WORK/sensitivity-$ROWS.csv"

generate_once "$CSV" "$ROWS" <<'PY'
import csv, random, sys
rows, out = int(sys.argv[1]), sys.argv[2]
rng = random.Random(20150415)
with open("grids/examples/batch/initiatives.csv", newline="", encoding="utf-8") as f:
    reader = csv.reader(f)
    header = next(reader)
    samples = [r for r in reader]
levels = [i for i, h in enumerate(header) if "." in h and not h.endswith(("note", "target"))]
with open(out, "w", newline="", encoding="utf-8") as f:
    w = csv.writer(f, lineterminator="\n")
    w.writerow(header)
    for i in range(rows):
        r = list(samples[i % len(samples)])
        r[0] = f"row-{i}"
        for c in levels:
            if r[c] not in ("", "na", "?") and rng.random() < 0.33:
                r[c] = str(rng.randrange(5))
        w.writerow(r)
PY

run() {
  local label="$1"; shift
  /usr/bin/time -f "$label: wall %e s, peak RSS %M KB, CPU %P" "$BIN" "$@" > /dev/null
}
run "sensitivity, $ROWS initiatives × $RUNS runs" sensitivity "$CSV" --runs "$RUNS" --format csv
run "  + leave-one-out" sensitivity "$CSV" --runs "$RUNS" --leave-one-out --format csv
run "  geometric + leave-one-out" sensitivity "$CSV" --runs "$RUNS" --aggregation geometric --leave-one-out --format csv
