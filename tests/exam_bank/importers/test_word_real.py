"""Word files as Word writes them (tests/fixtures/word/SOURCES.md): every construct Word
puts around the text of a CBT table or a case document, read for its text, formatting
and pictures, and every one the bank cannot hold refused at its table, row and column."""

from __future__ import annotations

import io
import sys
import zipfile
from pathlib import Path

import pytest
from docx import Document
from PIL import Image

from exam_bank.importers import read_items
from exam_bank.importers.docx_symbols import symbol_text
from exam_bank.importers.docx_xml import Rich
from exam_bank.items.bank import init_bank, load_bank
from exam_bank.items.model import Item
from exam_bank.problems import InputError
from ujikom.cli import main

FIXTURES = Path(__file__).parents[2] / "fixtures" / "word"
sys.path.insert(0, str(FIXTURES))
from make_fixtures import WORD365, zip_parts  # noqa: E402

PREFIX = "CBT-WORD365"


@pytest.fixture(scope="module")
def items() -> dict[str, Item]:
    result = read_items(FIXTURES / "cbt-word365.docx", competency="perekat_bangsa")
    assert not result.warnings
    return {item.id: item for item in result.items}


@pytest.mark.parametrize(("folder", "docx"), [
    *((f"word365/{folder}", docx) for folder, docx in WORD365.items()),
    ("word2010-fcc", "fcc-word2010.docx")])
def test_the_committed_files_are_the_parts_zipped(tmp_path: Path, folder: str,
                                                  docx: str) -> None:
    """The .docx files are made from the readable parts by make_fixtures.py, unchanged."""
    fresh = tmp_path / docx
    zip_parts(FIXTURES / folder, fresh)
    with zipfile.ZipFile(fresh) as new, zipfile.ZipFile(FIXTURES / docx) as old:
        assert {i.filename: new.read(i) for i in new.infolist()} == {
            i.filename: old.read(i) for i in old.infolist()}


def test_table_found_by_its_header_after_the_title_and_the_mapel_table(
        items: dict[str, Item]) -> None:
    # tabel 1 is the mapel/kelas table; tabel 2 sits in a content control, its item rows
    # in a repeating section, the spare row (a placeholder "Pilih item.") is skipped.
    assert list(items) == [f"{PREFIX}-001", f"{PREFIX}-002", f"{PREFIX}-003"]


def test_runs_split_by_revision_ids_proofing_and_bookmarks_join(
        items: dict[str, Item]) -> None:
    stem = items[f"{PREFIX}-001"].stem
    assert stem == "Semboyan <b>Bhinneka Tunggal Ika</b> tertulis pada <i>...</i>"


def test_two_row_header_jawaban_spanning_a_to_e_and_merged_key(
        items: dict[str, Item]) -> None:
    first = items[f"{PREFIX}-001"]
    assert [o.id for o in first.options] == ["A", "B", "C", "D", "E"]
    assert first.options[1].text == "Lambang negara Indonesia"  # inside two smart tags
    assert [o.correct for o in first.options] == [False, True, False, False, False]  # "(B)"


def test_keys_written_as_a_dot_and_in_a_dropdown_content_control(
        items: dict[str, Item]) -> None:
    assert [o.id for o in items[f"{PREFIX}-002"].options if o.correct] == ["C"]
    assert [o.id for o in items[f"{PREFIX}-003"].options if o.correct] == ["A"]  # "a."


def test_numbers_from_seq_fields_and_from_auto_numbering(items: dict[str, Item]) -> None:
    # Row 1 and 3: a SEQ field's shown result; row 2: a numbered paragraph, no text (its
    # position gives the number, as the reader sees it).
    assert f"{PREFIX}-003" in items and f"{PREFIX}-002" in items


def test_fields_breaks_soft_hyphen_and_underline(items: dict[str, Item]) -> None:
    stem = items[f"{PREFIX}-002"].stem
    assert stem.startswith("<p>Perhatikan grafik pada Gambar 1.<br>Pada tahun berapa "
                           "nilai\u00adnya <u>tertinggi</u>?</p>")


def test_symbol_font_characters_and_tabs(items: dict[str, Item]) -> None:
    third = items[f"{PREFIX}-003"]
    assert third.stem.startswith("<p>Jika α = 30°, maka sin <i>α</i> = ...</p>")
    assert third.options[1].text == "½√3"


