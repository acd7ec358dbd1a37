"""`ujikom bank replay`: makalah writing-process replays from the results store.

    ujikom bank replay --store S --package P --key K --trust-authority A
        (--participant NO | --session S1) --out DIR [--blind] [--json]

One self-contained HTML file per paper (and `index.html` for a session): the panel's
version names the candidate; `--blind` (for assessors) shows only the blind code.
"""

from __future__ import annotations

import argparse
import dataclasses
import html
from pathlib import Path
from typing import Any

from exam_bank.cli_results import STORE_ENV, open_results, package_args, store_args
from exam_bank.cliutil import ExitCode, print_json
from exam_bank.ids import ParticipantNo
from exam_bank.problems import InputError, Problem


def cmd_replay(args: argparse.Namespace) -> int:
    from exam_bank.cli_report import package_from_args
    from exam_bank.fsutil import atomic_write
    from exam_bank.replay.html import replay_html
    from exam_bank.replay.indicators import ReplayConfig
    from exam_bank.replay.paper import load_paper, makalah_items, with_similar
    from exam_bank.replay.similarity_report import exam_similarity
    from exam_bank.reports.write import file_stem

    if bool(args.participant) == bool(args.session):
        raise InputError([Problem("bank replay", "give --participant NO or --session ID")])
    package = package_from_args(args)
    roster = package.roster
    if args.session:
        if args.session not in roster.sessions:
            raise InputError([Problem("--session", f"{args.session!r} is not a session of "
                                      f"{package.blueprint.exam.id}")])
        people = [ParticipantNo(c.participant_no) for c in roster.candidates_in(args.session)]
    else:
        found = roster.find(args.participant)
        if found is None:
            raise InputError([Problem("--participant", f"{args.participant} is not on the "
                                      "roster")])
        people = [ParticipantNo(found.participant_no)]
    config = ReplayConfig(paste_chars=args.paste_chars, max_cps=args.max_cps,
                          idle_s=args.idle_seconds,
                          long_idle_min=args.long_idle_minutes, fast_wpm=args.fast_wpm)
    written: list[tuple[Any, Path]] = []
    with open_results(args) as store:
        if not args.blind:
            _graded_only(store, package.blueprint.exam.id, people)
        similar = exam_similarity(store, package, blind=True, threshold=args.similar)
        for p in people:
            for item_id in makalah_items(package, p):
                if store.paper_hash(package.blueprint.exam.id, p, item_id) is None:
                    continue  # absent, or not imported: nothing to replay
                paper = with_similar(load_paper(store, package, p, item_id, config),
                                     similar.pairs)
                name = (paper.code if args.blind
                        else f"{file_stem(p)}-{file_stem(item_id)}") + ".html"
                atomic_write(args.out / name,
                             replay_html(paper, blind=args.blind).encode("utf-8"), mode=0o600)
                written.append((paper, args.out / name))
    if not written:
        raise InputError([Problem(str(args.store or STORE_ENV), "no makalah of these "
                                  "candidates is stored")])
    if args.session:
        atomic_write(args.out / "index.html", _index(written, args.blind).encode("utf-8"),
                     mode=0o600)
    if args.json:
        print_json([{"file": str(path), "code": paper.code, "item_id": paper.item_id,
                      **({} if args.blind else {"participant_no": paper.participant_no}),
                      "final_matches_graded": paper.matches,
                      "indicators": dataclasses.asdict(paper.indicators),
                      "flags": [dataclasses.asdict(f) for f in paper.flags]}
                     for paper, path in written])
        return ExitCode.OK
    for paper, path in written:
        check = "final text = graded paper" if paper.matches else "FINAL TEXT DIFFERS"
        print(f"{path.name}: {paper.indicators.words} words, {len(paper.flags)} flag(s), "
              f"{check}")
    return ExitCode.OK


def _graded_only(store: Any, exam_id: str, people: list[ParticipantNo]) -> None:
    """Blind grading stays blind: the panel's version names the candidate, so it is made
    only for papers whose grading is final."""
    from exam_bank.scoring.makalah_grading import paper_status

    grades = store.grades()
    pending = sorted({p for e, p, item, _ in store.current_papers()
                      if e == exam_id and p in people
                      and paper_status(list(grades.get((e, p, item), {}).values())).final
                      is None})
    if pending:
        raise InputError([Problem("--blind", "the panel's version names the candidate, and "
                                  f"the grading of {', '.join(pending)} is not final: give "
                                  "--blind for assessors, or finish the grading first")])


