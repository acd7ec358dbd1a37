"""Blind makalah grading rules."""

from __future__ import annotations

import pytest

from exam_bank.items.model import RubricCriterion
from exam_bank.scoring.makalah_grading import (
    assessors_for,
    blind_code,
    final_grade,
    needs_third,
    paper_percent,
    paper_status,
)

RUBRIC = (RubricCriterion("analisis", "Analisis", max_score=5, weight=25),
          RubricCriterion("solusi", "Solusi", max_score=5, weight=75))


def test_codes_are_stable_distinct_and_reveal_nothing() -> None:
    secret = b"s" * 32
    code = blind_code(secret, "EX", "JPT-2026-001", "MK1")
    assert code == blind_code(secret, "EX", "JPT-2026-001", "MK1")
    assert code != blind_code(secret, "EX", "JPT-2026-002", "MK1")
    assert code != blind_code(secret, "EX", "JPT-2026-001", "MK2")
    assert code != blind_code(b"t" * 32, "EX", "JPT-2026-001", "MK1")
    assert "001" not in code and code.startswith("MK-") and len(code) == 12


def test_weighted_percent_follows_the_rubric() -> None:
    assert paper_percent(RUBRIC, {"analisis": 5, "solusi": 0}) == 25.0
    assert paper_percent(RUBRIC, {"analisis": 3, "solusi": 4}) == 75.0  # .25*.6+.75*.8
    assert paper_percent((), {"nilai": 62.5}) == 62.5


@pytest.mark.parametrize("marks,message", [({"analisis": 3}, "solusi: no mark"),
                                           ({"analisis": 6, "solusi": 1}, "analisis: must be"),
                                           ({"analisis": -1, "solusi": 1}, "analisis: must be")])
def test_bad_marks_name_the_criterion(marks: dict[str, float], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        paper_percent(RUBRIC, marks)


def test_two_close_grades_make_the_final_their_mean() -> None:
    assert final_grade([70, 80]) == 75.0
    assert final_grade([70, 85]) == 77.5  # exactly the margin: still close enough
    assert final_grade([70]) is None


def test_far_apart_grades_need_a_third_and_then_the_two_closest_count() -> None:
    assert needs_third([60, 80]) and final_grade([60, 80]) is None
    assert paper_status([60, 80]).state == "needs a third grading"
    assert final_grade([60, 80, 78]) == 79.0
    assert final_grade([60, 80, 62]) == 61.0
    assert final_grade([60, 70, 80]) == 75.0  # a tie goes to the higher pair
    assert final_grade([60, 80], margin=25) == 70.0  # the margin is configurable


def test_status_says_what_is_missing() -> None:
    assert paper_status([]).state == "needs 2 more gradings"
    assert paper_status([50]).state == "needs 1 more grading"
    assert paper_status([50, 55]).final == 52.5


def test_papers_are_spread_over_assessors_never_twice_to_one() -> None:
    team = ["Ani", "Budi", "Citra"]
    picks = [assessors_for(i, team, [], False) for i in range(3)]
    assert picks == [["Ani", "Budi"], ["Budi", "Citra"], ["Citra", "Ani"]]
    assert assessors_for(0, team, ["Ani", "Budi"], True) == ["Citra"]
    assert assessors_for(0, team, ["Ani"], False) == ["Budi"]
    assert assessors_for(0, team, ["Ani", "Budi"], False) == []
