"""Merged table cells (colspan/rowspan, as Word case material has them) in printed PDFs."""

from __future__ import annotations

import subprocess
from pathlib import Path

from reportlab.lib.styles import ParagraphStyle
from reportlab.platypus import SimpleDocTemplate

from exam_bank.richpdf import RichStyles, _Cell, place, rich_flowables

# The case table of tests/fixtures/word/kasus-word365.docx as the importer writes it.
TABLE = ('<table><tr><td rowspan="2">Bulan</td><td colspan="2">Permohonan</td></tr>'
         "<tr><td>Masuk</td><td>Selesai</td></tr><tr><td>Januari</td><td>1.180</td>"
         "<td>1.020</td></tr></table>")


def test_merged_cells_take_the_columns_html_gives_them() -> None:
    bulan, permohonan = _Cell(down=2), _Cell(across=2)
    masuk, selesai = _Cell(), _Cell()
    row3 = [_Cell(), _Cell(), _Cell()]
    placed, cols = place([[bulan, permohonan], [masuk, selesai], row3])
    assert cols == 3
    assert [(x, y) for _c, x, y in placed] == [(0, 0), (1, 0), (1, 1), (2, 1), (0, 2),
                                               (1, 2), (2, 2)]


def test_a_span_past_the_last_row_is_cut_to_the_table() -> None:
    cell = _Cell(down=5)
    placed, cols = place([[cell, _Cell()], [_Cell()]])
    assert cell.down == 2 and cols == 2 and [(x, y) for _c, x, y in placed] == [
        (0, 0), (1, 0), (1, 1)]


def test_the_table_prints_with_its_header_merged(tmp_path: Path) -> None:
    styles = RichStyles(ParagraphStyle("body", fontName="Helvetica", fontSize=10))
    out = tmp_path / "tabel.pdf"
    SimpleDocTemplate(str(out)).build(rich_flowables(TABLE, {}, styles, 400))
    lines = [line for line in subprocess.run(
        ["pdftotext", "-layout", str(out), "-"], capture_output=True, text=True,
        check=True).stdout.splitlines() if line.strip()]
    # Masuk stands under Permohonan, to the right of the merged Bulan, not under it.
    first = next(line for line in lines if "Permohonan" in line)
    second = next(line for line in lines if "Masuk" in line)
    assert second.index("Masuk") == first.index("Permohonan")
    assert "Bulan" not in second
