"""Item analysis at scale: 10,000 candidates × 100 items in seconds.

A generated exam (exam_bank.analysis.simulate: 2PL mc items, gender groups for DIF;
UJIKOM_BENCH_CANDIDATES and UJIKOM_BENCH_ITEMS change its size) is turned into the
response matrix (`build_matrix`, scoring every answer with the scorer's rules) and
analysed (`analyse`: every statistic, distractors, flags and Mantel–Haenszel DIF).

Baseline, same run: a naive pure-Python loop per item over the same scores (lists, no
numpy) computing only the p-value, the corrected item–rest r, the 27% index and option
shares — a subset of what `analyse` does. `max_r_difference` checks both give the same
item–rest correlations. Wall and CPU seconds are both given: the machine may be shared.
"""

from __future__ import annotations

import math
import os
import time
from typing import Any

from benchmarks import Report, measured

DESCRIPTION = "item analysis of 10,000 candidates × 100 items, against a pure-Python loop"


def _naive(scores: list[list[float]], choices: list[list[int]]) -> dict[int, float]:
    """Per item: p, item-rest r, D and option shares, one Python loop at a time."""
    n, m = len(scores), len(scores[0])
    totals = [sum(row) for row in scores]
    order = sorted(range(n), key=lambda i: -totals[i])
    size = round(0.27 * n)
    upper, lower = order[:size], order[n - size:]
    r_by_item = {}
    for j in range(m):
        x = [scores[i][j] for i in range(n)]
        rest = [totals[i] - x[i] for i in range(n)]
        mx, mr = sum(x) / n, sum(rest) / n
        sxy = sum((a - mx) * (b - mr) for a, b in zip(x, rest, strict=True))
        sxx = sum((a - mx) ** 2 for a in x)
        syy = sum((b - mr) ** 2 for b in rest)
        r_by_item[j] = sxy / math.sqrt(sxx * syy)
        _p = mx
        _d = sum(x[i] for i in upper) / size - sum(x[i] for i in lower) / size
        for option in range(4):
            _u = sum(choices[i][j] == option for i in upper) / size
            _low = sum(choices[i][j] == option for i in lower) / size
    return r_by_item


def run() -> Report:
    from exam_bank.analysis.classical import all_item_stats
    from exam_bank.analysis.matrix import build_matrix
    from exam_bank.analysis.run import analyse
    from exam_bank.analysis.simulate import McSpec, simulate_mc

    n = int(os.environ.get("UJIKOM_BENCH_CANDIDATES", "10000"))
    m = int(os.environ.get("UJIKOM_BENCH_ITEMS", "100"))
    specs = [McSpec(f"I{k:03d}", a=0.6 + (k % 7) / 5, b=(k - m / 2) / (m / 3))
             for k in range(m)]
    sim = simulate_mc(specs, n)

    cpu = time.process_time()
    build_s, build_mb, matrix = measured(
        lambda: build_matrix(sim.items, sim.forms, sim.responses, sim.groups))
    analyse_s, analyse_mb, analysis = measured(lambda: analyse(matrix, "BENCH"))
    cpu = time.process_time() - cpu

    scores = [[float(v) for v in row] for row in matrix.score]
    choices = [[int(v) for v in row] for row in matrix.choice]
    base_cpu = time.process_time()
    naive_s, _, naive_r = measured(lambda: _naive(scores, choices))
    base_cpu = time.process_time() - base_cpu

    fast_r = {matrix.column(s.item_id): s.r_item_rest for s in all_item_stats(matrix)}
    difference = max(abs((fast_r[j] or 0.0) - r) for j, r in naive_r.items())
    dif_computed = sum(len(r.dif) for r in analysis.items)
    metrics: dict[str, Any] = {
        "candidates": n, "items": m,
        "build_matrix_s": round(build_s, 3), "analyse_s": round(analyse_s, 3),
        "total_s": round(build_s + analyse_s, 3), "cpu_s": round(cpu, 3),
        "peak_rss_mb": max(build_mb, analyse_mb),
        "flagged": len(analysis.flagged), "dif_comparisons": dif_computed,
        "max_r_difference": difference,
    }
    baseline = {"naive_python_s": round(naive_s, 3), "cpu_s": round(base_cpu, 3),
                "does": "p, item-rest r, 27% index, option shares only (no DIF, no flags)"}
    ratio = {"naive_over_analyse": round(naive_s / max(analyse_s, 1e-9), 1),
             "naive_over_total": round(naive_s / max(build_s + analyse_s, 1e-9), 1)}
    return Report("item_analysis", metrics, baseline, ratio)
