"""What every journey screen shares: the styled background, live retranslation, and a
card that scrolls when a 200% font makes it taller than the screen."""

from __future__ import annotations

from PySide6.QtCore import QEvent, Qt
from PySide6.QtWidgets import QFrame, QGridLayout, QLayout, QScrollArea, QVBoxLayout, QWidget

from kiosk.screens.style import STYLE, make_card


class KioskScreen(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("kioskScreen")
        self.setStyleSheet(STYLE)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)

    def _retranslate(self) -> None:
        """Sets every text; called at start and on each language switch."""

    def changeEvent(self, event: QEvent) -> None:  # Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)


def scrolled_card(screen: QWidget, parts: list[QWidget | QLayout], min_chars: int) -> QFrame:
    """Like `centered_card`, inside a scroll area: long rules at 200% scroll, never clip."""
    frame = make_card()
    frame.setMinimumWidth(screen.fontMetrics().averageCharWidth() * min_chars)
    inner = QVBoxLayout(frame)
    inner.setContentsMargins(32, 28, 32, 28)
    inner.setSpacing(14)
    for part in parts:
        if isinstance(part, QLayout):
            inner.addLayout(part)
        else:
            inner.addWidget(part)
    holder = QWidget()
    holder.setObjectName("kioskScreen")
    grid = QGridLayout(holder)
    grid.addWidget(frame, 1, 1)
    grid.setRowStretch(0, 1)
    grid.setRowStretch(2, 1)
    grid.setColumnStretch(0, 1)
    grid.setColumnStretch(2, 1)
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    scroll.setWidget(holder)
    outer = QVBoxLayout(screen)
    outer.setContentsMargins(0, 0, 0, 0)
    outer.addWidget(scroll)
    return frame
