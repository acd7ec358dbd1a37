"""Ranking one position: JPM first, then each documented tie-breaker, top three, the
meets-standard flag, and unfinished candidates listed but never ranked."""

from __future__ import annotations

import pytest

from exam_bank.scoring.candidate import (
    CandidateScore,
    CompetencyScore,
    job_person_match,
    jpm_band,
)
from exam_bank.scoring.config import JpmBand, ScoringConfig
from exam_bank.scoring.ranking import RankInput, RankStatus, rank_position, shortfalls

CONFIG = ScoringConfig()


def score(levels: list[int], standards: list[int] | None = None) -> CandidateScore:
    """A score whose JPM, band and gaps come from the real rules."""
    standards = standards or [4] * len(levels)
    keys = [f"k{i}" for i in range(len(levels))]
    comps = tuple(CompetencyScore(k, 0, 0, 0, lv, st, lv - st, 1, 1)
                  for k, lv, st in zip(keys, levels, standards, strict=True))
    jpm = job_person_match(dict(zip(keys, levels, strict=True)),
                           dict(zip(keys, standards, strict=True)))
    band = None if jpm is None else jpm_band(jpm, CONFIG.jpm_bands)
    return CandidateScore((), comps, (), jpm, band, (), jpm, None, None)


def no_score() -> CandidateScore:
    return CandidateScore((), (), (), None, None, (), None, None, None)


def order(items: list[RankInput], makalah_required: bool = True) -> list[str]:
    return [e.participant_no for e in rank_position(items, CONFIG,
                                                    makalah_required=makalah_required).entries]


def test_higher_jpm_ranks_first_whatever_the_other_measures() -> None:
    items = [RankInput("A", score([3, 3]), makalah=99),   # JPM 75
             RankInput("B", score([4, 4]), makalah=50),   # JPM 100
             RankInput("C", score([4, 3]), makalah=70)]   # JPM 87.5
    ranking = rank_position(items, CONFIG, makalah_required=True)
    assert [(e.participant_no, e.rank) for e in ranking.entries] == [("B", 1), ("C", 2),
                                                                      ("A", 3)]


def test_equal_jpm_is_broken_by_the_makalah_grade() -> None:
    items = [RankInput("A", score([4, 4]), makalah=70), RankInput("B", score([4, 4]), 85)]
    assert order(items) == ["B", "A"]


def test_then_by_the_deepest_shortfall_below_standard() -> None:
    # Same JPM (100) and makalah: A hides a level-2 gap behind strengths, B has none.
    a = score([5, 5, 2, 4])  # 16/16, worst shortfall 2
    b = score([5, 4, 4, 3])  # 16/16, worst shortfall 1
    assert a.jpm == b.jpm == 100
    assert shortfalls(a) == (2, 2) and shortfalls(b) == (1, 1)
    assert order([RankInput("A", a, 80), RankInput("B", b, 80)]) == ["B", "A"]


def test_then_by_the_total_shortfall() -> None:
    a = score([5, 5, 3, 3])  # worst 1, total 2
    b = score([5, 4, 4, 3])  # worst 1, total 1
    assert a.jpm == b.jpm and shortfalls(a)[0] == shortfalls(b)[0]
    assert order([RankInput("A", a, 80), RankInput("B", b, 80)]) == ["B", "A"]


def test_last_by_participant_number_so_printouts_agree() -> None:
    items = [RankInput(no, score([4, 4]), 80) for no in ("JPT-003", "jpt-001", "JPT-002")]
    assert order(items) == ["jpt-001", "JPT-002", "JPT-003"]
    assert order(list(reversed(items))) == ["jpt-001", "JPT-002", "JPT-003"]


def test_without_a_makalah_in_the_exam_grades_are_ignored_and_nobody_waits() -> None:
    items = [RankInput("A", score([4, 4]), None), RankInput("B", score([4, 4]), 90),
             RankInput("C", score([5, 3]), None)]
    ranking = rank_position(items, CONFIG, makalah_required=False)
    # B's 90 does not count; shortfall puts C last; A before B by number.
    assert [(e.participant_no, e.rank) for e in ranking.entries] == [("A", 1), ("B", 2),
                                                                      ("C", 3)]
    assert not ranking.provisional


def test_only_the_top_three_ranked_are_marked() -> None:
    items = [RankInput(f"P{n}", score([4, 4 - n % 2]), 60 + n) for n in range(6)]
    ranking = rank_position(items, CONFIG, makalah_required=True)
    assert [e.rank for e in ranking.top] == [1, 2, 3]
    assert all(not e.top for e in ranking.entries if e.rank and e.rank > 3)
    two = rank_position(items[:2], CONFIG, makalah_required=True)
    assert [e.top for e in two.entries] == [True, True]


def test_meets_the_requirement_is_the_category_s_rule() -> None:
    """It said "Kategori: Masih Memenuhi Syarat" beside "Memenuhi syarat: Tidak". Under
    the 2020 rule MS and MMS meet the requirement, KMS does not; one rule for both."""
    s = score([4] * 4 + [3] * 16, [4] * 20)  # 64/80 = exactly 80
    lower = score([4] * 3 + [3] * 17, [4] * 20)  # 63/80 = 78.75
    low = score([3] * 11 + [2] * 9, [4] * 20)  # 51/80 = 63.75
    entries = rank_position([RankInput("A", s, 70), RankInput("B", lower, 70),
                             RankInput("C", low, 70)], CONFIG, makalah_required=True).entries
    assert [(e.participant_no, e.meets_standard, e.band.code) for e in entries
            if e.band] == [("A", True, "MS"), ("B", True, "MMS"), ("C", False, "KMS")]


