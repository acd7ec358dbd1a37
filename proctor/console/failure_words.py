"""A failure on the console, in the proctor's words: the words for its code in the frame
("Not sent: …"), the exception's own system English only in the tooltip and the log, for
the technician (`exam_bank.failure`)."""

from __future__ import annotations

import logging

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QLabel

from exam_bank.failure import Failure, classify, detail
from proctor.console.style import show_text
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
            Failure.WRONG_KEY: self.tr("the key or passphrase does not open the proctor's "
                                       "record"),
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

    def tip(self, exc: BaseException) -> str:
        return self.tr("Technical detail (English): {detail}").format(detail=detail(exc))


def show_failure(label: QLabel, text: str, exc: BaseException, tip: str) -> None:
    """`text` (a frame around the failure's words) in `label`; the system's own words in
    its tooltip (`tip`) and in the log."""
    log.warning("%s [%s]", text, detail(exc))
    show_text(label, text)
    label.setToolTip(tip)
    label.setAccessibleDescription(tip)
