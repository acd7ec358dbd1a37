"""Text size, contrast and language, changeable at any time of the exam (not only at the
login): reached from the status strip of every in-exam screen."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QHBoxLayout, QPushButton, QWidget

from kiosk.screens.base import KioskScreen, scrolled_card
from kiosk.screens.login import LANGUAGES
from kiosk.screens.style import FONT_STEPS, enlarge, make_button, make_label


class DisplayScreen(KioskScreen):
    back = Signal()
    language_requested = Signal(str)
    high_contrast_requested = Signal(bool)
    font_step_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = make_label("title", wrap=True)
        enlarge(self.title, 1.4)
        self.note = make_label("subtitle", wrap=True)
        self.size_title = make_label("fieldLabel")
        self.smaller = make_button("secondary", "A−")
        self.smaller.clicked.connect(lambda: self.font_step_requested.emit(-1))
        self.size_label = make_label()
        self.larger = make_button("secondary", "A+")
        self.larger.clicked.connect(lambda: self.font_step_requested.emit(1))
        size_row = QHBoxLayout()
        for widget in (self.smaller, self.size_label, self.larger):
            size_row.addWidget(widget)
        size_row.addStretch(1)
        self.contrast = make_button("secondary", checkable=True)
        self.contrast.clicked.connect(self.high_contrast_requested)
        self.language_title = make_label("fieldLabel")
        self.language_buttons: dict[str, QPushButton] = {}
        language_row = QHBoxLayout()
        language_row.setSpacing(0)
        for code, name in LANGUAGES:
            button = make_button(f"lang_{code}", name, checkable=True)
            button.setAccessibleName(name)
            button.clicked.connect(lambda _=False, c=code: self.language_requested.emit(c))
            self.language_buttons[code] = button
            language_row.addWidget(button)
        language_row.addStretch(1)
        self.back_button = make_button("primary", primary=True)
        self.back_button.clicked.connect(self.back)
        scrolled_card(self, [self.title, self.note, self.size_title, size_row, self.contrast,
                             self.language_title, language_row, self.back_button],
                      min_chars=50)
        escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        escape.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        escape.activated.connect(self.back)
        self._percent = 100
        self._retranslate()

    def _retranslate(self) -> None:
        self.title.setText(self.tr("Display"))
        self.note.setText(self.tr("Changes apply at once; your answers and time are not "
                                  "affected."))
        self.size_title.setText(self.tr("Text size"))
        self.smaller.setAccessibleName(self.tr("Smaller text"))
        self.larger.setAccessibleName(self.tr("Larger text"))
        self.size_label.setAccessibleName(self.tr("Text size"))
        self.contrast.setText(self.tr("High contrast"))
        self.contrast.setAccessibleName(self.tr("High contrast"))
        self.language_title.setText(self.tr("Language"))
        self.back_button.setText(self.tr("Back to the exam"))
        self.back_button.setAccessibleName(self.back_button.text())

    def render(self, percent: int, high_contrast: bool,  # type: ignore[override]
               language: str) -> None:
        self._percent = percent
        self.size_label.setText(f"{percent}%")
        self.smaller.setEnabled(percent > FONT_STEPS[0])
        self.larger.setEnabled(percent < FONT_STEPS[-1])
        self.contrast.setChecked(high_contrast)
        for code, button in self.language_buttons.items():
            button.setChecked(code == language)
