"""Copy and paste work inside the exam only; text from outside is refused, calmly."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt
from PySide6.QtGui import QDragEnterEvent, QDropEvent, QTextCursor
from PySide6.QtWidgets import QApplication

from kiosk.screens.makalah.paste import PasteGuard

pytestmark = pytest.mark.gui
CTRL = Qt.KeyboardModifier.ControlModifier


def paste(qtbot, screen) -> None:
    qtbot.keyClick(screen.editor, Qt.Key.Key_V, CTRL)


def test_paste_from_outside_is_refused_with_a_signal_and_notice(qtbot, show) -> None:
    screen = show(text="Tulisan saya")
    screen.editor.moveCursor(QTextCursor.MoveOperation.End)
    QApplication.clipboard().setText("jawaban dari internet")
    with qtbot.waitSignal(screen.paste_refused, timeout=1000) as blocker:
        paste(qtbot, screen)
    assert blocker.args == ["MKL-001", len("jawaban dari internet")]
    assert screen.stored_text() == "Tulisan saya"  # nothing inserted
    assert screen.notice.isVisible()
    assert "not allowed" in screen.notice.text()


def test_own_copy_pastes_with_its_formatting(qtbot, show) -> None:
    screen = show(text="Kata **penting** di sini")
    cursor = screen.editor.textCursor()
    cursor.setPosition(5)
    cursor.setPosition(12, QTextCursor.MoveMode.KeepAnchor)
    screen.editor.setTextCursor(cursor)
    qtbot.keyClick(screen.editor, Qt.Key.Key_C, CTRL)
    screen.editor.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(screen.editor, " lagi ")
    with qtbot.assertNotEmitted(screen.paste_refused):
        paste(qtbot, screen)
    assert screen.stored_text() == "Kata **penting** di sini lagi **penting**"


def test_cut_then_paste_moves_text(qtbot, show) -> None:
    screen = show(text="satu dua tiga")
    cursor = screen.editor.textCursor()
    cursor.setPosition(0)
    cursor.setPosition(5, QTextCursor.MoveMode.KeepAnchor)
    screen.editor.setTextCursor(cursor)
    qtbot.keyClick(screen.editor, Qt.Key.Key_X, CTRL)
    screen.editor.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClicks(screen.editor, " ")
    paste(qtbot, screen)
    assert screen.stored_text() == "dua tiga satu "


def test_quote_of_the_case_material_is_accepted_as_plain_text(qtbot, show) -> None:
    screen = show()
    # copied from the case viewer: its own line breaks and spacing differ from the source
    quote = "Kota Sukamaju berpenduduk sekitar 612.000 jiwa\nyang tersebar di 9 kecamatan"
    QApplication.clipboard().setText(quote)
    with qtbot.assertNotEmitted(screen.paste_refused):
        paste(qtbot, screen)
    assert screen.stored_text() == ("Kota Sukamaju berpenduduk sekitar 612.000 jiwa\n\n"
                                    "yang tersebar di 9 kecamatan")


def test_copy_from_the_case_viewer_then_paste(qtbot, show) -> None:
    screen = show()
    viewer = screen.material
    found = viewer.document().find("Sembilan aplikasi")
    cursor = QTextCursor(found)
    cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock, QTextCursor.MoveMode.KeepAnchor)
    viewer.setTextCursor(cursor)
    viewer.copy()
    screen.editor.setFocus()
    with qtbot.assertNotEmitted(screen.paste_refused):
        paste(qtbot, screen)
    assert screen.stored_text().startswith("Sembilan aplikasi yang dipakai DPMPTSP")


def test_drop_from_outside_is_refused(qtbot, show) -> None:
    screen = show(text="Isi")
    mime = QMimeData()
    mime.setText("teks seret dari luar")
    viewport = screen.editor.viewport()
    spot = QPointF(20, 20)
    enter = QDragEnterEvent(spot.toPoint(), Qt.DropAction.CopyAction, mime,
                            Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    QApplication.sendEvent(viewport, enter)
    drop = QDropEvent(spot, Qt.DropAction.CopyAction, mime,
                      Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    with qtbot.waitSignal(screen.paste_refused, timeout=1000) as blocker:
        QApplication.sendEvent(viewport, drop)
    assert blocker.args == ["MKL-001", len("teks seret dari luar")]
    assert screen.stored_text() == "Isi"


def test_context_menu_offers_only_the_screens_own_actions(show) -> None:
    screen = show()
    names = [a.objectName() if a else None for a in screen.editor.menu_actions]
    assert names == ["undo", "redo", None, "cut", "copy", "paste", None, "select_all"]
    assert [a.text() for a in screen.editor.menu_actions if a] == [
        "Undo", "Redo", "Cut", "Copy", "Paste", "Select all"]


def test_guard_rules_without_qt() -> None:
    guard = PasteGuard()
    guard.set_sources("Bahan kasus: data   layanan\nperizinan 2025.", "")
    assert guard.allows("data layanan perizinan")  # whitespace differences ignored
    assert not guard.allows("data layanan kesehatan")
    assert guard.allows("   \n")  # nothing but whitespace brings nothing in
    guard.remember_copy("kalimat saya sendiri")
    assert guard.allows("kalimat  saya\nsendiri")
    assert not guard.allows("kalimat saya")  # a copy is matched whole, not in part


def test_an_image_from_outside_is_refused_and_counted_as_zero_characters(qtbot, show) -> None:
    from PySide6.QtGui import QImage

    screen = show(text="Isi")
    image = QImage(8, 8, QImage.Format.Format_RGB32)
    image.fill(0xFF0000)
    QApplication.clipboard().setImage(image)
    with qtbot.waitSignal(screen.paste_refused, timeout=1000) as blocker:
        paste(qtbot, screen)
    assert blocker.args == ["MKL-001", 0]
    assert screen.stored_text() == "Isi"
    assert "\ufffc" not in screen.editor.toPlainText()
