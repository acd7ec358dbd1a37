"""A whole exam with a fake clock: answers, flags, navigation, makalah, submit, receipt."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest

from exam_bank.events import EventType, Phase, SubmitReason, fold, verify_chain
from exam_bank.events.fold import section_limits, section_navigation
from kiosk.engine import ActionRefused, FakeClock, MemorySink, NotLoggedIn, Session
from tests.kiosk.engine.kit import EXAM, MIN, PACKAGE, into_first_section


def test_full_journey_to_receipt(session: Session, sink: MemorySink, clock: FakeClock) -> None:
    into_first_section(session)
    clock.advance(30_000)
    session.answer("mc1", "B")
    session.answer("mr1", {"C", "A"})
    session.toggle_flag("mr1")
    session.go_to(2)
    state = session.answer("lk1", 3)
    assert state.answers == {"mc1": "B", "mr1": frozenset({"A", "C"}), "lk1": 3}
    assert state.flags == {"mr1"}
    session.toggle_flag("mr1")
    session.clear("mc1")
    session.paste_refused("lk1", 120)
    session.focus_lost()
    clock.advance(2_000)
    session.focus_regained()
    session.report_incident("second_screen", "monitor kedua terdeteksi")
    assert session.remaining_ms() == 20 * MIN - 32_000
    session.submit_section()
    session.start_section()
    session.answer("q1", "A")
    session.go_to(1)
    session.submit_section()
    session.start_section()
    session.makalah_changed("m1", "Pendahuluan")
    state = session.submit_exam()
    assert state.phase == Phase.SUBMITTED
    assert state.submitted == {"tkp": SubmitReason.CANDIDATE, "fwd": SubmitReason.CANDIDATE,
                               "mk": SubmitReason.CANDIDATE}
    assert state.focus_losses == 1 and state.pastes_refused == 1
    assert state.incidents[0].kind == "second_screen"
    assert not state.problems
    receipt = session.receipt()
    events = sink.events()
    assert receipt.final_hash == events[-1].hash
    assert re.fullmatch(r"[A-Z2-7]{4}-[A-Z2-7]{4}-[A-Z2-7]{2}", receipt.short_code)
    assert verify_chain(events, EXAM, "P-0001", receipt.final_hash) == []
    refolded = fold(events, PACKAGE.forms["P-0001"], PACKAGE.items,
                    section_limits(PACKAGE.blueprint), section_navigation(PACKAGE.blueprint))
    assert refolded == state


def test_actions_before_login_are_refused(session: Session, sink: MemorySink) -> None:
    with pytest.raises(NotLoggedIn):
        session.confirm_identity()
    with pytest.raises(NotLoggedIn):
        _ = session.state
    assert sink.events() == []


def test_receipt_only_after_submit(session: Session) -> None:
    into_first_section(session)
    with pytest.raises(ActionRefused):
        session.receipt()


@pytest.mark.parametrize("action", [
    lambda s: s.answer("mc1", "Z"),  # not an option
    lambda s: s.answer("lk1", 9),  # not a likert point
    lambda s: s.answer("q1", "A"),  # not in this section
    lambda s: s.answer("mc1", ["A"]),  # a list for a single-choice item
    lambda s: s.go_to(7),  # past the last item
    lambda s: s.makalah_changed("mc1", "teks"),  # not a makalah
    lambda s: s.acknowledge_rules(),  # out of phase
    lambda s: s.report_incident("", "x"),  # malformed data
])
def test_refused_actions_append_nothing(session: Session, sink: MemorySink,
                                        action: Callable[[Session], object]) -> None:
    into_first_section(session)
    before, state = sink.events(), session.state
    with pytest.raises(ActionRefused):
        action(session)
    assert sink.events() == before
    assert session.state == state


def test_leaving_early_submits_the_open_section_with_the_exam(session: Session) -> None:
    into_first_section(session)
    state = session.submit_exam()
    assert state.phase == Phase.SUBMITTED
    assert state.submitted == {"tkp": SubmitReason.CANDIDATE}
    assert not state.problems


def test_forward_only_section_refuses_going_back(session: Session, sink: MemorySink) -> None:
    into_first_section(session)
    session.submit_section()
    session.start_section()
    session.go_to(1)
    session.go_to(2)
    count = len(sink.events())
    with pytest.raises(ActionRefused, match="forward-only"):
        session.go_to(0)
    with pytest.raises(ActionRefused, match="forward-only"):
        session.answer("q1", "A")
    assert len(sink.events()) == count


def test_forward_only_section_refuses_skipping_ahead(session: Session,
                                                     sink: MemorySink) -> None:
    """A click on a later number must not make the items in between unreachable."""
    into_first_section(session)
    session.submit_section()
    session.start_section()
    count = len(sink.events())
    with pytest.raises(ActionRefused, match="forward-only"):
        session.go_to(2)
    assert len(sink.events()) == count and session.state.item_index == 0
    session.go_to(1)  # the next item is fine
    assert session.state.item_index == 1


def test_answer_after_time_up_is_refused(session: Session, sink: MemorySink,
                                        clock: FakeClock) -> None:
    into_first_section(session)
    clock.advance(20 * MIN)
    count = len(sink.events())
    with pytest.raises(ActionRefused, match="time is up"):
        session.answer("mc1", "A")
    assert len(sink.events()) == count


def test_failed_write_leaves_state_unchanged(session: Session, sink: MemorySink) -> None:
    into_first_section(session)
    state = session.state
    sink.fail_next = True
    with pytest.raises(OSError):
        session.answer("mc1", "A")
    assert session.state == state
    assert session.answer("mc1", "A").answers == {"mc1": "A"}
    assert verify_chain(sink.events(), EXAM, "P-0001") == []


def test_makalah_typing_appends_small_splices(session: Session, sink: MemorySink,
                                             clock: FakeClock) -> None:
    into_first_section(session)
    session.submit_section()
    session.start_section()
    session.submit_section()
    session.start_section()
    text = ""
    typed = "Latar belakang masalah ini adalah"
    start = len(sink.events())
    for char in typed:
        text += char
        clock.advance(150)
        session.makalah_changed("m1", text)
    session.makalah_changed("m1", text)  # unchanged: nothing appended
    text = text.replace("masalah ", "")
    state = session.makalah_changed("m1", text)
    revisions = [e for e in sink.events()[start:] if e.type == EventType.MAKALAH_REVISION]
    assert len(revisions) == len(typed) + 1
    assert revisions[0].data["full"] == "L"
    assert all(len(e.data["ins"]) <= 1 for e in revisions[1:])
    assert dict(revisions[-1].data) | {"text_hash": ""} == {
        "item": "m1", "rev": len(typed) + 1, "text_hash": "", "at": 15, "del": 8, "ins": ""}
    assert state.makalah["m1"] == "Latar belakang ini adalah"
    assert state.makalah_rev["m1"] == len(typed) + 1


def test_proctor_commands_join_the_candidates_chain(session: Session, sink: MemorySink,
                                                    clock: FakeClock) -> None:
    from exam_bank.wire.control import ControlAction, ControlCommand

    into_first_section(session)
    session.raise_hand("mouse rusak")
    assert session.state.hand_raised
    budget = session.remaining_ms()
    pause = ControlCommand(ControlAction.PAUSE, "ganti mouse", "Budi")
    session.apply_command(pause)
    before = len(sink.events())
    session.apply_command(pause)  # a repeated command appends nothing
    assert len(sink.events()) == before
    clock.advance(120_000)
    session.apply_command(ControlCommand(ControlAction.ANSWER_HAND, "mouse diganti", "Budi"))
    session.apply_command(ControlCommand(ControlAction.RESUME, "selesai", "Budi"))
    assert session.remaining_ms() == budget  # the paused two minutes are not charged
    assert not session.state.hand_raised and not session.state.paused
    assert sink.events()[-1].data["by"] == "Budi"
