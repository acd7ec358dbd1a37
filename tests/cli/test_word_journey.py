"""A new user's way from the Word template to a reviewed item, by the README's own lines.

The commands are read from README.md (so the README cannot drift from what works): the
bank is made, the Word template written, filled as a question writer fills it in Word
(instructions kept, every example row left where it is, the numbered rows below it
filled, one with a picture pasted into the question, a row added with Tab), imported
with the examples named as skipped, printed for the telaah, and an item marked reviewed.
"""

from __future__ import annotations

import io
import shlex
import subprocess
from datetime import date
from pathlib import Path

import pytest
from docx import Document
from docx.shared import Cm
from PIL import Image

from exam_bank.items.bank import load_bank
from exam_bank.items.model import ReviewStatus
from ujikom.cli import main

README = Path(__file__).parents[2] / "README.md"


def readme_command(starts: str) -> list[str]:
    """The README line that begins with `starts`, as arguments after `ujikom`."""
    for line in README.read_text("utf-8").splitlines():
        if line.startswith(starts):
            words = shlex.split(line, comments=True)
            assert words[0] == "ujikom"
            return words[1:]
    raise AssertionError(f"README.md has no line starting {starts!r}")


def chart() -> bytes:
    image = Image.new("RGB", (90, 60), "white")
    image.paste((200, 60, 40), (10, 10, 80, 50))
    out = io.BytesIO()
    image.save(out, "PNG")
    return out.getvalue()


def fill_like_a_writer(path: Path) -> None:
    doc = Document(str(path))
    instructions = [p.text for p in doc.paragraphs]
    mc, _sjt, _likert = doc.tables  # the SJT and Likert tables: not used, left as they are
    assert mc.rows[2].cells[0].text == "CONTOH"  # rows 0-1: the two header rows
    first, blank = mc.rows[3].cells, mc.rows[4].cells  # the rows numbered 1 and 2
    # The first row, formatting as a writer types it.
    for cell, text in zip(first, ["1", "", "Memberi suvenir", "Menolak dengan sopan",
                                  "Menerima lalu melapor", "Diam saja", "Meminta uang",
                                  "B", "integritas", "3"], strict=True):
        cell.text = text
    stem = first[1].paragraphs[0]
    stem.add_run("Seorang pemohon izin menyodorkan amplop. Sikap yang ")
    stem.add_run("paling tepat").bold = True
    stem.add_run(" adalah ...")
    # The blank row: competency and level left empty (given on import), a picture pasted.
    for cell, text in zip(blank, ["2", "Perhatikan grafik antrean berikut.", "Senin",
                                  "Selasa", "Rabu", "Kamis", "Jumat", "a", "", ""],
                          strict=True):
        cell.text = text
    blank[1].add_paragraph().add_run().add_picture(io.BytesIO(chart()), width=Cm(3))
    # Row 3 left empty; one more row, as Tab in the last cell adds it, numbered 3 anyway.
    added = mc.add_row().cells
    for cell, text in zip(added, ["3", "Laporan gratifikasi disampaikan kepada ...", "KPK",
                                  "Camat", "Bupati", "Polsek", "Lurah", "(A)", "", ""],
                          strict=True):
        cell.text = text
    assert [p.text for p in doc.paragraphs] == instructions  # instructions kept
    doc.save(str(path))


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True,
                          text=True, check=True).stdout


def test_from_the_word_template_to_a_reviewed_item(tmp_path: Path,
                                                   monkeypatch: pytest.MonkeyPatch,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)
    assert main(readme_command("ujikom bank init mybank")) == 0
    assert main(readme_command("ujikom bank template soal.docx")) == 0
    fill_like_a_writer(tmp_path / "soal.docx")
    capsys.readouterr()
    assert main(readme_command("ujikom bank import --bank mybank --competency integritas "
                               "soal.docx")) == 0
    report = capsys.readouterr().out
    assert "baris contoh templat dilewati, tidak diimpor / template example rows skipped, " \
           "not imported (3):" in report
    assert "  soal.docx: tabel 1, baris 3: baris contoh dilewati / example row skipped" \
        in report
    assert "imported 3 items" in report
    items = load_bank(tmp_path / "mybank").items
    assert sorted(items) == ["SOAL-001", "SOAL-002", "SOAL-003"]  # no example left over
    first, second, third = (items[f"SOAL-00{n}"] for n in (1, 2, 3))
    assert first.stem == ("Seorang pemohon izin menyodorkan amplop. Sikap yang <b>paling "
                          "tepat</b> adalah ...")
    assert [o.id for o in first.options if o.correct] == ["B"]
    assert second.competency == "integritas" and second.level == 3  # from --competency
    assert second.media == ("SOAL-002/image1.png",)
    assert (tmp_path / "mybank" / "media" / "SOAL-002" / "image1.png").is_file()
    assert [o.id for o in third.options if o.correct] == ["A"]  # "(A)"
    assert all(i.review == ReviewStatus.DRAFT for i in items.values())

    assert main(readme_command("ujikom bank export --bank mybank --review telaah.pdf")) == 0
    text = pdf_text(tmp_path / "telaah.pdf")
    pages = text.split("\f")
    for item_id, last_option in (("SOAL-001", "Meminta uang"), ("SOAL-002", "Jumat"),
                                 ("SOAL-003", "Lurah")):
        # an item's block is never split over two pages when it fits on one
        assert any(item_id in page and last_option in page for page in pages), item_id
    assert "Catatan penelaah" in text and "KUNCI" in text
    listing = subprocess.run(["pdfimages", "-list", str(tmp_path / "telaah.pdf")],
                             capture_output=True, text=True, check=True).stdout
    assert len(listing.splitlines()) >= 3  # two header lines, then the pasted chart

    assert main(readme_command("ujikom bank review --bank mybank SOAL-001")) == 0
    reviewed = load_bank(tmp_path / "mybank").items["SOAL-001"]
    assert reviewed.review == ReviewStatus.APPROVED and reviewed.reviewed_by == "Sri Wahyuni"
    assert reviewed.reviewed_on == date.today().isoformat()
    capsys.readouterr()
    assert main(["bank", "list", "--bank", "mybank", "--review", "approved"]) == 0
    assert capsys.readouterr().out.count("SOAL-00") == 1
    assert main(readme_command("ujikom bank export --bank mybank --review telaah.pdf")) == 0
    assert "Sri Wahyuni" in pdf_text(tmp_path / "telaah.pdf")
