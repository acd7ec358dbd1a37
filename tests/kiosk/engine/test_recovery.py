"""Crash recovery: a new Session on the same log gets the same state and the same time."""

from __future__ import annotations

from datetime import timedelta

import pytest

from exam_bank.events import EventType
from kiosk.engine import FakeClock, LoginReason, MemorySink, NotLoggedIn, RecoveryError, Session
from tests.kiosk.engine.kit import MIN, PACKAGE, PINS, TOKEN, into_first_section


def _crashed_session(sink: MemorySink, clock: FakeClock) -> Session:
    old = Session(PACKAGE, sink, clock)
    into_first_section(old)
    clock.advance(3 * MIN)
    old.answer("mc1", "C")
    old.toggle_flag("lk1")
    return old


def test_recovery_restores_state_and_time(sink: MemorySink, clock: FakeClock) -> None:
    old = _crashed_session(sink, clock)
    left_before = old.remaining_ms()
    # down time: the wall clock moves on 40 minutes, the monotonic clock restarts at 0
    later = FakeClock(mono=0, wall=clock.wall + timedelta(minutes=40))
    new = Session(PACKAGE, sink, later)
    assert new.state == old.state
    assert new.remaining_ms() == left_before
    result = new.login("P-0001", PINS["P-0001"], TOKEN, TOKEN)
    assert result.reason == LoginReason.RESUMED
    last = sink.events()[-1]
    assert last.type == EventType.SESSION_RESUMED and last.run == 2 and last.mono_ms == 0
    assert new.remaining_ms() == left_before
    later.advance(60_000)
    assert new.remaining_ms() == left_before - 60_000
    state = new.answer("mr1", ["B"])
    assert state.answers == {"mc1": "C", "mr1": frozenset({"B"})}
    assert state.flags == {"lk1"} and state.runs == 2 and not state.problems


def test_actions_wait_for_login_after_a_restart(sink: MemorySink, clock: FakeClock) -> None:
    _crashed_session(sink, clock)
    new = Session(PACKAGE, sink, FakeClock())
    count = len(sink.events())
    assert new.tick().timed_out is None
    with pytest.raises(NotLoggedIn):
        new.answer("mc1", "A")
    assert len(sink.events()) == count


def test_a_submitted_log_stays_closed(sink: MemorySink, clock: FakeClock) -> None:
    old = Session(PACKAGE, sink, clock)
    into_first_section(old)
    old.submit_exam()
    receipt = old.receipt()
    new = Session(PACKAGE, sink, FakeClock())
    assert new.login("P-0001", PINS["P-0001"], TOKEN, TOKEN).reason == LoginReason.RESUMED
    assert new.receipt() == receipt


def test_a_tampered_log_is_not_continued(sink: MemorySink, clock: FakeClock) -> None:
    _crashed_session(sink, clock)
    events = sink.events()
    forged = MemorySink()
    for event in events[:-1]:
        forged.append(event)
    forged.append(events[-1].__class__(**{**events[-1].__dict__, "mono_ms": 1}))
    with pytest.raises(RecoveryError, match="edited"):
        Session(PACKAGE, forged, FakeClock())
