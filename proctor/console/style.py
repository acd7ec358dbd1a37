"""The console's look, mirroring the kiosk's (copied, not imported: proctor never imports
kiosk). Sizes follow the app font, so a 200% font scales everything."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QPushButton, QWidget

from proctor.room import SeatStatus

STYLE = """
QWidget#console { background: #eef1f5; }
QFrame#card, QFrame#tokenCard, QFrame#sealPanel { background: white; border: 1px solid #d0d6de;
                                 border-radius: 10px; }
QLabel#title { font-weight: 600; color: #1d2b3a; }
QLabel#subtitle { color: #4a5868; }
QLabel#token { font-weight: 700; color: #0d47a1; letter-spacing: 0.05em; }
QLabel#error { color: #a4161a; background: #fdecea; border-radius: 6px; padding: 0.4em; }
QLabel#ok { color: #1b5e20; background: #e8f5e9; border-radius: 6px; padding: 0.4em; }
QLabel#fieldLabel { font-weight: 600; color: #1d2b3a; }
QLineEdit, QPlainTextEdit, QSpinBox, QComboBox, QDateEdit, QTimeEdit {
    padding: 0.2em; border: 2px solid #6b7785; border-radius: 6px; background: white; }
QLineEdit:focus, QPlainTextEdit:focus, QSpinBox:focus, QComboBox:focus { border-color: #1565c0; }
QPushButton { padding: 0.3em 0.8em; border: 2px solid #6b7785; border-radius: 6px;
              background: white; color: #1d2b3a; }
QPushButton:focus { border-color: #1565c0; }
QPushButton:checked { background: #1565c0; color: white; border-color: #1565c0; }
QPushButton[kind="primary"] { background: #1565c0; color: white; font-weight: 600;
                      border-color: #1565c0; }
QPushButton[kind="danger"] { background: #a4161a; color: white; font-weight: 600;
                     border-color: #a4161a; }
QPushButton[kind="primary"]:focus, QPushButton[kind="danger"]:focus { border: 3px solid #b45309; }
QPushButton:disabled, QPushButton[kind="primary"]:disabled, QPushButton[kind="danger"]:disabled {
    background: #eef1f5; color: #8a96a3; border-color: #d0d6de; font-weight: normal; }
QFrame#tile { background: white; border: 2px solid #6b7785; border-radius: 8px; }
QFrame#tile:focus { border: 3px solid #b45309; }
QFrame#tile[selected="true"] { border: 3px solid #1565c0; }
QLabel#seat { font-weight: 700; color: #1d2b3a; }
QLabel#badge { color: white; background: #a4161a; border-radius: 6px; padding: 0 0.3em;
               font-weight: 700; }
QLabel#hand { color: #1d2b3a; background: #f9a825; border-radius: 6px; padding: 0 0.3em;
              font-weight: 700; }
QProgressBar { border: 1px solid #6b7785; border-radius: 4px; background: #eef1f5;
               text-align: center; }
QProgressBar::chunk { background: #1565c0; border-radius: 3px; }
"""

# Status: (background, text colour, symbol). The symbol and a word go with the colour,
# never colour alone.
STATUS_LOOK: dict[SeatStatus, tuple[str, str, str]] = {
    SeatStatus.ONLINE: ("#2e7d32", "white", "\u25cf"),   # filled circle
    SeatStatus.LATE: ("#f9a825", "#1d2b3a", "\u25d0"),   # half circle
    SeatStatus.LOST: ("#a4161a", "white", "\u2715"),     # cross
    SeatStatus.NOT_YET: ("#b0bec5", "#1d2b3a", "\u25cb"),  # empty circle
    SeatStatus.ABSENT: ("#546e7a", "white", "\u2013"),   # dash
    SeatStatus.DONE: ("#0d47a1", "white", "\u2713"),     # check mark
    SeatStatus.EXITED: ("#37474f", "white", "\u2192"),   # arrow: left by the proctor's code
}


def enlarge(widget: QWidget, factor: float) -> None:
    """Style sheets take no relative font sizes, so headings scale the app font here."""
    font = widget.font()
    font.setPointSizeF(font.pointSizeF() * factor)
    widget.setFont(font)


def make_label(name: str = "", *, wrap: bool = False) -> QLabel:
    widget = QLabel()
    widget.setObjectName(name)
    widget.setWordWrap(wrap)
    return widget


def show_text(label: QLabel, text: str) -> None:
    """A notice label shows `text`, or hides when there is none (a failure's technical
    detail, `failure_words.show_failure`, goes with the text it explained)."""
    label.setText(text)
    label.setToolTip("")
    label.setAccessibleDescription("")
    label.setVisible(bool(text))


def make_button(name: str, *, kind: str = "", checkable: bool = False) -> QPushButton:
    """A button found by object `name`; `kind` ("primary", "danger") picks its style."""
    widget = QPushButton()
    widget.setObjectName(name)
    widget.setProperty("kind", kind)
    widget.setCheckable(checkable)
    widget.setAutoDefault(False)
    return widget
