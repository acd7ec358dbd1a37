"""The makalah screen: case material and prompt beside a word processor; it renders a
`MakalahView` and emits the paper's stored text, refused pastes and "finished"."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

from PySide6.QtCore import QEvent, QLocale, QObject, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QFont,
    QKeySequence,
    QShowEvent,
    QTextCharFormat,
    QTextCursor,
    QTextListFormat,
)
from PySide6.QtWidgets import (
    QComboBox,
    QHBoxLayout,
    QMenu,
    QSplitter,
    QTextBrowser,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from exam_bank.items.richtext import looks_like_html, sanitize, to_plain_text
from exam_bank.makalah.doc import parse, serialize
from exam_bank.makalah.text import RangeStatus, count_words, document_words, range_status
from kiosk.engine.views import format_clock, last_minutes
from kiosk.screens.base import SplitRow
from kiosk.screens.makalah import formatting
from kiosk.screens.makalah.editor import MakalahEditor
from kiosk.screens.makalah.findbar import FindBar
from kiosk.screens.makalah.flow import ToolRow
from kiosk.screens.makalah.highlight import HeadingHighlighter
from kiosk.screens.makalah.paste import PasteGuard
from kiosk.screens.makalah.qtdoc import (
    DocumentReader,
    cursor_list,
    cursor_table,
    load_document,
)
from kiosk.screens.makalah.tabledialog import TableDialog
from kiosk.screens.pictures import Pictures
from kiosk.screens.status import StatusStrip
from kiosk.screens.style import STYLE, enlarge, make_button, make_label

SAVE_INTERVAL_MS = 900  # a change reaches text_changed within this, also while typing on
COUNT_INTERVAL_MS = 250
NOTICE_MS = 6000
ZOOM_STEPS = (80, 90, 100, 110, 125, 150, 175, 200, 250, 300)  # percent of the app font
LOW_TIME_MS = 10 * 60 * 1000

MAKALAH_STYLE = STYLE + """
QWidget#pane { background: white; border: 1px solid #d0d6de; border-radius: 8px; }
QLabel#paneTitle { font-weight: 600; color: #1d2b3a; }
QLabel#timeLeft { font-weight: 600; color: #1d2b3a; padding: 0.2em 0.6em;
                  border: 2px solid #6b7785; border-radius: 6px; background: white; }
QLabel#timeLeft[low="true"] { color: #5a3e00; background: #fff3c4; border-color: #8a5a00;
                              font-weight: 700; }
QLabel#wordCount { font-weight: 600; padding: 0.2em 0.5em; border-radius: 6px; }
QLabel#wordCount[status="within"] { color: #1b5e20; background: #e8f5e9; }
QLabel#wordCount[status="under"] { color: #7a4f01; background: #fff4e0; }
QLabel#wordCount[status="over"] { color: #a4161a; background: #fdecea; }
QLabel#notice { color: #4a3b00; background: #fff4e0; border: 1px solid #f0c36d;
                border-radius: 6px; padding: 0.4em; }
