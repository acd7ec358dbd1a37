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
from exam_bank.items.model import Item
from exam_bank.problems import Problem
from exam_bank.tabular import Row, Table

IMAGES = "\0images"  # a row value: the pictures its cells showed, NUL-separated

# English messages of the shared row rules, and the Indonesian put before them.
_INDONESIAN: tuple[tuple[str, str], ...] = (
    ("give the key letter or the weights", "jawaban benar belum diisi"),
    ("is not an option letter", "jawaban benar bukan huruf pilihan A-E"),
    ("has no option text", "jawaban benar menunjuk pilihan yang kosong"),
    ("is not a number", "bukan angka"),
    ("needs a weight", "bobot pilihan belum diisi"),
    ("needs its key letters", "jawaban benar belum diisi"),
    ("an mc item has one key", "pilihan ganda hanya satu jawaban benar"),
    ("unknown competency", "kompetensi tidak dikenal"),
    ("is also used in row", "id soal dipakai dua kali"),
    ("must be a whole number", "harus bilangan bulat"),
    ("write ya or tidak", "isi ya atau tidak"),
    ("unknown type", "tipe soal tidak dikenal"),
    ("option", "pilihan jawaban bermasalah"),
)


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
        return Problem(place[0] + self.separator + ", ".join(place[1:]) if place[1:]
                       else place[0], bilingual(message))


def bilingual(message: str) -> str:
    if " / " in message:
        return message  # already written in both languages
    lower = message.lower()
    for english, indonesian in _INDONESIAN:
        if english in lower:
            return f"{indonesian} / {message}"
    return message


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
    for row in rows:
        images = row.values.pop(IMAGES, "")
        item = sheet_rules._read_row(sheet, row, catalog, folder, media)
        if item is not None:
            extra = tuple(n for n in images.split("\0") if n and n not in item.media)
            items.append(replace(item, media=item.media + extra))
    return items, sheet.problems, sheet.warnings
