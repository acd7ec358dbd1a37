"""Per-type item scoring with the numbers of CAT SKD, PPPK and the formats document."""

from __future__ import annotations

import pytest

from exam_bank.items.model import (
    Item,
    ItemId,
    ItemType,
    LikertSpec,
    MakalahSpec,
    MrScoring,
    Option,
    OptionId,
)
from exam_bank.scoring import ItemScore, item_max, score_item


def opts(*weights: float, correct: str = "") -> tuple[Option, ...]:
    ids = "ABCDE"
    return tuple(Option(OptionId(ids[n]), f"opsi {ids[n]}", w, ids[n] in correct)
                 for n, w in enumerate(weights))


def choice(kind: ItemType, *weights: float, correct: str = "",
           mr: MrScoring = MrScoring.ALL_OR_NOTHING, points: float = 1.0) -> Item:
    return Item(ItemId("I-1"), kind, "soal", "integritas", options=opts(*weights, correct=correct),
                mr_scoring=mr, points=points)


def likert(reverse: bool = False, points: int = 5) -> Item:
    labels = tuple(str(n) for n in range(1, points + 1))
    return Item(ItemId("L-1"), ItemType.LIKERT, "Saya tenang di bawah tekanan.", "integritas",
                likert=LikertSpec("kecerdasan_emosional", reverse, points, labels))


TWK = choice(ItemType.MC, 0, 5, 0, 0, 0, correct="B")  # TWK/TIU: 5 or 0
TKP = choice(ItemType.SJT, 3, 5, 1, 4, 2)  # TKP: five options weighted 1-5
PPPK = choice(ItemType.SJT, 2, 4, 1, 3)  # PPPK managerial: 1-4


@pytest.mark.parametrize("answer, raw", [("B", 5), ("A", 0), ("E", 0)])
def test_twk_tiu_score_5_or_0(answer: str, raw: float) -> None:
    assert score_item(TWK, answer) == ItemScore("I-1", raw, 5, True)


def test_a_blank_scores_0_and_is_not_answered() -> None:
    assert score_item(TWK, None) == ItemScore("I-1", 0, 5, False)
    assert score_item(TKP, None) == ItemScore("I-1", 0, 5, False)


@pytest.mark.parametrize("answer, raw", [("A", 3), ("B", 5), ("C", 1), ("D", 4), ("E", 2)])
def test_tkp_weights_1_to_5(answer: str, raw: float) -> None:
    assert score_item(TKP, answer) == ItemScore("I-1", raw, 5, True)


def test_pppk_weights_1_to_4() -> None:
    assert [score_item(PPPK, a).raw for a in "ABCD"] == [2, 4, 1, 3]
    assert item_max(PPPK) == 4


def test_mc_keyed_with_default_weight_1() -> None:
    item = choice(ItemType.MC, 0, 0, 1, correct="C")
    assert score_item(item, "C") == ItemScore("I-1", 1, 1, True)


def test_a_penalty_weight_is_floored_at_0() -> None:
    item = choice(ItemType.MC, 4, -1)
    assert score_item(item, "B").raw == 0


@pytest.mark.parametrize("item", [TWK, TKP])
def test_an_unknown_option_is_an_error(item: Item) -> None:
    with pytest.raises(ValueError, match="no option 'Z'"):
        score_item(item, "Z")


@pytest.mark.parametrize("bad", [frozenset({"A"}), 1])
def test_a_single_choice_needs_one_option_id(bad: object) -> None:
    with pytest.raises(ValueError, match="one option id"):
        score_item(TKP, bad)  # type: ignore[arg-type]


MR_AON = choice(ItemType.MR, 0, 0, 0, 0, correct="AC", points=2)


@pytest.mark.parametrize("chosen, raw", [
    ({"A", "C"}, 2), ({"A"}, 0), ({"A", "C", "D"}, 0), ({"B", "D"}, 0),
])
def test_mr_all_or_nothing(chosen: set[str], raw: float) -> None:
    assert score_item(MR_AON, frozenset(chosen)) == ItemScore("I-1", raw, 2, True)


MR_PARTIAL = choice(ItemType.MR, 1, -1, 1, -1, 1, correct="ACE", mr=MrScoring.PARTIAL)


@pytest.mark.parametrize("chosen, raw", [
    ({"A", "C", "E"}, 3), ({"A"}, 1), ({"A", "B"}, 0), ({"B", "D"}, 0), ({"A", "C", "D"}, 1),
    ({"A", "B", "C", "D", "E"}, 1),
])
def test_mr_partial_is_clamped_to_0_and_max(chosen: set[str], raw: float) -> None:
    assert score_item(MR_PARTIAL, frozenset(chosen)) == ItemScore("I-1", raw, 3, True)


def test_mr_with_nothing_ticked_is_a_blank() -> None:
    assert score_item(MR_AON, frozenset()) == ItemScore("I-1", 0, 2, False)
    assert score_item(MR_PARTIAL, None) == ItemScore("I-1", 0, 3, False)


def test_mr_unknown_option_or_wrong_kind() -> None:
    with pytest.raises(ValueError, match="no option 'Z'"):
        score_item(MR_AON, frozenset({"A", "Z"}))
    with pytest.raises(ValueError, match="set of option ids"):
        score_item(MR_AON, "A")


@pytest.mark.parametrize("point, straight, reversed_", [(1, 1, 5), (2, 2, 4), (3, 3, 3),
                                                        (4, 4, 2), (5, 5, 1)])
def test_likert_keying(point: int, straight: int, reversed_: int) -> None:
    assert score_item(likert(), point) == ItemScore("L-1", straight, 5, True)
    assert score_item(likert(reverse=True), point) == ItemScore("L-1", reversed_, 5, True)


def test_likert_on_a_4_point_scale() -> None:
    assert score_item(likert(reverse=True, points=4), 1).raw == 4
    assert item_max(likert(points=4)) == 4


@pytest.mark.parametrize("bad", [0, 6, -1])
def test_likert_out_of_range_is_an_error(bad: int) -> None:
    with pytest.raises(ValueError, match=r"outside 1\.\.5"):
        score_item(likert(), bad)


@pytest.mark.parametrize("bad", ["3", True])
def test_likert_needs_an_integer_point(bad: object) -> None:
    with pytest.raises(ValueError, match=r"a point 1\.\.5"):
        score_item(likert(), bad)  # type: ignore[arg-type]


def test_likert_blank() -> None:
    assert score_item(likert(), None) == ItemScore("L-1", 0, 5, False)


def test_makalah_scores_nothing_here() -> None:
    item = Item(ItemId("MK-1"), ItemType.MAKALAH, "", "pengambilan_keputusan",
                makalah=MakalahSpec("<p>Kasus</p>", "Tulislah makalah."))
    assert score_item(item, None) == ItemScore("MK-1", 0, 0, False)
    assert score_item(item, "teks makalah") == ItemScore("MK-1", 0, 0, False)


def test_to_dict() -> None:
    assert score_item(TKP, "D").to_dict() == {"item_id": "I-1", "raw": 4, "max": 5,
                                               "answered": True}
