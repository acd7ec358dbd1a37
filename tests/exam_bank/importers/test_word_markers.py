"""Candy CBT's Word layout (tests/fixtures/word/SOURCES.md): no table, questions typed as
paragraphs marked ``Q:1)``, ``A:)`` … ``E:)``, ``Sol:`` and ``Correct:B``."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from docx import Document
from docx.shared import Cm
from PIL import Image

from exam_bank.importers import read_items
from exam_bank.importers.word_markers import parse
from exam_bank.items.model import ItemType
from exam_bank.problems import InputError


def png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (20, 10), "red").save(out, "PNG")
    return out.getvalue()


def candy_document(path: Path, paragraphs: list[str], *, picture_after: int | None = None
                   ) -> Path:
    """A document as a teacher types it for Candy CBT; "**x**" is typed bold."""
    doc = Document()
    for n, text in enumerate(paragraphs):
        p = doc.add_paragraph()
        for k, piece in enumerate(text.split("**")):
            p.add_run(piece).bold = k % 2 == 1
        if n == picture_after:
            doc.add_paragraph().add_run().add_picture(io.BytesIO(png()), width=Cm(2))
    doc.save(str(path))
    return path


GOOD = ["SOAL PAS GANJIL PKN KELAS XII", "Kerjakan dengan teliti.",
        "Q:1) Semboyan **Bhinneka Tunggal Ika** tertulis pada ...",
        "A:) Pembukaan UUD 1945", "B:) Lambang negara", "C:) Teks Proklamasi",
        "D:) Sumpah Pemuda Correct:B",
        "Q:2) Perhatikan gambar!", "Sol: Gambar itu bendera.",
        "A:) Bendera", "B:) **Lambang**", "Correct: a",
        "Q:3) Sila yang memuat kata rakyat:", "A:) Keempat", "B:) Kedua", "C:) Kelima",
        "Correct:A,C"]


def test_questions_options_keys_formatting_and_pictures(tmp_path: Path) -> None:
    result = read_items(candy_document(tmp_path / "pkn.docx", GOOD, picture_after=7),
                        competency="perekat_bangsa", level=2)
    first, second, third = result.items
    assert [i.id for i in result.items] == ["PKN-001", "PKN-002", "PKN-003"]
    assert first.stem == "Semboyan <b>Bhinneka Tunggal Ika</b> tertulis pada ..."
    assert [o.text for o in first.options] == ["Pembukaan UUD 1945", "Lambang negara",
                                               "Teks Proklamasi", "Sumpah Pemuda"]
    assert [o.correct for o in first.options] == [False, True, False, False]
    assert first.level == 2 and first.competency == "perekat_bangsa"
    assert second.stem == '<p>Perhatikan gambar!</p><p><img src="PKN-002/image1.png"></p>'
    assert second.options[1].text == "<b>Lambang</b>" and second.options[0].correct
    assert result.media["PKN-002/image1.png"].startswith(b"\x89PNG")
    assert third.type == ItemType.MR and [o.correct for o in third.options] == [
        True, False, True]
    assert [str(w) for w in result.warnings] == [
        "pkn.docx: paragraf 8: pembahasan (Sol:) tidak disimpan / the explanation (Sol:) "
        "is not kept"]


def test_a_marker_inside_formatting_keeps_the_formatting() -> None:
    [question], problems = parse(["<b>Q:1) Ibu kota</b> adalah ...", "A:) <i>Jakarta</i>",
                                  "B:) Bandung <b>Correct:A</b>"])
    assert not problems
    assert question.stem == ["<b>Ibu kota</b> adalah ..."]
    assert question.options == [("A", ["<i>Jakarta</i>"]), ("B", ["Bandung"])]
    assert question.key == "A"


@pytest.mark.parametrize(("paragraphs", "where", "words"), [
    (["A:) Bandung", *GOOD[2:7]], "paragraf 1", "pilihan sebelum soal pertama"),
    ([*GOOD[2:4], "C:) Teks Proklamasi", "D:) x Correct:A"], "paragraf 3",
     "tidak pada urutannya"),
    ([*GOOD[2:7], "Bacalah teks berikut.", *GOOD[7:12]], "paragraf 6", "teks di luar soal"),
    ([*GOOD[2:6]], "paragraf 1, bagian Correct:", "jawaban benar belum diisi"),
    ([*GOOD[2:4], "B:) Lambang Correct:E"], "paragraf 1, bagian Correct:",
     "jawaban benar E menunjuk pilihan yang kosong"),
])
def test_bad_questions_are_named_by_paragraph(tmp_path: Path, paragraphs: list[str],
                                             where: str, words: str) -> None:
    with pytest.raises(InputError) as caught:
        read_items(candy_document(tmp_path / "pkn.docx", paragraphs), competency="integritas")
    found = [str(p) for p in caught.value.problems]
    assert any(p.startswith(f"pkn.docx: {where}") and words in p for p in found), found


def test_a_document_with_neither_tables_nor_markers_is_refused(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="Q:1"):
        read_items(candy_document(tmp_path / "surat.docx", ["Yth. Bapak/Ibu", "Salam."]),
                   competency="integritas")


def test_a_table_inside_a_question_is_part_of_its_stem(tmp_path: Path) -> None:
    path = candy_document(tmp_path / "pkn.docx", ["Q:1) Perhatikan tabel berikut."])
    doc = Document(str(path))
    table = doc.add_table(rows=2, cols=2)
    for cell, text in zip([c for r in table.rows for c in r.cells],
                          ["Tahun", "Nilai", "2025", "7"], strict=True):
        cell.text = text
    for text in ["Nilai tahun 2025 adalah ...", "A:) 7", "B:) 8 Correct:A"]:
        doc.add_paragraph(text)
    doc.save(str(path))
    [item] = read_items(path, competency="integritas").items
    assert item.stem == ("<p>Perhatikan tabel berikut.</p><table><tr><td>Tahun</td><td>Nilai"
                         "</td></tr><tr><td>2025</td><td>7</td></tr></table><p>Nilai tahun "
                         "2025 adalah ...</p>")
