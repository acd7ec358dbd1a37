"""The lockdown's few widgets and words: the proctor's unlock dialog, the cover for
unused screens, and the calm notices the kiosk shows (the kiosk app decides where)."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtWidgets import QDialog, QHBoxLayout, QLineEdit, QWidget

from kiosk.lockdown.detectors import Finding, Kind
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
    refused calmly, the field cleared, and `refused(count)` emitted."""

    refused = Signal(int)  # wrong attempts so far

    def __init__(self, verify: Callable[[str], bool] | None,
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._verify = verify  # None: no unlock code configured on this kiosk
        self.wrong = 0
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

    def changeEvent(self, event: QEvent) -> None:
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
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
        if self.wrong:
            self.error.setText(self.tr("That code is not correct (wrong attempt {n}).")
                               .format(n=self.wrong))
            self.error.setAccessibleName(self.error.text())

    def _try(self) -> None:
        if self._verify is None:
            return
        if self._verify(self.code.text()):
            self.accept()
            return
        self.wrong += 1
        self.code.clear()
        self.error.show()
        self._retranslate()
        self.refused.emit(self.wrong)
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
