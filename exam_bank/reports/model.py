"""The data the selection reports are made from: plain, with no store behind it.

The results store (or a test, or the demo) builds a `ReportExam` and one
`ReportCandidate` per scored candidate; every report in this package is a pure
function of those. `report_from_package` builds them from an exam package and the
candidates' responses, scoring each with `score_participant`.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field

from exam_bank.competencies import DEFAULT_CATALOG, CompetencyCatalog
from exam_bank.exam_package import ExamPackage, score_participant
from exam_bank.examzone import exam_zone, label_of
from exam_bank.ids import ParticipantNo
from exam_bank.record.facts import CandidateRecord
from exam_bank.reports.completeness import Completeness, Missing
from exam_bank.roster.model import Position
from exam_bank.scoring import CandidateScore, Response, ScoringConfig
from exam_bank.scoring.ninebox import nine_box


@dataclass(frozen=True)
class MakalahGrade:
    """The makalah's grading: each assessor's grade (0-100, in grading order) and the
    final one; `final` is None while grading is not finished (e.g. a third assessor is
    still due because the first two differ by more than the set margin). `note`: why a
    grade was given without assessors (a paper never written scores 0)."""

    final: float | None
    grades: tuple[float, ...] = ()
    needs_third: bool = False
    note: str = ""

    @property
    def pending(self) -> bool:
        return self.final is None


@dataclass(frozen=True)
class Incident:
    """Something the proctor recorded about the candidate (e.g. a kiosk restart)."""

    time: dt.datetime
    kind: str
    note: str = ""


@dataclass(frozen=True)
class ReportCandidate:
    """One scored candidate. `performance` is the SKP (0-100) the 9-box uses; None when
    no SKP is known."""

    participant_no: ParticipantNo
    name: str
    nip: str
    position_code: str
    position_name: str
    score: CandidateScore
    makalah: MakalahGrade | None = None
    incidents: tuple[Incident, ...] = ()
    performance: float | None = None
    receipt_code: str = ""
    submitted_at: dt.datetime | None = None
    # The proctor's actions, moves and incidents from the sealed log (`exam_bank.record`);
    # None for results stored before the record was kept (then `incidents` is shown).
    record: CandidateRecord | None = None

    @property
    def makalah_final(self) -> float | None:
        return None if self.makalah is None else self.makalah.final


@dataclass(frozen=True)
class ReportExam:
    """The exam the reports are about. `positions` in the order the reports list them;
    `makalah_required`: the exam has a makalah, so no candidate is ranked before it is
    graded. `printed_at` goes in every footer (pass it for reproducible files).
    `timezone`: the exam's zone (`exam_bank.examzone`); timezone-aware times (submission,
    incidents, printing) are shown in it with its label, naive ones as given."""

    exam_id: str
    title: str
    agency: str
    location: str
    date: dt.date
    positions: Mapping[str, Position]
    scoring: ScoringConfig
    makalah_required: bool = True
    catalog: CompetencyCatalog = field(default=DEFAULT_CATALOG, compare=False)
    printed_at: dt.datetime | None = None
    timezone: dt.tzinfo | None = None
    sections: Mapping[str, str] = field(default_factory=dict)  # section id -> title
    # The release check (exam_bank.analysis.release): what every page must say while
    # it is not done, and a line per item excluded from scoring for the ranking's notes.
    review_banner: str = ""
    review_notes: tuple[str, ...] = ()
    # What the data covers (sessions imported, absent, not yet imported): said on every
    # report, SEMENTARA while incomplete; the candidates without a result are listed.
    completeness: Completeness | None = None
    missing: tuple[Missing, ...] = ()

    @property
    def banner(self) -> str:
        """What every page says at its top while the reports are provisional."""
        parts = [self.completeness.banner() if self.completeness else "", self.review_banner]
        return " · ".join(p for p in parts if p)

    def local(self, moment: dt.datetime) -> dt.datetime:
        """`moment` as the committee's clock shows it."""
        if moment.tzinfo is None or self.timezone is None:
            return moment
        return moment.astimezone(self.timezone)

    @property
    def zone_label(self) -> str:
        """"WIB", "WITA" or "WIT": printed after every time the reports show."""
        return label_of(self.timezone)

    def competency_name(self, key: str) -> str:
        return self.catalog[key].name if key in self.catalog else pretty_key(key)


