"""The report data as tables, written as CSV (for Excel: UTF-8 with BOM) and XLSX.

Headers are snake_case keys, the same in both formats, so a sheet can be read back
with `exam_bank.tabular`. CSV with the default `;` separator uses the decimal comma,
as Excel in an Indonesian locale expects; with `,` it uses the decimal point.
Yes/no values are "Ya"/"Tidak"; a missing value is an empty cell.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Literal

from exam_bank.cellsafe import append_row, csv_text
from exam_bank.reports.model import ReportCandidate, ReportExam
from exam_bank.reports.summary import STATUS_NOTES
from exam_bank.scoring.ninebox import nine_box_label
from exam_bank.scoring.ranking import PositionRanking

Kind = Literal["text", "number", "int", "bool"]
Value = str | float | int | bool | None


@dataclass(frozen=True)
class Column:
    key: str
    kind: Kind = "text"
    width: float = 14  # Excel character widths


@dataclass(frozen=True)
class Sheet:
    title: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[Value, ...], ...]


RANKING_COLUMNS = (
    Column("kode_jabatan", width=12), Column("jabatan", width=40),
    Column("peringkat", "int", 10), Column("no_peserta", width=16), Column("nama", width=40),
    Column("nip", width=20), Column("jpm", "number", 9), Column("kategori", width=24),
    Column("memenuhi_syarat", "bool", 16), Column("makalah", "number", 10),
    Column("tiga_besar", "bool", 11), Column("keterangan", width=28),
)
COMPETENCY_COLUMNS = (
    Column("no_peserta", width=16), Column("nama", width=36), Column("kode_jabatan", width=12),
    Column("kompetensi", width=32), Column("standar", "int", 9), Column("level", "int", 8),
    Column("selisih", "int", 8), Column("skor", "number", 8), Column("skor_maks", "number", 10),
    Column("persen", "number", 9),
)
NINEBOX_COLUMNS = (
    Column("no_peserta", width=16), Column("nama", width=36), Column("nip", width=20),
    Column("kode_jabatan", width=12), Column("potensi", "number", 9),
    Column("skp", "number", 8), Column("kotak", "int", 7), Column("keterangan", width=50),
)


def ranking_sheet(exam: ReportExam, rankings: Mapping[str, PositionRanking],
                  candidates: Mapping[str, ReportCandidate]) -> Sheet:
    rows = []
    for code, ranking in rankings.items():
        position = exam.positions[code]
        for e in ranking.entries:
            c = candidates[e.participant_no]
            rows.append((code, position.name, e.rank, e.participant_no, c.name, c.nip,
                         _round(e.jpm), e.band.label if e.band else None, e.meets_standard,
                         e.makalah, e.top, STATUS_NOTES[e.status] or None))
        for m in (m for m in exam.missing if m.position_code == code):
            rows.append((code, position.name, None, m.participant_no, m.name, m.nip, None,
                         None, False, None, False, m.words))
    return Sheet("Peringkat", RANKING_COLUMNS, tuple(rows))


def competency_sheet(exam: ReportExam, candidates: Sequence[ReportCandidate]) -> Sheet:
    rows = []
    for c in candidates:
        for k in c.score.competencies:
            rows.append((c.participant_no, c.name, c.position_code,
                         exam.competency_name(k.competency), k.standard, k.level, k.gap,
                         k.raw, k.max, _round(k.percent)))
    return Sheet("Kompetensi", COMPETENCY_COLUMNS, tuple(rows))


def ninebox_sheet(candidates: Sequence[ReportCandidate]) -> Sheet:
    rows = []
    for c in sorted(candidates, key=lambda c: c.participant_no):
        box = c.score.nine_box
        rows.append((c.participant_no, c.name, c.nip, c.position_code,
                     _round(c.score.potential), c.performance, box,
                     nine_box_label(box) if box is not None else "Belum ada data SKP"))
    return Sheet("9-Box", NINEBOX_COLUMNS, tuple(rows))


def _round(value: float | None) -> float | None:
    return None if value is None else round(value, 2)


def csv_bytes(sheet: Sheet, delimiter: str = ";") -> bytes:
    """The sheet as CSV, UTF-8 with a BOM so Excel reads the names right."""
    if delimiter not in (";", ","):
        raise ValueError(f"CSV separator must be ';' or ',', not {delimiter!r}")
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow([csv_text(col.key) for col in sheet.columns])
    comma = delimiter == ";"
    for row in sheet.rows:
        writer.writerow([_csv_cell(v, col, comma)
                         for v, col in zip(row, sheet.columns, strict=True)])
    return ("\ufeff" + out.getvalue()).encode("utf-8")


def _csv_cell(value: Value, col: Column, comma: bool) -> str:
    if value is None:
        return ""
    if col.kind == "bool":
        return "Ya" if value else "Tidak"
    if col.kind == "number":
        text = f"{float(value):.2f}".rstrip("0").rstrip(".")
        return text.replace(".", ",") if comma else text
    return csv_text(str(value))  # a name like =HYPERLINK(...) stays text


def xlsx_bytes(sheets: Sequence[Sheet]) -> bytes:
    """A workbook, one sheet each: bold header on dark fill, frozen, filterable, widths
    set, numbers as numbers with two decimals."""
    from openpyxl import Workbook  # slow to import; only XLSX needs it
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    book = Workbook(write_only=False)
    for default in list(book.worksheets):  # the empty "Sheet" a new workbook starts with
        book.remove(default)
    header_font = Font(bold=True, color="FFFFFF")
    header_fill = PatternFill("solid", fgColor="1A2B4C")
    for sheet in sheets:
        ws = book.create_sheet(sheet.title)
        append_row(ws, [col.key for col in sheet.columns])
        for cell in ws[1]:
            cell.font, cell.fill = header_font, header_fill
            cell.alignment = Alignment(vertical="center")
        for row in sheet.rows:
            append_row(ws, [_xlsx_cell(v, col)
                            for v, col in zip(row, sheet.columns, strict=True)])
        for i, col in enumerate(sheet.columns, start=1):
            letter = get_column_letter(i)
            ws.column_dimensions[letter].width = col.width
            if col.kind == "number":
                for cell in ws[letter][1:]:
                    cell.number_format = "0.00"
            elif col.kind == "text":
                for cell in ws[letter][1:]:
                    cell.number_format = "@"  # NIPs and codes stay text, never 1.97E+17
        ws.freeze_panes = "A2"
        ws.auto_filter.ref = ws.dimensions
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _xlsx_cell(value: Value, col: Column) -> Value:
    if value is None:
        return None
    if col.kind == "bool":
        return "Ya" if value else "Tidak"
    return value
