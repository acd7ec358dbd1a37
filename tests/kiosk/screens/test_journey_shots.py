"""Every journey screen photographed at 1366x768 in Indonesian and English, at the normal
font, at 200% (reached with the A+ button) and in high contrast; each must fit unclipped.
The pictures land in the test's shot_dir ($UJIKOM_SHOTS to keep them)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from exam_bank.events import Phase
from exam_bank.wire.control import ControlCommand
from kiosk.app import KioskContext, KioskController
from kiosk.engine import FakeClock
from kiosk.keysource import StandaloneKeySource
from kiosk.screens.notice import TIME_UP, NoticeView
from tests.kiosk.conftest import TOKEN, Built
from tests.kiosk.screens.journey_kit import click, clipped, unnamed

pytestmark = pytest.mark.gui


def snap(qtbot, ctrl: KioskController, name: str, shots: Path) -> None:
    window = ctrl.window
    qtbot.wait(30)  # let the new screen be shown and laid out, as a candidate would see it
    try:
        qtbot.waitUntil(lambda: not clipped(window.currentWidget()), timeout=3000)
    except Exception:
        raise AssertionError(f"{name}: {clipped(window.currentWidget())}") from None
    assert unnamed(window.currentWidget()) == [], name
    assert window.width() <= 1366, f"{name}: a screen wider than the lab's 1366 px"
    window.grab().save(str(shots / f"{name}.png"))


@pytest.mark.parametrize("mode", ["1x", "2x", "hc"])
@pytest.mark.parametrize("language", ["id", "en"])
def test_every_screen_fits(qtbot, built: Built, tmp_path: Path, language: str,
                           mode: str, shot_dir: Path) -> None:
    keys = StandaloneKeySource.from_file(built.key_path, b"exam-key-test-passphrase",
                                         tmp_path / "data")
    clock = FakeClock()
    ctrl = KioskController(KioskContext(built.package, keys, clock, TOKEN, language))
    ctrl.timer.stop()
    qtbot.addWidget(ctrl.window)
    ctrl.window.resize(1366, 768)
    ctrl.window.show()
    qtbot.waitExposed(ctrl.window)
    base = QApplication.font().pointSizeF()
    try:
        login = ctrl.login
        if mode == "2x":
            for _ in range(4):
                click(qtbot, login.larger)
            assert login.size_label.text() == "200%" and not login.larger.isEnabled()
            assert login.submit.font().pointSizeF() == pytest.approx(base * 2 * 1.15)
        if mode == "hc":
            click(qtbot, login.contrast)
            assert ctrl.theme.high_contrast and login.contrast.isChecked()
        tag = f"{language}-{mode}"
        for field, text in ((login.participant, built.participant_no), (login.pin, "000000"),
                            (login.token, TOKEN)):
            qtbot.keyClicks(field, text)
        click(qtbot, login.submit)
        snap(qtbot, ctrl, f"01-login-{tag}", shot_dir)
        login.pin.clear()
        qtbot.keyClicks(login.pin, built.pin)
        click(qtbot, login.submit)
        snap(qtbot, ctrl, f"02-identity-{tag}", shot_dir)
        click(qtbot, ctrl.identity.confirm)
        snap(qtbot, ctrl, f"03-rules-{tag}", shot_dir)
        ctrl.rules.agree.click()
        click(qtbot, ctrl.rules.proceed)
        snap(qtbot, ctrl, f"04-intro-{tag}", shot_dir)
        click(qtbot, ctrl.intro.begin)
        click(qtbot, ctrl.item.option_buttons[1])
        click(qtbot, ctrl.item.flag)
        click(qtbot, ctrl.item.next)
        click(qtbot, ctrl.item.option_buttons[0])
        click(qtbot, ctrl.item.next)
        clock.advance(46 * 60_000)
        ctrl.on_tick()  # the 15-minute warning
        assert ctrl.session is not None
        ctrl.session.apply_command(ControlCommand(
            "message", "info", "Pengawas", text="Mohon tetap tenang, listrik sudah stabil."))
        ctrl.on_tick()
        assert ctrl.item.banner.isVisible() and ctrl.item.message.isVisible()
        assert ctrl.item.position.text().startswith(("Soal 3 ", "Question 3 "))
        assert not any(b.isChecked() for b in ctrl.item.option_buttons)  # not answered yet
        snap(qtbot, ctrl, f"05-item-{tag}", shot_dir)
        click(qtbot, ctrl.item.status.inbox)
        snap(qtbot, ctrl, f"05b-inbox-{tag}", shot_dir)
        click(qtbot, ctrl.inbox_screen.back_button)
        click(qtbot, ctrl.item.status.display)
        snap(qtbot, ctrl, f"05c-display-{tag}", shot_dir)
        click(qtbot, ctrl.display_screen.back_button)
        assert ctrl.window.currentWidget() is ctrl.item
        ctrl.session.apply_command(ControlCommand("pause", "listrik", "Pengawas"))
        ctrl.on_tick()
        assert ctrl.overlay.isVisible()
        snap(qtbot, ctrl, f"06-paused-{tag}", shot_dir)
        ctrl.session.apply_command(ControlCommand("resume", "listrik pulih", "Pengawas"))
        ctrl.on_tick()
        click(qtbot, ctrl.item.finish)
        click(qtbot, ctrl.review.submit)
        snap(qtbot, ctrl, f"07-review-{tag}", shot_dir)
        yes = ctrl.review.yes  # the question is in view, even at 200%
        assert ctrl.review.rect().contains(yes.mapTo(ctrl.review, yes.rect().bottomRight()))
        click(qtbot, ctrl.review.yes)
        click(qtbot, ctrl.intro.begin)
        click(qtbot, ctrl.item.option_buttons[3])  # a likert item, forward only
        snap(qtbot, ctrl, f"08-likert-{tag}", shot_dir)
        ctrl.notice.render(NoticeView(TIME_UP, ctrl.item.section_label.text()))
        ctrl.window.setCurrentWidget(ctrl.notice)
        snap(qtbot, ctrl, f"09-timeup-{tag}", shot_dir)
        clock.advance(20 * 60_000)
        ctrl.on_tick()
        click(qtbot, ctrl.notice.button)
        click(qtbot, ctrl.intro.begin)
        assert ctrl.makalah is not None
        qtbot.keyClicks(ctrl.makalah.editor, "Pelayanan publik")
        snap(qtbot, ctrl, f"10-makalah-{tag}", shot_dir)
        click(qtbot, ctrl.makalah.finish_button)
        snap(qtbot, ctrl, f"11-makalah-check-{tag}", shot_dir)
        check = ctrl.makalah_check
        assert check.range_warning.isVisible() and not check.submit.isEnabled()
        check.understood.click()  # a 2-word paper: accepted only on a second word
        click(qtbot, check.submit)
        assert ctrl.session.state.phase == Phase.SUBMITTED
        snap(qtbot, ctrl, f"12-receipt-{tag}", shot_dir)
        assert ctrl.receipt.code.text() == ctrl.session.receipt().short_code
    finally:
        ctrl.close()
        ctrl.translations.use("en")
        font = QApplication.font()
        font.setPointSizeF(base)
        QApplication.setFont(font)


def test_keyboard_alone_reaches_sign_in_and_the_display_controls(qtbot, built: Built,
                                                                 tmp_path: Path) -> None:
    keys = StandaloneKeySource.from_file(built.key_path, b"exam-key-test-passphrase",
                                         tmp_path / "data")
    ctrl = KioskController(KioskContext(built.package, keys, FakeClock(), TOKEN))
    qtbot.addWidget(ctrl.window)
    ctrl.window.show()
    qtbot.waitExposed(ctrl.window)
    try:
        login = ctrl.login
        chain = [login.language_buttons["en"]]
        for _ in range(3):
            chain.append(chain[-1].nextInFocusChain())
            while not chain[-1].focusPolicy() & Qt.FocusPolicy.TabFocus:
                chain[-1] = chain[-1].nextInFocusChain()
        assert chain[1:] == [login.contrast, login.smaller, login.larger]
        login.larger.setFocus()
        qtbot.keyClick(login.larger, Qt.Key.Key_Space)
        assert ctrl.theme.percent == 125 and login.size_label.text() == "125%"
    finally:
        ctrl.close()
        ctrl.translations.use("en")
        font = QApplication.font()
        font.setPointSizeF(ctrl.theme.base_point_size)
        QApplication.setFont(font)
