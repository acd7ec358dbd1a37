"""What a candidate reads when the exam cannot start on this PC, or when something goes
wrong during it: words for the failure's kind (`exam_bank.failure`), never the system's
own English; that stays behind "Details" and in the log, for the technician."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLayout,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from exam_bank.failure import Failure
from kiosk.screens.style import STYLE, make_button, make_label


class FailureWords(QWidget):
    """The kiosk's words for failures (a widget only to be a tr() context)."""

    def cannot_start(self, code: Failure) -> str:
        return self.tr("The exam cannot start on this computer. Please call the proctor.") + \
            "\n\n" + self.why(code)

    def setup_fault(self, what: str) -> str:
        """A setup fault already says what is wrong and what to do (`what`)."""
        return self.tr("The exam cannot start on this computer: {what}").format(what=what)

    def why(self, code: Failure) -> str:
        match code:
            case Failure.DISK_FULL:
                return self.tr("The disk of this computer is full.")
            case Failure.WRONG_KEY:
                return self.tr("The exam key or its passphrase does not fit this exam "
                               "package.")
            case Failure.NOT_FOUND | Failure.NO_PERMISSION | Failure.FILE_UNUSABLE:
                return self.tr("A file the exam needs is missing or cannot be read on this "
                               "computer.")
            case Failure.CERTIFICATE | Failure.CONNECTION | Failure.SERVER_DOWN:
                return self.tr("This computer cannot connect to the proctor's computer.")
            case Failure.DATABASE:
                return self.tr("The exam data on this computer cannot be used.")
            case Failure.INCOMPLETE:
                return self.tr("The kiosk's settings on this computer are incomplete.")
        return self.tr("An unexpected error happened on this computer.")

    def unexpected(self) -> str:
        """Something went wrong during the exam (the top-level exception hook)."""
        return self.tr("Something went wrong on this computer. If the screen does not "
                       "respond, please call the proctor; your earlier answers are safe.")


class FailureDialog(QDialog):
    """The words, one button, and the technician's detail behind a "Details" toggle."""

    def __init__(self, text: str, detail: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Ujikom")
        self.text = make_label(wrap=True)
        self.text.setText(text)
        self.text.setAccessibleName(text)
        self.details_button = make_button("details")
        self.details_button.setCheckable(True)
        self.details_button.setText(self.tr("Details (for the technician)"))
        self.detail = QPlainTextEdit(detail)
        self.detail.setReadOnly(True)
        self.detail.setAccessibleName(self.tr("Technical detail (English)"))
        self.detail.setVisible(False)
        self.details_button.toggled.connect(self._show_detail)
        self.close_button: QPushButton = make_button("primary", primary=True)
        self.close_button.setText(self.tr("Close"))
        self.close_button.clicked.connect(self.accept)
        self.close_button.setDefault(True)
        buttons = QHBoxLayout()
        buttons.addWidget(self.details_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        box = QVBoxLayout(self)
        box.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)  # never cut the words
        box.addWidget(self.text)
        box.addLayout(buttons)
        box.addWidget(self.detail)
        self.setStyleSheet(STYLE)  # a window of its own: the kiosk's look, not the system's
        self.text.setMinimumWidth(self.fontMetrics().averageCharWidth() * 60)

    def _show_detail(self, shown: bool) -> None:
        self.detail.setVisible(shown)
        self.adjustSize()
