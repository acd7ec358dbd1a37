"""`ujikom bank report`: the committee's reports from the results store.

The store holds each candidate's answers and incidents as folded once at import, and the
makalah grades as the assessors gave them; the report scores the answers against the
package's rules (cheap: no log is folded again) and writes the set described in
`exam_bank.reports.write`: candidate reports, rankings per post, the 9-box, CSV and XLSX.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from exam_bank.cli_results import EXAM_KEY_ENV, STORE_ENV, open_results, package_args, store_args
from exam_bank.cliutil import ExitCode, read_passphrase
from exam_bank.exam_package import ExamPackage
from exam_bank.examzone import exam_zone
from exam_bank.problems import InputError, Problem
from exam_bank.record.actions import ProctorAction
from exam_bank.record.facts import CandidateRecord, Fact, RecordEntry
from exam_bank.reports.model import Incident, MakalahGrade
from exam_bank.scoring.responses import responses_of


def makalah_grade(papers: Mapping[str, Mapping[str, Any]]) -> MakalahGrade | None:
    """One grade for the candidate's makalah items: final only when every paper is."""
    if not papers:
        return None
    finals = [p["final"] for p in papers.values()]
    grades = tuple(g for p in papers.values() for g in p["grades"].values())
    final = None if any(f is None for f in finals) else sum(finals) / len(finals)
    third = any("third" in str(p["state"]) for p in papers.values())
    return MakalahGrade(final, grades, third)


NOT_WRITTEN = ("Makalah tidak ditulis: ujian peserta berakhir sebelum bagian makalah; "
               "dinilai 0.")


def makalah_or_not_written(row: Mapping[str, Any], makalah_required: bool
                           ) -> MakalahGrade | None:
    """The candidate's makalah grade; a candidate who sat the exam but has no paper at all
    (force-submitted before the makalah section) scores 0 with a note, not "not graded
    yet" forever."""
    grade = makalah_grade(row["makalah"])
    if grade is None and makalah_required and row["status"] != "absent":
        return MakalahGrade(0.0, note=NOT_WRITTEN)
    return grade


def server_facts(incidents: Sequence[Mapping[str, Any]]) -> dict[str, list[RecordEntry]]:
    """The proctor server's incidents and the proctor's actions (a sealed bundle's
    incidents.json) about a candidate, as facts of their record: the candidate report
    then lists what the berita acara does."""
    out: dict[str, list[RecordEntry]] = {}
    for i in incidents:
        action = ProctorAction.from_json(i)  # with who decided and why
        if action is not None:
            if action.participant_no is not None:
                out.setdefault(action.participant_no, []).append(action.entry())
            continue
        who, kind, wall = i.get("participant_no"), i.get("kind"), i.get("wall")
        if not (isinstance(who, str) and isinstance(kind, str) and isinstance(wall, str)):
            continue
        count = i.get("count", 1)
        repeats = count - 1 if isinstance(count, int) and count > 1 else 0
        last = i.get("last") if isinstance(i.get("last"), str) else wall
        out.setdefault(who, []).extend([RecordEntry(wall, Fact.INCIDENT, kind=kind),
                                        *[RecordEntry(str(last), Fact.INCIDENT, kind=kind)]
                                        * repeats])
    return out


def session_days(rows: Sequence[Mapping[str, Any]], tz: dt.tzinfo) -> dict[str, dt.date]:
    """The day each session actually ran: its first candidate's first event, lab time."""
    days: dict[str, dt.date] = {}
    for r in rows:
        wall = r["state"].get("started_at") or r.get("submitted_at")
        if not wall:
            continue
        day = _when(str(wall)).astimezone(tz).date()
        sid = str(r["session_id"])
        days[sid] = min(day, days.get(sid, day))
    return days


def _when(wall: str) -> dt.datetime:
    try:
        return dt.datetime.fromisoformat(wall)
    except ValueError:
        return dt.datetime.fromtimestamp(0, dt.UTC)


