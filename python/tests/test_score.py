"""`Grid.score` gives the report of `domino score --format json`, and grids
and assessments that cannot be read raise located errors."""

import pathlib
import pickle
import sys

import pytest

import domino
from conftest import EXAMPLES, ROOT, cli_json

SAMPLES = sorted(EXAMPLES.glob("*.toml"))


def test_the_sixteen_samples_are_there():
    assert len(SAMPLES) == 16


@pytest.mark.parametrize("path", SAMPLES, ids=lambda p: p.stem)
def test_each_sample_scores_as_the_command_does(grid, path):
    expected = cli_json("score", "--format", "json", str(path))
    assert grid.score(path) == expected
    assert grid.score(path.read_text(encoding="utf-8")) == expected


@pytest.mark.skipif(sys.version_info < (3, 11), reason="tomllib is Python 3.11+")
@pytest.mark.parametrize("path", SAMPLES[:4], ids=lambda p: p.stem)
def test_an_assessment_given_as_a_dict_scores_as_its_file(grid, path):
    import tomllib

    answers = tomllib.loads(path.read_text(encoding="utf-8"))
    assert grid.score(answers) == cli_json("score", "--format", "json", str(path))


def test_reports_follow_the_language(grid):
    path = EXAMPLES / "la-redonnerie.toml"
    english = cli_json("--lang", "en", "score", "--format", "json", str(path))
    assert grid.score(path, lang="en") == english
    assert domino.Grid.builtin("domino", lang="en").score(path) == english


def test_an_unknown_criterion_is_located_with_a_suggestion(grid):
    with pytest.raises(domino.AssessmentError) as caught:
        grid.score(
            {
                "assessment": {"grid": "domino", "initiative": "Repair café"},
                "answers": {"collectif.acueil": "3"},
            }
        )
    e = caught.value
    assert isinstance(e, domino.DominoError) and isinstance(e, ValueError)
    assert (e.code, e.line, e.column) == ("unknown-criterion", 7, 5)
    assert e.path == 'answers."collectif.acueil"'
    assert e.hint == "did you mean `collectif.accueil`?"
    assert e.file == "<assessment>"
    assert str(e).startswith("error[unknown-criterion]: grid `domino` has no criterion `collectif.acueil`")
    assert "--> <assessment>:7:5" in str(e)
    assert len(e.diagnostics) == 1 and e.diagnostics[0].text == str(e)


def test_every_bad_answer_of_a_file_is_reported_at_its_line(grid, tmp_path):
    path = tmp_path / "bad.toml"
    path.write_text(
        '[assessment]\ngrid = "domino"\ninitiative = "X"\n[answers]\n'
        '"collectif.accueil" = "9"\n"collectif.contribution" = "+"\n',
        encoding="utf-8",
    )
    with pytest.raises(domino.AssessmentError) as caught:
        grid.score(path)
    lines = [(d.line, d.code) for d in caught.value.diagnostics]
    assert [line for line, _ in lines] == [5, 6]
    assert all(d.file == str(path) for d in caught.value.diagnostics)
    assert f"--> {path}:6:" in str(caught.value)


def test_a_bad_grid_raises_grid_error_with_line_and_column():
    text = (ROOT / "grids" / "domino-express.toml").read_text(encoding="utf-8")
    broken = text.replace('scale = "', 'scale = "nope-', 1)
    with pytest.raises(domino.GridError) as caught:
        domino.Grid.from_toml(broken, name="express.toml")
    e = caught.value
    scale = next(d for d in e.diagnostics if d.code == "unknown-scale")
    assert scale.file == "express.toml" and scale.hint == "known scales: `level`"
    assert broken.splitlines()[scale.line - 1][scale.column - 1 :].startswith('"nope-level"')
    assert f"--> express.toml:{scale.line}:{scale.column}" in str(e)
    assert all(d.severity == "error" for d in e.diagnostics)


def test_a_grid_file_loads_and_describes_its_criteria():
    grid = domino.Grid.load(ROOT / "grids" / "domino.toml")
    assert (grid.id, grid.version) == ("domino", domino.Grid.builtin().version)
    assert grid.hash == domino.Grid.builtin().hash and len(grid.short_hash) == 16
    accueil = grid.criteria[0]
    assert (accueil.id, accueil.axis) == ("collectif.accueil", "collectif")
    assert accueil.titles["en"] == grid.with_lang("en").criteria[0].title
    assert [l.code for l in accueil.levels] == ["0", "1", "2", "3", "4"]
    assert (accueil.not_applicable, accueil.unknown) == ("na", "?")
    assert [a.id for a in grid.axes] == [
        "collectif", "acteur_public", "solidarite", "territoire", "ressources"
    ]
    assert sum(len(a.criteria) for a in grid.axes) == len(grid.criteria)


def test_every_builtin_grid_loads_and_an_unknown_one_is_refused():
    for name in domino.BUILTIN_GRIDS:
        assert domino.Grid.builtin(name).id
    with pytest.raises(ValueError, match="built-in grids are: domino, domino-express"):
        domino.Grid.builtin("dominos")


def test_a_grid_survives_pickling_and_its_errors_too(grid):
    again = pickle.loads(pickle.dumps(grid.with_lang("en")))
    assert (again.hash, again.lang) == (grid.hash, "en")
    try:
        grid.score({"assessment": {"grid": "domino", "initiative": "x"}, "answers": {"x.y": "1"}})
    except domino.AssessmentError as e:
        back = pickle.loads(pickle.dumps(e))
        assert str(back) == str(e) and back.code == e.code
    else:
        pytest.fail("expected an AssessmentError")
