"""The exceptions of the package, carrying the engine's located diagnostics.

Every exception holds the list of its diagnostics (``e.diagnostics``) and
exposes the first one's fields as its own (``e.message``, ``e.line``,
``e.row``…); ``str(e)`` is the text the ``domino`` command prints, with the
place of each problem and what to do about it.
"""

from __future__ import annotations

from typing import Any, Dict, List, Optional

__all__ = [
    "Diagnostic",
    "DominoError",
    "GridError",
    "AssessmentError",
    "BatchError",
    "DominoWarning",
]


class Diagnostic:
    """One located problem, as the engine reports it.

    For a text (a grid, an assessment): ``file``, ``line`` and ``column``
    (1-based, in characters) and ``path``, the key path in the document.
    For a table: ``row`` (1-based data row, as in the message), ``index``
    (its 0-based position, for ``df.iloc[index]`` or ``df.row(index)``),
    ``column`` (1-based column number), ``column_name`` and ``cell`` (the
    cell's value as read); ``row`` is ``None`` for a problem of the header.
    """

    __slots__ = (
        "severity",
        "code",
        "message",
        "hint",
        "path",
        "file",
        "line",
        "column",
        "row",
        "index",
        "column_name",
        "cell",
        "text",
    )

    severity: str
    code: str
    message: str
    hint: Optional[str]
    path: Optional[str]
    file: str
    line: Optional[int]
    column: Optional[int]
    row: Optional[int]
    index: Optional[int]
    column_name: Optional[str]
    cell: Optional[str]
    text: str

    def __init__(self, **fields: Any) -> None:
        for name in self.__slots__:
            setattr(self, name, fields.get(name))

    def to_dict(self) -> Dict[str, Any]:
        """The fields as a dict."""
        return {name: getattr(self, name) for name in self.__slots__}

    def __repr__(self) -> str:
        where = f"row {self.row}" if self.row is not None else f"line {self.line}"
        return f"<Diagnostic {self.severity}[{self.code}] {where}: {self.message}>"

    def __str__(self) -> str:
        return self.text


class DominoError(Exception):
    """The base of the package's errors: its diagnostics, rendered as ``str(e)``."""

    diagnostics: List[Diagnostic]

    def __init__(self, text: str, diagnostics: List[Dict[str, Any]]) -> None:
        super().__init__(text)
        self.diagnostics = [Diagnostic(**d) for d in diagnostics]

    def _first(self) -> Optional[Diagnostic]:
        return self.diagnostics[0] if self.diagnostics else None

    def __getattr__(self, name: str) -> Any:
        # The first diagnostic's fields, as the exception's own.
        if name in Diagnostic.__slots__ and name != "text":
            first = self._first()
            return getattr(first, name) if first is not None else None
        raise AttributeError(name)

    def __reduce__(self):  # picklable (Dask and Spark send exceptions back)
        return (type(self), (str(self), [d.to_dict() for d in self.diagnostics]))


class GridError(DominoError, ValueError):
    """A grid that cannot be loaded: each problem with its line and column."""


class AssessmentError(DominoError, ValueError):
    """An assessment that cannot be read or scored against the grid."""


class BatchError(DominoError, ValueError):
    """A table that cannot be scored: a bad header or column, or (with
    ``errors="raise"``) the first row that cannot be scored."""


class DominoWarning(UserWarning):
    """A warning of the engine: a grid lint, an answer carried over from an
    earlier grid version, rows left with an ``error`` column."""
