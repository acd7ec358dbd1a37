"""One item, one response, one score (the per-type rules of docs/formats.md).

A response the kiosk could never produce (an unknown option id, a likert point out of
range, the wrong kind of value for the item's type) is a ValueError, never a silent 0:
it means the responses and the form have come apart, and that must not pass unnoticed.
"""

from __future__ import annotations

import math
from collections.abc import Set
from dataclasses import dataclass

from exam_bank.items.model import Item, ItemType, MrScoring
from exam_bank.scoring.responses import Response


@dataclass(frozen=True)
class ItemScore:
    """What one item earned: 0 <= raw <= max; `answered` is False for a blank."""

    item_id: str
    raw: float
    max: float
    answered: bool

    def to_dict(self) -> dict[str, object]:
        return {"item_id": self.item_id, "raw": self.raw, "max": self.max,
                "answered": self.answered}


def item_max(item: Item) -> float:
    """The most an item can earn (a makalah earns nothing here: assessors grade it)."""
    if item.type in (ItemType.MC, ItemType.SJT):
        return max(0.0, *(o.weight for o in item.options))
    if item.type == ItemType.MR:
        if item.mr_scoring == MrScoring.ALL_OR_NOTHING:
            return float(item.points)
        return math.fsum(o.weight for o in item.options if o.weight > 0)
    if item.type == ItemType.LIKERT:
        return float(_likert_points(item))
    return 0.0


def score_item(item: Item, response: Response) -> ItemScore:
    """Score one response to one item."""
    top = item_max(item)
    if item.type == ItemType.MAKALAH or response is None:
        return ItemScore(item.id, 0.0, top, False)
    if item.type in (ItemType.MC, ItemType.SJT):
        if not isinstance(response, str):
            raise ValueError(f"{item.id}: a {item.type} response is one option id, "
                             f"not {response!r}")
        weight = _option_weight(item, response)
        # Floored at 0: a penalty weight must not push a competency's percent below 0.
        return ItemScore(item.id, min(max(weight, 0.0), top), top, True)
    if item.type == ItemType.MR:
        if isinstance(response, str) or not isinstance(response, Set):
            raise ValueError(f"{item.id}: an mr response is a set of option ids, "
                             f"not {response!r}")
        chosen = frozenset(response)
        weights = [_option_weight(item, c) for c in sorted(chosen)]
        if not chosen:
            # Every box unticked again: nothing was given, same as never touching it.
            return ItemScore(item.id, 0.0, top, False)
        if item.mr_scoring == MrScoring.ALL_OR_NOTHING:
            keyed = frozenset(o.id for o in item.options if o.correct)
            return ItemScore(item.id, top if chosen == keyed else 0.0, top, True)
        return ItemScore(item.id, min(max(math.fsum(weights), 0.0), top), top, True)
    if item.type == ItemType.LIKERT:
        points = _likert_points(item)
        if isinstance(response, bool) or not isinstance(response, int):
            raise ValueError(f"{item.id}: a likert response is a point 1..{points}, "
                             f"not {response!r}")
        if not 1 <= response <= points:
            raise ValueError(f"{item.id}: likert point {response} is outside 1..{points}")
        return ItemScore(item.id, float(reverse_point(response, points, _reverse(item))),
                         top, True)
    raise ValueError(f"{item.id}: unknown item type {item.type!r}")


def reverse_point(point: int, points: int, reverse: bool = True) -> int:
    """A likert point as keyed: unchanged, or points + 1 - point when reverse-keyed."""
    return points + 1 - point if reverse else point


def _option_weight(item: Item, option_id: str) -> float:
    try:
        return item.option(option_id).weight
    except KeyError:
        raise ValueError(f"{item.id}: no option {option_id!r}") from None


def _likert_points(item: Item) -> int:
    if item.likert is None:
        raise ValueError(f"{item.id}: a likert item without its scale")
    return item.likert.points


def _reverse(item: Item) -> bool:
    return item.likert is not None and item.likert.reverse
