"""The timer: time-up submits the section (and the exam after the last), warnings once."""

from __future__ import annotations

from exam_bank.events import Phase, SubmitReason
from kiosk.engine import FakeClock, MemorySink, Session
from tests.kiosk.engine.kit import MIN, into_first_section


def test_time_up_submits_the_section(session: Session, sink: MemorySink,
                                     clock: FakeClock) -> None:
    into_first_section(session)
    clock.advance(20 * MIN - 1)
    assert session.tick().timed_out is None
    clock.advance(5_000)
    tick = session.tick()
    assert tick.timed_out == "tkp"
    assert tick.state is not None and tick.state.phase == Phase.BETWEEN_SECTIONS
    assert tick.state.submitted == {"tkp": SubmitReason.TIME_UP}
    assert tick.state.worked_ms["tkp"] == 20 * MIN  # never more than the limit
    assert not tick.state.problems
    count = len(sink.events())
    assert session.tick().timed_out is None
    assert len(sink.events()) == count


def test_time_up_in_the_last_section_submits_the_exam(session: Session,
                                                      clock: FakeClock) -> None:
    into_first_section(session)
    session.submit_section()
    session.start_section()
    session.submit_section()
    session.start_section()
    session.makalah_changed("m1", "Setengah jadi")
    clock.advance(31 * MIN)
    tick = session.tick()
    assert tick.timed_out == "mk"
    assert tick.state is not None and tick.state.phase == Phase.SUBMITTED
    assert tick.state.makalah["m1"] == "Setengah jadi"
    assert session.receipt().final_hash == tick.state.final_hash


def test_warnings_at_15_5_1_minutes_each_once(session: Session, clock: FakeClock) -> None:
    into_first_section(session)  # 20 minutes
    seen: list[tuple[int, ...]] = []
    for _ in range(20 * 60 - 1):  # a tick a second, until one second before time up
        clock.advance(1_000)
        due = session.tick().warnings_due
        if due:
            seen.append(due)
    assert seen == [(15,), (5,), (1,)]


def test_no_warning_above_the_section_budget(session: Session, clock: FakeClock) -> None:
    into_first_section(session)
    session.submit_section()
    session.start_section()  # 10 minutes: no 15-minute warning
    assert session.tick().warnings_due == ()
    clock.advance(6 * MIN)
    assert session.tick().warnings_due == (5,)


def test_a_big_jump_reports_every_threshold_crossed(session: Session,
                                                    clock: FakeClock) -> None:
    into_first_section(session)
    clock.advance(19 * MIN + 30_000)
    assert session.tick().warnings_due == (15, 5, 1)
    assert session.tick().warnings_due == ()


def _into_makalah(session: Session) -> None:
    into_first_section(session)
    for _ in range(2):
        session.submit_section()
        session.start_section()


def test_words_typed_before_time_up_count_when_saved_a_tick_later(
        session: Session, sink: MemorySink, clock: FakeClock) -> None:
    """The last 250 ms tick: typed at 29:59.9, saved at 30:00.1, still in the paper."""
    _into_makalah(session)
    session.makalah_changed("m1", "Kalimat pertama")
    clock.advance(30 * MIN - 100)
    typed = clock.mono_ms()
    clock.advance(200)  # the save and the tick come after the clock ran out
    state = session.makalah_changed("m1", "Kalimat pertama dan terakhir", typed_mono=typed)
    assert state.makalah["m1"] == "Kalimat pertama dan terakhir"
    assert sink.events()[-1].mono_ms == typed  # the time it was typed, in the log
    assert sink.events()[-1].wall < clock.wall_iso()
    tick = session.tick()
    assert tick.timed_out == "mk" and tick.state is not None
    assert tick.state.makalah["m1"] == "Kalimat pertama dan terakhir"
    assert tick.state.worked_ms["mk"] == 30 * MIN and not tick.state.problems


def test_words_typed_after_time_up_are_refused(session: Session, clock: FakeClock) -> None:
    _into_makalah(session)
    clock.advance(30 * MIN + 50)
    late = clock.mono_ms()
    clock.advance(100)
    try:
        session.makalah_changed("m1", "terlambat", typed_mono=late)
    except Exception as exc:  # ActionRefused: the proctor's clock had run out
        assert "time is up" in str(exc)
    else:
        raise AssertionError("a word typed after time up was accepted")


def test_a_typed_time_never_goes_before_the_last_event(session: Session, sink: MemorySink,
                                                      clock: FakeClock) -> None:
    _into_makalah(session)
    clock.advance(1_000)
    session.raise_hand()
    last = sink.events()[-1].mono_ms
    clock.advance(500)
    session.makalah_changed("m1", "teks", typed_mono=last - 400)
    assert sink.events()[-1].mono_ms == last and not session.state.problems
