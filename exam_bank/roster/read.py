"""Reading a roster from the sheets staff keep: a folder of CSVs or one XLSX workbook.

Three tables: `jabatan` (positions and their standard levels), `sesi` (sessions) and
`peserta` (candidates); English names and column aliases are accepted. Reading is
all-or-nothing: every problem, each naming its file, row and column, is gathered first
and raised together as one `InputError`.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from exam_bank.competencies import DEFAULT_CATALOG, CompetencyCatalog
from exam_bank.ids import ParticipantNo, SessionId
from exam_bank.problems import InputError, Problem
from exam_bank.roster import values
from exam_bank.roster.model import Position, Session
from exam_bank.tabular import Row, Table, read_csv, read_xlsx_sheets

T = TypeVar("T")

# Table name -> its English alias.
TABLES = {"jabatan": "positions", "sesi": "sessions", "peserta": "candidates"}

# Per table: canonical column -> accepted aliases (all compared after tabular's
# normalising: lower-case, spaces to underscores).
POSITION_COLUMNS: dict[str, tuple[str, ...]] = {
    "kode_jabatan": ("position", "position_code"),
    "nama_jabatan": ("position_name",),
    "unit": ("unit_kerja",),
}
SESSION_COLUMNS: dict[str, tuple[str, ...]] = {
    "sesi": ("session",),
    "tanggal": ("date",),
    "mulai": ("start",),
    "selesai": ("end",),
    "lokasi": ("site",),
    "ruang": ("room",),
}
CANDIDATE_COLUMNS: dict[str, tuple[str, ...]] = {
    "no_peserta": ("participant_no", "nomor_peserta"),
    "nama": ("name",),
    "nip": (),
    "kode_jabatan": ("position",),
    "sesi": ("session",),
    "kursi": ("seat",),
    "foto": ("photo",),
    "skp": ("performance",),
    # Optional groups for the item analysis' DIF check (docs/analysis.md).
    "jenis_kelamin": ("gender", "jk"),
    "instansi": ("agency",),
    "wilayah": ("region",),
}
GROUP_COLUMNS = {"jenis_kelamin": "gender", "instansi": "agency", "wilayah": "region"}
OPTIONAL = {"unit", "selesai", "foto", "skp", *GROUP_COLUMNS}
# Columns staff add for themselves (row numbering, remarks); read past, never an error.
IGNORED = {"no", "nomor", "no.", "keterangan", "catatan", "notes", "remarks"}


@dataclass(frozen=True)
class CandidateEntry:
    """One `peserta` row, checked; it becomes a `Candidate` once a PIN is issued."""

    participant_no: ParticipantNo
    name: str
    nip: str
    position: str
    session: str
    seat: str
    photo: str | None
    performance: float | None
    groups: dict[str, str] = field(default_factory=dict)  # gender/agency/region -> value


@dataclass(frozen=True)
class RosterSheets:
    """A roster as read and checked, before registration gives it PINs."""

    source: str
    positions: dict[str, Position]
    sessions: dict[str, Session]
    candidates: tuple[CandidateEntry, ...]


def read_roster(source: Path, catalog: CompetencyCatalog = DEFAULT_CATALOG, *,
                today: dt.date | None = None) -> RosterSheets:
    """Read and check a roster folder (jabatan.csv, sesi.csv, peserta.csv) or workbook.

    `today` only bounds the plausible NIP years; tests pass a fixed one.
    """
    tables, problems = _load_tables(source)
    if problems or len(tables) != len(TABLES):
        raise InputError(problems)
    reader = _Reader(catalog, today or dt.date.today())
    positions = reader.positions(tables["jabatan"])
    sessions = reader.sessions(tables["sesi"])
    candidates = reader.candidates(tables["peserta"], _numeric_cells(source, tables["peserta"]))
    if reader.problems:
        raise InputError(reader.problems)
    return RosterSheets(str(source), positions, sessions, candidates)


# --- finding the three tables ---------------------------------------------------------

def _load_tables(source: Path) -> tuple[dict[str, Table], list[Problem]]:
    tables: dict[str, Table] = {}
    problems: list[Problem] = []
    if source.is_dir():
        files = {p.name.lower(): p for p in source.iterdir() if p.is_file()}
        for name, alias in TABLES.items():
            found = [files[f] for f in (f"{name}.csv", f"{alias}.csv") if f in files]
            if not found:
                problems.append(Problem(str(source / f"{name}.csv"),
                                        f"missing file: the roster needs {name}.csv "
                                        f"(or {alias}.csv) in {source}"))
            elif len(found) > 1:
                problems.append(Problem(str(found[1]), f"both {found[0].name} and "
                                        f"{found[1].name} are here; keep only one"))
            else:
                try:
                    tables[name] = read_csv(found[0])
                except InputError as exc:
                    problems += exc.problems
    elif source.suffix.lower() == ".xlsx" and source.is_file():
        try:
            sheets = read_xlsx_sheets(source)
        except InputError as exc:
            return {}, exc.problems
        for name, alias in TABLES.items():
            in_book = [sheets[s] for s in (name, alias) if s in sheets]
            if not in_book:
                problems.append(Problem(str(source), f"missing sheet: the workbook needs a "
                                        f"sheet named {name!r} (or {alias!r}); it has "
                                        f"{', '.join(repr(s) for s in sheets) or 'none'}"))
            elif len(in_book) > 1:
                problems.append(Problem(str(source), f"both sheets {name!r} and {alias!r} "
                                        "are here; keep only one"))
            else:
                tables[name] = in_book[0]
    elif source.exists():
        problems.append(Problem(str(source), "a roster is a folder of CSV files or an .xlsx "
                                "workbook"))
    else:
        problems.append(Problem(str(source), "no such file or folder"))
    return tables, problems


def _numeric_cells(source: Path, table: Table) -> set[int]:
    """Rows whose NIP cell Excel stored as a number (XLSX only).

    A number keeps only 15 significant digits, so an 18-digit NIP typed into a General
    cell comes back with made-up last digits that can look perfectly valid.
    """
    column = table.columns.get("nip")
    m = re.fullmatch(r"(.*)\[(.*)\]", table.where)
    if column is None or m is None or source.suffix.lower() != ".xlsx":
        return set()
    from openpyxl import load_workbook  # only XLSX needs it, and it is slow to import

    book = load_workbook(source, read_only=True, data_only=True)
    try:
        sheet = book[m.group(2)]
        return {cell.row for (cell,) in sheet.iter_rows(min_row=2, min_col=_index(column),
                                                       max_col=_index(column))
                if isinstance(cell.value, int | float) and not isinstance(cell.value, bool)}
    finally:
        book.close()


def _index(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


# --- checking rows --------------------------------------------------------------------

class _Reader:
    """Checks the three tables in turn, collecting every problem."""

    def __init__(self, catalog: CompetencyCatalog, today: dt.date):
        self.catalog = catalog
        self.today = today
        self.problems: list[Problem] = []
        # Codes and ids that rows define, even rows with problems of their own, so a
        # bad cell in `jabatan` does not also make every candidate's position "unknown";
        # None when a table could not be read at all, so references cannot be checked.
        self.position_codes: set[str] | None = None
        self.session_ids: set[str] | None = None
        # A competency may be headed by its key or its name ("Kerja Sama" -> kerja_sama).
        self.competency_headers = {c.key: c.key for c in catalog}
        self.competency_headers |= {_header(c.name): c.key for c in catalog}

    def columns(self, table: Table, spec: dict[str, tuple[str, ...]],
                extra: Callable[[str], bool] = lambda h: False) -> dict[str, str] | None:
        """Canonical column -> header used; None when the rows cannot be read (a required
        column missing, or no rows). Unknown columns are reported, the rest still read."""
        used: dict[str, str] = {}
        ok = True
        for header in table.headers:
            if not header or header in IGNORED or extra(header):
                continue
            canonical = next((c for c, aliases in spec.items()
                              if header == c or header in aliases), None)
            if canonical is None:
                known = ", ".join(spec)
                hint = (f"; a competency column must be one of {', '.join(self.catalog.keys())}"
                        if spec is POSITION_COLUMNS else "")
                self.problems.append(table.problem(
                    f"unknown column {header!r}: not one of {known}{hint}",
                    Row(1, {}), header))
            elif canonical in used:
                self.problems.append(table.problem(
                    f"columns {used[canonical]!r} and {header!r} both mean {canonical!r}; "
                    "keep one", Row(1, {}), header))
            else:
                used[canonical] = header
        for canonical, aliases in spec.items():
            if canonical not in used and canonical not in OPTIONAL:
                also = f" (or {aliases[0]!r})" if aliases else ""
                self.problems.append(Problem(table.where, f"missing column {canonical!r}{also}",
                                             row=1))
                ok = False
        if not table.rows:
            self.problems.append(Problem(table.where, "the table has a header but no rows",
                                         row=2))
            ok = False
        return used if ok else None

    def cell(self, table: Table, row: Row, cols: dict[str, str], name: str,
             parse: Callable[[str], T]) -> T | None:
        """The parsed value of one cell, or None (blank optional cell, or a problem)."""
        header = cols.get(name)
        text = row.values.get(header, "").strip() if header else ""
        if not text:
            if name not in OPTIONAL:
                self.problems.append(table.problem(f"{name} is empty", row, header))
            return None
        try:
            return parse(text)
        except ValueError as exc:
            self.problems.append(table.problem(str(exc), row, header))
            return None

    def duplicate(self, table: Table, row: Row, header: str, what: str,
                  first: dict[str, int], key: str) -> bool:
        """Record `key` as seen in `row`; a problem naming both rows if it was seen."""
        if key in first:
            self.problems.append(table.problem(
                f"{what} appears twice: rows {first[key]} and {row.number}", row, header))
            return True
        first[key] = row.number
        return False

    def positions(self, table: Table) -> dict[str, Position]:
        cols = self.columns(table, POSITION_COLUMNS, lambda h: h in self.competency_headers)
        if cols is None:
            return {}
        self.position_codes = codes = set()
        competency_columns = [(h, self.competency_headers[h]) for h in table.headers
                              if h in self.competency_headers and h not in cols.values()]
        seen_keys: dict[str, str] = {}
        for header, key in competency_columns:
            if key in seen_keys:
                self.problems.append(table.problem(
                    f"columns {seen_keys[key]!r} and {header!r} are both competency {key!r}",
                    Row(1, {}), header))
            seen_keys[key] = header
        positions: dict[str, Position] = {}
        first: dict[str, int] = {}
        for row in table.rows:
            code = self.cell(table, row, cols, "kode_jabatan", str.strip)
            name = self.cell(table, row, cols, "nama_jabatan", values.parse_name)
            unit = self.cell(table, row, cols, "unit", values.parse_name) or ""
            standards = {}
            for header, key in competency_columns:
                text = row.values.get(header, "").strip()
                if not text:
                    continue  # blank: this post does not assess the competency
                try:
                    standards[key] = values.parse_level(text)
                except ValueError as exc:
                    self.problems.append(table.problem(f"{key}: {exc}", row, header))
            if code is None:
                continue
            codes.add(code)
            if self.duplicate(table, row, cols["kode_jabatan"], f"position {code!r}", first,
                              code):
                continue
            if not standards and not any(row.values.get(h, "").strip()
                                         for h, _ in competency_columns):
                self.problems.append(table.problem(
                    f"position {code!r} has no standard level for any competency",
                    row, cols["kode_jabatan"]))
            positions[code] = Position(code, name or "", unit, standards)
        return positions

    def sessions(self, table: Table) -> dict[str, Session]:
        cols = self.columns(table, SESSION_COLUMNS)
        if cols is None:
            return {}
        self.session_ids = ids = set()
        sessions: dict[str, Session] = {}
        first: dict[str, int] = {}
        for row in table.rows:
            sid = self.cell(table, row, cols, "sesi", str.strip)
            date = self.cell(table, row, cols, "tanggal", values.parse_date)
            start = self.cell(table, row, cols, "mulai", values.parse_time)
            end = self.cell(table, row, cols, "selesai", values.parse_time)
            site = self.cell(table, row, cols, "lokasi", values.parse_name)
            room = self.cell(table, row, cols, "ruang", values.parse_name)
            if start and end and end <= start:
                self.problems.append(table.problem(
                    f"the session ends ({end:%H:%M}) before it starts ({start:%H:%M})",
                    row, cols["selesai"]))
            if sid is None:
                continue
            ids.add(sid)
            dup = self.duplicate(table, row, cols["sesi"], f"session {sid!r}", first, sid)
            if date and start and site and room and not dup:
                sessions[sid] = Session(SessionId(sid), date, start, end, site, room)
        return sessions

    def candidates(self, table: Table, numeric_nips: set[int]) -> tuple[CandidateEntry, ...]:
        cols = self.columns(table, CANDIDATE_COLUMNS)
        if cols is None:
            return ()
        entries = []
        first_no: dict[str, int] = {}
        first_nip: dict[str, int] = {}
        first_seat: dict[str, int] = {}
        for row in table.rows:
            no = self.cell(table, row, cols, "no_peserta", values.parse_participant_no)
            name = self.cell(table, row, cols, "nama", values.parse_name)
            if row.number in numeric_nips:
                self.problems.append(table.problem(
                    "the NIP is stored as a number, and Excel keeps only 15 digits of a "
                    "number, so its last digits are lost; format the column as Text and "
                    "type the NIP again", row, cols["nip"]))
                nip = None
            else:
                nip = self.cell(table, row, cols, "nip",
                                lambda t: values.parse_nip(t, self.today))
            position = self.cell(table, row, cols, "kode_jabatan", str.strip)
            session = self.cell(table, row, cols, "sesi", str.strip)
            seat = self.cell(table, row, cols, "kursi", values.parse_seat)
            photo = self.cell(table, row, cols, "foto", values.parse_photo)
            performance = self.cell(table, row, cols, "skp", values.parse_performance)
            groups = {key: value for column, key in GROUP_COLUMNS.items()
                      if (value := self.cell(table, row, cols, column, values.GROUP_PARSERS[key]))}
            if position and self.position_codes is not None and position not in self.position_codes:
                self.problems.append(table.problem(
                    f"unknown position {position!r}: not a kode_jabatan in the jabatan table",
                    row, cols["kode_jabatan"]))
            if session and self.session_ids is not None and session not in self.session_ids:
                self.problems.append(table.problem(
                    f"unknown session {session!r}: not a sesi in the sesi table",
                    row, cols["sesi"]))
            dup = no is not None and self.duplicate(
                table, row, cols["no_peserta"], f"participant number {no}", first_no, no)
            if nip is not None:
                self.duplicate(table, row, cols["nip"], f"NIP {nip}", first_nip, nip)
            if seat is not None and session is not None:
                self.duplicate(table, row, cols["kursi"], f"seat {seat} in session {session}",
                               first_seat, f"{session}\n{seat}")
            if (no and name and nip and position and session and seat and not dup):
                entries.append(CandidateEntry(ParticipantNo(no), name, nip, position, session,
                                              seat, photo, performance, groups))
        return tuple(entries)


def _header(text: str) -> str:
    """A display name as tabular normalises headers: "Kerja Sama" -> "kerja_sama"."""
    return "_".join(text.strip().lower().split())
