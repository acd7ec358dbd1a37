"""The calm full-window cover shown while the proctor has paused or locked the session."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtWidgets import QFrame, QVBoxLayout, QWidget

from exam_bank.status_words import Progress
from kiosk.screens.style import STYLE, enlarge, make_label, status_word


class PauseOverlay(QFrame):
    """Covers its parent (the kiosk window) and follows its size; input below is disabled
    by the controller, so this only has to be seen and read."""

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.setObjectName("overlay")
        self.setStyleSheet(STYLE)  # it sits on the window, outside every screen's sheet
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self._host = parent
        self._locked = False
        # The status in the words the proctor's console uses for this seat.
        self.status = make_label("fieldLabel", center=True)
        self.title = make_label("title", wrap=True, center=True)
        enlarge(self.title, 1.8)
        self.text = make_label("subtitle", wrap=True, center=True)
        enlarge(self.text, 1.2)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(self.status)
        layout.addWidget(self.title)
        layout.addWidget(self.text)
        layout.addStretch(1)
        parent.installEventFilter(self)
        self.hide()
        self._retranslate()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt override
        if watched is self._host and event.type() == QEvent.Type.Resize:
            self.setGeometry(self._host.rect())
        return False

    def changeEvent(self, event: QEvent) -> None:  # Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        super().changeEvent(event)

    def _retranslate(self) -> None:
        self.status.setText(status_word(Progress.LOCKED if self._locked else Progress.PAUSED))
        if self._locked:
            self.title.setText(self.tr("The exam is locked by the proctor"))
        else:
            self.title.setText(self.tr("The exam is paused by the proctor"))
        self.text.setText(self.tr("Your answers are saved and the time is stopped. "
                                  "Please wait calmly."))
        self.title.setAccessibleName(self.title.text())
        self.text.setAccessibleName(self.tr("Pause notice"))

    def set_state(self, paused: bool, locked: bool) -> None:
        self._locked = locked
        self._retranslate()
        if paused or locked:
            self.setGeometry(self._host.rect())
            self.show()
            self.raise_()
        else:
            self.hide()
