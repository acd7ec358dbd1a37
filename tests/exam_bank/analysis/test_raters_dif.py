"""Rater agreement and DIF against published and hand-computed values."""

from __future__ import annotations

import math

import numpy as np
import pytest

from exam_bank.analysis.dif import ets_class, mantel_haenszel
from exam_bank.analysis.matrix import build_matrix
from exam_bank.analysis.raters import icc_1_1, icc_2_1, rater_stats
from exam_bank.analysis.run import analyse
from exam_bank.analysis.simulate import McSpec, simulate_mc

# Shrout & Fleiss (1979), table 2: six targets, four judges.
SHROUT_FLEISS = np.array([[9, 2, 5, 8], [6, 1, 3, 2], [8, 4, 6, 8], [7, 1, 2, 6],
                          [10, 5, 6, 9], [6, 2, 4, 7]], dtype=float)


def test_icc_matches_shrout_and_fleiss() -> None:
    assert icc_1_1(SHROUT_FLEISS) == pytest.approx(0.17, abs=0.005)
    assert icc_2_1(SHROUT_FLEISS) == pytest.approx(0.29, abs=0.005)


def test_rater_stats_by_hand() -> None:
    papers = [{"A": 70.0, "B": 72.0}, {"A": 60.0, "B": 80.0, "C": 75.0},
              {"B": 50.0, "C": 55.0}, {"A": 90.0}]
    stats = rater_stats(papers, margin=15)
    assert stats.papers == 3  # the single grading is not a pair yet
    assert stats.third_rate == pytest.approx(1 / 3)
    assert stats.mean_abs_difference == pytest.approx((2 + 20 + 5) / 3)
    # A: 70-72 = -2; 60 - mean(80, 75) = -17.5 → mean -9.75
    assert stats.leniency["A"] == pytest.approx(-9.75)
    assert rater_stats([{"A": x, "B": x} for x in (50.0, 60.0, 70.0)], 15).icc_1_1 == 1.0


def test_mantel_haenszel_by_hand() -> None:
    # Stratum 1: reference 10 right / 10 wrong, focal 5 / 15.
    # Stratum 2: reference 15 / 5, focal 10 / 10.
    cells = [(0, False, True, 10), (0, False, False, 10), (0, True, True, 5),
             (0, True, False, 15), (1, False, True, 15), (1, False, False, 5),
             (1, True, True, 10), (1, True, False, 10)]
    stratum = np.array([s for s, _, _, n in cells for _ in range(n)])
    focal = np.array([f for _, f, _, n in cells for _ in range(n)])
    right = np.array([r for _, _, r, n in cells for _ in range(n)])
    mh = mantel_haenszel(right, focal, stratum)
    # R = 3.75 + 3.75, S = 1.25 + 1.25 → α = 3.
    assert mh.alpha == pytest.approx(3.0)
    assert mh.delta == pytest.approx(-2.35 * math.log(3))
    # ΣA = 25, ΣE = 7.5 + 12.5, ΣVar = 2 × 20·20·15·25 / (40²·39).
    assert mh.chi_square == pytest.approx(4.5 ** 2 / (2 * 150000 / 62400))
    # RBG: ΣPR/2R² + Σ(PS+QR)/2RS + ΣQS/2S² = 0.041667 + 0.116667 + 0.075.
    assert mh.se_delta == pytest.approx(2.35 * math.sqrt(0.2333333), rel=1e-5)
    # |Δ| = 2.58 ≥ 1.5 and significant, but (2.58 - 1) / 1.135 = 1.39 < 1.645: B.
    assert mh.ets_class == "B"


def test_ets_classes() -> None:
    assert ets_class(-0.9, 0.1, 0.001) == "A"
    assert ets_class(-2.0, 0.1, 0.2) == "A"  # large but not significant
    assert ets_class(1.2, 0.1, 0.001) == "B"
    assert ets_class(-1.6, 0.2, 0.001) == "C"
    assert ets_class(-1.6, 0.5, 0.001) == "B"  # not significantly beyond 1


def test_planted_dif_item_is_found_and_only_it() -> None:
    specs = [McSpec(f"G{k:02d}", a=1.5, b=(k - 12) / 8) for k in range(24)]
    specs.append(McSpec("DIF", a=1.5, b=0.0, dif=1.2))
    sim = simulate_mc(specs, 2000)
    m = build_matrix(sim.items, sim.forms, sim.responses, sim.groups)
    result = analyse(m, "X")
    classes = {d.item_id: d.mh.ets_class for r in result.items for d in r.dif}
    assert classes["DIF"] == "C"
    assert [i for i, c in classes.items() if c == "C"] == ["DIF"]
    dif_item = next(r for r in result.items if r.item_id == "DIF")
    assert [f.code for f in dif_item.flags] == ["dif_c"]
    assert "menguntungkan kelompok L" in dif_item.flags[0].reason
    # 2.35 × a × shift ≈ 4.2 on the delta scale, whichever group is the reference.
    assert abs(dif_item.dif[0].mh.delta) == pytest.approx(2.35 * 1.5 * 1.2, abs=0.8)


def test_dif_needs_enough_candidates_per_group() -> None:
    sim = simulate_mc([McSpec(f"G{k}") for k in range(5)], 40)
    result = analyse(build_matrix(sim.items, sim.forms, sim.responses, sim.groups), "X")
    assert all(not r.dif for r in result.items)


def test_mh_alpha_matches_an_independent_count_on_generated_data() -> None:
    from collections import Counter

    from exam_bank.analysis.classical import criterion
    from exam_bank.analysis.dif import strata

    sim = simulate_mc([McSpec(f"G{k}", b=k / 5 - 1) for k in range(10)]
                      + [McSpec("DIF", dif=0.8)], 800, seed=21)
    m = build_matrix(sim.items, sim.forms, sim.responses, sim.groups)
    levels = strata(criterion(m).percent)
    j = m.column("DIF")
    focal = np.array([g == "P" for g in m.groups["gender"]])
    right = m.score[:, j] >= 1
    cells = Counter(zip(levels.tolist(), focal.tolist(), right.tolist(), strict=True))
    num = den = 0.0
    for k in set(levels.tolist()):
        a, b = cells[(k, False, True)], cells[(k, False, False)]
        c, d = cells[(k, True, True)], cells[(k, True, False)]
        n = a + b + c + d
        num, den = num + a * d / n, den + b * c / n
    reference_is_l = m.groups["gender"].count("L") >= m.groups["gender"].count("P")
    expected = num / den if reference_is_l else den / num
    result = analyse(m, "X")
    [dif] = next(r for r in result.items if r.item_id == "DIF").dif
    assert dif.mh.alpha == pytest.approx(expected)
