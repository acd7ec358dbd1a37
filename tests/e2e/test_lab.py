"""The lab end to end, each kiosk and the proctor a process of its own on 127.0.0.1."""

from __future__ import annotations

import time
from typing import Any

import pytest

from exam_bank.events import EventType
from tests.e2e.conftest import Exam, Kiosks, Lines, Proctor, kiosk_events, kiosk_log_hashes

pytestmark = pytest.mark.slow


def test_three_kiosks_take_the_exam_with_the_proctors_commands_and_logs_match(
        exam: Exam, proctor: Proctor, kiosks: Kiosks) -> None:
    candidates = sorted(exam.pins)[:3]
    # At this pace a form takes several seconds, so every candidate is still sitting when
    # the proctor's commands arrive, also on a loaded machine (at 40 ms a seat once
    # submitted before the room-wide message reached it, and the message was not in its log).
    runs = {no: kiosks.run(f"PC-{i:03}", no, pace_ms=100)
            for i, no in enumerate(candidates, 1)}
    first, second = candidates[0], candidates[1]
    for lines in runs.values():
        lines.until(lambda line: line["event"] == "answered", 60)
    proctor.ask("send", action="extend", reason="listrik padam 5 menit", by="Bu Sari",
                participants=[first], minutes=5)
    proctor.ask("send", action="message", reason="pengumuman", by="Bu Sari",
                text="Sisa waktu diperpanjang untuk peserta yang terdampak.")
    proctor.ask("send", action="pause", reason="peserta sakit", by="Bu Sari",
                participants=[second])
    for no in (first, candidates[2]):  # the first: extend, message; the third: message
        _commands(runs[no], 2 if no == first else 1)
    runs[second].until(lambda line: line["event"] == "command", 30)
    paused_at = runs[second].seen[-1]
    time.sleep(1.0)
    proctor.ask("send", action="resume", reason="peserta sehat kembali", by="Bu Sari",
                participants=[second])
    for i, (no, lines) in enumerate(runs.items(), 1):
        done = lines.until(lambda line: line["event"] in ("synced", "unsynced", "error",
                                                          "forked"), 90)
        assert done["event"] == "synced", lines.seen[-5:]
        assert done["phase"] == "submitted"
        assert lines.proc.wait(10) == 0
        at_proctor = proctor.log(no)
        assert at_proctor == kiosk_log_hashes(exam, kiosks.root / f"PC-{i:03}", no)
        assert at_proctor[-1] == done["hash"]
        kinds = [e.type for e in kiosk_events(exam, kiosks.root / f"PC-{i:03}", no)]
        assert EventType.MESSAGE in kinds  # a room-wide message reaches every seat
        assert (EventType.TIME_EXTENDED in kinds) == (no == first)
        assert (EventType.PAUSED in kinds and EventType.RESUMED in kinds) == (no == second)
    # While paused, the candidate's kiosk did nothing until the proctor resumed it.
    events = kiosk_events(exam, kiosks.root / "PC-002", second)
    paused = next(e for e in events if e.type == EventType.PAUSED)
    resumed = next(e for e in events if e.type == EventType.RESUMED)
    between = [e for e in events if paused.seq < e.seq < resumed.seq]
    assert all(e.type not in (EventType.ANSWER_SET, EventType.NAVIGATED) for e in between)
    assert resumed.mono_ms - paused.mono_ms >= 900 and paused_at["event"] == "command"
    assert not {"chain_fork", "chain_gap", "protocol_error"} & set(proctor.incidents())


def _commands(lines: Lines, count: int, timeout: float = 60.0) -> None:
    """Waits until the kiosk has applied `count` of the proctor's commands."""
    done = [0]

    def applied(line: dict[str, Any]) -> bool:
        done[0] += line["event"] == "command"
        return done[0] >= count
    lines.until(applied, timeout)
