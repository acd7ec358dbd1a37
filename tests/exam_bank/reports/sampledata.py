"""Real report data from the shipped sample: its bank, blueprint and 54-candidate roster,
forms drawn as a package draws them, and seeded answers of varied ability."""

from __future__ import annotations

import datetime as dt
import random
from functools import cache
from importlib.resources import files
from pathlib import Path

from exam_bank.blueprint.forms import assemble_form, form_seed
from exam_bank.blueprint.read import read_blueprint
from exam_bank.exam_package import ExamPackage
from exam_bank.items.bank import load_bank
from exam_bank.items.model import ItemType
from exam_bank.package.container import PackageHeader
from exam_bank.reports.model import (
    Incident,
    MakalahGrade,
    ReportCandidate,
    ReportExam,
    report_from_package,
)
from exam_bank.roster.model import Candidate, Roster
from exam_bank.roster.read import read_roster
from exam_bank.scoring import Response
from exam_bank.scoring.config import scoring_config_from_dict

SAMPLE = Path(str(files("exam_bank") / "sample"))
PRINTED = dt.datetime(2026, 12, 10, 9, 30)
# A hash-shaped placeholder: reports never check PINs, and hashing 54 real ones is slow.
FAKE_HASH = "$argon2id$v=19$m=65536,t=3,p=4$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA"


@cache
def sample_package() -> ExamPackage:
    bank = load_bank(SAMPLE / "bank")
    blueprint = read_blueprint(SAMPLE / "bank" / "blueprints" / "selter-jpt-2026.toml")
    sheets = read_roster(SAMPLE / "roster", today=dt.date(2026, 11, 1))
    roster = Roster(dict(sheets.positions), dict(sheets.sessions), tuple(
        Candidate(e.participant_no, e.name, e.nip, e.position, e.session, e.seat, e.photo,
                  e.performance, FAKE_HASH) for e in sheets.candidates))
    forms = {c.participant_no: assemble_form(blueprint, bank.items, c.participant_no,
                                             form_seed("report-tests", c.participant_no))
             for c in roster.candidates}
    used = {i for f in forms.values() for s in f.sections for i in s.item_ids}
    header = PackageHeader(
        format=1, exam_id=blueprint.exam.id, title=blueprint.exam.title,
        agency=blueprint.exam.agency, sessions=[], counts={},
        created_at=dt.datetime(2026, 11, 1, tzinfo=dt.UTC), authority_fingerprint="",
        key_id="", public={}, header_sha256="", payload_sha256="", payload_size=0)
    return ExamPackage(header=header, blueprint=blueprint,
                       scoring=scoring_config_from_dict(blueprint.scoring, "sample"),
                       items={i: bank.items[i] for i in used}, forms=forms, roster=roster,
                       media={})


def simulated_responses(package: ExamPackage, seed: int = 7
                        ) -> dict[str, dict[str, Response]]:
    """Each candidate gets an ability 0-0.8 and picks the best option that often."""
    rng = random.Random(seed)
    answers: dict[str, dict[str, Response]] = {}
    for cand in package.roster.candidates:
        ability = rng.uniform(0.0, 0.8)
        mine: dict[str, Response] = {}
        for item in package.form_items(cand.participant_no):
            if item.type == ItemType.MAKALAH:
                continue
            if item.type == ItemType.LIKERT:
                mine[item.id] = rng.randint(2, 5)
                continue
            ranked = sorted(item.options, key=lambda o: (o.correct, o.weight), reverse=True)
            pick = ranked[0] if rng.random() < ability else rng.choice(ranked)
            if item.type == ItemType.MR:
                mine[item.id] = frozenset(o.id for o in ranked if o.correct)
            else:
                mine[item.id] = pick.id
        answers[cand.participant_no] = mine
    return answers


def sample_report(pending: int = 2) -> tuple[ReportExam, list[ReportCandidate]]:
    """All 54 candidates scored; every makalah graded but the first `pending`."""
    package = sample_package()
    responses = simulated_responses(package)
    rng = random.Random(11)
    makalah = {}
    for n, cand in enumerate(package.roster.candidates):
        if n < pending:
            makalah[cand.participant_no] = MakalahGrade(None, (60.0, 82.0), needs_third=True)
            continue
        a, b = rng.randint(55, 90), rng.randint(55, 90)
        makalah[cand.participant_no] = MakalahGrade((a + b) / 2, (float(a), float(b)))
    first = package.roster.candidates[0].participant_no
    incidents = {first: [
        Incident(dt.datetime(2026, 12, 8, 9, 12, 5), "Kiosk dimulai ulang",
                 "Listrik padam sesaat; jawaban dipulihkan dari log, waktu tidak berkurang."),
        Incident(dt.datetime(2026, 12, 8, 10, 40), "Izin ke toilet", "Didampingi pengawas."),
    ]}
    receipts = {c.participant_no: f"RCPT-{n:04d}-{c.participant_no[-3:]}"
                for n, c in enumerate(package.roster.candidates)}
    submitted = {c.participant_no: dt.datetime(2026, 12, 8, 12, 31)
                 for c in package.roster.candidates}
    return report_from_package(package, responses, makalah=makalah, incidents=incidents,
                               receipts=receipts, submitted=submitted, printed_at=PRINTED)
