"""Loading a stored text into the editor and saving again gives the same string, so a
resume never writes a spurious revision."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from PySide6.QtGui import QTextDocument

from exam_bank.makalah import parse, serialize
from exam_bank.makalah.doc import Document
from kiosk.screens.makalah.nonefix import keep_none_alive
from kiosk.screens.makalah.qtdoc import load_document, read_document
from tests.exam_bank.makalah.strategies import DOCUMENTS
from tests.exam_bank.makalah.test_doc import SAMPLE

pytestmark = pytest.mark.gui


@settings(max_examples=100, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(DOCUMENTS)
def test_editor_round_trip_is_stable(qapp, doc: Document) -> None:
    keep_none_alive()
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
