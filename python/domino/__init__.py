"""DOMINO for Python: score territorial collaborative practices against the
DOMINO evaluation grids, one assessment or a whole census at a time.

>>> import domino
>>> grid = domino.Grid.builtin("domino")
>>> report = grid.score({"assessment": {"grid": "domino", "initiative": "Repair café"},
...                      "answers": {"collectif.accueil": "3"}})
>>> report["axes"][0]["coverage"]["answered"]
1

The engine is the one the ``domino`` command runs: the same grids, the same
reports (``grid.score`` returns the report of ``domino score --format json``),
the same batch results (``grid.score_batch`` returns the columns ``domino
batch`` writes, for a pyarrow Table, a polars or a pandas DataFrame), the same
agreement statistics (``domino.agreement``), and the same located errors,
raised as :class:`DominoError` subclasses.
"""

from __future__ import annotations

import json
import os
import warnings
from dataclasses import dataclass, field
from typing import Any, Dict, List, Mapping, Optional, Tuple, Union

from . import _domino
from ._errors import (
    AssessmentError,
    BatchError,
    Diagnostic,
    DominoError,
    DominoWarning,
    GridError,
)

__all__ = [
    "Grid",
    "Axis",
    "Criterion",
    "Level",
    "agreement",
    "sensitivity",
    "BUILTIN_GRIDS",
    "Diagnostic",
    "DominoError",
    "GridError",
    "AssessmentError",
    "BatchError",
    "DominoWarning",
]

#: The names :meth:`Grid.builtin` takes.
BUILTIN_GRIDS: Tuple[str, ...] = tuple(_domino.BUILTIN_GRIDS)

PathLike = Union[str, "os.PathLike[str]"]


@dataclass(frozen=True)
class Level:
    """One answer option of a criterion's scale."""

    code: str
    """The code written in assessments and batch cells (``"3"``, ``"++"``)."""
    score: float
    """Its score on the scale."""
    label: str
    """Its label, in the grid's language."""


@dataclass(frozen=True)
class Criterion:
    """A criterion of the grid, its texts in the grid's language."""

    id: str
    """Full id ``axis.criterion``: the key in assessments, the column in batches."""
    axis: str
    """The id of its axis."""
    title: str
    question: str
    weight: float
    critical: bool
    """A critical criterion low or unknown is always a point of vigilance."""
    levels: Tuple[Level, ...]
    """The options of its scale, lowest first."""
    not_applicable: Optional[str]
    """The code of the "not applicable" answer, if its scale has one."""
    unknown: Optional[str]
    """The code of the "unknown" answer, if its scale has one."""
    titles: Mapping[str, str] = field(default_factory=dict)
    """The title in each of the grid's languages."""


@dataclass(frozen=True)
class Axis:
    """An axis of the grid."""

    id: str
    title: str
    question: str
    weight: float
    criteria: Tuple[str, ...]
    """The full ids of its criteria."""


def _text(value: Optional[Mapping[str, str]], lang: str) -> str:
    if not value:
        return ""
    return value.get(lang) or next(iter(value.values()))


