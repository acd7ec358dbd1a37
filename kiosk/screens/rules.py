"""Tata tertib: the exam's sections and rules; the candidate ticks and goes on."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QCheckBox, QWidget

from kiosk.engine.views import RulesView, SectionSummary
from kiosk.screens.base import KioskScreen, scrolled_card
from kiosk.screens.style import enlarge, make_button, make_label


class RulesScreen(KioskScreen):
    acknowledged = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view: RulesView | None = None
        self.title = make_label("title", wrap=True)
        enlarge(self.title, 1.4)
        self.heading = make_label("fieldLabel", wrap=True)  # above the sections
        enlarge(self.heading, 1.15)
        self.rules_heading = make_label("fieldLabel", wrap=True)  # above the rules
        enlarge(self.rules_heading, 1.15)
        self.sections = make_label(wrap=True)
        self.sections.setTextFormat(Qt.TextFormat.RichText)
        self.rules = make_label(wrap=True)
        self.rules.setTextFormat(Qt.TextFormat.RichText)
        self.agree = QCheckBox()
        self.agree.toggled.connect(self._agree_toggled)
        self.proceed = make_button("primary", primary=True)
        enlarge(self.proceed, 1.15)
        self.proceed.setEnabled(False)
        self.proceed.clicked.connect(self._proceed)
        scrolled_card(self, [self.title, self.heading, self.sections, self.rules_heading,
                             self.rules, self.agree,
                             self.proceed], min_chars=70)
        self._retranslate()

    def _agree_toggled(self, on: bool) -> None:
        self.proceed.setEnabled(on)

    def _proceed(self) -> None:
        if self.agree.isChecked():
            self.acknowledged.emit()

    def section_line(self, number: int, s: SectionSummary) -> str:
        if s.makalah:
            nav = self.tr("write and revise freely until you submit the paper")
        elif s.forward_only:
            nav = self.tr("forward only: you cannot go back to earlier questions")
        else:
            nav = self.tr("free: you may move between questions")
        size = (self.tr("a paper (makalah)") if s.makalah
                else self.tr("%n question(s)", "", s.items))
        time = self.tr("%n minute(s)", "", s.minutes)
        return f"<b>{number}. {s.title}</b><br>{time} · {size} · {nav}"

    def _retranslate(self) -> None:
        self.heading.setText(self.tr("Sections of the exam"))
        self.rules_heading.setText(self.tr("Exam rules"))
        rules = (self.tr("Work on your own; do not talk to other candidates."),
                 self.tr("Phones, notes and other devices are not allowed."),
                 self.tr("Each section has its own time limit; when it runs out, the "
                         "section is submitted automatically."),
                 self.tr("Your answers are saved as you go."),
                 self.tr("If you need help, press \"Call proctor\" or raise your hand."))
        self.rules.setText("<ul>" + "".join(f"<li>{r}</li>" for r in rules) + "</ul>")
        self.agree.setText(self.tr("I have read the rules and will follow them"))
        self.agree.setAccessibleName(self.agree.text())
        self.proceed.setText(self.tr("Continue"))
        self.proceed.setAccessibleName(self.tr("Continue"))
        self.sections.setAccessibleName(self.tr("Sections of the exam"))
        self.rules.setAccessibleName(self.tr("Exam rules"))
        self.title.setAccessibleName(self.tr("Exam title"))
        if self.view is not None:
            self.render(self.view)

    def render(self, view: RulesView) -> None:  # type: ignore[override]
        self.view = view
        self.title.setText(view.exam_title)
        self.sections.setText("<br><br>".join(
            self.section_line(i + 1, s) for i, s in enumerate(view.sections)))
        self.agree.setFocus()
