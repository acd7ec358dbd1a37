"""The mistakes question writers make, in every template format (CSV, XLSX, Word).

Each is refused with the file, the sheet or table, the row and the column named in
Indonesian and the message in Indonesian with the English beside it, and the bank is left
as it was; what a writer types that is right but unusual (a decimal comma, a stray or
non-breaking space after the key) is read as meant.
"""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from docx import Document

from exam_bank.importers import read_items
from exam_bank.items.bank import init_bank
from exam_bank.problems import InputError
from ujikom.cli import main

FORMATS = ("soal.csv", "soal.xlsx", "soal.docx")
SHEET_COLUMNS = ("id", "tipe", "soal", "opsi_a", "opsi_b", "opsi_c", "opsi_d", "opsi_e",
                 "kunci", "bobot_a", "bobot_b", "bobot_c", "bobot_d", "bobot_e",
                 "kompetensi", "level")
# The same columns as a Word table headed as the template heads it (the id made from NO).
WORD_LABELS = {"id": "NO", "tipe": "TIPE", "soal": "SOAL",
               **{f"opsi_{c}": f"JAWABAN {c.upper()}" for c in "abcde"},
               "kunci": "JAWABAN BENAR", **{f"bobot_{c}": f"BOBOT {c.upper()}" for c in "abcde"},
               "kompetensi": "KOMPETENSI", "level": "LEVEL"}

FIRST = {"id": "SOAL-001", "tipe": "mc", "soal": "Ibu kota Indonesia adalah ...",
         "opsi_a": "Bandung", "opsi_b": "Jakarta", "opsi_c": "Surabaya", "opsi_d": "Medan",
         "kunci": "B", "kompetensi": "perekat_bangsa", "level": "2"}
SECOND = FIRST | {"id": "SOAL-002", "soal": "Lambang sila pertama Pancasila adalah ...",
                  "opsi_a": "Bintang", "opsi_b": "Rantai", "opsi_c": "Pohon beringin",
                  "opsi_d": "Kepala banteng", "kunci": "A"}
SJT = {"id": "SOAL-003", "tipe": "sjt", "soal": "Rekan kerja terlambat menyerahkan laporan.",
       **{f"opsi_{c}": f"Tindakan {c.upper()}" for c in "abcde"},
       "bobot_a": "5", "bobot_b": "2,5", "bobot_c": "3", "bobot_d": "4", "bobot_e": "1",
       "kompetensi": "kerja_sama", "level": "3"}


def write(path: Path, rows: list[dict[str, str]]) -> Path:
    """`rows` (spreadsheet column names) as CSV, XLSX or a Word table, as a writer would."""
    if path.suffix == ".csv":
        with path.open("w", encoding="utf-8", newline="") as f:
            writer = csv.writer(f)
            writer.writerow(SHEET_COLUMNS)
            writer.writerows([row.get(c, "") for c in SHEET_COLUMNS] for row in rows)
    elif path.suffix == ".xlsx":
        from openpyxl import Workbook

        book = Workbook()
        sheet = book.worksheets[0]
        sheet.title = "soal"
        sheet.append(list(SHEET_COLUMNS))
        for row in rows:  # typed in cells: "2,5" stays text, as in an English-locale Excel
            sheet.append([row.get(c) or None for c in SHEET_COLUMNS])
        book.save(path)
    else:
        doc = Document()
        table = doc.add_table(rows=1, cols=len(SHEET_COLUMNS))
        for cell, column in zip(table.rows[0].cells, SHEET_COLUMNS, strict=True):
            cell.text = WORD_LABELS[column]
        for row in rows:
            cells = table.add_row().cells
            for cell, column in zip(cells, SHEET_COLUMNS, strict=True):
                value = row.get(column, "")
                cell.text = value.removeprefix("SOAL-").lstrip("0") if column == "id" else value
        doc.save(str(path))
    return path


def place(name: str, row: int, column: str) -> str:
    """Where the problem is, in the words each format uses."""
    if name.endswith(".docx"):
        return f"{name}: tabel 1, baris {row}, kolom {WORD_LABELS[column]}"
    sheet = "lembar soal, " if name.endswith(".xlsx") else ""
    return f"{name}: {sheet}baris {row}, kolom {column} ("


