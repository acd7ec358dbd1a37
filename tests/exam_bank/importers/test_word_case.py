"""`ujikom bank import-case`: a makalah's case material from a Word document."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from docx import Document
from docx.oxml import parse_xml
from docx.shared import Cm
from PIL import Image

from exam_bank.items.bank import init_bank, load_bank
from ujikom.cli import main

ITEM = '''# bank file written by hand
[[item]]
id = "MKL-001"
type = "makalah"
competency = "integritas"
level = 3
stem = ""

[item.makalah]
case_material = "lama"
instructions = "Tulis makalah."
time_limit_min = 120
word_min = 0
word_max = 0

[[item]]
id = "PG-1"
type = "mc"
competency = "integritas"
level = 2
stem = "Soal"

[[item.options]]
id = "A"
text = "a"
weight = 1
correct = true

[[item.options]]
id = "B"
text = "b"
'''


def png() -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (30, 20), "orange").save(out, "PNG")
    return out.getvalue()


def case_document(path: Path, extra_xml: str = "") -> Path:
    doc = Document()
    doc.add_heading("Kasus: Pelayanan Perizinan", level=1)
    p = doc.add_paragraph("Dinas ")
    p.add_run("Penanaman Modal").bold = True
    p.add_run(" menerima ")
    p.add_run("keluhan").italic = True
    p.add_run(".")
    doc.add_heading("Data", level=2)
    table = doc.add_table(rows=2, cols=2)
    for cell, text in zip([c for r in table.rows for c in r.cells],
                          ["Tahun", "Izin", "2025", "1.200"], strict=True):
        cell.text = text
    doc.add_paragraph("Masalah utama:")
    doc.add_paragraph("antrean panjang", style="List Bullet")
    doc.add_paragraph("berkas hilang", style="List Bullet")
    doc.add_paragraph().add_run().add_picture(io.BytesIO(png()), width=Cm(2))
    if extra_xml:
        ns = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
        doc.paragraphs[1]._p.append(parse_xml(extra_xml.replace("NS", ns)))
    doc.save(str(path))
    return path


@pytest.fixture
def bank(tmp_path: Path) -> Path:
    root = tmp_path / "bank"
    init_bank(root, "Uji")
    (root / "items" / "umum.toml").write_text(ITEM, "utf-8")
    return root


def test_case_material_arrives_with_headings_tables_lists_and_pictures(
        bank: Path, tmp_path: Path) -> None:
    before = load_bank(bank).items
    path = case_document(tmp_path / "kasus.docx")
    assert main(["bank", "import-case", "--bank", str(bank), str(path), "--item",
                 "MKL-001"]) == 0
    after = load_bank(bank).items
    assert after["PG-1"] == before["PG-1"]
    item = after["MKL-001"]
    assert item.makalah is not None and item.makalah.instructions == "Tulis makalah."
    assert item.makalah.case_material == (
        "<h3>Kasus: Pelayanan Perizinan</h3><p>Dinas <b>Penanaman Modal</b> menerima "
        "<i>keluhan</i>.</p><h3>Data</h3><table><tr><td>Tahun</td><td>Izin</td></tr>"
        "<tr><td>2025</td><td>1.200</td></tr></table><p>Masalah utama:</p>"
        "<ul><li>antrean panjang</li><li>berkas hilang</li></ul>"
        '<p><img src="MKL-001/image1.png"></p>')
    assert item.media == ("MKL-001/image1.png",)
    assert (bank / "media" / "MKL-001" / "image1.png").read_bytes().startswith(b"\x89PNG")
    assert (bank / "items" / "umum.toml").read_text("utf-8").startswith(
        "# bank file written by hand\n")


@pytest.mark.parametrize(("xml", "words"), [
    ('<w:ins NS w:id="1" w:author="a"><w:r><w:t>baru</w:t></w:r></w:ins>', "track changes"),
    ('<w:r NS><w:commentReference w:id="0"/></w:r>', "komentar"),
    ('<w:r NS><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml"><v:textbox>'
     '<w:txbxContent><w:p><w:r><w:t>kotak</w:t></w:r></w:p></w:txbxContent></v:textbox>'
     '</v:shape></w:pict></w:r>', "kotak teks"),
])
def test_unsupported_content_is_reported_and_nothing_changes(
        bank: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str], xml: str,
        words: str) -> None:
    files = (bank / "items" / "umum.toml").read_bytes()
    path = case_document(tmp_path / "kasus.docx", xml)
    assert main(["bank", "import-case", "--bank", str(bank), str(path), "--item",
                 "MKL-001"]) != 0
    assert words in capsys.readouterr().err
    assert (bank / "items" / "umum.toml").read_bytes() == files
    assert not (bank / "media" / "MKL-001").exists()


def test_only_a_makalah_takes_case_material(bank: Path, tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    path = case_document(tmp_path / "kasus.docx")
    assert main(["bank", "import-case", "--bank", str(bank), str(path), "--item",
                 "PG-1"]) != 0
    assert "makalah" in capsys.readouterr().err


def test_imported_case_material_prints_in_the_review_pdf(bank: Path, tmp_path: Path) -> None:
    import subprocess

    path = case_document(tmp_path / "kasus.docx")
    assert main(["bank", "import-case", "--bank", str(bank), str(path), "--item",
                 "MKL-001"]) == 0
    out = tmp_path / "telaah.pdf"
    assert main(["bank", "export", "--bank", str(bank), "--review", str(out), "--ids",
                 "MKL-001"]) == 0
    text = subprocess.run(["pdftotext", "-layout", str(out), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert "Bahan kasus:" in text and "Kasus: Pelayanan Perizinan" in text
    assert "Tahun" in text and "1.200" in text and "antrean panjang" in text
    assert "jumlah kata bebas" in text


def test_a_pictures_alt_text_from_word_travels_with_it(tmp_path: Path) -> None:
    from exam_bank.importers.word_case import read_case
    from exam_bank.items.bank import load_bank as load

    path = case_document(tmp_path / "kasus.docx")
    doc = Document(str(path))
    doc_pr = doc.inline_shapes[0]._inline.docPr
    doc_pr.set("descr", "Grafik antrean per bulan")  # Word: "Edit Alt Text"
    doc.save(str(path))
    root = tmp_path / "bank"
    init_bank(root, "Uji")
    (root / "items" / "umum.toml").write_text(ITEM, "utf-8")
    item, _media = read_case(path, load(root).items["MKL-001"])
    assert item.makalah is not None
    assert item.makalah.case_material.endswith(
        '<p><img src="MKL-001/image1.png" alt="Grafik antrean per bulan"></p>')
