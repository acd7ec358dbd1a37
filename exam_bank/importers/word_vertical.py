"""The vertical Word layout: one table, a row per question and a row per option below it.

ZYA CBT's Word import reads such a table (its ``Modul_import_word.php``): per row a
number, a type (``SOAL`` or ``JAWABAN``), the content, and for an option ``1`` (correct)
or ``0``. Here the table is found by that type column, wherever it is, and its rows are
grouped into questions; turning them into items is the Word importer's work.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from exam_bank.competencies import CompetencyCatalog
from exam_bank.importers.docx_xml import Element, Rich
from exam_bank.importers.word_grid import Grid, cell_text
from exam_bank.importers.word_rules import IMAGES, WordTable, made_id, read_rows
from exam_bank.items.model import Item
from exam_bank.problems import Problem
from exam_bank.tabular import Row

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


_CORRECT = frozenset({"benar", "ya", "v", "\u2713", "\u2714"})
_WRONG = frozenset({"", "0", "salah", "tidak", "-"})


class VerticalReader:
    """A table in the vertical layout (ZYA CBT): SOAL rows, JAWABAN rows with 1 or 0."""

    def __init__(self, path: Path, number: int, rows: Grid, layout: Layout, part: Any,
                 competency: str | None, level: int | None, catalog: CompetencyCatalog,
                 ordinal: int) -> None:
        self.path, self.rows, self.layout, self.part = path, rows, layout, part
        self.competency, self.level, self.catalog, self.ordinal = (competency, level,
                                                                   catalog, ordinal)
        self.problems: list[Problem] = []
        self.warnings: list[Problem] = []
        self.where = f"{path.name}: tabel {number}"

    def read(self, media: dict[str, bytes]) -> list[Item]:
        if not self.competency:
            self.problems.append(Problem(self.where, "kompetensi tidak diketahui: beri "
                                         "--competency / no competency: give --competency"))
            return []
        found, misplaced = questions(self.rows, self.layout)
        self.problems += [Problem(f"{self.where}, baris {r}", m) for r, m in misplaced]
        labels = {"soal": "ISI", "kunci": "KUNCI",
                  **{f"opsi_{c}": f"ISI (JAWABAN {c.upper()})" for c in "abcde"}}
        names = ["id", "tipe", "kompetensi", "level", "soal", "kunci",
                 *(f"opsi_{c}" for c in "abcde")]
        rows = [row for position, question in enumerate(found, start=1)
                if (row := self._row(question, position, media)) is not None]
        items, problems, warnings = read_rows(WordTable(self.where, names, [], labels), rows,
                                              self.catalog, self.path.parent, media)
        self.problems += problems
        self.warnings += warnings
        return items

    def _row(self, question: Question, position: int, media: dict[str, bytes]) -> Row | None:
        item_id = made_id(self.path, self.ordinal, question.number, position)
        if len(question.options) > 5:
            self.problems.append(Problem(f"{self.where}, baris {question.row}", "paling "
                                         "banyak 5 baris JAWABAN (A-E) per soal / at most "
                                         "five options per question"))
            return None
        images: list[str] = []
        values = {"id": item_id, "kompetensi": self.competency or "",
                  "level": str(self.level) if self.level is not None else "",
                  "soal": self._rich(question.stem, item_id, media, images)}
        keys = []
        for letter, (cell, key) in zip("ABCDE", question.options, strict=False):
            values[f"opsi_{letter.lower()}"] = self._rich(cell, item_id, media, images)
            if self._correct(key, cell.row):
                keys.append(letter)
        values["kunci"] = ",".join(keys)
        values["tipe"] = "mr" if len(keys) > 1 else "mc"
        if len(keys) > 1:
            self.warnings.append(Problem(f"{self.where}, baris {question.row}", "lebih dari "
                                         "satu jawaban benar: dibaca sebagai pilihan ganda "
                                         "kompleks (mr) / several correct options: read as "
                                         "an mr item"))
        values[IMAGES] = "\0".join(images)
        return Row(question.row, values)

    def _rich(self, cell: Cell, item_id: str, media: dict[str, bytes],
              images: list[str]) -> str:
        if cell.tc is None:
            return ""
        place = f"{self.where}, baris {cell.row}, kolom ISI"
        rich = Rich(self.part, item_id,
                    lambda message: self.problems.append(Problem(place, message)), media)
        text = rich.cell(cell.tc)
        images += rich.images
        return text

    def _correct(self, key: str, row: int) -> bool:
        text = " ".join(key.split()).lower()
        if text.isdigit():
            return int(text) >= 1  # ZYA CBT: 1 correct, 0 wrong (more than 1 counts as 1)
        if text in _CORRECT or text in _WRONG:
            return text in _CORRECT
        self.problems.append(Problem(f"{self.where}, baris {row}, kolom KUNCI", f"{key!r}: "
                                     "isi 1 (benar) atau 0 (salah) / write 1 (correct) or 0"))
        return False
