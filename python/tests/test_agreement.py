"""`domino.agreement` gives the figures of `domino agreement`: Krippendorff's
published examples, the CLI's JSON for long tables and assessment files,
and located errors for bad rows."""

import pyarrow as pa
import pyarrow.csv as pcsv
import pytest

import domino
from conftest import ROOT, cli_json

AGREEMENT = ROOT / "tests" / "agreement"

# Krippendorff (2011), "Computing Krippendorff's Alpha-Reliability", section C:
# 4 observers × 12 units with missing values; the values 1–5 written as the
# DOMINO levels 0–4 (one less), which changes no alpha (as in the engine's test).
REFERENCE = {
    "a": "0,1,2,2,1,0,3,0,1,,,",
    "b": "0,1,2,2,1,1,3,0,1,4,,2",
    "c": ",2,2,2,1,2,3,1,1,4,0,",
    "d": "0,1,2,2,1,3,3,0,1,4,0,",
}


def reference_table():
    ids, raters, levels = [], [], []
    for rater, values in REFERENCE.items():
        for unit, value in enumerate(values.split(",")):
            ids.append(f"u{unit}")
            raters.append(rater)
            levels.append(value)
    return pa.table({"id": ids, "rater": raters, "collectif.accueil": levels})


@pytest.mark.parametrize("metric, alpha", [("nominal", 0.743), ("ordinal", 0.815), ("interval", 0.849)])
def test_krippendorffs_published_example_is_reproduced(metric, alpha):
    report = domino.agreement(reference_table(), metric=metric, bootstrap=0)
    accueil = report["criteria"][0]
    assert accueil["id"] == "collectif.accueil"
    assert round(accueil["alpha"], 3) == alpha
    assert (accueil["pairable"], accueil["units"], accueil["kappa"]) == (40, 11, None)
    assert accueil["interval"] is None


def test_polars_and_pandas_tables_give_the_same_figures():
    import polars as pl

    table = reference_table()
    expected = domino.agreement(table, bootstrap=200)
    assert domino.agreement(pl.from_arrow(table), bootstrap=200) == expected
    assert domino.agreement(table.to_pandas(), bootstrap=200) == expected
    assert expected["criteria"][0]["interval"]["resamples"] > 0


def test_a_long_csv_table_gives_the_commands_json():
    path = AGREEMENT / "three-raters.csv"
    expected = cli_json("agreement", str(path), "--format", "json")
    table = pcsv.read_csv(path, convert_options=pcsv.ConvertOptions(strings_can_be_null=False))
    assert domino.agreement(table) == expected
    english = cli_json("--lang", "en", "agreement", str(path), "--format", "json", "--metric", "interval", "--seed", "7")
    assert domino.agreement(table, metric="interval", seed=7, lang="en") == english


def test_assessments_with_per_rater_answers_give_the_commands_json():
    path = AGREEMENT / "jardin-partage-trois-evaluateurs.toml"
    expected = cli_json("agreement", str(path), "--format", "json", "--kappa-weights", "linear")
    assert domino.agreement([path], kappa_weights="linear") == expected
    assert domino.Grid.builtin().agreement([path.read_text(encoding="utf-8")], kappa_weights="linear") == expected


def test_two_raters_get_cohens_kappa():
    table = pa.table(
        {
            "id": ["a", "a", "b", "b", "c", "c"],
            "rater": ["x", "y"] * 3,
            "collectif.accueil": ["0", "0", "2", "3", "4", "4"],
        }
    )
    report = domino.agreement(table, bootstrap=0)
    assert report["kappa_weights"] == "quadratic"
    assert report["criteria"][0]["kappa"] is not None


def test_too_little_data_is_said_in_words_not_nan():
    table = pa.table({"id": ["a", "b"], "rater": ["elu", "elu"], "collectif.accueil": ["1", "3"]})
    accueil = domino.agreement(table, lang="en")["criteria"][0]
    assert (accueil["alpha"], accueil["undefined"]) == (None, "one-rater")
    assert accueil["note"]


def test_every_bad_row_is_raised_with_its_place():
    table = pa.table(
        {
            "id": ["a", "a", "b"],
            "rater": ["x", "x", ""],
            "collectif.accueil": ["1", "2", "7"],
        }
    )
    with pytest.raises(domino.BatchError) as caught:
        domino.agreement(table, source="ratings")
    found = [(d.code, d.row, d.column_name) for d in caught.value.diagnostics]
    assert ("duplicate-rating", 2, "rater") in found
    assert ("empty-cell", 3, "rater") in found
    assert ("unknown-code", 3, "collectif.accueil") in found
    assert "--> ratings:3" in str(caught.value)


def test_a_long_table_needs_its_id_and_rater_columns():
    with pytest.raises(domino.BatchError, match="no `rater` column"):
        domino.agreement(pa.table({"id": ["a"], "collectif.accueil": ["1"]}))
    with pytest.raises(ValueError, match="metric="):
        domino.agreement(reference_table(), metric="ratio")
