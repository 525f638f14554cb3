"""Type stubs of the `domino` package (see its docstrings for what each does)."""

import os
from typing import Any, Dict, List, Literal, Mapping, Optional, Tuple, Union

from ._errors import (
    AssessmentError as AssessmentError,
    BatchError as BatchError,
    Diagnostic as Diagnostic,
    DominoError as DominoError,
    DominoWarning as DominoWarning,
    GridError as GridError,
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

BUILTIN_GRIDS: Tuple[str, ...]

_Path = Union[str, "os.PathLike[str]"]
_Assessment = Union[Mapping[str, Any], str, "os.PathLike[str]"]
#: A pyarrow Table, RecordBatch or RecordBatchReader, a polars or pandas
#: DataFrame, or any object with `__arrow_c_stream__`.
_Table = Any
_Errors = Literal["column", "raise"]
_Metric = Literal["ordinal", "interval", "nominal"]
_KappaWeights = Literal["quadratic", "linear", "unweighted"]
_Aggregation = Literal["mean", "geometric"]

class Level:
    code: str
    score: float
    label: str
    def __init__(self, code: str, score: float, label: str) -> None: ...

class Criterion:
    id: str
    axis: str
    title: str
    question: str
    weight: float
    critical: bool
    levels: Tuple[Level, ...]
    not_applicable: Optional[str]
    unknown: Optional[str]
    titles: Mapping[str, str]

class Axis:
    id: str
    title: str
    question: str
    weight: float
    criteria: Tuple[str, ...]

class Grid:
    @classmethod
    def from_toml(cls, text: str, *, name: str = "<grid>", lang: str = "fr") -> Grid: ...
    @classmethod
    def load(cls, path: _Path, *, lang: str = "fr") -> Grid: ...
    @classmethod
    def builtin(cls, name: str = "domino", *, lang: str = "fr") -> Grid: ...
    def with_lang(self, lang: str) -> Grid: ...
    def to_dict(self) -> Dict[str, Any]: ...
    @property
    def id(self) -> str: ...
    @property
    def version(self) -> str: ...
    @property
    def hash(self) -> str: ...
    @property
    def short_hash(self) -> str: ...
    @property
    def lang(self) -> str: ...
    @property
    def languages(self) -> List[str]: ...
    @property
    def title(self) -> str: ...
    @property
    def warnings(self) -> List[str]: ...
    @property
    def source(self) -> str: ...
    @property
    def axes(self) -> List[Axis]: ...
    @property
    def criteria(self) -> List[Criterion]: ...
    @property
    def profile(self) -> List[str]: ...
    def score(self, assessment: _Assessment, *, lang: Optional[str] = None) -> Dict[str, Any]: ...
    def score_batch(
        self,
        table: _Table,
        *,
        errors: _Errors = "column",
        from_version: Optional[str] = None,
        source: str = "<table>",
        jobs: Optional[int] = None,
    ) -> Any:
        """Returns a `pyarrow.Table`."""
    def batch_schema(self, *, errors: _Errors = "column") -> Any:
        """Returns a `pyarrow.Schema`."""
    def sensitivity(self, table: _Table, **options: Any) -> Dict[str, Any]:
        """`domino.sensitivity(table, grid=self, **options)`."""
    def agreement(
        self, data: Union[_Table, List[_Assessment], Tuple[_Assessment, ...]], **options: Any
    ) -> Dict[str, Any]:
        """`domino.agreement(data, grid=self, **options)`."""

def agreement(
    data: Union[_Table, List[_Assessment], Tuple[_Assessment, ...]],
    *,
    grid: Optional[Grid] = None,
    metric: _Metric = "ordinal",
    kappa_weights: Optional[_KappaWeights] = None,
    bootstrap: int = ...,
    seed: int = ...,
    lang: Optional[str] = None,
    source: str = "<table>",
) -> Dict[str, Any]: ...
def sensitivity(
    table: _Table,
    *,
    grid: Optional[Grid] = None,
    runs: int = ...,
    spread: float = ...,
    seed: int = ...,
    aggregation: _Aggregation = "mean",
    leave_one_out: bool = False,
    from_version: Optional[str] = None,
    source: str = "<table>",
    jobs: Optional[int] = None,
    lang: Optional[str] = None,
) -> Dict[str, Any]: ...
