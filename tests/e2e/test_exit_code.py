"""The proctor's exit code end to end: a real proctor (`ujikom proctor serve`) shows the
session's quit code (recorded with name and reason), the Qt kiosk linked to it takes it at
Ctrl+Alt+Shift+K, the exit is stored at the proctor with the seat, the room shows
"Keluar", and the candidate signs in again on the same PC with nothing lost."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt

from exam_bank.events import EventType, verify_chain
from kiosk.app import KioskContext, KioskController
from kiosk.config import LockdownConfig, load_config
from kiosk.engine import SystemClock
from kiosk.link import LinkedKiosk, link_config, open_link
from proctor.room import Room, SeatStatus
from tests.e2e.conftest import SESSION, Exam, Kiosks, Proctor
from tests.kiosk.link.conftest import wait_for
from tests.kiosk.link.test_exit_code import locked_down, press_exit_keys, type_code
from tests.kiosk.lockdown.fakes import FakeMachine

pytestmark = [pytest.mark.slow, pytest.mark.gui]


def linked(config: Path) -> LinkedKiosk:
    settings = load_config(config)
    link = open_link(link_config(settings.proctor, str(config), config.parent), SystemClock())
    assert link.start(30).session_open
    return link


def test_the_proctors_code_closes_the_kiosk_and_the_candidate_resumes(
        qtbot, exam: Exam, proctor: Proctor, kiosks: Kiosks) -> None:
    no = sorted(exam.pins)[0]
    seat = exam.package.roster.candidate(no).seat
    config = kiosks.configure("PC-EXIT", seat=seat)
    code = proctor.ask("quit_code", participant_no=no, by="Bu Sari",
                       reason="layar PC macet")["quit_code"]
    link = linked(config)
    ctrl = KioskController(KioskContext(exam.package, None, SystemClock(), "", "id",
                                        link=link))
    quits = locked_down(qtbot, ctrl, FakeMachine(), LockdownConfig())
    try:
        screen = ctrl.login
        for field, text in ((screen.participant, no), (screen.pin, exam.pins[no]),
                            (screen.token, link.token or "")):
            qtbot.keyClicks(field, text)
        qtbot.mouseClick(screen.submit, Qt.MouseButton.LeftButton)
        assert ctrl.window.currentWidget() is ctrl.identity
        dialog = press_exit_keys(qtbot, ctrl)
        wrong = str((int(code) + 1) % 10 ** len(code)).zfill(len(code))
        type_code(qtbot, dialog, wrong)
        type_code(qtbot, dialog, code)
        assert quits == [1]
    finally:
        ctrl.close()
    stored = proctor.events(no)
    assert verify_chain(stored, exam.package.blueprint.exam.id, no) == []
    assert [(e.data["kind"], e.data.get("note")) for e in stored
            if e.type == EventType.INCIDENT] == [
        ("quit_code_refused", "attempts=1"), ("kiosk_exit", f"seat={seat} pc=PC-EXIT")]
    room = Room(exam.package, SESSION)
    room.replicated(no, stored)
    assert room.snapshot(0).seat(seat).status == SeatStatus.EXITED
    # The candidate comes back to the same PC: the session resumes where it was.
    again = linked(config)
    ctrl2 = KioskController(KioskContext(exam.package, None, SystemClock(), "", "id",
                                         link=again))
    qtbot.addWidget(ctrl2.window)
    ctrl2.window.show()
    try:
        screen = ctrl2.login
        for field, text in ((screen.participant, no), (screen.pin, exam.pins[no]),
                            (screen.token, again.token or "")):
            qtbot.keyClicks(field, text)
        qtbot.mouseClick(screen.submit, Qt.MouseButton.LeftButton)
        assert ctrl2.window.currentWidget() is ctrl2.identity
        wait_for(lambda: len(proctor.events(no)) > len(stored), 30)
    finally:
        ctrl2.close()
    after = proctor.events(no)
    assert [e.hash for e in after[:len(stored)]] == [e.hash for e in stored]
    assert after[len(stored)].type == EventType.SESSION_RESUMED
    room.replicated(no, after)
    assert room.snapshot(0).seat(seat).status != SeatStatus.EXITED
