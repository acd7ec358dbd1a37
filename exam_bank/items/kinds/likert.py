"""Likert items: a statement rated on a numbered scale; the points count towards the
item's scale (reverse-keyed items are turned around), not towards a competency."""

from __future__ import annotations

from collections.abc import Sequence, Set
from typing import TYPE_CHECKING, ClassVar

from exam_bank.items.kinds.base import Answer, Bad, Input, ItemKind, Part, ScoredBy
from exam_bank.items.model import Item, ItemType

if TYPE_CHECKING:
    from exam_bank.scoring.responses import Response


class Likert(ItemKind):
    type = ItemType.LIKERT
    part: ClassVar[Part] = "likert"
    input = Input.SCALE
    scored_by = ScoredBy.SCALE

    def check(self, item: Item, bad: Bad) -> None:
        if item.likert is None:
            bad("likert", "a likert item needs its scale")
        elif not item.likert.scale:
            bad("likert.scale", "the scale name is empty")
        elif not 2 <= item.likert.points <= 11:
            bad("likert.points", f"a likert scale has 2-11 points, not {item.likert.points}")
        elif item.likert.labels and len(item.likert.labels) != item.likert.points:
            bad("likert.labels", f"{len(item.likert.labels)} labels for "
                f"{item.likert.points} points")

    def max_points(self, item: Item) -> float:
        return float(_points(item))

    def points(self, item: Item, response: Response, top: float) -> tuple[float, bool]:
        points = _points(item)
        if isinstance(response, bool) or not isinstance(response, int):
            raise ValueError(f"{item.id}: a likert response is a point 1..{points}, "
                             f"not {response!r}")
        if not 1 <= response <= points:
            raise ValueError(f"{item.id}: likert point {response} is outside 1..{points}")
        reverse = item.likert is not None and item.likert.reverse
        return float(reverse_point(response, points, reverse)), True

    def to_response(self, item: Item, answer: object, option_ids: Set[str]) -> Response:
        points = item.likert.points if item.likert else 5
        if isinstance(answer, bool) or not isinstance(answer, int) or not 1 <= answer <= points:
            raise ValueError(f"{answer!r} is not a point from 1 to {points} of likert item "
                             f"{item.id!r}")
        return answer

    def choices(self, item: Item, order: Sequence[str] | None) -> tuple[tuple[str, str], ...]:
        if item.likert is None:
            return ()
        labels = item.likert.labels
        return tuple((str(p), labels[p - 1] if p <= len(labels) else str(p))
                     for p in range(1, item.likert.points + 1))

    def answer_value(self, keys: Sequence[str]) -> Answer:
        return int(keys[0])

    def scripted_answer(self, item: Item, option_ids: Sequence[str]) -> Answer:
        points = item.likert.points if item.likert else 5
        return (points + 1) // 2  # the middle point


def reverse_point(point: int, points: int, reverse: bool = True) -> int:
    """A likert point as keyed: unchanged, or points + 1 - point when reverse-keyed."""
    return points + 1 - point if reverse else point


def _points(item: Item) -> int:
    if item.likert is None:
        raise ValueError(f"{item.id}: a likert item without its scale")
    return item.likert.points
