"""The Qt side driven for real: window rules, the key filter on a real widget, closing only
with the proctor's code, focus changes, and guard findings turned into incidents."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

import pytest
from PySide6.QtCore import QEvent, Qt, QTimer
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import QApplication, QLineEdit, QVBoxLayout, QWidget

from kiosk.config import LockdownConfig
from kiosk.lockdown import Kind, Lockdown, LockdownHooks
from kiosk.lockdown.detectors import ProcInfo, ScreenInfo
from kiosk.lockdown.unlock import hash_unlock_code
from kiosk.lockdown.widgets import UnlockDialog
from tests.kiosk.lockdown.fakes import FakeMachine

pytestmark = pytest.mark.gui

K = Qt.Key
M = Qt.KeyboardModifier
CODE = "pengawas-lab-3"
CODE_HASH = hash_unlock_code(CODE)


@dataclass
class Recorder:
    calls: list[tuple[str, ...]] = field(default_factory=list)

    def hooks(self) -> LockdownHooks:
        return LockdownHooks(
            incident=lambda kind, evidence: self.calls.append(("incident", kind, evidence)),
            focus_lost=lambda: self.calls.append(("focus_lost",)),
            focus_regained=lambda: self.calls.append(("focus_regained",)),
            notice=lambda text: self.calls.append(("notice", text)))

    def of(self, what: str) -> list[tuple[str, ...]]:
        return [c for c in self.calls if c[0] == what]

    def incidents(self, kind: str) -> list[str]:
        return [c[2] for c in self.of("incident") if c[1] == kind]


@dataclass
class Kit:
    window: QWidget
    edit: QLineEdit
    lock: Lockdown
    rec: Recorder
    machine: FakeMachine
    focused: list[bool]


def make_kit(qtbot, *, windowed: bool = True, code_hash: str | None = CODE_HASH) -> Kit:
    window = QWidget()
    edit = QLineEdit(window)
    edit.setAccessibleName("answer")
    QVBoxLayout(window).addWidget(edit)
    qtbot.addWidget(window)
    window.resize(800, 600)
    window.show()
    qtbot.waitExposed(window)
    rec, machine, focused = Recorder(), FakeMachine(), [True]
    lock = Lockdown(window, rec.hooks(), LockdownConfig(unlock_code_hash=code_hash),
                    machine.probes(), windowed=windowed, app_focused=lambda: focused[0])
    lock.start()
    edit.setFocus()
    return Kit(window, edit, lock, rec, machine, focused)


@pytest.fixture
def kit(qtbot) -> Iterator[Kit]:
    made = make_kit(qtbot)
    yield made
    made.lock.stop()
    made.lock.unlocked = True  # let qtbot close the window


def with_dialog(action: Callable[[UnlockDialog], None]) -> None:
    """Acts on the unlock dialog once `request_quit`'s exec() is running; a failing
    action closes the dialog (so exec() returns) and pytest-qt reports the error."""
    def act() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, UnlockDialog)
        try:
            action(dialog)
        except BaseException:
            dialog.reject()
            raise
    QTimer.singleShot(0, act)


def test_full_screen_frameless_on_top_unless_windowed(qtbot) -> None:
    kit = make_kit(qtbot, windowed=False)
    flags = kit.window.windowFlags()
    assert flags & Qt.WindowType.FramelessWindowHint
    assert flags & Qt.WindowType.WindowStaysOnTopHint
    assert kit.window.isFullScreen()
    kit.lock.stop()
    kit.lock.unlocked = True
    dev = make_kit(qtbot, windowed=True)
    assert not dev.window.windowFlags() & Qt.WindowType.FramelessWindowHint
    assert not dev.window.isFullScreen()
    dev.lock.stop()
    dev.lock.unlocked = True


def test_closing_shortcuts_are_swallowed_and_typing_goes_through(qtbot, kit: Kit) -> None:
    quit_action = QAction(kit.window)  # a shortcut some screen might define one day
    quit_action.setShortcut(QKeySequence("Ctrl+Q"))
    kit.window.addAction(quit_action)
    triggered: list[bool] = []
    quit_action.triggered.connect(lambda: triggered.append(True))
    qtbot.keyClicks(kit.edit, "jawaban")
    for key, mods in ((K.Key_F4, M.AltModifier), (K.Key_Q, M.ControlModifier),
                      (K.Key_W, M.ControlModifier), (K.Key_Print, M.NoModifier),
                      (K.Key_Tab, M.AltModifier), (K.Key_Super_L, M.NoModifier),
                      (K.Key_F2, M.ControlModifier | M.AltModifier)):
        qtbot.keyClick(kit.edit, key, mods)
    qtbot.keyClicks(kit.edit, " saya")
    assert kit.edit.text() == "jawaban saya"
    assert triggered == []
    assert kit.window.isVisible()
    # seven attempts, one incident this minute, naming the first key; one calm notice
    [evidence] = kit.rec.incidents(Kind.BLOCKED_KEY)
    assert evidence == "attempts=1 total=1 what=Alt+F4 (close)"
    assert kit.rec.of("notice") == [("notice", "That key is not available during the exam.")]
    assert kit.lock.attempts.totals[Kind.BLOCKED_KEY] == 7
    kit.machine.now += 61  # the next pass reports the ones held back, with their count
    kit.lock.check_now()
    [_, later] = kit.rec.incidents(Kind.BLOCKED_KEY)
    assert later.startswith("attempts=6 total=7 what=Ctrl+Q (close), Ctrl+W (close), Print")


def test_the_window_will_not_close_without_the_code(qtbot, kit: Kit) -> None:
    assert kit.window.close() is False
    assert kit.window.isVisible()
    assert len(kit.rec.incidents(Kind.CLOSE_REFUSED)) == 1


def test_a_wrong_code_is_refused_calmly_and_counted(qtbot, kit: Kit) -> None:
    seen: list[str] = []

    def wrong_then_cancel(dialog: UnlockDialog) -> None:
        qtbot.keyClicks(dialog.code, "tebak-tebak")
        qtbot.keyClick(dialog.code, K.Key_Return)
        seen.append(dialog.error.text())
        assert dialog.code.text() == ""  # cleared for the next try
        qtbot.mouseClick(dialog.cancel, Qt.MouseButton.LeftButton)

    with_dialog(wrong_then_cancel)
    assert kit.lock.request_quit() is False
    assert seen == ["That code is not correct (wrong attempt 1)."]
    assert kit.rec.incidents(Kind.UNLOCK_REFUSED) == [
        "attempts=1 total=1 what=wrong unlock code"]
    assert kit.window.close() is False


def test_the_right_code_lets_the_kiosk_close(qtbot, kit: Kit) -> None:
    def right(dialog: UnlockDialog) -> None:
        qtbot.keyClicks(dialog.code, CODE)
        qtbot.mouseClick(dialog.unlock, Qt.MouseButton.LeftButton)

    with_dialog(right)
    assert kit.lock.request_quit() is True
    assert kit.rec.of("focus_lost") == []  # our own dialog is not the candidate leaving
    assert kit.window.close() is True


def test_without_a_configured_code_full_screen_cannot_be_unlocked(qtbot) -> None:
    kit = make_kit(qtbot, windowed=False, code_hash=None)
    states: list[bool] = []

    def look(dialog: UnlockDialog) -> None:
        states.append(dialog.unlock.isEnabled() or dialog.code.isVisible())
        states.append(dialog.explain.text().startswith("No unlock code is set"))
        qtbot.keyClick(dialog.cancel, Qt.Key.Key_Escape)

    with_dialog(look)
    assert kit.lock.request_quit() is False
    assert states == [False, True]
    kit.lock.stop()
    kit.lock.unlocked = True


def test_windowed_development_without_a_code_quits_freely(qtbot) -> None:
    kit = make_kit(qtbot, windowed=True, code_hash=None)
    assert kit.lock.request_quit() is True
    kit.lock.stop()


def test_leaving_the_application_calls_the_focus_hooks_once(qtbot, kit: Kit) -> None:
    app = QApplication.instance()
    app.applicationStateChanged.emit(Qt.ApplicationState.ApplicationInactive)
    app.applicationStateChanged.emit(Qt.ApplicationState.ApplicationHidden)
    app.applicationStateChanged.emit(Qt.ApplicationState.ApplicationActive)
    assert [c for c in kit.rec.calls if c[0] != "notice"] == [("focus_lost",),
                                                               ("focus_regained",)]
    assert kit.rec.of("notice")[-1][1].startswith("Welcome back to the exam.")


def test_window_deactivation_counts_only_when_no_kiosk_window_has_focus(qtbot,
                                                                         kit: Kit) -> None:
    QApplication.sendEvent(kit.window, QEvent(QEvent.Type.WindowDeactivate))
    qtbot.wait(20)
    assert kit.rec.of("focus_lost") == []  # e.g. our own dialog took the focus
    kit.focused[0] = False  # now another program has it
    QApplication.sendEvent(kit.window, QEvent(QEvent.Type.WindowDeactivate))
    qtbot.waitUntil(lambda: kit.rec.of("focus_lost") != [], timeout=1000)
    kit.focused[0] = True
    QApplication.sendEvent(kit.window, QEvent(QEvent.Type.WindowActivate))
    qtbot.waitUntil(lambda: kit.rec.of("focus_regained") != [], timeout=1000)
    assert len(kit.rec.of("focus_lost")) == 1


def test_guard_findings_become_incidents_and_calm_notices(qtbot, kit: Kit) -> None:
    qtbot.waitUntil(lambda: kit.lock.guards._vm_checked, timeout=1000)  # the first pass
    assert kit.rec.calls == []  # a clean lab PC: nothing at all
    kit.machine.procs.append(ProcInfo(555, "anydesk", "/usr/bin/anydesk"))
    kit.machine.screens.append(ScreenInfo("DP-2", "1920x1080+1366+0"))
    kit.lock.check_now()
    kit.lock.check_now()  # still there: not reported twice
    assert kit.rec.incidents(Kind.FORBIDDEN_PROCESS) == [
        "name=anydesk pid=555 exe=/usr/bin/anydesk"]
    assert kit.rec.incidents(Kind.EXTRA_SCREEN) == [
        "screen=DP-2 geometry=1920x1080+1366+0 screens=2"]
    notices = [c[1] for c in kit.rec.of("notice")]
    assert any("(anydesk)" in n and "proctor has been informed" in n for n in notices)
    assert any(n.startswith("A second screen is connected.") for n in notices)
    assert kit.window.isVisible()  # a warning, never a block


def test_the_guards_run_on_the_timer(qtbot, kit: Kit) -> None:
    kit.lock.timer.setInterval(10)
    kit.machine.mounts.append(kit.machine.mounts[0].__class__("/dev/sdb1", "/media/u/X", True))
    qtbot.waitUntil(lambda: kit.rec.incidents(Kind.REMOVABLE_DRIVE) != [], timeout=2000)


def test_stop_removes_the_key_filter(qtbot, kit: Kit) -> None:
    kit.lock.stop()
    qtbot.keyClick(kit.edit, K.Key_Print)
    assert kit.rec.of("incident") == []


def test_the_dialog_works_from_the_keyboard_alone(qtbot, kit: Kit) -> None:
    order: list[str] = []

    def keyboard(dialog: UnlockDialog) -> None:
        assert dialog.focusWidget() is dialog.code  # typing starts at once
        for widget in (dialog.code, dialog.unlock, dialog.cancel):
            assert widget.accessibleName()
        order.append(dialog.code.nextInFocusChain().accessibleName())
        qtbot.keyClicks(dialog.code, CODE)
        qtbot.keyClick(dialog.code, K.Key_Return)

    with_dialog(keyboard)
    assert kit.lock.request_quit() is True
    assert order == ["Close the application"]


def test_a_release_by_the_proctor_allows_closing_without_the_code(qtbot, kit: Kit) -> None:
    assert kit.window.close() is False
    kit.lock.release()
    assert kit.window.close() is True


def test_a_screen_plugged_in_is_reported_at_once_not_at_the_next_pass(qtbot,
                                                                       kit: Kit) -> None:
    qtbot.waitUntil(lambda: kit.lock.guards._vm_checked, timeout=1000)
    kit.lock.timer.stop()  # no pass will run: only Qt's signal can report it
    kit.machine.screens.append(ScreenInfo("HDMI-2", "1280x1024+1366+0"))
    QApplication.instance().screenAdded.emit(QGuiApplication.primaryScreen())
    assert kit.rec.incidents(Kind.EXTRA_SCREEN) == [
        "screen=HDMI-2 geometry=1280x1024+1366+0 screens=2"]
