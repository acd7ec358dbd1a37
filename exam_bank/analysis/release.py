"""The release check: no ranking or 9-box is final before the office has decided, for
every item the latest whole-exam analysis flagged, to keep it or to exclude it from
scoring, with a written reason and the name of who decided.

Kept in the results store (tables `item_analyses` and `item_decisions`, migration 2).
Decisions are appended, never overwritten: the latest for an item counts, the earlier
ones stay as the record of what was decided when.
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Sequence
from dataclasses import dataclass

from exam_bank.exam_package import ExamPackage
from exam_bank.examzone import exam_zone
from exam_bank.ids import ParticipantNo
from exam_bank.problems import InputError, Problem
from exam_bank.results.store import ResultsStore

KEEP, EXCLUDE = "keep", "exclude"
NOT_REVIEWED = "BELUM MELALUI TELAAH BUTIR"
STALE = "TELAAH BUTIR BELUM MENCAKUP SEMUA HASIL"
PENDING = "TELAAH BUTIR BELUM SELESAI"


@dataclass(frozen=True)
class Decision:
    item_id: str
    decision: str  # keep | exclude
    reason: str
    by: str
    at: str  # UTC ISO 8601

    def note(self, tz: dt.tzinfo | None = None) -> str:
        """The line the ranking prints for an excluded item (Indonesian; the day as the
        exam's clock shows it, WIB when not given)."""
        from exam_bank.roster.cards import BULAN

        when = dt.datetime.fromisoformat(self.at).astimezone(tz or exam_zone())
        day = f"{when.day} {BULAN[when.month - 1]} {when.year}"
        return (f"Butir {self.item_id} dikeluarkan dari penilaian setelah telaah butir "
                f"(diputuskan oleh {self.by}, {day}): {self.reason}")


@dataclass(frozen=True)
class ReleaseState:
    exam_id: str
    analysed_at: str | None  # the latest whole-exam analysis
    analysed_candidates: int
    current_candidates: int
    items: tuple[str, ...]  # every item the analysis saw
    flagged: tuple[str, ...]
    decisions: tuple[Decision, ...]  # the latest per item

    @property
    def pending(self) -> tuple[str, ...]:
        decided = {d.item_id for d in self.decisions}
        return tuple(i for i in self.flagged if i not in decided)

    @property
    def excluded(self) -> tuple[Decision, ...]:
        return tuple(d for d in self.decisions if d.decision == EXCLUDE)

    @property
    def stale(self) -> bool:
        return self.analysed_at is not None and (
            self.analysed_candidates != self.current_candidates)

    @property
    def final(self) -> bool:
        return self.analysed_at is not None and not self.stale and not self.pending

    def banner(self) -> str:
        """What every page of a report printed now must say; blank once released."""
        if self.analysed_at is None:
            return NOT_REVIEWED
        if self.stale:
            return STALE
        if self.pending:
            return f"{PENDING} ({len(self.pending)} butir belum diputuskan)"
        return ""


def _now() -> str:
    return dt.datetime.now(dt.UTC).isoformat(timespec="seconds")


def _next(store: ResultsStore, table: str, exam_id: str) -> int:
    row = store.db.one(f"SELECT MAX(n) FROM {table} WHERE exam_id = ?", (exam_id,))  # fixed
    return 1 if row is None or row[0] is None else int(row[0]) + 1


def record_analysis(store: ResultsStore, exam_id: str, session: str | None,
                    candidates: int, items: Sequence[str], flagged: Sequence[str]) -> None:
    with store.db.transaction():
        store.db.execute(
            "INSERT INTO item_analyses (exam_id, n, session_id, analysed_at, candidates, "
            "summary) VALUES (?, ?, ?, ?, ?, ?)",
            (exam_id, _next(store, "item_analyses", exam_id), session, _now(), candidates,
             json.dumps({"items": sorted(items), "flagged": sorted(flagged)})))


def _sat(store: ResultsStore, exam_id: str) -> int:
    return sum(r["status"] != "absent" for r in store.current_results(exam_id))


def release_state(store: ResultsStore, exam_id: str) -> ReleaseState:
    row = store.db.one(
        "SELECT analysed_at, candidates, summary FROM item_analyses WHERE exam_id = ? "
        "AND session_id IS NULL ORDER BY n DESC LIMIT 1", (exam_id,))
    latest: dict[str, Decision] = {}
    for item, decision, reason, by, at in store.db.all(
            "SELECT item_id, decision, reason, decided_by, decided_at FROM item_decisions "
            "WHERE exam_id = ? ORDER BY n", (exam_id,)):
        latest[item] = Decision(item, decision, reason, by, at)
    return ReleaseState(
        exam_id=exam_id, analysed_at=None if row is None else str(row[0]),
        analysed_candidates=0 if row is None else int(row[1]),
        current_candidates=_sat(store, exam_id),
        items=() if row is None else tuple(json.loads(row[2])["items"]),
        flagged=() if row is None else tuple(json.loads(row[2])["flagged"]),
        decisions=tuple(latest[i] for i in sorted(latest)))


def rescore(store: ResultsStore, package: ExamPackage, excluded: frozenset[str]) -> int:
    """Every current candidate of the package's exam scored again from their stored
    answers without the `excluded` items (the scoring path of the import and the
    reports), the cached scores replaced; how many candidates."""
    from exam_bank.exam_package import score_participant
    from exam_bank.scoring.responses import responses_of

    rows = store.db.all(
        "SELECT s.bundle_digest, s.participant_no, s.state FROM submissions s JOIN bundles b "
        "ON b.digest = s.bundle_digest WHERE b.is_current = 1 AND s.exam_id = ? "
        "AND s.score IS NOT NULL", (package.blueprint.exam.id,))
    updates = [(json.dumps(score_participant(package, ParticipantNo(p),
                                             responses_of(json.loads(state)),
                                             excluded=excluded).to_dict()), digest, p)
               for digest, p, state in rows]
    for update in updates:
        store.db.execute("UPDATE submissions SET score = ? WHERE bundle_digest = ? "
                         "AND participant_no = ?", update)
    return len(updates)


def decide(store: ResultsStore, exam_id: str, item_id: str, decision: str, reason: str,
           by: str, package: ExamPackage | None = None) -> tuple[Decision, int]:
    """Record the office's decision on one item and, when it changes which items are
    excluded, rescore every candidate of the exam (needs `package`); InputError, nothing
    stored, when the reason or name is missing or the item is not one the latest
    analysis saw. (the decision, candidates rescored)"""
    state = release_state(store, exam_id)
    known_items = state.items
    was_excluded = any(d.item_id == item_id for d in state.excluded)
    reason, by = " ".join(reason.split()), " ".join(by.split())
    problems = []
    if decision not in (KEEP, EXCLUDE):
        problems.append(Problem("--decision", f"must be {KEEP} or {EXCLUDE}"))
    if len(reason) < 10:
        problems.append(Problem("--reason", "write the reason in words (10 characters or "
                                "more): it is printed in the ranking's notes"))
    if not by:
        problems.append(Problem("--by", "give the name of who decides"))
    if not known_items:
        problems.append(Problem("--item", f"exam {exam_id} has not been analysed yet: run "
                                "`ujikom bank analysis` first"))
    elif item_id not in known_items:
        problems.append(Problem("--item", f"{item_id!r} is not an item of exam {exam_id} "
                                "that the analysis saw"))
    changes = (decision == EXCLUDE) != was_excluded
    if changes and package is None:
        problems.append(Problem("--package", "this decision rescores every candidate: give "
                                "--package, --key and --trust-authority"))
    if problems:
        raise InputError(problems)
    made = Decision(item_id, decision, reason, by, _now())
    rescored = 0
    with store.db.transaction():
        store.db.execute(
            "INSERT INTO item_decisions (exam_id, n, item_id, decision, reason, decided_by, "
            "decided_at) VALUES (?, ?, ?, ?, ?, ?, ?)",
            (exam_id, _next(store, "item_decisions", exam_id), item_id, decision, reason, by,
             made.at))
        if changes and package is not None:
            excluded = frozenset(d.item_id for d in release_state(store, exam_id).excluded)
            rescored = rescore(store, package, excluded)
    return made, rescored


def stored_exams(store: ResultsStore) -> list[str]:
    return sorted({b["exam_id"] for b in store.bundles()})