def test_floating_inline_grouped_and_legacy_pictures(items: dict[str, Item]) -> None:
    from make_fixtures import PICTURES

    result = read_items(FIXTURES / "cbt-word365.docx", competency="perekat_bangsa")
    second, third = items[f"{PREFIX}-002"], items[f"{PREFIX}-003"]
    # wp:anchor, with the alt text Word keeps in its docPr (read aloud for the picture)
    assert second.stem.endswith(f'<p><img src="{PREFIX}-002/image2.png" alt="grafik batang">'
                                '</p>')
    assert second.options[0].text == f'<img src="{PREFIX}-002/image1.png"> 2023'  # inline
    assert third.stem.endswith(f'<p><img src="{PREFIX}-003/image3.png"></p>')  # mc:Choice
    assert third.options[4].text == f'<img src="{PREFIX}-003/image4.png">'  # v:imagedata
    # The group's VML fallback names the same picture: it is stored once.
    assert sorted(result.media) == sorted([f"{PREFIX}-002/image1.png",
                                           f"{PREFIX}-002/image2.png",
                                           f"{PREFIX}-003/image3.png",
                                           f"{PREFIX}-003/image4.png"])
    for name, data in result.media.items():
        size = PICTURES[("cbt", name.rsplit("/", 1)[1])][1]
        assert Image.open(io.BytesIO(data)).size == size
    assert set(second.media) | set(third.media) == set(result.media)


def test_tracked_changes_comments_and_unknown_symbols_refused_at_their_cell() -> None:
    with pytest.raises(InputError) as caught:
        read_items(FIXTURES / "cbt-word365-revisi.docx", competency="perekat_bangsa")
    found = [str(p) for p in caught.value.problems]
    where = "cbt-word365-revisi.docx: tabel 1, "
    expected = [
        ("baris 2, kolom SOAL", "perubahan terlacak (track changes)"),  # w:ins
        ("baris 3, kolom JAWABAN B", "perubahan terlacak (track changes)"),  # w:del
        ("baris 4, kolom SOAL", "komentar"),
        ("baris 5, kolom JAWABAN A", "perubahan format terlacak"),  # w:rPrChange
        ("baris 6, kolom JAWABAN BENAR", "perubahan terlacak"),  # key typed as w:ins
        ("baris 7", "perubahan terlacak"),  # a row inserted (w:trPr/w:ins)
        ("baris 8, kolom SOAL", "simbol F0A0 dari font Webdings tidak dikenal"),
        ("baris 9, kolom JAWABAN C", "perubahan format terlacak"),  # w:tcPrChange
    ]
    for place, words in expected:
        assert any(p.startswith(f"{where}{place}: {words}") for p in found), (place, found)


def test_a_refused_word_file_changes_nothing_in_the_bank(tmp_path: Path,
                                                        capsys: pytest.CaptureFixture[str]
                                                        ) -> None:
    bank = tmp_path / "bank"
    init_bank(bank, "Uji")
    code = main(["bank", "import", "--bank", str(bank), "--competency", "perekat_bangsa",
                 str(FIXTURES / "cbt-word365-revisi.docx")])
    assert code != 0
    assert "tabel 1, baris 4, kolom SOAL: komentar" in capsys.readouterr().err
    assert not load_bank(bank).items and not list((bank / "media").rglob("*.png"))
    assert main(["bank", "import", "--bank", str(bank), "--competency", "perekat_bangsa",
                 str(FIXTURES / "cbt-word365.docx")]) == 0
    assert sorted(load_bank(bank).items) == [f"{PREFIX}-001", f"{PREFIX}-002",
                                             f"{PREFIX}-003"]
    assert (bank / "media" / f"{PREFIX}-003" / "image4.png").is_file()


def test_case_material_from_a_word_written_case_document() -> None:
    document = Document(str(FIXTURES / "kasus-word365.docx"))
    problems: list[str] = []
    rich = Rich(document.part, "MKL-001", problems.append)
    html = rich.blocks(document.element.body)
    assert not problems
    assert html.startswith("<h3><b>Kasus: Antrean Perizinan</b></h3><p>Dinas Penanaman "
                           "Modal dan Pelayanan Terpadu Satu Pintu (DPMPTSP) menerima "
                           "<b>1.240</b> permohonan izin per bulan. Waktu tunggu rata-rata "
                           "naik ↑ 35% (lihat Perda 5/2024).</p>")
    # numbering.xml says which lists are numbered (decimal, upperLetter) and which bulleted
    assert ("<p>Langkah yang sudah dicoba:</p><ol><li>Loket tambahan pada hari Senin</li>"
            "<li>Pendaftaran daring</li></ol><p>Pilihan kebijakan:</p><ol><li>Menambah "
            "petugas</li><li>Menyederhanakan syarat</li></ol><p>Catatan:</p><ul><li>"
            "Anggaran terbatas</li></ul>") in html
    assert ('<table><tr><td rowspan="2">Bulan</td><td colspan="2">Permohonan</td></tr>'
            "<tr><td>Masuk</td><td>Selesai</td></tr><tr><td>Januari</td><td>1.180</td>"
            "<td>1.020</td></tr></table>") in html
    assert '<p><img src="MKL-001/image1.png">Grafik antrean.</p><h3>Tugas</h3>' in html
    assert rich.images == ["MKL-001/image1.png"]


