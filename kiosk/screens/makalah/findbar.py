"""Ctrl+F: a bar above the text that finds, counts and highlights every match."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QKeyEvent, QTextCharFormat, QTextCursor, QTextDocument
from PySide6.QtWidgets import QHBoxLayout, QLineEdit, QTextEdit, QWidget

from kiosk.screens.style import make_button, make_label


def find_all(doc: QTextDocument, needle: str) -> list[QTextCursor]:
    """Every case-insensitive match of `needle`, in document order."""
    found: list[QTextCursor] = []
    if not needle:
        return found
    cursor = doc.find(needle, 0)
    while not cursor.isNull():
        found.append(cursor)
        cursor = doc.find(needle, cursor)
    return found


class _Field(QLineEdit):
    escape = Signal()
    back = Signal()

    def keyPressEvent(self, event: QKeyEvent) -> None:  # Qt override
        if event.key() == Qt.Key.Key_Escape:
            self.escape.emit()
            return
        if (event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
                and event.modifiers() & Qt.KeyboardModifier.ShiftModifier):
            self.back.emit()
            return
        super().keyPressEvent(event)


class FindBar(QWidget):
    def __init__(self, editor: QTextEdit, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("findBar")
        self.editor = editor
        self.matches: list[QTextCursor] = []
        self.current = -1
        self.field = _Field()
        self.field.textChanged.connect(self._search)
        self.field.returnPressed.connect(self.find_next)
        self.field.back.connect(self.find_previous)
        self.field.escape.connect(self.close_bar)
        self.count = make_label("findCount")
        self.previous_button = make_button("tool")
        self.next_button = make_button("tool")
        self.close_button = make_button("tool")
        self.previous_button.clicked.connect(self.find_previous)
        self.next_button.clicked.connect(self.find_next)
        self.close_button.clicked.connect(self.close_bar)
        self.label = make_label("fieldLabel")
        self.label.setBuddy(self.field)
        row = QHBoxLayout(self)
        row.setContentsMargins(4, 2, 4, 2)
        for widget in (self.label, self.field, self.count, self.previous_button,
                       self.next_button, self.close_button):
            row.addWidget(widget)
        row.setStretch(1, 1)
        editor.document().contentsChanged.connect(self._refresh_if_open)
        self.retranslate()
        self.hide()

    def retranslate(self) -> None:
        self.label.setText(self.tr("Find:"))
        self.field.setAccessibleName(self.tr("Text to find"))
        self.previous_button.setText(self.tr("Previous"))
        self.previous_button.setAccessibleName(self.tr("Previous match"))
        self.previous_button.setToolTip(self.tr("Previous match (Shift+Enter)"))
        self.next_button.setText(self.tr("Next"))
        self.next_button.setAccessibleName(self.tr("Next match"))
        self.next_button.setToolTip(self.tr("Next match (Enter)"))
        self.close_button.setText(self.tr("Close"))
        self.close_button.setAccessibleName(self.tr("Close find"))
        self.close_button.setToolTip(self.tr("Close find (Esc)"))
        self.count.setAccessibleName(self.tr("Matches"))
        self._show_count()

    def open_bar(self) -> None:
        selected = self.editor.textCursor().selectedText()
        if selected and "\u2029" not in selected:
            self.field.setText(selected)
        self.show()
        self.field.setFocus()
        self.field.selectAll()
        self._search()

    def close_bar(self) -> None:
        self.hide()
        self.matches = []
        self._highlight()
        self.editor.setFocus()

    def _refresh_if_open(self) -> None:
        if self.isVisible():
            self._search(keep_place=True)  # counts stay right while the candidate types

    def _search(self, *_: object, keep_place: bool = False) -> None:
        self.matches = find_all(self.editor.document(), self.field.text())
        if not self.matches:
            self.current = -1
        elif not keep_place or self.current >= len(self.matches):
            at = self.editor.textCursor().selectionStart()
            self.current = next((n for n, m in enumerate(self.matches)
                                 if m.selectionStart() >= at), 0)
        self._highlight(move=not keep_place)

    def find_next(self) -> None:
        self._step(1)

    def find_previous(self) -> None:
        self._step(-1)

    def _step(self, step: int) -> None:
        if not self.matches:
            self._search()
        if not self.matches:
            return
        self.current = (self.current + step) % len(self.matches)
        self._highlight()

    def _highlight(self, move: bool = True) -> None:
        every = QTextCharFormat()
        every.setBackground(QColor("#fff59d"))
        here = QTextCharFormat()
        here.setBackground(QColor("#f9a825"))
        selections = []
        for n, match in enumerate(self.matches):
            selection = QTextEdit.ExtraSelection()
            selection.cursor = match
            selection.format = here if n == self.current else every
            selections.append(selection)
        self.editor.setExtraSelections(selections)
        if move and 0 <= self.current < len(self.matches):
            cursor = QTextCursor(self.matches[self.current])
            self.editor.setTextCursor(cursor)
            self.editor.ensureCursorVisible()
        self._show_count()

    def _show_count(self) -> None:
        if not self.field.text():
            self.count.setText("")
        elif not self.matches:
            self.count.setText(self.tr("Not found"))
        else:
            self.count.setText(self.tr("%1 of %2").replace("%1", str(self.current + 1))
                               .replace("%2", str(len(self.matches))))
