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


def test_a_command_with_its_id_is_in_the_chain_once_in_order() -> None:
    """The chain says which commands reached the candidate: the event names the command,
    a command at or below the last one in the chain appends nothing, and a log holding
    one twice (or out of order) is a problem the fold reports."""
    k = Kiosk().start()
    pause = ControlCommand(ControlAction.PAUSE, "listrik padam", "Budi")
    message = ControlCommand(ControlAction.MESSAGE, "info", "Budi", text="Tetap tenang")
    for event_type, data in command_events(pause, k.state(), 4):
        assert data["command"] == 4
        k.do(event_type, **data)
    assert k.state().last_command == 4 and k.state().paused
    assert command_events(message, k.state(), 4) == []  # sent again: already there
    assert command_events(message, k.state(), 3) == []  # older: superseded
    (spec,) = command_events(message, k.state(), 5)
    k.do(spec[0], **{**spec[1], "command": 4})  # a kiosk that got it wrong
    assert any("command 4" in p.message for p in k.state().problems)


def test_read_aloud_is_an_accommodation_in_the_log_with_optional_extra_time() -> None:
    """The proctor turns read-aloud on for one candidate: one event naming the command,
    the extra time beside it (the fold takes the command id once), and the state keeps it
    on, so a restarted or moved kiosk folding the same log has it on too."""
    assert ControlCommand(ControlAction.READ_ALOUD, "tunanetra", "Budi").problems() == []
    bad = ControlCommand(ControlAction.READ_ALOUD, "tunanetra", "Budi", minutes=0)
    assert [f for f, _ in bad.problems()] == ["minutes"]
    k = Kiosk().start()
    assert not k.state().read_aloud
    command = ControlCommand(ControlAction.READ_ALOUD, "low vision", "Budi", minutes=15)
    specs = command_events(command, k.state(), 3)
    assert [(kind, data.get("command")) for kind, data in specs] == [
        (EventType.READ_ALOUD_ON, 3), (EventType.TIME_EXTENDED, None)]
    for kind, data in specs:
        k.do(kind, **data)
    s = k.state()
    assert s.problems == () and s.read_aloud and s.last_command == 3
    assert s.extension_ms == {"tkp": 15 * 60_000}
    # Sent again with a new id: already on, no minutes, nothing to append.
    again = ControlCommand(ControlAction.READ_ALOUD, "lagi", "Budi")
    assert command_events(again, s, 4) == []
    k.reboot(0)
    assert k.state().read_aloud  # folded from the log: survives a restart
