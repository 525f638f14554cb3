"""The examples of python/README.md run as written (from the repository's
root), except a block marked as needing a Spark session; the Spark
function they define is run on pyarrow batches here instead."""

import os
import re
import warnings

import pyarrow.csv as pcsv

from conftest import BATCH_CSV, ROOT

README = ROOT / "python" / "README.md"


def blocks():
    text = README.read_text(encoding="utf-8")
    for match in re.finditer(r"(<!-- not run[^>]*-->\n)?```python\n(.*?)```", text, re.S):
        if not match.group(1):
            yield match.group(2)


def test_the_readme_examples_run(capsys):
    namespace = {}
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            for code in blocks():
                exec(compile(code, str(README), "exec"), namespace)
    finally:
        os.chdir(cwd)
    grid = namespace["grid"]
    expected = grid.score_batch(pcsv.read_csv(BATCH_CSV)).drop_columns(["error"]).to_pylist()
    # polars, lazily and on an expression's columns
    assert namespace["scored"].shape[0] == 66
    assert namespace["by_territory"].height == 3
    # Spark's function, given the batches a task would get
    batches = pcsv.read_csv(BATCH_CSV).to_batches(max_chunksize=10)
    rows = [row for b in namespace["score_batches"](iter(batches)) for row in b.to_pylist()]
    assert [{k: v for k, v in r.items() if k != "error"} for r in rows] == expected
    out = capsys.readouterr().out
    assert "domino 1.1.0 38" in out
    assert "2 collectif.accueil 9" in out
    assert 'answers."collectif.acueil" did you mean `collectif.accueil`?' in out


def test_the_dask_example_scores_as_the_whole_file(grid):
    namespace = {"grid": grid}
    code = next(b for b in blocks() if "map_partitions" in b)
    cwd = os.getcwd()
    os.chdir(ROOT)
    try:
        exec(compile(code, str(README), "exec"), namespace)
    finally:
        os.chdir(cwd)
    assert namespace["partitions"].npartitions > 1
    scored = namespace["dask_scored"].reset_index(drop=True)
    expected = grid.score_batch(pcsv.read_csv(BATCH_CSV)).to_pandas()
    assert scored.drop(columns=["error"]).to_dict("records") == expected.drop(columns=["error"]).to_dict("records")
