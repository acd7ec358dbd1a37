"""Blind makalah grading against the results store: sheets out, grades in, status.

`export_sheets` writes, per assessor, a folder with ``penilaian.xlsx`` (sheet
``penilaian``, or one sheet ``penilaian <prompt>`` per makalah prompt when the papers
answer several: one row per paper, a column per criterion of that prompt's rubric, and
sheet ``rubrik`` describing them) and every paper as ``<code>.txt`` (and ``<code>.pdf``
when the room sealed one). Only blind codes appear: never a name or participant number.
`import_sheet` checks every cell before storing anything; `status` applies the rules of
`exam_bank.scoring.makalah_grading`.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from exam_bank.cellsafe import append_row
from exam_bank.fsutil import atomic_write, private_dir
from exam_bank.ids import ParticipantNo
from exam_bank.items.model import RubricCriterion
from exam_bank.problems import InputError, Problem
from exam_bank.results.prompts import Prompt, prompt_from_blob
from exam_bank.results.store import ResultsStore
from exam_bank.scoring.makalah_grading import (
    DEFAULT_MARGIN,
    assessors_for,
    blind_code,
    mark_problem,
    needs_third,
    paper_percent,
    paper_status,
)
from exam_bank.tabular import Row, Table, read_xlsx_sheets

SHEET, RUBRIC_SHEET = "penilaian", "rubrik"
_NAME = re.compile(r"[A-Za-z0-9][A-Za-z0-9 ._'-]{0,59}\Z")


@dataclass(frozen=True)
class Paper:
    exam_id: str
    participant_no: ParticipantNo
    item_id: str
    text: str
    code: str
    grades: dict[str, float]  # assessor -> percent


def check_assessor(name: str) -> str:
    name = " ".join(name.split())
    if not _NAME.match(name):
        raise InputError([Problem("--assessor", f"{name!r}: use letters, digits, spaces, "
                                  "dots, dashes (up to 60)")])
    return name


def papers(store: ResultsStore) -> list[Paper]:
    secret = store.grading_secret()
    grades = store.grades()
    return [Paper(e, ParticipantNo(p), i, text, blind_code(secret, e, ParticipantNo(p), i),
                  grades.get((e, p, i), {}))
            for e, p, i, text in store.current_papers()]


def _criteria(store: ResultsStore) -> dict[tuple[str, str], tuple[RubricCriterion, ...]]:
    return {key: tuple(RubricCriterion(c["id"], c["title"], c.get("description", ""),
                                       float(c["max_score"]), float(c["weight"]))
                       for c in criteria)
            for key, criteria in store.rubrics().items()}


def blind_pdf(paper: Paper, prompt: Prompt | None = None) -> bytes:
    """The paper printed afresh under its code: the sealed PDF names the candidate in its
    header, so it never goes to an assessor. With its `prompt`, the instructions and case
    material follow the paper, as in the sealed one."""
    from exam_bank.makalah.pdf import PdfMeta, render_pdf

    return render_pdf(paper.text, PdfMeta(
        heading=[f"Kode: {paper.code}", paper.item_id],
        running=f"{paper.exam_id} · {paper.code}",
        instructions=prompt.instructions if prompt else "",
        case_material=prompt.case_material if prompt else "",
        media=prompt.media if prompt else {}))


def export_sheets(store: ResultsStore, out: Path, assessors: list[str],
                  margin: float = DEFAULT_MARGIN, third: list[str] | None = None
                  ) -> dict[str, int]:
    """Papers still needing a grading, spread over `assessors`; papers per assessor.
    With `third`, the papers whose two grades differ by more than `margin` go to those
    assessors only (a third assessor may be named alone); nobody grades a paper twice."""
    team = [check_assessor(a) for a in assessors]
    thirds = [check_assessor(a) for a in third or []]
    if not thirds and len(set(team)) < 2:
        raise InputError([Problem("--assessor", "blind double grading needs at least two "
                                  "different assessors (or name a third one with --third)")])
    if team and len(set(team)) < 2:
        raise InputError([Problem("--assessor", "name at least two different assessors, or "
                                  "none with --third")])
    rubrics = _criteria(store)
    cache: dict[tuple[str, str], Prompt | None] = {}

    def prompt_of(paper: Paper) -> Prompt | None:
        key = (paper.exam_id, paper.item_id)
        if key not in cache:
            blob = store.makalah_prompt(*key)
            cache[key] = None if blob is None else prompt_from_blob(blob)
        return cache[key]

    work: dict[str, list[Paper]] = {a: [] for a in [*team, *thirds]}
    problems = []
    for index, paper in enumerate(papers(store)):
        done = list(paper.grades)
        apart = needs_third(list(paper.grades.values()), margin)
        if thirds and apart:
            who = assessors_for(index, thirds, done, True)
            if not who:
                problems.append(Problem("--third", f"{paper.code}: every third assessor named "
                                        "has graded this paper already"))
        else:
            who = assessors_for(index, team, done, apart) if team else []
        for a in who:
            work[a].append(paper)
    if problems:
        raise InputError(problems)
    for assessor, todo in work.items():
        folder = out / assessor.replace(" ", "_")
        private_dir(folder)  # names and papers: owner-only, whatever the umask
        for p in todo:
            atomic_write(folder / f"{p.code}.txt", p.text.encode("utf-8"))
            atomic_write(folder / f"{p.code}.pdf", blind_pdf(p, prompt_of(p)))
        write_workbook(folder / "penilaian.xlsx", todo, rubrics)
    return {a: len(t) for a, t in work.items()}


def sheet_name(item_id: str, several: bool) -> str:
    """"penilaian", or one sheet per prompt when the papers answer several ("penilaian
    MKL-001"; Excel allows 31 characters)."""
    return f"{SHEET} {item_id}"[:31] if several else SHEET


def write_workbook(path: Path, todo: list[Paper],
                   rubrics: dict[tuple[str, str], tuple[RubricCriterion, ...]]) -> None:
    """The assessor's workbook: a sheet per prompt with exactly that rubric's criteria
    (two prompts' criteria in one sheet left cells that did not apply, and refusals when
    they were left blank), each mark cell checked by Excel (0 to the criterion's
    maximum), and the rubric sheet describing every criterion."""
    from openpyxl import Workbook
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.datavalidation import DataValidation

    book = Workbook()
    items = sorted({(p.exam_id, p.item_id) for p in todo})
    several = len({i for _, i in items}) > 1
    first = True
    for key in items or [("", "")]:
        criteria = rubrics.get(key, ())
        sheet = book.worksheets[0] if first else book.create_sheet()
        first = False
        sheet.title = sheet_name(key[1], several)
        append_row(sheet, ["kode", "soal", *[c.id for c in criteria], "catatan"])
        rows = [p for p in todo if (p.exam_id, p.item_id) == key]
        for p in rows:
            append_row(sheet, [p.code, p.item_id])
        for n, c in enumerate(criteria, start=3):
            column = get_column_letter(n)
            check = DataValidation(type="decimal", operator="between", formula1="0",
                                   formula2=f"{c.max_score:g}", allow_blank=True,
                                   showErrorMessage=True, errorTitle="Nilai tidak sah",
                                   error=f"{c.id}: nilai 0 sampai {c.max_score:g}")
            check.add(f"{column}2:{column}{max(2, len(rows) + 1)}")
            sheet.add_data_validation(check)
            sheet.column_dimensions[column].width = max(12, len(c.id) + 2)
    rubric = book.create_sheet(RUBRIC_SHEET)
    append_row(rubric, ["soal", "kriteria", "judul", "deskripsi", "skor_maks", "bobot"])
    for exam_id, item_id in items:
        for c in rubrics[(exam_id, item_id)]:
            append_row(rubric, [item_id, c.id, c.title, c.description, c.max_score, c.weight])
    out = io.BytesIO()
    book.save(out)
    atomic_write(path, out.getvalue(), 0o600)  # names the papers' codes: owner-only


def import_sheet(store: ResultsStore, path: Path, assessor: str) -> int:
    """Store an assessor's marks; every bad cell reported, nothing stored if any. Rows
    with no mark at all are papers not graded yet and are skipped. Returns rows stored."""
    assessor = check_assessor(assessor)
    sheets = read_xlsx_sheets(path)
    tables = [t for name, t in sorted(sheets.items())
              if name == SHEET or name.startswith(f"{SHEET} ")]
    if not tables:
        raise InputError([Problem(str(path), f"no sheet named {SHEET!r}")])
    by_code = {p.code: p for p in papers(store)}
    rubrics = _criteria(store)
    problems: list[Problem] = []
    for table in tables:
        for header in ("kode", "soal"):
            if header not in table.headers:
                problems.append(Problem(table.where, f"column {header!r} is missing", row=1))
    if problems:
        raise InputError(problems)
    rows: list[tuple[str, str, str, str, dict[str, float], float]] = []
    seen: dict[str, int] = {}
    for table in tables:
        for row in table.rows:
            found = _row(table, row, by_code, rubrics, seen, problems)
            if found is not None:
                paper, marks, rubric = found
                rows.append((paper.exam_id, paper.participant_no, paper.item_id, assessor,
                             marks, paper_percent(rubric, marks)))
    if problems:
        raise InputError(problems)
    store.add_grades(rows)
    return len(rows)


def _row(table: Table, row: Row, by_code: dict[str, Paper],
         rubrics: dict[tuple[str, str], tuple[RubricCriterion, ...]], seen: dict[str, int],
         problems: list[Problem]) -> tuple[Paper, dict[str, float], Any] | None:
    code = row.values.get("kode", "").upper()
    paper = by_code.get(code)
    if paper is None:
        problems.append(table.problem(f"unknown paper code {code!r}", row, "kode"))
        return None
    if code in seen:
        problems.append(table.problem(f"{code} is graded twice (also row {seen[code]})",
                                      row, "kode"))
        return None
    seen[code] = row.number
    if row.values.get("soal", "") != paper.item_id:
        problems.append(table.problem(f"{code} is a paper for item {paper.item_id}", row,
                                      "soal"))
        return None
    rubric = rubrics[(paper.exam_id, paper.item_id)]
    cells = {c.id: row.values.get(c.id.lower(), "") for c in rubric}
    if not any(cells.values()):
        return None  # not graded yet
    marks: dict[str, float] = {}
    before = len(problems)
    for c in rubric:
        if c.id.lower() not in table.headers:
            problems.append(table.problem(f"column {c.id!r} (a criterion of {paper.item_id}) "
                                          "is missing", None))
            continue
        text = cells[c.id].replace(",", ".")  # Indonesian Excel writes 3,5
        try:
            mark = float(text)
        except ValueError:
            problems.append(table.problem(f"{c.id}: {text or 'blank'} is not a mark from 0 "
                                          f"to {c.max_score:g}", row, c.id.lower()))
            continue
        why = mark_problem(c, mark)
        if why:
            problems.append(table.problem(f"{c.id}: {why}", row, c.id.lower()))
        marks[c.id] = mark
    return None if len(problems) > before else (paper, marks, rubric)


def status(store: ResultsStore, margin: float = DEFAULT_MARGIN) -> list[dict[str, Any]]:
    out = []
    for p in papers(store):
        s = paper_status(list(p.grades.values()), margin)
        out.append({"code": p.code, "exam_id": p.exam_id, "participant_no": p.participant_no,
                    "item_id": p.item_id, "grades": p.grades, "state": s.state,
                    "final": s.final})
    return out


def results_with_makalah(store: ResultsStore, exam_id: str | None = None,
                         margin: float = DEFAULT_MARGIN) -> list[dict[str, Any]]:
    """Each candidate's current result (cached score) with the makalah as a separate
    component: per item the grades, state and final percent (None until final)."""
    by_paper: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for r in status(store, margin):
        by_paper.setdefault((r["exam_id"], r["participant_no"]), []).append(r)
    out = []
    for result in store.current_results(exam_id):
        rows = by_paper.get((result["exam_id"], result["participant_no"]), [])
        result["makalah"] = {r["item_id"]: {"code": r["code"], "grades": r["grades"],
                                            "state": r["state"], "final": r["final"]}
                             for r in rows}
        out.append(result)
    return out
