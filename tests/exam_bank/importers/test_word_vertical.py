"""The vertical Word layout ZYA CBT imports (tests/fixtures/word/SOURCES.md): one table, a
SOAL row per question with its JAWABAN rows below, 1 or 0 marking the correct option."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from docx import Document
from docx.shared import Cm
from PIL import Image

from exam_bank.importers import read_items
from exam_bank.items.model import ItemType
from exam_bank.problems import InputError

HEADER = ["No", "Jenis", "Soal / Jawaban", "Kunci"]
ROWS = [
    ["1", "SOAL", "Ibu kota negara Indonesia adalah ...", "1"],
    ["", "JAWABAN", "Bandung", "0"],
    ["", "JAWABAN", "Jakarta", "1"],
    ["", "JAWABAN", "Surabaya", "0"],
    ["", "JAWABAN", "Medan", "0"],
    ["2", "SOAL", "Perhatikan gambar berikut.", "1"],
    ["", "JAWABAN", "Segitiga", "0"],
    ["", "JAWABAN", "Persegi", "1"],
    ["", "JAWABAN", "", "0"],  # a picture only, pasted below
    ["3", "SOAL", "Sila-sila yang memuat kata rakyat adalah ...", "1"],
    ["", "JAWABAN", "Sila keempat", "1"],
    ["", "JAWABAN", "Sila kedua", "0"],
    ["", "JAWABAN", "Sila kelima", "1"],
]


def png(colour: str) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (16, 12), colour).save(out, "PNG")
    return out.getvalue()


def zya_document(path: Path, rows: list[list[str]], *, header: bool = True) -> Path:
    doc = Document()
    doc.add_paragraph("FORM SOAL PILIHAN GANDA")
    table = doc.add_table(rows=0, cols=4)
    table.style = "Table Grid"
    for values in ([HEADER] if header else []) + rows:
        for cell, text in zip(table.add_row().cells, values, strict=True):
            cell.text = text
    if rows is ROWS:
        first = 1 if header else 0
        stem = table.rows[first].cells[2].paragraphs[0]
        stem.text = ""
        stem.add_run("Ibu kota negara ")
        stem.add_run("Indonesia").bold = True
        stem.add_run(" adalah ...")
        table.rows[first + 5].cells[2].add_paragraph().add_run().add_picture(
            io.BytesIO(png("navy")), width=Cm(2))
        table.rows[first + 8].cells[2].paragraphs[0].add_run().add_picture(
            io.BytesIO(png("orange")), width=Cm(1))
    doc.save(str(path))
    return path


@pytest.mark.parametrize("header", [True, False])
def test_questions_and_their_option_rows(tmp_path: Path, header: bool) -> None:
    result = read_items(zya_document(tmp_path / "zya.docx", ROWS, header=header),
                        competency="perekat_bangsa", level=2)
    first, second, third = result.items
    assert [i.id for i in result.items] == ["ZYA-001", "ZYA-002", "ZYA-003"]
    assert first.stem == "Ibu kota negara <b>Indonesia</b> adalah ..."
    assert [o.text for o in first.options] == ["Bandung", "Jakarta", "Surabaya", "Medan"]
    assert [o.correct for o in first.options] == [False, True, False, False]
    assert first.type == ItemType.MC and first.level == 2
    assert second.stem == ('<p>Perhatikan gambar berikut.</p><p><img src="ZYA-002/'
                           'image1.png"></p>')
    assert second.options[2].text == '<img src="ZYA-002/image2.png">'
    assert sorted(result.media) == ["ZYA-002/image1.png", "ZYA-002/image2.png"]
    # Two options marked 1: ZYA CBT allows it; here it is a pilihan ganda kompleks.
    assert third.type == ItemType.MR and [o.correct for o in third.options] == [
        True, False, True]
    assert any("baris" in str(w) and "(mr)" in str(w) for w in result.warnings)


@pytest.mark.parametrize(("rows", "place", "words"), [
    ([["", "JAWABAN", "Bandung", "0"], *ROWS[:5]], "baris 2", "sebelum baris SOAL"),
    ([*ROWS[:2], ["", "JAWABAN", "Jakarta", "mungkin"], *ROWS[3:5]], "baris 4, kolom KUNCI",
     "isi 1 (benar) atau 0 (salah)"),
    ([*ROWS[:5], ["", "", "Yogyakarta", "0"]], "baris 7", "kolom jenis kosong"),
    ([*ROWS[:5], *[["", "JAWABAN", f"Kota {n}", "0"] for n in range(2)]], "baris 2",
     "paling banyak 5 baris JAWABAN"),
    ([ROWS[0], ["", "JAWABAN", "Bandung", "0"], ["", "JAWABAN", "Jakarta", "0"]],
     "baris 2, kolom KUNCI", "jawaban benar belum diisi"),
])
def test_bad_rows_are_refused_at_their_row(tmp_path: Path, rows: list[list[str]], place: str,
                                          words: str) -> None:
    with pytest.raises(InputError) as caught:
        read_items(zya_document(tmp_path / "zya.docx", rows), competency="integritas")
    assert any(str(p).startswith(f"zya.docx: tabel 1, {place}") and words in str(p)
               for p in caught.value.problems), [str(p) for p in caught.value.problems]


def test_without_competency_it_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="--competency"):
        read_items(zya_document(tmp_path / "zya.docx", ROWS))
