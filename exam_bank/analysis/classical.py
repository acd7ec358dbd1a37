"""Classical item statistics for choice items (mc, mr, sjt), as pure functions.

Every item is scored as a proportion of its maximum, x = raw / max (0..1), so an mc item's
mean x is its p-value and an sjt item's is its mean weight over the top weight. The
criterion is the candidate's total on the choice items of their own form, as a proportion
of that form's maximum (forms differ, so raw totals would not compare); the *rest* score
leaves the studied item out of both. See docs/analysis.md for sources.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from exam_bank.analysis.matrix import Bools, Floats, Ints, ResponseMatrix, choice_columns
from exam_bank.items.model import Item, ItemType

UPPER_LOWER_SHARE = 0.27  # Kelley (1939): the share giving the most sensitive index


def pearson(x: Floats, y: Floats) -> float | None:
    """Pearson's r; None with fewer than 3 pairs or when either side does not vary."""
    ok = ~(np.isnan(x) | np.isnan(y))
    x, y = x[ok], y[ok]
    if len(x) < 3:
        return None
    dx, dy = x - x.mean(), y - y.mean()
    sxx, syy = float(dx @ dx), float(dy @ dy)
    if sxx <= 1e-12 or syy <= 1e-12:
        return None
    return float(dx @ dy) / math.sqrt(sxx * syy)


@dataclass(frozen=True)
class Criterion:
    """Each candidate's total over the choice items on their form."""

    raw: Floats  # (n,)
    top: Floats  # (n,): the form's maximum

    @property
    def percent(self) -> Floats:
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.where(self.top > 0, self.raw / self.top, np.nan)

    def rest(self, score: Floats, top: float) -> Floats:
        """The proportion of the rest of the form, the studied item's score left out."""
        with np.errstate(invalid="ignore", divide="ignore"):
            denominator = self.top - top
            return np.where(denominator > 0, (self.raw - score) / denominator, np.nan)


def criterion(matrix: ResponseMatrix) -> Criterion:
    cols = choice_columns(matrix)
    score = matrix.score[:, cols]
    top = np.where(np.isnan(score), 0.0, matrix.maxima[cols])
    return Criterion(np.nansum(score, axis=1), top.sum(axis=1))


def extreme_groups(values: Floats, share: float = UPPER_LOWER_SHARE) -> tuple[Bools, Bools]:
    """Masks of the upper and lower `share` of candidates by `values` (NaN in neither);
    ties at the cut are broken by position, so both groups have exactly round(share·n)."""
    valid = np.flatnonzero(~np.isnan(values))
    size = max(1, round(share * len(valid))) if len(valid) >= 2 else 0
    order = valid[np.argsort(-values[valid], kind="stable")]
    upper = np.zeros(len(values), dtype=bool)
    lower = np.zeros(len(values), dtype=bool)
    upper[order[:size]] = True
    lower[order[len(order) - size:]] = True
    return upper, lower


@dataclass(frozen=True)
class OptionShare:
    option: str
    weight: float
    keyed: bool  # carries the item's top weight
    upper: float  # share of the upper group choosing it
    lower: float
    overall: float


@dataclass(frozen=True)
class ItemStats:
    item_id: str
    type: str
    n: int  # candidates who had the item on their form
    answered: int
    difficulty: float  # mean proportion of the maximum: the p-value for 0/1 items
    mean_raw: float  # mean weight (sjt) or points
    r_item_total: float | None  # point-biserial with the total (item included)
    r_item_rest: float | None  # corrected: with the rest of the form
    upper_lower: float | None  # mean x in the upper 27% minus in the lower 27%
    options: tuple[OptionShare, ...] = ()
    blank_upper: float = 0.0
    blank_lower: float = 0.0
    key_agreement: float | None = None  # sjt: r(option weight, upper − lower share)


def item_stats(matrix: ResponseMatrix, crit: Criterion, j: int) -> ItemStats:
    item = matrix.items[j]
    have = ~np.isnan(matrix.score[:, j])
    top = float(matrix.maxima[j])
    raw = matrix.score[have, j]
    x = raw / top if top > 0 else np.zeros_like(raw)
    total = crit.percent[have]
    rest = crit.rest(matrix.score[:, j], top)[have]
    upper, lower = extreme_groups(total)
    choice = matrix.choice[have, j]
    options, blank_u, blank_l, key = _options(item, choice, upper, lower)
    return ItemStats(
        item_id=item.id, type=str(item.type), n=int(have.sum()),
        answered=int((choice >= 0).sum()),
        difficulty=float(x.mean()) if len(x) else math.nan,
        mean_raw=float(raw.mean()) if len(raw) else math.nan,
        r_item_total=pearson(x, total), r_item_rest=pearson(x, rest),
        upper_lower=(float(x[upper].mean() - x[lower].mean()) if upper.any() else None),
        options=options, blank_upper=blank_u, blank_lower=blank_l, key_agreement=key)


def _options(item: Item, choice: Ints, upper: Bools, lower: Bools
             ) -> tuple[tuple[OptionShare, ...], float, float, float | None]:
    if item.type not in (ItemType.MC, ItemType.SJT) or not upper.any():
        return (), 0.0, 0.0, None
    top = max(o.weight for o in item.options)
    shares = tuple(
        OptionShare(o.id, o.weight, o.weight == top,
                    float((choice[upper] == k).mean()), float((choice[lower] == k).mean()),
                    float((choice == k).mean()) if len(choice) else 0.0)
        for k, o in enumerate(item.options))
    key = None
    if item.type == ItemType.SJT:
        key = pearson(np.array([s.weight for s in shares]),
                      np.array([s.upper - s.lower for s in shares]))
    return (shares, float((choice[upper] < 0).mean()), float((choice[lower] < 0).mean()),
            key)


def all_item_stats(matrix: ResponseMatrix) -> list[ItemStats]:
    crit = criterion(matrix)
    return [item_stats(matrix, crit, j) for j in choice_columns(matrix)]
