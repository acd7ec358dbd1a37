"""The Qt kiosk linked to a proctor: the token comes from the proctor, the candidate's
events reach it, and a pause from the console covers the screen."""

from __future__ import annotations

from exam_bank.wire.control import ControlAction, ControlCommand
from kiosk.app import KioskContext, KioskController
from kiosk.engine import FakeClock
from tests.kiosk.engine.kit import PACKAGE, PINS
from tests.kiosk.link.conftest import KioskFactory, wait_for
from tests.kiosk.link.fakeproctor import TOKEN, FakeProctor
from tests.kiosk.screens.journey_kit import NUMBER, click, sign_in


def test_a_linked_kiosk_takes_the_proctors_token_and_obeys_a_pause(
        qtbot, proctor: FakeProctor, make_kiosk: KioskFactory) -> None:
    link = make_kiosk()
    assert link.start(10).session_open
    ctrl = KioskController(KioskContext(PACKAGE, None, FakeClock(), "", "id", link=link))
    qtbot.addWidget(ctrl.window)
    ctrl.window.resize(1366, 768)
    ctrl.window.show()
    try:
        sign_in(qtbot, ctrl, PINS[NUMBER], token="ZZZZZZ")
        assert ctrl.window.currentWidget() is ctrl.login  # only the proctor's token opens
        sign_in(qtbot, ctrl, PINS[NUMBER], token=TOKEN)
        click(qtbot, ctrl.identity.confirm)
        assert ctrl.window.currentWidget() is ctrl.rules
        wait_for(lambda: len(proctor.log(NUMBER)) >= 2)  # login, identity: replicated
        proctor.send(ControlCommand(ControlAction.PAUSE, "listrik padam", "Bu Sari"))
        qtbot.waitUntil(lambda: ctrl.overlay.isVisible(), timeout=5000)
        assert ctrl.overlay.title.text() == "Ujian dijeda oleh pengawas"
    finally:
        ctrl.close()


def test_a_candidate_of_another_session_is_told_at_sign_in_and_nothing_is_kept(
        qtbot, proctor: FakeProctor, make_kiosk: KioskFactory) -> None:
    proctor.session_id = "S2"  # the room runs the afternoon; this candidate sits S1
    link = make_kiosk()
    assert link.start(10).session_id == "S2"
    ctrl = KioskController(KioskContext(PACKAGE, None, FakeClock(), "", "id", link=link))
    qtbot.addWidget(ctrl.window)
    ctrl.window.show()
    try:
        sign_in(qtbot, ctrl, PINS[NUMBER], token=TOKEN)
        assert ctrl.window.currentWidget() is ctrl.login
        assert "terdaftar di sesi lain" in ctrl.login.error.text()
        assert link.sessions == {} and proctor.log(NUMBER) == []
    finally:
        ctrl.close()
