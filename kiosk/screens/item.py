"""One question per screen: stem, options, flag, previous/next, the palette and the clock.

The screen only reports what the candidate did (`answer_changed`, `flag_toggled`,
`navigate` ...); the controller asks the session and renders the new `ItemView`.
"""

from __future__ import annotations

from itertools import pairwise

from PySide6.QtCore import QEvent, QObject, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QMouseEvent, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QCheckBox,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from exam_bank.items.kinds import Input
from kiosk.engine.readaloud import spoken_text
from kiosk.engine.views import ItemView, PaletteEntry, format_clock, last_minutes
from kiosk.screens.base import KioskScreen, SplitRow
from kiosk.screens.pictures import Pictures
from kiosk.screens.status import StatusStrip
from kiosk.screens.style import enlarge, make_button, make_label

PALETTE_COLUMNS = 5
LETTERS = "ABCDEFGHIJ"


def option_label(how: Input, index: int) -> str:
    """A, B, C ... for choices; the points of a scale are numbered 1, 2, 3 ..."""
    return str(index + 1) if how == Input.SCALE else LETTERS[index]


def palette_marks(entry: PaletteEntry) -> str:
    """Marks beside the number, so state never rests on colour alone."""
    return str(entry.number) + (" ✓" if entry.answered else "") + (" ?" if entry.flagged
                                                                      else "")


class OptionRow(QFrame):
    """One option: the radio or check box with its letter, and the option's text wrapped
    beside it; the whole row is the click target, as candidates expect."""

    def __init__(self, button: QAbstractButton, text: str) -> None:
        super().__init__()
        self.setObjectName("option")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.button = button
        self.label = make_label("optionText", wrap=True)
        self.label.setText(text)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        self.mark = make_label("chosenMark")  # "✓ Chosen": the choice in words, too
        self.mark.hide()
        row = QHBoxLayout(self)
        row.setContentsMargins(8, 6, 8, 6)
        row.addWidget(button, 0, Qt.AlignmentFlag.AlignTop)
        row.addWidget(self.label, 1)
        row.addWidget(self.mark, 0, Qt.AlignmentFlag.AlignTop)
        button.toggled.connect(self._show_checked)

    def _show_checked(self, on: bool) -> None:
        self.setProperty("checked", on)
        self.mark.setVisible(on)
        self.style().unpolish(self)
        self.style().polish(self)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # Qt override
        if event.button() == Qt.MouseButton.LeftButton and self.button.isEnabled():
            self.button.click()
            self.button.setFocus()


