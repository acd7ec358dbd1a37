"""A failure on the console, in the proctor's words: the words for its code in the frame
("Not sent: …"), the exception's own system English only in the tooltip and the log, for
the technician (`exam_bank.failure`)."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QLayout,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from exam_bank.failure import Failure, classify, detail
from proctor.console.style import STYLE, make_button, make_label, show_text
from proctor.replica import ReplicaError

log = logging.getLogger("ujikom.console")


def failure_of(exc: BaseException) -> Failure:
    """The console's own errors first, then what any exception is."""
    if isinstance(exc, ReplicaError):
        return Failure.WRONG_KEY if "passphrase" in str(exc) or "key" in str(exc) \
            else Failure.DATABASE
    return classify(exc)


class FailureWords(QObject):
    """The words for each failure code (one instance per widget that shows failures)."""

    def words(self, code: Failure) -> str:
        return {
            Failure.DISK_FULL: self.tr("the disk of this PC is full: free some space, then "
                                       "try again"),
            Failure.NO_PERMISSION: self.tr("this PC does not allow using that file or "
                                           "folder: choose another place"),
            Failure.NOT_FOUND: self.tr("a file or folder it needs is not there: check the "
                                       "name and the place"),
            Failure.FILE_UNUSABLE: self.tr("a file it needs is damaged or not the right "
                                           "kind"),
            Failure.CERTIFICATE: self.tr("the certificate is not accepted or is not a "
                                         "certificate"),
            Failure.WRONG_KEY: self.tr("the passphrase does not open this lab's keys or "
                                       "the proctor's record"),
            Failure.PORT_IN_USE: self.tr("another program uses the lab server's port (is a "
                                         "console already open?)"),
            Failure.DATABASE: self.tr("the proctor's record cannot be used: call the "
                                      "technician"),
            Failure.SERVER_DOWN: self.tr("the lab server on this PC does not answer: try "
                                         "again, or restart the console"),
            Failure.CONNECTION: self.tr("the connection was refused or lost: check the "
                                        "network"),
            Failure.INCOMPLETE: self.tr("the request is incomplete or not allowed now"),
            Failure.OTHER: self.tr("an unexpected error on this PC: call the technician"),
        }[code]

    def certificate(self, path: str) -> str:
        """The office certificate chosen for sealing cannot be used."""
        return self.tr("{file} is not a usable office certificate: choose the admin.pem the "
                       "office gave this lab").format(file=path)

    def cannot_start(self, code: Failure) -> str:
        return self.tr("The console cannot start: {error}").format(error=self.words(code))

    def tip(self, exc: BaseException) -> str:
        return self.tr("Technical detail (English): {detail}").format(detail=detail(exc))


def start_failure(exc: BaseException) -> QDialog:
    """The console could not start (`ujikom proctor console`): what the proctor reads, with
    the system's words behind "Details" (and on stderr, where the command says them)."""
    words = FailureWords()
    return FailureDialog(words.cannot_start(failure_of(exc)), detail(exc))


class FailureDialog(QDialog):
    """The words, one button, and the technician's detail behind a "Details" toggle."""

    def __init__(self, text: str, technical: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("console")
        self.setStyleSheet(STYLE)
        self.setWindowTitle(self.tr("Ujikom \u2014 proctor console"))
        self.text = make_label("error", wrap=True)
        self.text.setText(text)
        self.text.setMinimumWidth(self.fontMetrics().averageCharWidth() * 60)
        self.details_button = make_button("details", checkable=True)
        self.details_button.setText(self.tr("Details (for the technician)"))
        self.detail = QPlainTextEdit(technical)
        self.detail.setReadOnly(True)
        self.detail.setVisible(False)
        self.details_button.toggled.connect(self._show_detail)
        self.close_button = make_button("close", kind="primary")
        self.close_button.setText(self.tr("Close"))
        self.close_button.clicked.connect(self.accept)
        buttons = QHBoxLayout()
        buttons.addWidget(self.details_button)
        buttons.addStretch(1)
        buttons.addWidget(self.close_button)
        box = QVBoxLayout(self)
        box.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)  # never cut the words
        box.addWidget(self.text)
        box.addLayout(buttons)
        box.addWidget(self.detail)

    def _show_detail(self, shown: bool) -> None:
        self.detail.setVisible(shown)
        self.adjustSize()


def show_failure(label: QLabel, text: str, exc: BaseException, tip: str) -> None:
    """`text` (a frame around the failure's words) in `label`; the system's own words in
    its tooltip (`tip`) and in the log."""
    log.warning("%s [%s]", text, detail(exc))
    show_text(label, text)
    label.setToolTip(tip)
    label.setAccessibleDescription(tip)