QLabel#readOnly { color: #0d3c61; background: #e3f2fd; border-radius: 6px; padding: 0.4em; }
QTextEdit, QTextBrowser { border: 1px solid #6b7785; background: white; }
QTextEdit:focus { border: 2px solid #1565c0; }
QFrame#toolSeparator { color: #c5ccd5; }
QToolButton { padding: 0.15em 0.4em; border: 1px solid transparent; border-radius: 4px; }
QToolButton:checked { background: #dbe7f6; border-color: #1565c0; }
QToolButton:focus { border: 2px solid #b45309; }
QPushButton#tool { padding: 0.2em 0.6em; }
QToolButton#boldButton { font-weight: bold; }
QToolButton#italicButton { font-style: italic; }
QToolButton#underlineButton { text-decoration: underline; }
"""


@dataclass(frozen=True)
class MakalahView:
    item_id: str
    title: str
    prompt: str  # the item's instructions: the rich-text subset, or plain paragraphs
    case_material: str  # the item bank's rich-text subset (HTML)
    min_words: int | None
    max_words: int | None
    text: str  # the stored form (exam_bank.makalah)
    read_only: bool = False


class MakalahScreen(QWidget):
    text_changed = Signal(str, str)  # item_id, stored text
    paste_refused = Signal(str, int)  # item_id, characters refused
    finished = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("kioskScreen")
        self.setStyleSheet(MAKALAH_STYLE)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground, True)
        self.view: MakalahView | None = None
        # Asked before each key reaches the paper: False once the time is up, so a key
        # pressed after the proctor's clock ran out neither lands nor spoils the words
        # typed before it (the controller sets it and notes when each key came).
        self.edit_gate: Callable[[], bool] | None = None
        self._stored = ""  # the text last loaded or emitted: what the log holds
        self._time_left: int | None = None
        self._words = 0
        self._zoom = 100
        self._sized = False
        self._material_html = ""
        self.pictures = Pictures({})  # the package's pictures; the controller gives them
        self._low_time: bool | None = None
        self.guard = PasteGuard()
        self.editor = MakalahEditor(self.guard)
        self.editor.setObjectName("editor")
        self.editor.document().setDocumentMargin(12)
        self.highlighter = HeadingHighlighter(self.editor.document())
        self.reader = DocumentReader(self.editor.document())
        self.find_bar = FindBar(self.editor)
        self.material = QTextBrowser()
        self.material.setObjectName("material")
        self.material.setOpenLinks(False)
        self.material.setOpenExternalLinks(False)
        self.material.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.material.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse
                                              | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.title = make_label("title", wrap=True)
        enlarge(self.title, 1.2)
        self.time_label = make_label("timeLeft")
        self.time_label.hide()
        self.word_label = make_label("wordCount", wrap=True)
        self.zoom_label = make_label("subtitle")
        self.notice = make_label("notice", wrap=True)
        self.notice.hide()
        self.read_only_banner = make_label("readOnly", wrap=True)
        self.read_only_banner.hide()
        self.material_title = make_label("paneTitle")
        self.status = StatusStrip()
        # Messages, time warnings and lockdown notices sit in the layout above the
        # paper: they push it down a little, they never cover a line being typed.
        self.alert = make_label("message", wrap=True)
        self.alert_ok = make_button("secondary")
        self.alert_box = QWidget()
        alert_row = QHBoxLayout(self.alert_box)
        alert_row.setContentsMargins(0, 0, 0, 0)
        alert_row.addWidget(self.alert, 1)
        alert_row.addWidget(self.alert_ok)
        self.alert_box.hide()
        self.finish_button = make_button("primary", primary=True)
        self.finish_button.clicked.connect(self._finish)
        self._notice_timer = QTimer(self, singleShot=True, interval=NOTICE_MS)
        self._notice_timer.timeout.connect(self.notice.hide)
        self._save_timer = QTimer(self, singleShot=True, interval=SAVE_INTERVAL_MS)
        self._save_timer.timeout.connect(self.flush)
        self._count_timer = QTimer(self, singleShot=True, interval=COUNT_INTERVAL_MS)
        self._count_timer.timeout.connect(self._recount)
        self._build_actions()
        self._layout()
        self.editor.installEventFilter(self)
        self.editor.document().contentsChanged.connect(self._edited)
        self.editor.currentCharFormatChanged.connect(self._sync_format)
        self.editor.cursorPositionChanged.connect(self._sync_block)
        self.editor.paste_refused.connect(self._refuse_paste)
        self.editor.undoAvailable.connect(lambda on: self.commands["undo"].setEnabled(
            on and not self.editor.isReadOnly()))
        self.editor.redoAvailable.connect(lambda on: self.commands["redo"].setEnabled(
            on and not self.editor.isReadOnly()))
        self.commands["undo"].setEnabled(False)
        self.commands["redo"].setEnabled(False)
        self._apply_zoom()
        self._retranslate()
        self._sync_block()

    # -- building -----------------------------------------------------------------------

    def _action(self, name: str, handler: Callable[[], object],
                keys: tuple[QKeySequence | QKeySequence.StandardKey | str, ...] = (),
                checkable: bool = False, symbol: str = "") -> QAction:
        action = QAction(self)
        action.setIconText(symbol)  # the toolbar shows the symbol, menus the words
        action.setObjectName(name)
        action.setCheckable(checkable)
        action.setShortcuts([QKeySequence(k) for k in keys])
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(lambda _checked=False: handler())  # Qt's bool not passed on
        self.addAction(action)
        self.commands[name] = action
        return action

    def _build_actions(self) -> None:
        # not "actions": that would hide QWidget.actions()
        self.commands: dict[str, QAction] = {}
        key = QKeySequence.StandardKey
        self._action("bold", self.toggle_bold, (key.Bold,), True, "B")
        self._action("italic", self.toggle_italic, (key.Italic,), True, "I")
        self._action("underline", self.toggle_underline, (key.Underline,), True, "U")
        self._action("bullets", lambda: self.toggle_list(False), ("Ctrl+Shift+8",), True, "•≡")
        self._action("numbers", lambda: self.toggle_list(True), ("Ctrl+Shift+7",), True, "1≡")
        self._action("table", self.ask_table, ("Ctrl+Alt+T",))
        self._action("add_row", self.add_row, ("Ctrl+Alt+R",))
        self._action("add_column", self.add_column, ("Ctrl+Alt+C",))
        self._action("remove_row", self.remove_row, ("Ctrl+Alt+Backspace",))
        self._action("undo", self.editor.undo, (key.Undo,), symbol="↶")
        self._action("redo", self.editor.redo, (key.Redo, "Ctrl+Y"), symbol="↷")
        self._action("find", self.find_bar.open_bar, (key.Find,))
        self._action("find_next", self.find_bar.find_next, (key.FindNext,))
        self._action("find_previous", self.find_bar.find_previous, (key.FindPrevious,))
        self._action("zoom_out", lambda: self.zoom(-1), ("Ctrl+-",), symbol="A−")
        self._action("zoom_in", lambda: self.zoom(1), ("Ctrl+=", "Ctrl++"), symbol="A+")
        self._action("zoom_reset", self.reset_zoom, ("Ctrl+0",))
        for level in range(4):
            self._action(f"style_{level}", partial(self.set_heading, level),
                         (f"Ctrl+Alt+{level}",))
        self._action("cut", self.editor.cut)
        self._action("copy", self.editor.copy)
        self._action("paste", self.editor.paste)
        self._action("select_all", self.editor.selectAll)
        menu = ("undo", "redo", None, "cut", "copy", "paste", None, "select_all")
        self.editor.menu_actions = [self.commands[n] if n else None for n in menu]
        self.material.addAction(self._material_copy())
        self.style_box = QComboBox()
        self.style_box.setObjectName("paragraphStyle")
        self.style_box.addItems(["", "", "", ""])
        self.style_box.activated.connect(self.set_heading)
        self.style_box.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.toolbar = ToolRow()
        self.toolbar.add_widget(self.style_box)
        self.table_menu = QMenu(self)
        for name in ("table", "add_row", "add_column", "remove_row"):
            self.table_menu.addAction(self.commands[name])
        self.table_button = QToolButton()
        self.table_button.setObjectName("tableButton")
        self.table_button.setMenu(self.table_menu)
        self.table_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.table_button.setFocusPolicy(Qt.FocusPolicy.TabFocus)
        groups = (("bold", "italic", "underline"), ("bullets", "numbers"), ("table",),
                  ("undo", "redo"), ("find",), ("zoom_out", "zoom_in"))
        for n, group in enumerate(groups):
            if n:
                self.toolbar.add_separator()
            if group == ("table",):
                self.toolbar.add_widget(self.table_button)
                continue
            for name in group:
                if name == "zoom_in":
                    self.toolbar.add_widget(self.zoom_label)
                self.toolbar.add_action(self.commands[name])
        self.zoom_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.zoom_label.setMinimumHeight(self.toolbar.button(self.commands["zoom_in"])
                                         .sizeHint().height())
        for name in ("bold", "italic", "underline"):  # styled by the sheet: sizes still follow
            self.toolbar.button(self.commands[name]).setObjectName(f"{name}Button")

    def _material_copy(self) -> QAction:
        action = QAction(self)
        action.setObjectName("copy_material")
        action.triggered.connect(self.material.copy)
        self.commands["copy_material"] = action
        return action

    def _layout(self) -> None:
        header = QHBoxLayout()
        header.addWidget(self.title, 1)
        header.addWidget(self.time_label, 0, Qt.AlignmentFlag.AlignTop)
        left = QWidget()
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 6, 0)
        left_layout.addWidget(self.material_title)
        left_layout.addWidget(self.material, 1)
        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(6, 0, 0, 0)
        right_layout.addWidget(self.toolbar)
        right_layout.addWidget(self.find_bar)
        right_layout.addWidget(self.notice)
        right_layout.addWidget(self.read_only_banner)
        right_layout.addWidget(self.editor, 1)
        # The count and "Finish" share a row while they fit; at a large font, two rows.
        right_layout.addWidget(SplitRow([self.word_label], [self.finish_button]))
        self.splitter = QSplitter(Qt.Orientation.Horizontal)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.addWidget(left)
        self.splitter.addWidget(right)
        self.splitter.setStretchFactor(0, 2)
        self.splitter.setStretchFactor(1, 3)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(12, 10, 12, 10)
        outer.addWidget(self.status)
        outer.addLayout(header)
        outer.addWidget(self.alert_box)
        outer.addWidget(self.splitter, 1)
        self.material_title.setBuddy(self.material)
        QWidget.setTabOrder(self.editor, self.finish_button)
        QWidget.setTabOrder(self.finish_button, self.material)

    def _retranslate(self) -> None:
        tips = {
            "bold": (self.tr("Bold"), "Ctrl+B"),
            "italic": (self.tr("Italic"), "Ctrl+I"),
            "underline": (self.tr("Underline"), "Ctrl+U"),
            "bullets": (self.tr("Bulleted list"), "Ctrl+Shift+8"),
            "numbers": (self.tr("Numbered list"), "Ctrl+Shift+7"),
            "table": (self.tr("Insert table"), "Ctrl+Alt+T"),
            "add_row": (self.tr("Add table row"), "Ctrl+Alt+R"),
            "add_column": (self.tr("Add table column"), "Ctrl+Alt+C"),
            "remove_row": (self.tr("Delete table row"), "Ctrl+Alt+Backspace"),
            "undo": (self.tr("Undo"), "Ctrl+Z"),
            "redo": (self.tr("Redo"), "Ctrl+Y"),
            "find": (self.tr("Find"), "Ctrl+F"),
            "zoom_out": (self.tr("Smaller text"), "Ctrl+-"),
            "zoom_in": (self.tr("Larger text"), "Ctrl+="),
        }
        words = {"bullets": self.tr("• List"), "numbers": self.tr("1. List"),
                 "undo": self.tr("↶ Undo"), "redo": self.tr("↷ Redo")}
        for name, (text, keys) in tips.items():
            action = self.commands[name]
            action.setText(text)
            action.setToolTip(f"{text} ({keys})")
            button = self.toolbar.widgetForAction(action)
            if name == "find":
                action.setIconText(self.tr("Find"))
            elif name in words:  # a word beside the glyph: "•≡" alone says little
                action.setIconText(words[name])
            if button is not None:
                button.setAccessibleName(text)
                button.setAccessibleDescription(keys)
        self.commands["cut"].setText(self.tr("Cut"))
        self.commands["copy"].setText(self.tr("Copy"))
        self.commands["paste"].setText(self.tr("Paste"))
        self.commands["select_all"].setText(self.tr("Select all"))
        self.commands["copy_material"].setText(self.tr("Copy"))
        self.table_button.setText(self.tr("Table"))
        self.table_button.setAccessibleName(self.tr("Table"))
        self.table_button.setToolTip(self.tr("Insert a table, add or delete rows"))
        styles = (self.tr("Paragraph"), self.tr("Heading 1"), self.tr("Heading 2"),
                  self.tr("Heading 3"))
        for n, text in enumerate(styles):
            self.style_box.setItemText(n, text)
        self.style_box.setAccessibleName(self.tr("Paragraph style"))
        self.style_box.setToolTip(self.tr("Paragraph style (Ctrl+Alt+0 to Ctrl+Alt+3)"))
        self.toolbar.setAccessibleName(self.tr("Formatting"))
        self.editor.setAccessibleName(self.tr("Your paper"))
        self.editor.setAccessibleDescription(self.tr(
            "Ctrl+Tab leaves the text; Tab in a list moves the item in"))
        self.editor.setPlaceholderText(self.tr("Write your paper here."))
        self.material.setAccessibleName(self.tr("Instructions and case material"))
        self.material_title.setText(self.tr("Instructions and case material"))
        self.finish_button.setText(self.tr("Finish writing"))
        self.finish_button.setAccessibleName(self.tr("Finish writing and check the paper "
                                                     "before submitting"))
        self.alert_ok.setText(self.tr("OK"))
        self.alert_ok.setAccessibleName(self.tr("Close the message"))
        self.alert.setAccessibleName(self.tr("Message"))
        self.word_label.setAccessibleName(self.tr("Word count"))
        self.zoom_label.setAccessibleName(self.tr("Text size"))
        self.notice.setText(self.tr("Pasting from outside the exam is not allowed. You can "
                                    "paste what you copied in your paper or the case "
                                    "material."))
        self.notice.setAccessibleName(self.tr("Notice"))
        self.read_only_banner.setText(self.tr("Preview: the paper can no longer be "
                                              "changed."))
        self.find_bar.retranslate()
        self._show_words()
        self._show_time()
        self._show_zoom()
        if self.view is not None:
            self._fill_material(self.view)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # Qt override
        if (watched is self.editor and self.edit_gate is not None
                and event.type() in (QEvent.Type.KeyPress, QEvent.Type.InputMethod)
                and not self.edit_gate()):
            return True  # swallowed: the time is up
        return super().eventFilter(watched, event)

    def showEvent(self, event: QShowEvent) -> None:  # Qt override
        if not self._sized:  # the material gets two fifths of the width at first
            self._sized = True
            width = max(self.splitter.width(), self.width())
            self.splitter.setSizes([width * 2 // 5, width - width * 2 // 5])
        super().showEvent(event)

    def changeEvent(self, event: QEvent) -> None:  # Qt override
        if event.type() == QEvent.Type.LanguageChange:
            self._retranslate()
        elif event.type() == QEvent.Type.FontChange:  # the candidate chose a larger font
            self._apply_zoom()
        super().changeEvent(event)

    # -- the contract ---------------------------------------------------------------------

    def render(self, view: MakalahView) -> None:  # type: ignore[override]
        previous = self.view
        if previous is not None and previous.item_id != view.item_id:
            self.flush()
        self.view = view
        self.title.setText(view.title)
        self._fill_material(view)
        fresh_item = previous is None or previous.item_id != view.item_id
        pending = self._save_timer.isActive()
        if fresh_item or (view.text != self._stored and not pending):
            self._load(view.text)
        if fresh_item:
            self.editor.setFocus()
        self.editor.setReadOnly(view.read_only)
        self.read_only_banner.setVisible(view.read_only)
        self.finish_button.setVisible(not view.read_only)
        for name in ("bold", "italic", "underline", "bullets", "numbers", "table", "add_row",
                     "add_column", "remove_row", "cut", "paste"):
            self.commands[name].setEnabled(not view.read_only)
        self.style_box.setEnabled(not view.read_only)
        self.table_button.setEnabled(not view.read_only)
        self.commands["undo"].setEnabled(not view.read_only
                                        and self.editor.document().isUndoAvailable())
        self.commands["redo"].setEnabled(not view.read_only
                                        and self.editor.document().isRedoAvailable())
        self._sync_block()
        self._show_words()

    def set_time_left(self, ms: int) -> None:
        self._time_left = ms
        self._show_time()

    def set_alert(self, text: str | None) -> None:
        """The newest unread message or warning, or None once read."""
        if text:
            self.alert.setText(text)
            self.alert_box.show()
        else:
            self.alert_box.hide()

    def flush(self) -> None:
        """Emit the pending change now (before a submit, a section change or closing)."""
        self._save_timer.stop()
        if self.view is None or self.view.read_only:
            return
        model = self.reader.read()
        self._words = document_words(model)
        self._show_words()
        text = serialize(model)
        if text != self._stored:
            self._stored = text
            self.text_changed.emit(self.view.item_id, text)

    def stored_text(self) -> str:
        """What the editor holds, in the stored form (read now, not the last emission)."""
        return serialize(self.reader.read())

    # -- internals ----------------------------------------------------------------------

    def _fill_material(self, view: MakalahView) -> None:
        prompt, plain_prompt = _instructions_html(view.prompt)
        # The viewer draws no cell borders unless asked, in the instructions or the case.
        prompt = _bordered(self.pictures.html(prompt))
        case = _bordered(self.pictures.html(view.case_material))
        instructions, material = self.tr("Instructions"), self.tr("Case material")
        html = f"<h3>{_escape(instructions)}</h3>{prompt}"
        if case.strip():  # a paper set on the instructions alone shows no empty heading
            html += f"<h3>{_escape(material)}</h3>{case}"
        if self._material_html != html:  # re-set only when changed: keeps the scroll place
            self._material_html = html
            self.material.setHtml(html)
        self.guard.set_sources(self.material.toPlainText(), plain_prompt)

    def _load(self, text: str) -> None:
        self._save_timer.stop()
        document = self.editor.document()
        blocker = document.blockSignals(True)
        try:
            model = parse(text)
            load_document(document, model)
        finally:
            document.blockSignals(blocker)
            self.reader.forget()
        self.highlighter.rehighlight()
        self.editor.document().clearUndoRedoStacks()
        self.editor.moveCursor(QTextCursor.MoveOperation.End)
        self._stored = text
        self._words = document_words(model)
        self._show_words()
        self.editor.viewport().update()

    def _edited(self) -> None:
        if self.view is None or self.view.read_only:
            return
        if not self._save_timer.isActive():
            self._save_timer.start()  # not restarted by later keys: saves while typing on
        if not self._count_timer.isActive():
            self._count_timer.start()

    def _recount(self) -> None:
        # the plain text counts the same words as the model (blocks and cells end in line
        # breaks, list numbers are not text) at a fraction of the cost
        self._words = count_words(self.editor.document().toPlainText())
        self._show_words()

    def _refuse_paste(self, chars: int) -> None:
        self.notice.show()
        self._notice_timer.start()
        if self.view is not None:
            self.paste_refused.emit(self.view.item_id, chars)

    def _finish(self) -> None:
        self.flush()
        self.finished.emit()

    def _show_words(self) -> None:
        view = self.view
        low = view.min_words if view else None
        high = view.max_words if view else None
        status = range_status(self._words, low, high)
        self.word_label.setText(self.word_text(self._words, low, high, status))
        self.word_label.setProperty("status", status.value)
        self.word_label.style().unpolish(self.word_label)
        self.word_label.style().polish(self.word_label)
        self._fit_word_label()

    def _fit_word_label(self) -> None:
        # A word-wrapped label asks for a narrow box, so the count broke over three lines
        # beside an empty row; it takes the width its line needs, and wraps only when a
        # large text size leaves no room (then the row stacks, see SplitRow).
        label = self.word_label
        label.ensurePolished()  # the style sheet's bold font, not the plain one
        margins = label.contentsMargins()
        need = (label.fontMetrics().horizontalAdvance(label.text()) + margins.left()
                + margins.right() + 2 * label.margin() + 16)
        room = max(0, self.width() // 2)
        label.setMinimumWidth(min(need, room) if room else need)

    def number(self, value: int) -> str:
        # the translation names the locale, so Indonesian reads 1.500 and English 1,500
        return QLocale(self.tr("en_US", "locale for numbers")).toString(value)

    def word_text(self, words: int, low: int | None, high: int | None,
                  status: RangeStatus) -> str:
        """"812 words (limit 800–1,500)" and how far off the range the paper is."""
        count = self.tr("%1 words").replace("%1", self.number(words))
        if status is RangeStatus.NONE:
            return count
        if low and high:
            limit = self.tr("limit %1–%2").replace("%1", self.number(low)).replace(
                "%2", self.number(high))
        elif low:
            limit = self.tr("at least %1").replace("%1", self.number(low))
        else:
            limit = self.tr("at most %1").replace("%1", self.number(high or 0))
        if status is RangeStatus.UNDER:
            gap = self.tr("%1 short").replace("%1", self.number((low or 0) - words))
            return f"{count} — {gap} ({limit})"
        if status is RangeStatus.OVER:
            gap = self.tr("%1 over").replace("%1", self.number(words - (high or 0)))
            return f"{count} — {gap} ({limit})"
        return f"{count} ({limit})"

    def _show_time(self) -> None:
        if self._time_left is None:
            self.time_label.hide()
            return
        text = self.tr("Time left %1").replace("%1", format_clock(self._time_left))
        if last_minutes(self._time_left):
            text += " · " + self.tr("last minutes")
        self.time_label.setText(text)
        self.time_label.setAccessibleName(text)
        low = self._time_left < LOW_TIME_MS
        if self._low_time is not low:
            self._low_time = low
            self.time_label.setProperty("low", low)
            self.time_label.style().unpolish(self.time_label)
            self.time_label.style().polish(self.time_label)
        self.time_label.show()

    # -- formatting -------------------------------------------------------------------

    def toggle_bold(self) -> None:
        formatting.toggle_bold(self.editor)

    def toggle_italic(self) -> None:
        formatting.toggle_italic(self.editor)

    def toggle_underline(self) -> None:
        formatting.toggle_underline(self.editor)

    def set_heading(self, level: int) -> None:
        formatting.set_heading(self.editor, self.highlighter, level)
        self._sync_block()

    def toggle_list(self, ordered: bool) -> None:
        formatting.toggle_list(self.editor, self.highlighter, ordered)
        self._sync_block()

    def ask_table(self) -> None:
        dialog = TableDialog(self)
        if dialog.exec():
            self.insert_table(dialog.rows.value(), dialog.columns.value())

    def insert_table(self, rows: int, columns: int) -> None:
        formatting.insert_table(self.editor, rows, columns)

    def add_row(self) -> None:
        formatting.add_row(self.editor)

    def add_column(self) -> None:
        formatting.add_column(self.editor)

    def remove_row(self) -> None:
        formatting.remove_row(self.editor)

    def _sync_format(self, fmt: QTextCharFormat) -> None:
        self.commands["bold"].setChecked(fmt.fontWeight() >= QFont.Weight.DemiBold.value)
        self.commands["italic"].setChecked(fmt.fontItalic())
        self.commands["underline"].setChecked(fmt.fontUnderline())

    def _sync_block(self) -> None:
        cursor = self.editor.textCursor()
        current = cursor_list(cursor)
        ordered = current is not None and current.format().style() == \
            QTextListFormat.Style.ListDecimal
        self.commands["bullets"].setChecked(current is not None and not ordered)
        self.commands["numbers"].setChecked(ordered)
        level = cursor.blockFormat().headingLevel()
        self.style_box.setCurrentIndex(level if 0 <= level <= 3 else 0)
        in_table = cursor_table(cursor) is not None
        editable = not self.editor.isReadOnly()
        for name in ("add_row", "add_column", "remove_row"):
            self.commands[name].setEnabled(in_table and editable)
        self._sync_format(self.editor.currentCharFormat())

    # -- zoom ---------------------------------------------------------------------------

    def zoom(self, step: int) -> None:
        steps = ZOOM_STEPS
        at = min(range(len(steps)), key=lambda n: abs(steps[n] - self._zoom))
        self._zoom = steps[max(0, min(len(steps) - 1, at + step))]
        self._apply_zoom()

    def reset_zoom(self) -> None:
        self._zoom = 100
        self._apply_zoom()

    @property
    def zoom_percent(self) -> int:
        return self._zoom

    def _apply_zoom(self) -> None:
        font = QFont(self.font())
        font.setPointSizeF(max(1.0, self.font().pointSizeF()) * self._zoom / 100 * 1.1)
        self.editor.setFont(font)
        self.editor.document().setDefaultFont(font)
        self.highlighter.rehighlight()
        self.commands["zoom_out"].setEnabled(self._zoom > ZOOM_STEPS[0])
        self.commands["zoom_in"].setEnabled(self._zoom < ZOOM_STEPS[-1])
        self._show_zoom()

    def _show_zoom(self) -> None:
        self.zoom_label.setText(f"{self._zoom}%")


def _bordered(html: str) -> str:
    return html.replace("<table>", '<table border="1" cellspacing="0" cellpadding="4">')


def _instructions_html(prompt: str) -> tuple[str, str]:
    """The instructions as HTML for the viewer, and as the text a candidate may quote.
    Imported banks (QTI, Moodle, spreadsheets) hold them in the bank's rich-text subset;
    a hand-written bank holds plain paragraphs split by blank lines."""
    if looks_like_html(prompt):
        return sanitize(prompt).html, to_plain_text(prompt)
    return "".join("<p>" + _escape(p.strip()).replace("\n", "<br>") + "</p>"
                   for p in prompt.strip().split("\n\n") if p.strip()), prompt


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
