"""Loading a stored text into the editor and saving again gives the same string, so a
resume never writes a spurious revision."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from PySide6.QtGui import QTextDocument

from exam_bank.makalah import parse, serialize
from exam_bank.makalah.doc import Document
from kiosk.screens.makalah.qtdoc import load_document, read_document
from tests.exam_bank.makalah.strategies import DOCUMENTS
from tests.exam_bank.makalah.test_doc import SAMPLE

pytestmark = pytest.mark.gui


@settings(max_examples=100, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(DOCUMENTS)
def test_editor_round_trip_is_stable(qapp, doc: Document) -> None:
    text = serialize(doc)
    document = QTextDocument()
    load_document(document, parse(text))
    assert serialize(read_document(document)) == text


def test_screen_resumes_without_a_revision(qtbot, show) -> None:
    for text in (SAMPLE, "", "satu", "| a |\n|---|", "- x\n    1. y\n\n\n\nakhir"):
        screen = show(text=text)
        assert screen.stored_text() == text
        with qtbot.assertNotEmitted(screen.text_changed):
            screen.flush()


def test_incremental_reader_agrees_with_a_full_read_through_random_edits(qtbot, show) -> None:
    """The editor re-reads only changed blocks; 400 random edits must never let that
    differ from reading the whole document afresh."""
    import random

    from PySide6.QtGui import QTextCursor

    from kiosk.screens.makalah.qtdoc import read_document

    screen = show(text=SAMPLE)
    editor = screen.editor
    rng = random.Random(2026)

    def spot() -> int:
        return rng.randrange(editor.document().characterCount())

    def select() -> None:
        cursor = editor.textCursor()
        a, b = sorted((spot(), spot()))
        cursor.setPosition(a)
        cursor.setPosition(b, QTextCursor.MoveMode.KeepAnchor)
        editor.setTextCursor(cursor)

    ops = [
        lambda: (editor.moveCursor(QTextCursor.MoveOperation.End), editor.insertPlainText("kata ")),
        lambda: (select(), editor.insertPlainText(rng.choice(["x", "dua kata", ""]))),
        lambda: (select(), screen.toggle_bold()),
        lambda: (select(), screen.toggle_italic()),
        lambda: (select(), screen.toggle_underline()),
        lambda: (select(), editor.textCursor().insertBlock()),
        lambda: (select(), screen.set_heading(rng.randrange(4))),
        lambda: (select(), screen.toggle_list(rng.random() < 0.5)),
        lambda: (select(), editor.copy(), select(), editor.paste()),
        lambda: editor.undo(),
        lambda: editor.redo(),
        lambda: (select(), screen.insert_table(2, 2)) if rng.random() < 0.1 else None,
    ]
    for step in range(400):
        rng.choice(ops)()
        assert screen.reader.read() == read_document(editor.document()), step
