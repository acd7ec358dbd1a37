"""Reading staff tables: positions in errors, Excel's habits, empty sheets."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

from exam_bank.problems import InputError
from exam_bank.tabular import column_letter, read_csv, read_xlsx_sheets


def test_semicolon_csv_with_bom_as_indonesian_excel_writes_it(tmp_path: Path) -> None:
    path = tmp_path / "peserta.csv"
    path.write_bytes("\ufeffNo Peserta;Nama\r\n001;Ni Made Ayu\r\n".encode())
    table = read_csv(path)
    assert table.headers == ["no_peserta", "nama"]
    assert table.rows[0].values == {"no_peserta": "001", "nama": "Ni Made Ayu"}
    assert table.rows[0].number == 2


def test_non_utf8_csv_names_the_line(tmp_path: Path) -> None:
    path = tmp_path / "soal.csv"
    path.write_bytes(b"id,soal\nA1,ok\nA2,caf\xe9\n")
    with pytest.raises(InputError, match=r"soal.csv:3: not UTF-8 \(byte 0xE9\)"):
        read_csv(path)


def test_extra_cells_name_row_and_column(tmp_path: Path) -> None:
    path = tmp_path / "t.csv"
    path.write_text("a,b\n1,2\n3,4,5\n", "utf-8")
    with pytest.raises(InputError, match=r"t.csv:row 3, column C"):
        read_csv(path)


def test_empty_sheets_are_skipped_and_numbers_read_as_staff_typed_them(tmp_path: Path) -> None:
    book = Workbook()
    sheet = book.active
    sheet.title = "Peserta"
    sheet.append(["no", "nilai"])
    sheet.append([7, 85.5])
    book.create_sheet("Sheet2")
    book.save(tmp_path / "w.xlsx")
    sheets = read_xlsx_sheets(tmp_path / "w.xlsx")
    assert list(sheets) == ["peserta"]
    assert sheets["peserta"].rows[0].values == {"no": "7", "nilai": "85.5"}
    assert sheets["peserta"].where.endswith("w.xlsx[Peserta]")


def test_not_a_workbook_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "x.xlsx"
    path.write_bytes(b"this is not a zip")
    with pytest.raises(InputError, match="not a readable XLSX workbook"):
        read_xlsx_sheets(path)


def test_column_letters() -> None:
    assert [column_letter(i) for i in (0, 25, 26, 701, 702)] == ["A", "Z", "AA", "ZZ", "AAA"]
