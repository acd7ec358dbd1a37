"""The login screen driven like a candidate would: keys, clicks, Enter."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget

from exam_bank.events import Phase
from kiosk.app import KioskContext, KioskController
from kiosk.engine import FakeClock
from kiosk.engine.login import MAX_FAILURES, LoginReason
from kiosk.keysource import StandaloneKeySource
from tests.kiosk.conftest import TOKEN, Built
from tests.kiosk.screens.journey_kit import clipped

pytestmark = pytest.mark.gui


def fill(qtbot, ctrl: KioskController, number: str, pin: str, token: str) -> None:
    screen = ctrl.login
    for field, text in ((screen.participant, number), (screen.pin, pin),
                        (screen.token, token)):
        field.clear()
        qtbot.keyClicks(field, text)


def click_sign_in(qtbot, ctrl: KioskController) -> None:
    with qtbot.waitSignal(ctrl.login.login_requested, timeout=2000):
        qtbot.mouseClick(ctrl.login.submit, Qt.MouseButton.LeftButton)


def test_starts_in_indonesian_with_the_exam_title(controller: KioskController) -> None:
    screen = controller.login
    assert screen.submit.text() == "Masuk"
    assert screen.title.text() == controller.ctx.package.blueprint.exam.title
    assert screen.error.isHidden()
    for widget in (screen.participant, screen.pin, screen.token, screen.submit,
                   *screen.language_buttons.values()):
        assert widget.accessibleName()
    assert screen.pin.echoMode() == screen.pin.EchoMode.Password


def test_wrong_pin_shows_the_indonesian_message_and_attempts_left(
        qtbot, controller: KioskController, built: Built) -> None:
    wrong = "000000" if built.pin != "000000" else "111111"
    fill(qtbot, controller, built.participant_no, wrong, TOKEN)
    click_sign_in(qtbot, controller)
    error = controller.login.error
    assert error.isVisible()
    assert error.text() == f"PIN salah. Sisa percobaan: {MAX_FAILURES - 1}."
    assert controller.login.pin.text() == ""  # cleared for the next try
    assert controller.window.currentWidget() is controller.login


def test_wrong_token_is_refused(qtbot, controller: KioskController, built: Built) -> None:
    fill(qtbot, controller, built.participant_no, built.pin, "ABCDEF")
    click_sign_in(qtbot, controller)
    assert controller.login.error.text().startswith("Token sesi salah.")
    controller.on_language("en")  # the refusal follows the candidate's language
    assert controller.login.error.text() == f"Wrong session token. Attempts left: " \
        f"{MAX_FAILURES - 1}."
    assert controller.session is None


def test_token_is_uppercased_as_typed(qtbot, controller: KioskController) -> None:
    qtbot.keyClicks(controller.login.token, "qwe1rtyz")
    assert controller.login.token.text() == "QWERTY"


def test_success_shows_the_identity_screen(qtbot, controller: KioskController,
                                           built: Built, keys: StandaloneKeySource) -> None:
    fill(qtbot, controller, built.participant_no.lower(), built.pin, TOKEN.lower())
    click_sign_in(qtbot, controller)
    candidate = built.package.roster.find(built.participant_no)
    assert candidate is not None
    identity = controller.identity
    assert controller.window.currentWidget() is identity
    shown = [label.text() for label in identity.values]
    assert candidate.name in shown and candidate.nip in shown
    assert identity.confirm.text() == "Ya, benar"
    assert keys.store_path(built.participant_no).exists()  # the login event is on disk
    with qtbot.waitSignal(identity.confirmed, timeout=2000):
        qtbot.keyClick(identity.confirm, Qt.Key.Key_Space)
    assert not identity.confirm.isEnabled()
    assert controller.session is not None
    assert controller.session.state.phase == Phase.RULES


def test_enter_submits(qtbot, controller: KioskController, built: Built) -> None:
    fill(qtbot, controller, built.participant_no, built.pin, TOKEN)
    with qtbot.waitSignal(controller.login.login_requested, timeout=2000) as blocker:
        qtbot.keyClick(controller.login.token, Qt.Key.Key_Return)
    assert blocker.args == [built.participant_no, built.pin, TOKEN]
    assert controller.window.currentWidget() is controller.identity


def test_tab_order_is_number_pin_token_button(controller: KioskController) -> None:
    screen = controller.login
    chain = [screen.participant]
    while len(chain) < 6:
        chain.append(chain[-1].nextInFocusChain())
        while not (chain[-1].focusPolicy() & Qt.FocusPolicy.TabFocus):
            chain[-1] = chain[-1].nextInFocusChain()
    assert chain == [screen.participant, screen.pin, screen.token, screen.submit,
                     screen.language_buttons["id"], screen.language_buttons["en"]]


def test_language_switch_retranslates_live(qtbot, controller: KioskController,
                                           built: Built) -> None:
    screen = controller.login
    assert screen.language_buttons["id"].isChecked()
    with qtbot.waitSignal(screen.language_requested, timeout=2000) as blocker:
        qtbot.mouseClick(screen.language_buttons["en"], Qt.MouseButton.LeftButton)
    assert blocker.args == ["en"]
    assert screen.language_buttons["en"].isChecked()
    assert not screen.language_buttons["id"].isChecked()
    assert screen.submit.text() == "Sign in"
    assert screen.labels[0].text() == "Participant number"
    controller.on_language("id")
    assert screen.submit.text() == "Masuk"


def _font_scaled(factor: float) -> None:
    app = QApplication.instance()
    font = app.font()
    font.setPointSizeF(font.pointSizeF() * factor)
    app.setFont(font)


def _fits(widget: QWidget) -> bool:
    return not clipped(widget)


@pytest.mark.parametrize("scale", [1.0, 2.0])
def test_screenshots_fit(qtbot, built: Built, keys: StandaloneKeySource, scale: float,
                         shot_dir: Path) -> None:
    app = QApplication.instance()
    original = app.font()
    _font_scaled(scale)
    try:
        ctrl = KioskController(KioskContext(built.package, keys, FakeClock(), TOKEN))
        qtbot.addWidget(ctrl.window)
        ctrl.window.resize(1366, 768)  # a common lab screen
        ctrl.window.show()
        qtbot.waitExposed(ctrl.window)
        tag = "2x" if scale > 1 else "1x"
        ctrl.login.render(ctrl._login_view(LoginReason.WRONG_PIN, 4))
        qtbot.waitUntil(lambda: _fits(ctrl.window), timeout=2000)
        ctrl.window.grab().save(str(shot_dir / f"login-id-{tag}.png"))
        ctrl.on_language("en")
        qtbot.waitUntil(lambda: _fits(ctrl.window), timeout=2000)
        ctrl.window.grab().save(str(shot_dir / f"login-en-{tag}.png"))
        ctrl.on_language("id")
        fill(qtbot, ctrl, built.participant_no, built.pin, TOKEN)
        click_sign_in(qtbot, ctrl)
        assert ctrl.window.currentWidget() is ctrl.identity
        qtbot.waitUntil(lambda: _fits(ctrl.window), timeout=2000)  # laid out on next pass
        ctrl.window.grab().save(str(shot_dir / f"identity-id-{tag}.png"))
        ctrl.close()
        ctrl.translations.use("en")
    finally:
        app.setFont(original)
