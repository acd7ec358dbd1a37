"""Proctor commands: checked before sending, turned into events the fold accepts."""

from __future__ import annotations

from exam_bank.events.fold import Phase, apply
from exam_bank.events.model import EventType
from exam_bank.wire.control import ControlAction, ControlCommand, command_events
from tests.exam_bank.events.test_fold import Kiosk


def _run(kiosk: Kiosk, command: ControlCommand) -> None:
    for event_type, data in command_events(command, kiosk.state()):
        kiosk.do(event_type, **data)


def test_a_command_needs_a_reason_a_name_and_its_own_fields() -> None:
    bad = ControlCommand(ControlAction.EXTEND, reason=" ", by="", minutes=0, text="hi")
    assert {f for f, _ in bad.problems()} == {"reason", "by", "minutes", "text"}
    ok = ControlCommand(ControlAction.EXTEND, reason="listrik padam", by="Budi", minutes=10)
    assert ok.problems() == []


def test_commands_become_events_the_fold_accepts_and_repeat_harmlessly() -> None:
    k = Kiosk().start()
    by = "Budi Santoso"
    pause = ControlCommand(ControlAction.PAUSE, "listrik padam", by)
    _run(k, pause)
    assert command_events(pause, k.state()) == []  # already paused: nothing to append
    _run(k, ControlCommand(ControlAction.EXTEND, "ganti rugi waktu", by, minutes=7))
    _run(k, ControlCommand(ControlAction.RESUME, "listrik menyala", by))
    _run(k, ControlCommand(ControlAction.MESSAGE, "pengumuman", by, text="Sisa 30 menit"))
    k.do(EventType.HAND_RAISED)
    _run(k, ControlCommand(ControlAction.ANSWER_HAND, "didatangi", by))
    _run(k, ControlCommand(ControlAction.FORCE_SUBMIT, "waktu sesi habis", by))
    s = k.state()
    assert s.problems == ()
    assert s.extension_ms == {"tkp": 7 * 60_000}
    assert s.messages == ("Sisa 30 menit",) and not s.hand_raised and not s.paused
    assert s.phase == Phase.SUBMITTED
    assert apply(s, k.log.events[-1]).problems  # a replayed event is not accepted twice
