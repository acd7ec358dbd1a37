"""What every in-exam screen carries: the quiet "saved at" line, the inbox of messages and
time warnings, and "Call proctor". The controller feeds every strip the same state."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt, Signal
from PySide6.QtWidgets import QHBoxLayout, QWidget

from kiosk.engine.inbox import SaveLine, SaveState
from kiosk.screens.style import make_button, make_label


class StatusStrip(QWidget):
    inbox_requested = Signal()
    display_requested = Signal()
    hand_raised = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("statusStrip")
        self._line = SaveLine(SaveState.NONE)
        self._unread = 0
        self._hand_up = False
        self.saved = make_label("saved", wrap=True)
        self.saved.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        self.display = make_button("secondary")
        self.display.clicked.connect(self.display_requested)
        self.inbox = make_button("secondary")
        self.inbox.clicked.connect(self.inbox_requested)
        self.hand = make_button("hand")
        self.hand.clicked.connect(self._raise)
        row = QHBoxLayout(self)
        row.setContentsMargins(0, 0, 0, 0)
        row.addWidget(self.saved, 1)
        row.addWidget(self.display)
        row.addWidget(self.inbox)
        row.addWidget(self.hand)
        self._retranslate()

    def _raise(self) -> None:
        if not self._hand_up:
            self.hand_raised.emit()

    def changeEvent(self, event: QEvent) -> None:  # Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def save_text(self, line: SaveLine) -> str:
        if line.state is SaveState.NONE:
            return ""
        if line.state is SaveState.LOCAL_ONLY:
            return self.tr("Saved on this computer at %1; the proctor will receive it when "
                           "the network is back").replace("%1", line.time)
        return self.tr("Saved %1").replace("%1", line.time)

    def _retranslate(self) -> None:
        self.saved.setText(self.save_text(self._line))
        self.saved.setAccessibleName(self.tr("Saving"))
        self.saved.setProperty("local", self._line.state is SaveState.LOCAL_ONLY)
        self.inbox.setText(self.tr("Messages (%1 new)").replace("%1", str(self._unread))
                           if self._unread else self.tr("Messages"))
        self.inbox.setAccessibleName(self.inbox.text())
        self.display.setText(self.tr("Display"))
        self.display.setAccessibleName(self.tr("Display: text size, contrast, language"))
        self.inbox.setProperty("unread", self._unread > 0)
        self.hand.setText(self.tr("✋ Proctor called") if self._hand_up
                          else self.tr("Call proctor"))
        self.hand.setAccessibleName(self.tr("The proctor has been called") if self._hand_up
                                    else self.tr("Call the proctor"))
        self.hand.setProperty("raised", self._hand_up)
        self.hand.setEnabled(not self._hand_up)
        for widget in (self.saved, self.inbox, self.hand):
            widget.style().unpolish(widget)
            widget.style().polish(widget)

    def set_save(self, line: SaveLine) -> None:
        if line != self._line:
            self._line = line
            self._retranslate()

    def set_unread(self, count: int) -> None:
        if count != self._unread:
            self._unread = count
            self._retranslate()

    def set_hand_raised(self, on: bool) -> None:
        if on != self._hand_up:
            self._hand_up = on
            self._retranslate()
