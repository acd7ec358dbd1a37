"""A calm full-screen notice with one button: time is up, the exam is being finished."""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from kiosk.screens.base import KioskScreen, scrolled_card
from kiosk.screens.style import enlarge, make_button, make_label

TIME_UP = "time_up"  # a section ran out of time and was submitted
TIME_UP_LAST = "time_up_last"  # the last one: the exam is submitted too
FINISH = "finish"  # every section is in; the exam still needs submitting


@dataclass(frozen=True)
class NoticeView:
    kind: str  # one of the constants above
    section_title: str = ""


class NoticeScreen(KioskScreen):
    proceed = Signal(str)  # the notice's kind

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view: NoticeView | None = None
        self.title = make_label("title", wrap=True)
        enlarge(self.title, 1.4)
        self.text = make_label(wrap=True)
        self.button = make_button("primary", primary=True)
        enlarge(self.button, 1.15)
        self.button.clicked.connect(self._proceed)
        scrolled_card(self, [self.title, self.text, self.button], min_chars=60)

    def _proceed(self) -> None:
        if self.view is not None:
            self.proceed.emit(self.view.kind)

    def save_failed_text(self) -> str:
        return self.tr("Your last action could not be saved on this computer. Please call "
                       "the proctor; your earlier answers are safe.")

    def _retranslate(self) -> None:
        if self.view is not None:
            self.render(self.view)

    def render(self, view: NoticeView) -> None:  # type: ignore[override]
        self.view = view
        if view.kind in (TIME_UP, TIME_UP_LAST):
            self.title.setText(self.tr("Time is up"))
            body = self.tr("The time for \"%1\" has run out. Your answers were saved and "
                           "the section was submitted.").replace("%1", view.section_title)
            self.button.setText(self.tr("See receipt") if view.kind == TIME_UP_LAST
                                else self.tr("Continue"))
        else:
            self.title.setText(self.tr("All sections are done"))
            body = self.tr("Submit the exam to get your receipt.")
            self.button.setText(self.tr("Submit the exam"))
        self.text.setText(body)
        self.title.setAccessibleName(self.title.text())
        self.text.setAccessibleName(self.tr("Notice"))
        self.button.setAccessibleName(self.button.text())
        self.button.setFocus()
