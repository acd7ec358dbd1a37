"""One candidate of an opened bundle, from log bytes to a StoredSubmission, on all cores.

Per candidate: decode and verify the log (`check_candidate`), fold it once (the fold
replays and hash-checks every makalah revision, the only replay of the import), compare
the fold's papers with the bundle's, score, summarise and compress the log. Candidates
are independent, so `CandidateScorer` runs them in a process pool on a multi-core
machine: the package is sent to each worker once (its initializer), each task carries
only the candidate's sealed bytes and manifest entry (decoded in the worker, where the
work is), and results come back in the bundle's order, the same as a serial run. One core
or one candidate: no pool at all.
"""

from __future__ import annotations

import dataclasses
import zlib
from collections import Counter
from collections.abc import Sequence
from concurrent.futures import Executor
from typing import Any

from exam_bank.bundle.sealed import (
    BundleRefused,
    OpenedCandidate,
    SealedCandidate,
    check_candidate,
    replay_papers,
)
from exam_bank.events.fold import SessionState, fold, section_limits, section_navigation
from exam_bank.events.model import Event, EventType, text_hash
from exam_bank.exam_package import ExamPackage, score_participant
from exam_bank.problems import InputError, Problem
from exam_bank.record.facts import candidate_record
from exam_bank.results.receipt import short_code
from exam_bank.results.store import StoredSubmission
from exam_bank.workers import available_cores, process_pool


def fold_candidate(package: ExamPackage, cand: OpenedCandidate) -> SessionState:
    bp = package.blueprint
    return fold(cand.events, package.forms[cand.participant_no], package.items,
                section_limits(bp), section_navigation(bp))


def state_summary(state: SessionState, events: Sequence[Event] = ()) -> dict[str, Any]:
    """What the reports need later without folding again: counts, the answers as given
    (an mr answer as a sorted list), and the incidents with their time."""
    walls = {e.seq: e.wall for e in events}
    answers = {item: sorted(r) if isinstance(r, frozenset) else r
               for item, r in state.answers.items()}
    return {"phase": str(state.phase), "answered": len(state.answers),
            "answers": answers,
            "incident_list": [{"wall": walls.get(i.seq, ""), "kind": i.kind, "note": i.note}
                              for i in state.incidents],
            "items": sum(len(s.item_ids) for s in state.context.form.sections),
            "sections_submitted": {k: str(v) for k, v in state.submitted.items()},
            "runs": state.runs, "focus_losses": state.focus_losses,
            "pastes_refused": state.pastes_refused, "incidents": len(state.incidents),
            "problems": [str(p) for p in state.problems[:50]],
            "problem_count": len(state.problems),
            "record": candidate_record(events).to_dict(),
            "started_at": events[0].wall if events else ""}


def score_candidate(package: ExamPackage, exam_id: str, sealed: SealedCandidate,
                    where: str) -> StoredSubmission:
    """The candidate checked, folded and scored; InputError naming the bundle file
    `where`, the file inside and the field (as `open_bundle` would) when refused."""
    try:
        cand = check_candidate(sealed, exam_id)
    except BundleRefused as exc:
        raise InputError([exc.problem(where)]) from None
    return _score(cand, package, where)


def _score(cand: OpenedCandidate, package: ExamPackage, where: str) -> StoredSubmission:
    p = cand.participant_no
    name = package.roster.candidate(p).name
    state_doc: dict[str, Any] = {"phase": "absent"}
    score = None
    if cand.events:
        state = fold_candidate(package, cand)
        _check_papers(state, cand, where)
        state_doc = state_summary(state, cand.events)
        try:
            score = score_participant(package, p, state.answers).to_dict()
        except ValueError as exc:
            raise InputError([Problem(where, f"{p}: cannot score: {exc}")]) from None
        if dict(state.makalah) != cand.makalah:
            raise InputError([Problem(where, f"{p}: the papers rebuilt by the fold differ "
                                      "from the bundle's", field=f"logs/{p}.jsonl")])
    submitted = next((e.wall for e in reversed(cand.events)
                      if e.type == EventType.EXAM_SUBMITTED), None)
    return StoredSubmission(
        participant_no=p, name=name, status=cand.status, final_hash=cand.final_hash,
        receipt_code=short_code(cand.final_hash) if cand.final_hash else "",
        event_count=len(cand.events), submitted_at=submitted,
        log=zlib.compress(cand.log, 6), state=state_doc, score=score,
        makalah={item: (text, text_hash(text), cand.makalah_pdf.get(item))
                 for item, text in cand.makalah.items()})


