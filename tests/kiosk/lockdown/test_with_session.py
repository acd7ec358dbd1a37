"""The contract with the session engine, end to end: hooks bound as the docstring of
kiosk.lockdown says write valid, chained events into the candidate's log."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from exam_bank.events import EventType, verify_chain
from kiosk.config import LockdownConfig
from kiosk.engine import FakeClock, MemorySink, Session
from kiosk.lockdown import Lockdown, LockdownHooks
from kiosk.lockdown.detectors import ProcInfo
from tests.kiosk.engine.kit import EXAM, PACKAGE, PINS, TOKEN
from tests.kiosk.lockdown.fakes import FakeMachine

pytestmark = pytest.mark.gui


def test_incidents_and_focus_land_in_the_candidates_log(qtbot) -> None:
    sink = MemorySink()
    session = Session(PACKAGE, sink, FakeClock())
    number = next(iter(PINS))
    assert session.login(number, PINS[number], TOKEN, TOKEN).ok
    notices: list[str] = []
    hooks = LockdownHooks(incident=session.report_incident, focus_lost=session.focus_lost,
                          focus_regained=session.focus_regained, notice=notices.append)
    window = QLineEdit()
    qtbot.addWidget(window)
    window.show()
    machine = FakeMachine()
    lock = Lockdown(window, hooks, LockdownConfig(), machine.probes(), windowed=True)
    lock.start()
    machine.procs.append(ProcInfo(321, "obs", "/usr/bin/obs"))
    lock.check_now()
    qtbot.keyClick(window, Qt.Key.Key_F4, Qt.KeyboardModifier.AltModifier)
    app = QApplication.instance()
    app.applicationStateChanged.emit(Qt.ApplicationState.ApplicationInactive)
    app.applicationStateChanged.emit(Qt.ApplicationState.ApplicationActive)
    lock.stop()
    events = sink.events()
    assert verify_chain(events, EXAM, number) == []
    tail = [(e.type, dict(e.data)) for e in events[1:]]
    assert tail == [
        (EventType.INCIDENT, {"kind": "forbidden_process",
                              "note": "name=obs pid=321 exe=/usr/bin/obs"}),
        (EventType.INCIDENT, {"kind": "blocked_key",
                              "note": "attempts=1 total=1 what=Alt+F4 (close)"}),
        (EventType.FOCUS_LOST, {}),
        (EventType.FOCUS_REGAINED, {}),
    ]
    assert len(notices) == 3
    lock.unlocked = True
