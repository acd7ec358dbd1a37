"""The lockdown's few widgets and words: the proctor's unlock dialog, the cover for
unused screens, and the calm notices the kiosk shows (the kiosk app decides where)."""

from __future__ import annotations

import math
from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLineEdit, QWidget

from kiosk.lockdown.detectors import Finding, Kind
from kiosk.lockdown.quitgate import QuitGate, Verdict
from kiosk.screens.style import STYLE, centered_card, enlarge, make_button, make_label


class LockdownNotices(QObject):
    """The candidate-facing words for each lockdown event, in the current language."""

    def for_finding(self, finding: Finding) -> str:
        if finding.kind == Kind.FORBIDDEN_PROCESS:
            return self.tr("A program that is not allowed during the exam is running "
                           "({name}). The proctor has been informed; please do not use it."
                           ).format(name=finding.key)
        texts = {
            Kind.EXTRA_SCREEN: self.tr("A second screen is connected. The proctor has been "
                                       "informed; you may continue the exam."),
            Kind.NEW_NETWORK_INTERFACE: self.tr("A new network connection appeared. The "
                                                "proctor has been informed; you may continue "
                                                "the exam."),
            Kind.REMOVABLE_DRIVE: self.tr("A removable drive (such as a flash drive) is "
                                          "connected. The proctor has been informed; you may "
                                          "continue the exam."),
            Kind.VIRTUAL_MACHINE: self.tr("This computer runs the exam in a virtual machine. "
                                          "The proctor has been informed; you may continue "
                                          "the exam."),
        }
        return texts.get(finding.kind, self.tr("The proctor has been informed; you may "
                                               "continue the exam."))

    def blocked_key(self) -> str:
        return self.tr("That key is not available during the exam.")

    def close_refused(self) -> str:
        return self.tr("The exam application stays open until the exam ends. Please ask "
                       "the proctor if you need help.")

    def welcome_back(self) -> str:
        return self.tr("Welcome back to the exam. Leaving the exam window is recorded for "
                       "the proctor.")


