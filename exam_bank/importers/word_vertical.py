"""The vertical Word layout: one table, a row per question and a row per option below it.

ZYA CBT's Word import reads such a table (its ``Modul_import_word.php``): per row a
number, a type (``SOAL`` or ``JAWABAN``), the content, and for an option ``1`` (correct)
or ``0``. Here the table is found by that type column, wherever it is, and its rows are
grouped into questions; turning them into items is the Word importer's work.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from exam_bank.importers.docx_xml import Element
from exam_bank.importers.word_grid import Grid, cell_text

_KINDS = {"soal": "soal", "pertanyaan": "soal", "jawaban": "jawaban", "pilihan": "jawaban",
          "opsi": "jawaban"}


@dataclass(frozen=True)
class Layout:
    kind: int  # grid column of SOAL/JAWABAN
    content: int  # the column after it: the question or option text
    key: int | None  # the column after that: 1 (correct) or 0


@dataclass
class Cell:
    row: int  # 1-based row of the table (baris)
    tc: Element | None


@dataclass
class Question:
    row: int  # the SOAL row (baris)
    number: str  # the text left of the type column, if any
    stem: Cell
    options: list[tuple[Cell, str]] = field(default_factory=list)  # content, key text


def kind(text: str) -> str | None:
    return _KINDS.get("".join(text.split()).lower().strip(".:"))


def _text(rows: Grid, r: int, c: int) -> str:
    slot = rows[r][c] if c < len(rows[r]) else None
    return cell_text(slot.tc) if slot is not None and not slot.continued else ""


def _tc(rows: Grid, r: int, c: int) -> Element | None:
    slot = rows[r][c] if c < len(rows[r]) else None
    return slot.tc if slot is not None and slot.first and not slot.continued else None


def find_layout(rows: Grid) -> Layout | None:
    """The vertical layout's columns, or None: the table has no SOAL and JAWABAN rows."""
    width = max((len(r) for r in rows), default=0)
    for c in range(width - 1):
        kinds = {kind(_text(rows, r, c)) for r in range(len(rows))}
        if {"soal", "jawaban"} <= kinds:
            return Layout(c, c + 1, c + 2 if c + 2 < width else None)
    return None


def questions(rows: Grid, layout: Layout) -> tuple[list[Question], list[tuple[int, str]]]:
    """The questions in order, and (row, message) for rows that fit none."""
    found: list[Question] = []
    problems: list[tuple[int, str]] = []
    for r in range(len(rows)):
        what = kind(_text(rows, r, layout.kind))
        content = Cell(r + 1, _tc(rows, r, layout.content))
        key = _text(rows, r, layout.key) if layout.key is not None else ""
        if what == "soal":
            number = _text(rows, r, layout.kind - 1) if layout.kind else ""
            found.append(Question(r + 1, number, content))
        elif what == "jawaban":
            if not found:
                problems.append((r + 1, "baris JAWABAN sebelum baris SOAL pertama / an "
                                 "option row before the first question row"))
            else:
                found[-1].options.append((content, key))
        elif found and (_text(rows, r, layout.content) or key):
            problems.append((r + 1, "kolom jenis kosong: tulis SOAL atau JAWABAN / the type "
                             "column is empty: write SOAL or JAWABAN"))
        # rows before the first SOAL (a header row) and empty rows are not items
    return found, problems
