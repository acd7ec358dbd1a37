"""The whole report set from the sample (54 candidates, 11 posts), end to end."""

from __future__ import annotations

import os
import stat
from pathlib import Path

import pytest
from openpyxl import load_workbook

from exam_bank.reports import write_reports
from exam_bank.reports.model import with_performance
from exam_bank.reports.write import file_stem
from exam_bank.tabular import read_csv
from tests.exam_bank.reports.conftest import pdf_pages, pdf_text


@pytest.fixture(scope="module")
def written(sample, tmp_path_factory) -> tuple[Path, list[Path]]:
    exam, candidates = sample
    # Three candidates have no SKP yet: the 9-box must list them, not drop them.
    candidates = [with_performance(c, None, exam.scoring) if i in (3, 20, 40) else c
                  for i, c in enumerate(candidates)]
    out = tmp_path_factory.mktemp("reports")
    return out, write_reports(exam, candidates, out)


def test_layout_is_as_documented(sample, written) -> None:
    exam, candidates = sample
    out, files = written
    root = out / "laporan"
    expected = ([root / "peserta" / f"{c.participant_no}.pdf" for c in candidates]
                + [root / f"peringkat-{code}.pdf" for code in exam.positions]
                + [root / n for n in ("tiga-besar.pdf", "peringkat.csv", "kompetensi.csv",
                                      "peringkat.xlsx", "9-box.pdf", "9-box.csv",
                                      "9-box.xlsx")])
    assert files == expected
    on_disk = sorted(p for p in out.rglob("*") if p.is_file())
    assert on_disk == sorted(expected)  # and no temp file left behind
    for path in files:
        assert stat.S_IMODE(path.stat().st_mode) == 0o600  # names, NIPs, scores


def test_every_pdf_is_a_readable_numbered_document(written) -> None:
    _, files = written
    for path in (p for p in files if p.suffix == ".pdf"):
        data = path.read_bytes()
        pages = pdf_pages(data)
        assert 1 <= pages <= 5, path
        text = pdf_text(path)
        assert f"Halaman {pages} dari {pages}" in text, path
        assert "RAHASIA" in text, path


def test_each_candidate_file_is_that_candidates_report(sample, written) -> None:
    _, candidates = sample
    out, _ = written
    for c in candidates[::9]:
        text = pdf_text(out / "laporan" / "peserta" / f"{c.participant_no}.pdf")
        assert c.participant_no in text and c.name in text


def test_exports_agree_with_each_other(sample, written) -> None:
    _, candidates = sample
    out, _ = written
    root = out / "laporan"
    ranking = read_csv(root / "peringkat.csv")
    assert len(ranking.rows) == len(candidates)
    book = load_workbook(root / "peringkat.xlsx", read_only=True)
    xrows = list(book["Peringkat"].iter_rows(values_only=True))[1:]
    book.close()
    assert [r.values["no_peserta"] for r in ranking.rows] == [r[3] for r in xrows]
    box = read_csv(root / "9-box.csv")
    unplaced = [r.values["no_peserta"] for r in box.rows if not r.values["kotak"]]
    cleared = {candidates[i].participant_no for i in (3, 20, 40)}
    expected = sorted(c.participant_no for c in candidates
                      if c.performance is None or c.participant_no in cleared)
    assert unplaced == expected and cleared <= set(unplaced)
    assert (f"{len(expected)} belum dapat ditempatkan"
            in " ".join(pdf_text(root / "9-box.pdf").split()))


def test_rewriting_replaces_files_in_place(sample, tmp_path: Path) -> None:
    exam, candidates = sample
    first = write_reports(exam, candidates[:6], tmp_path)
    before = (tmp_path / "laporan" / "peringkat.csv").read_bytes()
    again = write_reports(exam, candidates[:6], tmp_path, csv_delimiter=",")
    assert first == again
    after = (tmp_path / "laporan" / "peringkat.csv").read_bytes()
    assert before != after and b"," in after.splitlines()[0]
    assert not [p for p in tmp_path.rglob(".*") if p.is_file()]


def test_duplicate_candidates_are_refused(sample, tmp_path: Path) -> None:
    exam, candidates = sample
    with pytest.raises(ValueError, match="twice"):
        write_reports(exam, [candidates[0], candidates[0]], tmp_path)
    assert not (tmp_path / "laporan").exists()


@pytest.mark.parametrize("code, stem", [("JPT-2026-001", "JPT-2026-001"),
                                        ("DIS/DIK 2", "DIS_DIK_2"), ("../x", "x")])
def test_file_names_are_safe(code: str, stem: str) -> None:
    assert file_stem(code) == stem
    assert os.sep not in file_stem(code)


def test_a_code_that_cannot_name_a_file_is_refused() -> None:
    with pytest.raises(ValueError, match="cannot name a file"):
        file_stem("..")


def test_an_exam_nobody_sat_still_writes_a_complete_set(sample, tmp_path: Path) -> None:
    exam, _ = sample
    files = write_reports(exam, [], tmp_path)
    assert len(files) == len(exam.positions) + 7
    assert "Tidak ada peserta" in pdf_text(tmp_path / "laporan" / "peringkat-DISDIK.pdf")
    assert read_csv(tmp_path / "laporan" / "peringkat.csv").rows == []
