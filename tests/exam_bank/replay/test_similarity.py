"""Similarity between papers: by hand on tiny texts, and a generated room of 200 papers
where one paper is built from another's text and one copies the case material."""

from __future__ import annotations

import pytest

from exam_bank.replay.room import generated_room
from exam_bank.replay.similarity import case_overlap, naive_pairs, similar_pairs

A = "satu dua tiga empat lima enam tujuh delapan sembilan sepuluh"
B = "nol satu dua tiga empat lima enam tujuh delapan lain kata"


def test_by_hand() -> None:
    # k = 4: A has 7 shingles, B has 8; shared: the runs from "satu" to "delapan" (5).
    [pair] = similar_pairs({"A": A, "B": B}, k=4, threshold=0.1)
    assert (pair.shared, pair.containment) == (5, pytest.approx(5 / 7))
    assert pair.jaccard == pytest.approx(5 / (7 + 8 - 5))
    [passage] = pair.passages
    assert passage.a == passage.b == "satu dua tiga empat lima enam tujuh delapan"
    assert passage.words == 8


def test_what_the_case_material_holds_is_not_counted_between_papers() -> None:
    case = ["satu dua tiga empat lima enam tujuh delapan"]
    assert similar_pairs({"A": A, "B": B}, case, k=4, threshold=0.1) == []
    overlap = {c.key: c.share for c in case_overlap({"A": A, "B": B}, case, k=4)}
    assert overlap == {"A": pytest.approx(5 / 7), "B": pytest.approx(5 / 8)}


def test_a_generated_room_of_200_papers() -> None:
    room = generated_room(200)
    pairs = similar_pairs(room.papers, [room.case])
    assert [tuple(sorted((p.first, p.second))) for p in pairs] == [tuple(sorted(room.copied))]
    [pair] = pairs
    _copy, source = room.copied
    first_stolen = room.papers[source].split(". ")[0]
    assert any(first_stolen[:60] in x.a or first_stolen[:60] in x.b for x in pair.passages)
    # The independent all-pairs baseline finds the same pair and no other.
    assert [(a, b) for a, b, _ in naive_pairs(room.papers)] == [tuple(sorted(room.copied))]
    quoted = case_overlap(room.papers, [room.case])
    assert quoted[0].key == room.quoting and quoted[0].share > 0.4
    assert quoted[1].share < 0.01
