"""The Word template and export: what `bank import` reads back as the same items."""

from __future__ import annotations

import io
import tempfile
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn
from hypothesis import HealthCheck, assume, given, settings
from PIL import Image

from exam_bank.exporters.word import write_items
from exam_bank.importers.word import canonical_header, read_word
from exam_bank.importers.word_grid import find_header, grid
from exam_bank.items.bank import init_bank, load_bank
from exam_bank.items.model import Item, ItemId, ItemType, Option, OptionId, ReviewStatus
from exam_bank.problems import InputError
from tests.exam_bank.importers.test_spreadsheet_import import ITEM_LISTS
from tests.exam_bank.templatekit import adopt_word_examples
from ujikom.cli import main


def png(colour: str) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (10, 7), colour).save(out, "PNG")
    return out.getvalue()


def test_template_has_a_table_per_type_with_instructions_and_only_examples(
        tmp_path: Path) -> None:
    path = tmp_path / "soal.docx"
    assert main(["bank", "template", str(path)]) == 0
    doc = Document(str(path))
    # Two header rows: JAWABAN (and BOBOT) merged over the letters, the rest merged down.
    top, letters = ([c.text for c in row.cells] for row in doc.tables[0].rows[:2])
    assert top[:9] == ["NO", "SOAL", *["JAWABAN"] * 5, "JAWABAN BENAR", "KOMPETENSI"]
    assert letters[2:7] == ["A", "B", "C", "D", "E"]
    headers = [find_header(grid(t._tbl), canonical_header).labels  # type: ignore[union-attr]
               for t in doc.tables]
    assert headers[0][:9] == ["NO", "SOAL", "JAWABAN A", "JAWABAN B", "JAWABAN C",
                              "JAWABAN D", "JAWABAN E", "JAWABAN BENAR", "KOMPETENSI"]
    assert "BOBOT A" in headers[1] and "BOBOT E" in headers[1]
    assert {"SKALA", "TERBALIK"} <= set(headers[2])
    assert any("Petunjuk" in p.text for p in doc.paragraphs)
    assert any("CONTOH" in p.text and "tidak pernah masuk bank soal" in p.text
               for p in doc.paragraphs)
    # Each table: the example row (grey, italic, NO = CONTOH), then numbered rows to fill.
    for table, first in zip(doc.tables, (2, 2, 1), strict=True):
        assert [r.cells[0].text for r in table.rows[first:]] == ["CONTOH", "1", "2", "3"]
        runs = [run for c in table.rows[first].cells for p in c.paragraphs for run in p.runs]
        assert runs and all(r.italic and str(r.font.color.rgb) == "595959" for r in runs)
        # A question row is never split over two pages (seen: the Likert example was).
        assert all(r._tr.trPr.find(qn("w:cantSplit")) is not None
                   for r in table.rows[first:])
    result = read_word(path)
    assert result.items == [] and result.warnings == []  # nothing imported, nothing wrong
    assert [p.where for p in result.examples] == [
        "soal.docx: tabel 1, baris 3", "soal.docx: tabel 2, baris 3",
        "soal.docx: tabel 3, baris 2"]
    assert all(p.message == "baris contoh dilewati / example row skipped"
               for p in result.examples)


def test_the_template_examples_adopted_by_the_writer_read_back(tmp_path: Path) -> None:
    path = tmp_path / "soal.docx"
    assert main(["bank", "template", str(path)]) == 0
    adopt_word_examples(path)  # NO CONTOH -> 1: the writer keeps each example as an item
    result = read_word(path)
    assert [(i.id, i.type) for i in result.items] == [
        ("SOAL-001", ItemType.MC), ("SOAL-T2-001", ItemType.SJT),
        ("SOAL-T3-001", ItemType.LIKERT)]
    assert result.items[0].options[1].correct and result.warnings == []
    assert [o.weight for o in result.items[1].options] == [5.0, 3.0, 2.0, 4.0, 1.0]
    assert result.items[2].likert is not None and result.items[2].likert.reverse
    assert result.examples == []


def test_an_example_row_rewritten_in_place_is_refused_by_its_cell(tmp_path: Path) -> None:
    path = tmp_path / "soal.docx"
    assert main(["bank", "template", str(path)]) == 0
    doc = Document(str(path))
    doc.tables[0].rows[2].cells[1].text = "Contoh sikap yang paling tepat adalah ..."
    doc.save(str(path))
    with pytest.raises(InputError) as refused:
        read_word(path)
    [problem] = refused.value.problems
    assert problem.where == "soal.docx: tabel 1, baris 3, kolom NO"
    assert problem.message.startswith("NO berisi CONTOH tetapi soalnya bukan soal contoh")


def test_a_real_question_about_an_example_is_imported(tmp_path: Path) -> None:
    path = tmp_path / "soal.docx"
    assert main(["bank", "template", str(path)]) == 0
    doc = Document(str(path))
    cells = doc.tables[0].rows[3].cells  # the row numbered 1
    for cell, text in zip(cells[1:], ["Berikan contoh sikap jujur.", "Melapor", "Diam", "",
                                      "", "", "A", "integritas", "2"], strict=True):
        cell.text = text
    doc.save(str(path))
    result = read_word(path)
    assert [(i.id, i.stem) for i in result.items] == [("SOAL-001",
                                                       "Berikan contoh sikap jujur.")]
    assert len(result.examples) == 3


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.filter_too_much,
                                                                 HealthCheck.too_slow])
