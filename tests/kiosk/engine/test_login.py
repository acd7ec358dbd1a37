"""Login: wrong number, token or PIN give a reason and the attempts left; five failures lock out."""

from __future__ import annotations

from exam_bank.events import EventType, Phase
from kiosk.engine import FakeClock, LoginReason, MemorySink, Session
from kiosk.engine.login import MAX_FAILURES
from tests.kiosk.engine.kit import PACKAGE, PINS, TOKEN


def test_good_login_appends_one_login_event(session: Session, sink: MemorySink) -> None:
    result = session.login(" p-0001 ", PINS["P-0001"], "qwerty", TOKEN)
    assert result.ok and result.reason == LoginReason.OK
    assert result.state is not None and result.state.phase == Phase.IDENTITY
    [event] = sink.events()
    assert event.type == EventType.LOGIN
    assert dict(event.data) == {"participant_no": "P-0001"}


def test_unknown_participant(session: Session, sink: MemorySink) -> None:
    result = session.login("P-9999", "482913", TOKEN, TOKEN)
    assert result.reason == LoginReason.UNKNOWN_PARTICIPANT and not result.ok
    assert sink.events() == []


def test_wrong_token_and_wrong_pin(session: Session, sink: MemorySink) -> None:
    wrong_token = session.login("P-0001", PINS["P-0001"], "ASDFGH", TOKEN)
    assert wrong_token.reason == LoginReason.WRONG_TOKEN
    malformed = session.login("P-0001", PINS["P-0001"], "QWERTY1", TOKEN)
    assert malformed.reason == LoginReason.WRONG_TOKEN
    wrong_pin = session.login("P-0001", "000000", TOKEN, TOKEN)
    assert wrong_pin.reason == LoginReason.WRONG_PIN
    assert wrong_pin.attempts_left == MAX_FAILURES - 3
    assert sink.events() == []


def test_five_failures_lock_out_even_the_right_pin(session: Session, sink: MemorySink) -> None:
    for _ in range(MAX_FAILURES - 1):
        assert session.login("P-0001", "111111", TOKEN, TOKEN).reason == LoginReason.WRONG_PIN
    fifth = session.login("P-0001", "111111", TOKEN, TOKEN)
    assert fifth.reason == LoginReason.LOCKED_OUT
    right = session.login("P-0001", PINS["P-0001"], TOKEN, TOKEN)
    assert right.reason == LoginReason.LOCKED_OUT
    assert sink.events() == []
    # another candidate at the same kiosk is not affected
    assert session.login("P-0002", PINS["P-0002"], TOKEN, TOKEN).ok


def test_no_form_in_package(session: Session) -> None:
    result = session.login("P-0003", PINS["P-0003"], TOKEN, TOKEN)
    assert result.reason == LoginReason.NO_FORM


def test_pin_never_reaches_the_log(session: Session, sink: MemorySink) -> None:
    session.login("P-0001", "999999", TOKEN, TOKEN)
    session.login("P-0001", PINS["P-0001"], TOKEN, TOKEN)
    for event in sink.events():
        assert "999999" not in repr(event) and PINS["P-0001"] not in repr(event)


def test_second_login_in_one_run_is_refused(session: Session, sink: MemorySink) -> None:
    assert session.login("P-0001", PINS["P-0001"], TOKEN, TOKEN).ok
    again = session.login("P-0001", PINS["P-0001"], TOKEN, TOKEN)
    assert again.reason == LoginReason.ALREADY_LOGGED_IN and not again.ok
    assert len(sink.events()) == 1


def test_other_candidate_cannot_take_over_a_stored_session(sink: MemorySink) -> None:
    assert Session(PACKAGE, sink, FakeClock()).login("P-0001", PINS["P-0001"], TOKEN, TOKEN).ok
    restarted = Session(PACKAGE, sink, FakeClock())
    result = restarted.login("P-0002", PINS["P-0002"], TOKEN, TOKEN)
    assert result.reason == LoginReason.OTHER_CANDIDATE
    assert len(sink.events()) == 1
