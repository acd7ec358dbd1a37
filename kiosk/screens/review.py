"""Before submitting a section: what is unanswered or flagged, then a confirmation."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import QGridLayout, QHBoxLayout, QPushButton, QScrollArea, QWidget

from kiosk.engine.views import PaletteEntry, ReviewView, format_clock
from kiosk.screens.base import KioskScreen, scrolled_card
from kiosk.screens.status import StatusStrip
from kiosk.screens.style import enlarge, make_button, make_label

COLUMNS = 10


class ReviewScreen(KioskScreen):
    go_to = Signal(int)  # 0-based item index
    back = Signal()
    submit_confirmed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view: ReviewView | None = None
        self.title = make_label("title", wrap=True)
        enlarge(self.title, 1.4)
        self.summary = make_label(wrap=True)
        self.clock = make_label("fieldLabel")
        self.unanswered_label = make_label("fieldLabel", wrap=True)
        self.unanswered = QWidget()
        self.unanswered_grid = QGridLayout(self.unanswered)
        self.flagged_label = make_label("fieldLabel", wrap=True)
        self.flagged = QWidget()
        self.flagged_grid = QGridLayout(self.flagged)
        for grid in (self.unanswered_grid, self.flagged_grid):
            grid.setContentsMargins(0, 0, 0, 0)
        self.jump_buttons: list[QPushButton] = []
        self.back_button = make_button("secondary")
        self.back_button.clicked.connect(self.back)
        self.submit = make_button("primary", primary=True)
        self.submit.clicked.connect(self._ask)
        self.confirm_text = make_label("banner", wrap=True)
        self.yes = make_button("primary")
        self.yes.clicked.connect(self.submit_confirmed)
        self.cancel = make_button("secondary")
        self.cancel.clicked.connect(self._cancel)
        actions = QHBoxLayout()
        actions.addWidget(self.back_button)
        actions.addStretch(1)
        actions.addWidget(self.submit)
        confirm = QHBoxLayout()
        confirm.addStretch(1)
        confirm.addWidget(self.cancel)
        confirm.addWidget(self.yes)
        self.status = StatusStrip()
        scrolled_card(self, [self.status, self.title, self.clock, self.summary,
                             self.unanswered_label, self.unanswered, self.flagged_label,
                             self.flagged, actions, self.confirm_text, confirm], min_chars=72)
        escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        escape.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        escape.activated.connect(self._escape)
        self._show_confirm(False)
        self._retranslate()

    def _show_confirm(self, on: bool) -> None:
        for widget in (self.confirm_text, self.yes, self.cancel):
            widget.setVisible(on)
        self.submit.setEnabled(not on)
        if on:
            self.cancel.setFocus()  # the safe choice is the one under Enter
            # At a large font the question sits below the fold: bring it into view once
            # it is laid out.
            QTimer.singleShot(0, self._reveal_confirm)

    def _reveal_confirm(self) -> None:
        scroll = self.findChild(QScrollArea)
        if scroll is not None and self.yes.isVisible():
            scroll.ensureWidgetVisible(self.yes)

    def _ask(self) -> None:
        self._show_confirm(True)

    def set_time_left(self, ms: int) -> None:
        self.clock.setText(self.tr("Time left %1").replace("%1", format_clock(ms)))
        self.clock.setAccessibleName(self.tr("Time left"))

    def _escape(self) -> None:
        if self.yes.isVisible():
            self._cancel()

    def _cancel(self) -> None:
        self._show_confirm(False)
        self.submit.setFocus()

    def _retranslate(self) -> None:
        self.back_button.setText(self.tr("Back to the questions"))
        self.back_button.setAccessibleName(self.back_button.text())
        self.yes.setText(self.tr("Yes, submit"))
        self.yes.setAccessibleName(self.yes.text())
        self.cancel.setText(self.tr("Cancel"))
        self.cancel.setAccessibleName(self.cancel.text())
        self.unanswered_label.setText(self.tr("Not answered:"))
        self.flagged_label.setText(self.tr("Marked for review:"))
        if self.view is not None:
            self.render(self.view, keep_confirm=self.yes.isVisible())

    def _fill(self, grid: QGridLayout, entries: tuple[PaletteEntry, ...]) -> None:
        while grid.count():
            taken = grid.takeAt(0)
            widget = taken.widget() if taken is not None else None
            if widget is not None:
                widget.deleteLater()
        if not entries:
            none = make_label("subtitle")
            none.setText(self.tr("none"))
            grid.addWidget(none, 0, 0)
            return
        for n, entry in enumerate(entries):
            button = make_button("palette", str(entry.number))
            button.setAccessibleName(self.tr("Go to question %1").replace(
                "%1", str(entry.number)))
            button.setEnabled(entry.reachable)
            button.clicked.connect(lambda _=False, i=entry.number - 1: self.go_to.emit(i))
            self.jump_buttons.append(button)
            grid.addWidget(button, n // COLUMNS, n % COLUMNS)
        grid.setColumnStretch(COLUMNS, 1)

    def render(self, view: ReviewView, keep_confirm: bool = False) -> None:  # type: ignore[override]
        self.view = view
        self.title.setText(self.tr("Check your answers: %1").replace("%1", view.section_title))
        self.summary.setText(self.tr("Answered %1 of %2 questions.")
                             .replace("%1", str(view.answered)).replace("%2", str(view.total)))
        self.jump_buttons = []
        self._fill(self.unanswered_grid, view.unanswered)
        self._fill(self.flagged_grid, view.flagged)
        self.submit.setText(self.tr("Submit the exam") if view.last_section
                            else self.tr("Submit this section"))
        self.submit.setAccessibleName(self.submit.text())
        self.confirm_text.setText(
            self.tr("Submit now? After submitting you cannot change your answers in this "
                    "section."))
        self._show_confirm(keep_confirm)
        if not keep_confirm:
            self.submit.setFocus()
