"""SKP performance imported from a CSV or XLSX sheet, for the 9-box.

Columns (header names as `exam_bank.tabular` normalises them):

- ``no_peserta`` and/or ``nip``: who the row is about (at least one column; when a row
  gives both they must be the same candidate);
- ``skp``: a number 0-100 (``85,5`` with a decimal comma is fine), or the BKN
  predicate of the annual SKP rating (PermenPAN-RB 6/2022), mapped by
  `PREDICATE_SCORES`.

Every bad cell is reported at once as file:row:column; nothing is returned until the
sheet is clean.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from exam_bank.problems import InputError, Problem, Problems
from exam_bank.reports.model import ReportCandidate, with_performance
from exam_bank.roster.model import normalise_participant_no
from exam_bank.roster.values import parse_performance
from exam_bank.scoring.config import ScoringConfig
from exam_bank.tabular import Row, Table, read_csv, read_xlsx_sheets

# A predicate stands for a number inside its group on the default 70/90 performance cuts:
# "Sangat Baik" above expectation, "Baik" as expected, the three lower ones below it,
# spaced so an agency with 60/80 cuts still separates "Butuh Perbaikan" from "Kurang".
PREDICATE_SCORES: Mapping[str, float] = {
    "sangat baik": 95.0,
    "baik": 80.0,
    "butuh perbaikan": 65.0,
    "kurang": 50.0,
    "sangat kurang": 30.0,
}


def parse_skp(text: str, predicates: Mapping[str, float] = PREDICATE_SCORES) -> float:
    """A number 0-100 or a predicate word (any case, spaces collapsed)."""
    word = " ".join(text.lower().split())
    if word in predicates:
        return predicates[word]
    try:
        return parse_performance(text.strip())
    except ValueError:
        words = ", ".join(f'"{w.title()}"' for w in predicates)
        raise ValueError(f"SKP must be a number 0-100 or one of {words}, "
                         f"not {text!r}") from None


def read_performance(path: Path, candidates: Iterable[tuple[str, str]],
                     predicates: Mapping[str, float] = PREDICATE_SCORES) -> dict[str, float]:
    """SKP per participant number from a sheet. `candidates`: (participant no, NIP) of
    everyone the sheet may name. Raises InputError naming every bad cell."""
    table = _table(path)
    problems = Problems(table.where)
    by_no: dict[str, str] = {normalise_participant_no(no): no for no, _ in candidates}
    by_nip: dict[str, str] = {}
    for no, nip in candidates:
        by_nip[nip.strip()] = no
    has_no, has_nip = "no_peserta" in table.columns, "nip" in table.columns
    if not has_no and not has_nip:
        problems.add("needs a column no_peserta or nip to say whose SKP each row is", row=1)
    if "skp" not in table.columns:
        problems.add("needs a column skp (0-100 or a predicate such as Baik)", row=1)
    problems.raise_if_any()

    found: dict[str, float] = {}
    first_row: dict[str, int] = {}
    for row in table.rows:
        who = _who(table, row, by_no, by_nip, problems)
        try:
            value = parse_skp(row.values["skp"], predicates)
        except ValueError as exc:
            problems.extend([table.problem(str(exc), row, "skp")])
            continue
        if who is None:
            continue
        if who in first_row:
            problems.extend([table.problem(f"{who} already has an SKP on row "
                                           f"{first_row[who]}", row, _id_column(table))])
            continue
        first_row[who] = row.number
        found[who] = value
    problems.raise_if_any()
    return found


def import_performance(path: Path, candidates: Sequence[ReportCandidate],
                       config: ScoringConfig,
                       predicates: Mapping[str, float] = PREDICATE_SCORES
                       ) -> list[ReportCandidate]:
    """The candidates with the sheet's SKP applied and their 9-box placed again; those
    the sheet does not name keep the SKP they had (e.g. from the roster)."""
    values = read_performance(path, [(c.participant_no, c.nip) for c in candidates],
                              predicates)
    return [with_performance(c, values[c.participant_no], config)
            if c.participant_no in values else c for c in candidates]


def _table(path: Path) -> Table:
    if path.suffix.lower() == ".xlsx":
        sheets = read_xlsx_sheets(path)
        if not sheets:
            raise InputError([Problem(str(path), "the workbook has no filled sheet")])
        return sheets.get("skp") or next(iter(sheets.values()))
    return read_csv(path)


def _id_column(table: Table) -> str:
    return "no_peserta" if "no_peserta" in table.columns else "nip"


def _who(table: Table, row: Row, by_no: Mapping[str, str], by_nip: Mapping[str, str],
         problems: Problems) -> str | None:
    no_text = row.values.get("no_peserta", "").strip()
    nip_text = row.values.get("nip", "").strip().replace(" ", "")
    from_no = from_nip = None
    if no_text:
        from_no = by_no.get(normalise_participant_no(no_text))
        if from_no is None:
            problems.extend([table.problem(f"participant number {no_text!r} is not in "
                                           "the roster", row, "no_peserta")])
            return None
    if nip_text:
        from_nip = by_nip.get(nip_text)
        if from_nip is None:
            problems.extend([table.problem(f"NIP {nip_text!r} is not in the roster",
                                           row, "nip")])
            return None
    if from_no and from_nip and from_no != from_nip:
        problems.extend([table.problem(f"NIP {nip_text} belongs to {from_nip}, not to "
                                       f"{from_no}", row, "nip")])
        return None
    if from_no is None and from_nip is None:
        problems.extend([table.problem("the row names nobody: fill no_peserta or nip",
                                       row, _id_column(table))])
        return None
    return from_no or from_nip
