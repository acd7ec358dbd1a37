"""Likert reliability and reverse keying against hand values and generated scales."""

from __future__ import annotations

import numpy as np
import pytest

from exam_bank.analysis.likert import alpha_pairwise, cronbach_alpha, spearman_brown
from exam_bank.analysis.matrix import build_matrix
from exam_bank.analysis.run import analyse
from exam_bank.analysis.simulate import simulate_likert


def test_cronbach_alpha_by_hand() -> None:
    x = np.array([[1, 2, 3], [2, 2, 3], [3, 4, 4], [4, 5, 5]], dtype=float)
    # item variances 5/3, 9/4, 11/12 (sum 29/6); totals 6 7 11 14, variance 41/3.
    assert cronbach_alpha(x) == pytest.approx(1.5 * (1 - (29 / 6) / (41 / 3)))
    assert alpha_pairwise(x) == pytest.approx(cronbach_alpha(x))


def test_alpha_of_parallel_items_is_near_spearman_brown() -> None:
    rng = np.random.default_rng(5)
    true = rng.normal(size=(5000, 1))
    items = true + rng.normal(size=(5000, 6))  # inter-item correlation 1/(1+1) = 0.5
    assert cronbach_alpha(items) == pytest.approx(spearman_brown(0.5, 6), abs=0.015)


def test_pairwise_alpha_with_missing_cells_stays_near_the_complete_one() -> None:
    rng = np.random.default_rng(9)
    items = rng.normal(size=(3000, 1)) + rng.normal(size=(3000, 8))
    full = cronbach_alpha(items[:, :4])  # what a form with 4 of the 8 items gives
    holes = items.copy()
    for row in holes:  # each candidate sees 4 of the 8 items, drawn at random
        row[rng.choice(8, 4, replace=False)] = np.nan
    assert alpha_pairwise(holes, k=4) == pytest.approx(full, abs=0.03)


def test_scale_alpha_through_the_matrix_is_cronbachs() -> None:
    keys = {f"K{k}": (False, False) for k in range(5)} | {"R1": (True, True)}
    sim = simulate_likert(keys, 500)
    m = build_matrix(sim.items, sim.forms, sim.responses)
    [scale] = analyse(m, "X").scales
    assert scale.k == 6
    assert scale.alpha == pytest.approx(cronbach_alpha(m.score))


def test_reverse_keying_sanity() -> None:
    keys = {f"K{k}": (False, False) for k in range(5)}
    keys |= {"R-OK": (True, True),  # reverse-keyed and written reversed: fine
             "R-WRONG": (True, False),  # marked reverse-keyed, but written as the others
             "N-WRONG": (False, True)}  # written reversed, keyed as the others
    sim = simulate_likert(keys, 400)
    result = analyse(build_matrix(sim.items, sim.forms, sim.responses), "X")
    flags = {r.item_id: [f.code for f in r.flags] for r in result.items}
    assert flags["R-WRONG"] == ["reverse_suspect"]
    assert flags["N-WRONG"] == ["reverse_missing"]
    assert flags["R-OK"] == [] and all(flags[f"K{k}"] == [] for k in range(5))
    assert {r.item_id for r in result.items[:2]} == {"R-WRONG", "N-WRONG"}
