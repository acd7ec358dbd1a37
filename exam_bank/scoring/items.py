"""One item, one response, one score (the per-type rules of docs/formats.md).

A response the kiosk could never produce (an unknown option id, a likert point out of
range, the wrong kind of value for the item's type) is a ValueError, never a silent 0:
it means the responses and the form have come apart, and that must not pass unnoticed.
"""

from __future__ import annotations

from dataclasses import dataclass

from exam_bank.items.kinds import kind_of
from exam_bank.items.kinds import reverse_point as reverse_point
from exam_bank.items.model import Item
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
    return kind_of(item.type).max_points(item)


def score_item(item: Item, response: Response) -> ItemScore:
    """Score one response to one item (its type's rules: `exam_bank.items.kinds`)."""
    top = item_max(item)
    if response is None:
        return ItemScore(item.id, 0.0, top, False)
    raw, answered = kind_of(item.type).points(item, response, top)
    return ItemScore(item.id, raw, top, answered)
