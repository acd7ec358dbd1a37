"""The replay's timeline, kinds of change, indicators and flags on a crafted paper."""

from __future__ import annotations

import pytest

from exam_bank.replay.indicators import ReplayConfig, flags, indicators
from exam_bank.replay.timeline import (
    BURST,
    DELETION,
    PASTE_OWN,
    QUOTE,
    TYPING,
    build_timeline,
    classify,
)
from tests.exam_bank.replay.kit import CASE, FAST, HOSTILE, NEW, crafted_events, makalah_form


@pytest.fixture(scope="module")
def replayed():  # type: ignore[no-untyped-def]
    form, items = makalah_form("P-1")
    events, final = crafted_events("E", "P-1", "MK-1")
    timeline = build_timeline(events, form, items, {"makalah": 240}, {}, "MK-1", [CASE])
    return timeline, final


def test_kinds_of_change(replayed) -> None:  # type: ignore[no-untyped-def]
    timeline, final = replayed
    kinds = [r.kind for r in timeline.revisions]
    assert kinds[:4] == [TYPING] * 4
    assert kinds[4] == QUOTE
    assert kinds.count(PASTE_OWN) == 1 and kinds.count(DELETION) == 1
    assert kinds.count(BURST) == 3  # the new sentence, the hostile chunk, the fast typing
    assert timeline.final_text == final
    # Per character of the final text: the quote and the own paste are remembered.
    assert timeline.origin.count(2) == len(CASE)
    # 10 characters were deleted from NEW
    assert timeline.origin.count(3) == len(NEW) - 10 + len(HOSTILE) + len(FAST)


def test_the_clock_is_the_sections_charged_time(replayed) -> None:  # type: ignore[no-untyped-def]
    timeline, _ = replayed
    paste = next(r for r in timeline.revisions if r.kind == PASTE_OWN)
    quote = next(r for r in timeline.revisions if r.kind == QUOTE)
    # Between them: 6 typing saves (6 s), the pause (2 s before it; the 10 paused minutes
    # are not charged) and 1 s after resuming.
    assert paste.t_ms - quote.t_ms == 6_000 + 2_000 + 1_000
    assert [m.label for m in timeline.marks][:2] == ["Dijeda pengawas", "Dilanjutkan pengawas"]
    assert timeline.marks[0].by == "Bu Rina" and timeline.marks[0].proctor
    assert timeline.budget_ms == 250 * 60_000  # 240 minutes + 10 extended


def test_indicators_and_flags(replayed) -> None:  # type: ignore[no-untyped-def]
    timeline, final = replayed
    config = ReplayConfig()
    ind = indicators(timeline, config)
    assert ind.first_word_ms == 1_500  # navigated 0.5 s after the section started, then 1 s
    inserted = sum(len(r.inserted) for r in timeline.revisions)
    assert (ind.deleted_chars, ind.inserted_chars) == (10, inserted)
    assert ind.deletion_ratio == pytest.approx(10 / inserted)
    assert ind.longest_idle_ms == 40 * 60_000 + 1_000  # the idle 40 minutes, after a refusal
    assert ind.quote_share == pytest.approx(len(CASE) / len(final))
    assert ind.bursts == 3 and ind.refused_pastes == 1
    found = flags(timeline, ind, config)
    codes = [f.code for f in found]
    # The three bursts come within a minute of each other: one flag, at the first.
    [burst] = [f for f in found if f.code == "burst"]
    first = next(r for r in timeline.revisions if r.kind == BURST)
    assert burst.t_ms == first.t_ms and burst.text.startswith("3 semburan, ")
    assert "paste_refused" in codes and "long_idle" in codes
    idle = next(f for f in found if f.code == "long_idle")
    assert idle.t_ms == ind.longest_idle_at_ms  # links to where the gap starts
    assert all(0 <= f.t_ms <= timeline.worked_ms for f in found)


def test_classify_small_cases() -> None:
    sources = ["kasus yang panjang sekali untuk dikutip oleh peserta ujian"]
    assert classify("abc", "de", 0, sources, 20) == TYPING
    assert classify("abc", "", 2, sources, 20) == DELETION
    assert classify("x", "yang panjang sekali untuk dikutip", 0, sources, 20) == QUOTE
    assert classify("teks saya sendiri yang sudah ditulis", "saya  sendiri yang sudah\nditulis",
                    0, sources, 20) == PASTE_OWN
    assert classify("", "sesuatu yang datang dari luar ujian", 0, sources, 20) == BURST
    assert classify("", "dua belas huruf", 0, sources, 20) == TYPING
    assert classify("", "dua belas huruf", 0, sources, 20, too_fast=True) == BURST
