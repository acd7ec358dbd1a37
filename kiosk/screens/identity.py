"""After login the candidate checks who the kiosk thinks they are; thin, like every screen."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import (
    QFormLayout,
    QWidget,
)

from exam_bank.ids import ParticipantNo
from kiosk.screens.base import scrolled_card
from kiosk.screens.style import STYLE, enlarge, make_button, make_label


@dataclass(frozen=True)
class IdentityView:
    participant_no: ParticipantNo
    name: str
    nip: str
    position: str
    confirmed: bool = False


class IdentityScreen(QWidget):
    confirmed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("kioskScreen")
        self.setStyleSheet(STYLE)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.heading = make_label("title", wrap=True)
        enlarge(self.heading, 1.5)
        self.values = [make_label(wrap=True) for _ in range(4)]
        self.labels = [make_label("fieldLabel") for _ in range(4)]
        enlarge(self.values[1], 1.25)  # the name is what the candidate must check
        for value in self.values:
            value.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self._confirmed = False
        self.note = make_label("subtitle", wrap=True)
        self.confirm = make_button("primary", primary=True)
        enlarge(self.confirm, 1.15)
        self.confirm.clicked.connect(self.confirmed)
        form = QFormLayout()
        form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        form.setLabelAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
        form.setVerticalSpacing(10)
        for label, value in zip(self.labels, self.values, strict=True):
            form.addRow(label, value)
        scrolled_card(self, [self.heading, form, self.note, self.confirm], min_chars=64)
        self._retranslate()

    def _retranslate(self) -> None:
        self.heading.setText(self.tr("Is this you?"))
        texts = (self.tr("Participant number"), self.tr("Name"), self.tr("NIP"),
                 self.tr("Position applied for"))
        for label, value, text in zip(self.labels, self.values, texts, strict=True):
            label.setText(text)
            value.setAccessibleName(text)
        self.confirm.setText(self.tr("Yes, that is me"))
        self.confirm.setAccessibleName(self.tr("Yes, that is me"))
        if self._confirmed:
            self.note.setText(self.tr("Thank you. Please wait for the proctor's instructions."))
        else:
            self.note.setText(self.tr("If anything is wrong, raise your hand and call the "
                                      "proctor."))

    def changeEvent(self, event: QEvent) -> None:  # Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def render(self, view: IdentityView) -> None:  # type: ignore[override]
        for value, text in zip(self.values, (view.participant_no, view.name, view.nip,
                                             view.position), strict=True):
            value.setText(text)
        self._confirmed = view.confirmed
        self.confirm.setEnabled(not view.confirmed)
        self._retranslate()
        self.confirm.setFocus()
