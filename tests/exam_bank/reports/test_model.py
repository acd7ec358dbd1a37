"""Report data built from a real exam package (the shipped sample), the 9-box placement
from SKP, and the shared views (rankings per post, the grid)."""

from __future__ import annotations

import datetime as dt

import pytest

from exam_bank.exam_package import score_participant
from exam_bank.reports.model import (
    MakalahGrade,
    ReportCandidate,
    ReportExam,
    report_from_package,
    with_performance,
)
from exam_bank.reports.summary import angka, nine_box_grid, rankings, waktu
from exam_bank.scoring.ninebox import nine_box
from tests.exam_bank.reports.sampledata import sample_package, simulated_responses


def test_builder_scores_every_candidate_who_sat(sample) -> None:
    exam, candidates = sample
    package = sample_package()
    assert len(candidates) == 54
    assert exam.title == "Seleksi Terbuka JPT Pratama Kota Sukamaju Tahun 2026"
    assert exam.agency == "Pemerintah Kota Sukamaju"
    assert exam.date == dt.date(2026, 12, 8)  # the first session
    assert exam.makalah_required  # the sample blueprint has a makalah section
    assert len(exam.positions) == 11
    responses = simulated_responses(package)
    first = candidates[0]
    assert first.score == score_participant(package, first.participant_no,
                                            responses[first.participant_no])
    assert first.position_name == "Kepala Dinas Pendidikan"
    assert first.performance == 84.0  # from the roster's skp column


def test_absent_candidates_are_left_out_and_skp_can_be_overridden() -> None:
    package = sample_package()
    responses = simulated_responses(package)
    absent = package.roster.candidates[1].participant_no
    del responses[absent]
    who = package.roster.candidates[0].participant_no
    exam, candidates = report_from_package(
        package, responses, performance={who: 95.0},
        makalah={who: MakalahGrade(77.5, (75.0, 80.0))})
    assert len(candidates) == 53 and absent not in {c.participant_no for c in candidates}
    first = candidates[0]
    assert first.performance == 95.0 and first.score.performance == 95.0
    assert first.makalah_final == 77.5
    assert first.score.potential is not None
    assert first.score.nine_box == nine_box(first.score.potential, 95.0,
                                            exam.scoring.potential_cuts,
                                            exam.scoring.performance_cuts)


def test_with_performance_places_and_unplaces_on_the_9box(sample) -> None:
    exam, candidates = sample
    c = candidates[0]
    assert c.score.potential is not None and c.score.potential >= 90  # high potential
    assert with_performance(c, 95, exam.scoring).score.nine_box == 9
    assert with_performance(c, 80, exam.scoring).score.nine_box == 8
    assert with_performance(c, 50, exam.scoring).score.nine_box == 6
    gone = with_performance(c, None, exam.scoring)
    assert gone.score.nine_box is None and gone.performance is None


def test_grid_holds_every_candidate_once(sample) -> None:
    exam, candidates = sample
    some = [with_performance(c, None, exam.scoring) if i < 4 else c
            for i, c in enumerate(candidates)]
    grid = nine_box_grid(some)
    placed = [c.participant_no for box in grid.boxes.values() for c in box]
    without_skp = {c.participant_no for c in some if c.performance is None}
    assert len(without_skp) >= 4  # the four cleared here, and any the roster lacks
    assert {c.participant_no for c in grid.unplaced} == without_skp
    assert len(placed) == 54 - len(without_skp)
    assert sorted(placed + [c.participant_no for c in grid.unplaced]) == sorted(
        c.participant_no for c in candidates)
    for box, members in grid.boxes.items():
        assert all(c.score.nine_box == box for c in members)


def test_rankings_cover_every_post_and_every_candidate(sample) -> None:
    exam, candidates = sample
    ranked = rankings(exam, candidates)
    assert list(ranked) == list(exam.positions)
    listed = [e.participant_no for r in ranked.values() for e in r.entries]
    assert sorted(listed) == sorted(c.participant_no for c in candidates)
    pending = {c.participant_no for c in candidates if c.makalah_final is None}
    assert pending and all(e.rank is None for r in ranked.values() for e in r.entries
                           if e.participant_no in pending)
    for r in ranked.values():
        assert len(r.top) == min(3, len(r.ranked))


def test_a_candidate_for_an_unknown_post_is_refused(sample) -> None:
    exam, candidates = sample
    stray = ReportCandidate(**{**candidates[0].__dict__, "position_code": "NOPE"})
    with pytest.raises(ValueError, match="NOPE"):
        rankings(exam, [stray])


def test_indonesian_number_and_time_formats() -> None:
    assert angka(82.345) == "82,35"
    assert angka(1234.5, 1) == "1.234,5"
    assert angka(None) == "–"
    assert angka(100) == "100,00" and angka(0.005) == "0,01"
    assert waktu(dt.datetime(2026, 12, 8, 9, 5)) == "8 Desember 2026 pukul 09.05"


def test_competency_names_come_from_the_catalog(sample) -> None:
    exam: ReportExam = sample[0]
    assert exam.competency_name("pengembangan_diri") == "Pengembangan Diri dan Orang Lain"
    assert exam.competency_name("literasi_digital") == "Literasi Digital"


def test_responses_of_someone_not_in_the_roster_are_refused() -> None:
    package = sample_package()
    responses = simulated_responses(package)
    responses["JPT-2026-999"] = {}
    with pytest.raises(ValueError, match="JPT-2026-999"):
        report_from_package(package, responses)
