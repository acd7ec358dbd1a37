"""Likert scales: reliability (Cronbach's alpha), item–rest correlations and a sanity
check of reverse keying, as pure functions over the response matrix.

Forms draw a scale's items per candidate, so two items of a scale are not always seen by
the same candidates. Alpha is therefore computed from the mean item variance v̄ and the
mean inter-item covariance c̄ (each over the candidates who answered the item or the
pair): α = k·c̄ / (v̄ + (k − 1)·c̄), with k the number of the scale's items on a typical
form. With complete data this is exactly Cronbach's (1951) alpha (see docs/analysis.md).
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from exam_bank.analysis.classical import pearson
from exam_bank.analysis.matrix import Floats, ResponseMatrix
from exam_bank.items.model import ItemType


def cronbach_alpha(scores: Floats) -> float | None:
    """Cronbach's alpha of a complete candidates × items matrix (no NaN)."""
    n, k = scores.shape
    if n < 2 or k < 2:
        return None
    total = scores.sum(axis=1).var(ddof=1)
    if total <= 0:
        return None
    return float(k / (k - 1) * (1 - scores.var(axis=0, ddof=1).sum() / total))


def alpha_pairwise(scores: Floats, k: float | None = None) -> float | None:
    """Alpha from mean variance and mean covariance, each over the candidates who answered
    (NaN elsewhere); `k` items per candidate (default: all columns)."""
    cols = scores.shape[1]
    k = float(cols) if k is None else k
    variances, covariances = [], []
    for a in range(cols):
        x = scores[:, a]
        ok = ~np.isnan(x)
        if ok.sum() >= 2:
            variances.append(float(x[ok].var(ddof=1)))
        for b in range(a + 1, cols):
            both = ok & ~np.isnan(scores[:, b])
            if both.sum() >= 2:
                covariances.append(float(np.cov(x[both], scores[both, b])[0, 1]))
    if not variances or not covariances or k < 2:
        return None
    v, c = statistics.fmean(variances), statistics.fmean(covariances)
    denominator = v + (k - 1) * c
    return None if denominator <= 0 else k * c / denominator


@dataclass(frozen=True)
class LikertItem:
    item_id: str
    scale: str
    reverse: bool
    n: int
    mean_point: float  # as keyed
    r_item_rest: float | None  # keyed point with the mean of the scale's other items
    r_raw_rest: float | None  # the point as shown (before reversal) with the same rest


@dataclass(frozen=True)
class ScaleStats:
    scale: str
    items: tuple[LikertItem, ...]
    k: float  # the scale's items on a typical form
    candidates: int
    alpha: float | None


def scale_stats(matrix: ResponseMatrix) -> list[ScaleStats]:
    by_scale: dict[str, list[int]] = {}
    for j, item in enumerate(matrix.items):
        if item.type == ItemType.LIKERT and item.likert is not None:
            by_scale.setdefault(item.likert.scale, []).append(j)
    return [_scale(matrix, scale, cols) for scale, cols in sorted(by_scale.items())]


def _scale(matrix: ResponseMatrix, scale: str, cols: Sequence[int]) -> ScaleStats:
    # Keyed points of answered cells (a blank is no point on the scale: left out).
    keyed = np.where(matrix.choice[:, cols] >= 1, matrix.score[:, cols], np.nan)
    raw = np.where(matrix.choice[:, cols] >= 1, matrix.choice[:, cols], np.nan).astype(float)
    answered = (~np.isnan(keyed)).sum(axis=1)
    seen = answered[answered > 0]
    k = float(np.median(seen)) if len(seen) else 0.0
    sums = np.nansum(keyed, axis=1)
    items = []
    for a, j in enumerate(cols):
        item = matrix.items[j]
        mine = keyed[:, a]
        with np.errstate(invalid="ignore", divide="ignore"):
            rest = np.where(answered >= 2, (sums - np.nan_to_num(mine)) /
                            (answered - (~np.isnan(mine)).astype(int)), np.nan)
        have = ~np.isnan(mine)
        items.append(LikertItem(
            item_id=item.id, scale=scale, reverse=bool(item.likert and item.likert.reverse),
            n=int(have.sum()), mean_point=float(mine[have].mean()) if have.any() else math.nan,
            r_item_rest=pearson(mine, rest), r_raw_rest=pearson(raw[:, a], rest)))
    return ScaleStats(scale, tuple(items), k, int((answered > 0).sum()),
                      alpha_pairwise(keyed, k))


def spearman_brown(r: float, k: float) -> float:
    """Reliability of k parallel items whose inter-item correlation is r."""
    return k * r / (1 + (k - 1) * r)