def pretty_key(key: str) -> str:
    """"kecerdasan_emosional" → "Kecerdasan Emosional" for keys with no catalog name."""
    return " ".join(w.capitalize() for w in key.replace("-", "_").split("_") if w)


def with_performance(candidate: ReportCandidate, performance: float | None,
                     config: ScoringConfig) -> ReportCandidate:
    """The candidate with this SKP, and the score's 9-box placed again from it."""
    potential = candidate.score.potential
    box = None
    if potential is not None and performance is not None:
        box = nine_box(potential, performance, config.potential_cuts, config.performance_cuts)
    score = dataclasses.replace(candidate.score, performance=performance, nine_box=box)
    return dataclasses.replace(candidate, performance=performance, score=score)


def report_from_package(
    package: ExamPackage,
    responses: Mapping[str, Mapping[str, Response]],
    *,
    makalah: Mapping[str, MakalahGrade] | None = None,
    incidents: Mapping[str, Sequence[Incident]] | None = None,
    records: Mapping[str, CandidateRecord] | None = None,
    performance: Mapping[str, float] | None = None,
    receipts: Mapping[str, str] | None = None,
    submitted: Mapping[str, dt.datetime] | None = None,
    printed_at: dt.datetime | None = None,
    timezone: dt.tzinfo | None = None,
    excluded: Collection[str] = (),
    review_banner: str = "",
    review_notes: Sequence[str] = (),
) -> tuple[ReportExam, list[ReportCandidate]]:
    """Score every candidate in `responses` (participant no → item id → response) and
    gather what the reports show. `performance` overrides the roster's SKP (e.g. from
    `reports.performance.read_performance`); candidates absent from `responses` did not
    sit the exam and are left out."""
    roster = package.roster
    stray = sorted(no for no in responses if roster.find(no) is None)
    if stray:
        raise ValueError(f"responses of participants not in the roster: {', '.join(stray)}")
    sessions = sorted(roster.sessions.values(), key=lambda s: (s.date, s.start))
    blueprint = package.blueprint
    sites = sorted({s.site for s in sessions if s.site})
    exam = ReportExam(
        exam_id=blueprint.exam.id, title=blueprint.exam.title, agency=blueprint.exam.agency,
        location=", ".join(sites), date=sessions[0].date if sessions else dt.date.today(),
        positions=dict(roster.positions), scoring=package.scoring,
        makalah_required=any(s.kind == "makalah" for s in blueprint.sections),
        printed_at=printed_at, timezone=timezone or exam_zone(blueprint.exam.timezone),
        sections={s.id: s.title for s in blueprint.sections}, review_banner=review_banner,
        review_notes=tuple(review_notes))
    makalah = makalah or {}
    records = records or {}
    incidents = incidents or {}
    performance = performance or {}
    receipts = receipts or {}
    submitted = submitted or {}
    candidates = []
    for cand in roster.candidates:
        no = cand.participant_no
        if no not in responses:
            continue
        skp = performance.get(no, cand.performance)
        score: CandidateScore = score_participant(package, no, responses[no], skp,
                                                  frozenset(excluded))
        candidates.append(ReportCandidate(
            participant_no=no, name=cand.name, nip=cand.nip, position_code=cand.position,
            position_name=roster.positions[cand.position].name, score=score,
            makalah=makalah.get(no), incidents=tuple(incidents.get(no, ())),
            performance=skp, receipt_code=receipts.get(no, ""),
            submitted_at=submitted.get(no), record=records.get(no)))
    return exam, candidates
