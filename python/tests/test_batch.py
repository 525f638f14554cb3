"""`Grid.score_batch` gives the columns and values of `domino batch`, for
pyarrow, polars and pandas tables, and reports a bad row as the command
does: located, never dropped."""

import pickle
import warnings

import pyarrow as pa
import pyarrow.csv as pcsv
import pytest

import domino
from conftest import BATCH_CSV, run_domino


def cli_results(grid, csv_path, tmp_path, *args):
    """`domino batch CSV -o out.csv` read back with the types of score_batch."""
    out = tmp_path / "out.csv"
    run_domino("batch", str(csv_path), "-o", str(out), *args)
    schema = grid.batch_schema(errors="raise")
    options = pcsv.ConvertOptions(column_types=schema, strings_can_be_null=False)
    table = pcsv.read_csv(out, convert_options=options)
    return table.select(schema.names)


def as_strings():
    return pcsv.ConvertOptions(
        column_types={name: pa.string() for name in BATCH_CSV.open(encoding="utf-8").readline().strip().split(",")}
    )


def test_the_sample_batch_scores_as_the_command_does(grid, tmp_path):
    expected = cli_results(grid, BATCH_CSV, tmp_path)
    table = pcsv.read_csv(BATCH_CSV, convert_options=as_strings())
    got = grid.score_batch(table, errors="raise")
    assert got.schema == grid.batch_schema(errors="raise")
    assert got.num_rows == expected.num_rows == table.num_rows
    assert got.to_pylist() == expected.to_pylist()


def test_numbers_read_by_type_inference_score_the_same(grid, tmp_path):
    expected = cli_results(grid, BATCH_CSV, tmp_path).to_pylist()
    inferred = pcsv.read_csv(BATCH_CSV)
    assert pa.types.is_integer(inferred.schema.field("acteur_public.soutien").type)
    got = grid.score_batch(inferred)
    assert got.column("error").null_count == got.num_rows
    assert got.drop_columns(["error"]).to_pylist() == expected


def test_polars_and_pandas_frames_score_the_same(grid, tmp_path):
    import pandas as pd
    import polars as pl

    expected = cli_results(grid, BATCH_CSV, tmp_path).to_pylist()
    frames = {
        "polars": pl.read_csv(BATCH_CSV),
        "polars, strings": pl.read_csv(BATCH_CSV, infer_schema=False),
        "polars, categorical": pl.read_csv(BATCH_CSV).with_columns(pl.col("territory").cast(pl.Categorical)),
        "pandas": pd.read_csv(BATCH_CSV),
        "pandas, index set": pd.read_csv(BATCH_CSV).set_index("family", drop=False),
        "pandas, pyarrow strings": pd.read_csv(BATCH_CSV, dtype_backend="pyarrow"),
    }
    for label, frame in frames.items():
        got = grid.score_batch(frame, errors="raise")
        assert got.to_pylist() == expected, label


def test_a_stream_of_small_batches_keeps_the_input_order(grid, tmp_path):
    table = pcsv.read_csv(BATCH_CSV, convert_options=as_strings())
    reader = pa.RecordBatchReader.from_batches(table.schema, table.to_batches(max_chunksize=7))
    got = grid.score_batch(reader, errors="raise", jobs=2)
    assert got.to_pylist() == cli_results(grid, BATCH_CSV, tmp_path).to_pylist()
    one = grid.score_batch(table.to_batches(max_chunksize=5)[1], errors="raise")
    assert one.column("id").to_pylist() == table.column("id").to_pylist()[5:10]


BAD_CSV = (
    "id,name,collectif.accueil,collectif.contribution,territory\n"
    "a,Alpha,3,2,urbain\n"
    "b,Beta,9,2,urbain\n"
    "c,Gamma,2,+,lune\n"
    "d,Delta,1,1,rural\n"
)


