"""The text area: a QTextEdit that lets text in only from inside the exam, and keeps
list indentation and line breaks to what the stored form can hold."""

from __future__ import annotations

from PySide6.QtCore import QMimeData, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QContextMenuEvent,
    QKeyEvent,
    QTextCharFormat,
    QTextDocumentFragment,
)
from PySide6.QtWidgets import QMenu, QTextEdit, QWidget

from kiosk.screens.makalah.paste import PasteGuard, fingerprint
from kiosk.screens.makalah.qtdoc import (
    block_format,
    block_list,
    cursor_list,
    cursor_table,
    list_format,
)

MAX_DEPTH = 4
KEPT_FRAGMENTS = 50  # formatted copies kept for pasting; every copy's fingerprint is kept
# Ctrl+Alt+key shortcuts of the screen; when their action is disabled (a table command
# outside a table) Qt would type the letter, as Ctrl+Alt doubles as AltGr.
RESERVED_KEYS = frozenset({Qt.Key.Key_T, Qt.Key.Key_R, Qt.Key.Key_C, Qt.Key.Key_0,
                           Qt.Key.Key_1, Qt.Key.Key_2, Qt.Key.Key_3, Qt.Key.Key_Backspace})


class MakalahEditor(QTextEdit):
    paste_refused = Signal(int)  # characters refused

    def __init__(self, guard: PasteGuard, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.guard = guard
        self._fragments: dict[str, QTextDocumentFragment] = {}
        self.setAcceptRichText(True)
        self.setTabChangesFocus(False)
        self.setInputMethodHints(Qt.InputMethodHint.ImhNoPredictiveText
                                 | Qt.InputMethodHint.ImhNoAutoUppercase)
        self.menu_actions: list[QAction | None] = []  # the screen's; None: a separator

    # -- paste rule ---------------------------------------------------------------------

    def createMimeDataFromSelection(self) -> QMimeData:  # Qt override: copy, cut, drag
        mime = super().createMimeDataFromSelection()
        key = self.guard.remember_copy(mime.text())
        self._fragments.pop(key, None)
        self._fragments[key] = self.textCursor().selection()
        while len(self._fragments) > KEPT_FRAGMENTS:  # older copies paste as plain text
            del self._fragments[next(iter(self._fragments))]
        return mime

    def canInsertFromMimeData(self, source: QMimeData) -> bool:  # Qt override
        return bool(source.formats())  # judged in insertFromMimeData, where the notice shows

    def insertFromMimeData(self, source: QMimeData) -> None:  # Qt override: paste, drop
        if not source.formats():
            return  # an empty clipboard: nothing was offered, nothing refused
        text = source.text() if source.hasText() else ""
        if not source.hasText():  # an image or a file from outside: never allowed in
            self.paste_refused.emit(0)
            return
        if not self.guard.allows(text):
            self.paste_refused.emit(len(text))
            return
        fragment = self._fragments.get(fingerprint(text))
        if fragment is not None:  # the candidate's own copy, formatting and all
            self.textCursor().insertFragment(fragment)
        else:  # a quote of the case material: its words, not its look (nor its list breaks)
            self.textCursor().insertText(text.replace("\r\n", "\n").strip("\n"))
        self.ensureCursorVisible()

    # -- keys ---------------------------------------------------------------------------

    def keyPressEvent(self, event: QKeyEvent) -> None:  # Qt override
        key, mods = event.key(), event.modifiers()
        ctrl, shift = Qt.KeyboardModifier.ControlModifier, Qt.KeyboardModifier.ShiftModifier
        if mods & ctrl and mods & Qt.KeyboardModifier.AltModifier and key in RESERVED_KEYS:
            return  # a table or heading shortcut that does not apply here types nothing
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not self.isReadOnly():
            cursor = self.textCursor()
            if cursor.blockFormat().headingLevel() and cursor.atBlockEnd():
                cursor.insertBlock(block_format(), QTextCharFormat())  # a heading ends here
                self.setTextCursor(cursor)
                self.ensureCursorVisible()
                return
            if mods & shift:  # no soft line breaks: the stored form has none
                cursor.insertBlock()
                self.ensureCursorVisible()
                return
        if key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab) and mods & ctrl:
            # the keyboard's way out; QTextEdit's own override refuses while editable
            QWidget.focusNextPrevChild(self, key == Qt.Key.Key_Tab and not mods & shift)
            return
        if key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab) and cursor_table(self.textCursor()):
            self.next_cell(-1 if key == Qt.Key.Key_Backtab or mods & shift else 1)
            return
        if key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab) and cursor_list(self.textCursor()):
            self.change_indent(-1 if key == Qt.Key.Key_Backtab or mods & shift else 1)
            return
        super().keyPressEvent(event)

    def next_cell(self, step: int) -> None:
        """Tab moves through a table as in a word processor; past the last cell, a new row."""
        cursor = self.textCursor()
        table = cursor_table(cursor)
        if table is None:
            return
        cell = table.cellAt(cursor)
        index = cell.row() * table.columns() + cell.column() + step
        if index < 0:
            return
        if index >= table.rows() * table.columns():
            if self.isReadOnly():
                return
            table.appendRows(1)
        row, column = divmod(index, table.columns())
        self.setTextCursor(table.cellAt(row, column).firstCursorPosition())

    def change_indent(self, step: int) -> None:
        """Move the current list item one level in or out, joining a list already at that
        level just above so numbering goes on."""
        cursor = self.textCursor()
        current = cursor_list(cursor)
        if current is None:
            return
        fmt = current.format()
        depth = fmt.indent() + step
        if depth < 1 or depth > MAX_DEPTH:
            return
        block = cursor.block()
        previous = block.previous()
        while previous.isValid() and (other := block_list(previous)) is not None:
            if other.format().indent() == depth and other.format().style() == fmt.style():
                current.remove(block)
                other.add(block)
                return
            if other.format().indent() < depth:
                break
            previous = previous.previous()
        cursor.createList(list_format(fmt.style() == list_format(True, 1).style(), depth))

    def contextMenuEvent(self, event: QContextMenuEvent) -> None:  # Qt override
        # Only the screen's own actions: nothing in Qt's default menu may reach outside.
        menu = QMenu(self)
        for action in self.menu_actions:
            if action is None:
                menu.addSeparator()
            else:
                menu.addAction(action)
        menu.exec(event.globalPos())
