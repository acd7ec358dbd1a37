"""The GUI contract in use: a QTimer on the Qt thread drains the proctor's commands, so a
pause lands on the session while the event loop keeps running."""

from __future__ import annotations

from PySide6.QtCore import QTimer

from exam_bank.wire.control import ControlAction, ControlCommand
from tests.kiosk.engine.kit import PACKAGE, PINS
from tests.kiosk.link.conftest import KioskFactory
from tests.kiosk.link.fakeproctor import TOKEN, FakeProctor

NO = "P-0001"


def test_a_qtimer_drains_commands_onto_the_session(qtbot, proctor: FakeProctor,
                                                   make_kiosk: KioskFactory) -> None:
    kiosk = make_kiosk()
    kiosk.start(10)
    session = kiosk.open_session(PACKAGE, NO)
    assert session.login(NO, PINS[NO], TOKEN, kiosk.token or "").ok
    kiosk.use(session)
    for step in (session.confirm_identity, session.acknowledge_rules, session.start_section):
        step()
    applied = []
    timer = QTimer()
    timer.setInterval(50)
    timer.timeout.connect(lambda: applied.extend(kiosk.drain()))
    timer.start()
    proctor.send(ControlCommand(ControlAction.PAUSE, "gangguan listrik", "Bu Sari"))
    qtbot.waitUntil(lambda: session.state.paused, timeout=5000)
    timer.stop()
    assert [str(r.outcome) for r in applied] == ["applied"]
