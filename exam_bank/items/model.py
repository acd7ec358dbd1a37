"""The item model shared by every importer, the bank, the package and the scorer.

One `Item` class covers every type; the type decides which fields matter:

- ``mc``   single-answer multiple choice. Each option has a ``weight``; the correct
           one usually weighs 1 (or 5 as in TWK/TIU), the others 0. Weighted variants
           simply give several options non-zero weights.
- ``mr``   multiple response. ``mr_scoring`` is ``all_or_nothing`` (full ``points`` when
           exactly the correct options are chosen) or ``partial`` (sum of the chosen
           options' weights, clamped to [0, max]).
- ``sjt``  situational judgement: every option carries its own weight (1-5 as in TKP,
           1-4 as in PPPK managerial items). A blank scores 0.
- ``likert`` a statement rated on ``likert.points`` points, belonging to ``likert.scale``;
           ``likert.reverse`` reverses the keying.
- ``makalah`` the prompt of a paper written on the spot: case material, instructions,
           time limit, word range and grading rubric. Graded by assessors, not here.

Text fields (``stem``, option text, case material) hold the small HTML subset of
`exam_bank.items.richtext`; plain text is valid.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from enum import StrEnum

# Re-exported: most code takes an item's id types from here, beside the item.
from exam_bank.ids import ItemId as ItemId
from exam_bank.ids import OptionId as OptionId

ID_PATTERN = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-]{0,63}$")  # item and option ids


class ItemType(StrEnum):
    MC = "mc"
    MR = "mr"
    SJT = "sjt"
    LIKERT = "likert"
    MAKALAH = "makalah"


CHOICE_TYPES = frozenset({ItemType.MC, ItemType.MR, ItemType.SJT})


class ReviewStatus(StrEnum):
    DRAFT = "draft"
    REVIEWED = "reviewed"
    APPROVED = "approved"
    RETIRED = "retired"


class MrScoring(StrEnum):
    ALL_OR_NOTHING = "all_or_nothing"
    PARTIAL = "partial"


@dataclass(frozen=True)
class Option:
    id: OptionId
    text: str
    weight: float = 0.0
    correct: bool = False  # mc/mr: the keyed answer(s); sjt uses weights only


@dataclass(frozen=True)
class LikertSpec:
    scale: str  # e.g. "kecerdasan_emosional"; scale scores sum their items
    reverse: bool = False
    points: int = 5
    labels: tuple[str, ...] = (
        "Sangat tidak setuju",
        "Tidak setuju",
        "Ragu-ragu",
        "Setuju",
        "Sangat setuju",
    )


@dataclass(frozen=True)
class RubricCriterion:
    id: str
    title: str
    description: str = ""
    max_score: float = 5.0
    weight: float = 1.0


@dataclass(frozen=True)
class MakalahSpec:
    case_material: str  # rich text: the case the paper answers
    instructions: str
    time_limit_min: int = 240
    word_min: int = 0
    word_max: int = 0  # 0: no upper bound
    rubric: tuple[RubricCriterion, ...] = ()


@dataclass(frozen=True)
class Item:
    id: ItemId
    type: ItemType
    stem: str
    competency: str  # key in the CompetencyCatalog
    level: int = 3  # target level 1-5
    topic: str = ""
    author: str = ""
    review: ReviewStatus = ReviewStatus.DRAFT
    reviewed_by: str = ""  # who last set `review` (telaah soal); "" until someone does
    reviewed_on: str = ""  # the day of that review, YYYY-MM-DD; "" until someone does
    media: tuple[str, ...] = ()  # paths relative to the bank's media/ folder
    options: tuple[Option, ...] = ()
    points: float = 1.0  # mr all_or_nothing: what a fully correct answer earns
    mr_scoring: MrScoring = MrScoring.ALL_OR_NOTHING
    likert: LikertSpec | None = None
    makalah: MakalahSpec | None = None
    tags: tuple[str, ...] = field(default=())

    def option(self, option_id: str) -> Option:
        for opt in self.options:
            if opt.id == option_id:
                return opt
        raise KeyError(option_id)
