"""The 9-box grid: Permenpan-RB numbering, cut points, labels."""

from __future__ import annotations

import pytest

from exam_bank.scoring import axis_group, nine_box, nine_box_groups, nine_box_label

CUTS = (70, 90)


@pytest.mark.parametrize("potential, performance, box", [
    # corners
    (0, 0, 1), (100, 0, 6), (0, 100, 4), (100, 100, 9),
    # the middle, and values exactly on the cuts go to the higher group
    (70, 70, 5), (69.99, 69.99, 1), (90, 90, 9), (89.99, 89.99, 5),
    # each row of the regulation's grid, potential low -> high
    (50, 95, 4), (80, 95, 7), (95, 95, 9),
    (50, 80, 2), (80, 80, 5), (95, 80, 8),
    (50, 50, 1), (80, 50, 3), (95, 50, 6),
])
def test_placement(potential: float, performance: float, box: int) -> None:
    assert nine_box(potential, performance, CUTS, CUTS) == box


def test_each_axis_has_its_own_cuts() -> None:
    # An agency with 60/80 for potential and 70/90 for performance.
    assert nine_box(65, 65, (60, 80), (70, 90)) == 3
    assert nine_box(80, 90, (60, 80), (70, 90)) == 9


def test_groups_and_labels() -> None:
    assert nine_box_groups(9) == (2, 2)
    assert nine_box_groups(6) == (2, 0)
    assert nine_box_groups(4) == (0, 2)
    assert nine_box_label(9) == "Potensi Tinggi · Kinerja Di Atas Ekspektasi"
    assert nine_box_label(1) == "Potensi Rendah · Kinerja Di Bawah Ekspektasi"
    assert nine_box_label(5) == "Potensi Menengah · Kinerja Sesuai Ekspektasi"
    assert len({nine_box_label(b) for b in range(1, 10)}) == 9


def test_groups_invert_placement() -> None:
    values = (50, 80, 95)
    for pot in range(3):
        for perf in range(3):
            assert nine_box_groups(nine_box(values[pot], values[perf], CUTS, CUTS)) == (pot, perf)


@pytest.mark.parametrize("box", [0, 10, -1])
def test_no_such_box(box: int) -> None:
    with pytest.raises(ValueError, match="boxes are 1-9"):
        nine_box_label(box)


def test_bad_cuts_or_values() -> None:
    with pytest.raises(ValueError, match="ascending"):
        axis_group(50, (90, 70))
    with pytest.raises(ValueError, match="ascending"):
        axis_group(50, (70,))
    with pytest.raises(ValueError, match="not a number"):
        nine_box(float("nan"), 50, CUTS, CUTS)
