"""The graders' PDF: every element of the paper, the chosen heading, numbered pages,
word count and text hash; read back with poppler's pdftotext."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from reportlab.platypus import Paragraph, Table

from exam_bank.events.model import text_hash
from exam_bank.makalah import PdfMeta, render_pdf, text_sha256
from exam_bank.makalah.pdf import story, word_line
from tests.exam_bank.makalah.test_doc import SAMPLE

META = PdfMeta(heading=["Seleksi Terbuka JPT Pratama 2026", "Kode penilaian: K7Q-2F9"],
               title="Strategi Percepatan Transformasi Digital", min_words=10, max_words=3000)
LONG = SAMPLE + "\n\n" + "\n\n".join(["Paragraf panjang " * 120] * 6)


def pdf_text(pdf: bytes, tmp_path: Path) -> str:
    if shutil.which("pdftotext") is None:
        pytest.fail("pdftotext (Debian poppler-utils) is needed: `make test` installs it "
                    "(Makefile: tools)")
    path = tmp_path / "makalah.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True,
                          capture_output=True, text=True).stdout


def test_pdf_shows_heading_paper_count_hash_and_page_numbers(tmp_path: Path) -> None:
    pdf = render_pdf(LONG, META)
    assert pdf.startswith(b"%PDF")
    text = pdf_text(pdf, tmp_path)
    for expected in ("Seleksi Terbuka JPT Pratama 2026", "Kode penilaian: K7Q-2F9",
                     "Strategi Percepatan Transformasi Digital", "Latar belakang",
                     "belum terhubung", "1. Satu", "• sub", "2. Dua", "Indikator", "78,1",
                     "naik", "Akhir.", "Jumlah kata: 1.458 (batas 10–3.000)",  # 18 + 6 × 240
                     "Halaman 1 dari 5", "Halaman 5 dari 5", text_sha256(LONG)):
        assert expected in text, expected
    assert text.count("Halaman") == 5
    assert text_hash(LONG) in text  # the event log's short hash, on every page
    assert "**" not in text and "<u>" not in text  # markup is drawn, not printed


def test_no_name_unless_the_caller_puts_it_in_the_heading(tmp_path: Path) -> None:
    text = pdf_text(render_pdf("Isi makalah.", PdfMeta(heading=["Ujian", "Kode: A1"])),
                    tmp_path)
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    assert lines[:3] == ["Ujian", "Ujian", "Kode: A1"]  # running head, then the heading


def test_story_draws_emphasis_lists_and_tables() -> None:
    parts = story(SAMPLE, META)
    paragraphs = [p for p in parts if isinstance(p, Paragraph)]
    body = next(p for p in paragraphs if "belum terhubung" in p.text)
    assert "<b>belum terhubung</b>" in body.text
    assert "<i>miring</i>" in body.text and "<u>garis bawah</u>" in body.text
    items = [p for p in paragraphs if getattr(p, "bulletText", None)]
    assert [(p.bulletText, p.style.leftIndent > 0) for p in items] == [
        ("1.", True), ("•", True), ("2.", True)]
    assert items[1].style.leftIndent > items[0].style.leftIndent  # nested deeper
    tables = [p for p in parts if isinstance(p, Table)]
    assert len(tables) == 1 and (tables[0]._nrows, tables[0]._ncols) == (2, 2)


def test_same_text_same_bytes() -> None:
    assert render_pdf(SAMPLE, META) == render_pdf(SAMPLE, META)
    assert render_pdf(SAMPLE, META) != render_pdf(SAMPLE + " x", META)


def test_word_line_says_how_far_off_the_range() -> None:
    assert word_line(1834, 1500, 3000) == "Jumlah kata: 1.834 (batas 1.500–3.000)"
    assert word_line(1200, 1500, 3000) == ("Jumlah kata: 1.200 (batas 1.500–3.000), "
                                           "kurang 300 kata")
    assert word_line(3100, None, 3000) == ("Jumlah kata: 3.100 (paling banyak 3.000), "
                                           "lebih 100 kata")
    assert word_line(5, None, None) == "Jumlah kata: 5"


def test_markup_like_text_and_other_scripts_render(tmp_path: Path) -> None:
    text = "Nilai \\< 5 \\& 7 \\*penting\\* café — Ω"
    out = pdf_text(render_pdf(text, PdfMeta(heading=["Ujian"])), tmp_path)
    assert "Nilai < 5 & 7 *penting* café — Ω" in out  # escaped for reportlab, drawn as typed
