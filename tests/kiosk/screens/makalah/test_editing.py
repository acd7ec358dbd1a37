"""Typing, formatting, lists, tables, undo, find, word count and zoom, driven like a user."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication, QDialog, QSpinBox

from exam_bank.makalah import word_count
from kiosk.screens.makalah.qtdoc import cursor_table
from kiosk.screens.makalah.screen import SAVE_INTERVAL_MS

pytestmark = pytest.mark.gui
CTRL = Qt.KeyboardModifier.ControlModifier
ALT = Qt.KeyboardModifier.AltModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier


def saved(qtbot, screen, action) -> str:
    """What text_changed carries after `action`, waiting as the kiosk would."""
    with qtbot.waitSignal(screen.text_changed, timeout=3000) as blocker:
        action()
    assert blocker.args[0] == "MKL-001"
    return blocker.args[1]


def select(screen, start: int, end: int) -> None:
    cursor = screen.editor.textCursor()
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    screen.editor.setTextCursor(cursor)


def test_typing_is_saved_within_the_interval(qtbot, show) -> None:
    screen = show()
    assert SAVE_INTERVAL_MS <= 1000
    text = saved(qtbot, screen, lambda: qtbot.keyClicks(screen.editor, "Halo dunia"))
    assert text == "Halo dunia"


def test_continuous_typing_is_saved_while_it_goes_on(qtbot, show) -> None:
    screen = show()
    emitted: list[str] = []
    screen.text_changed.connect(lambda _item, text: emitted.append(text))
    for char in "kata demi kata ditulis terus":  # 28 keys, 100 ms apart: 2.8 s of typing
        qtbot.keyClick(screen.editor, char)
        qtbot.wait(100)
    assert len(emitted) >= 2  # saved during the typing, not only after it stops
    assert all("kata demi kata ditulis terus".startswith(t) for t in emitted)


def test_flush_emits_at_once_and_only_when_changed(qtbot, show) -> None:
    screen = show(text="Awal")
    with qtbot.assertNotEmitted(screen.text_changed):
        screen.flush()
    qtbot.keyClicks(screen.editor, " tambah")
    with qtbot.waitSignal(screen.text_changed, timeout=50) as blocker:
        screen.flush()
    assert blocker.args == ["MKL-001", "Awal tambah"]


def test_bold_button_italic_and_underline_keys(qtbot, show) -> None:
    screen = show(text="Halo dunia indah")
    select(screen, 5, 10)
    bold = screen.toolbar.widgetForAction(screen.commands["bold"])
    assert bold.accessibleName() == "Bold"
    qtbot.mouseClick(bold, Qt.MouseButton.LeftButton)
    assert screen.commands["bold"].isChecked()
    select(screen, 11, 16)
    qtbot.keyClick(screen.editor, Qt.Key.Key_I, CTRL)
    qtbot.keyClick(screen.editor, Qt.Key.Key_U, CTRL)
    screen.flush()
    assert screen._stored == "Halo **dunia** <u>*indah*</u>"


def test_typing_after_bold_key_is_bold(qtbot, show) -> None:
    screen = show()
    qtbot.keyClicks(screen.editor, "biasa ")
    qtbot.keyClick(screen.editor, Qt.Key.Key_B, CTRL)
    qtbot.keyClicks(screen.editor, "tebal")
    assert saved(qtbot, screen, screen.flush) == "biasa **tebal**"


def test_headings_by_keys_and_box(qtbot, show) -> None:
    screen = show()
    qtbot.keyClicks(screen.editor, "Latar belakang")
    qtbot.keyClick(screen.editor, Qt.Key.Key_1, CTRL | ALT)
    assert screen.style_box.currentIndex() == 1
    qtbot.keyClick(screen.editor, Qt.Key.Key_Return)  # the paragraph after a heading is plain
    qtbot.keyClicks(screen.editor, "Isi")
    assert screen.style_box.currentIndex() == 0
    screen.style_box.setFocus()
    qtbot.keyClick(screen.style_box, Qt.Key.Key_Down)
    qtbot.keyClick(screen.style_box, Qt.Key.Key_Down)  # "Heading 2", activated by keyboard
    screen.style_box.activated.emit(screen.style_box.currentIndex())
    assert saved(qtbot, screen, screen.flush) == "# Latar belakang\n\n## Isi"


def test_lists_numbered_bulleted_and_nested(qtbot, show) -> None:
    screen = show()
    qtbot.keyClick(screen.editor, Qt.Key.Key_7, CTRL | SHIFT)
    assert screen.commands["numbers"].isChecked()
    qtbot.keyClicks(screen.editor, "satu")
    qtbot.keyClick(screen.editor, Qt.Key.Key_Return)
    qtbot.keyClicks(screen.editor, "dua")
    qtbot.keyClick(screen.editor, Qt.Key.Key_Tab)  # one level in
    qtbot.keyClick(screen.editor, Qt.Key.Key_Return)
    qtbot.keyClicks(screen.editor, "tiga")
    qtbot.keyClick(screen.editor, Qt.Key.Key_Backtab)  # back out: numbering goes on
    assert saved(qtbot, screen, screen.flush) == "1. satu\n    1. dua\n2. tiga"
    qtbot.mouseClick(screen.toolbar.widgetForAction(screen.commands["bullets"]),
                     Qt.MouseButton.LeftButton)  # the whole outer list turns bulleted
    assert screen.stored_text() == "- satu\n    1. dua\n- tiga"
    qtbot.keyClick(screen.editor, Qt.Key.Key_8, CTRL | SHIFT)  # bullets again: list ends
    assert screen.stored_text() == "- satu\n    1. dua\n\ntiga"


def test_insert_table_by_dialog_and_fill_it_by_keyboard(qtbot, show) -> None:
    screen = show(text="Data")
    seen: list[str] = []

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        assert isinstance(dialog, QDialog)
        seen.append(dialog.windowTitle())
        rows, columns = dialog.findChildren(QSpinBox)
        rows.setValue(1)
        columns.setValue(2)
        dialog.accept()

    from PySide6.QtCore import QTimer
    QTimer.singleShot(0, answer)
    qtbot.keyClick(screen.editor, Qt.Key.Key_T, CTRL | ALT)
    assert seen == ["Insert table"]
    for text in ("Tahun", "Nilai", "2025", "78,1"):  # Tab walks the cells, adds a row
        qtbot.keyClicks(screen.editor, text)
        qtbot.keyClick(screen.editor, Qt.Key.Key_Tab)
    assert cursor_table(screen.editor.textCursor()).rows() == 3
    qtbot.keyClick(screen.editor, Qt.Key.Key_Backspace, CTRL | ALT)  # delete that new row
    qtbot.keyClick(screen.editor, Qt.Key.Key_R, CTRL | ALT)  # add one below, by shortcut
    qtbot.keyClicks(screen.editor, "x")
    assert saved(qtbot, screen, screen.flush) == (
        "Data\n\n| Tahun | Nilai |\n|---|---|\n| 2025 | 78,1 |\n| x |  |")


def test_table_actions_only_inside_a_table(qtbot, show) -> None:
    screen = show(text="Teks\n\n| a |\n|---|")
    screen.editor.moveCursor(QTextCursor.MoveOperation.Start)
    assert not screen.commands["add_row"].isEnabled()
    screen.editor.moveCursor(QTextCursor.MoveOperation.End)
    screen.editor.moveCursor(QTextCursor.MoveOperation.PreviousBlock)
    assert cursor_table(screen.editor.textCursor()) is not None
    assert screen.commands["add_row"].isEnabled()
    screen.commands["add_column"].trigger()
    assert screen.stored_text() == "Teks\n\n| a |  |\n|---|---|"


def test_undo_and_redo(qtbot, show) -> None:
    screen = show(text="Awal")
    assert not screen.commands["undo"].isEnabled()  # loading a paper is not undoable
    qtbot.keyClicks(screen.editor, " kedua")
    assert screen.commands["undo"].isEnabled()
    qtbot.keyClick(screen.editor, Qt.Key.Key_Z, CTRL)
    assert screen.stored_text() == "Awal"
    qtbot.keyClick(screen.editor, Qt.Key.Key_Y, CTRL)
    assert saved(qtbot, screen, screen.flush) == "Awal kedua"
    qtbot.mouseClick(screen.toolbar.widgetForAction(screen.commands["undo"]),
                     Qt.MouseButton.LeftButton)
    assert saved(qtbot, screen, screen.flush) == "Awal"  # an undo is saved like any edit


def test_find_counts_highlights_and_steps(qtbot, show) -> None:
    screen = show(text="Data awal. Analisis data.\n\nKesimpulan dari DATA.")
    screen.editor.moveCursor(QTextCursor.MoveOperation.Start)
    qtbot.keyClick(screen.editor, Qt.Key.Key_F, CTRL)
    bar = screen.find_bar
    assert bar.isVisible() and bar.field.hasFocus()
    qtbot.keyClicks(bar.field, "data")
    assert bar.count.text() == "1 of 3"
    assert len(screen.editor.extraSelections()) == 3  # every match highlighted
    qtbot.keyClick(bar.field, Qt.Key.Key_Return)
    assert bar.count.text() == "2 of 3"
    assert screen.editor.textCursor().selectedText() == "data"
    qtbot.mouseClick(bar.next_button, Qt.MouseButton.LeftButton)
    assert screen.editor.textCursor().selectedText() == "DATA"
    qtbot.keyClick(bar.field, Qt.Key.Key_Return, SHIFT)
    assert bar.count.text() == "2 of 3"
    qtbot.keyClicks(bar.field, "x")
    assert bar.count.text() == "Not found"
    qtbot.keyClick(bar.field, Qt.Key.Key_Escape)
    assert not bar.isVisible() and screen.editor.hasFocus()
    assert screen.editor.extraSelections() == []


def test_word_count_against_the_range(qtbot, show) -> None:
    screen = show(min_words=3, max_words=5)
    label = screen.word_label
    assert label.text() == "0 words — 3 short (limit 3–5)"
    assert label.property("status") == "under"
    qtbot.keyClicks(screen.editor, "satu dua **tiga**")
    qtbot.waitUntil(lambda: label.property("status") == "within", timeout=2000)
    assert label.text() == "3 words (limit 3–5)"
    qtbot.keyClicks(screen.editor, " empat lima enam")
    qtbot.waitUntil(lambda: label.property("status") == "over", timeout=2000)
    assert label.text() == "6 words — 1 over (limit 3–5)"
    assert word_count(screen.stored_text()) == 6


def test_word_count_uses_thousands_like_the_sample(qtbot, show) -> None:
    screen = show()
    assert screen.word_label.text() == "0 words — 1,500 short (limit 1,500–3,000)"


def test_zoom_by_keys_and_buttons(qtbot, show) -> None:
    screen = show(text="Teks")
    size = screen.editor.font().pointSizeF()
    qtbot.keyClick(screen.editor, Qt.Key.Key_Equal, CTRL)
    assert screen.zoom_percent == 110
    assert screen.editor.font().pointSizeF() > size
    assert screen.zoom_label.text() == "110%"
    for _ in range(3):
        qtbot.mouseClick(screen.toolbar.widgetForAction(screen.commands["zoom_out"]),
                         Qt.MouseButton.LeftButton)
    assert screen.zoom_percent == 80
    assert not screen.commands["zoom_out"].isEnabled()
    qtbot.keyClick(screen.editor, Qt.Key.Key_0, CTRL)
    assert screen.zoom_percent == 100
    assert screen.stored_text() == "Teks"  # zoom is the candidate's view, not the paper


def test_time_left_shows_and_warns_when_low(qtbot, show) -> None:
    screen = show()
    assert not screen.time_label.isVisible()
    screen.set_time_left(3 * 3600_000 + 59 * 60_000 + 5_000)
    assert screen.time_label.text() == "Time left 3:59:05"
    assert screen.time_label.property("low") is False
    screen.set_time_left(9 * 60_000 - 1)  # the same clock as the item screens: rounded up
    assert screen.time_label.text() == "Time left 09:00"
    assert screen.time_label.property("low") is True


def test_finish_flushes_then_signals(qtbot, show) -> None:
    screen = show()
    order: list[str] = []
    screen.text_changed.connect(lambda *_: order.append("saved"))
    screen.finished.connect(lambda: order.append("finished"))
    qtbot.keyClicks(screen.editor, "Selesai")
    qtbot.mouseClick(screen.finish_button, Qt.MouseButton.LeftButton)
    assert order == ["saved", "finished"]
    assert screen.finish_button.text() == "Finish writing"


def test_read_only_preview_blocks_every_edit(qtbot, show) -> None:
    screen = show(text="Final **teks**", read_only=True)
    with qtbot.assertNotEmitted(screen.text_changed, wait=SAVE_INTERVAL_MS + 200):
        qtbot.keyClicks(screen.editor, "tambahan")
        qtbot.keyClick(screen.editor, Qt.Key.Key_B, CTRL)
        qtbot.keyClick(screen.editor, Qt.Key.Key_Backspace)
        screen.flush()
    assert screen.stored_text() == "Final **teks**"
    assert screen.read_only_banner.isVisible()
    assert not screen.finish_button.isVisible()
    assert not screen.commands["bold"].isEnabled()
    assert not screen.style_box.isEnabled()
    qtbot.keyClick(screen.editor, Qt.Key.Key_F, CTRL)  # finding still works
    assert screen.find_bar.isVisible()


def test_render_of_what_was_saved_keeps_the_caret_and_undo(qtbot, show) -> None:
    screen = show()
    qtbot.keyClicks(screen.editor, "satu dua")
    text = saved(qtbot, screen, screen.flush)
    screen.editor.moveCursor(QTextCursor.MoveOperation.Start)
    from dataclasses import replace
    screen.render(replace(screen.view, text=text))  # the controller echoes the saved state
    assert screen.editor.textCursor().position() == 0
    assert screen.editor.document().isUndoAvailable()


def test_a_new_item_flushes_the_old_one_first(qtbot, show) -> None:
    screen = show()
    qtbot.keyClicks(screen.editor, "kertas satu")
    from dataclasses import replace
    with qtbot.waitSignal(screen.text_changed, timeout=100) as blocker:
        screen.render(replace(screen.view, item_id="MKL-002", text="kertas dua"))
    assert blocker.args == ["MKL-001", "kertas satu"]
    assert screen.stored_text() == "kertas dua"


def test_every_control_is_named_and_reachable_by_keyboard(qtbot, show) -> None:
    screen = show()
    controls = [*screen.toolbar.buttons(), screen.style_box, screen.table_button,
                screen.finish_button, screen.editor, screen.material]
    for control in controls:
        assert control.accessibleName(), control
        assert control.focusPolicy() & Qt.FocusPolicy.TabFocus, control.accessibleName()
    bold = screen.toolbar.widgetForAction(screen.commands["bold"])
    qtbot.keyClicks(screen.editor, "kata")
    screen.editor.selectAll()
    bold.setFocus()
    qtbot.keyClick(bold, Qt.Key.Key_Space)  # a toolbar button pressed from the keyboard
    assert screen.stored_text() == "**kata**"
    screen.editor.setFocus()
    qtbot.keyClick(screen.editor, Qt.Key.Key_Tab, CTRL)  # Ctrl+Tab leaves the text
    assert not screen.editor.hasFocus()
    assert screen.stored_text() == "**kata**"  # and typed no tab
