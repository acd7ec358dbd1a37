"""Before the paper goes in: its words against the range, the paper read-only as it will
be printed, the time left, and what happens next. Off the range it is still accepted (as
in BKN's CACT, where a paper below the minimum is scored lower, not refused), but only
after a second, explicit confirmation."""

from __future__ import annotations

from PySide6.QtCore import QLocale, Qt, Signal
from PySide6.QtGui import QKeySequence, QMouseEvent, QShortcut
from PySide6.QtWidgets import (
    QCheckBox,
    QHBoxLayout,
    QLabel,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from exam_bank.makalah.doc import parse
from exam_bank.makalah.text import RangeStatus
from kiosk.engine.views import MakalahCheckView, format_clock
from kiosk.screens.base import KioskScreen, SplitRow
from kiosk.screens.makalah.highlight import HeadingHighlighter
from kiosk.screens.makalah.qtdoc import load_document
from kiosk.screens.status import StatusStrip
from kiosk.screens.style import enlarge, make_button, make_label


class MakalahCheckScreen(KioskScreen):
    back = Signal()
    submit_confirmed = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.view: MakalahCheckView | None = None
        self.status = StatusStrip()
        self.title = make_label("title", wrap=True)
        enlarge(self.title, 1.3)
        self.clock = make_label("fieldLabel")
        self.words = make_label("fieldLabel", wrap=True)
        self.range_warning = make_label("error", wrap=True)
        self.understood = QCheckBox()
        self.understood.toggled.connect(self._sync)
        # The words in a wrapping label beside the box: a check box's own text never
        # wraps, and at 200% this sentence is wider than the screen.
        self.understood_text = _ToggleLabel(self.understood)
        self.preview_title = make_label("fieldLabel")
        self.preview = QTextBrowser()
        self.preview.setObjectName("preview")
        self.preview.setOpenLinks(False)
        self.preview.setReadOnly(True)
        self.preview.document().setDocumentMargin(16)
        self.highlighter = HeadingHighlighter(self.preview.document())
        self.preview_title.setBuddy(self.preview)
        self.next_text = make_label("banner", wrap=True)
        self.back_button = make_button("secondary")
        self.back_button.clicked.connect(self.back)
        self.submit = make_button("primary", primary=True)
        self.submit.clicked.connect(self._submit)
        escape = QShortcut(QKeySequence(Qt.Key.Key_Escape), self)
        escape.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        escape.activated.connect(self.back)
        self._layout()
        self._retranslate()

    def _layout(self) -> None:
        head = QHBoxLayout()
        head.addWidget(self.title, 1)
        head.addWidget(self.clock, 0, Qt.AlignmentFlag.AlignTop)
        side = QVBoxLayout()
        confirm = QHBoxLayout()
        confirm.addWidget(self.understood, 0, Qt.AlignmentFlag.AlignTop)
        confirm.addWidget(self.understood_text, 1)
        self.confirm_row = QWidget()
        self.confirm_row.setLayout(confirm)
        side.addWidget(self.words)
        side.addWidget(self.range_warning)
        side.addWidget(self.confirm_row)
        side.addWidget(self.next_text)
        side.addStretch(1)
        paper = QVBoxLayout()
        paper.addWidget(self.preview_title)
        paper.addWidget(self.preview, 1)
        body = QHBoxLayout()
        body.addLayout(paper, 3)
        body.addLayout(side, 2)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(16, 10, 16, 12)
        outer.addWidget(self.status)
        outer.addLayout(head)
        outer.addLayout(body, 1)
        outer.addWidget(SplitRow([self.back_button], [self.submit]))
        QWidget.setTabOrder(self.back_button, self.understood)
        QWidget.setTabOrder(self.understood, self.submit)
        QWidget.setTabOrder(self.submit, self.preview)

    def number(self, value: int) -> str:
        return QLocale(self.tr("en_US", "locale for numbers")).toString(value)

    def _retranslate(self) -> None:
        self.preview_title.setText(self.tr("Your paper, as it will be printed"))
        self.preview.setAccessibleName(self.tr("Your paper (read only)"))
        self.back_button.setText(self.tr("Back to the paper"))
        self.back_button.setAccessibleName(self.back_button.text())
        self.submit.setText(self.tr("Submit the paper"))
        self.submit.setAccessibleName(self.submit.text())
        self.clock.setAccessibleName(self.tr("Time left"))
        self.words.setAccessibleName(self.tr("Word count"))
        self.range_warning.setAccessibleName(self.tr("Word count warning"))
        self.next_text.setAccessibleName(self.tr("What happens next"))
        if self.view is not None:
            self.render(self.view, keep=True)

    def range_text(self, view: MakalahCheckView) -> str:
        count = self.tr("Your paper has %1 words.").replace("%1", self.number(view.words))
        low, high = view.min_words, view.max_words
        if low and high:
            limit = self.tr("The range is %1 to %2 words.").replace(
                "%1", self.number(low)).replace("%2", self.number(high))
        elif low:
            limit = self.tr("The minimum is %1 words.").replace("%1", self.number(low))
        elif high:
            limit = self.tr("The maximum is %1 words.").replace("%1", self.number(high))
        else:
            return count
        return f"{count} {limit}"

    def warning_text(self, view: MakalahCheckView) -> str:
        if view.status is RangeStatus.UNDER:
            return self.tr("%1 words below the minimum. A paper below the minimum is "
                           "accepted but scored lower. You still have time to write more."
                           ).replace("%1", self.number((view.min_words or 0) - view.words))
        return self.tr("%1 words above the maximum. A paper above the maximum is accepted "
                       "but scored lower.").replace(
                           "%1", self.number(view.words - (view.max_words or 0)))

    def next_step_text(self, view: MakalahCheckView) -> str:
        done = self.tr("After submitting, the paper can no longer be changed.")
        if view.last_section:
            return done + " " + self.tr("This ends the exam and you receive your receipt.")
        return done + " " + self.tr("Next comes the section \"%1\"; its time starts when you "
                                    "press Start.").replace("%1", view.next_section or "")

    def set_time_left(self, ms: int) -> None:
        self.clock.setText(self.tr("Time left %1").replace("%1", format_clock(ms)))

    def _sync(self) -> None:
        view = self.view
        self.submit.setEnabled(view is not None
                               and (not view.off_range or self.understood.isChecked()))

    def _submit(self) -> None:
        if self.submit.isEnabled():
            self.submit_confirmed.emit()

    def render(self, view: MakalahCheckView, keep: bool = False) -> None:  # type: ignore[override]
        fresh = self.view is None or self.view.text != view.text or not keep
        self.view = view
        self.title.setText(self.tr("Check your paper before submitting: %1").replace(
            "%1", view.section_title))
        self.words.setText(self.range_text(view))
        self.range_warning.setVisible(view.off_range)
        self.confirm_row.setVisible(view.off_range)
        if view.off_range:
            self.range_warning.setText(self.warning_text(view))
            self.understood_text.setText(
                self.tr("I understand that my paper is below the minimum and want to "
                        "submit it") if view.status is RangeStatus.UNDER else
                self.tr("I understand that my paper is above the maximum and want to "
                        "submit it"))
            self.understood.setAccessibleName(self.understood_text.text())
        self.next_text.setText(self.next_step_text(view))
        if fresh:
            self.understood.setChecked(False)
            load_document(self.preview.document(), parse(view.text))
            self.highlighter.rehighlight()
            self.back_button.setFocus()  # the safe choice first
        self._sync()


class _ToggleLabel(QLabel):
    """A check box's words that wrap; a click on them ticks the box, as on its own text."""

    def __init__(self, box: QCheckBox) -> None:
        super().__init__()
        self.box = box
        self.setObjectName("fieldLabel")
        self.setWordWrap(True)
        self.setBuddy(box)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # Qt override
        if event.button() == Qt.MouseButton.LeftButton and self.box.isEnabled():
            self.box.click()