def test_the_top_three_are_only_candidates_who_meet_the_requirement() -> None:
    """A KMS candidate was flagged "tiga besar"."""
    good = [RankInput(f"G{n}", score([4] * 4 + [3] * 16, [4] * 20), 80 - n)
            for n in range(2)]
    kms = RankInput("K", score([3] * 11 + [2] * 9, [4] * 20), 90)
    ranking = rank_position([*good, kms], CONFIG, makalah_required=True)
    assert [(e.participant_no, e.rank, e.top) for e in ranking.entries] == [
        ("G0", 1, True), ("G1", 2, True), ("K", 3, False)]


def test_a_band_can_be_set_not_eligible_in_the_config() -> None:
    config = ScoringConfig(jpm_bands=(JpmBand("MS", "Memenuhi Syarat", 80),
                                      JpmBand("MMS", "Masih Memenuhi Syarat", 68, False),
                                      JpmBand("KMS", "Kurang Memenuhi Syarat", 0)))
    assert [b.code for b in config.eligible_bands] == ["MS"]
    assert [b.code for b in CONFIG.eligible_bands] == ["MS", "MMS"]


def test_meets_standard_uses_the_configured_bands() -> None:
    config = ScoringConfig(jpm_bands=(JpmBand("OPT", "Optimal", 90), JpmBand("C", "Cukup", 78),
                                      JpmBand("K", "Kurang", 0)))
    s = score([4, 4, 4, 4, 4, 4, 4, 4, 4, 3])  # 97.5
    t = score([4, 4, 4, 4, 4, 4, 4, 3, 3, 3])  # 37/40 = 92.5 -> optimal
    u = score([4, 4, 4, 4, 3, 3, 3, 3, 3, 3])  # 85 -> cukup
    items = [RankInput(n, dataclass_band(x, config), 70) for n, x in (("S", s), ("T", t),
                                                                     ("U", u))]
    flags = {e.participant_no: e.meets_standard
             for e in rank_position(items, config, makalah_required=True).entries}
    assert flags == {"S": True, "T": True, "U": True}  # cukup is not the lowest band
    strict = ScoringConfig(jpm_bands=(JpmBand("OPT", "Optimal", 90),
                                      JpmBand("C", "Cukup", 78, eligible=False),
                                      JpmBand("K", "Kurang", 0)))
    flags = {e.participant_no: e.meets_standard
             for e in rank_position(items, strict, makalah_required=True).entries}
    assert flags == {"S": True, "T": True, "U": False}


def dataclass_band(s: CandidateScore, config: ScoringConfig) -> CandidateScore:
    import dataclasses

    assert s.jpm is not None
    return dataclasses.replace(s, jpm_band=jpm_band(s.jpm, config.jpm_bands))


def test_missing_makalah_is_listed_after_the_ranked_and_never_ranked() -> None:
    items = [RankInput("BEST", score([5, 5]), None),  # highest JPM, paper not graded
             RankInput("A", score([4, 4]), 70), RankInput("B", score([4, 3]), 75),
             RankInput("C", score([3, 3]), 90), RankInput("D", score([2, 3]), 90)]
    ranking = rank_position(items, CONFIG, makalah_required=True)
    assert [e.participant_no for e in ranking.entries] == ["A", "B", "C", "D", "BEST"]
    best = ranking.entries[-1]
    assert best.rank is None and best.status is RankStatus.MAKALAH_PENDING and not best.top
    assert [e.rank for e in ranking.ranked] == [1, 2, 3, 4]
    assert [e.participant_no for e in ranking.top] == ["A", "B", "C"]
    # BEST could still take a top place: the committee must not propose names yet.
    assert ranking.provisional


def test_pending_candidate_who_cannot_reach_the_top_leaves_the_ranking_final() -> None:
    items = [RankInput("A", score([4, 4]), 70), RankInput("B", score([4, 4]), 75),
             RankInput("C", score([4, 3]), 90), RankInput("LOW", score([2, 2]), None)]
    ranking = rank_position(items, CONFIG, makalah_required=True)
    assert ranking.unranked[0].participant_no == "LOW"
    assert not ranking.provisional


def test_pending_with_fewer_ranked_than_the_top_is_provisional() -> None:
    items = [RankInput("A", score([4, 4]), 70), RankInput("LOW", score([3, 3]), None)]
    assert rank_position(items, CONFIG, makalah_required=True).provisional
    # a pending candidate below the requirement can never be proposed: nothing waits on them
    items = [RankInput("A", score([4, 4]), 70), RankInput("KMS", score([1, 1]), None)]
    assert not rank_position(items, CONFIG, makalah_required=True).provisional


def test_candidate_without_a_jpm_is_listed_as_not_scored() -> None:
    items = [RankInput("A", score([4, 4]), 70), RankInput("NONE", no_score(), 80)]
    ranking = rank_position(items, CONFIG, makalah_required=True)
    last = ranking.entries[-1]
    assert (last.participant_no, last.rank, last.status) == ("NONE", None,
                                                            RankStatus.NOT_SCORED)
    assert not last.meets_standard


def test_bad_input_is_refused() -> None:
    with pytest.raises(ValueError, match="listed twice"):
        rank_position([RankInput("A", score([4])), RankInput("a ", score([4]))], CONFIG,
                      makalah_required=False)
    with pytest.raises(ValueError, match="0-100"):
        rank_position([RankInput("A", score([4]), 120)], CONFIG, makalah_required=True)


def test_empty_position_has_an_empty_final_ranking() -> None:
    ranking = rank_position([], CONFIG, makalah_required=True)
    assert ranking.entries == () and not ranking.provisional
