"""One stylesheet for every kiosk screen; sizes follow the app font so 200% scales it all."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QApplication,
    QFrame,
    QGridLayout,
    QLabel,
    QLayout,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from exam_bank.status_words import Progress

STYLE = """
QWidget#kioskScreen { background: #eef1f5; }
QFrame#card { background: white; border: 1px solid #d0d6de; border-radius: 10px; }
QLabel#title { font-weight: 600; color: #1d2b3a; }
QLabel#subtitle { color: #4a5868; }
QLabel#error { color: #a4161a; background: #fdecea; border-radius: 6px; padding: 0.5em; }
QLabel#fieldLabel { font-weight: 600; color: #1d2b3a; }
QLineEdit { padding: 0.3em; border: 2px solid #6b7785; border-radius: 6px;
                       background: white; }
QLineEdit:focus { border-color: #1565c0; }
QPushButton#lang_id, QPushButton#lang_en { padding: 0.35em 0.8em; background: white;
    color: #1d2b3a; border: 2px solid #6b7785; }
QPushButton#lang_id { border-top-left-radius: 6px; border-bottom-left-radius: 6px; }
QPushButton#lang_en { border-top-right-radius: 6px; border-bottom-right-radius: 6px;
                      border-left: none; }
QPushButton#lang_id:checked, QPushButton#lang_en:checked { background: #1565c0;
    color: white; }
QPushButton#lang_id:focus, QPushButton#lang_en:focus { border-color: #1565c0; }
QPushButton#primary { background: #1565c0; color: white; font-weight: 600;
                      padding: 0.5em 1.5em; border-radius: 6px; border: 3px solid #1565c0; }
QPushButton#primary:focus { border-color: #b45309; }
QPushButton#primary:disabled { background: #90a4ae; border-color: #90a4ae; }
QPushButton#secondary { background: white; color: #1d2b3a; border: 3px solid #6b7785;
                        padding: 0.45em 1.1em; border-radius: 6px; }
QPushButton#hand { background: white; color: #1d2b3a; border: 3px solid #6b7785;
                   padding: 0.45em 1.1em; border-radius: 6px; }
QPushButton#hand:disabled { background: #fff3c4; color: #5a3e00; border-color: #8a5a00; }
QLabel#saved { color: #3d4a59; }
QFrame#topbar QLabel#saved { color: white; }
QPushButton#secondary:focus, QPushButton#palette:focus, QPushButton#hand:focus {
    border-color: #b45309; }
QPushButton#secondary:checked { background: #fff3c4; border-color: #b7791f; }
QPushButton#secondary:disabled { color: #90a4ae; border-color: #d0d6de; }
QFrame#topbar { background: #1d2b3a; }
QFrame#topbar QLabel { color: white; }
QFrame#topbar QLabel#clock { font-weight: 700; color: white; padding: 0.1em 0.4em;
                             border-radius: 6px; }
QFrame#topbar QLabel#clock[low="true"] { color: #1d2b3a; background: #ffd54f; }
QLabel#banner { background: #fff3c4; color: #5a3e00; border: 1px solid #e0b44c;
                border-radius: 6px; padding: 0.5em; }
QLabel#message { background: #e3f0fd; color: #0d3c73; border: 1px solid #90b8e6;
                 border-radius: 6px; padding: 0.5em; }
QLabel#stem { color: #1d2b3a; }
QFrame#option { border: 2px solid transparent; border-radius: 8px; }
QFrame#option:hover { background: #f5f8fc; }
QFrame#option[checked="true"] { background: #dbeafe; border-color: #1565c0; }
QFrame#option[checked="true"] QLabel { font-weight: 600; }
QLabel#optionText { color: #1d2b3a; }
QRadioButton, QCheckBox { spacing: 0.4em; color: #1d2b3a; padding: 0.1em;
                          border: 2px solid transparent; border-radius: 4px; }
