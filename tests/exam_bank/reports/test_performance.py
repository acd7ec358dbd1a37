"""SKP import for the 9-box: numbers, decimal commas, BKN predicates, and errors that
name the file, row and column."""

from __future__ import annotations

from pathlib import Path

import pytest

from exam_bank.problems import InputError
from exam_bank.reports.performance import (
    PREDICATE_SCORES,
    import_performance,
    parse_skp,
    read_performance,
)

PEOPLE = [("JPT-001", "197307061997032001"), ("JPT-002", "197204112002121001"),
          ("JPT-003", "198411192010111002")]


def write(tmp_path: Path, text: str, name: str = "skp.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def errors(path: Path) -> list[str]:
    with pytest.raises(InputError) as caught:
        read_performance(path, PEOPLE)
    return [str(p) for p in caught.value.problems]


def test_numbers_with_comma_or_point_by_participant_number(tmp_path: Path) -> None:
    path = write(tmp_path, "no_peserta;skp\nJPT-001;85,5\njpt-002;90\nJPT-003;72.25\n")
    assert read_performance(path, PEOPLE) == {"JPT-001": 85.5, "JPT-002": 90.0,
                                              "JPT-003": 72.25}


def test_rows_found_by_nip_and_blank_lines_skipped(tmp_path: Path) -> None:
    path = write(tmp_path, "nip,skp\n197307061997032001,88\n\n198411192010111002,Baik\n")
    assert read_performance(path, PEOPLE) == {"JPT-001": 88.0, "JPT-003": 80.0}


@pytest.mark.parametrize("word, value", [
    ("Sangat Baik", 95.0), ("baik", 80.0), ("BUTUH  PERBAIKAN", 65.0), ("Kurang", 50.0),
    ("sangat kurang", 30.0)])
def test_bkn_predicates_map_to_the_documented_numbers(word: str, value: float) -> None:
    assert parse_skp(word) == value == PREDICATE_SCORES[" ".join(word.lower().split())]


def test_predicates_fall_in_the_intended_default_9box_groups() -> None:
    # Default performance cuts 70/90: only "Sangat Baik" is above expectation,
    # only "Baik" as expected.
    assert PREDICATE_SCORES["sangat baik"] >= 90 > PREDICATE_SCORES["baik"] >= 70
    assert all(PREDICATE_SCORES[w] < 70 for w in ("butuh perbaikan", "kurang",
                                                  "sangat kurang"))


def test_an_agency_can_map_predicates_its_own_way(tmp_path: Path) -> None:
    path = write(tmp_path, "no_peserta,skp\nJPT-001,Baik\n")
    assert read_performance(path, PEOPLE, {"baik": 75.0}) == {"JPT-001": 75.0}


def test_every_bad_cell_is_named_by_file_row_and_column(tmp_path: Path) -> None:
    path = write(tmp_path, "no_peserta;skp\nJPT-001;101\nJPT-009;80\nJPT-002;bagus\n"
                           "JPT-003;-5\n")
    found = errors(path)
    assert f"{path}:row 2, column B: SKP must be a number 0-100" in found[0]
    assert f"{path}:row 3, column A: participant number 'JPT-009' is not in the roster" \
        in found[1]
    assert f"{path}:row 4, column B" in found[2] and "'bagus'" in found[2]
    assert "Sangat Baik" in found[2]
    assert f"{path}:row 5, column B" in found[3]
    assert len(found) == 4


def test_nip_that_belongs_to_someone_else_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "no_peserta,nip,skp\nJPT-001,197204112002121001,80\n"
                           "JPT-002,190001011990011001,80\n")
    found = errors(path)
    assert f"{path}:row 2, column B: NIP 197204112002121001 belongs to JPT-002" in found[0]
    assert f"{path}:row 3, column B: NIP '190001011990011001' is not in the roster" in found[1]


def test_a_candidate_twice_is_refused_naming_the_first_row(tmp_path: Path) -> None:
    path = write(tmp_path, "no_peserta,skp\nJPT-001,80\nJPT-002,81\njpt-001,82\n")
    (found,) = errors(path)
    assert found == f"{path}:row 4, column A: JPT-001 already has an SKP on row 2"


def test_row_naming_nobody(tmp_path: Path) -> None:
    path = write(tmp_path, "no_peserta,nip,skp\n,,80\n")
    (found,) = errors(path)
    assert found == f"{path}:row 2, column A: the row names nobody: fill no_peserta or nip"


def test_missing_columns_are_reported_before_any_row(tmp_path: Path) -> None:
    path = write(tmp_path, "nama,nilai\nBudi,80\n")
    found = errors(path)
    assert any("needs a column no_peserta or nip" in f for f in found)
    assert any("needs a column skp" in f for f in found)


def test_not_utf8_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "skp.csv"
    path.write_bytes("no_peserta,skp\nJPT-001,Baik\nJPT-002,Sangat Baik é\n".encode("cp1252"))
    (found,) = errors(path)
    assert f"{path}:3" in found and "not UTF-8" in found


def test_xlsx_sheet_named_skp_is_read(tmp_path: Path) -> None:
    from openpyxl import Workbook

    book = Workbook()
    first = book.active
    assert first is not None
    first.title = "Catatan"
    first.append(["dibuat oleh", "BKPSDM"])
    sheet = book.create_sheet("SKP")
    sheet.append(["No Peserta", "NIP", "SKP"])
    sheet.append(["JPT-001", "197307061997032001", 91.5])
    sheet.append(["JPT-002", None, "Butuh Perbaikan"])
    sheet.append(["JPT-003", None, 200])
    path = tmp_path / "skp.xlsx"
    book.save(path)
    with pytest.raises(InputError) as caught:
        read_performance(path, PEOPLE)
    assert [str(p) for p in caught.value.problems] == [
        f"{path}[SKP]:row 4, column C: SKP must be a number 0-100 or one of \"Sangat Baik\", "
        "\"Baik\", \"Butuh Perbaikan\", \"Kurang\", \"Sangat Kurang\", not '200'"]
    sheet.delete_rows(4)
    book.save(path)
    assert read_performance(path, PEOPLE) == {"JPT-001": 91.5, "JPT-002": 65.0}


def test_imported_skp_moves_candidates_on_the_9box(tmp_path: Path, sample) -> None:
    exam, candidates = sample
    first, second = candidates[0], candidates[1]
    assert first.score.potential is not None and first.score.potential >= 90
    path = write(tmp_path, f"no_peserta;nip;skp\n{first.participant_no};;Sangat Baik\n"
                           f";{second.nip};Kurang\n")
    updated = import_performance(path, candidates, exam.scoring)
    assert updated[0].performance == 95.0 and updated[0].score.nine_box == 9
    assert updated[1].performance == 50.0
    assert updated[1].score.nine_box in (1, 3, 6)  # below expectation, whatever potential
    assert updated[2:] == candidates[2:]  # not named: unchanged


def test_a_bad_sheet_changes_nobody(tmp_path: Path, sample) -> None:
    exam, candidates = sample
    path = write(tmp_path, f"no_peserta;skp\n{candidates[0].participant_no};95\nX-1;80\n")
    with pytest.raises(InputError, match="X-1"):
        import_performance(path, candidates, exam.scoring)
