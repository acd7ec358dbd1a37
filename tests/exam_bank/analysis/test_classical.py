"""Classical item statistics against values computed by hand and on generated exams."""

from __future__ import annotations

import statistics

import numpy as np
import pytest

from exam_bank.analysis.classical import all_item_stats, criterion, extreme_groups
from exam_bank.analysis.flags import AnalysisConfig
from exam_bank.analysis.matrix import NOT_ON_FORM, build_matrix
from exam_bank.analysis.run import analyse
from exam_bank.analysis.simulate import McSpec, mc_item, simulate_mc
from exam_bank.items.model import Item, ItemType, Option

# Six candidates, four 0/1 items, one form. Rows are candidates P1..P6, the letter is the
# option chosen ("a" keyed). Totals: 4, 3, 2, 2, 1, 0.
CHOICES = {
    "P1": "aaaa",
    "P2": "aaab",
    "P3": "aabc",
    "P4": "abac",
    "P5": "bacc",
    "P6": "cbbc",
}


def tiny() -> tuple[dict[str, Item], dict[str, list[str]], dict[str, dict[str, str]]]:
    items = {f"I{k}": mc_item(McSpec(f"I{k}")) for k in range(1, 5)}
    ids = list(items)
    return (items, {p: ids for p in CHOICES},
            {p: dict(zip(ids, row, strict=True)) for p, row in CHOICES.items()})


def test_hand_computed_difficulty_discrimination_and_upper_lower() -> None:
    stats = {s.item_id: s for s in all_item_stats(build_matrix(*tiny()))}
    i1 = stats["I1"]
    # x = 1 1 1 1 0 0; p = 4/6.
    assert i1.difficulty == pytest.approx(4 / 6)
    # rest = 3 2 1 1 1 0: Σdx·dr = 5/3, Σdx² = 4/3, Σdr² = 16/3, r = (5/3)/(8/3).
    assert i1.r_item_rest == pytest.approx(0.625)
    # total = 4 3 2 2 1 0: Σdx·dt = 3, Σdt² = 10, r = 3 / sqrt(40/3).
    assert i1.r_item_total == pytest.approx(3 / (40 / 3) ** 0.5)
    # 27% of 6 is 2: upper P1, P2 (both right), lower P5, P6 (both wrong).
    assert i1.upper_lower == pytest.approx(1.0)
    # I4: only P1 is right; upper P1, P2 → 0.5, lower → 0.
    assert stats["I4"].difficulty == pytest.approx(1 / 6)
    assert stats["I4"].upper_lower == pytest.approx(0.5)


def test_distractor_chosen_more_by_the_upper_group_is_flagged() -> None:
    result = analyse(build_matrix(*tiny()), "X", config=AnalysisConfig(min_n=1))
    i4 = next(r for r in result.items if r.item_id == "I4")
    # I4: upper group P1 "a", P2 "b"; lower group P5 "c", P6 "c".
    b = next(o for o in i4.stats.options if o.option == "b")
    assert (b.upper, b.lower) == (0.5, 0.0)
    reasons = [f.reason for f in i4.flags if f.code == "distractor_upper"]
    assert reasons == ["Pengecoh b lebih banyak dipilih kelompok atas (50%) daripada "
                       "kelompok bawah (0%)."]
    assert all(f.code != "distractor_upper" for r in result.items if r.item_id != "I4"
               for f in r.flags)


def test_items_not_on_a_form_are_left_out_not_counted_blank() -> None:
    items, forms, responses = tiny()
    forms["P6"] = ["I1", "I2", "I3"]  # I4 was not on P6's form
    del responses["P6"]["I4"]
    m = build_matrix(items, forms, responses)
    assert m.choice[m.participants.index("P6"), m.column("I4")] == NOT_ON_FORM
    stats = {s.item_id: s for s in all_item_stats(m)}
    assert stats["I4"].n == 5 and stats["I4"].difficulty == pytest.approx(1 / 5)
    crit = criterion(m)
    assert crit.top[m.participants.index("P6")] == 3


def test_extreme_groups_take_27_percent_from_each_end() -> None:
    upper, lower = extreme_groups(np.arange(100, dtype=float))
    assert upper.sum() == lower.sum() == 27
    assert upper[73:].all() and lower[:27].all()


def test_item_built_without_discrimination_is_flagged_and_good_items_are_not() -> None:
    specs = [McSpec(f"G{k:02d}", a=1.8, b=(k - 10) / 8) for k in range(20)]
    specs.append(McSpec("NOISE", a=0.0))
    sim = simulate_mc(specs, 600)
    result = analyse(build_matrix(sim.items, sim.forms, sim.responses), "X")
    flagged = {r.item_id: {f.code for f in r.flags} for r in result.items if r.flagged}
    assert flagged.get("NOISE", set()) & {"low_discrimination", "negative_discrimination"}
    assert result.items[0].item_id == "NOISE"  # flagged items come first
    assert not any(codes & {"low_discrimination", "negative_discrimination"}
                   for item, codes in flagged.items() if item != "NOISE")


def test_item_rest_correlation_matches_an_independent_implementation() -> None:
    sim = simulate_mc([McSpec(f"G{k}", a=1.0 + k / 10, b=k / 5 - 1) for k in range(12)], 300)
    m = build_matrix(sim.items, sim.forms, sim.responses)
    x = np.nan_to_num(m.score)
    for s in all_item_stats(m):
        j = m.column(s.item_id)
        rest = [float(v) for v in x.sum(axis=1) - x[:, j]]
        assert s.r_item_rest == pytest.approx(statistics.correlation(list(x[:, j]), rest))


def test_sjt_key_check_flags_weights_that_disagree_with_the_strongest() -> None:
    rng = np.random.default_rng(3)
    options = tuple(Option(f"o{w}", "", float(w)) for w in range(1, 6))
    good = Item("SJT-GOOD", ItemType.SJT, "s", "integritas", options=options)
    # Weighted the wrong way round: the option the able pick weighs 1.
    bad = Item("SJT-BAD", ItemType.SJT, "s", "integritas",
               options=tuple(Option(o.id, "", 6 - o.weight) for o in options))
    anchors = {f"A{k}": mc_item(McSpec(f"A{k}")) for k in range(10)}
    items = {**anchors, "SJT-GOOD": good, "SJT-BAD": bad}
    responses = {}
    for i in range(400):
        theta = rng.normal()
        pick = f"o{int(np.clip(np.rint(3 + 1.2 * theta + rng.normal(0, .7)), 1, 5))}"
        row = {a: "a" if rng.random() < 1 / (1 + np.exp(-1.7 * theta)) else "b"
               for a in anchors}
        responses[f"P{i}"] = {**row, "SJT-GOOD": pick, "SJT-BAD": pick}
    result = analyse(build_matrix(items, {p: list(items) for p in responses}, responses), "X")
    by_id = {r.item_id: r for r in result.items}
    assert by_id["SJT-GOOD"].stats.key_agreement > 0.8
    assert not by_id["SJT-GOOD"].flags
    assert "sjt_key" in {f.code for f in by_id["SJT-BAD"].flags}
    assert by_id["SJT-BAD"].stats.r_item_rest < 0  # the able now earn little on it