def _check_papers(state: SessionState, cand: OpenedCandidate, where: str) -> None:
    """The refusals opening a bundle gave when it replayed every paper itself, now from
    the fold's single replay. When the fold applied every revision of a paper (the usual
    case), its text IS the replay of all of them; otherwise (a revision out of turn,
    after time, or one that does not rebuild) every revision is replayed once more, as
    opening did, so a broken one is still refused by its seq."""
    p = cand.participant_no
    revisions = Counter(str(e.data["item"]) for e in cand.events
                        if e.type == EventType.MAKALAH_REVISION)
    if all(state.makalah_rev.get(item, 0) == n for item, n in revisions.items()):
        replayed = dict(state.makalah)
    else:
        try:
            replayed = replay_papers(cand.events, f"logs/{p}.jsonl")
        except BundleRefused as exc:
            raise InputError([exc.problem(where)]) from None
    for item, text in cand.makalah.items():
        if replayed.get(item) != text:
            raise InputError([BundleRefused(f"makalah/{p}-{item}.txt", None, "differs from "
                                            "the paper rebuilt from the log").problem(where)])


# -- the pool ------------------------------------------------------------------------------

_PACKAGE: ExamPackage | None = None  # a worker's package, set once by its initializer


def _init_worker(package: ExamPackage) -> None:
    global _PACKAGE
    _PACKAGE = package


def _task(exam_id: str, sealed: SealedCandidate, where: str
          ) -> tuple[StoredSubmission | None, list[Problem]]:
    """Runs in a worker; a refusal comes back as problems (an InputError would too, but
    a plain value keeps the report exactly what the serial run gives)."""
    assert _PACKAGE is not None, "worker started without its package"
    try:
        return score_candidate(_PACKAGE, exam_id, sealed, where), []
    except InputError as exc:
        return None, exc.problems


class CandidateScorer:
    """Scores candidates of one bundle after another; a process pool (made on first need,
    shut down on exit) when there is more than one core and more than one candidate."""

    def __init__(self, package: ExamPackage, workers: int | None = None):
        self.package = package
        self.workers = max(1, available_cores() if workers is None else workers)
        self._pool: Executor | None = None

    def __enter__(self) -> CandidateScorer:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

    def score(self, exam_id: str, candidates: Sequence[SealedCandidate],
              where: str) -> list[StoredSubmission]:
        """Each candidate's submission, in order; InputError with every refused
        candidate's problem (in order) if any is refused."""
        if self.workers == 1 or len(candidates) < 2:
            results = [self._serial(exam_id, c, where) for c in candidates]
        else:
            # PDFs stay here: the worker never reads them, so they need not cross twice.
            light = [dataclasses.replace(c, makalah_pdf={}) for c in candidates]
            chunk = max(1, min(8, len(light) // (self.workers * 4)))
            results = list(self._executor().map(_task, [exam_id] * len(light), light,
                                                 [where] * len(light), chunksize=chunk))
            results = [(_with_pdfs(sub, c), problems) if sub is not None else (None, problems)
                       for (sub, problems), c in zip(results, candidates, strict=True)]
        problems = [p for _, found in results for p in found]
        if problems:
            raise InputError(problems)
        return [sub for sub, _ in results if sub is not None]

    def _serial(self, exam_id: str, sealed: SealedCandidate, where: str
                ) -> tuple[StoredSubmission | None, list[Problem]]:
        try:
            return score_candidate(self.package, exam_id, sealed, where), []
        except InputError as exc:
            return None, exc.problems

    def _executor(self) -> Executor:
        if self._pool is None:
            self._pool = process_pool(self.workers, _init_worker,
                                      (_for_workers(self.package),))
        return self._pool


def _for_workers(package: ExamPackage) -> ExamPackage:
    """What scoring reads of the package: without its media (megabytes no worker needs)
    and the authority's key object in the header (which cannot be pickled)."""
    header = dataclasses.replace(package.header, signed_by=None, raw=b"")
    return dataclasses.replace(package, header=header, media={})


def _with_pdfs(sub: StoredSubmission, sealed: SealedCandidate) -> StoredSubmission:
    if not sealed.makalah_pdf:
        return sub
    return dataclasses.replace(sub, makalah={
        item: (text, h, sealed.makalah_pdf.get(item))
        for item, (text, h, _) in sub.makalah.items()})
