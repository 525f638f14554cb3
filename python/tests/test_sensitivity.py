"""`domino.sensitivity`: the engine's analysis of a batch's ranking over a
table, deterministic for a seed, with located errors."""

import pyarrow as pa
import pyarrow.csv as pcsv
import pytest

import domino
from conftest import BATCH_CSV


@pytest.fixture(scope="module")
def census():
    return pcsv.read_csv(BATCH_CSV)


def test_every_initiative_is_ranked_with_its_range(grid, census):
    result = domino.sensitivity(census, runs=100)
    assert (result["initiatives"], result["ranked"], result["insufficient"]) == (66, 66, None)
    ranks = result["ranks"]
    assert {r["name"] for r in ranks} == set(census.column("id").to_pylist())
    for r in ranks:
        assert 1 <= r["rank_p05"] <= r["median_rank"] <= r["rank_p95"] <= 66
        assert 0 <= r["findings_changed"] <= 1
    nominal = grid.score_batch(census).column("overall").to_pylist()
    best = max(zip(nominal, census.column("id").to_pylist()))[1]
    assert next(r for r in ranks if r["nominal_rank"] == 1)["name"] == best


def test_the_same_seed_gives_the_same_result_whatever_the_threads(grid, census):
    one = grid.sensitivity(census, runs=50, seed=3, jobs=1, leave_one_out=True)
    two = grid.sensitivity(census, runs=50, seed=3, jobs=2, leave_one_out=True)
    one["options"].pop("threads"), two["options"].pop("threads")
    assert one == two
    assert len(one["leave_one_out"]) == len(grid.criteria)
    other = grid.sensitivity(census, runs=50, seed=4)
    assert other["ranks"] != one["ranks"] or other["options"]["seed"] == 4


def test_the_geometric_aggregation_says_how_far_the_ranking_moves(grid, census):
    result = grid.sensitivity(census, runs=20, aggregation="geometric")
    assert result["aggregation_shift"]["compared"] == 66


def test_a_bad_row_or_setting_is_refused(grid):
    table = pa.table({"id": ["a", "b"], "collectif.accueil": ["3", "x"]})
    with pytest.raises(domino.BatchError) as caught:
        grid.sensitivity(table, runs=10)
    assert (caught.value.row, caught.value.column_name, caught.value.cell) == (2, "collectif.accueil", "x")
    with pytest.raises(ValueError, match="spread"):
        grid.sensitivity(table, spread=1.5)
    with pytest.raises(ValueError, match="aggregation="):
        grid.sensitivity(table, aggregation="median")
