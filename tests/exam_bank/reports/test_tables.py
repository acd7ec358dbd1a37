"""CSV and XLSX exports: what is read back equals the data, Excel niceties in place."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from openpyxl import load_workbook

from exam_bank.reports.summary import rankings
from exam_bank.reports.tables import (
    Sheet,
    competency_sheet,
    csv_bytes,
    ninebox_sheet,
    ranking_sheet,
    xlsx_bytes,
)
from exam_bank.tabular import read_csv


@pytest.fixture(scope="module")
def sheets(sample) -> list[Sheet]:
    exam, candidates = sample
    by_no = {c.participant_no: c for c in candidates}
    return [ranking_sheet(exam, rankings(exam, candidates), by_no),
            competency_sheet(exam, candidates), ninebox_sheet(candidates)]


def expected_text(value: object, kind: str, comma: bool) -> str:
    """How a value should read back from the CSV: the round-trip's other half."""
    if value is None:
        return ""
    if kind == "bool":
        return "Ya" if value else "Tidak"
    if kind == "number":
        return ""  # compared as numbers below
    return str(value)


@pytest.mark.parametrize("delimiter", [";", ","])
def test_csv_reads_back_equal(tmp_path: Path, sheets: list[Sheet], delimiter: str) -> None:
    for sheet in sheets:
        data = csv_bytes(sheet, delimiter)
        assert data.startswith(b"\xef\xbb\xbf")  # BOM: Excel then reads UTF-8 names right
        path = tmp_path / f"{sheet.title}.csv"
        path.write_bytes(data)
        table = read_csv(path)
        assert table.headers == [c.key for c in sheet.columns]
        assert len(table.rows) == len(sheet.rows)
        for row, original in zip(table.rows, sheet.rows, strict=True):
            for col, value in zip(sheet.columns, original, strict=True):
                text = row.values[col.key]
                if col.kind == "number" and value is not None:
                    assert ("," in text) is (delimiter == ";" and not float(value).is_integer())
                    assert float(text.replace(",", ".")) == pytest.approx(value, abs=0.005)
                else:
                    assert text == expected_text(value, col.kind, delimiter == ";")


def test_csv_keeps_names_and_nips_exact(sheets: list[Sheet]) -> None:
    text = csv_bytes(sheets[0]).decode("utf-8-sig")
    assert "Dr. Hj. Siti Nurhaliza Rahmawati, S.Pd., M.Pd." in text
    assert ";197307061997032001;" in text  # never 1.97E+17


def test_csv_refuses_another_separator(sheets: list[Sheet]) -> None:
    with pytest.raises(ValueError, match="separator"):
        csv_bytes(sheets[0], "\t")


def test_xlsx_reads_back_equal_and_is_styled(sheets: list[Sheet]) -> None:
    book = load_workbook(io.BytesIO(xlsx_bytes(sheets)))
    assert book.sheetnames == ["Peringkat", "Kompetensi", "9-Box"]
    for sheet in sheets:
        ws = book[sheet.title]
        rows = list(ws.iter_rows(values_only=True))
        assert list(rows[0]) == [c.key for c in sheet.columns]
        assert len(rows) - 1 == len(sheet.rows)
        for got, original in zip(rows[1:], sheet.rows, strict=True):
            for col, value, cell in zip(sheet.columns, original, got, strict=True):
                if col.kind == "bool":
                    assert cell == ("Ya" if value else "Tidak")
                else:
                    assert cell == value
        assert ws.freeze_panes == "A2"
        assert ws["A1"].font.bold and ws["A1"].fill.fgColor.rgb.endswith("1A2B4C")
        assert ws.auto_filter.ref == ws.dimensions
        for i, col in enumerate(sheet.columns, start=1):
            letter = ws.cell(1, i).column_letter
            assert ws.column_dimensions[letter].width == col.width
            if col.kind == "number" and len(sheet.rows):
                assert ws.cell(2, i).number_format == "0.00"


def test_ranking_sheet_lists_posts_in_order_with_top_three(sample, sheets: list[Sheet]) -> None:
    exam, _ = sample
    ranking = sheets[0]
    keys = [c.key for c in ranking.columns]
    codes = [r[keys.index("kode_jabatan")] for r in ranking.rows]
    assert list(dict.fromkeys(codes)) == list(exam.positions)
    for code in exam.positions:
        mine = [r for r in ranking.rows if r[0] == code]
        tops = [r[keys.index("peringkat")] for r in mine if r[keys.index("tiga_besar")]]
        assert tops == [1, 2, 3][:len(tops)] and len(tops) == min(3, sum(
            r[keys.index("peringkat")] is not None for r in mine))
        pending = [r for r in mine if r[keys.index("peringkat")] is None]
        assert all(r[keys.index("keterangan")] == "Makalah belum dinilai" for r in pending)


def test_competency_sheet_has_a_row_per_candidate_and_competency(sample,
                                                                sheets: list[Sheet]) -> None:
    _, candidates = sample
    assert len(sheets[1].rows) == sum(len(c.score.competencies) for c in candidates)
    first = sheets[1].rows[0]
    k = candidates[0].score.competencies[0]
    assert first[:7] == (candidates[0].participant_no, candidates[0].name,
                         candidates[0].position_code, "Integritas", k.standard, k.level, k.gap)
