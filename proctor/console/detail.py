"""The candidate detail panel: who, where, how far, the controls, and their timeline."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QGridLayout,
    QLayout,
    QListWidget,
    QPushButton,
    QSizePolicy,
    QVBoxLayout,
    QWidget,
)

from exam_bank.status_words import Progress
from exam_bank.wire.control import ControlAction
from proctor.console.dialogs import MOVE
from proctor.console.seatmap import ElidedLabel
from proctor.console.style import enlarge, make_button, make_label
from proctor.console.words import Words, action_allowed, clock
from proctor.room import SeatView, TimelineEntry

SEAT_ACTIONS: tuple[str, ...] = (
    ControlAction.PAUSE, ControlAction.RESUME, ControlAction.EXTEND, ControlAction.LOCK,
    ControlAction.UNLOCK, ControlAction.MESSAGE, ControlAction.ANSWER_HAND,
    ControlAction.READ_ALOUD, MOVE, ControlAction.FORCE_SUBMIT)


class DetailPanel(QWidget):
    """Renders one seat and its timeline; a button asks for an action on that seat."""

    action_requested = Signal(str, str)  # action, seat

    def __init__(self, words: Words, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._words = words
        self.seat: str | None = None
        # No word wrap here: a wrapped label inside the scroll area reports a height for the
        # wrong width, and the buttons below got squeezed at 200% font.
        # Elided, not widened: a long name never takes width from the seat map.
        self.heading = ElidedLabel()
        self.heading.setObjectName("title")
        enlarge(self.heading, 1.2)
        # Wrapped: the hint and a long section title must fit the side panel's width in
        # every language (in Indonesian the hint's first line was cut at 1366x768 and
        # pushed the buttons out of view); the scroll area sizes it by heightForWidth.
        self.info = make_label("subtitle", wrap=True)
        # A held first login for this seat or candidate; decided in the banner.
        self.held = make_label("error", wrap=True)
        self.held.setVisible(False)
        self.buttons: dict[str, QPushButton] = {}
        grid = QGridLayout()
        for n, action in enumerate(SEAT_ACTIONS):
            button = make_button(f"seat_{action}", kind="danger" if action in (
                ControlAction.FORCE_SUBMIT,) else "")
            button.clicked.connect(lambda _=False, a=action: self._ask(a))
            grid.addWidget(button, n, 0)  # one column: the room keeps the width
            self.buttons[action] = button
        self.commands_title = make_label("fieldLabel")
        self.commands = QListWidget()
        self.commands.setMaximumHeight(self.fontMetrics().lineSpacing() * 5)
        self.commands.setWordWrap(True)
        self.timeline_title = make_label("fieldLabel")
        self.timeline = QListWidget()
        self.timeline.setMinimumHeight(self.fontMetrics().lineSpacing() * 8)
        # It takes the height left over, asking for none of its own: its default wish (192
        # px) made the panel taller than the side at 1366x768, so the panel scrolled and
        # hid the timeline's newest lines below the screen's edge.
        self.timeline.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Ignored)
        self.timeline.setWordWrap(True)
        # By pixel, and kept at the bottom while it is shown there: scrolled item by item,
        # and before its long lines had wrapped, the newest line was cut in half.
        self.timeline.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self._at_bottom = True
        bar = self.timeline.verticalScrollBar()
        bar.valueChanged.connect(self._note_position)
        bar.rangeChanged.connect(self._keep_bottom)
        box = QVBoxLayout(self)
        # The panel sits in a scroll area: never let it be squeezed below what it needs.
        box.setSizeConstraint(QLayout.SizeConstraint.SetMinimumSize)
        box.addWidget(self.heading)
        box.addWidget(self.info)
        box.addWidget(self.held)
        box.addLayout(grid)
        box.addWidget(self.commands_title)
        box.addWidget(self.commands)
        box.addWidget(self.timeline_title)
        box.addWidget(self.timeline, 1)
        self._lines: tuple[TimelineEntry, ...] = ()
        self.retranslate()
        self.show_seat(None, ())

    def retranslate(self, labels: dict[str, str] | None = None) -> None:
        self.commands_title.setText(self.tr("Proctor's commands"))
        self.commands.setAccessibleName(self.tr("The proctor's commands to this candidate "
                                                "and whether they arrived"))
        self.timeline_title.setText(self.tr("Timeline"))
        self.timeline.setAccessibleName(self.tr("Timeline of the candidate's events"))
        for action, text in (labels or {}).items():
            button = self.buttons[action]
            button.setText(text)
            button.setAccessibleName(text)
        self._lines = ()  # words changed: re-render the timeline

    def show_seat(self, view: SeatView | None, lines: tuple[TimelineEntry, ...],
                  commands: tuple[str, ...] = ()) -> None:
        """`commands`: the proctor's commands to this candidate, worded, oldest first."""
        w = self._words
        if commands != tuple(self.commands.item(i).text()
                             for i in range(self.commands.count())):
            self.commands.clear()
            self.commands.addItems(list(commands))
        self.commands_title.setVisible(bool(commands))
        self.commands.setVisible(bool(commands))
        self.seat = view.seat if view else None
        for action, button in self.buttons.items():
            button.setEnabled(view is not None and action_allowed(action, view))
        if view is None:
            self.heading.set_full_text(self.tr("No seat selected"))
            self.info.setText(self.tr("Click a seat (or Tab to it and press Enter) to see "
                                      "the candidate's details and controls."))
            self.timeline.clear()
            self._lines = ()
            return
        if view.participant_no is None:
            self.heading.set_full_text(self.tr("Seat {seat}: spare PC").format(seat=view.seat))
        else:
            self.heading.set_full_text(
                f"{view.seat} \u00b7 {view.name} \u00b7 {view.participant_no}")
        self.heading.setToolTip(self.heading.full_text())
        rows = [
            self.tr("Connection: {status}").format(status=w.status(view.status))
            + (f" ({view.kiosk_id} @ {view.kiosk_seat})" if view.kiosk_id else ""),
            self.tr("Attendance: {a}").format(a=w.attendance(view.attendance)),
            self.tr("Stage: {phase}").format(phase=view.section_title or w.phase(view.phase)),
            self.tr("Answered: {a} of {t}").format(a=view.answered, t=view.total),
        ]
        if view.time_left_ms is not None:
            rows.append(self.tr("Time left: {t}").format(t=clock(view.time_left_ms)))
        state = [text for on, text in ((view.paused, w.progress(Progress.PAUSED).lower()),
                                       (view.locked, w.progress(Progress.LOCKED).lower()),
                                       (view.hand_raised, self.tr("hand raised"))) if on]
        if state:
            rows.append(", ".join(state))
        self.info.setText("\n".join(rows))
        if lines != self._lines:
            self.timeline.clear()
            self.timeline.addItems([w.timeline(e) for e in lines])
            self._at_bottom = True
            self.timeline.scrollToBottom()
            self._lines = lines

    def _note_position(self, value: int) -> None:
        self._at_bottom = value >= self.timeline.verticalScrollBar().maximum()

    def _keep_bottom(self, _low: int, high: int) -> None:
        """The lines grew taller (wrapped, laid out late): still show the newest whole."""
        if self._at_bottom:
            self.timeline.verticalScrollBar().setValue(high)

    def _ask(self, action: str) -> None:
        if self.seat is not None:
            self.action_requested.emit(action, self.seat)

    def show_held(self, lines: list[str]) -> None:
        """The held logins that concern this seat, worded; hidden when none."""
        self.held.setText("\n".join(
            [self.tr("Login waiting for your decision (Approve / Refuse above):"), *lines]))
        self.held.setVisible(bool(lines))
