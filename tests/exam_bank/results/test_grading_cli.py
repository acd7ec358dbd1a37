"""`ujikom bank grading export|import|status`: blind double grading end to end."""

from __future__ import annotations

import json
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest
from openpyxl import load_workbook

from exam_bank.bundle.sealed import SessionResults
from exam_bank.items.model import ItemType
from exam_bank.makalah.pdf import PdfMeta, render_pdf
from tests.cli.labkit import ujikom
from tests.exam_bank.results.conftest import Central


def _grading_sheets(book):  # type: ignore[no-untyped-def]
    return [ws for ws in book.worksheets if ws.title.startswith("penilaian")]


def _fill(sheet_path: Path, mark: object, out: Path) -> Path:
    """Every mark cell of every grading sheet filled, as an assessor fills them."""
    book = load_workbook(sheet_path)
    for sheet in _grading_sheets(book):
        headers = [c.value for c in sheet[1]]
        for row in range(2, sheet.max_row + 1):
            for col, header in enumerate(headers, start=1):
                if header not in ("kode", "soal", "catatan"):
                    sheet.cell(row=row, column=col, value=mark)
    book.save(out)
    return out


def _status(store: str, capsys) -> list[dict]:  # type: ignore[no-untyped-def, type-arg]
    capsys.readouterr()
    assert ujikom("bank", "grading", "status", "--store", store, "--json") == 0
    return json.loads(capsys.readouterr().out)


def _as_the_proctor_seals(central: Central, results: SessionResults) -> SessionResults:
    """Each paper's sealed PDF names its candidate in the header, as `proctor seal` does."""
    cands = []
    for c in results.candidates:
        papers = {i: render_pdf("Isi makalah.", PdfMeta(heading=[f"Peserta {c.participant_no}"]))
                  for s in central.package.forms[c.participant_no].sections
                  for i in s.item_ids if central.package.items[i].type == ItemType.MAKALAH}
        cands.append(replace(c, makalah_pdf=papers))
    return replace(results, candidates=cands)


def _text(path: Path) -> bytes:
    if path.suffix != ".pdf":
        return path.read_bytes()
    if shutil.which("pdftotext") is None:
        pytest.fail("pdftotext (poppler-utils) is needed to read the exported papers")
    return subprocess.run(["pdftotext", str(path), "-"], capture_output=True,
                          check=True).stdout


def test_two_blind_gradings_a_third_when_apart_and_the_final_grade(
        central: Central, store_target: str, tmp_path: Path, capsys) -> None:
    results = _as_the_proctor_seals(central, central.results())
    bundle = tmp_path / "s1.p7m"
    bundle.write_bytes(central.seal(results))
    assert ujikom("bank", "import-results", bundle, *central.import_args(store_target)) == 0
    out = tmp_path / "sheets"
    assert ujikom("bank", "grading", "export", "--store", store_target, "--out", out,
                  "--assessor", "Ani", "--assessor", "Budi") == 0
    n = len(results.candidates)
    for who in ("Ani", "Budi"):
        files = sorted(p.name for p in (out / who).iterdir())
        assert len([f for f in files if f.endswith(".txt")]) == n
        book = load_workbook(out / who / "penilaian.xlsx")
        assert sum(ws.max_row - 1 for ws in _grading_sheets(book)) == n
        _one_sheet_per_prompt(book)
        everything = b"".join(_text(p) for p in (out / who).iterdir())
        assert b"Kode: MK-" in everything  # the papers are there, under their codes
        # each paper is followed by the prompt it answered, the case material included
        assert b"Lampiran: soal makalah" in everything and b"Gambaran umum" in everything
        for cand in results.candidates:  # blind: no number, no name anywhere
            assert cand.participant_no.encode() not in everything
            name = central.package.roster.candidate(cand.participant_no).name
            assert name.encode() not in everything
    assert {r["state"] for r in _status(store_target, capsys)} == {"needs 2 more gradings"}

    assert ujikom("bank", "grading", "import", _fill(out / "Ani" / "penilaian.xlsx", 5,
                                                      tmp_path / "ani.xlsx"),
                  "--assessor", "Ani", "--store", store_target) == 0
    assert ujikom("bank", "grading", "import", _fill(out / "Budi" / "penilaian.xlsx", 4,
                                                      tmp_path / "budi.xlsx"),
                  "--assessor", "Budi", "--store", store_target) == 0
    rows = _status(store_target, capsys)
    assert {r["state"] for r in rows} == {"needs a third grading"}  # 100 vs 80
    assert all(r["grades"] == {"Ani": 100.0, "Budi": 80.0} for r in rows)

    capsys.readouterr()
    assert ujikom("bank", "grading", "export", "--store", store_target, "--out",
                  tmp_path / "no", "--third", "Ani") == 1  # nobody grades a paper twice
    assert "has graded this paper already" in capsys.readouterr().err
    third = tmp_path / "third"  # the office names a third assessor, alone
    assert ujikom("bank", "grading", "export", "--store", store_target, "--out", third,
                  "--third", "Citra") == 0
    assert sorted(p.name for p in third.iterdir()) == ["Citra"]
    assert len(list((third / "Citra").glob("*.txt"))) == n
    assert ujikom("bank", "grading", "import", _fill(third / "Citra" / "penilaian.xlsx", 4.5,
                                                      tmp_path / "citra.xlsx"),
                  "--assessor", "Citra", "--store", store_target) == 0
    rows = _status(store_target, capsys)
    assert {(r["state"], r["final"]) for r in rows} == {("final", 95.0)}  # tie: higher pair
    capsys.readouterr()
    assert ujikom("bank", "results", "--store", store_target, "--json") == 0
    report = json.loads(capsys.readouterr().out)
    assert len(report) == n
    assert all(r["score"]["jpm"] is not None for r in report)  # cached at import
    assert {m["final"] for r in report for m in r["makalah"].values()} == {95.0}


