"""Times `Grid.score_batch` against `domino batch` on the same CSV file, in
one run: the command reading, scoring and writing the file, then the package
reading it with pyarrow (timed apart) and scoring the table.

    python tests/bench/python_batch.py CSV DOMINO_BIN
"""

import os
import subprocess
import sys
import time

import pyarrow.csv as pcsv

import domino


def timed(label, rows, run):
    start = time.perf_counter()
    result = run()
    secs = time.perf_counter() - start
    print(f"{label:<38} {secs:7.2f} s  {rows / secs:10.0f} rows/s", flush=True)
    return secs, result


def main():
    csv, command = sys.argv[1], sys.argv[2]
    out = csv + ".python-bench.out.csv"
    grid = domino.Grid.builtin("domino")
    rows = sum(1 for _ in open(csv, "rb")) - 1
    cli, _ = timed("domino batch -o out.csv", rows, lambda: subprocess.run(
        [command, "batch", csv, "-o", out], check=True, stderr=subprocess.DEVNULL))
    read, table = timed("pyarrow.csv.read_csv", rows, lambda: pcsv.read_csv(csv))
    score, results = timed("grid.score_batch(table)", rows, lambda: grid.score_batch(table))
    assert results.num_rows == rows and results.column("error").null_count == rows
    print(f"score_batch / domino batch: {score / cli:.2f}x; "
          f"read + score_batch / domino batch: {(read + score) / cli:.2f}x (goal: within 1.5x)")
    os.remove(out)


if __name__ == "__main__":
    main()
