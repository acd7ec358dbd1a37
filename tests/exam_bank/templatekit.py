"""Templates filled in as a writer would: the example rows adopted as the writer's own items.

An untouched template imports nothing (its example rows are skipped); a test that wants
the examples in a bank does what a writer who keeps one would do: gives the row its own
number (Word NO) or id (spreadsheet) instead of the CONTOH mark.
"""

from __future__ import annotations

from pathlib import Path

from docx import Document


def adopt_word_examples(path: Path) -> None:
    """Each table's example row numbered 1 (the blank row numbered 1 is only a NO: empty)."""
    doc = Document(str(path))
    for table in doc.tables:
        for row in table.rows:
            if row.cells[0].text == "CONTOH":
                row.cells[0].paragraphs[0].runs[0].text = "1"
    doc.save(str(path))


def adopt_sheet_examples(path: Path) -> None:
    """Ids ``CONTOH-PG-001`` become ``PG-001`` in an XLSX or CSV template."""
    if path.suffix == ".csv":
        path.write_text(path.read_text("utf-8-sig").replace("CONTOH-", ""), "utf-8-sig")
        return
    from openpyxl import load_workbook

    book = load_workbook(path)
    for cell in book["soal"]["A"][1:]:
        if isinstance(cell.value, str):
            cell.value = cell.value.replace("CONTOH-", "")
    book.save(path)
