"""Problems found in untrusted input, each naming where it was found.

Every reader of outside input (item files, spreadsheets, packages, bundles, config)
collects `Problem`s and raises `InputError` with all of them at once, so a user fixes
a file in one pass. Nothing is written while any problem stands.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with an input, and where.

    `where` is a file name; `line` a 1-based line (text files); `row`/`column`
    locate a spreadsheet cell; `field` names the offending field when no line fits.
    """

    where: str
    message: str
    line: int | None = None
    row: int | None = None
    column: str | None = None
    field: str | None = None
    # The whole location in the reader's words ("soal.xlsx: lembar soal, baris 4, kolom
    # kunci (V)"), when the row/column wording above is not the one to show.
    place: str | None = None

    def __str__(self) -> str:
        if self.place:
            return f"{self.place}: {self.message}"
        place = self.where
        if self.line is not None:
            place += f":{self.line}"
        elif self.row is not None:
            place += f":row {self.row}"
            if self.column:
                place += f", column {self.column}"
        if self.field and self.line is None:
            place += f": {self.field}"
        return f"{place}: {self.message}"


class InputError(Exception):
    """Raised with every problem found in an input; nothing was stored."""

    def __init__(self, problems: Iterable[Problem]):
        self.problems: list[Problem] = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class Problems:
    """Collects problems while reading one input; `raise_if_any` ends the reading."""

    def __init__(self, where: str):
        self.where = where
        self.items: list[Problem] = []

    def add(self, message: str, **place: object) -> None:
        self.items.append(Problem(self.where, message, **place))  # type: ignore[arg-type]

    def extend(self, problems: Iterable[Problem]) -> None:
        self.items.extend(problems)

    def __bool__(self) -> bool:
        return bool(self.items)

    def raise_if_any(self) -> None:
        if self.items:
            raise InputError(self.items)
