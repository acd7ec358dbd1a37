"""The response matrix item analysis works on: candidates × items, plain numpy arrays.

Forms differ between candidates (items are drawn per candidate), so a cell can mean
three things: the item was not on the candidate's form (`score` is NaN, `choice` is
NOT_ON_FORM), it was on the form and left blank (score 0, `choice` BLANK), or it was
answered (the score as the scorer gives it; `choice` the option's index in `item.options`
for mc/sjt, the point as shown before reverse keying for likert, ANSWERED for mr).
Scores come from `exam_bank.scoring.score_item`, so analysis and ranking cannot disagree
on what an answer earned.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from exam_bank.items.model import CHOICE_TYPES, Item, ItemType, OptionId
from exam_bank.scoring import Response, item_max, score_item

Floats = npt.NDArray[np.float64]
Ints = npt.NDArray[np.int64]
Bools = npt.NDArray[np.bool_]

NOT_ON_FORM = -2
BLANK = -1
ANSWERED = 0  # an mr item's choice cell when answered (its options are a set)

GROUP_FIELDS = ("gender", "agency", "region")


@dataclass(frozen=True)
class ResponseMatrix:
    participants: tuple[str, ...]
    items: tuple[Item, ...]
    score: Floats  # (n, m): raw item score, NaN when not on the form
    maxima: Floats  # (m,)
    choice: Ints  # (n, m): see the module docstring
    groups: Mapping[str, tuple[str, ...]] = field(default_factory=dict)  # field -> per cand

    @property
    def on_form(self) -> Bools:
        return np.asarray(self.choice != NOT_ON_FORM)

    def column(self, item_id: str) -> int:
        for j, item in enumerate(self.items):
            if item.id == item_id:
                return j
        raise KeyError(item_id)

    def kind(self, types: frozenset[ItemType]) -> list[int]:
        return [j for j, item in enumerate(self.items) if item.type in types]

    def without(self, item_ids: Sequence[str]) -> ResponseMatrix:
        """The matrix with these items' columns dropped (excluded from scoring)."""
        keep = [j for j, item in enumerate(self.items) if item.id not in set(item_ids)]
        return ResponseMatrix(self.participants, tuple(self.items[j] for j in keep),
                              self.score[:, keep], self.maxima[keep], self.choice[:, keep],
                              self.groups)


def build_matrix(items: Mapping[str, Item], forms: Mapping[str, Sequence[str]],
                 responses: Mapping[str, Mapping[str, Response]],
                 groups: Mapping[str, Mapping[str, str]] | None = None) -> ResponseMatrix:
    """The matrix of every candidate in `responses` (in participant order) over every
    scored item on their forms (makalah left out: assessors grade it).

    `forms`: participant → the item ids on their form; `groups`: participant → group
    field → value (blank when unknown). ValueError when an answer cannot be scored.
    """
    people = tuple(sorted(responses))
    ids = sorted({i for p in people for i in forms[p]
                  if items[i].type != ItemType.MAKALAH})
    cols = {item_id: j for j, item_id in enumerate(ids)}
    score = np.full((len(people), len(ids)), np.nan)
    choice = np.full((len(people), len(ids)), NOT_ON_FORM, dtype=np.int64)
    # An item has few distinct answers: each is scored once (10,000 candidates × 100
    # items is a million cells; scoring each anew would take seconds).
    seen: dict[tuple[str, Response], tuple[float, int]] = {}
    at_row: list[int] = []
    at_col: list[int] = []
    cells: list[tuple[float, int]] = []
    for r, p in enumerate(people):
        answers = responses[p]
        for item_id in forms[p]:
            j = cols.get(item_id)
            if j is None:
                continue
            given = answers.get(item_id)
            cell = seen.get((item_id, given))
            if cell is None:
                item = items[item_id]
                cell = seen[(item_id, given)] = (score_item(item, given).raw,
                                                 _choice_cell(item, given))
            at_row.append(r)
            at_col.append(j)
            cells.append(cell)
    if cells:  # set in one go: numpy's per-cell assignment is the slow part
        values = np.array(cells, dtype=np.float64)
        score[at_row, at_col] = values[:, 0]
        choice[at_row, at_col] = values[:, 1].astype(np.int64)
    groups = groups or {}
    by_field = {f: tuple(groups.get(p, {}).get(f, "") for p in people) for f in GROUP_FIELDS}
    return ResponseMatrix(people, tuple(items[i] for i in ids), score,
                          np.array([item_max(items[i]) for i in ids], dtype=np.float64),
                          choice, {f: v for f, v in by_field.items() if any(v)})


def _choice_cell(item: Item, given: Response) -> int:
    if given is None or (isinstance(given, frozenset) and not given):
        return BLANK
    if item.type in (ItemType.MC, ItemType.SJT):
        return [o.id for o in item.options].index(OptionId(str(given)))
    if item.type == ItemType.LIKERT and isinstance(given, int):
        return given
    return ANSWERED


def choice_columns(matrix: ResponseMatrix) -> list[int]:
    return matrix.kind(CHOICE_TYPES)


def gender_from_nip(nip: str) -> str:
    """L or P from an 18-digit NIP, whose 15th digit is 1 (male) or 2 (female); blank
    when the NIP is not in that form. Used when the roster has no gender column."""
    digits = "".join(ch for ch in nip if ch.isdigit())
    if len(digits) != 18:
        return ""
    return {"1": "L", "2": "P"}.get(digits[14], "")