QRadioButton::indicator, QCheckBox::indicator { width: 0.9em; height: 0.9em; }
QRadioButton:focus, QCheckBox:focus { border: 2px dashed #92400e; }
QLabel#chosenMark { color: #0d47a1; font-weight: 700; }
QLabel#stem { border: 2px solid transparent; border-radius: 4px; }
QLabel#stem:focus { border: 2px dashed #92400e; }
QPushButton#palette { min-width: 3.2em; min-height: 2.2em; background: white;
                      color: #1d2b3a; border: 2px solid #6b7785; border-radius: 6px; }
QPushButton#palette[answered="true"] { background: #1565c0; color: white;
                                       border-color: #1565c0; }
QPushButton#palette[flagged="true"] { background: #fff3c4; color: #5a3e00;
                                      border: 2px dashed #b7791f; }
QPushButton#palette[current="true"] { border: 4px solid #1d2b3a; font-weight: 700; }
QPushButton#palette:disabled { color: #4f5b69; background: #eef1f5; }
QLabel#code { font-weight: 700; color: #1d2b3a; letter-spacing: 0.1em; }
QFrame#overlay { background: #1d2b3a; }  /* opaque: a pause also hides the questions */
QFrame#overlay QLabel { color: white; }
"""

# High contrast: black and white and yellow, thick borders; meaning never by colour alone.
HIGH_CONTRAST = """
QWidget { background: black; color: white; }
QWidget#kioskScreen, QWidget#pane { background: black; }
QLabel#paneTitle, QLabel#timeLeft { color: white; background: black; }
QFrame#card { background: black; border: 3px solid white; border-radius: 10px; }
QLabel#title, QLabel#subtitle, QLabel#fieldLabel, QLabel#stem, QLabel#code { color: white; }
QLabel#error { color: black; background: #ffff00; padding: 0.5em; }
QLabel#banner, QLabel#message { color: black; background: #ffff00; padding: 0.5em; }
QLineEdit { padding: 0.3em; border: 3px solid white; background: black; color: white; }
QLineEdit:focus { border-color: #ffff00; }
QPushButton { background: black; color: white; border: 3px solid white;
              padding: 0.45em 1.1em; border-radius: 6px; }
QPushButton:checked { background: #ffff00; color: black; }
QPushButton:focus { border: 4px solid #ffff00; }
QPushButton:disabled { color: #9e9e9e; border-color: #9e9e9e; }
QPushButton#hand:disabled { background: #ffff00; color: black; border-color: #ffff00; }
QPushButton#primary { background: #ffff00; color: black; font-weight: 700; }
QPushButton#primary:disabled { background: #616161; color: black; }
QFrame#topbar { background: black; border-bottom: 3px solid white; }
QLabel#clock { color: #ffff00; font-weight: 700; padding: 0.1em 0.4em; }
QLabel#clock[low="true"] { color: black; background: #ffff00; }
QLabel#timeLeft[low="true"] { color: black; background: #ffff00; border-color: #ffff00; }
QFrame#option { border: 2px solid black; border-radius: 8px; }
QFrame#option[checked="true"] { border: 3px solid #ffff00; }
QFrame#option[checked="true"] QLabel { color: #ffff00; font-weight: 700; }
QRadioButton, QCheckBox { spacing: 0.4em; color: white; padding: 0.1em;
                          border: 2px solid black; }
QRadioButton:focus, QCheckBox:focus { border: 2px dashed #ffff00; }
QLabel#chosenMark { color: #ffff00; font-weight: 700; }
QLabel#stem { border: 2px solid black; border-radius: 4px; }
QLabel#stem:focus { border: 2px dashed #ffff00; }
QRadioButton::indicator, QCheckBox::indicator { width: 0.9em; height: 0.9em;
    border: 2px solid white; background: black; }
QRadioButton::indicator { border-radius: 0.55em; }
QRadioButton::indicator:checked, QCheckBox::indicator:checked { background: #ffff00;
    border-color: #ffff00; }
QPushButton#palette { min-width: 3.2em; min-height: 2.2em; }
QPushButton#palette[answered="true"] { background: white; color: black; }
QPushButton#palette[flagged="true"] { border: 3px dashed #ffff00; }
QPushButton#palette[current="true"] { border: 5px solid #ffff00; font-weight: 700; }
QFrame#overlay { background: black; border: 4px solid #ffff00; }
"""

FONT_STEPS = (100, 125, 150, 175, 200)  # percent of the lab PC's default font
FACTOR = "ujikomFontFactor"
OWN_SHEET = "ujikomOwnSheet"


def stylesheet(high_contrast: bool) -> str:
    return HIGH_CONTRAST if high_contrast else STYLE


def next_font_step(percent: int, delta: int) -> int:
    """The A-/A+ control: one step down or up, staying within 100-200%."""
    steps = list(FONT_STEPS)
    index = min(range(len(steps)), key=lambda i: abs(steps[i] - percent))
    return steps[max(0, min(len(steps) - 1, index + delta))]


def apply_theme(root: QWidget, base_point_size: float, percent: int,
                high_contrast: bool) -> None:
    """Restyles `root` and everything in it: the sheet, the font size, and the headings
    `enlarge` made bigger (they hold their own font, so the new size is not inherited)."""
    size = base_point_size * percent / 100
    # The application font, not the window's: widgets made later (the next question's
    # options, the makalah editor) start from it too. Set before the sheet, whose em
    # paddings are measured in the font when it is applied.
    font = QApplication.font()
    font.setPointSizeF(size)
    QApplication.setFont(font)
    root.setStyleSheet(stylesheet(high_contrast))
    for child in root.findChildren(QWidget):
        own = child.property(OWN_SHEET)
        if own is None and child.styleSheet() not in ("", STYLE, HIGH_CONTRAST):
            own = child.styleSheet()  # a screen with rules of its own (the makalah editor)
            child.setProperty(OWN_SHEET, own)
        if own is not None:
            # High contrast goes after its rules, so it wins where both speak: no white
            # text left on a white page.
            child.setStyleSheet(own + (HIGH_CONTRAST if high_contrast else ""))
        elif child.styleSheet() in (STYLE, HIGH_CONTRAST):
            child.setStyleSheet("")  # a screen's own copy would shadow the root's sheet
        factor = child.property(FACTOR)
        if factor is not None:
            font = child.font()
            font.setPointSizeF(size * float(factor))
            child.setFont(font)


def enlarge(widget: QWidget, factor: float) -> None:
    """Qt style sheets take no relative font sizes, so headings scale the app font here."""
    font = widget.font()
    font.setPointSizeF(font.pointSizeF() * factor)
    widget.setFont(font)
    widget.setProperty(FACTOR, factor)


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


def status_word(progress: Progress) -> str:
    """The candidate's status in the one vocabulary the console shares
    (`exam_bank.status_words`), translated."""
    from PySide6.QtCore import QCoreApplication

    from exam_bank.status_words import CONTEXT, WORDS

    return QCoreApplication.translate(CONTEXT, WORDS[progress])
