"""The talent-management 9-box grid (Permenpan-RB 3/2020): potential × performance.

Boxes are numbered as in the regulation, potential columns low → high:

    performance above expectation   4  7  9
    performance as expected         2  5  8
    performance below expectation   1  3  6

Along either axis, with the other held, a higher group always has a higher number;
across axes the numbers are not an order of merit (box 6, high potential but below
expectation, is not "better" than box 7).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence

# _BOXES[performance group][potential group], groups 0 low / 1 medium / 2 high.
_BOXES: tuple[tuple[int, int, int], ...] = ((1, 3, 6), (2, 5, 8), (4, 7, 9))

POTENTIAL_GROUPS = ("Potensi Rendah", "Potensi Menengah", "Potensi Tinggi")
PERFORMANCE_GROUPS = (
    "Kinerja Di Bawah Ekspektasi",
    "Kinerja Sesuai Ekspektasi",
    "Kinerja Di Atas Ekspektasi",
)


def axis_group(value: float, cuts: Sequence[float]) -> int:
    """0 low, 1 medium, 2 high: low < cuts[0] <= medium < cuts[1] <= high."""
    if len(cuts) != 2 or cuts[0] >= cuts[1]:
        raise ValueError(f"need two ascending cut points, not {tuple(cuts)!r}")
    if value != value:  # NaN would silently land in "low"
        raise ValueError("a 9-box axis value is not a number")
    return bisect_right(cuts, value)


def nine_box(potential: float, performance: float, potential_cuts: Sequence[float],
             performance_cuts: Sequence[float]) -> int:
    """The box (1-9) for a potential and a performance; a value on a cut goes up."""
    return _BOXES[axis_group(performance, performance_cuts)][axis_group(potential, potential_cuts)]


def nine_box_groups(box: int) -> tuple[int, int]:
    """(potential group, performance group) of a box, each 0 low / 1 medium / 2 high."""
    for perf, row in enumerate(_BOXES):
        if box in row:
            return row.index(box), perf
    raise ValueError(f"there is no box {box!r}; boxes are 1-9")


def nine_box_label(box: int) -> str:
    """The box described by its two groups, e.g. 9 → "Potensi Tinggi · Kinerja Di Atas
    Ekspektasi": the grid's axis terms, not informal nicknames ("bintang", ...), which
    vary between agencies and have no common source."""
    potential, performance = nine_box_groups(box)
    return f"{POTENTIAL_GROUPS[potential]} · {PERFORMANCE_GROUPS[performance]}"
