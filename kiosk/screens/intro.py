"""Before a section: its name, time and size; the clock starts with "Mulai"."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QWidget

from kiosk.engine.views import SectionIntroView
from kiosk.screens.base import KioskScreen, scrolled_card
from kiosk.screens.style import enlarge, make_button, make_label


class SectionIntroScreen(KioskScreen):
    start = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view: SectionIntroView | None = None
        self.position = make_label("subtitle", wrap=True)
        self.title = make_label("title", wrap=True)
        enlarge(self.title, 1.5)
        self.details = make_label(wrap=True)
        self.note = make_label("subtitle", wrap=True)
        self.begin = make_button("primary", primary=True)
        enlarge(self.begin, 1.25)
        self.begin.clicked.connect(self.start)
        scrolled_card(self, [self.position, self.title, self.details, self.note, self.begin],
                      min_chars=60)
        self._retranslate()

    def _retranslate(self) -> None:
        self.begin.setText(self.tr("Start"))
        self.begin.setAccessibleName(self.tr("Start the section"))
        self.note.setText(self.tr("The time starts when you press Start."))
        self.title.setAccessibleName(self.tr("Section"))
        self.details.setAccessibleName(self.tr("Time and questions"))
        if self.view is not None:
            self.render(self.view)

    def render(self, view: SectionIntroView) -> None:  # type: ignore[override]
        self.view = view
        s = view.section
        self.position.setText(self.tr("Section %1 of %2").replace("%1", str(view.number))
                              .replace("%2", str(view.count)))
        self.title.setText(s.title)
        lines = [self.tr("Time: %n minute(s)", "", s.minutes),
                 self.tr("A paper (makalah)") if s.makalah
                 else self.tr("Questions: %n", "", s.items),
                 self.tr("Write and revise freely until you submit the paper.") if s.makalah
                 else self.tr("Forward only: you cannot go back to earlier questions.")
                 if s.forward_only else self.tr("You may move freely between questions.")]
        self.details.setText("\n".join(lines))
        self.begin.setFocus()
