"""`ujikom bank analysis`: the item analysis for the committee and the release check.

    ujikom bank analysis --store S --package P --key K --trust-authority A --out DIR
        [--session S1] [--json]          PDF + XLSX + JSON, flagged items first
    ujikom bank analysis decide --store S --item X (--keep | --exclude) --reason … --by …
    ujikom bank analysis status --store S [--exam E] [--json]
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
from pathlib import Path
from typing import Any

from exam_bank.cli_results import STORE_ENV, open_results, package_args, store_args
from exam_bank.cliutil import ExitCode, print_json
from exam_bank.problems import InputError, Problem

FILES = ("analisis-butir.pdf", "analisis-butir.xlsx", "analisis-butir.json")


def cmd_analysis(args: argparse.Namespace) -> int:
    from exam_bank.analysis.flags import AnalysisConfig
    from exam_bank.analysis.load import matrix_from_results, paper_grades, sat
    from exam_bank.analysis.pdf import analysis_pdf
    from exam_bank.analysis.release import record_analysis, release_state
    from exam_bank.analysis.run import analyse
    from exam_bank.analysis.tables import analysis_xlsx
    from exam_bank.cli_report import package_from_args
    from exam_bank.examzone import exam_zone
    from exam_bank.fsutil import atomic_write
    from exam_bank.reports.model import report_from_package
    from exam_bank.results.grading import results_with_makalah

    missing = [f"--{n.replace('_', '-')}" for n in ("package", "key", "trust_authority", "out")
               if not getattr(args, n)]
    if missing:
        raise InputError([Problem("bank analysis", f"{', '.join(missing)} is needed "
                                  "(see ujikom bank analysis --help)")])
    package = package_from_args(args)
    exam_id = package.blueprint.exam.id
    config = AnalysisConfig(min_item_rest=args.min_item_rest, min_n=args.min_n,
                            dif_min_group=args.dif_min_group, margin=args.margin)
    with open_results(args) as store:
        rows = sat(results_with_makalah(store, exam_id, args.margin), args.session,
                   str(args.store or STORE_ENV))
        analysis = analyse(matrix_from_results(package, rows), exam_id, session=args.session,
                           grades=paper_grades(rows), config=config)
        state = None
        if args.session is None:
            record_analysis(store, exam_id, None, analysis.candidates,
                            [i.item_id for i in analysis.items],
                            [i.item_id for i in analysis.flagged])
            state = release_state(store, exam_id)
    # Printed on the exam's clock, as `bank report` prints (the machine's own zone
    # said 04.11 on a UTC machine where the reports said 11.11 WIB).
    zone = exam_zone(package.blueprint.exam.timezone)
    exam, _ = report_from_package(package, {}, printed_at=dt.datetime.now(zone), timezone=zone)
    data: dict[str, Any] = {**analysis.to_dict(), "release": _state_dict(state)}
    out: Path = args.out
    atomic_write(out / FILES[0], analysis_pdf(analysis, exam, state), mode=0o600)
    atomic_write(out / FILES[1], analysis_xlsx(analysis, state), mode=0o600)
    atomic_write(out / FILES[2], (json.dumps(data, ensure_ascii=False, indent=1) + "\n")
                 .encode("utf-8"), mode=0o600)
    if args.json:
        print_json(data)
        return ExitCode.OK
    print(f"analysed {len(analysis.items)} items of {analysis.candidates} candidates "
          f"({'session ' + args.session if args.session else 'every session'}); "
          f"{len(analysis.flagged)} flagged")
    for item in analysis.flagged:
        print(f"  {item.item_id:<16} {', '.join(f.code for f in item.flags)}")
    if analysis.too_few:
        print(f"{len(analysis.too_few)} item(s) seen by fewer than {config.min_n} candidates "
              "cannot be flagged (statistics shown)")
    if state is not None:
        print(_state_line(state))
    print(f"wrote {', '.join(FILES)} in {out}")
    return ExitCode.OK


def _state_dict(state: Any) -> dict[str, Any] | None:
    if state is None:
        return None
    return {"final": state.final, "banner": state.banner(), "analysed_at": state.analysed_at,
            "stale": state.stale, "flagged": list(state.flagged),
            "pending": list(state.pending),
            "decisions": [{"item_id": d.item_id, "decision": d.decision, "reason": d.reason,
                           "by": d.by, "at": d.at} for d in state.decisions]}


def _state_line(state: Any) -> str:
    if state.final:
        return (f"release check done: {len(state.excluded)} item(s) excluded; rankings "
                "may be printed as final")
    if state.analysed_at is None:
        return "release check: not analysed yet"
    if state.stale:
        return ("release check: results were imported after the analysis; run "
                "`ujikom bank analysis` again")
    return (f"release check: {len(state.pending)} flagged item(s) still need a decision "
            f"({', '.join(state.pending)}): ujikom bank analysis decide --item ID "
            "(--keep | --exclude) --reason … --by …")


def _exam(store: Any, given: str | None) -> str:
    from exam_bank.analysis.release import stored_exams

    exams = stored_exams(store)
    if given:
        if given not in exams:
            raise InputError([Problem("--exam", f"no results of {given!r} are stored")])
        return given
    if len(exams) != 1:
        raise InputError([Problem("--exam", "the store holds " + (
            f"several exams ({', '.join(exams)}): name one" if exams else "no results yet"))])
    return exams[0]


def cmd_decide(args: argparse.Namespace) -> int:
    from exam_bank.analysis.release import EXCLUDE, KEEP, decide, release_state
    from exam_bank.cli_report import package_from_args

    package = package_from_args(args) if args.package else None
    with open_results(args) as store:
        exam_id = _exam(store, args.exam)
        if package is not None and package.blueprint.exam.id != exam_id:
            raise InputError([Problem("--package", f"is exam {package.blueprint.exam.id}, "
                                      f"not {exam_id}")])
        made, rescored = decide(store, exam_id, args.item,
                                EXCLUDE if args.exclude else KEEP, args.reason, args.by,
                                package)
        state = release_state(store, exam_id)
    verb = "excluded from scoring" if made.decision == EXCLUDE else "kept"
    print(f"{made.item_id} {verb} by {made.by} ({made.at})")
    if rescored:
        print(f"{rescored} candidates rescored"
              + (" without it; the ranking's notes say so" if made.decision == EXCLUDE
                 else " with it again"))
    if made.item_id not in state.flagged:
        print(f"note: {made.item_id} was not flagged by the latest analysis")
    print(_state_line(state))
    return ExitCode.OK


def cmd_status(args: argparse.Namespace) -> int:
    from exam_bank.analysis.release import release_state

    with open_results(args) as store:
        state = release_state(store, _exam(store, args.exam))
    if args.json:
        print_json({"exam_id": state.exam_id, **(_state_dict(state) or {})})
        return ExitCode.OK
    print(_state_line(state))
    for d in state.decisions:
        print(f"  {d.item_id:<16} {d.decision:<8} {d.by} ({d.at[:10]}): {d.reason}")
    return ExitCode.OK


def add_analysis_commands(sub: Any) -> None:
    from exam_bank.scoring.makalah_grading import DEFAULT_MARGIN

    p = sub.add_parser(
        "analysis", help="item analysis of an exam's results and the release check",
        description="Item analysis (docs/analysis.md): difficulty, discrimination, "
        "distractors, SJT keys, Likert reliability, makalah rater agreement, DIF. Writes "
        "analisis-butir.pdf/.xlsx/.json in --out. A whole-exam run (no --session) is the "
        "release check's basis: each flagged item then needs `analysis decide`.")
    store_args(p)
    package_args(p, required=False)
    p.add_argument("--session", help="only this session (not recorded for the release check)")
    p.add_argument("--out", type=Path, help="folder for the PDF, XLSX and JSON")
    p.add_argument("--json", action="store_true", help="print the analysis as JSON")
    p.add_argument("--min-item-rest", type=float, default=0.20,
                   help="flag an item whose corrected item-rest r is below this (0.20)")
    p.add_argument("--min-n", type=int, default=10,
                   help="no flags for items seen by fewer candidates (10)")
    p.add_argument("--dif-min-group", type=int, default=30,
                   help="candidates per group before DIF is computed (30)")
    p.add_argument("--margin", type=float, default=DEFAULT_MARGIN,
                   help="makalah grades further apart than this need a third grading")
    p.set_defaults(handler=cmd_analysis)
    steps = p.add_subparsers(dest="analysis_command", metavar="decide | status")

    d = steps.add_parser("decide", help="keep a flagged item, or exclude it from scoring")
    store_args(d, argparse.SUPPRESS)  # also taken before the step's name
    d.add_argument("--exam", help="exam id (needed when the store holds several)")
    d.add_argument("--item", required=True, help="the item id")
    choice = d.add_mutually_exclusive_group(required=True)
    choice.add_argument("--keep", action="store_true", help="keep the item in scoring")
    choice.add_argument("--exclude", action="store_true", help="exclude it from scoring")
    d.add_argument("--reason", required=True, help="why, in words (printed in the ranking)")
    d.add_argument("--by", required=True, help="who decides (name, position)")
    # SUPPRESS: given before `decide` (as for the analysis itself), they still count.
    package_args(d, required=False, default=argparse.SUPPRESS,
                 package_help="the exam package (an exclusion rescores every candidate)")
    d.set_defaults(handler=cmd_decide)

    s = steps.add_parser("status", help="the release check: flagged items and decisions")
    store_args(s, argparse.SUPPRESS)
    s.add_argument("--exam", help="exam id (needed when the store holds several)")
    s.add_argument("--json", action="store_true", default=argparse.SUPPRESS,
                   help="machine-readable output")
    s.set_defaults(handler=cmd_status)
