"""Choice items: multiple choice (one keyed answer), multiple response (several) and
situational judgement (weighted options, no key). They share their options' rules."""

from __future__ import annotations

import math
from collections.abc import Sequence, Set
from typing import TYPE_CHECKING, Any, ClassVar

from exam_bank.items.kinds.base import Answer, Bad, Input, ItemKind, Part
from exam_bank.items.model import ID_PATTERN, Item, ItemType, MrScoring

if TYPE_CHECKING:
    from exam_bank.scoring.responses import Response


class ChoiceKind(ItemKind):
    part: ClassVar[Part] = "options"
    input = Input.ONE

    def check(self, item: Item, bad: Bad) -> None:
        opts = item.options
        if len(opts) < 2:
            bad("options", "a choice item needs at least two options")
            return
        ids = [o.id for o in opts]
        if len(ids) != len(set(ids)):
            repeated = sorted({i for i in ids if ids.count(i) > 1})
            bad("options", f"option ids repeat: {', '.join(repeated)}")
        for o in opts:
            if not ID_PATTERN.match(o.id):
                bad("options", f"option id {o.id!r} is not a valid id")
            if not o.text.strip():
                bad("options", f"option {o.id!r} has no text")
        self.check_key(item, bad)

    def check_key(self, item: Item, bad: Bad) -> None:
        """What the options' keys and weights must say for this type."""

    def max_points(self, item: Item) -> float:
        return max(0.0, *(o.weight for o in item.options))

    def points(self, item: Item, response: Response, top: float) -> tuple[float, bool]:
        if not isinstance(response, str):
            raise ValueError(f"{item.id}: a {item.type} response is one option id, "
                             f"not {response!r}")
        # Floored at 0: a penalty weight must not push a competency's percent below 0.
        return min(max(option_weight(item, response), 0.0), top), True

    def to_response(self, item: Item, answer: object, option_ids: Set[str]) -> Response:
        if not isinstance(answer, str) or answer not in option_ids:
            raise ValueError(f"{answer!r} is not an option of {item.type} item {item.id!r}")
        return answer

    def choices(self, item: Item, order: Sequence[str] | None) -> tuple[tuple[str, str], ...]:
        by_id = {o.id: o for o in item.options}
        ids = order if order else [o.id for o in item.options]
        return tuple((i, by_id[i].text) for i in ids if i in by_id)  # type: ignore[index]

    def scripted_answer(self, item: Item, option_ids: Sequence[str]) -> Answer:
        return option_ids[0]


def option_weight(item: Item, option_id: str) -> float:
    try:
        return item.option(option_id).weight
    except KeyError:
        raise ValueError(f"{item.id}: no option {option_id!r}") from None


class MultipleChoice(ChoiceKind):
    type = ItemType.MC

    def check_key(self, item: Item, bad: Bad) -> None:
        if max(o.weight for o in item.options) <= 0:
            bad("options", "no option earns points: mark the key or give weights")
        if len([o for o in item.options if o.correct]) > 1:
            bad("options", "single-answer item has more than one keyed option")


class SituationalJudgement(ChoiceKind):
    type = ItemType.SJT

    def check_key(self, item: Item, bad: Bad) -> None:
        if any(o.weight < 0 for o in item.options):
            bad("options", "situational-judgement weights cannot be negative")
        if len({o.weight for o in item.options}) < 2:
            bad("options", "situational-judgement options need different weights")


class MultipleResponse(ChoiceKind):
    type = ItemType.MR
    input = Input.MANY

    def check_key(self, item: Item, bad: Bad) -> None:
        if not any(o.correct for o in item.options):
            bad("options", "multiple-response item has no keyed option")
        if item.mr_scoring == MrScoring.ALL_OR_NOTHING and item.points <= 0:
            bad("points", "points must be > 0")
        if item.mr_scoring == MrScoring.PARTIAL and max(o.weight for o in item.options) <= 0:
            bad("options", "partial scoring needs positive option weights")

    def encode(self, item: Item) -> dict[str, Any]:
        d: dict[str, Any] = {"mr_scoring": str(item.mr_scoring)}
        if item.mr_scoring == MrScoring.ALL_OR_NOTHING:
            d["points"] = int(item.points) if float(item.points).is_integer() else item.points
        return d

    def max_points(self, item: Item) -> float:
        if item.mr_scoring == MrScoring.ALL_OR_NOTHING:
            return float(item.points)
        return math.fsum(o.weight for o in item.options if o.weight > 0)

    def points(self, item: Item, response: Response, top: float) -> tuple[float, bool]:
        if isinstance(response, str) or not isinstance(response, Set):
            raise ValueError(f"{item.id}: an mr response is a set of option ids, "
                             f"not {response!r}")
        chosen = frozenset(response)
        weights = [option_weight(item, c) for c in sorted(chosen)]
        if not chosen:
            # Every box unticked again: nothing was given, same as never touching it.
            return 0.0, False
        if item.mr_scoring == MrScoring.ALL_OR_NOTHING:
            keyed = frozenset(o.id for o in item.options if o.correct)
            return (top if chosen == keyed else 0.0), True
        return min(max(math.fsum(weights), 0.0), top), True

    def to_response(self, item: Item, answer: object, option_ids: Set[str]) -> Response:
        if not isinstance(answer, list) or not answer or not set(answer) <= option_ids:
            raise ValueError(f"{answer!r} is not a list of options of mr item {item.id!r}")
        return frozenset(answer)

    def answer_value(self, keys: Sequence[str]) -> Answer:
        return sorted(keys)

    def scripted_answer(self, item: Item, option_ids: Sequence[str]) -> Answer:
        return [option_ids[0]]