@pytest.mark.parametrize(("font", "code", "text"), [
    ("Symbol", "F061", "α"), ("Symbol", "F0B3", "≥"), ("Symbol", "0057", "Ω"),
    ("Symbol", "F031", "1"), ("Wingdings", "F0FC", "✓"), ("Arial", "00B1", "±"),
    ("Wingdings", "F020", None), ("Webdings", "F0A0", None), ("Arial", "F061", None),
    ("Symbol", "zz", None),
])
def test_symbol_characters(font: str, code: str, text: str | None) -> None:
    assert symbol_text(font, code) == text


def test_a_document_saved_by_word_2010_reads_as_case_material() -> None:
    """Genuinely Word-written XML (SOURCES.md): its runs split mid-word ("F" + "ederal"),
    the _GoBack bookmark, a layout table with tab stops and empty paragraphs."""
    document = Document(str(FIXTURES / "fcc-word2010.docx"))
    problems: list[str] = []
    html = Rich(document.part, "MKL-001", problems.append).blocks(document.element.body)
    assert not problems
    assert html == (
        "<p><b>Before the</b></p><p>Federal Communications Commission</p>"
        "<p>Washington, D.C. 20554</p><table><tr><td><p>In the Matter of</p><p>Protecting "
        "and Promoting the Open Internet</p></td><td><p><b>)</b></p><p><b>)</b></p><p><b>)"
        "</b></p><p><b>)</b></p></td><td>GN Docket No. 14-28</td></tr></table>"
        "<p><b>REPORT AND ORDER ON REMAND, DECLARATORY RULING, AND ORDER</b></p>"
        "<p><b>Adopted:  February 26, 2015 Released:  March 12, 2015</b></p>")


def test_a_word_table_that_is_not_a_question_table_is_not_taken_for_one() -> None:
    with pytest.raises(InputError, match="tidak ada tabel soal"):
        read_items(FIXTURES / "fcc-word2010.docx", competency="integritas")


def test_hidden_text_is_refused_not_shown_to_candidates(tmp_path: Path) -> None:
    """A writer may hide the key in the question (Font > Hidden): it must not be read."""
    parts = tmp_path / "parts"
    import shutil

    shutil.copytree(FIXTURES / "word365" / "cbt", parts)
    document = parts / "word" / "document.xml"
    xml = document.read_text("utf-8")
    hidden = ('<w:r><w:rPr><w:vanish/></w:rPr><w:t xml:space="preserve"> (kunci: B)</w:t>'
              '</w:r>')
    xml = xml.replace('<w:t>...</w:t></w:r></w:p>', '<w:t>...</w:t></w:r>' + hidden + '</w:p>',
                      1)
    document.write_text(xml, "utf-8")
    path = tmp_path / "soal.docx"
    zip_parts(parts, path)
    with pytest.raises(InputError) as caught:
        read_items(path, competency="perekat_bangsa")
    assert [str(p) for p in caught.value.problems] == [
        "soal.docx: tabel 2, baris 3, kolom SOAL: teks tersembunyi (Font > Hidden): hapus "
        "atau tampilkan dulu / hidden text: delete it or make it visible first"]


def test_a_legacy_drop_down_form_field_gives_its_chosen_entry(tmp_path: Path) -> None:
    """Converted .doc templates keep the key in a FORMDROPDOWN; its choice is in ffData."""
    import shutil

    parts = tmp_path / "parts"
    shutil.copytree(FIXTURES / "word365" / "cbt", parts)
    document = parts / "word" / "document.xml"
    xml = document.read_text("utf-8")
    field = ('<w:r><w:fldChar w:fldCharType="begin"><w:ffData><w:name w:val="Kunci1"/>'
             '<w:enabled/><w:calcOnExit w:val="0"/><w:ddList><w:result w:val="3"/>'
             + "".join(f'<w:listEntry w:val="{c}"/>' for c in "ABCDE")
             + '</w:ddList></w:ffData></w:fldChar></w:r><w:r><w:instrText xml:space='
             '"preserve"> FORMDROPDOWN </w:instrText></w:r><w:r><w:fldChar '
             'w:fldCharType="end"/></w:r>')
    xml = xml.replace("<w:r><w:t>(B)</w:t></w:r>", field, 1)
    document.write_text(xml, "utf-8")
    path = tmp_path / "soal.docx"
    zip_parts(parts, path)
    first = read_items(path, competency="perekat_bangsa").items[0]
    assert [o.id for o in first.options if o.correct] == ["D"]