class Grid:
    """An evaluation grid, loaded and validated by the engine.

    Load one with :meth:`Grid.builtin`, :meth:`Grid.load` or
    :meth:`Grid.from_toml`; a grid that cannot be loaded raises
    :class:`GridError` with every problem located (line, column, hint).
    ``lang`` is the language of the texts of reports and of the properties
    (``fr`` by default, as for the ``domino`` command; ``en``…).

    A grid is immutable, safe to share between threads, and picklable: it can
    be sent to the workers of Spark, Dask or multiprocessing.
    """

    __slots__ = ("_native", "_lang", "_model")

    def __init__(self, native: Any, lang: str = "fr") -> None:
        self._native = native
        self._lang = lang
        self._model: Optional[Dict[str, Any]] = None

    # -- loading ---------------------------------------------------------

    @classmethod
    def from_toml(cls, text: str, *, name: str = "<grid>", lang: str = "fr") -> "Grid":
        """A grid from its TOML text; ``name`` is the file named in messages."""
        return cls(_domino.NativeGrid.from_toml(text, name), lang)

    @classmethod
    def load(cls, path: PathLike, *, lang: str = "fr") -> "Grid":
        """A grid from a TOML file."""
        name = os.fspath(path)
        with open(name, encoding="utf-8-sig") as f:
            return cls.from_toml(f.read(), name=name, lang=lang)

    @classmethod
    def builtin(cls, name: str = "domino", *, lang: str = "fr") -> "Grid":
        """A grid shipped with the engine: ``"domino"``, ``"domino-express"``,
        ``"lieux-partages"`` (see :data:`BUILTIN_GRIDS`)."""
        file, text = _domino.NativeGrid.builtin_source(name)
        return cls.from_toml(text, name=file, lang=lang)

    def with_lang(self, lang: str) -> "Grid":
        """The same grid, its texts and reports in ``lang``."""
        return Grid(self._native, lang)

    def __reduce__(self):
        return (_from_source, (self._native.source, self._lang))

    def __repr__(self) -> str:
        return f"<domino.Grid {self.id} {self.version} ({self.short_hash}), {len(self.criteria)} criteria>"

    # -- properties ------------------------------------------------------

    def to_dict(self) -> Dict[str, Any]:
        """The whole grid as the engine models it (axes, criteria, scales,
        profile fields, rules, recommendations), texts in every language."""
        if self._model is None:
            self._model = json.loads(self._native.to_json())
        return json.loads(json.dumps(self._model))

    def _dict(self) -> Dict[str, Any]:
        if self._model is None:
            self._model = json.loads(self._native.to_json())
        return self._model

    @property
    def id(self) -> str:
        """The grid's stable id (``domino``)."""
        return self._dict()["id"]

    @property
    def version(self) -> str:
        """The version of the grid's content (``1.1.0``)."""
        return self._dict()["version"]

    @property
    def hash(self) -> str:
        """The SHA-256 of the grid's text, in hex: results record it."""
        return self._dict()["hash"]

    @property
    def short_hash(self) -> str:
        """The short hash every output shows (the ``grid_hash`` column)."""
        return self._native.short_hash

    @property
    def lang(self) -> str:
        """The language of texts and reports."""
        return self._lang

    @property
    def languages(self) -> List[str]:
        """The grid's languages, its default first."""
        return list(self._dict()["languages"])

    @property
    def title(self) -> str:
        """The grid's title, in :attr:`lang`."""
        return _text(self._dict()["title"], self._lang)

    @property
    def warnings(self) -> List[str]:
        """The warnings of loading the grid (lints), rendered."""
        return list(self._native.warnings)

    @property
    def source(self) -> str:
        """The grid's TOML text."""
        return self._native.source

    @property
    def axes(self) -> List[Axis]:
        """The axes, in order."""
        lang = self._lang
        return [
            Axis(
                id=a["id"],
                title=_text(a["title"], lang),
                question=_text(a["question"], lang),
                weight=a["weight"],
                criteria=tuple(c["full_id"] for c in a["criteria"]),
            )
            for a in self._dict()["axes"]
        ]

    @property
    def criteria(self) -> List[Criterion]:
        """Every criterion, axis by axis, with its labels and scale."""
        model, lang = self._dict(), self._lang
        scales = model["scales"]
        out = []
        for axis in model["axes"]:
            for c in axis["criteria"]:
                scale = scales[c["scale"]]
                out.append(
                    Criterion(
                        id=c["full_id"],
                        axis=axis["id"],
                        title=_text(c["title"], lang),
                        question=_text(c["question"], lang),
                        weight=c["weight"],
                        critical=c["critical"],
                        levels=tuple(
                            Level(o["code"], o["score"], _text(o["label"], lang))
                            for o in scale["options"]
                        ),
                        not_applicable=(scale.get("not_applicable") or {}).get("code"),
                        unknown=(scale.get("unknown") or {}).get("code"),
                        titles=dict(c["title"]),
                    )
                )
        return out

    @property
    def profile(self) -> List[str]:
        """The ids of the profile fields (batch columns such as ``territory``)."""
        return [p["id"] for p in self._dict()["profile"]]

    # -- scoring ---------------------------------------------------------

    def score(
        self,
        assessment: Union[Mapping[str, Any], str, "os.PathLike[str]"],
        *,
        lang: Optional[str] = None,
    ) -> Dict[str, Any]:
        """Scores one assessment; returns the report, the dict that
        ``domino score --format json`` prints (same keys, same values).

        ``assessment`` is a dict shaped like an assessment file (``assessment``,
        ``profile``, ``answers`` tables), the text of an assessment (TOML or
        JSON), or the path of an assessment file. An assessment that cannot be
        read or does not fit the grid raises :class:`AssessmentError`; warnings
        (answers carried over from another grid version) are issued as
        :class:`DominoWarning`.
        """
        text, is_json, name = _assessment_text(assessment)
        report, warned = self._native.score_json(text, is_json, name, lang or self._lang)
        for w in warned:
            warnings.warn(w, DominoWarning, stacklevel=2)
        return json.loads(report)

    def score_batch(
        self,
        table: Any,
        *,
        errors: str = "column",
        from_version: Optional[str] = None,
        source: str = "<table>",
        jobs: Optional[int] = None,
    ) -> Any:
        """Scores every row of a table; returns a ``pyarrow.Table`` with the
        columns ``domino batch`` writes (``id``, ``name``, ``grid``,
        ``grid_version``, ``grid_hash``, ``overall``, ``<axis>.score`` and
        ``<axis>.coverage`` for each axis, the four finding counts and the
        ``findings`` ids joined with ``;``), one row per input row, in order.

        ``table`` is a pyarrow Table, RecordBatch or RecordBatchReader, a
        polars DataFrame, a pandas DataFrame (its index is not read), or any
        object with ``__arrow_c_stream__``. Its columns are those of a batch
        CSV file: ``id`` and/or ``name``, profile fields, criterion ids (a
        level code each, as text or whole numbers), ``<criterion>.target``,
        ``grid_version``.

        ``errors="column"`` (the default, as ``domino batch``) scores every
        row it can and adds an ``error`` column: null for scored rows, the
        located diagnostics for a row that cannot be scored (its scores null);
        a :class:`DominoWarning` says how many. ``errors="raise"`` (as
        ``domino batch --strict``) raises :class:`BatchError` at the first bad
        row, with its row, column and cell. A header that does not fit the
        grid always raises.

        ``from_version`` reads a table written for an earlier grid version
        through the grid's crosswalk (a row's ``grid_version`` cell takes
        precedence); ``source`` names the table in messages; ``jobs`` is the
        number of threads (default: all cores). The GIL is released while
        rows are scored.
        """
        if errors not in ("column", "raise"):
            raise ValueError(f'errors={errors!r}: expected "column" or "raise"')
        stream, _, failed, warned = self._native.score_batch(
            _arrow_input(table),
            errors == "column",
            from_version,
            source,
            jobs or os.cpu_count() or 1,
        )
        for w in warned:
            warnings.warn(w, DominoWarning, stacklevel=2)
        if failed:
            warnings.warn(
                f"{failed} row(s) of {source} could not be scored: the `error` column says why",
                DominoWarning,
                stacklevel=2,
            )
        return _pyarrow().table(stream)

    def batch_schema(self, *, errors: str = "column") -> Any:
        """The ``pyarrow.Schema`` of :meth:`score_batch`'s results (for Spark's
        ``mapInArrow``, Dask's ``meta``)."""
        return _pyarrow().table(self._native.batch_schema(errors == "column")).schema

    def sensitivity(self, table: Any, **options: Any) -> Dict[str, Any]:
        """:func:`sensitivity` against this grid."""
        return sensitivity(table, grid=self, **options)

    def agreement(self, data: Any, **options: Any) -> Dict[str, Any]:
        """:func:`agreement` against this grid."""
        return agreement(data, grid=self, **options)


