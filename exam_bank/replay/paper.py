"""One paper's replay, read from the results store with the exam package: its timeline,
indicators and flags, and the check that the replayed text is the graded paper."""

from __future__ import annotations

import dataclasses
import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

from exam_bank.events.chain import decode_event
from exam_bank.events.fold import section_limits, section_navigation
from exam_bank.events.model import text_hash
from exam_bank.exam_package import ExamPackage
from exam_bank.ids import ParticipantNo
from exam_bank.items.richtext import to_plain_text
from exam_bank.problems import InputError, Problem
from exam_bank.replay.indicators import (
    Indicators,
    ReplayConfig,
    ReplayFlag,
    flags,
    indicators,
)
from exam_bank.replay.similarity import Pair
from exam_bank.replay.timeline import Timeline, build_timeline
from exam_bank.results.store import ResultsStore
from exam_bank.scoring.makalah_grading import blind_code


@dataclass(frozen=True)
class Paper:
    exam_id: str
    exam_title: str
    participant_no: str
    name: str
    code: str  # the blind code assessors know the paper by
    item_id: str
    session: str
    timeline: Timeline
    indicators: Indicators
    flags: tuple[ReplayFlag, ...]
    config: ReplayConfig
    graded_hash: str  # the stored paper's text hash (what the assessors graded)
    sha256: str  # SHA-256 of the replayed final text

    @property
    def matches(self) -> bool:
        """The replayed final text is the graded paper."""
        return text_hash(self.timeline.final_text) == self.graded_hash


def with_similar(paper: Paper, pairs: Sequence[Pair]) -> Paper:
    """The paper with a flag for each other paper of the exam it shares text with
    (`bank similarity`); the other paper is named by its blind code only."""
    found = []
    for p in pairs:
        if paper.code not in (p.first, p.second):
            continue
        other = p.second if p.first == paper.code else p.first
        found.append(ReplayFlag(
            "similar", f"Mirip makalah {other}: {p.containment * 100:.0f}% rangkaian kata "
            "makalah yang lebih pendek juga ada di makalah itu (lihat laporan kemiripan).",
            paper.timeline.worked_ms))
    return dataclasses.replace(paper, flags=paper.flags + tuple(found)) if found else paper


def case_sources(package: ExamPackage, item_id: str) -> list[str]:
    """What a candidate may quote: the item's case material, instructions and prompt."""
    item = package.items[item_id]
    texts = [item.stem]
    if item.makalah is not None:
        texts += [item.makalah.case_material, item.makalah.instructions]
    return [to_plain_text(t) for t in texts if t]


def makalah_items(package: ExamPackage, participant_no: ParticipantNo) -> list[str]:
    return [i.id for i in package.form_items(participant_no) if i.makalah is not None]


def load_paper(store: ResultsStore, package: ExamPackage, participant_no: str, item_id: str,
               config: ReplayConfig) -> Paper:
    exam_id = package.blueprint.exam.id
    where = f"{exam_id}/{participant_no}"
    candidate = package.roster.find(participant_no)
    if candidate is None:
        raise InputError([Problem("--participant", f"{participant_no} is not on the roster "
                                  f"of {exam_id}")])
    p = ParticipantNo(candidate.participant_no)
    log = store.submission_log(exam_id, p)
    stored = store.paper_hash(exam_id, p, item_id)
    if log is None or stored is None:
        raise InputError([Problem("--participant", f"no makalah of {p} for {item_id} is "
                                  "stored (absent, or results not imported)")])
    events = [decode_event(line, where) for line in log.splitlines() if line.strip()]
    bp = package.blueprint
    timeline = build_timeline(events, package.forms[p], package.items, section_limits(bp),
                              section_navigation(bp), item_id,
                              case_sources(package, item_id), config.paste_chars,
                              config.max_cps)
    ind = indicators(timeline, config)
    return Paper(
        exam_id=exam_id, exam_title=bp.exam.title, participant_no=p, name=candidate.name,
        code=blind_code(store.grading_secret(), exam_id, p, item_id), item_id=item_id,
        session=candidate.session, timeline=timeline, indicators=ind,
        flags=tuple(flags(timeline, ind, config)), config=config, graded_hash=stored[1],
        sha256=hashlib.sha256(timeline.final_text.encode("utf-8")).hexdigest())
