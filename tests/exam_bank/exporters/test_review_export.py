"""The review document (lembar telaah soal) as Word and PDF."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from docx import Document

from exam_bank.items.bank import init_bank
from tests.exam_bank.templatekit import adopt_word_examples
from ujikom.cli import main

FIXTURE = Path(__file__).parents[2] / "fixtures" / "word" / "cbt-word.docx"


@pytest.fixture
def bank(tmp_path: Path) -> Path:
    root = tmp_path / "bank"
    init_bank(root, "BKPSDM Kota Sukamaju")
    template = tmp_path / "soal.docx"
    assert main(["bank", "template", str(template)]) == 0
    adopt_word_examples(template)
    assert main(["bank", "import", "--bank", str(root), str(template)]) == 0
    assert main(["bank", "import", "--bank", str(root), "--competency", "perekat_bangsa",
                 str(FIXTURE)]) == 0
    assert main(["bank", "review", "--bank", str(root), "SOAL-001", "--by",
                 "Dra. Sri Wahyuni"]) == 0
    return root


def test_review_docx_has_a_block_per_item_with_key_weights_and_notes(
        bank: Path, tmp_path: Path) -> None:
    out = tmp_path / "telaah.docx"
    assert main(["bank", "export", "--bank", str(bank), "--review", str(out),
                 "--ids", "SOAL-001", "SOAL-T2-001", "CBT-WORD-002"]) == 0
    doc = Document(str(out))
    headings = [p.text for p in doc.paragraphs if p.style.name == "Heading 2"]
    assert headings == ["1. SOAL-001 \u2014 Pilihan ganda",
                        "2. SOAL-T2-001 \u2014 SJT (penilaian situasi)",
                        "3. CBT-WORD-002 \u2014 Pilihan ganda"]
    text = "\n".join(c.text for t in doc.tables for r in t.rows for c in r.cells)
    assert "Dra. Sri Wahyuni" in text and "sudah ditelaah" in text
    assert "items/umum.toml:" in text and "Perekat Bangsa (perekat_bangsa)" in text
    assert "KUNCI" in text and "bobot 5" in text and "bobot 1" in text
    assert text.count("Catatan penelaah:") == 3
    assert len(doc.inline_shapes) == 1  # the chart of CBT-WORD-002


def test_review_pdf_prints_every_item(bank: Path, tmp_path: Path) -> None:
    out = tmp_path / "telaah.pdf"
    assert main(["bank", "export", "--bank", str(bank), "--review", str(out)]) == 0
    assert out.read_bytes().startswith(b"%PDF")
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True,
                          check=True).stdout
    for item_id in ("SOAL-001", "SOAL-T2-001", "SOAL-T3-001", "CBT-WORD-001",
                    "CBT-WORD-002", "CBT-WORD-T2-001"):
        assert item_id in text
    assert "Dra. Sri Wahyuni" in text and "Catatan penelaah" in text and "KUNCI" in text
    assert "Halaman 1 dari" in text
