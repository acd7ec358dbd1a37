"""Blind makalah grading: codes instead of names, two graders, a third when they disagree.

Rules (pure functions, no I/O):

- `blind_code`: an assessor sees ``MK-XXXX-XXXX``, an HMAC of exam, participant and item
  under the results store's secret: stable for that paper, the same for every assessor,
  and not recomputable from the (enumerable) participant numbers without the secret.
- `paper_percent`: an assessor gives every rubric criterion a mark from 0 to its
  `max_score`; the paper's grade is the weighted mean of mark/max, as a percent
  (weights from the item's `MakalahSpec.rubric`; an item without a rubric is marked on
  one criterion ``nilai`` out of 100).
- `final_grade`: two grades within `margin` percentage points (default 15, about one
  level on a 1-5 rubric) → their mean. Further apart → a third grading is required. With
  three or more → the mean of the two closest grades; if two pairs are equally close,
  the higher pair, so a tie never goes against the candidate.

The makalah is a separate component of a candidate's result (the blueprint's scoring
rules say nothing about it): reports show it next to JPM, not folded into it.
"""

from __future__ import annotations

import base64
import hashlib
import hmac
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations

from exam_bank.ids import ParticipantNo
from exam_bank.items.model import RubricCriterion

DEFAULT_MARGIN = 15.0
GRADES_NEEDED = 2
OVERALL = RubricCriterion("nilai", "Nilai keseluruhan", max_score=100.0, weight=1.0)


def blind_code(secret: bytes, exam_id: str, participant_no: ParticipantNo, item_id: str) -> str:
    mac = hmac.new(secret, f"{exam_id}\0{participant_no}\0{item_id}".encode(),
                   hashlib.sha256).digest()
    text = base64.b32encode(mac).decode("ascii")[:8]
    return f"MK-{text[:4]}-{text[4:]}"


def rubric_or_default(rubric: Sequence[RubricCriterion]) -> tuple[RubricCriterion, ...]:
    return tuple(rubric) or (OVERALL,)


def mark_problem(criterion: RubricCriterion, mark: float) -> str | None:
    """Why `mark` cannot stand for this criterion, or None."""
    if not math.isfinite(mark) or not 0 <= mark <= criterion.max_score:
        return f"must be a number from 0 to {criterion.max_score:g}"
    return None


def paper_percent(rubric: Sequence[RubricCriterion], marks: Mapping[str, float]) -> float:
    """The weighted percent; ValueError naming the first criterion missing or out of range."""
    criteria = rubric_or_default(rubric)
    total_weight = sum(c.weight for c in criteria)
    if total_weight <= 0:
        raise ValueError("the rubric's weights add up to nothing")
    acc = 0.0
    for c in criteria:
        if c.id not in marks:
            raise ValueError(f"{c.id}: no mark given")
        problem = mark_problem(c, marks[c.id])
        if problem:
            raise ValueError(f"{c.id}: {problem}")
        acc += c.weight * marks[c.id] / c.max_score
    return round(acc * 100 / total_weight, 2)


def needs_third(grades: Sequence[float], margin: float = DEFAULT_MARGIN) -> bool:
    return len(grades) == GRADES_NEEDED and abs(grades[0] - grades[1]) > margin


def final_grade(grades: Sequence[float], margin: float = DEFAULT_MARGIN) -> float | None:
    """The paper's grade, or None while more gradings are needed."""
    if len(grades) < GRADES_NEEDED or needs_third(grades, margin):
        return None
    pairs = sorted(combinations(grades, 2), key=lambda p: (abs(p[0] - p[1]), -(p[0] + p[1])))
    a, b = pairs[0]
    return round((a + b) / 2, 2)


@dataclass(frozen=True)
class PaperStatus:
    grades: int
    state: str  # "needs 2 gradings" | "needs a third grading" | "final"
    final: float | None


def paper_status(grades: Sequence[float], margin: float = DEFAULT_MARGIN) -> PaperStatus:
    final = final_grade(grades, margin)
    if final is not None:
        return PaperStatus(len(grades), "final", final)
    if needs_third(grades, margin):
        return PaperStatus(len(grades), "needs a third grading", None)
    return PaperStatus(len(grades), f"needs {GRADES_NEEDED - len(grades)} more grading"
                       + ("s" if GRADES_NEEDED - len(grades) > 1 else ""), None)


def assessors_for(index: int, assessors: Sequence[str], done: Sequence[str],
                  margin_exceeded: bool) -> list[str]:
    """Who gets paper number `index` in this export: enough assessors who have not graded
    it yet to reach two gradings (or one more for a third), spread round-robin."""
    want = 1 if margin_exceeded else max(0, GRADES_NEEDED - len(done))
    if not assessors or want == 0:
        return []
    n = len(assessors)
    order = [assessors[(index + k) % n] for k in range(n)]
    return [a for a in order if a not in done][:want]
