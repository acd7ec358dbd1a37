"""`Lockdown`: the thin Qt part that applies the window rules, filters keys, watches
focus and screens, and runs the guards on a timer. The contract is in `kiosk.lockdown`."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QEvent, QObject, Qt, QTimer
from PySide6.QtGui import QGuiApplication, QScreen
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.config import LockdownConfig
from kiosk.lockdown.detectors import Finding, Kind, ScreenInfo
from kiosk.lockdown.guards import Guards
from kiosk.lockdown.keys import KeyFilter
from kiosk.lockdown.ledger import AttemptCounter
from kiosk.lockdown.probes import Probes
from kiosk.lockdown.quitgate import QuitGate
from kiosk.lockdown.unlock import verify_unlock_code
from kiosk.lockdown.widgets import CoverWindow, LockdownNotices, UnlockDialog

log = logging.getLogger(__name__)


@dataclass
class LockdownHooks:
    """What the lockdown tells the kiosk; the kiosk app binds them to the session and screen."""

    incident: Callable[[str, str], None]  # (kind, evidence) -> Session.report_incident
    focus_lost: Callable[[], None]
    focus_regained: Callable[[], None]
    notice: Callable[[str], None]  # a calm, translated message for the candidate


def qt_screens() -> list[ScreenInfo]:
    """The primary screen first: it shows the exam; every other one is extra."""
    primary = QGuiApplication.primaryScreen()
    ordered = sorted(QGuiApplication.screens(), key=lambda s: s is not primary)
    return [ScreenInfo(s.name() or f"screen{i}", _geometry(s)) for i, s in enumerate(ordered)]


def _geometry(screen: QScreen) -> str:
    g = screen.geometry()
    return f"{g.width()}x{g.height()}+{g.x()}+{g.y()}"


def qt_app_focused() -> bool:
    """True while one of the kiosk's own windows (the exam, a dialog) has the focus."""
    return (QGuiApplication.applicationState() == Qt.ApplicationState.ApplicationActive
            and QGuiApplication.focusWindow() is not None)


