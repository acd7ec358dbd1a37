"""Items as the staff's spreadsheet (CSV or XLSX) that `bank import` reads back.

The columns are the template's (`exam_bank.importers.spreadsheet.COLUMNS`), review
metadata included. A picture travels as a file beside the sheet, named in the ``gambar``
column by its path under the sheet's folder (``SOAL-001/denah.png``); a picture shown
inside the text cannot be placed in a cell, so such an item is refused by name (export it
with ``--docx`` or as QTI instead).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

from exam_bank.cellsafe import append_row
from exam_bank.fsutil import atomic_write
from exam_bank.importers.spreadsheet import COLUMNS, SHEET, _write_csv, item_row
from exam_bank.items.media import shown_media
from exam_bank.items.model import Item


def write_sheet(path: Path, items: Iterable[Item], media: Mapping[str, bytes]) -> list[Path]:
    """`items` as CSV or XLSX at `path` and their pictures beside it; the files written.

    Raises ValueError for an item the sheet cannot hold (its message names the item).
    """
    items = list(items)
    rows = []
    for item in items:
        shown = shown_media(item)
        if shown:
            raise ValueError(f"{item.id}: pictures in the text ({', '.join(shown)}) do not fit "
                             "a spreadsheet cell; export with --docx or as QTI")
        row = item_row(item)  # ValueError for what the columns cannot hold
        row["gambar"] = "; ".join(item.media)  # paths under the sheet's folder
        rows.append(row)
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".xlsx"):
        raise ValueError(f"{path.name}: a spreadsheet is written as .csv or .xlsx")
    header = [c.name for c in COLUMNS]
    if suffix == ".csv":
        _write_csv(path, header, rows)
    else:
        _write_xlsx(path, header, rows)
    written = [path]
    for item in items:
        for name in item.media:
            target = path.parent / name
            target.parent.mkdir(parents=True, exist_ok=True)
            atomic_write(target, media[name])
            written.append(target)
    return written


def _write_xlsx(path: Path, header: list[str], rows: list[dict[str, str]]) -> None:
    from openpyxl import Workbook  # slow to import; only XLSX needs it

    book = Workbook()
    sheet = book.worksheets[0]
    sheet.title = SHEET
    append_row(sheet, header)
    for row in rows:
        append_row(sheet, [row.get(name, "") for name in header])
    sheet.freeze_panes = "A2"
    book.save(path)