def test_a_bad_row_gets_its_error_column_and_the_others_are_scored(grid, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text(BAD_CSV, encoding="utf-8")
    table = pcsv.read_csv(path, convert_options=pcsv.ConvertOptions(strings_can_be_null=False))
    with pytest.warns(domino.DominoWarning, match=r"2 row\(s\) of bad.csv could not be scored"):
        got = grid.score_batch(table, source="bad.csv")
    assert got.num_rows == 4
    assert got.column("id").to_pylist() == ["a", "b", "c", "d"]
    errors = got.column("error").to_pylist()
    assert errors[0] is None and errors[3] is None
    assert got.column("overall").to_pylist()[1:3] == [None, None]
    # The same text as `domino batch` prints for each bad row.
    stderr = run_domino("batch", str(path), "-o", str(tmp_path / "o.csv"), check=False).stderr
    stderr = stderr.replace(str(path), "bad.csv")
    for error in errors[1:3]:
        assert error.startswith("error[")
        assert error in stderr
    assert "row 2, column 3 `collectif.accueil`" in errors[1]
    assert errors[2].count("error[") == 2, "both bad cells of the row are said"


def test_errors_raise_stops_at_the_first_bad_row_with_its_place(grid, tmp_path):
    path = tmp_path / "bad.csv"
    path.write_text(BAD_CSV, encoding="utf-8")
    table = pcsv.read_csv(path)
    with pytest.raises(domino.BatchError) as caught:
        grid.score_batch(table, errors="raise", source="bad.csv")
    e = caught.value
    assert (e.row, e.index, e.column, e.column_name, e.cell) == (2, 1, 3, "collectif.accueil", "9")
    assert e.code == "unknown-code" and "0, 1, 2, 3, 4" in e.hint
    assert str(e).startswith("error[unknown-code]: row 2, column 3 `collectif.accueil`")
    assert "--> bad.csv:3" in str(e)
    assert pickle.loads(pickle.dumps(e)).cell == "9"


def test_a_header_that_does_not_fit_the_grid_is_refused_whole(grid):
    table = pa.table({"id": ["a"], "colectif.accueil": ["3"], "territoire": ["urbain"]})
    with pytest.raises(domino.BatchError) as caught:
        grid.score_batch(table)
    codes = [(d.code, d.row, d.column, d.column_name) for d in caught.value.diagnostics]
    assert codes == [
        ("unknown-column", None, 2, "colectif.accueil"),
        ("unknown-column", None, 3, "territoire"),
    ]
    assert "did you mean `collectif.accueil`?" in str(caught.value)
    assert "header, column 2" in str(caught.value)


def test_a_column_of_dates_is_refused_by_name(grid):
    import datetime

    table = pa.table({"id": ["a"], "collectif.accueil": [datetime.date(2024, 1, 1)]})
    with pytest.raises(domino.BatchError) as caught:
        grid.score_batch(table)
    e = caught.value
    assert (e.code, e.column, e.column_name) == ("unsupported-column-type", 2, "collectif.accueil")
    assert "cast the column to text" in e.hint


def test_floats_nulls_and_nan_read_as_the_cells_of_a_csv_file(grid):
    table = pa.table(
        {
            "id": ["a", "b", "c"],
            "collectif.accueil": pa.array([3.0, None, float("nan")]),
            "collectif.contribution": pa.array([2, None, 4], type=pa.int8()),
        }
    )
    text = pa.table(
        {
            "id": ["a", "b", "c"],
            "collectif.accueil": ["3", "", ""],
            "collectif.contribution": ["2", "", "4"],
        }
    )
    assert grid.score_batch(table).to_pylist() == grid.score_batch(text).to_pylist()
    with pytest.raises(domino.BatchError, match="`2.5`"):
        grid.score_batch(pa.table({"id": ["a"], "collectif.accueil": [2.5]}), errors="raise")


def test_a_table_of_an_earlier_grid_version_is_carried_over(grid, tmp_path):
    from conftest import ROOT

    released = ROOT / "engine" / "tests" / "data" / "released-1.0.0" / "batch.csv"
    expected = cli_results(grid, released, tmp_path, "--from-version", "1.0.0").to_pylist()
    table = pcsv.read_csv(released, convert_options=pcsv.ConvertOptions(strings_can_be_null=False))
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        got = grid.score_batch(table, from_version="1.0.0", errors="raise")
    assert got.to_pylist() == expected
    assert any(issubclass(w.category, domino.DominoWarning) for w in caught)
    with pytest.raises(ValueError, match="no crosswalk from version 0.9"):
        grid.score_batch(table, from_version="0.9")


def test_anything_but_a_table_is_refused(grid):
    with pytest.raises(TypeError, match="expected a table"):
        grid.score_batch([{"id": "a"}])
    with pytest.raises(ValueError, match="errors="):
        grid.score_batch(pa.table({"id": ["a"]}), errors="ignore")


def test_the_gil_is_released_while_rows_are_scored(grid):
    import threading
    import time

    census = pcsv.read_csv(BATCH_CSV, convert_options=as_strings())
    big = pa.concat_tables([census] * 240).combine_chunks()  # one record batch
    spent = []

    def score():
        start = time.perf_counter()
        grid.score_batch(big, jobs=1)
        spent.append(time.perf_counter() - start)

    worker = threading.Thread(target=score)
    ticks = [time.perf_counter()]
    worker.start()
    while worker.is_alive():
        ticks.append(time.perf_counter())
    worker.join()
    longest_pause = max(b - a for a, b in zip(ticks, ticks[1:]))
    assert spent[0] > 0.1, "the table should take a while to score"
    assert longest_pause < spent[0] / 2, "this thread ran while the other scored"