MISTAKES = [
    ({"kunci": "E"}, "kunci", "jawaban benar E menunjuk pilihan yang kosong / key letter E"),
    ({"kunci": "A,C"}, "kunci", "pilihan ganda hanya punya satu jawaban benar"),
    ({"opsi_c": ""}, "opsi_c", "pilihan C kosong padahal pilihan sesudahnya terisi"),
    ({"id": "SOAL-001"}, "id", "id ini sudah dipakai di baris 2 / id 'SOAL-001' is also used"),
    ({"level": "7"}, "level", "level harus 1-5 / target level must be 1-5, not 7"),
    ({"kompetensi": "perekat bangs"}, "kompetensi",
     "kompetensi 'perekat bangs' tidak dikenal; maksudnya 'perekat_bangsa'? / unknown "
     "competency 'perekat bangs'; did you mean 'perekat_bangsa'?"),
]


@pytest.mark.parametrize("name", FORMATS)
@pytest.mark.parametrize(("change", "column", "words"), MISTAKES)
def test_a_writers_mistake_is_named_in_indonesian(tmp_path: Path, name: str,
                                                  change: dict[str, str], column: str,
                                                  words: str) -> None:
    path = write(tmp_path / name, [FIRST, SECOND | change])
    with pytest.raises(InputError) as refused:
        read_items(path)
    found = [str(p) for p in refused.value.problems]
    assert any(place(name, 3, column) in p and words in p for p in found), found
    assert not any(", baris 2" in p for p in found), found  # the good row is not blamed
    if name.endswith(".docx"):  # the Word table's own column names, not the sheet's
        assert not any("opsi_" in p for p in found), found


@pytest.mark.parametrize("name", FORMATS)
def test_every_mistake_of_a_row_is_named_at_once(tmp_path: Path, name: str) -> None:
    # A gap in the options used to hide the competency and level of the same row.
    row = SECOND | {"opsi_c": "", "kompetensi": "integritass", "level": "0"}
    with pytest.raises(InputError) as refused:
        read_items(write(tmp_path / name, [FIRST, row]))
    found = [str(p) for p in refused.value.problems]
    for column, words in (("opsi_c", "pilihan C kosong"), ("level", "level harus 1-5"),
                          ("kompetensi", "maksudnya 'integritas'?")):
        assert any(place(name, 3, column) in p and words in p for p in found), found
    assert len(found) == 3, found


@pytest.mark.parametrize("name", FORMATS)
def test_a_decimal_comma_weight_and_spaces_around_keys_are_read_as_meant(
        tmp_path: Path, name: str) -> None:
    rows = [FIRST | {"kunci": "B\u00a0"},  # Word and Excel paste a non-breaking space
            SECOND | {"kunci": " a  "}, SJT]
    result = read_items(write(tmp_path / name, rows))
    first, second, sjt = result.items
    assert [o.id for o in first.options if o.correct] == ["B"]
    assert [o.id for o in second.options if o.correct] == ["A"]
    assert [o.weight for o in sjt.options] == [5.0, 2.5, 3.0, 4.0, 1.0]


@pytest.mark.parametrize("name", FORMATS)
def test_a_refused_file_leaves_the_bank_as_it_was(tmp_path: Path, name: str,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    bank = tmp_path / "bank"
    init_bank(bank, "Uji")
    assert main(["bank", "import", "--bank", str(bank),
                 str(write(tmp_path / "baik.csv", [FIRST | {"id": "LAMA-1"}]))]) == 0
    before = {p: p.read_bytes() for p in bank.rglob("*") if p.is_file()}
    bad = write(tmp_path / name, [FIRST, SECOND | {"kunci": "E"}, SJT | {"level": "0"}])
    capsys.readouterr()
    assert main(["bank", "import", "--bank", str(bank), str(bad)]) != 0
    err = capsys.readouterr().err
    assert place(name, 3, "kunci") in err and place(name, 4, "level") in err
    assert "Traceback" not in err
    assert {p: p.read_bytes() for p in bank.rglob("*") if p.is_file()} == before