@given(ITEM_LISTS)
def test_round_trip_through_word(generated: tuple[Item, ...]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "bank.docx"
        try:
            write_items(path, generated, {})
        except ValueError as exc:
            assume("Word files cannot hold" not in str(exc))
            raise
        result = read_word(path)
    # One table per type: the document groups the items by type, each keeping its order.
    assert {i.id: i for i in result.items} == {i.id: i for i in generated}
    assert len(result.items) == len(generated)
    assert result.warnings == []


def test_formatting_pictures_lists_and_tables_round_trip(tmp_path: Path) -> None:
    stem = ('<p>Perhatikan <b>grafik</b> <i>berikut</i> dan <u>tabel</u> H<sub>2</sub>O '
            'x<sup>2</sup>:</p><p><img src="G-1/image1.png"></p>'
            '<ul><li>satu</li><li>dua</li></ul><ol><li>pertama</li></ol>'
            '<table><tr><td>Tahun</td><td>Nilai</td></tr><tr><td>2025</td><td><b>7</b></td>'
            '</tr></table>')
    item = Item(ItemId("G-1"), ItemType.MC, stem, "integritas", level=4, topic="data",
                review=ReviewStatus.REVIEWED, media=("G-1/image1.png", "G-1/image2.png"),
                options=(Option(OptionId("A"), 'naik<br><img src="G-1/image2.png">', 1.0,
                                True),
                         Option(OptionId("B"), "turun", 0.0, False)))
    media = {"G-1/image1.png": png("blue"), "G-1/image2.png": png("green")}
    path = tmp_path / "bank.docx"
    write_items(path, [item], media)
    result = read_word(path)
    assert result.items == [item]
    assert result.media == media


def test_media_outside_the_text_cannot_be_exported(tmp_path: Path) -> None:
    item = Item(ItemId("X"), ItemType.MC, "soal", "integritas", media=("X/a.pdf",),
                options=(Option(OptionId("A"), "a", 1.0, True),))
    with pytest.raises(ValueError, match="not shown in its text"):
        write_items(tmp_path / "x.docx", [item], {"X/a.pdf": b"%PDF"})


def test_cli_export_docx_and_import_into_another_bank(tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    init_bank(first, "A")
    init_bank(second, "B")
    template = tmp_path / "soal.docx"
    assert main(["bank", "template", str(template)]) == 0
    adopt_word_examples(template)
    assert main(["bank", "import", "--bank", str(first), str(template)]) == 0
    out = tmp_path / "ekspor.docx"
    assert main(["bank", "export", "--bank", str(first), "--docx", str(out)]) == 0
    assert main(["bank", "import", "--bank", str(second), str(out)]) == 0
    assert load_bank(second).items == load_bank(first).items


def test_review_status_and_reviewer_travel_in_their_columns(tmp_path: Path) -> None:
    item = Item(ItemId("T-1"), ItemType.MC, "soal", "integritas",
                review=ReviewStatus.APPROVED, reviewed_by="Dra. Sri Wahyuni",
                options=(Option(OptionId("A"), "a", 1.0, True),
                         Option(OptionId("B"), "b", 0.0, False)))
    path = tmp_path / "bank.docx"
    write_items(path, [item], {})
    headers = [c.text for c in Document(str(path)).tables[0].rows[0].cells]
    assert "STATUS" in headers and "DITELAAH OLEH" in headers
    assert read_word(path).items == [item]


def test_a_stem_of_two_paragraphs_reads_back_as_two_paragraphs(tmp_path: Path) -> None:
    # A plain cell's blank line was written as two breaks in one Word paragraph and read
    # back as "<br><br>": the stem changed on the way through Word.
    item = Item(id=ItemId("P-1"), type=ItemType.MC,
                stem="<p>Kasus A.</p><p>Apa yang Anda lakukan?</p>",
                competency="integritas", level=1,
                options=(Option(id=OptionId("A"), text="Lapor", weight=1.0, correct=True),
                         Option(id=OptionId("B"), text="Diam", weight=0.0, correct=False)))
    path = tmp_path / "bank.docx"
    write_items(path, (item,), {})
    document = Document(str(path))
    stem_cell = next(c for t in document.tables for r in t.rows for c in r.cells
                     if "Kasus A." in c.text)
    assert [p.text for p in stem_cell.paragraphs] == ["Kasus A.", "Apa yang Anda lakukan?"]
    assert read_word(path).items == [item]


def test_plain_columns_keep_what_looks_like_markup(tmp_path: Path) -> None:
    # Tags and topics are plain text: "<B>" was taken for a bold tag and came back empty.
    item = Item(id=ItemId("P-2"), type=ItemType.MC, stem="Soal", competency="integritas",
                level=1, topic="A & <p>", tags=("<B>", "a&b"),
                options=(Option(id=OptionId("A"), text="Ya", weight=1.0, correct=True),
                         Option(id=OptionId("B"), text="Tidak", weight=0.0, correct=False)))
    path = tmp_path / "bank.docx"
    write_items(path, (item,), {})
    assert read_word(path).items == [item]