class Lockdown(QObject):
    def __init__(self, window: QWidget, hooks: LockdownHooks, config: LockdownConfig,
                 probes: Probes | None = None, *, windowed: bool = False,
                 app_focused: Callable[[], bool] = qt_app_focused) -> None:
        super().__init__(window)
        self.window = window
        self.hooks = hooks
        self.config = config
        self.windowed = windowed
        self.probes = probes or Probes()
        if self.probes.screens is None:
            self.probes.screens = qt_screens
        self.guards = Guards(config, self.probes)
        self.attempts = AttemptCounter(self.probes.clock)
        self.notices = LockdownNotices(self)
        self.key_filter = KeyFilter(self._blocked, on_exit_keys=self._exit_keys)
        self.gate = QuitGate(self.probes.clock)  # wrong codes count across dialogs
        self.exit_requested: Callable[[], None] | None = None  # the kiosk's exit keys slot
        self.quit_dialog: UnlockDialog | None = None
        self.covers: list[CoverWindow] = []
        self.unlocked = False
        self.focused = True
        self.running = False
        self._app_focused = app_focused
        self.timer = QTimer(self)
        self.timer.setInterval(round(config.check_interval_s * 1000))
        self.timer.timeout.connect(self.check_now)

    # -- the contract -------------------------------------------------------------------

    def start(self) -> None:
        """Applies the window rules (not in windowed mode), installs the key filter,
        starts watching focus and screens, and runs the first guard pass at once."""
        app = _app()
        if not self.windowed:
            self.window.setWindowFlags(self.window.windowFlags()
                                       | Qt.WindowType.FramelessWindowHint
                                       | Qt.WindowType.WindowStaysOnTopHint)
            primary = QGuiApplication.primaryScreen()  # the covers take the others
            self.window.setScreen(primary)
            self.window.setGeometry(primary.geometry())
            self.window.showFullScreen()
        app.installEventFilter(self.key_filter)
        self.window.installEventFilter(self)
        app.applicationStateChanged.connect(self._state_changed)
        app.screenAdded.connect(self._screens_changed)
        app.screenRemoved.connect(self._screens_changed)
        self.guards.start()
        self._place_covers()
        self.running = True
        self.timer.start()
        QTimer.singleShot(0, self.check_now)

    def request_quit(self, parent: QWidget | None = None) -> bool:
        """Asks for the proctor's unlock code; True: the caller may close the window and
        quit. In windowed development mode with no code configured, quitting is free."""
        if self.windowed and not self.config.unlock_code_hash:
            self.unlocked = True
            return True
        dialog = UnlockDialog(self.unlock_code_check(), parent or self.window, gate=self.gate)
        dialog.refused.connect(self._unlock_refused)
        dialog.locked_out.connect(self._quit_locked_out)
        accepted = dialog.exec() == UnlockDialog.DialogCode.Accepted
        dialog.deleteLater()
        if accepted:
            self.unlocked = True
        return accepted

    def unlock_code_check(self) -> Callable[[str], bool] | None:
        """kiosk.toml's unlock code (None: none configured)."""
        code_hash = self.config.unlock_code_hash
        return (lambda code: verify_unlock_code(code_hash, code)) if code_hash else None

    def open_quit(self, verify: Callable[[str], bool] | None, on_right: Callable[[], None],
                  *, session_code: bool) -> UnlockDialog:
        """Opens the proctor's exit dialog without blocking the exam's event loop (the
        timer, the link and the guards keep running behind it). The right code calls
        `on_right` (the kiosk saves, records the exit and quits); wrong codes are
        incidents, each one (`Kind.QUIT_CODE_REFUSED`), and the gate's lockout another
        (`Kind.QUIT_CODE_LOCKOUT`). One dialog at a time."""
        if self.quit_dialog is not None:
            self.quit_dialog.raise_()
            self.quit_dialog.activateWindow()
            return self.quit_dialog
        dialog = UnlockDialog(verify, self.window, gate=self.gate, session_code=session_code)
        self.quit_dialog = dialog
        if session_code:
            dialog.refused.connect(self._quit_refused)
        else:
            dialog.refused.connect(self._unlock_refused)
        dialog.locked_out.connect(self._quit_locked_out)

        def right() -> None:
            self.unlocked = True
            on_right()

        dialog.accepted.connect(right)
        dialog.finished.connect(self._quit_dialog_closed)
        # Over the whole exam window: the card has room for its wrapped words at any font
        # size, and the exam is out of sight while the proctor types.
        dialog.setGeometry(self.window.frameGeometry())
        dialog.open()
        return dialog

    def _quit_dialog_closed(self, _result: int) -> None:
        if self.quit_dialog is not None:
            self.quit_dialog.deleteLater()
            self.quit_dialog = None

    def _exit_keys(self) -> None:
        if self.exit_requested is not None:
            self.exit_requested()

    def release(self) -> None:
        """Closing is allowed without the code: for a close the proctor ordered through
        the authenticated link (end of session), never for anything the candidate did."""
        self.unlocked = True

    def stop(self) -> None:
        if not self.running:
            return
        self.running = False
        self.timer.stop()
        app = _app()
        app.removeEventFilter(self.key_filter)
        self.window.removeEventFilter(self)
        app.applicationStateChanged.disconnect(self._state_changed)
        app.screenAdded.disconnect(self._screens_changed)
        app.screenRemoved.disconnect(self._screens_changed)
        self._clear_covers()

    # -- guards -------------------------------------------------------------------------

    def check_now(self) -> list[Finding]:
        """One guard pass; every new finding becomes an incident and a calm notice."""
        if not self.running:
            return []
        news = self.guards.check()
        for finding in news:
            self._report(finding)
        for kind, evidence in self.attempts.flush():
            self.hooks.incident(kind, evidence)
        return news

    def _report(self, finding: Finding) -> None:
        log.info("lockdown: %s %s", finding.kind, finding.evidence)
        self.hooks.incident(finding.kind, finding.evidence)
        self.hooks.notice(self.notices.for_finding(finding))

    def _screens_changed(self, _screen: QScreen | None = None) -> None:
        if not self.running:
            return
        for finding in self.guards.check_screens():
            self._report(finding)
        self._place_covers()

    def _place_covers(self) -> None:
        """One cover per screen besides the primary one (not in windowed mode)."""
        self._clear_covers()
        if self.windowed:
            return
        primary = QGuiApplication.primaryScreen()
        for screen in QGuiApplication.screens():
            if screen is primary:
                continue
            cover = CoverWindow()
            cover.setWindowFlags(Qt.WindowType.FramelessWindowHint
                                 | Qt.WindowType.WindowStaysOnTopHint)
            cover.setScreen(screen)
            cover.setGeometry(screen.geometry())
            cover.installEventFilter(self)
            cover.showFullScreen()
            self.covers.append(cover)
        if self.covers:
            self.window.activateWindow()  # a cover shown last must not keep the keyboard

    def _clear_covers(self) -> None:
        for cover in self.covers:
            cover.close()
            cover.deleteLater()
        self.covers.clear()

    # -- keys, closing, unlocking ----------------------------------------------------------

    def _blocked(self, reason: str, description: str) -> None:
        self._attempt(Kind.BLOCKED_KEY, f"{description} ({reason})", self.notices.blocked_key())

    def _unlock_refused(self, _count: int) -> None:
        self._attempt(Kind.UNLOCK_REFUSED, "wrong unlock code", None)

    def _quit_refused(self, _count: int) -> None:
        """Each wrong exit code at once (the gate allows only a few): the proctor sees
        "kode keluar salah" with the running count."""
        self.hooks.incident(Kind.QUIT_CODE_REFUSED, f"attempts={self.gate.total_wrong}")

    def _quit_locked_out(self, total: int) -> None:
        minutes = round(self.gate.lockout_s / 60)
        self.hooks.incident(Kind.QUIT_CODE_LOCKOUT, f"attempts={total} minutes={minutes}")

    def _attempt(self, kind: str, detail: str, notice: str | None) -> None:
        evidence = self.attempts.attempt(kind, detail)
        if evidence is not None:
            self.hooks.incident(kind, evidence)
            if notice:
                self.hooks.notice(notice)

    # -- focus --------------------------------------------------------------------------

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if watched is not self.window:
            if kind == QEvent.Type.WindowActivate:  # a click on a cover: back to the exam
                QTimer.singleShot(0, self.window.activateWindow)
            return False
        if kind == QEvent.Type.Close and not self.unlocked:
            event.ignore()
            self._attempt(Kind.CLOSE_REFUSED, "window close", self.notices.close_refused())
            return True
        if kind in (QEvent.Type.WindowDeactivate, QEvent.Type.WindowActivate):
            # Asked once the event loop settles: our own dialog taking the focus
            # deactivates the exam window too, and that is not the candidate leaving.
            QTimer.singleShot(0, self._recheck_focus)
        return False

    def _recheck_focus(self) -> None:
        self._set_focus(self._app_focused())

    def _state_changed(self, state: Qt.ApplicationState) -> None:
        self._set_focus(state == Qt.ApplicationState.ApplicationActive)

    def _set_focus(self, focused: bool) -> None:
        """Calls the hooks on a change only, however many events announce it."""
        if not self.running or focused == self.focused:
            return
        self.focused = focused
        if focused:
            self.hooks.focus_regained()
            self.hooks.notice(self.notices.welcome_back())
        else:
            self.hooks.focus_lost()


def _app() -> QApplication:
    app = QApplication.instance()
    if not isinstance(app, QApplication):
        raise RuntimeError("Lockdown needs a QApplication")
    return app
