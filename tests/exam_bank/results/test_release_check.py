"""The release check's state and decisions in a real results store, SQLite and PostgreSQL."""

from __future__ import annotations

import pytest

from exam_bank.analysis.release import (
    NOT_REVIEWED,
    PENDING,
    decide,
    record_analysis,
    release_state,
)
from exam_bank.problems import InputError
from exam_bank.results.store import open_store
from tests.conftest import STORE_PASS


def test_state_moves_from_not_reviewed_to_final(store_target: str) -> None:
    with open_store(store_target, STORE_PASS) as store:
        assert release_state(store, "E").banner() == NOT_REVIEWED
        record_analysis(store, "E", "S1", 0, ["A", "B"], ["A"])  # a session: not the basis
        assert release_state(store, "E").banner() == NOT_REVIEWED
        record_analysis(store, "E", None, 0, ["A", "B", "C"], ["A", "B"])
        state = release_state(store, "E")
        assert state.pending == ("A", "B") and state.banner().startswith(PENDING)
        # An exclusion rescores every candidate: without the package it is refused.
        with pytest.raises(InputError) as info:
            decide(store, "E", "A", "exclude", "Dua kunci benar menurut penelaah", "Ketua")
        assert [p.where for p in info.value.problems] == ["--package"]
        decide(store, "E", "A", "keep", "Kunci diperiksa ulang: benar", "Ketua")
        decide(store, "E", "B", "keep", "Pengecoh ambigu bagi peserta", "Ketua")
        decide(store, "E", "B", "keep", "Ditelaah ulang: tetap layak", "Sekretaris")
        state = release_state(store, "E")
        assert state.final and state.banner() == "" and state.excluded == ()
        assert state.decisions[1].by == "Sekretaris"  # the latest decision counts


def test_a_decision_needs_a_reason_a_name_and_a_known_item(store_target: str) -> None:
    with open_store(store_target, STORE_PASS) as store:
        record_analysis(store, "E", None, 0, ["A"], ["A"])
        with pytest.raises(InputError) as info:
            decide(store, "E", "Z", "keep", "salah", " ")
        fields = {p.where for p in info.value.problems}
        assert fields == {"--item", "--reason", "--by"}
        assert release_state(store, "E").decisions == ()


def test_the_rankings_note_names_item_who_when_and_why() -> None:
    from exam_bank.analysis.release import Decision

    made = Decision("INT-SJT-004", "exclude", "Dua opsi sama-sama benar", "Ketua Panitia",
                    "2026-12-07T20:30:00+00:00")
    assert made.note() == ("Butir INT-SJT-004 dikeluarkan dari penilaian setelah telaah butir "
                           "(diputuskan oleh Ketua Panitia, 8 Desember 2026): Dua opsi "
                           "sama-sama benar")  # 03.30 WIB on the 8th


def test_results_imported_after_the_analysis_make_it_stale(store_target: str) -> None:
    from exam_bank.analysis.release import STALE

    with open_store(store_target, STORE_PASS) as store:
        record_analysis(store, "E", None, 5, ["A"], [])  # 5 candidates then, none stored now
        state = release_state(store, "E")
        assert state.stale and not state.final and state.banner() == STALE