def _from_source(source: str, lang: str) -> Grid:
    """Unpickles a grid."""
    return Grid.from_toml(source, lang=lang)


def _pyarrow():
    try:
        import pyarrow
    except ImportError as e:  # pragma: no cover - depends on the environment
        raise ImportError("tables need pyarrow: pip install pyarrow") from e
    return pyarrow


def _assessment_text(assessment: Any) -> Tuple[str, bool, str]:
    """An assessment as (text, is JSON, name in messages)."""
    if isinstance(assessment, Mapping):
        text = json.dumps(assessment, indent=2, ensure_ascii=False, default=_json_value)
        return text, True, "<assessment>"
    if isinstance(assessment, str):
        return assessment, assessment.lstrip("\ufeff \t\r\n").startswith(("{", "[")), "<assessment>"
    if isinstance(assessment, os.PathLike):
        name = os.fspath(assessment)
        with open(name, encoding="utf-8-sig") as f:
            text = f.read()
        is_json = name.endswith(".json") or text.lstrip().startswith("{")
        return text, is_json, name
    raise TypeError(
        f"expected an assessment as a dict, a TOML or JSON text or a path, not {type(assessment).__name__}"
    )


def _json_value(value: Any) -> Any:
    """Dates (as `tomllib` reads them) written as in an assessment file."""
    if hasattr(value, "isoformat"):
        return value.isoformat()
    raise TypeError(f"an assessment holds text, numbers and tables, not {type(value).__name__}")


def _arrow_input(table: Any) -> Any:
    """A table as an object with ``__arrow_c_stream__``."""
    pandas = _module_of(table, "pandas")
    if pandas is not None and isinstance(table, pandas.DataFrame):
        return _pyarrow().Table.from_pandas(table, preserve_index=False)
    if hasattr(table, "__arrow_c_stream__"):
        return table
    pa = _pyarrow()
    if isinstance(table, pa.RecordBatch):
        return pa.Table.from_batches([table])
    raise TypeError(
        "expected a table: a pyarrow Table, RecordBatch or RecordBatchReader, a polars or "
        f"pandas DataFrame, or an object with `__arrow_c_stream__`; not {type(table).__name__}"
    )


