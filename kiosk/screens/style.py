"""One stylesheet for every kiosk screen; sizes follow the app font so 200% scales it all."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QFrame,
    QGridLayout,
    QLabel,
    QLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

STYLE = """
QWidget#kioskScreen { background: #eef1f5; }
QFrame#card { background: white; border: 1px solid #d0d6de; border-radius: 10px; }
QLabel#title { font-weight: 600; color: #1d2b3a; }
QLabel#subtitle { color: #4a5868; }
QLabel#error { color: #a4161a; background: #fdecea; border-radius: 6px; padding: 0.5em; }
QLabel#fieldLabel { font-weight: 600; color: #1d2b3a; }
QLineEdit { padding: 0.3em; border: 2px solid #b4bec9; border-radius: 6px;
                       background: white; }
QLineEdit:focus { border-color: #1565c0; }
QPushButton#lang_id, QPushButton#lang_en { padding: 0.35em 0.8em; background: white;
    color: #1d2b3a; border: 2px solid #b4bec9; }
QPushButton#lang_id { border-top-left-radius: 6px; border-bottom-left-radius: 6px; }
QPushButton#lang_en { border-top-right-radius: 6px; border-bottom-right-radius: 6px;
                      border-left: none; }
QPushButton#lang_id:checked, QPushButton#lang_en:checked { background: #1565c0;
    color: white; }
QPushButton#lang_id:focus, QPushButton#lang_en:focus { border-color: #1565c0; }
QPushButton#primary { background: #1565c0; color: white; font-weight: 600;
                      padding: 0.5em 1.5em; border-radius: 6px; }
QPushButton#primary:focus { border: 3px solid #f9a825; }
QPushButton#primary:disabled { background: #90a4ae; }
"""


def enlarge(widget: QWidget, factor: float) -> None:
    """Qt style sheets take no relative font sizes, so headings scale the app font here."""
    font = widget.font()
    font.setPointSizeF(font.pointSizeF() * factor)
    widget.setFont(font)


def make_label(name: str = "", *, wrap: bool = False, center: bool = False) -> QLabel:
    """A label styled by its object name (title, subtitle, error, fieldLabel)."""
    widget = QLabel()
    widget.setObjectName(name)
    widget.setWordWrap(wrap)
    if center:
        widget.setAlignment(Qt.AlignmentFlag.AlignCenter)
    return widget


def make_button(name: str, text: str = "", *, primary: bool = False,
           checkable: bool = False) -> QPushButton:
    widget = QPushButton(text)
    widget.setObjectName(name)
    widget.setCheckable(checkable)
    widget.setAutoDefault(primary)
    widget.setDefault(primary)
    return widget


def make_card() -> QFrame:
    frame = QFrame()
    frame.setObjectName("card")
    return frame


def centered_card(screen: QWidget, parts: list[QWidget | QLayout], min_chars: int) -> QFrame:
    """Lay out `parts` top to bottom in a card centred on `screen`, the shape every kiosk
    screen shares; the card's width follows the font, so 200% text widens it."""
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
    outer = QGridLayout(screen)
    outer.addWidget(frame, 1, 1)
    outer.setRowStretch(0, 1)
    outer.setRowStretch(2, 1)
    outer.setColumnStretch(0, 1)
    outer.setColumnStretch(2, 1)
    return frame
