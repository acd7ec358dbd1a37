"""What every journey screen shares: the styled background, live retranslation, and a
card that scrolls when a 200% font makes it taller than the screen."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QSize, Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QBoxLayout,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLayout,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

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


class SplitRow(QWidget):
    """Two groups of buttons, one at each end of a row; stacked in two rows when a large
    font makes them wider than the screen, so nothing is clipped and nothing scrolls."""

    def __init__(self, left: list[QWidget], right: list[QWidget],
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.left, self.right = _group(left), _group(right)
        self._layout = QBoxLayout(QBoxLayout.Direction.LeftToRight, self)
        self._layout.setContentsMargins(0, 0, 0, 0)
        self._layout.addWidget(self.left)
        self._layout.addStretch(1)
        self._layout.addWidget(self.right)

    def minimumSizeHint(self) -> QSize:  # Qt override: stacked, it needs only the wider
        left, right = self.left.minimumSizeHint(), self.right.minimumSizeHint()
        if self._layout.direction() == QBoxLayout.Direction.TopToBottom:
            height = left.height() + right.height() + self._layout.spacing()
        else:
            height = max(left.height(), right.height())
        return QSize(max(left.width(), right.width()), height)

    def resizeEvent(self, event: QResizeEvent) -> None:  # Qt override
        need = self.left.sizeHint().width() + self.right.sizeHint().width() + 24
        direction = QBoxLayout.Direction.LeftToRight if event.size().width() >= need \
            else QBoxLayout.Direction.TopToBottom
        if self._layout.direction() != direction:
            self._layout.setDirection(direction)
        super().resizeEvent(event)


def _group(widgets: list[QWidget]) -> QWidget:
    holder = QWidget()
    row = QHBoxLayout(holder)
    row.setContentsMargins(0, 0, 0, 0)
    for widget in widgets:
        row.addWidget(widget)
    return holder
