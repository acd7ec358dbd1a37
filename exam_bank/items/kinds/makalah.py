"""The makalah: a paper written on the spot against case material, graded by assessors
on a rubric (its text comes as makalah revisions, not as answers)."""

from __future__ import annotations

from typing import ClassVar

from exam_bank.items.kinds.base import Bad, Input, ItemKind, Part, ScoredBy
from exam_bank.items.model import Item, ItemType


class Makalah(ItemKind):
    type = ItemType.MAKALAH
    part: ClassVar[Part] = "makalah"
    input = Input.TEXT
    scored_by = ScoredBy.ASSESSORS
    stem_required = False  # the case material and instructions say it all

    def check(self, item: Item, bad: Bad) -> None:
        m = item.makalah
        if m is None:
            bad("makalah", "a makalah item needs its case material and instructions")
            return
        if not m.instructions.strip():
            bad("makalah.instructions", "the instructions are empty")
        if not 1 <= m.time_limit_min <= 480:
            bad("makalah.time_limit_min", "time limit must be 1-480 minutes")
        if m.word_min < 0 or (m.word_max and m.word_max < m.word_min):
            bad("makalah.word_max", f"word range {m.word_min}-{m.word_max} is empty")
        ids = [c.id for c in m.rubric]
        if len(ids) != len(set(ids)):
            bad("makalah.rubric", "rubric criteria ids repeat")
        for c in m.rubric:
            if c.max_score <= 0 or c.weight <= 0:
                bad("makalah.rubric", f"criterion {c.id!r}: max score and weight must be > 0")
