"""Makalah rater agreement: intraclass correlations (Shrout & Fleiss 1979), the rate of
papers that needed a third grading, and each assessor's leniency.

In Ujikom each paper is graded by two assessors drawn from a team, so the raters differ
from paper to paper: the overall figure is ICC(1,1) (one-way random, single rater) over
each paper's first two grades. Where the same two assessors graded enough papers
together, ICC(2,1) (two-way random, absolute agreement, single rater) is given for that
pair, the model that fits a fixed pair of raters.
"""

from __future__ import annotations

import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from itertools import combinations

import numpy as np

from exam_bank.analysis.matrix import Floats
from exam_bank.scoring.makalah_grading import needs_third

MIN_PAIR_PAPERS = 5


@dataclass(frozen=True)
class MeanSquares:
    rows: float  # between targets (papers)
    columns: float  # between raters
    error: float  # residual
    within: float  # within targets (columns + error)
    n: int
    k: int


def mean_squares(ratings: Floats) -> MeanSquares:
    """The two-way ANOVA of a complete papers × raters matrix."""
    n, k = ratings.shape
    grand = ratings.mean()
    ss_rows = k * float(((ratings.mean(axis=1) - grand) ** 2).sum())
    ss_cols = n * float(((ratings.mean(axis=0) - grand) ** 2).sum())
    ss_total = float(((ratings - grand) ** 2).sum())
    ss_error = ss_total - ss_rows - ss_cols
    return MeanSquares(ss_rows / (n - 1), ss_cols / (k - 1) if k > 1 else 0.0,
                       ss_error / ((n - 1) * (k - 1)), (ss_cols + ss_error) / (n * (k - 1)),
                       n, k)


def icc_1_1(ratings: Floats) -> float | None:
    """ICC(1,1) = (MSR − MSW) / (MSR + (k − 1)·MSW)."""
    if ratings.shape[0] < 2 or ratings.shape[1] < 2:
        return None
    ms = mean_squares(ratings)
    denominator = ms.rows + (ms.k - 1) * ms.within
    return None if denominator <= 0 else (ms.rows - ms.within) / denominator


def icc_2_1(ratings: Floats) -> float | None:
    """ICC(2,1) = (MSR − MSE) / (MSR + (k − 1)·MSE + k·(MSC − MSE)/n)."""
    if ratings.shape[0] < 2 or ratings.shape[1] < 2:
        return None
    ms = mean_squares(ratings)
    denominator = ms.rows + (ms.k - 1) * ms.error + ms.k * (ms.columns - ms.error) / ms.n
    return None if denominator <= 0 else (ms.rows - ms.error) / denominator


@dataclass(frozen=True)
class PairAgreement:
    first: str
    second: str
    papers: int
    icc_2_1: float | None


@dataclass(frozen=True)
class RaterStats:
    papers: int  # papers with at least two grades
    icc_1_1: float | None
    mean_abs_difference: float | None  # between the first two grades
    third_rate: float | None  # share of those papers that needed a third grading
    pairs: tuple[PairAgreement, ...]
    leniency: Mapping[str, float]  # assessor -> mean (own grade − the paper's other grades)


def rater_stats(grades: Sequence[Mapping[str, float]], margin: float) -> RaterStats:
    """`grades`: per paper, assessor → percent in grading order; `margin`: grades further
    apart than this need a third grading (exam_bank.scoring.makalah_grading)."""
    doubled = [list(g.items()) for g in grades if len(g) >= 2]
    firsts = np.array([[a[1], b[1]] for (a, b, *_) in doubled], dtype=float)
    thirds = sum(len(g) >= 3 or needs_third([g[0][1], g[1][1]], margin) for g in doubled)
    pairs: dict[tuple[str, str], list[tuple[float, float]]] = {}
    for g in doubled:
        marks = dict(g)
        for a, b in combinations(sorted(marks), 2):
            pairs.setdefault((a, b), []).append((marks[a], marks[b]))
    leniency: dict[str, list[float]] = {}
    for g in doubled:
        for assessor, mark in g:
            others = [m for a, m in g if a != assessor]
            leniency.setdefault(assessor, []).append(mark - statistics.fmean(others))
    return RaterStats(
        papers=len(doubled),
        icc_1_1=icc_1_1(firsts) if len(doubled) >= 2 else None,
        mean_abs_difference=(float(np.abs(firsts[:, 0] - firsts[:, 1]).mean())
                             if doubled else None),
        third_rate=thirds / len(doubled) if doubled else None,
        pairs=tuple(PairAgreement(a, b, len(v), icc_2_1(np.array(v, dtype=float)))
                    for (a, b), v in sorted(pairs.items()) if len(v) >= MIN_PAIR_PAPERS),
        leniency={a: statistics.fmean(v) for a, v in sorted(leniency.items())})
