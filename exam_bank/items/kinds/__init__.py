"""One place per item type: each module declares its type's validation, its own TOML
keys, its scoring, the answers the fold accepts and what the kiosk's item screen shows.
The rest of Ujikom asks `kind_of(item.type)` instead of branching on the type.

A new type: its value in `ItemType`, its module here, its line in `ITEM_KINDS`
(CONTRIBUTING.md, "Add an item type").
"""

from __future__ import annotations

from collections.abc import Mapping

from exam_bank.items.kinds.base import Input, ItemKind, ScoredBy
from exam_bank.items.kinds.choice import MultipleChoice, MultipleResponse, SituationalJudgement
from exam_bank.items.kinds.likert import Likert, reverse_point
from exam_bank.items.kinds.makalah import Makalah
from exam_bank.items.model import ItemType

ITEM_KINDS: Mapping[ItemType, ItemKind] = {kind.type: kind for kind in (
    MultipleChoice(),
    MultipleResponse(),
    SituationalJudgement(),
    Likert(),
    Makalah(),
)}


def kind_of(item_type: ItemType | str) -> ItemKind:
    """The registered kind of `item_type`; KeyError for a type nobody registered."""
    return ITEM_KINDS[ItemType(item_type)]


__all__ = ["ITEM_KINDS", "Input", "ItemKind", "ScoredBy", "kind_of", "reverse_point"]
