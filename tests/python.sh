#!/usr/bin/env bash
# The Python package: builds `python/` with maturin into a virtualenv under
# target/ (pyarrow, polars, pandas, Dask, pytest from PyPI), then runs its
# tests, which compare it with the `domino` command (built first, debug).
#
#   tests/python.sh            # debug build (shares target/debug with cargo test)
#   tests/python.sh --release  # optimized build, for the benchmark
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=target/pyenv
PROFILE="${1:-}"
if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV"
fi
"$VENV/bin/pip" install --quiet --disable-pip-version-check "maturin>=1.9.4,<2" pytest pyarrow polars pandas "dask[dataframe]"
# The tests compare the package with the command.
cargo build --quiet -p domino-cli
# Built into the main target/ so that the engine's dependencies are shared.
export CARGO_TARGET_DIR="$PWD/target" VIRTUAL_ENV="$PWD/$VENV"
(cd python && nice "$VIRTUAL_ENV/bin/maturin" develop --quiet $PROFILE)
"$VENV/bin/python" -m pytest -q python/tests
