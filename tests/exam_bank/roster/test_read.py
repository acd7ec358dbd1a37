"""Reading a roster from CSV folders and XLSX workbooks, and every error naming its cell."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

import pytest
from openpyxl import Workbook

from exam_bank.competencies import Competency, CompetencyCatalog, CompetencyGroup
from exam_bank.problems import InputError, Problem
from exam_bank.roster.read import read_roster

FIXTURES = Path(__file__).parents[2] / "fixtures" / "roster"
Edit = Callable[[Path, str, str], None]


def problems_of(source: Path, today: dt.date, **kw: object) -> list[Problem]:
    with pytest.raises(InputError) as info:
        read_roster(source, today=today, **kw)  # type: ignore[arg-type]
    return info.value.problems


def only(problems: list[Problem]) -> Problem:
    assert len(problems) == 1, "\n".join(map(str, problems))
    return problems[0]


# --- good rosters ---------------------------------------------------------------------

def test_reads_the_good_csv_folder(today: dt.date) -> None:
    sheets = read_roster(FIXTURES / "good", today=today)
    assert list(sheets.positions) == ["JPT-01", "JPT-02", "JPT-03", "ADM-01"]
    assert sheets.positions["JPT-03"].standards["integritas"] == 5
    assert "perekat_bangsa" not in sheets.positions["ADM-01"].standards  # blank: not assessed
    assert sheets.positions["JPT-02"].name.startswith("Kepala Dinas Pemberdayaan Perempuan, ")
    s1, s2 = sheets.sessions["S1"], sheets.sessions["S2"]
    assert (s1.date, s1.start, s1.end) == (dt.date(2026, 3, 2), dt.time(8), dt.time(12))
    assert (s2.date, s2.start, s2.end) == (dt.date(2026, 3, 3), dt.time(13), None)  # 03/03/2026
    assert (s1.site, s1.room) == ("Gedung BKPSDM Kota Contoh", "Lab Komputer 1")
    by_no = {c.participant_no: c for c in sheets.candidates}
    assert len(by_no) == 6
    dewi = by_no["2026-0001"]
    assert dewi.name == "Ni Luh Putu Ayu Sri Dewi"
    assert dewi.nip == "198004122005012003"  # written with spaces in the sheet
    assert dewi.performance == 85.5  # written "85,5"
    assert (dewi.position, dewi.session, dewi.seat, dewi.photo) == ("JPT-01", "S1", "A1", None)
    assert by_no["2026-0002"].name == "Drs. H. Ahmad Ma'ruf, M.Si."
    assert by_no["2026-0002"].photo == "maruf.jpg"
    assert by_no["2026-0006"].name == "Théresia Ayu Lestari"
    assert by_no["2026-0004"].performance is None


def _workbook(path: Path, *, sheet_names: tuple[str, str, str] = ("jabatan", "sesi", "peserta"),
              nip: object = "198004122005012003") -> Path:
    """A workbook as staff build one in Excel: real date and time cells, numbers as numbers."""
    book = Workbook()
    jabatan = book.active
    assert jabatan is not None
    jabatan.title = sheet_names[0]
    jabatan.append(["Kode Jabatan", "Nama Jabatan", "Unit", "Integritas", "Kerja Sama",
                    "Pengembangan Diri dan Orang Lain", "perekat_bangsa"])
    jabatan.append(["JPT-01", "Kepala Dinas Pendidikan", "Dinas Pendidikan", 4, 4, 3, 4])
    sesi = book.create_sheet(sheet_names[1])
    sesi.append(["Sesi", "Tanggal", "Mulai", "Selesai", "Lokasi", "Ruang"])
    sesi.append(["S1", dt.datetime(2026, 3, 2), dt.time(8, 0), "12.00", "BKPSDM", "Lab 1"])
    peserta = book.create_sheet(sheet_names[2])
    peserta.append(["No Peserta", "Nama", "NIP", "Kode Jabatan", "Sesi", "Kursi", "SKP"])
    peserta.append(["2026-0001", "Ni Luh Putu Ayu Sri Dewi", nip, "JPT-01", "S1", "a1", 85.5])
    peserta.append([20260002, "Drs. H. Ahmad Ma’ruf, M.Si.", "197108231998031004", "JPT-01",
                    "S1", "A2", None])
    book.save(path)
    return path


def test_reads_a_workbook_built_with_openpyxl(tmp_path: Path, today: dt.date) -> None:
    sheets = read_roster(_workbook(tmp_path / "roster.xlsx"), today=today)
    assert sheets.positions["JPT-01"].standards == {
        "integritas": 4, "kerja_sama": 4, "pengembangan_diri": 3, "perekat_bangsa": 4}
    s1 = sheets.sessions["S1"]
    assert (s1.date, s1.start, s1.end) == (dt.date(2026, 3, 2), dt.time(8), dt.time(12))
    first, second = sheets.candidates
    assert (first.seat, first.performance) == ("A1", 85.5)
    assert second.participant_no == "20260002"  # a number cell, read as its digits
    assert second.name == "Drs. H. Ahmad Ma’ruf, M.Si."


def test_english_sheet_and_column_names(tmp_path: Path, today: dt.date) -> None:
    path = _workbook(tmp_path / "roster.xlsx",
                     sheet_names=("Positions", "Sessions", "Candidates"))
    assert len(read_roster(path, today=today).candidates) == 2


def test_english_file_and_column_names_in_a_folder(roster_dir: Path, today: dt.date) -> None:
    # As Excel in an Indonesian locale saves CSV: `;`-separated, decimal comma.
    (roster_dir / "peserta.csv").unlink()
    (roster_dir / "candidates.csv").write_text(
        "Participant No;Name;NIP;Position;Session;Seat;Photo;Performance\n"
        "2026-0001;Drs. H. Ahmad Ma'ruf, M.Si.;197108231998031004;JPT-01;S1;A1;;85,5\n",
        encoding="utf-8")
    (only_candidate,) = read_roster(roster_dir, today=today).candidates
    assert only_candidate.name == "Drs. H. Ahmad Ma'ruf, M.Si."
    assert only_candidate.performance == 85.5


def test_reads_the_workbook_libreoffice_wrote(today: dt.date) -> None:
    sheets = read_roster(FIXTURES / "roster-libreoffice.xlsx", today=today)
    s1 = sheets.sessions["S1"]
    assert (s1.date, s1.start, s1.end) == (dt.date(2026, 3, 9), dt.time(8), dt.time(12))
    assert [c.name for c in sheets.candidates] == [
        "Ni Luh Putu Ayu Sri Dewi", "Drs. H. Ahmad Ma’ruf, M.Si.", "Théresia Ayu Lestari"]
    assert [c.performance for c in sheets.candidates] == [85.5, 90.0, None]
    assert "perekat_bangsa" not in sheets.positions["JPT-02"].standards


def test_an_agency_competency_is_a_column_too(roster_dir: Path, today: dt.date,
                                             edit: Edit) -> None:
    path = roster_dir / "jabatan.csv"
    edit(path, "perekat_bangsa\n", "perekat_bangsa,literasi_digital\n")
    edit(path, "4,4,4,4,4,4,4,4,4\nJPT-02", "4,4,4,4,4,4,4,4,4,3\nJPT-02")
    problem = only(problems_of(roster_dir, today))
    assert (problem.row, problem.column) == (1, "M")
    assert "unknown column 'literasi_digital'" in problem.message
    catalog = CompetencyCatalog((Competency("literasi_digital", "Literasi Digital",
                                            CompetencyGroup.TECHNICAL),))
    sheets = read_roster(roster_dir, catalog, today=today)
    assert sheets.positions["JPT-01"].standards["literasi_digital"] == 3


# --- bad input, each naming file, row and column ----------------------------------------

def test_missing_file(roster_dir: Path, today: dt.date) -> None:
    (roster_dir / "sesi.csv").unlink()
    problem = only(problems_of(roster_dir, today))
    assert problem.where.endswith("sesi.csv")
    assert "missing file" in problem.message and "sessions.csv" in problem.message


def test_missing_sheet(tmp_path: Path, today: dt.date) -> None:
    path = _workbook(tmp_path / "r.xlsx", sheet_names=("jabatan", "Sheet2", "peserta"))
    problem = only(problems_of(path, today))
    assert problem.where == str(path)
    assert "'sesi' (or 'sessions')" in problem.message and "'sheet2'" in problem.message


def test_missing_required_column(roster_dir: Path, today: dt.date, edit: Edit) -> None:
    edit(roster_dir / "peserta.csv", "sesi,kursi,foto", "sesi,tempat_duduk,foto")
    problems = problems_of(roster_dir, today)
    assert [(p.row, p.column) for p in problems] == [(1, "F"), (1, None)]
    assert "unknown column 'tempat_duduk'" in problems[0].message
    assert problems[1].message == "missing column 'kursi' (or 'seat')"
    assert all(p.where.endswith("peserta.csv") for p in problems)


def test_unknown_competency_column(roster_dir: Path, today: dt.date, edit: Edit) -> None:
    edit(roster_dir / "jabatan.csv", ",integritas,", ",integritass,")
    problem = only(problems_of(roster_dir, today))
    assert (problem.row, problem.column) == (1, "D")
    assert "unknown column 'integritass'" in problem.message
    assert "integritas, kerja_sama" in problem.message  # says what would be right


@pytest.mark.parametrize("level", ["6", "0", "3,5", "tinggi"])
def test_standard_level_not_1_to_5(roster_dir: Path, today: dt.date, edit: Edit,
                                   level: str) -> None:
    edit(roster_dir / "jabatan.csv", "Bappeda,5,", f'Bappeda,"{level}",')
    problem = only(problems_of(roster_dir, today))
    assert problem.where.endswith("jabatan.csv")
    assert (problem.row, problem.column) == (4, "D")
    assert "integritas" in problem.message and "1-5" in problem.message


@pytest.mark.parametrize(("text", "words"), [
    ("2026-02-30", "not a real date"),
    ("31/13/2026", "not a real date"),
    ("2 Maret 2026", "not a date"),
    ("26-03-02", "not a date"),
])
def test_bad_date(roster_dir: Path, today: dt.date, edit: Edit, text: str, words: str) -> None:
    edit(roster_dir / "sesi.csv", "S1,2026-03-02", f"S1,{text}")
    problem = only(problems_of(roster_dir, today))
    assert (problem.row, problem.column) == (2, "B")
    assert words in problem.message and repr(text) in problem.message


@pytest.mark.parametrize("text", ["25.00", "8 pagi", "08:61", "0800"])
def test_bad_time(roster_dir: Path, today: dt.date, edit: Edit, text: str) -> None:
    edit(roster_dir / "sesi.csv", ",13:00,", f",{text},")
    problem = only(problems_of(roster_dir, today))
    assert (problem.row, problem.column) == (3, "C")
    assert repr(text) in problem.message


def test_session_ending_before_it_starts(roster_dir: Path, today: dt.date, edit: Edit) -> None:
    edit(roster_dir / "sesi.csv", "08.00,12.00", "12.00,08.00")
    problem = only(problems_of(roster_dir, today))
    assert (problem.row, problem.column) == (2, "D")
    assert "ends (08:00) before it starts (12:00)" in problem.message


def test_duplicate_participant_number_names_both_rows(roster_dir: Path, today: dt.date,
                                                      edit: Edit) -> None:
    edit(roster_dir / "peserta.csv", "2026-0005,", "2026-0002,")
    problem = only(problems_of(roster_dir, today))
    assert (problem.row, problem.column) == (6, "A")
    assert problem.message == "participant number 2026-0002 appears twice: rows 3 and 6"


def test_duplicate_seat_within_a_session(roster_dir: Path, today: dt.date, edit: Edit) -> None:
    edit(roster_dir / "peserta.csv", "JPT-03,S1,B1", "JPT-03,S1,a2")  # case does not matter
    problem = only(problems_of(roster_dir, today))
    assert (problem.row, problem.column) == (5, "F")
    assert problem.message == "seat A2 in session S1 appears twice: rows 3 and 5"


def test_same_seat_in_another_session_is_fine(roster_dir: Path, today: dt.date) -> None:
    sheets = read_roster(roster_dir, today=today)  # A1 is used in S1 and in S2
    assert sorted(c.seat for c in sheets.candidates if c.seat == "A1") == ["A1", "A1"]


def test_unknown_position_and_session(roster_dir: Path, today: dt.date, edit: Edit) -> None:
    edit(roster_dir / "peserta.csv", "JPT-03,S2,A1", "JPT-09,S3,A1")
    problems = problems_of(roster_dir, today)
    assert [(p.row, p.column) for p in problems] == [(6, "D"), (6, "E")]
    assert "unknown position 'JPT-09'" in problems[0].message
    assert "unknown session 'S3'" in problems[1].message


@pytest.mark.parametrize(("nip", "words"), [
    ("19800412200501200", "has 17 digits; a NIP has 18"),
    ("1980041220050120031", "has 19 digits"),
    ("19800412-200501-2-003", "must be 18 digits"),
    ("1.98004E+17", "turned into a number by Excel"),
    ("198013122005012003", "digits 1-8 (19801312) should be the birth date yyyymmdd"),
    ("201504122005012003", "digits 1-8 (20150412) give a birth year of 2015"),
    ("198004122005132003", "digits 9-14 (200513) should be the appointment yyyymm, and "
                           "month 13 does not exist"),
    ("198004121990012003", "digits 9-14 (199001) give an appointment in 1990, not "
                           "plausible for someone born in 1980"),
    ("198004122005013003", "digit 15 (3) is the gender and must be 1 (male) or 2 (female)"),
    ("198004122005012000", "digits 16-18 (the sequence number) are 000"),
])
def test_implausible_nip_says_which_part(roster_dir: Path, today: dt.date, edit: Edit,
                                         nip: str, words: str) -> None:
    edit(roster_dir / "peserta.csv", "19800412 200501 2 003", nip)
    problem = only(problems_of(roster_dir, today))
    assert (problem.row, problem.column) == (2, "C")
    assert words in problem.message


def test_nip_stored_as_a_number_in_xlsx(tmp_path: Path, today: dt.date) -> None:
    path = _workbook(tmp_path / "r.xlsx", nip=198004122005012003)
    problem = only(problems_of(path, today))
    assert (problem.row, problem.column) == (2, "C")
    assert problem.where.endswith("r.xlsx[peserta]")
    assert "stored as a number" in problem.message and "Text" in problem.message


def test_duplicate_nip(roster_dir: Path, today: dt.date, edit: Edit) -> None:
    edit(roster_dir / "peserta.csv", "197905302003121002", "197108231998031004")
    problem = only(problems_of(roster_dir, today))
    assert (problem.row, problem.column) == (5, "C")
    assert "appears twice: rows 3 and 5" in problem.message


@pytest.mark.parametrize("skp", ["101", "-5", "sangat baik", "85,5,1"])
def test_performance_not_0_to_100(roster_dir: Path, today: dt.date, edit: Edit, skp: str) -> None:
    edit(roster_dir / "peserta.csv", "A1,,88", f'A1,,"{skp}"')
    problem = only(problems_of(roster_dir, today))
    assert (problem.row, problem.column) == (6, "H")
    assert "0-100" in problem.message


@pytest.mark.parametrize("photo", ["../../etc/passwd.jpg", "foto.gif"])
def test_photo_must_be_a_plain_image_file_name(roster_dir: Path, today: dt.date, edit: Edit,
                                               photo: str) -> None:
    edit(roster_dir / "peserta.csv", "maruf.jpg", photo)
    problem = only(problems_of(roster_dir, today))
    assert (problem.row, problem.column) == (3, "G")


def test_every_problem_at_once(roster_dir: Path, today: dt.date, edit: Edit) -> None:
    """All-or-nothing: one pass shows the admin everything to fix, in all three tables."""
    edit(roster_dir / "jabatan.csv", "Bappeda,5,", "Bappeda,9,")
    edit(roster_dir / "sesi.csv", "S1,2026-03-02", "S1,2026-02-30")
    edit(roster_dir / "peserta.csv", "198511072010011005", "198511072010013005")
    edit(roster_dir / "peserta.csv", "2026-0006", "2026-0001")
    with pytest.raises(InputError) as info:
        read_roster(roster_dir, today=today)
    places = [(Path(p.where).name, p.row, p.column) for p in info.value.problems]
    assert places == [("jabatan.csv", 4, "D"), ("sesi.csv", 2, "B"), ("peserta.csv", 6, "C"),
                      ("peserta.csv", 7, "A")]
    assert "peserta.csv:row 7, column A: participant number 2026-0001" in str(info.value)


def test_a_bad_jabatan_row_does_not_make_its_candidates_unknown(
        roster_dir: Path, today: dt.date, edit: Edit) -> None:
    edit(roster_dir / "jabatan.csv", "Sekretariat Daerah,3,3,3,3,3,3,3,3,",
         "Sekretariat Daerah,3,3,3,3,3,3,3,7,")
    assert len(problems_of(roster_dir, today)) == 1


def test_not_utf8_csv_is_reported_with_the_rest(roster_dir: Path, today: dt.date) -> None:
    path = roster_dir / "peserta.csv"
    path.write_bytes(path.read_bytes().replace("é".encode(), "é".encode("cp1252")))
    (roster_dir / "sesi.csv").unlink()
    problems = problems_of(roster_dir, today)
    assert {Path(p.where).name for p in problems} == {"sesi.csv", "peserta.csv"}
    assert any("not UTF-8" in p.message for p in problems)


@pytest.mark.parametrize("name", ["roster.txt", "nowhere"])
def test_source_neither_folder_nor_workbook(tmp_path: Path, today: dt.date, name: str) -> None:
    path = tmp_path / name
    if name.endswith(".txt"):
        path.write_text("x")
    assert only(problems_of(path, today)).where == str(path)


def test_columns_staff_add_for_themselves_are_read_past(roster_dir: Path,
                                                         today: dt.date) -> None:
    path = roster_dir / "sesi.csv"
    lines = path.read_text(encoding="utf-8").splitlines()
    lines = [f"{a},{b}" for a, b in zip(["No", "1", "2"], lines, strict=True)]
    path.write_text("\n".join([lines[0] + ",Keterangan", *lines[1:]]) + "\n", encoding="utf-8")
    assert len(read_roster(roster_dir, today=today).sessions) == 2


def test_empty_required_cell_and_empty_table(roster_dir: Path, today: dt.date,
                                             edit: Edit) -> None:
    edit(roster_dir / "peserta.csv", "2026-0004,Yohanes Bosco Ndruru,", "2026-0004,,")
    (roster_dir / "sesi.csv").write_text("sesi,tanggal,mulai,selesai,lokasi,ruang\n",
                                         encoding="utf-8")
    problems = problems_of(roster_dir, today)
    assert [(Path(p.where).name, p.row, p.column, p.message) for p in problems] == [
        ("sesi.csv", 2, None, "the table has a header but no rows"),
        ("peserta.csv", 5, "B", "nama is empty")]
