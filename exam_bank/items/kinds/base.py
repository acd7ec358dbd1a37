"""What every item type declares: its validation, its own fields in the bank's TOML, its
scoring, which answers the fold accepts, and what the kiosk's item screen shows."""

from __future__ import annotations

from collections.abc import Callable, Sequence, Set
from enum import StrEnum
from typing import TYPE_CHECKING, Any, ClassVar, Literal

from exam_bank.items.model import Item, ItemType

if TYPE_CHECKING:
    from exam_bank.scoring.responses import Response

Bad = Callable[[str, str], None]  # report one (field, message) problem
Part = Literal["options", "likert", "makalah"]  # the part of an Item a type owns
Answer = str | int | list[str] | None  # an answer event's value; None clears


class Input(StrEnum):
    """How the kiosk's item screen takes an answer."""

    ONE = "one"  # one option (radio buttons)
    MANY = "many"  # any number of options (check boxes)
    SCALE = "scale"  # one point of a numbered scale
    TEXT = "text"  # the makalah editor


class ScoredBy(StrEnum):
    COMPETENCY = "competency"  # points towards the item's competency
    SCALE = "scale"  # a Likert scale's average
    ASSESSORS = "assessors"  # graded by people against a rubric


class ItemKind:
    """One item type. Subclasses override what differs; `exam_bank.items.kinds` registers
    one instance per `ItemType` in `ITEM_KINDS`."""

    type: ClassVar[ItemType]
    part: ClassVar[Part]
    input: ClassVar[Input]
    scored_by: ClassVar[ScoredBy] = ScoredBy.COMPETENCY
    stem_required: ClassVar[bool] = True

    # -- validation -------------------------------------------------------------------

    def check(self, item: Item, bad: Bad) -> None:
        """The rules of the part this type owns (options, the likert scale, the makalah)."""

    # -- encoding ---------------------------------------------------------------------

    def encode(self, item: Item) -> dict[str, Any]:
        """This type's own keys in the bank's TOML, beyond options, likert and makalah."""
        return {}

    # -- scoring ----------------------------------------------------------------------

    def max_points(self, item: Item) -> float:
        return 0.0

    def points(self, item: Item, response: Response, top: float) -> tuple[float, bool]:
        """(raw points, answered) for a non-blank response; ValueError for one the kiosk
        could never have produced."""
        return 0.0, False

    # -- the fold ---------------------------------------------------------------------

    def to_response(self, item: Item, answer: object, option_ids: Set[str]) -> Response:
        """The response an answer event's `answer` stands for; ValueError (why) when the
        event does not fit the item."""
        raise ValueError(f"item {item.id!r} is a {item.type}; its text comes as "
                         "makalah_revision")

    # -- the kiosk --------------------------------------------------------------------

    def choices(self, item: Item, order: Sequence[str] | None) -> tuple[tuple[str, str], ...]:
        """(key, text) of what the item screen offers, in the candidate's order."""
        return ()

    def answer_value(self, keys: Sequence[str]) -> Answer:
        """What `Session.answer` takes for the keys the screen reports (not empty)."""
        return keys[0]

    def scripted_answer(self, item: Item, option_ids: Sequence[str]) -> Answer:
        """A scripted candidate's answer: deterministic and valid (None: nothing to pick)."""
        return None