class UnlockDialog(QDialog):
    """Asks the proctor for the unlock code. `verify(code)` decides; a wrong code is
    refused calmly, the field cleared, and `refused(count)` emitted. With a `gate` the
    tries are limited (`kiosk.lockdown.quitgate`): the last wrong one emits `locked_out`
    and the field stays disabled until the gate opens again. `session_code`: the code is
    the session's quit code from the proctor's console ("Kode keluar pengawas"), not
    kiosk.toml's unlock code. Nothing shown depends on the code typed."""

    refused = Signal(int)  # wrong attempts so far
    locked_out = Signal(int)  # wrong attempts in all, when the gate just locked

    def __init__(self, verify: Callable[[str], bool] | None,
                 parent: QWidget | None = None, *, gate: QuitGate | None = None,
                 session_code: bool = False) -> None:
        super().__init__(parent)
        self._verify = verify  # None: no unlock code configured on this kiosk
        self._gate = gate
        self.session_code = session_code
        self.wrong = 0
        self._reopen = QTimer(self)  # gives the field back when the lockout ends
        self._reopen.setSingleShot(True)
        self._reopen.timeout.connect(self._show_lock)
        self.setObjectName("kioskScreen")
        self.setStyleSheet(STYLE)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.setModal(True)
        self.title = make_label("title", wrap=True, center=True)
        enlarge(self.title, 1.3)
        self.explain = make_label("subtitle", wrap=True)
        self.field_label = make_label("fieldLabel")
        self.code = QLineEdit()
        self.code.setEchoMode(QLineEdit.EchoMode.Password)
        self.code.setMaxLength(128)
        self.field_label.setBuddy(self.code)
        self.error = make_label("error", wrap=True)
        # Qt lays out a wrapped label without its style-sheet padding and then clips the
        # second line; a QLabel margin is counted, so the padding moves there.
        self.error.setStyleSheet("QLabel#error { padding: 0; }")
        self.error.setMargin(self.fontMetrics().height() // 2)
        self.error.hide()
        self.unlock = make_button("primary", primary=True)
        self.cancel = make_button("secondary")
        self.unlock.clicked.connect(self._try)
        # Enter needs no returnPressed handler: the dialog clicks its default button.
        self.cancel.clicked.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.field_label)
        row.addWidget(self.code, 1)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        buttons.addWidget(self.cancel)
        buttons.addWidget(self.unlock)
        centered_card(self, [self.title, self.explain, row, self.error, buttons], 52)
        self.setTabOrder(self.code, self.unlock)
        self.setTabOrder(self.unlock, self.cancel)
        if verify is None:  # nothing to type: only the explanation and Cancel
            for widget in (self.field_label, self.code, self.unlock):
                widget.setEnabled(False)
                widget.hide()
        else:
            self.code.setFocus()  # the proctor types at once
        self._retranslate()
        self._show_lock()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        if self.session_code:
            self._retranslate_session_code()
            return
        self.setWindowTitle(self.tr("Close the exam application"))
        self.title.setText(self.tr("Close the exam application"))
        if self._verify is None:
            self.explain.setText(self.tr("No unlock code is set on this kiosk (kiosk.toml). "
                                         "Please ask the lab technician."))
        else:
            self.explain.setText(self.tr("For the proctor: enter the unlock code to close "
                                         "the exam application. The candidate's answers "
                                         "stay saved."))
        self.field_label.setText(self.tr("Unlock &code"))
        self.code.setAccessibleName(self.tr("Unlock code"))
        self.unlock.setText(self.tr("Close the application"))
        self.unlock.setAccessibleName(self.tr("Close the application"))
        self.cancel.setText(self.tr("Cancel"))
        self.cancel.setAccessibleName(self.tr("Cancel"))
        self.setAccessibleName(self.tr("Close the exam application"))
        self._retranslate_error()

    def _retranslate_session_code(self) -> None:
        self.setWindowTitle(self.tr("Proctor's exit code"))
        self.title.setText(self.tr("Proctor's exit code"))
        self.explain.setText(self.tr("For the proctor: type the session's exit code (shown "
                                     "on the proctor's console) to close the exam "
                                     "application. The candidate's answers stay saved and "
                                     "the exit is recorded."))
        self.field_label.setText(self.tr("Exit &code"))
        self.code.setAccessibleName(self.tr("Exit code"))
        self.unlock.setText(self.tr("Close the application"))
        self.unlock.setAccessibleName(self.tr("Close the application"))
        self.cancel.setText(self.tr("Cancel"))
        self.cancel.setAccessibleName(self.tr("Cancel"))
        self.setAccessibleName(self.tr("Proctor's exit code"))
        self._retranslate_error()

    def _retranslate_error(self) -> None:
        locked = self._gate.locked_for() if self._gate is not None else 0.0
        if locked > 0:
            self.error.setText(self.tr("Too many wrong codes. The proctor has been informed; "
                                       "try again in {n} minutes.")
                               .format(n=max(1, math.ceil(locked / 60))))
        elif self.wrong:
            self.error.setText(self.tr("That code is not correct (wrong attempt {n}).")
                               .format(n=self.wrong))
        else:
            return
        self.error.setAccessibleName(self.error.text())

    def _show_lock(self) -> None:
        """Field and button off while the gate is locked, on again when it opens."""
        if self._verify is None:
            return
        locked = self._gate.locked_for() if self._gate is not None else 0.0
        for widget in (self.code, self.unlock):
            widget.setEnabled(locked <= 0)
        if locked > 0:
            self.error.show()
            self._reopen.start(math.ceil(locked * 1000) + 50)
            self.cancel.setFocus()
        else:
            self.code.setFocus()
        self._retranslate()

    def _try(self) -> None:
        if self._verify is None:
            return
        code = self.code.text()
        self.code.clear()
        if self._gate is None:
            verdict = Verdict.RIGHT if self._verify(code) else Verdict.WRONG
        else:
            verdict = self._gate.check(code, self._verify)
        if verdict == Verdict.RIGHT:
            self.accept()
            return
        if verdict == Verdict.LOCKED:
            self._show_lock()
            return
        self.wrong += 1
        self.error.show()
        self._retranslate()
        self.refused.emit(self.wrong)
        if verdict == Verdict.LOCKED_OUT:
            assert self._gate is not None
            self.locked_out.emit(self._gate.total_wrong)
            self._show_lock()
            return
        self.code.setFocus()


class CoverWindow(QWidget):
    """Fills a screen the exam does not use, so nothing else can be shown there."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("kioskScreen")
        self.setStyleSheet(STYLE)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.title = make_label("title", wrap=True, center=True)
        enlarge(self.title, 1.6)
        self.subtitle = make_label("subtitle", wrap=True, center=True)
        centered_card(self, [self.title, self.subtitle], 48)
        self._retranslate()

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.title.setText(self.tr("This screen is not used"))
        self.subtitle.setText(self.tr("The exam is on the main screen."))
        self.setAccessibleName(self.title.text())