def _index(written: list[tuple[Any, Path]], blind: bool) -> str:
    e = html.escape
    rows = "".join(
        f'<tr><td><a href="{e(path.name)}">{e(paper.code if blind else paper.name)}</a></td>'
        f"<td>{e(paper.item_id)}</td><td>{paper.indicators.words}</td>"
        f"<td>{len(paper.flags)}</td><td>{'identik' if paper.matches else 'BERBEDA'}</td></tr>"
        for paper, path in written)
    return ("<!DOCTYPE html><html lang=\"id\"><head><meta charset=\"utf-8\">"
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
            "style-src 'unsafe-inline'\"><title>Rekaman penulisan makalah</title>"
            "<style>body{font:14px sans-serif;margin:20px}td,th{padding:4px 10px;"
            "border-bottom:1px solid #ddd;text-align:left}</style></head><body>"
            "<h1>Rekaman penulisan makalah</h1><table><tr><th>"
            + ("Kode" if blind else "Peserta") + "</th><th>Soal</th><th>Kata</th>"
            "<th>Penanda</th><th>Teks akhir</th></tr>" + rows + "</table></body></html>\n")


def cmd_similarity(args: argparse.Namespace) -> int:
    import json

    from exam_bank.cli_report import package_from_args
    from exam_bank.fsutil import atomic_write
    from exam_bank.replay.similarity_report import exam_similarity, similarity_html

    if not 0 < args.threshold <= 1:
        raise InputError([Problem("--threshold", "must be a share above 0, at most 1")])
    package = package_from_args(args)
    with open_results(args) as store:
        result = exam_similarity(store, package, blind=args.blind, threshold=args.threshold,
                                 k=args.words)
    data = result.to_dict()
    if not args.blind:
        data["labels"] = result.labels
    atomic_write(args.out / "kemiripan.html", similarity_html(result).encode("utf-8"),
                 mode=0o600)
    atomic_write(args.out / "kemiripan.json",
                 (json.dumps(data, ensure_ascii=False, indent=1) + "\n").encode("utf-8"),
                 mode=0o600)
    if args.json:
        print_json(data)
        return ExitCode.OK
    print(f"{result.papers} papers compared; {len(result.pairs)} pair(s) at or above "
          f"{args.threshold:.0%}:")
    for p in result.pairs:
        print(f"  {result.labels[p.first]} ~ {result.labels[p.second]}: "
              f"{p.containment:.0%} ({len(p.passages)} shared passages)")
    print(f"wrote kemiripan.html and kemiripan.json in {args.out}")
    return ExitCode.OK


def add_replay_command(sub: Any) -> None:
    p = sub.add_parser(
        "replay", help="makalah writing-process replays (self-contained HTML)",
        description="One offline HTML file per paper: the paper as it grew, a timeline to "
        "scrub and play, revisions by kind, idle gaps, the proctor's actions, process "
        "indicators with their definitions, and the final text checked against the "
        "graded paper. --blind for assessors shows only the blind code.")
    store_args(p)
    package_args(p)
    p.add_argument("--participant", help="one candidate's participant number")
    p.add_argument("--session", help="every candidate of a session")
    p.add_argument("--out", required=True, type=Path, help="folder for the HTML files")
    p.add_argument("--blind", action="store_true",
                   help="assessors' version: the blind code only, no name or number")
    p.add_argument("--json", action="store_true", help="print indicators and flags as JSON")
    p.add_argument("--paste-chars", type=int, default=20,
                   help="one change inserting this many characters is a paste (20)")
    p.add_argument("--max-cps", type=float, default=20.0,
                   help="characters a second faster than anyone types (20)")
    p.add_argument("--idle-seconds", type=int, default=120,
                   help="a pause longer than this is idle, not writing time (120)")
    p.add_argument("--long-idle-minutes", type=float, default=30.0,
                   help="flag an idle gap longer than this (30)")
    p.add_argument("--fast-wpm", type=float, default=60.0,
                   help="flag more words per active minute than this (60)")
    p.add_argument("--similar", type=float, default=0.15,
                   help="flag a paper sharing this share of its 8-word runs with another "
                   "paper of the exam (0.15; see bank similarity)")
    p.set_defaults(handler=cmd_replay)

    p = sub.add_parser(
        "similarity", help="similarity between an exam's makalah papers and with the case",
        description="Pairs of papers on the same prompt sharing word runs (8 words by "
        "default) beyond what both quote from the case material, with the shared passages "
        "side by side; and each paper's share quoted from the case. kemiripan.html + .json.")
    store_args(p)
    package_args(p)
    p.add_argument("--out", required=True, type=Path, help="folder for the HTML and JSON")
    p.add_argument("--threshold", type=float, default=0.15,
                   help="list pairs sharing at least this share of the shorter paper (0.15)")
    p.add_argument("--words", type=int, default=8, help="words per compared run (8)")
    p.add_argument("--blind", action="store_true", help="blind codes only, no names")
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p.set_defaults(handler=cmd_similarity)
