"""Reading the tables staff keep: CSV (as Excel writes it) and XLSX sheets.

Rows come back as dicts keyed by normalised header, each remembering where it was
(row number, and the column letter of every header) so errors name the cell.
Excel in an Indonesian locale writes `;`-separated CSV; both separators are accepted.
"""

from __future__ import annotations

import csv
import io
import zipfile
from dataclasses import dataclass, field
from datetime import date, time
from pathlib import Path

from exam_bank.cellsafe import csv_value
from exam_bank.problems import InputError, Problem
from exam_bank.safezip import XLSX, ZipRefused, check_zip_file

MAX_TABLE_BYTES = 20 * 1024 * 1024


@dataclass
class Row:
    number: int  # 1-based, as the spreadsheet shows it (the header is row 1)
    values: dict[str, str]


@dataclass
class Table:
    where: str  # file name, or "file.xlsx[sheet]"
    headers: list[str]  # normalised: stripped, lower-case
    rows: list[Row]
    columns: dict[str, str] = field(default_factory=dict)  # header -> column letter

    def problem(self, message: str, row: Row | None = None, header: str | None = None) -> Problem:
        return Problem(self.where, message, row=row.number if row else None,
                       column=self.columns.get(header) if header else None)


def column_letter(index: int) -> str:
    """0 → A, 25 → Z, 26 → AA."""
    letters = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        letters = chr(65 + rem) + letters
    return letters


def _normalise(header: str) -> str:
    return " ".join(header.replace("\ufeff", "").strip().lower().split()).replace(" ", "_")


def _table(where: str, raw_rows: list[list[str]]) -> Table:
    while raw_rows and not any(c.strip() for c in raw_rows[0]):
        raw_rows = raw_rows[1:]
    if not raw_rows:
        raise InputError([Problem(where, "the table is empty: no header row")])
    headers = [_normalise(h) for h in raw_rows[0]]
    problems = []
    seen: set[str] = set()
    for i, h in enumerate(headers):
        if h and h in seen:
            problems.append(Problem(where, f"column {h!r} appears twice", row=1,
                                    column=column_letter(i)))
        seen.add(h)
    if problems:
        raise InputError(problems)
    columns = {h: column_letter(i) for i, h in enumerate(headers) if h}
    rows = []
    for n, raw in enumerate(raw_rows[1:], start=2):
        if not any(str(c).strip() for c in raw):
            continue
        values = {h: (csv_value(str(raw[i]).strip()) if i < len(raw) else "")
                  for i, h in enumerate(headers) if h}
        extra = [c for c in raw[len(headers):] if str(c).strip()]
        if extra:
            problems.append(Problem(where, "this row has more cells than the header",
                                    row=n, column=column_letter(len(headers))))
        rows.append(Row(n, values))
    if problems:
        raise InputError(problems)
    return Table(where, headers, rows, columns)


def read_csv(path: Path) -> Table:
    where = str(path)
    raw = _read_limited(path)
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError([Problem(
            where, f"not UTF-8 (byte 0x{raw[exc.start]:02X}); in Excel save as "
            "'CSV UTF-8 (Comma delimited)'", line=line)]) from None
    first = text.split("\n", 1)[0]
    delimiter = ";" if first.count(";") > first.count(",") else ","
    try:
        raw_rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as exc:
        raise InputError([Problem(where, f"CSV: {exc}")]) from None
    return _table(where, raw_rows)


def read_xlsx_sheets(path: Path) -> dict[str, Table]:
    """Every non-empty sheet of a workbook, keyed by lower-case sheet name."""
    from openpyxl import load_workbook  # openpyxl is slow to import; only XLSX needs it

    where = str(path)
    _read_limited(path)
    try:  # openpyxl unzips it itself: the zip is checked first (a 4 MB bomb is 4.3 GB)
        check_zip_file(path, XLSX)
    except ZipRefused as exc:
        raise InputError([Problem(f"{where}: {exc.member}" if exc.member else where,
                                  f"not a readable XLSX workbook: {exc.message}")]) from None
    try:
        book = load_workbook(path, read_only=True, data_only=True)
    except (zipfile.BadZipFile, KeyError, OSError, ValueError) as exc:
        raise InputError([Problem(where, f"not a readable XLSX workbook ({exc})")]) from None
    try:
        sheets = {}
        for sheet in book.worksheets:
            raw_rows = [["" if c is None else _cell_text(c) for c in row]
                        for row in sheet.iter_rows(values_only=True)]
            if not any(str(c).strip() for row in raw_rows for c in row):
                continue  # Excel's untouched "Sheet2" is not a table, and not an error
            sheets[sheet.title.strip().lower()] = _table(f"{where}[{sheet.title}]", raw_rows)
        return sheets
    finally:
        book.close()


def _cell_text(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))  # Excel stores 3 as 3.0; participant numbers as numbers
    if isinstance(value, date | time):  # datetime is a date
        return value.isoformat()
    return str(value)


def _read_limited(path: Path) -> bytes:
    try:
        size = path.stat().st_size
        if size > MAX_TABLE_BYTES:
            raise InputError([Problem(str(path), f"file is larger than "
                                      f"{MAX_TABLE_BYTES // 2**20} MB")])
        return path.read_bytes()
    except OSError as exc:
        raise InputError([Problem(str(path), f"cannot read: {exc.strerror}")]) from None
