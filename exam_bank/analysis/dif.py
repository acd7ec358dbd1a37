"""Differential item functioning by group: the Mantel–Haenszel procedure with the ETS
A/B/C classes (Holland & Thayer 1988; Zwick 2012), as pure functions.

Candidates are matched on their total over the choice items of their form (as a
proportion, cut into quantile strata since forms differ); the item is scored right (full
marks) or not. α_MH is the common odds ratio of answering right, reference over focal;
Δ_MH = −2.35·ln α_MH is on the ETS delta scale, negative when the item favours the
reference group. Its standard error is the Robins–Breslow–Greenland (1986) one.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from exam_bank.analysis.classical import Criterion
from exam_bank.analysis.matrix import Bools, Floats, Ints, ResponseMatrix, choice_columns

DELTA_SCALE = -2.35
Z_ONE_SIDED_05 = 1.6448536269514722  # "significantly greater than 1" at the 5% level


@dataclass(frozen=True)
class MantelHaenszel:
    alpha: float | None  # common odds ratio, reference : focal
    delta: float | None  # −2.35 ln alpha
    se_delta: float | None
    chi_square: float | None  # with the continuity correction
    p_value: float | None
    ets_class: str  # "A", "B", "C", or "" when it cannot be computed


def mantel_haenszel(right: Bools, focal: Bools, stratum: Ints) -> MantelHaenszel:
    """MH statistics of one item: `right` per candidate, `focal` (else reference), and
    the matching stratum per candidate."""
    sum_r = sum_s = sum_a = sum_e = sum_v = 0.0
    pr = ps_qr = qs = 0.0
    for k in np.unique(stratum):
        here = stratum == k
        a = float((right & ~focal & here).sum())
        b = float((~right & ~focal & here).sum())
        c = float((right & focal & here).sum())
        d = float((~right & focal & here).sum())
        n = a + b + c + d
        if n < 2 or a + b == 0 or c + d == 0:
            continue  # a stratum with one group only carries no comparison
        r, s = a * d / n, b * c / n
        p, q = (a + d) / n, (b + c) / n
        sum_r, sum_s = sum_r + r, sum_s + s
        pr, ps_qr, qs = pr + p * r, ps_qr + p * s + q * r, qs + q * s
        m1, m0 = a + c, b + d
        sum_a += a
        sum_e += (a + b) * m1 / n
        sum_v += (a + b) * (c + d) * m1 * m0 / (n * n * (n - 1))
    if sum_r <= 0 or sum_s <= 0 or sum_v <= 0:
        return MantelHaenszel(None, None, None, None, None, "")
    alpha = sum_r / sum_s
    delta = DELTA_SCALE * math.log(alpha)
    var_log = (pr / (2 * sum_r ** 2) + ps_qr / (2 * sum_r * sum_s) + qs / (2 * sum_s ** 2))
    se = abs(DELTA_SCALE) * math.sqrt(var_log)
    chi = max(abs(sum_a - sum_e) - 0.5, 0.0) ** 2 / sum_v
    p_value = math.erfc(math.sqrt(chi / 2))  # chi-square with 1 df
    return MantelHaenszel(alpha, delta, se, chi, p_value, ets_class(delta, se, p_value))


def ets_class(delta: float, se: float, p_value: float) -> str:
    """A: |Δ| < 1 or Δ not significantly different from 0 (MH χ², 5%);
    C: |Δ| ≥ 1.5 and significantly greater than 1 (one-sided 5%); B otherwise."""
    size = abs(delta)
    if size < 1 or p_value >= 0.05:
        return "A"
    if size >= 1.5 and se > 0 and (size - 1) / se > Z_ONE_SIDED_05:
        return "C"
    return "B"


def strata(values: Floats, count: int = 10) -> Ints:
    """Quantile strata of the matching score (fewer when values repeat)."""
    ok = ~np.isnan(values)
    distinct = np.unique(values[ok])
    if len(distinct) <= count:
        return np.searchsorted(distinct, values).astype(np.int64)
    edges = np.unique(np.quantile(values[ok], np.linspace(0, 1, count + 1)[1:-1]))
    return np.searchsorted(edges, values, side="right").astype(np.int64)


@dataclass(frozen=True)
class DifResult:
    item_id: str
    field: str  # gender, agency, region
    reference: str
    focal: str
    n_reference: int
    n_focal: int
    mh: MantelHaenszel


def group_pairs(values: tuple[str, ...], min_group: int) -> list[tuple[str, str]]:
    """(reference, focal) pairs of one group field: the largest group is the reference,
    each other group with at least `min_group` candidates a focal group."""
    counts: dict[str, int] = {}
    for v in values:
        if v:
            counts[v] = counts.get(v, 0) + 1
    if not counts:
        return []
    reference = max(sorted(counts), key=lambda v: counts[v])
    if counts[reference] < min_group:
        return []
    return [(reference, v) for v in sorted(counts) if v != reference and counts[v] >= min_group]


def dif_all(matrix: ResponseMatrix, crit: Criterion, min_group: int) -> list[DifResult]:
    out = []
    percent = crit.percent
    for field_name, values in sorted(matrix.groups.items()):
        labels = np.array(values)
        for reference, focal_value in group_pairs(values, min_group):
            pair = (labels == reference) | (labels == focal_value)
            for j in choice_columns(matrix):
                have = pair & ~np.isnan(matrix.score[:, j])
                focal = labels[have] == focal_value
                if focal.sum() < min_group or (~focal).sum() < min_group:
                    continue
                top = matrix.maxima[j]
                right = matrix.score[have, j] >= top - 1e-9
                mh = mantel_haenszel(right, focal, strata(percent[have]))
                out.append(DifResult(matrix.items[j].id, field_name, reference, focal_value,
                                     int((~focal).sum()), int(focal.sum()), mh))
    return out
