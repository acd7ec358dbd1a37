"""What the Word layouts share: their rows checked by the spreadsheet's row rules.

Each layout (header table, vertical table, Candy CBT's markers) turns its rows into the
spreadsheet's column values; from there one set of rules makes the items, and the
problems say where in the document they are, in Indonesian with the English beside it.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass, replace
from pathlib import Path

from exam_bank.competencies import CompetencyCatalog
from exam_bank.importers import spreadsheet as sheet_rules
from exam_bank.importers.row_words import bilingual
from exam_bank.items.model import Item
from exam_bank.problems import Problem
from exam_bank.tabular import Row, Table

IMAGES = "\0images"  # a row value: the pictures its cells showed, NUL-separated


@dataclass
class WordTable(Table):
    """A Word table as the spreadsheet rules see it; problems say tabel/baris/kolom."""

    row_word: str = "baris"  # what a Row's number counts (paragraf, for Candy's markers)
    column_word: str = "kolom"
    separator: str = ", "  # between `where` and the row: "soal.docx: tabel 1, baris 4"

    def problem(self, message: str, row: Row | None = None,
                header: str | None = None) -> Problem:
        place = [self.where]
        if row is not None:
            place.append(f"{self.row_word} {row.number}")
        if header:
            place.append(f"{self.column_word} {self.columns.get(header, header.upper())}")
        # The rules name the sheet's columns (opsi_e); the writer's table says JAWABAN E.
        message = re.sub(r"\b(?:opsi|bobot)_[a-e]\b",
                         lambda m: self.columns.get(m[0], m[0]), message)
        return Problem(place[0] + self.separator + ", ".join(place[1:]) if place[1:]
                       else place[0], bilingual(message))


def plain(cell_html: str) -> str:
    """A cell's subset HTML as the plain text it shows (for NO, KUNCI, KOMPETENSI...)."""
    text = re.sub(r"<br>|</p>|</li>|</h[34]>|</td>", "\n", cell_html)
    return html.unescape(re.sub(r"<[^>]*>", "", text)).strip()


def made_id(path: Path, ordinal: int, number_text: str, position: int) -> str:
    """``<FILE>-<NO>`` (``SOAL-001``); the NO column's digits, else the row's position."""
    stem = re.sub(r"[^A-Za-z0-9_.-]+", "-", path.stem).strip("-").upper() or "SOAL"
    digits = re.sub(r"\D", "", number_text)[:6]
    number = int(digits) if digits else position
    prefix = stem[:48] if ordinal == 1 else f"{stem[:44]}-T{ordinal}"
    return f"{prefix}-{number:03d}"




def read_rows(table: WordTable, rows: list[Row], catalog: CompetencyCatalog, folder: Path,
              media: dict[str, bytes]) -> tuple[list[Item], list[Problem], list[Problem]]:
    """Items of `rows` by the spreadsheet's rules; (items, problems, warnings)."""
    sheet = sheet_rules._columns(table)
    sheet.allow_images = True
    items = []
    first_row: dict[str, int] = {}
    for row in rows:
        images = row.values.pop(IMAGES, "")
        item = sheet_rules._read_row(sheet, row, catalog, folder, media)
        if item is not None and item.id in first_row:
            # Two rows numbered alike (NO 3 twice): the second named, the first in its message.
            sheet.bad(row, "id", f"id {item.id!r} is also used in row {first_row[item.id]}")
        elif item is not None:
            first_row[item.id] = row.number
            extra = tuple(n for n in images.split("\0") if n and n not in item.media)
            items.append(replace(item, media=item.media + extra))
    return items, sheet.problems, sheet.warnings
