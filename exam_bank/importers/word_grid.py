"""A Word table as a grid, and where its item header is: what Word's merged cells mean.

Word stores a row as its cells, not its grid columns: a cell spanning columns carries
``w:gridSpan``, a cell merged down carries ``w:vMerge`` (its content lives in the cell
where the merge starts), a row may skip leading columns (``w:gridBefore``), and rows or
cells may sit inside content controls. The grid here puts every cell in the columns it
covers, so a header is read by column whatever the merging.

Header rows as Indonesian CBT templates write them: one row (``NO | SOAL | JAWABAN A
… | KUNCI``), or two, a group cell spanning the option columns with the letters below
(``JAWABAN`` over ``A | B | C | D | E``, ``NO``/``SOAL``/``KUNCI`` merged down).
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from exam_bank.importers.docx_xml import (
    Element,
    continues_merge,
    grid_before,
    grid_span,
    row_cells,
    table_rows,
    w,
)

HEADER_SEARCH_ROWS = 6  # a title row, mapel/kelas rows may come before the header


@dataclass(frozen=True)
class Slot:
    """One grid column of one row: the Word cell there."""

    tc: Element
    first: bool  # the cell's first grid column (a spanning cell covers several)
    continued: bool  # under a vertically merged cell


Grid = list[list[Slot | None]]


@dataclass(frozen=True)
class Header:
    row: int  # index of the (first) header row
    data_from: int  # index of the first item row
    names: list[str | None]  # per grid column: the column it stands for, or None
    labels: list[str]  # per grid column: the header as written, for messages


def grid(tbl: Element) -> Grid:
    rows: Grid = []
    for tr in table_rows(tbl):
        slots: list[Slot | None] = [None] * grid_before(tr)
        for tc in row_cells(tr):
            merged = continues_merge(tc)
            slots += [Slot(tc, n == 0, merged) for n in range(grid_span(tc))]
        rows.append(slots)
    return rows


def cell_text(tc: Element) -> str:
    """The visible text of a cell, paragraphs joined by spaces (for headers)."""
    paragraphs = ("".join(t.text or "" for t in p.iter(w("t"))) for p in tc.iter(w("p")))
    return " ".join(" ".join(paragraphs).split())


def _text_at(rows: Grid, r: int, c: int) -> str:
    """What a reader sees at row r, column c (a merged-down cell shows the one above)."""
    while r >= 0:
        slot = rows[r][c] if c < len(rows[r]) else None
        if slot is None:
            return ""
        if not slot.continued:
            return cell_text(slot.tc)
        r -= 1
    return ""


def _letter(text: str) -> str | None:
    """An option letter written as a sub-header: ``A``, ``a``, ``A.``, ``(A)``."""
    m = re.fullmatch(r"\(?\s*([A-Ea-e])\s*[.)]?", text.strip())
    return m.group(1).upper() if m else None


def find_header(rows: Grid, canonical: Callable[[str], str | None]) -> Header | None:
    """The item header of a table (a row with a SOAL column), or None: not an item table."""
    for r in range(min(len(rows), HEADER_SEARCH_ROWS)):
        labels = [_text_at(rows, r, c) for c in range(len(rows[r]))]
        if "soal" not in {canonical(label) for label in labels}:
            continue
        names: list[str | None] = []
        used_sub_row = False
        for c, slot in enumerate(rows[r]):
            letter = _sub_letter(rows, r, c)
            if slot is None or (not slot.first and letter is None):
                names.append(None)  # covered by a spanning header cell
                continue
            if letter is not None:
                labels[c] = f"{labels[c]} {letter}"
                used_sub_row = True
            names.append(canonical(labels[c]))
        return Header(r, r + 2 if used_sub_row else r + 1, names, labels)
    return None


def _sub_letter(rows: Grid, r: int, c: int) -> str | None:
    """The letter under column c when the header cell there spans columns over letters."""
    slot = rows[r][c]
    if slot is None or grid_span(slot.tc) < 2 or r + 1 >= len(rows):
        return None
    start = c
    while start > 0 and (prev := rows[r][start - 1]) is not None and prev.tc is slot.tc:
        start -= 1
    letters = []
    for col in range(start, start + grid_span(slot.tc)):
        below = rows[r + 1][col] if col < len(rows[r + 1]) else None
        if below is None or below.continued:
            return None
        letters.append(_letter(cell_text(below.tc)))
    if None in letters:
        return None
    return letters[c - start]
