"""The Qt binding itself: a kiosk makes millions of Qt calls in a 4-hour makalah.

PySide6 6.12 on CPython 3.11 took a reference from None on every void Qt call and the
interpreter aborted after a few thousand; pyproject.toml excludes it. This test catches
such a binding coming back with an upgrade, before a candidate does.
"""

from __future__ import annotations

import sys

from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot


def test_void_qt_calls_do_not_leak_references_to_none(qtbot: QtBot) -> None:
    label = QLabel()
    qtbot.addWidget(label)
    before = sys.getrefcount(None)
    for n in range(20_000):
        label.setText(str(n % 7))
        label.setMinimumWidth(10)
    # Other threads may hold a few references for a moment; a leak would be ~40,000.
    assert abs(sys.getrefcount(None) - before) < 100
