"""The makalah PDF carries the prompt the candidate wrote to: the instructions and the
case material with its headings, table and picture, after the paper, as in the kiosk's
case pane; and the review PDF prints item pictures, a broken one as a line saying so."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image

from exam_bank.makalah.pdf import render_pdf
from exam_bank.richpdf import RichStyles, picture, rich_flowables
from proctor.prepared import paper_metas
from tests.exam_bank.mediakit import CASE_PICTURE, GREEN, NUMBER, build, picture_bank, png

PAPER = "<h1>Rencana</h1><p>Kemacetan ditangani dengan tiga langkah.</p>"
SHOTS = Path("/tmp/media-shots")


def tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.fail(f"{name} is not installed: apt-get install -y poppler-utils")
    return path


@pytest.fixture(scope="module")
def pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("makalah-pdf")
    built = build(picture_bank(root / "bank"), root / "gambar.ujikom")
    meta = paper_metas(built.package, NUMBER)["IMG-MK"]
    path = root / "makalah.pdf"
    path.write_bytes(render_pdf(PAPER, meta))
    return path


def test_the_case_material_follows_the_paper_with_its_table(pdf: Path) -> None:
    text = subprocess.run([tool("pdftotext"), "-layout", str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout
    paper, _, appendix = text.partition("Lampiran: soal makalah")
    assert "Kemacetan ditangani" in paper and "akhir makalah" in paper
    for words in ("Petunjuk", "Tulis makalah tentang penanganan kemacetan.", "Bahan kasus",
                  "Latar belakang", "Susun rencana penanganan."):
        assert words in appendix
    assert any("2025" in line and "15.500" in line for line in appendix.splitlines())


def test_the_case_picture_is_printed_at_its_shape(pdf: Path, tmp_path: Path) -> None:
    listing = subprocess.run([tool("pdfimages"), "-list", str(pdf)], check=True,
                             capture_output=True, text=True).stdout.splitlines()[2:]
    assert [(row.split()[3], row.split()[4]) for row in listing] == [("240", "120")]
    subprocess.run([tool("pdftoppm"), "-png", "-r", "60", str(pdf), str(tmp_path / "p")],
                   check=True)
    pages = sorted(tmp_path.glob("p-*.png"))
    assert len(pages) == 2  # the paper, then the appendix on a page of its own
    with Image.open(pages[1]) as page:
        rgb = page.convert("RGB")
        green = [(x, y) for x in range(rgb.width) for y in range(rgb.height)
                 if _close(rgb.getpixel((x, y)), GREEN)]
    xs, ys = {p[0] for p in green}, {p[1] for p in green}
    # 240x120 px at 96 dpi printed at 60 dpi: about 150x75 pixels, 2:1 as the picture.
    assert (max(xs) - min(xs)) / (max(ys) - min(ys)) == pytest.approx(2, rel=0.1)
    assert len(green) > 0.8 * 150 * 75
    if SHOTS.is_dir():
        shutil.copy(pages[1], SHOTS / "makalah-pdf-appendix.png")


def _close(a: tuple[int, int, int], b: tuple[int, int, int]) -> bool:
    return sum(abs(x - y) for x, y in zip(a, b, strict=True)) < 40


def test_no_prompt_no_appendix() -> None:
    from exam_bank.makalah.pdf import PdfMeta, story

    texts = [getattr(f, "text", "") for f in story(PAPER, PdfMeta(heading=["Ujian"]))]
    assert not any("Lampiran" in t for t in texts)


@pytest.mark.parametrize("data", [None, b"\x89PNG\r\n\x1a\nrusak",
                                  png((1, 1, 1), (12_000, 12_000))],
                         ids=["missing", "broken", "bomb"])
def test_a_picture_that_cannot_be_printed_is_a_line(data: bytes | None) -> None:
    from reportlab.lib.styles import ParagraphStyle

    style = ParagraphStyle("b")
    printed = picture(data, "Peta titik macet", 400, 200, style)
    assert printed.text == "<i>[Gambar tidak dapat ditampilkan: Peta titik macet]</i>"
    flowables = rich_flowables(f'<p>a</p><img src="{CASE_PICTURE}">', {}, RichStyles(style),
                               400)
    assert flowables[-1].text == "<i>[Gambar tidak dapat ditampilkan]</i>"


def test_case_material_from_word_prints_its_spanned_table_and_chart(tmp_path: Path) -> None:
    from exam_bank.importers.word_case import read_case
    from exam_bank.makalah.pdf import PdfMeta
    from tests.exam_bank.mediakit import picture_items

    word = Path(__file__).parents[1] / "fixtures" / "word" / "kasus-word365.docx"
    item, media = read_case(word, picture_items()[1])
    pdf = tmp_path / "makalah.pdf"
    pdf.write_bytes(render_pdf(PAPER, PdfMeta(heading=["Ujian"], instructions="Tulis.",
                                              case_material=item.makalah.case_material,
                                              media=media)))
    text = subprocess.run([tool("pdftotext"), "-layout", str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout
    lines = [" ".join(line.split()) for line in text.splitlines()]
    # "Bulan" spans two rows and "Permohonan" two columns, as in the Word table.
    assert "Bulan Permohonan" in lines and "Masuk Selesai" in lines
    assert "Januari 1.180 1.020" in lines
    listing = subprocess.run([tool("pdfimages"), "-list", str(pdf)], check=True,
                             capture_output=True, text=True).stdout.splitlines()[2:]
    assert [(row.split()[3], row.split()[4]) for row in listing] == [("90", "60")]
    if SHOTS.is_dir():
        subprocess.run([tool("pdftoppm"), "-png", "-r", "60", "-f", "2", "-l", "2", str(pdf),
                        str(SHOTS / "makalah-pdf-word")], check=True)
