#!/usr/bin/env bash
# Batch against a DuckDB query: the DOMINO grid's scoring generated as SQL from
# grids/domino.toml, checked against `domino batch` on 2,000 random rows (same
# axis scores to 0.01, same findings), then timed beside `domino batch -o` and
# `--parse-only` over N random rows (default 1,000,000).
#
#   tests/bench/duckdb_peer.sh [ROWS]      # ROWS = 0: the check alone
#
# Exits 1, before timing, if the query and the engine disagree on the sample,
# or if the grid holds a condition the translator cannot turn into SQL.
source "$(dirname "$0")/common.sh"
ROWS="${1:-1000000}"
VENV=target/benchenv
[ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
"$VENV/bin/python" -c 'import duckdb' 2>/dev/null ||
  "$VENV/bin/pip" install --quiet --disable-pip-version-check duckdb
nice "$VENV/bin/python" tests/bench/duckdb_peer.py "$BIN" "$ROWS"
