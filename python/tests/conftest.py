"""Shared fixtures: the repository, the `domino` command the package is
compared with, and the DOMINO grid."""

import json
import os
import pathlib
import subprocess

import pytest

import domino

ROOT = pathlib.Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "grids" / "examples"
BATCH_CSV = EXAMPLES / "batch" / "initiatives.csv"


def domino_command() -> pathlib.Path:
    """The `domino` binary: $DOMINO_BIN, else the debug build (tests/python.sh builds it)."""
    path = pathlib.Path(os.environ.get("DOMINO_BIN", ROOT / "target" / "debug" / "domino"))
    if not path.is_file():
        pytest.fail(f"the `domino` command is needed to compare with: build it (cargo build -p domino-cli) or set DOMINO_BIN; not found: {path}")
    return path


def run_domino(*args: str, check: bool = True) -> subprocess.CompletedProcess:
    """Runs `domino ARGS…` in the repository, output as text."""
    result = subprocess.run(
        [str(domino_command()), *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        env={**os.environ, "NO_COLOR": "1"},
    )
    if check and result.returncode != 0:
        raise AssertionError(f"domino {' '.join(args)} failed:\n{result.stderr}")
    return result


def cli_json(*args: str):
    """The JSON `domino ARGS…` prints."""
    return json.loads(run_domino(*args).stdout)


@pytest.fixture(scope="session")
def grid() -> domino.Grid:
    return domino.Grid.builtin("domino")
