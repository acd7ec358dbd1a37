"""Items from Word (.docx) tables: the layout Indonesian CBT templates use, and Ujikom's own.

Every table of the document (also one inside a content control) whose header row (one
of its first six rows) has a ``SOAL`` column is an item table; its columns are found by
their header text, case, spacing and punctuation ignored, never by position, through
Word's merged cells (`word_grid`: a two-row header with ``JAWABAN`` over ``A`` … ``E``):

=================================  ==================================================
NO                                 question number; with no ID column the id is
                                   ``<FILE>-<NO>`` (``SOAL-001``)
SOAL [PERTANYAAN, PERNYATAAN]      the stem (rich text and pictures kept)
JAWABAN A..E [PILIHAN A, OPSI A, A] the options
JAWABAN BENAR [KUNCI, KUNCI JAWABAN]  key letter(s)
BOBOT A..E [NILAI A, SKOR A]       option weights (SJT)
SKALA, TERBALIK                    Likert
ID, TIPE, KOMPETENSI, LEVEL, TOPIK, PENULIS, STATUS, TAG …  as the spreadsheet template
=================================  ==================================================

A table without such a header may be in the vertical layout (`word_vertical`, ZYA CBT):
a SOAL row per question and a JAWABAN row per option, 1 or 0 for correct or wrong. A
document with no item table at all may be in Candy CBT's layout (`word_markers`):
paragraphs marked ``Q:1)``, ``A:)`` … ``E:)``, ``Correct:B``.

Without a TIPE column a table with BOBOT columns holds ``sjt`` items, one with SKALA or
TERBALIK ``likert`` items, any other ``mc``. Competency and level come from their
columns or from ``--competency``/``--level``. The rows are then checked exactly as the
spreadsheet importer checks its rows (one set of rules), all-or-nothing, each problem
named ``soal.docx: tabel 1, baris 4, kolom JAWABAN BENAR: …`` (baris counts the
table's rows, the header being baris 1).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from exam_bank.competencies import DEFAULT_CATALOG, CompetencyCatalog
from exam_bank.importers import spreadsheet as sheet_rules
from exam_bank.importers.base import ImportResult
from exam_bank.importers.docx_xml import Rich, body_tables, open_document, tracked_in, w
from exam_bank.importers.examples import MARK, SKIPPED, is_example, is_marked
from exam_bank.importers.word_grid import Grid, Header, find_header, grid
from exam_bank.importers.word_markers import MarkedReader, has_markers
from exam_bank.importers.word_rules import IMAGES, WordTable, made_id, plain, read_rows
from exam_bank.importers.word_vertical import VerticalReader, find_layout
from exam_bank.items.model import Item
from exam_bank.problems import InputError, Problem
from exam_bank.tabular import Row

RICH_COLUMNS = frozenset({"soal", "kasus", *(f"opsi_{c}" for c in "abcde")})
NUMBER = "no"  # the question-number column: not an item field, used for ids

def canonical_header(text: str) -> str | None:
    """The spreadsheet column a Word header stands for, NUMBER, or None (not used)."""
    key = re.sub(r"[^0-9a-z]+", "_", text.lower()).strip("_")
    if re.fullmatch(r"[a-e]", key):
        return f"opsi_{key}"  # a bare letter over an option column
    if key in ("no", "nomor", "no_soal", "nomor_soal", "nomor_urut", "no_urut"):
        return NUMBER
    if key in ("soal", "pertanyaan", "pernyataan", "butir_soal", "teks_soal"):
        return "soal"
    if key in ("jawaban_benar", "kunci", "kunci_jawaban", "jawaban", "key"):
        return "kunci"
    if m := re.fullmatch(r"(?:jawaban|pilihan|opsi|option)_?(?:jawaban_)?([a-e])", key):
        return f"opsi_{m.group(1)}"
    if m := re.fullmatch(r"(?:bobot|nilai|skor|weight)_?(?:jawaban_|pilihan_|opsi_)?([a-e])",
                         key):
        return f"bobot_{m.group(1)}"
    lookup = {alias: c.name for c in sheet_rules.COLUMNS for alias in (c.name, *c.aliases)}
    return lookup.get(key)


def read_word(path: Path, *, competency: str | None = None, level: int | None = None,
              catalog: CompetencyCatalog = DEFAULT_CATALOG) -> ImportResult:
    """Every item of the item tables of a .docx, or InputError naming every bad cell."""
    document = open_document(path)
    problems: list[Problem] = []
    items: list[Item] = []
    media: dict[str, bytes] = {}
    warnings: list[Problem] = []
    examples: list[Problem] = []
    found = 0
    for number, tbl in enumerate(body_tables(document.element.body), start=1):
        rows = grid(tbl)
        # First by SOAL and JAWABAN rows in one column: their SOAL cells would pass for a
        # header row otherwise.
        layout = find_layout(rows)
        header = find_header(rows, canonical_header) if layout is None else None
        reader: _TableReader | VerticalReader
        if layout is not None:
            reader = VerticalReader(path, number, rows, layout, document.part, competency,
                                     level, catalog, found + 1)
        elif header is not None:
            reader = _TableReader(path, number, rows, header, document.part, competency,
                                  level, catalog, found + 1)
        else:
            continue  # not an item table (a title or mapel/kelas table)
        found += 1
        items += reader.read(media)
        problems += reader.problems
        warnings += reader.warnings
        if isinstance(reader, _TableReader):
            examples += reader.examples
    if not found and has_markers(document.element.body):  # Candy CBT: no table at all
        marked = MarkedReader(path, document.element.body, document.part, competency, level,
                              catalog)
        items += marked.read(media)
        problems += marked.problems
        warnings += marked.warnings
        found = 1
    if not found:
        problems.append(Problem(str(path), "tidak ada tabel soal: tabel harus punya baris "
                                "judul dengan kolom SOAL, atau baris SOAL dan JAWABAN, dan "
                                "tidak ada penanda Q:1) / no item table: a table needs a "
                                "header row with a SOAL column, or SOAL and JAWABAN rows, "
                                "and no Q:1) markers were found"))
    seen: dict[str, int] = {}
    for item in items:
        seen[item.id] = seen.get(item.id, 0) + 1
    problems += [Problem(str(path), f"id soal {i!r} dipakai {n} kali / item id {i!r} is "
                         f"used {n} times") for i, n in seen.items() if n > 1]
    if problems:
        raise InputError(list(dict.fromkeys(problems)))
    return ImportResult(str(path), items, media, warnings, examples=examples)


class _TableReader:
    def __init__(self, path: Path, number: int, rows: Grid, header: Header, part: Any,
                 competency: str | None, level: int | None, catalog: CompetencyCatalog,
                 ordinal: int) -> None:
        self.path, self.number, self.rows, self.header = path, number, rows, header
        self.part, self.competency, self.level, self.catalog = part, competency, level, catalog
        self.ordinal = ordinal
        self.problems: list[Problem] = []
        self.warnings: list[Problem] = []
        self.examples: list[Problem] = []
        self.where = f"{path.name}: tabel {number}"

    def read(self, media: dict[str, bytes]) -> list[Item]:
        labels: dict[str, str] = {}
        for name, label in zip(self.header.names, self.header.labels, strict=True):
            if name in labels and name is not None:
                self.problems.append(Problem(f"{self.where}, kolom {label}", f"kolom ini sama "
                                     f"dengan kolom {labels[name]} / same column twice"))
            elif name is None and label and label not in labels.values():
                self.warnings.append(Problem(f"{self.where}, kolom {label}", "kolom tidak "
                                     "dipakai Ujikom, diabaikan / column not used, ignored"))
            if name is not None:
                labels.setdefault(name, label)
        self.labels = labels
        names = set(labels) - {NUMBER}
        fixed = self._fixed_columns(names)
        if self.problems:
            return []
        made = {"id": labels[NUMBER]} if "id" in fixed and NUMBER in labels else {}
        table = WordTable(self.where, sorted(names | set(fixed)), [],
                          {**{n: n.upper() for n in fixed}, **made, **labels})
        rows = [row for index in range(self.header.data_from, len(self.rows))
                if (row := self._row(index, fixed, media)) is not None]
        items, problems, warnings = read_rows(table, rows, self.catalog, self.path.parent,
                                              media)
        self.problems += problems
        self.warnings += warnings
        return items

    def _fixed_columns(self, names: set[str]) -> dict[str, str]:
        """Values for the columns the table leaves to the file name and command line."""
        fixed: dict[str, str] = {}
        if "tipe" not in names:
            fixed["tipe"] = ("sjt" if any(n.startswith("bobot_") for n in names)
                             else "likert" if names & {"skala", "terbalik"} else "mc")
        if "kompetensi" not in names:
            if not self.competency:
                self.problems.append(Problem(self.where, "kompetensi tidak diketahui: tambah "
                                     "kolom KOMPETENSI atau beri --competency / no "
                                     "competency: add a KOMPETENSI column or give "
                                     "--competency"))
            fixed["kompetensi"] = self.competency or ""
        if "level" not in names and self.level is not None:
            fixed["level"] = str(self.level)
        if "id" not in names:
            fixed["id"] = ""  # made per row from NO
        return fixed

    def _row(self, index: int, fixed: dict[str, str], media: dict[str, bytes]) -> Row | None:
        """The values of one item row, or None for an empty (template) row."""
        number = index + 1
        slots = self.rows[index]
        values: dict[str, str] = {}
        images: list[str] = []
        pictures = False
        cells = {}
        for column, name in enumerate(self.header.names):
            slot = slots[column] if column < len(slots) else None
            if name is None:
                continue
            values.setdefault(name, "")
            if slot is not None and slot.first and not slot.continued:
                cells[name] = slot.tc  # a merged-down cell's content is the row above's
        for name, tc in cells.items():  # plain columns first: the id names the media folder
            if name not in RICH_COLUMNS:
                flat = Rich(self.part, "", self._reporter(number, name), {})
                values[name] = plain(flat.cell(tc))
                if flat.images:
                    pictures = True
                    flat.report("gambar hanya boleh di kolom SOAL dan pilihan jawaban / "
                                 "pictures belong in the SOAL and option columns")
        prefix = (values.get("id") or ("" if "id" in self.labels else
                                       self._made_id(values.get(NUMBER, ""), index))
                  or f"baris-{number}")
        for name, tc in cells.items():
            if name in RICH_COLUMNS:
                rich = Rich(self.part, prefix, self._reporter(number, name), media)
                values[name] = rich.cell(tc)
                images += rich.images
                pictures = pictures or bool(rich.images)
        tr = next((slot.tc.getparent() for slot in slots if slot is not None), None)
        if message := tracked_in(tr.find(w("trPr")) if tr is not None else None):
            self.problems.append(Problem(f"{self.where}, baris {number}", message))
        if not pictures and not any(v.strip() for k, v in values.items() if k != NUMBER):
            return None  # an empty template row
        if self._example(number, values):
            return None
        number_text = values.pop(NUMBER, "")
        # "KOMPETENSI dan LEVEL boleh dikosongkan bila diberikan saat impor" (the template)
        if not values.get("kompetensi", "x").strip() and self.competency:
            values["kompetensi"] = self.competency
        if not values.get("level", "x").strip() and self.level is not None:
            values["level"] = str(self.level)
        row = Row(number, {**fixed, **values})
        if "id" in fixed:
            row.values["id"] = self._made_id(number_text, index)
        row.values[IMAGES] = "\0".join(images)
        return row

    def _example(self, number: int, values: dict[str, str]) -> bool:
        """True for a template example row (skipped, and noted in the report)."""
        marker = values.get("id") or values.get(NUMBER, "")
        if is_example(marker, plain(values.get("soal", ""))):
            self.examples.append(Problem(f"{self.where}, baris {number}", SKIPPED))
            return True
        if is_marked(values.get(NUMBER, "")) and not values.get("id"):
            # The example overwritten with a real question: NO "CONTOH" cannot make its id.
            self.problems.append(Problem(
                f"{self.where}, baris {number}, kolom {self._label(NUMBER)}",
                f"NO berisi {MARK} tetapi soalnya bukan soal contoh: tulis nomor soal di "
                f"kolom NO agar diimpor, atau hapus baris ini / NO says {MARK} but the "
                "question is not the template's example: write its number in NO to import "
                "it, or delete the row"))
            return True
        return False

    def _reporter(self, number: int, name: str) -> Callable[[str], None]:
        place = f"{self.where}, baris {number}, kolom {self._label(name)}"
        return lambda message: self.problems.append(Problem(place, message))

    def _label(self, name: str) -> str:
        return self.labels.get(name, name.upper())

    def _made_id(self, number_text: str, index: int) -> str:
        return made_id(self.path, self.ordinal, number_text, index - self.header.data_from + 1)


