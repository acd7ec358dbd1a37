"""What the toolbar does to the text: emphasis, headings, lists and tables, as functions
on the editor so the screen only wires buttons to them."""

from __future__ import annotations

from PySide6.QtGui import (
    QFont,
    QSyntaxHighlighter,
    QTextBlock,
    QTextBlockFormat,
    QTextCharFormat,
    QTextCursor,
    QTextListFormat,
)
from PySide6.QtWidgets import QTextEdit

from kiosk.screens.makalah.qtdoc import (
    block_format,
    block_list,
    cursor_list,
    cursor_table,
    list_format,
    table_format,
)

_BOLD = QFont.Weight.DemiBold.value


def selected_blocks(cursor: QTextCursor) -> list[QTextBlock]:
    doc = cursor.document()
    first = doc.findBlock(cursor.selectionStart())
    last = doc.findBlock(cursor.selectionEnd())
    blocks = [first]
    while blocks[-1] != last and blocks[-1].isValid():
        blocks.append(blocks[-1].next())
    return blocks


def _merge(editor: QTextEdit, fmt: QTextCharFormat) -> None:
    """Style the selection, or with none what is typed next (as most editors do)."""
    cursor = editor.textCursor()
    if cursor.hasSelection():
        cursor.mergeCharFormat(fmt)
    editor.mergeCurrentCharFormat(fmt)
    editor.setFocus()


def toggle_bold(editor: QTextEdit) -> None:
    fmt = QTextCharFormat()
    on = editor.currentCharFormat().fontWeight() < _BOLD
    fmt.setFontWeight(QFont.Weight.Bold if on else QFont.Weight.Normal)
    _merge(editor, fmt)


def toggle_italic(editor: QTextEdit) -> None:
    fmt = QTextCharFormat()
    fmt.setFontItalic(not editor.currentCharFormat().fontItalic())
    _merge(editor, fmt)


def toggle_underline(editor: QTextEdit) -> None:
    fmt = QTextCharFormat()
    fmt.setFontUnderline(not editor.currentCharFormat().fontUnderline())
    _merge(editor, fmt)


def _leave_lists(cursor: QTextCursor) -> None:
    for block in selected_blocks(cursor):
        if (owner := block_list(block)) is not None:
            owner.remove(block)
    fmt = cursor.blockFormat()
    fmt.setIndent(0)
    cursor.setBlockFormat(fmt)


def _finish(editor: QTextEdit, cursor: QTextCursor, highlighter: QSyntaxHighlighter) -> None:
    cursor.endEditBlock()
    for block in selected_blocks(cursor):
        highlighter.rehighlightBlock(block)  # headings are drawn by the highlighter
    editor.setFocus()


def set_heading(editor: QTextEdit, highlighter: QSyntaxHighlighter, level: int) -> None:
    """Level 1-3 makes the selected paragraphs headings (out of any list), 0 plain."""
    cursor = editor.textCursor()
    cursor.beginEditBlock()
    if level and cursor_list(cursor) is not None:
        _leave_lists(cursor)
    cursor.mergeBlockFormat(block_format(level))
    _finish(editor, cursor, highlighter)


def toggle_list(editor: QTextEdit, highlighter: QSyntaxHighlighter, ordered: bool) -> None:
    """The word-processor rule: the same kind again ends the list, the other kind turns
    the whole list into it, outside a list a new one starts."""
    cursor = editor.textCursor()
    current = cursor_list(cursor)
    cursor.beginEditBlock()
    plain = QTextBlockFormat()
    plain.setHeadingLevel(0)
    cursor.mergeBlockFormat(plain)
    style = QTextListFormat.Style.ListDecimal if ordered else QTextListFormat.Style.ListDisc
    if current is not None and current.format().style() == style:
        _leave_lists(cursor)
    elif current is not None:
        list_fmt = current.format()
        list_fmt.setStyle(style)
        current.setFormat(list_fmt)
    else:
        cursor.createList(list_format(ordered, 1))
    _finish(editor, cursor, highlighter)


def insert_table(editor: QTextEdit, rows: int, columns: int) -> None:
    """A table in a paragraph of its own, the caret in its first cell."""
    cursor = editor.textCursor()
    cursor.beginEditBlock()
    if cursor.block().text() or cursor_list(cursor) or cursor_table(cursor):
        cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
        cursor.insertBlock(block_format(), QTextCharFormat())
    cursor.setBlockFormat(block_format())
    table = cursor.insertTable(rows, columns, table_format())
    cursor.endEditBlock()
    editor.setTextCursor(table.cellAt(0, 0).firstCursorPosition())
    editor.setFocus()


def add_row(editor: QTextEdit) -> None:
    """A row below the caret's."""
    cursor = editor.textCursor()
    table = cursor_table(cursor)
    if table is not None:
        row = table.cellAt(cursor).row()
        table.insertRows(row + 1, 1)
        editor.setTextCursor(table.cellAt(row + 1, 0).firstCursorPosition())
    editor.setFocus()


def add_column(editor: QTextEdit) -> None:
    """A column right of the caret's."""
    cursor = editor.textCursor()
    table = cursor_table(cursor)
    if table is not None:
        cell = table.cellAt(cursor)
        table.insertColumns(cell.column() + 1, 1)
        editor.setTextCursor(table.cellAt(cell.row(), cell.column() + 1)
                             .firstCursorPosition())
    editor.setFocus()


def remove_row(editor: QTextEdit) -> None:
    """The caret's row goes; the last row takes the whole table with it."""
    cursor = editor.textCursor()
    table = cursor_table(cursor)
    if table is not None:
        row = table.cellAt(cursor).row()
        if table.rows() == 1:
            cursor.beginEditBlock()
            cursor.setPosition(table.firstPosition() - 1)
            cursor.setPosition(table.lastPosition() + 1, QTextCursor.MoveMode.KeepAnchor)
            cursor.removeSelectedText()
            cursor.endEditBlock()
        else:
            table.removeRows(row, 1)
            editor.setTextCursor(table.cellAt(min(row, table.rows() - 1), 0)
                                 .firstCursorPosition())
    editor.setFocus()
