"""The end: the receipt's short code, large, and a QR code of the submitted log's hash."""

from __future__ import annotations

import io
from dataclasses import dataclass

import segno
from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap
from PySide6.QtWidgets import QLabel, QWidget

from exam_bank.ids import ParticipantNo
from exam_bank.status_words import Progress
from kiosk.screens.base import KioskScreen, scrolled_card
from kiosk.screens.style import enlarge, make_label, status_word


@dataclass(frozen=True)
class ReceiptView:
    participant_no: ParticipantNo
    submitted_at: str  # local HH.MM.SS of the submission
    short_code: str
    payload: str  # what the QR code holds (kiosk.engine.views.receipt_payload)


def qr_png(payload: str, scale: int = 5) -> bytes:
    """The QR code as PNG bytes, made in memory (nothing of the receipt touches the disk)."""
    buffer = io.BytesIO()
    segno.make(payload, error="m").save(buffer, kind="png", scale=scale, border=2)
    return buffer.getvalue()


class ReceiptScreen(KioskScreen):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view: ReceiptView | None = None
        self.status = make_label("fieldLabel", center=True)  # the console's word for it
        self.title = make_label("title", wrap=True, center=True)
        enlarge(self.title, 1.5)
        self.who = make_label("fieldLabel", wrap=True, center=True)
        self.code_label = make_label("fieldLabel", center=True)
        self.code = make_label("code", center=True)
        enlarge(self.code, 2.4)
        self.code.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.qr = QLabel()
        self.qr.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.explain = make_label("subtitle", wrap=True)
        scrolled_card(self, [self.status, self.title, self.who, self.code_label, self.code,
                             self.qr, self.explain], min_chars=64)
        self._retranslate()

    def _retranslate(self) -> None:
        self.status.setText(status_word(Progress.SUBMITTED))
        self.title.setText(self.tr("The exam is submitted. Thank you."))
        self.code_label.setText(self.tr("Your receipt code"))
        self.code.setAccessibleName(self.tr("Your receipt code"))
        self.qr.setAccessibleName(self.tr("QR code of your receipt"))
        self.explain.setText(self.tr(
            "Write this code down on paper. When the results are published you can check "
            "with it that your answers arrived unchanged. Please wait for the proctor "
            "before leaving."))
        self.explain.setAccessibleName(self.tr("How to use the receipt"))
        if self.view is not None:
            self._render_who(self.view)

    def _render_who(self, view: ReceiptView) -> None:
        self.who.setText(self.tr("Participant %1 · submitted at %2").replace(
            "%1", view.participant_no).replace("%2", view.submitted_at))
        self.who.setAccessibleName(self.who.text())

    def render(self, view: ReceiptView) -> None:  # type: ignore[override]
        self.view = view
        self._render_who(view)
        self.code.setText(view.short_code)
        pixmap = QPixmap()
        pixmap.loadFromData(qr_png(view.payload), "PNG")
        self.qr.setPixmap(pixmap)
