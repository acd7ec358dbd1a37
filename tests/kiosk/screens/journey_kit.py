"""A kiosk controller over the small in-memory package (three sections: free, forward-only,
makalah), with a real encrypted store and a fake clock, and helpers to drive it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractButton, QWidget

from exam_bank.crypto.examkey import ExamKey
from exam_bank.exam_package import ExamPackage
from kiosk.app import KioskContext, KioskController
from kiosk.engine import FakeClock
from kiosk.keysource import StandaloneKeySource
from tests.kiosk.engine.kit import EXAM, PACKAGE, PINS, TOKEN

NUMBER = "P-0001"


def make_controller(qtbot, data: Path, clock: FakeClock, language: str = "id",
                    size: tuple[int, int] = (1366, 768),
                    package: ExamPackage = PACKAGE) -> KioskController:
    keys = StandaloneKeySource(ExamKey.of(EXAM, b"k" * 32), data)
    ctrl = KioskController(KioskContext(package, keys, clock, TOKEN, language))
    ctrl.timer.stop()  # the tests tick by hand, after moving the fake clock
    qtbot.addWidget(ctrl.window)
    ctrl.window.resize(*size)
    ctrl.window.show()
    qtbot.waitExposed(ctrl.window)
    return ctrl


def click(qtbot, button: QAbstractButton) -> None:
    # A candidate's click comes after the new screen is shown and laid out; so here.
    qtbot.waitUntil(lambda: button.isVisible() and not button.size().isEmpty(),
                    timeout=2000)
    assert button.isEnabled(), button.text()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def sign_in(qtbot, ctrl: KioskController, pin: str | None = None,
            token: str = TOKEN) -> None:
    screen = ctrl.login
    for field, text in ((screen.participant, NUMBER), (screen.pin, pin or PINS[NUMBER]),
                        (screen.token, token)):
        field.clear()
        qtbot.keyClicks(field, text)
    click(qtbot, screen.submit)


def to_first_item(qtbot, ctrl: KioskController) -> None:
    sign_in(qtbot, ctrl)
    click(qtbot, ctrl.identity.confirm)
    assert ctrl.window.currentWidget() is ctrl.rules
    qtbot.keyClick(ctrl.rules.agree, Qt.Key.Key_Space)
    click(qtbot, ctrl.rules.proceed)
    assert ctrl.window.currentWidget() is ctrl.intro
    click(qtbot, ctrl.intro.begin)
    assert ctrl.window.currentWidget() is ctrl.item


def clipped(root: QWidget) -> list[str]:
    """Visible widgets squeezed below the size they need (buttons: their text's width)."""
    bad = []
    for child in root.findChildren(QWidget):
        if not child.isVisible() or child.window() is not root.window():
            continue
        need = child.minimumSizeHint()
        if isinstance(child, QAbstractButton) and child.text() and (
                child.width() < child.fontMetrics().horizontalAdvance(child.text())):
            bad.append(f"{type(child).__name__} {child.text()!r} {child.width()}")
        elif child.height() < need.height() or child.width() < need.width():
            bad.append(f"{type(child).__name__} {child.objectName()!r} "
                       f"{child.size().toTuple()} < {need.toTuple()}")
    return bad


def unnamed(root: QWidget) -> list[str]:
    """Visible controls a screen reader could not name."""
    return [f"{type(w).__name__} {w.text()!r}" for w in root.findChildren(QAbstractButton)
            if w.isVisible() and not w.accessibleName()]


def to_makalah(qtbot, ctrl: KioskController) -> None:
    """Through the two item sections into the makalah, as a candidate would."""
    to_first_item(qtbot, ctrl)
    for _ in range(2):
        ctrl.on_review()
        click(qtbot, ctrl.review.submit)
        click(qtbot, ctrl.review.yes)
        click(qtbot, ctrl.intro.begin)
    assert ctrl.makalah is not None and ctrl.window.currentWidget() is ctrl.makalah