def _one_sheet_per_prompt(book) -> None:  # type: ignore[no-untyped-def]
    """One sheet mixed two rubrics' columns, and filling it as given gave 44
    "blank is not a mark" refusals. Each prompt has its own sheet with its own criteria,
    each mark cell checked by Excel against the criterion's maximum."""
    criteria: dict[str, list[str]] = {}
    for item, crit, *_ in book["rubrik"].iter_rows(min_row=2, values_only=True):
        criteria.setdefault(item, []).append(crit)
    sheets = _grading_sheets(book)
    for ws in sheets:
        items = {r[1] for r in ws.iter_rows(min_row=2, values_only=True)}
        assert len(items) == 1, ws.title  # one prompt per sheet
        (item,) = items
        assert [c.value for c in ws[1]] == ["kode", "soal", *criteria[item], "catatan"]
        assert ws.data_validations.dataValidation  # marks checked as they are typed
        if len(sheets) > 1:
            assert ws.title == f"penilaian {item}"[:31]


def test_a_bad_sheet_names_sheet_row_and_column_and_stores_nothing(
        central: Central, tmp_path: Path, capsys) -> None:
    store = str(tmp_path / "r.sqlite")
    bundle = tmp_path / "s1.p7m"
    bundle.write_bytes(central.seal(central.results()))
    assert ujikom("bank", "import-results", bundle, *central.import_args(store)) == 0
    out = tmp_path / "sheets"
    assert ujikom("bank", "grading", "export", "--store", store, "--out", out,
                  "--assessor", "Ani", "--assessor", "Budi") == 0
    sheet = _fill(out / "Ani" / "penilaian.xlsx", 3, tmp_path / "ani.xlsx")
    book = load_workbook(sheet)
    ws = _grading_sheets(book)[0]
    assert ws.max_row >= 4
    ws.cell(row=2, column=3, value=7)  # above the criterion's max of 5
    ws.cell(row=3, column=4, value="baik")
    ws.cell(row=4, column=1, value="MK-AAAA-AAAA")
    book.save(sheet)
    capsys.readouterr()
    assert ujikom("bank", "grading", "import", sheet, "--assessor", "Ani",
                  "--store", store) == 1
    err = capsys.readouterr().err
    where = f"[{ws.title}]"
    assert f"{where}:row 2, column C" in err and "from 0 to 5" in err
    assert f"{where}:row 3, column D" in err and "baik" in err
    assert f"{where}:row 4, column A" in err and "unknown paper code" in err
    assert {r["state"] for r in _status(store, capsys)} == {"needs 2 more gradings"}


def test_a_zip_bomb_sheet_is_refused_naming_the_file_and_stores_nothing(
        central: Central, tmp_path: Path, capsys) -> None:
    """A 4 MB penilaian.xlsx once unpacked to 4.3 GB in memory and was accepted."""
    from tests.faults.zipbomb import with_member, zeros_deflated

    store = str(tmp_path / "r.sqlite")
    bundle = tmp_path / "s1.p7m"
    bundle.write_bytes(central.seal(central.results()))
    assert ujikom("bank", "import-results", bundle, *central.import_args(store)) == 0
    out = tmp_path / "sheets"
    assert ujikom("bank", "grading", "export", "--store", store, "--out", out,
                  "--assessor", "Ani", "--assessor", "Budi") == 0
    filled = _fill(out / "Ani" / "penilaian.xlsx", 3, tmp_path / "ani.xlsx")
    bomb = tmp_path / "penilaian.xlsx"
    bomb.write_bytes(with_member(filled.read_bytes(), "xl/sharedStrings.xml",
                                 zeros_deflated()))
    assert bomb.stat().st_size < 5 * 2**20
    capsys.readouterr()
    assert ujikom("bank", "grading", "import", bomb, "--assessor", "Ani",
                  "--store", store) == 1
    err = capsys.readouterr().err
    assert str(bomb) in err and "zip bomb" in err and "Traceback" not in err
    assert {r["state"] for r in _status(store, capsys)} == {"needs 2 more gradings"}


def test_a_sheet_imported_before_it_is_filled_in_says_so(
        central: Central, tmp_path: Path, capsys) -> None:
    """An assessor's sheet imported as exported: it said 'stored 0 gradings by Ani', exit 0,
    as if the grading were done."""
    store = str(tmp_path / "r.sqlite")
    bundle = tmp_path / "s1.p7m"
    bundle.write_bytes(central.seal(central.results()))
    assert ujikom("bank", "import-results", bundle, *central.import_args(store)) == 0
    out = tmp_path / "sheets"
    assert ujikom("bank", "grading", "export", "--store", store, "--out", out,
                  "--assessor", "Ani", "--assessor", "Budi") == 0
    capsys.readouterr()
    assert ujikom("bank", "grading", "import", out / "Ani" / "penilaian.xlsx",
                  "--assessor", "Ani", "--store", store) == 1
    err = capsys.readouterr().err
    assert "no paper in it has marks yet" in err and "nothing was stored" in err
    assert {r["state"] for r in _status(store, capsys)} == {"needs 2 more gradings"}