def _module_of(value: Any, name: str) -> Any:
    import sys

    module = sys.modules.get(name)
    if module is not None and type(value).__module__.split(".")[0] == name:
        return module
    return None


def agreement(
    data: Any,
    *,
    grid: Optional[Grid] = None,
    metric: str = "ordinal",
    kappa_weights: Optional[str] = None,
    bootstrap: int = _domino.DEFAULT_RESAMPLES,
    seed: int = _domino.DEFAULT_SEED,
    lang: Optional[str] = None,
    source: str = "<table>",
) -> Dict[str, Any]:
    """How far several raters agree: the report of ``domino agreement
    --format json``, per criterion, per axis and overall.

    ``data`` is either a long table (pyarrow, polars, pandas: columns ``id``,
    ``rater``, then criterion ids, one row per initiative and rater) or a list
    of assessments (dicts, TOML or JSON texts, paths) with per-rater answers
    (``"collectif.accueil" = { by = { elu = "3", membre = "1" } }``), pooled by
    initiative id. ``grid`` defaults to the built-in DOMINO grid.

    Each figure holds ``alpha`` (Krippendorff's, ``metric`` ``"ordinal"``,
    ``"interval"`` or ``"nominal"``), ``interval`` (its bootstrap 95 %
    interval: ``low``, ``high``, ``resamples``; ``bootstrap`` resamples from
    ``seed``, 0 for none), ``kappa`` (Cohen's, exactly two raters, with
    ``kappa_weights`` ``"quadratic"``, ``"linear"`` or ``"unweighted"``),
    ``observed_agreement``, ``units``, ``pairable``, ``reliability`` and, when
    alpha cannot be computed, ``undefined`` and the reason in ``note``.

    Bad rows or assessments raise :class:`BatchError` or
    :class:`AssessmentError`, every one of them located.
    """
    grid = grid if grid is not None else Grid.builtin("domino")
    lang = lang or grid.lang
    if isinstance(data, (list, tuple)):
        texts = [_assessment_text(a) for a in data]
        report, warned = _domino.agreement_assessments(
            grid._native, texts, metric, kappa_weights, bootstrap, seed, lang
        )
        for w in warned:
            warnings.warn(w, DominoWarning, stacklevel=2)
    else:
        report = _domino.agreement_table(
            grid._native, _arrow_input(data), metric, kappa_weights, bootstrap, seed, lang, source
        )
    return json.loads(report)


def sensitivity(
    table: Any,
    *,
    grid: Optional[Grid] = None,
    runs: int = _domino.SENSITIVITY_RUNS,
    spread: float = _domino.SENSITIVITY_SPREAD,
    seed: int = _domino.DEFAULT_SEED,
    aggregation: str = "mean",
    leave_one_out: bool = False,
    from_version: Optional[str] = None,
    source: str = "<table>",
    jobs: Optional[int] = None,
    lang: Optional[str] = None,
) -> Dict[str, Any]:
    """How robust a batch's ranking is to the choices behind its scores: the
    engine's sensitivity analysis, as a dict.

    ``table`` is read and scored as :meth:`Grid.score_batch` reads it (a row
    that cannot be scored raises :class:`BatchError`, located: a ranking
    without it would not be the census's). In each of ``runs`` Monte Carlo
    runs every criterion and axis weight is multiplied by a factor uniform in
    ``[1 - spread, 1 + spread)`` (seeded: the same ``seed`` gives the same
    result, whatever ``jobs``), the initiatives are scored with
    ``aggregation`` (``"mean"``, the grid's, or ``"geometric"``) and ranked.

    The result holds, per initiative (``ranks``), its ``nominal_rank``, its
    ``median_rank``, its 5th–95th percentile range (``rank_p05``,
    ``rank_p95``) and the share of runs in which its findings change
    (``findings_changed``); with ``leave_one_out``, per criterion how far
    leaving it out moves the ranking; with the geometric aggregation, the
    shift between the two rankings; ``insufficient`` says when there is too
    little to rank.
    """
    grid = grid if grid is not None else Grid.builtin("domino")
    report, warned = _domino.sensitivity(
        grid._native,
        _arrow_input(table),
        runs,
        spread,
        seed,
        aggregation,
        leave_one_out,
        jobs or os.cpu_count() or 1,
        from_version,
        source,
        lang or grid.lang,
    )
    for w in warned:
        warnings.warn(w, DominoWarning, stacklevel=2)
    return json.loads(report)
