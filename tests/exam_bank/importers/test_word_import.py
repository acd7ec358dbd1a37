"""Word (.docx) item tables: the common Indonesian CBT layout and Ujikom's template."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from docx import Document
from docx.shared import Cm
from PIL import Image

from exam_bank.importers import read_items
from exam_bank.items.bank import init_bank, load_bank
from exam_bank.items.model import ItemType
from exam_bank.problems import InputError
from ujikom.cli import main

HEADER = ["NO", "SOAL", "JAWABAN A", "JAWABAN B", "JAWABAN C", "JAWABAN D", "JAWABAN E",
          "JAWABAN BENAR"]


def png(colour: str = "red") -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (8, 6), colour).save(out, "PNG")
    return out.getvalue()


def cbt_document(path: Path, rows: list[list[str]], *, header: list[str] = HEADER,
                 picture_in: tuple[int, int] | None = None, title_row: bool = False,
                 rich: bool = True) -> Path:
    """A Word-flavoured (python-docx) file in the common CBT layout; row 0 stem is rich."""
    doc = Document()
    doc.add_paragraph("Soal Tes Wawasan Kebangsaan")  # text before the table, as real ones
    table = doc.add_table(rows=0, cols=len(header))
    if title_row:
        table.add_row().cells[0].text = "DAFTAR SOAL"
    for cell, text in zip(table.add_row().cells, header, strict=True):
        cell.text = text
    for n, values in enumerate(rows):
        cells = table.add_row().cells
        for cell, text in zip(cells, values, strict=False):
            cell.text = text
        if n == 0 and rich:
            p = cells[1].paragraphs[0]
            p.text = ""
            p.add_run("Ibu kota ")
            p.add_run("Indonesia").bold = True
            p.add_run(" adalah ")
            p.add_run("...").italic = True
            run = p.add_run("catatan")
            run.underline = True
            run.add_break()
            p.add_run("baris dua")
    if picture_in is not None:
        r, c = picture_in
        row = table.rows[r + 1 + int(title_row)]
        row.cells[c].paragraphs[0].add_run().add_picture(io.BytesIO(png()), width=Cm(1))
    doc.save(str(path))
    return path


GOOD = [["1", "", "Bandung", "Jakarta", "Surabaya", "Medan", "Makassar", "B"],
        ["2", "Lambang sila pertama adalah ...", "Bintang", "Rantai", "Pohon beringin",
         "Kepala banteng", "Padi dan kapas", "a"],
        ["", "", "", "", "", "", "", ""]]


def test_common_cbt_layout_keeps_formatting_and_pictures(tmp_path: Path) -> None:
    path = cbt_document(tmp_path / "soal.docx", GOOD, picture_in=(1, 1), title_row=True)
    result = read_items(path, competency="perekat_bangsa")
    assert [i.id for i in result.items] == ["SOAL-001", "SOAL-002"]
    first, second = result.items
    assert first.type == ItemType.MC and first.competency == "perekat_bangsa"
    assert first.stem == ("Ibu kota <b>Indonesia</b> adalah <i>...</i><u>catatan</u><br>"
                          "baris dua")
    assert [o.correct for o in first.options] == [False, True, False, False, False]
    assert second.options[0].correct  # "a" as the key, lower case
    assert second.stem.startswith("<p>Lambang sila pertama") is False
    assert '<img src="SOAL-002/image1.png">' in second.stem
    assert second.media == ("SOAL-002/image1.png",)
    assert result.media["SOAL-002/image1.png"].startswith(b"\x89PNG")


def test_headers_are_found_by_text_not_position(tmp_path: Path) -> None:
    header = ["Kunci Jawaban", "Jawaban  b", "no", "Pertanyaan", "jawaban a", "Level"]
    path = cbt_document(tmp_path / "acak.docx", [["A", "Dua", "7", "Satu?", "Satu", "4"]],
                        header=header, rich=False)
    [item] = read_items(path, competency="integritas").items
    assert item.id == "ACAK-007" and item.level == 4
    assert [o.text for o in item.options] == ["Satu", "Dua"] and item.options[0].correct


def test_sjt_table_by_its_weight_columns(tmp_path: Path) -> None:
    header = ["NO", "SOAL", "JAWABAN A", "JAWABAN B", "BOBOT A", "BOBOT B", "KOMPETENSI"]
    path = cbt_document(tmp_path / "sjt.docx",
                        [["1", "Apa yang Anda lakukan?", "Lapor", "Diam", "5", "2,5",
                          "integritas"]], header=header, rich=False)
    [item] = read_items(path).items
    assert item.type == ItemType.SJT and [o.weight for o in item.options] == [5.0, 2.5]


@pytest.mark.parametrize(("cells", "column", "words"), [
    ({7: ""}, "JAWABAN BENAR", "jawaban benar belum diisi"),
    ({7: "F"}, "JAWABAN BENAR", "bukan huruf pilihan"),
    ({6: "", 7: "E"}, "JAWABAN BENAR", "pilihan yang kosong"),
])
def test_bad_rows_are_named_in_indonesian(tmp_path: Path, cells: dict[int, str], column: str,
                                           words: str) -> None:
    bad = list(GOOD[1])
    for index, text in cells.items():
        bad[index] = text
    path = cbt_document(tmp_path / "soal.docx", [GOOD[0], GOOD[1], bad])
    with pytest.raises(InputError) as caught:
        read_items(path, competency="integritas")
    found = [str(p) for p in caught.value.problems]
    assert all(p.startswith(f"soal.docx: tabel 1, baris 4, kolom {column}: ") for p in found)
    assert any(words in p for p in found), found


def test_weight_that_is_not_a_number(tmp_path: Path) -> None:
    header = ["NO", "SOAL", "JAWABAN A", "BOBOT A"]
    path = cbt_document(tmp_path / "sjt.docx", [["1", "Soal", "Lapor", "lima"]], header=header,
                        rich=False)
    with pytest.raises(InputError) as caught:
        read_items(path, competency="integritas")
    assert "sjt.docx: tabel 1, baris 2, kolom BOBOT A: bukan angka" in str(caught.value)


def test_unreadable_picture_refuses_the_file(tmp_path: Path) -> None:
    path = cbt_document(tmp_path / "soal.docx", GOOD[:2], picture_in=(1, 2))
    import zipfile

    broken = tmp_path / "rusak.docx"
    with zipfile.ZipFile(path) as src, zipfile.ZipFile(broken, "w") as dst:
        for info in src.infolist():
            data = src.read(info)
            if info.filename.endswith(".png"):
                data = data[:20]  # truncated: the PNG signature is there, the picture is not
            dst.writestr(info, data)
    with pytest.raises(InputError) as caught:
        read_items(broken, competency="integritas")
    assert "rusak.docx: tabel 1, baris 3, kolom JAWABAN A: gambar image1.png" in str(
        caught.value)


def test_no_competency_anywhere_is_refused(tmp_path: Path) -> None:
    path = cbt_document(tmp_path / "soal.docx", GOOD[:2])
    with pytest.raises(InputError, match="--competency"):
        read_items(path)


def test_cli_import_is_all_or_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]
                                      ) -> None:
    bank = tmp_path / "bank"
    init_bank(bank, "Uji")
    bad = list(GOOD[1])
    bad[7] = ""
    path = cbt_document(tmp_path / "soal.docx", [GOOD[0], bad], picture_in=(0, 2))
    code = main(["bank", "import", "--bank", str(bank), "--competency", "integritas",
                 str(path)])
    assert code != 0
    assert "soal.docx: tabel 1, baris 3, kolom JAWABAN BENAR" in capsys.readouterr().err
    assert not load_bank(bank).items and not list((bank / "media").rglob("*.png"))
    good = cbt_document(tmp_path / "soal.docx", GOOD, picture_in=(0, 2))
    assert main(["bank", "import", "--bank", str(bank), "--competency", "integritas",
                 "--level", "2", str(good)]) == 0
    items = load_bank(bank).items
    assert sorted(items) == ["SOAL-001", "SOAL-002"] and items["SOAL-001"].level == 2
    assert (bank / "media" / "SOAL-001" / "image1.png").read_bytes().startswith(b"\x89PNG")


FIXTURES = Path(__file__).parents[2] / "fixtures" / "word"


@pytest.mark.parametrize("name", ["cbt-word", "cbt-libreoffice"])
def test_files_written_by_word_flavour_and_by_libreoffice(name: str) -> None:
    """See tests/fixtures/word/make_fixtures.py for how each file was made."""
    result = read_items(FIXTURES / f"{name}.docx", competency="perekat_bangsa")
    prefix = name.upper()
    assert [i.id for i in result.items] == [f"{prefix}-001", f"{prefix}-002",
                                            f"{prefix}-T2-001"]
    first, chart, sjt = result.items
    assert first.stem == "Semboyan <b>Bhinneka Tunggal Ika</b> tertulis pada <i>...</i>"
    assert first.options[1].correct and first.options[1].text.startswith("Lambang negara")
    assert chart.stem == ("<p>Perhatikan grafik berikut.<br>Pada tahun berapa nilainya "
                          f'<u>tertinggi</u>?</p><p><img src="{prefix}-002/image1.png"></p>')
    assert chart.options[2].correct
    image = result.media[f"{prefix}-002/image1.png"]
    assert Image.open(io.BytesIO(image)).size == (120, 80)
    assert sjt.type == ItemType.SJT and sjt.competency == "kerja_sama"
    assert [o.weight for o in sjt.options] == [5.0, 2.5]


def _with_cell_xml(tmp_path: Path, xml: str) -> Path:
    """A CBT file whose first stem cell holds `xml` (WordprocessingML) after its text."""
    from docx.oxml import parse_xml

    path = cbt_document(tmp_path / "soal.docx", GOOD[:2], rich=False)
    doc = Document(str(path))
    cell = doc.tables[0].rows[1].cells[1]
    ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    cell.paragraphs[0]._p.append(parse_xml(xml.replace("NS", ns)))
    doc.save(str(path))
    return path


@pytest.mark.parametrize(("xml", "words"), [
    ('<w:ins NS w:id="1" w:author="a"><w:r><w:t>baru</w:t></w:r></w:ins>', "track changes"),
    ('<w:del NS w:id="2" w:author="a"><w:r><w:delText>lama</w:delText></w:r></w:del>',
     "track changes"),
    ('<w:r NS><w:commentReference w:id="0"/></w:r>', "komentar"),
    ('<w:r NS><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml"><v:textbox>'
     '<w:txbxContent><w:p><w:r><w:t>kotak</w:t></w:r></w:p></w:txbxContent></v:textbox>'
     '</v:shape></w:pict></w:r>', "kotak teks"),
])
def test_what_text_cannot_hold_is_reported_not_dropped(tmp_path: Path, xml: str,
                                                       words: str) -> None:
    with pytest.raises(InputError) as caught:
        read_items(_with_cell_xml(tmp_path, xml), competency="integritas")
    assert "soal.docx: tabel 1, baris 2, kolom SOAL: " in str(caught.value)
    assert words in str(caught.value)


@pytest.mark.parametrize(("header", "key", "correct"), [
    (["NO", "SOAL", "OPSI A", "OPSI B", "KUNCI"], "A.", "A"),
    (["No.", "Pertanyaan", "A", "B", "Jawaban Benar"], "(b)", "B"),
    (["NOMOR", "BUTIR SOAL", "PILIHAN A", "PILIHAN B", "KUNCI JAWABAN"], "b", "B"),
    (["No", "Soal", "Pilihan Jawaban A", "Pilihan Jawaban B", "Kunci"], "( A )", "A"),
])
def test_header_words_and_key_spellings_of_cbt_templates(tmp_path: Path, header: list[str],
                                                         key: str, correct: str) -> None:
    path = cbt_document(tmp_path / "soal.docx", [["1", "Ibu kota?", "Jakarta", "Bandung", key]],
                        header=header, rich=False)
    [item] = read_items(path, competency="integritas").items
    assert [o.text for o in item.options] == ["Jakarta", "Bandung"]
    assert [o.id for o in item.options if o.correct] == [correct]
