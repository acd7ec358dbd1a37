"""Translated, and readable at 1366×768 with the normal and a 200% font: screenshots are
saved to the test's shot_dir ($UJIKOM_SHOTS to keep them), and the checks catch clipped
or hidden controls."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QTranslator
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QAbstractButton, QApplication, QLabel, QWidget

import kiosk.screens.makalah
from kiosk.app import I18N
from tests.exam_bank.makalah.test_doc import SAMPLE
from tests.trkit import tr_calls

pytestmark = pytest.mark.gui
SOURCES = Path(kiosk.screens.makalah.__file__).resolve().parent


def test_every_makalah_string_has_an_indonesian_translation() -> None:
    translator = QTranslator()
    assert translator.load(str(I18N / "ujikom_kiosk_id.qm"))
    calls = tr_calls(SOURCES)
    assert ("MakalahScreen", "Finish writing", "") in calls
    missing = [c for c in sorted(calls) if not translator.translate(c[0], c[1], c[2] or None)]
    assert missing == [], "run `python -m kiosk.i18n` and translate these"
    assert translator.translate("MakalahScreen", "Finish writing") == "Selesai menulis"


@pytest.fixture
def indonesian(qapp) -> Iterator[None]:
    translator = QTranslator()
    assert translator.load(str(I18N / "ujikom_kiosk_id.qm"))
    QCoreApplication.installTranslator(translator)
    yield
    QCoreApplication.removeTranslator(translator)


@pytest.fixture
def font_scale(qapp, request) -> Iterator[float]:
    original = QFont(QApplication.font())
    scale = request.param
    bigger = QFont(original)
    bigger.setPointSizeF(original.pointSizeF() * scale)
    QApplication.setFont(bigger)
    yield scale
    QApplication.setFont(original)


def clipped(root: QWidget) -> list[str]:
    """Visible labels and buttons whose one-line text does not fit their width."""
    out = []
    for widget in root.findChildren(QWidget):
        if not widget.isVisible():
            continue
        if isinstance(widget, QLabel) and not widget.wordWrap() and widget.text():
            need = widget.fontMetrics().horizontalAdvance(widget.text())
        elif isinstance(widget, QAbstractButton) and widget.text():
            need = widget.fontMetrics().horizontalAdvance(widget.text().replace("&", ""))
        else:
            continue
        if need > widget.contentsRect().width():
            out.append(f"{type(widget).__name__} {widget.text()!r}")
    return out


def hidden_tools(screen) -> list[str]:
    """Toolbar controls pushed into the overflow menu (not reachable at a glance)."""
    controls = [*screen.toolbar.buttons(), screen.style_box, screen.table_button,
                screen.zoom_label]
    row = screen.toolbar.rect()
    return [c.accessibleName() or c.text() for c in controls
            if not c.isVisible() or not row.contains(c.geometry())]


@pytest.mark.parametrize("font_scale", [1.0, 2.0], indirect=True, ids=["100", "200"])
@pytest.mark.parametrize("language", ["id", "en"])
def test_screen_at_1366x768(request, show, qtbot, font_scale: float, language: str,
                            shot_dir: Path) -> None:
    if language == "id":
        request.getfixturevalue("indonesian")
    screen = show(text=SAMPLE, min_words=1500, max_words=3000)
    screen.set_time_left(3 * 3600_000 + 12 * 60_000 + 5_000)
    qtbot.keyClick(screen.editor, "f", __import__("PySide6.QtCore").QtCore.Qt.KeyboardModifier
                   .ControlModifier)
    qtbot.keyClicks(screen.find_bar.field, "SKM")
    QApplication.processEvents()
    name = f"makalah-{language}-{int(font_scale * 100)}"
    screen.grab().save(str(shot_dir / f"{name}.png"))
    assert clipped(screen) == []
    assert hidden_tools(screen) == []
    if font_scale == 1.0:  # the word count is one line beside the empty row, not three
        label = screen.word_label
        assert label.fontMetrics().horizontalAdvance(label.text()) <= label.contentsRect().width()
    if language == "id":
        assert screen.finish_button.text() == "Selesai menulis"
        assert screen.word_label.text() == "18 kata — kurang 1.482 (batas 1.500–3.000)"
        assert screen.time_label.text() == "Waktu tersisa 3:12:05"
    screen.render(__import__("dataclasses").replace(screen.view, read_only=True))
    screen.grab().save(str(shot_dir / f"{name}-preview.png"))
    assert clipped(screen) == []


def test_language_switch_rewords_the_live_screen(show, qtbot) -> None:
    screen = show(min_words=3, max_words=1500)
    assert screen.finish_button.text() == "Finish writing"
    translator = QTranslator()
    assert translator.load(str(I18N / "ujikom_kiosk_id.qm"))
    QCoreApplication.installTranslator(translator)
    try:
        qtbot.waitUntil(lambda: screen.finish_button.text() == "Selesai menulis")
        assert screen.word_label.text() == "0 kata — kurang 3 (batas 3–1.500)"
        assert screen.toolbar.button(screen.commands["bold"]).accessibleName() == "Tebal"
        assert "Bahan kasus" in screen.material.toPlainText()
    finally:
        QCoreApplication.removeTranslator(translator)
    qtbot.waitUntil(lambda: screen.finish_button.text() == "Finish writing")


def test_a_larger_app_font_reaches_the_paper(show, qtbot) -> None:
    screen = show(text="Teks")
    before = screen.editor.font().pointSizeF()
    original = QFont(QApplication.font())
    bigger = QFont(original)
    bigger.setPointSizeF(original.pointSizeF() * 1.5)
    QApplication.setFont(bigger)  # what the kiosk's font step does
    try:
        qtbot.waitUntil(lambda: screen.editor.font().pointSizeF() >= before * 1.45)
        assert screen.zoom_percent == 100  # the candidate's own zoom stays as it was
    finally:
        QApplication.setFont(original)


def test_imported_instructions_in_the_bank_s_html_are_rendered_not_shown_as_tags(show) -> None:
    """QTI, Moodle and spreadsheet imports keep instructions as the bank's rich text; a
    hand-written bank as plain paragraphs: both read as text, tables with their grid."""
    screen = show(prompt="<p><strong>Tugas</strong></p><table><tr><th>Aspek</th>"
                         "<td>Bobot</td></tr></table>", case_material="")
    text = screen.material.toPlainText()
    assert "Tugas" in text and "Aspek" in text and "<" not in text
    assert 'border="1"' in screen.material.toHtml()
    plain = show(prompt="Baris satu\n\nBaris <dua>", case_material="")
    assert "Baris <dua>" in plain.material.toPlainText()  # plain text stays literal