def package_from_args(args: argparse.Namespace) -> ExamPackage:
    """The package of --package, checked with --trust-authority, opened with --key."""
    from exam_bank.crypto.authority import load_authority_public
    from exam_bank.crypto.examkey import read_exam_key
    from exam_bank.exam_package import open_exam_package

    exam_key = read_exam_key(args.key, read_passphrase(EXAM_KEY_ENV, args.key_passphrase_file,
                                                       "Exam key passphrase: "))
    trusted = [load_authority_public(p) for p in args.trust_authority]
    return open_exam_package(args.package, trusted, exam_key)


def cmd_report(args: argparse.Namespace) -> int:
    from exam_bank.analysis.release import release_state
    from exam_bank.reports.completeness import completeness
    from exam_bank.reports.model import report_from_package
    from exam_bank.reports.performance import import_performance
    from exam_bank.reports.write import write_reports
    from exam_bank.results.grading import results_with_makalah

    package = package_from_args(args)
    exam_id = package.blueprint.exam.id
    zone = exam_zone(package.blueprint.exam.timezone)  # the lab's clock, not this machine's
    with open_results(args) as store:
        rows = results_with_makalah(store, exam_id, args.margin)
        # Each candidate's facts from their own session's bundle only: a candidate of the
        # afternoon named by a morning incident (trying a morning PC) is the morning's fact.
        seen = {s: server_facts(store.current_incidents(exam_id, s))
                for s in {str(r["session_id"]) for r in rows}}
        review = release_state(store, exam_id)
    sat = [r for r in rows if r["status"] != "absent"]
    if not sat:
        raise InputError([Problem(str(args.store or STORE_ENV), f"no results of {exam_id} "
                                  "are stored yet (run bank import-results first)")])
    responses = {r["participant_no"]: responses_of(r["state"]) for r in sat}
    makalah_required = any(s.kind == "makalah" for s in package.blueprint.sections)
    exam, candidates = report_from_package(
        package, responses,
        makalah={r["participant_no"]: g for r in sat
                 if (g := makalah_or_not_written(r, makalah_required)) is not None},
        incidents={r["participant_no"]: [Incident(_when(i["wall"]), i["kind"], i["note"])
                                         for i in r["state"].get("incident_list", [])]
                   for r in sat},
        records={r["participant_no"]: CandidateRecord.from_dict(r["state"]["record"])
                 .with_entries(seen[str(r["session_id"])].get(r["participant_no"], ()))
                 for r in sat if "record" in r["state"]},
        receipts={r["participant_no"]: r["receipt_code"] for r in sat},
        submitted={r["participant_no"]: _when(r["submitted_at"]) for r in sat
                   if r.get("submitted_at")},
        printed_at=dt.datetime.now(zone), timezone=zone,
        excluded=[d.item_id for d in review.excluded], review_banner=review.banner(),
        review_notes=[d.note(zone) for d in review.excluded])
    done, missing = completeness(package.roster, rows, session_days(rows, zone))
    exam = dataclasses.replace(exam, completeness=done, missing=missing)
    if args.skp is not None:
        candidates = import_performance(args.skp, candidates, exam.scoring)
    files = write_reports(exam, candidates, args.out)
    if done.banner():
        print(f"every page says {done.banner()!r}")
    pending = sum(c.makalah is not None and c.makalah.pending for c in candidates)
    print(f"{len(files)} files for {len(candidates)} candidates in {args.out}"
          + (f" ({pending} makalah not graded yet: the rankings say PERINGKAT SEMENTARA)"
             if pending else ""))
    if review.banner():
        print(f"every page says {review.banner()!r}: see `ujikom bank analysis status`")
    return ExitCode.OK


def add_report_command(sub: Any) -> None:
    from exam_bank.scoring.makalah_grading import DEFAULT_MARGIN

    p = sub.add_parser("report", help="the committee's reports: candidates, rankings per "
                       "post, 9-box (PDF, CSV, XLSX)")
    store_args(p)
    package_args(p)
    p.add_argument("--skp", type=Path,
                   help="SKP performance sheet (CSV/XLSX: no_peserta or nip, skp) for the "
                   "9-box; else the roster's skp column")
    p.add_argument("--margin", type=float, default=DEFAULT_MARGIN,
                   help="makalah grades further apart than this need a third grading")
    p.add_argument("--out", required=True, type=Path, help="folder for the reports")
    p.set_defaults(handler=cmd_report)