class ItemScreen(KioskScreen):
    answer_changed = Signal(str, list)  # item id, option keys chosen (empty: cleared)
    flag_toggled = Signal(str)
    navigate = Signal(int)  # 0-based index in the section
    review_requested = Signal()
    hand_raised = Signal()
    message_dismissed = Signal()

    def __init__(self, parent: QWidget | None = None,
                 pictures: Pictures | None = None) -> None:
        super().__init__(parent)
        self.pictures = pictures or Pictures({})
        self.view: ItemView | None = None
        self._warning_minutes: int | None = None
        self._message: str | None = None
        self.option_buttons: list[QAbstractButton] = []
        self.option_rows: list[OptionRow] = []
        self.palette_buttons: list[QPushButton] = []
        self.group = QButtonGroup(self)
        self._build()
        self._shortcuts()
        self._retranslate()

    # -- layout ----------------------------------------------------------------------------

    def _build(self) -> None:
        """The top bar, the notices under it, the question beside its palette, and the
        navigation buttons, top to bottom."""
        top = self._build_top_bar()
        self._build_notices()
        body = QHBoxLayout()
        body.addWidget(self._build_question(), 3)
        body.addWidget(self._build_palette(), 1)
        actions = self._build_actions()

        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(8)
        outer.addWidget(top)
        for strip in (self.status, self.banner, self.message_box, self.skip_box):
            row = QHBoxLayout()
            row.setContentsMargins(16, 0, 16, 0)
            row.addWidget(strip)
            outer.addLayout(row)
        outer.addLayout(body, 1)
        outer.addLayout(actions)

    def _build_top_bar(self) -> QFrame:
        """Where the candidate is and how much time is left; the status strip below it."""
        top = QFrame()
        top.setObjectName("topbar")
        bar = QHBoxLayout(top)
        bar.setContentsMargins(16, 8, 16, 8)
        self.section_label = make_label(wrap=True)
        self.position = make_label()
        self.clock = make_label("clock")
        enlarge(self.clock, 1.3)
        self.status = StatusStrip()
        self.status.hand_raised.connect(self.hand_raised)
        self.hand = self.status.hand
        bar.addWidget(self.section_label, 1)
        bar.addWidget(self.position)
        bar.addSpacing(24)
        bar.addWidget(self.clock)
        return top

    def _build_notices(self) -> None:
        """The banner, the proctor's message and the skip question: hidden until needed."""
        self.banner = make_label("banner", wrap=True)
        self.banner.hide()
        self.message = make_label("message", wrap=True)
        self.message_ok = make_button("secondary")
        self.message_ok.clicked.connect(self.message_dismissed)
        self.message_box = QWidget()
        message_row = QHBoxLayout(self.message_box)
        message_row.setContentsMargins(0, 0, 0, 0)
        message_row.addWidget(self.message, 1)
        message_row.addWidget(self.message_ok)
        self.message_box.hide()
        self.skip_text = make_label("banner", wrap=True)
        self.skip_stay = make_button("secondary")
        self.skip_stay.clicked.connect(self._stay)
        self.skip_go = make_button("secondary")
        self.skip_go.clicked.connect(self._skip)
        self.skip_box = QWidget()
        skip_row = QHBoxLayout(self.skip_box)
        skip_row.setContentsMargins(0, 0, 0, 0)
        skip_row.addWidget(self.skip_text, 1)
        skip_row.addWidget(self.skip_stay)
        skip_row.addWidget(self.skip_go)
        self.skip_box.hide()

    def _build_question(self) -> QScrollArea:
        """The stem and its options, scrolled together at any font size."""
        self.stem = make_label("stem", wrap=True)
        enlarge(self.stem, 1.2)
        self.stem.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
        # A new question starts with the question itself in focus: nothing that looks
        # chosen, and a screen reader reads the stem first; Tab reaches the options.
        self.stem.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.options_box = QWidget()
        self.options_layout = QVBoxLayout(self.options_box)
        self.options_layout.setContentsMargins(0, 8, 0, 0)
        self.options_layout.setSpacing(6)
        question = QWidget()
        question.setObjectName("kioskScreen")
        qv = QVBoxLayout(question)
        qv.setContentsMargins(24, 16, 24, 16)
        qv.addWidget(self.stem)
        qv.addWidget(self.options_box)
        qv.addStretch(1)
        self.question_scroll = QScrollArea()
        self.question_scroll.setWidgetResizable(True)
        self.question_scroll.setFrameShape(QFrame.Shape.NoFrame)
        self.question_scroll.setWidget(question)
        return self.question_scroll

    def _build_palette(self) -> QWidget:
        """Every item of the section as a button, with its legend."""
        self.palette_title = make_label("fieldLabel", wrap=True)
        self.palette_box = QWidget()
        self.palette_box.setObjectName("kioskScreen")
        self.palette_grid = QGridLayout(self.palette_box)
        self.palette_grid.setSpacing(6)
        self.palette_grid.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.legend = make_label("subtitle", wrap=True)
        palette_scroll = QScrollArea()
        palette_scroll.setWidgetResizable(True)
        palette_scroll.setFrameShape(QFrame.Shape.NoFrame)
        palette_scroll.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        palette_scroll.setWidget(self.palette_box)
        self.palette_scroll = palette_scroll
        side = QVBoxLayout()
        side.addWidget(self.palette_title)
        side.addWidget(palette_scroll, 1)
        side.addWidget(self.legend)
        side_widget = QWidget()
        side_widget.setLayout(side)
        return side_widget

    def _build_actions(self) -> QHBoxLayout:
        """Back, mark, clear | next, finish: the moves, kept apart from the choices."""
        self.prev = make_button("secondary")
        self.prev.clicked.connect(lambda: self._step(-1))
        self.flag = make_button("secondary", checkable=True)
        self.flag.clicked.connect(self._flag)
        self.clear = make_button("secondary")
        self.clear.clicked.connect(self._clear)
        self.next = make_button("primary")
        self.next.clicked.connect(lambda: self._step(1))
        self.finish = make_button("secondary")
        self.finish.clicked.connect(self.review_requested)
        actions = QHBoxLayout()
        actions.setContentsMargins(16, 8, 16, 12)
        actions.addWidget(SplitRow([self.prev, self.flag, self.clear],
                                   [self.next, self.finish]))
        return actions

    def _shortcuts(self) -> None:
        """Alt+Left/Right and PageUp/PageDown move; A-E or 1-9 only put the focus on an
        option, Space or Enter chooses it: a stray key never changes an answer."""
        def add(key: str | QKeySequence.StandardKey | int, slot: object) -> None:
            shortcut = QShortcut(QKeySequence(key), self)
            shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            shortcut.activated.connect(slot)
        add("Alt+Left", lambda: self._step(-1))
        add("PgUp", lambda: self._step(-1))
        add("Alt+Right", lambda: self._step(1))
        add("PgDown", lambda: self._step(1))
        for n in range(9):
            add(str(n + 1), lambda n=n: self._focus_option(n, likert_only=True))
        for n, letter in enumerate(LETTERS[:5]):
            add(letter, lambda n=n: self._focus_option(n, likert_only=False))

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt override
        """On an option, arrows move the focus only (Qt's radio buttons would also move
        the choice) and Enter chooses, like Space."""
        if event.type() == QEvent.Type.KeyPress and watched in self.option_buttons:
            assert isinstance(event, QKeyEvent)
            index = self.option_buttons.index(watched)
            key = event.key()
            if key in (Qt.Key.Key_Up, Qt.Key.Key_Left, Qt.Key.Key_Down, Qt.Key.Key_Right):
                step = -1 if key in (Qt.Key.Key_Up, Qt.Key.Key_Left) else 1
                target = max(0, min(len(self.option_buttons) - 1, index + step))
                self.option_buttons[target].setFocus(Qt.FocusReason.TabFocusReason)
                return True
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not event.modifiers():
                self.option_buttons[index].click()
                return True
        return super().eventFilter(watched, event)

    # -- candidate actions -----------------------------------------------------------------

    def _chosen(self) -> list[str]:
        assert self.view is not None
        return [opt.key for opt, button in zip(self.view.options, self.option_buttons,
                                               strict=True) if button.isChecked()]

    def _option_clicked(self) -> None:
        if self.view is not None:
            self.answer_changed.emit(self.view.item_id, self._chosen())

    def _focus_option(self, index: int, likert_only: bool) -> None:
        if self.view is None or index >= len(self.option_buttons) or not self.isEnabled():
            return
        if likert_only != (self.view.input == Input.SCALE):
            return
        self.option_buttons[index].setFocus(Qt.FocusReason.ShortcutFocusReason)

    def _clear(self) -> None:
        if self.view is not None and self.view.selected:
            self.answer_changed.emit(self.view.item_id, [])

    def _flag(self) -> None:
        if self.view is not None:
            self.flag_toggled.emit(self.view.item_id)

    def _step(self, delta: int) -> None:
        if self.view is None or not self.isEnabled():
            return
        if delta > 0 and self.view.forward_only and not self.view.answered:
            self._ask_skip()  # a blank answer in a forward-only section is left for good
        elif (delta < 0 and self.view.can_prev) or (delta > 0 and self.view.can_next):
            self.navigate.emit(self.view.number - 1 + delta)
        elif delta > 0:
            self.review_requested.emit()  # past the last question: the review

    def _ask_skip(self) -> None:
        self.skip_box.show()
        self.skip_stay.setFocus()  # the safe choice is the one under Enter or Space

    def _stay(self) -> None:
        self.skip_box.hide()
        self.stem.setFocus()

    def _skip(self) -> None:
        self.skip_box.hide()
        if self.view is None:
            return
        if self.view.can_next:
            self.navigate.emit(self.view.number)
        else:
            self.review_requested.emit()

    # -- rendering -------------------------------------------------------------------------

    def _retranslate(self) -> None:
        self.prev.setText(self.tr("◀ Previous"))
        self.prev.setAccessibleName(self.tr("Previous question"))
        self.next.setText(self.tr("Next ▶"))
        self.next.setAccessibleName(self.tr("Next question"))
        self.flag.setText(self.tr("Mark for review"))
        self.flag.setAccessibleName(self.tr("Mark this question to look at again"))
        self.clear.setText(self.tr("Clear answer"))
        self.clear.setAccessibleName(self.tr("Clear answer"))
        self.finish.setText(self.tr("Finish section…"))
        self.finish.setAccessibleName(self.tr("Check answers and finish the section"))
        self.palette_title.setText(self.tr("Questions"))
        self.legend.setText(self.tr("✓ answered   ? marked   thick border: this question"))
        self.stem.setAccessibleName(self.tr("Question"))
        self.banner.setAccessibleName(self.tr("Time warning"))
        self.message.setAccessibleName(self.tr("Message from the proctor"))
        self.message_ok.setText(self.tr("OK"))
        self.message_ok.setAccessibleName(self.tr("Close the proctor's message"))
        self.skip_text.setText(self.tr("This question is not answered. Continue without "
                                       "answering? You cannot come back to it."))
        self.skip_stay.setText(self.tr("Answer it"))
        self.skip_stay.setAccessibleName(self.tr("Stay and answer this question"))
        self.skip_go.setText(self.tr("Continue without answering"))
        self.skip_go.setAccessibleName(self.skip_go.text())
        for row in self.option_rows:
            row.mark.setText(self.tr("✓ Chosen"))
        self._render_banner()
        if self.view is not None:
            self.render(self.view)

    def _render_banner(self) -> None:
        if self._warning_minutes is None:
            self.banner.hide()
        else:
            self.banner.setText(self.warning_text(self._warning_minutes))
            self.banner.show()
        if self._message:
            self.message.setText(self.message_text(self._message))
            self.message_box.show()
        else:
            self.message_box.hide()

    def warning_text(self, minutes: int) -> str:
        return self.tr("%n minute(s) left in this section.", "", minutes)

    def message_text(self, message: str) -> str:
        return self.tr("From the proctor: %1").replace("%1", message)

    def set_warning(self, minutes: int | None) -> None:
        self._warning_minutes = minutes
        self._render_banner()

    def set_message(self, text: str | None) -> None:
        self._message = text
        self._render_banner()

    def set_hand_raised(self, on: bool) -> None:
        self.status.set_hand_raised(on)

    def set_time_left(self, ms: int) -> None:
        text = self.tr("Time left %1").replace("%1", format_clock(ms))
        low = last_minutes(ms)
        if low:
            text += " · " + self.tr("last minutes")
        self.clock.setText(text)
        self.clock.setAccessibleName(text)
        if self.clock.property("low") is not low:
            self.clock.setProperty("low", low)
            self.clock.style().unpolish(self.clock)
            self.clock.style().polish(self.clock)

    def _rebuild_options(self, view: ItemView) -> None:
        for old in self.group.buttons():
            self.group.removeButton(old)
        for row in self.option_rows:
            row.hide()  # gone at once, not only when the deferred delete runs
            self.options_layout.removeWidget(row)
            row.deleteLater()
        self.option_buttons = []
        self.option_rows = []
        self.group.setExclusive(view.input != Input.MANY)
        for index, option in enumerate(view.options):
            label = option_label(view.input, index)
            many = view.input == Input.MANY
            button: QAbstractButton = QCheckBox() if many else QRadioButton()
            button.setText(f"{label}.")
            button.setAccessibleName(self.tr("Option %1: %2").replace("%1", label)
                                     .replace("%2", spoken_text(option.text,
                                                                self.tr("Picture"))))
            row = OptionRow(button, self.pictures.html(option.text))
            row.mark.setText(self.tr("✓ Chosen"))
            button.installEventFilter(self)
            for part in (button, row.label, row.mark):
                enlarge(part, 1.1)
            button.clicked.connect(self._option_clicked)
            if not many:  # check boxes stay out: a group would skip them on Tab
                self.group.addButton(button)
            self.options_layout.addWidget(row)
            self.option_buttons.append(button)
            self.option_rows.append(row)

    def _render_palette(self, entries: tuple[PaletteEntry, ...]) -> None:
        if len(self.palette_buttons) != len(entries):
            for button in self.palette_buttons:
                button.deleteLater()
            self.palette_buttons = []
            for n in range(len(entries)):
                button = make_button("palette")
                button.clicked.connect(lambda _=False, i=n: self.navigate.emit(i))
                self.palette_grid.addWidget(button, n // PALETTE_COLUMNS, n % PALETTE_COLUMNS)
                self.palette_buttons.append(button)
            # Every column visible at any font size: the panel is as wide as the grid.
            self.palette_scroll.setMinimumWidth(
                self.palette_box.minimumSizeHint().width()
                + self.palette_scroll.verticalScrollBar().sizeHint().width())
        for button, entry in zip(self.palette_buttons, entries, strict=True):
            button.setText(palette_marks(entry))
            states = [self.tr("answered") if entry.answered else self.tr("not answered")]
            if entry.flagged:
                states.append(self.tr("marked"))
            if entry.current:
                states.append(self.tr("current"))
            button.setAccessibleName(self.tr("Question %1").replace("%1", str(entry.number))
                                     + ", " + ", ".join(states))
            button.setEnabled(entry.reachable)
            for name, value in (("answered", entry.answered), ("flagged", entry.flagged),
                                ("current", entry.current)):
                button.setProperty(name, value)
            button.style().unpolish(button)
            button.style().polish(button)

    def tab_chain(self) -> list[QWidget]:
        """Keyboard order: the answer first, then moving on, then the rest."""
        return [self.stem, *self.option_buttons, self.next, self.prev, self.flag,
                self.clear, self.finish, *self.palette_buttons, self.hand, self.skip_stay,
                self.skip_go, self.message_ok]

    def _tab_order(self) -> None:
        for first, second in pairwise(self.tab_chain()):
            QWidget.setTabOrder(first, second)

    def render(self, view: ItemView) -> None:  # type: ignore[override]
        fresh = self.view is None or self.view.item_id != view.item_id \
            or len(self.option_buttons) != len(view.options)
        self.view = view
        self.section_label.setText(view.section_title)
        self.position.setText(self.tr("Question %1 of %2").replace("%1", str(view.number))
                              .replace("%2", str(view.total)))
        self.stem.setText(self.pictures.html(view.stem))
        self.stem.setAccessibleDescription(spoken_text(view.stem, self.tr("Picture")))
        if fresh:
            self._rebuild_options(view)
        # An exclusive group refuses to uncheck its checked button: lift it while setting.
        self.group.setExclusive(False)
        for option, button in zip(view.options, self.option_buttons, strict=True):
            button.setChecked(option.key in view.selected)
        self.group.setExclusive(view.input != Input.MANY)
        self.flag.setChecked(view.flagged)
        # forward-only: no way back at all, so a mark to come back to has no use either
        self.flag.setVisible(not view.forward_only)
        self.prev.setVisible(not view.forward_only)
        self.prev.setEnabled(view.can_prev)
        self.clear.setEnabled(bool(view.selected))
        self.next.setEnabled(view.can_next)
        self._render_palette(view.palette)
        if fresh:
            self.skip_box.hide()
            self._tab_order()
            self.question_scroll.verticalScrollBar().setValue(0)
            self.stem.setFocus()
