"""The screen a kiosk PC shows after the exam program ended: it names why, cannot be
closed, and `ujikom kiosk locked` starts it (the kiosk session under cage runs that)."""

from __future__ import annotations

import os
import subprocess
import sys
from typing import Any

import pytest
from PySide6.QtGui import QCloseEvent

from kiosk.lockdown.locked import LockedScreen

pytestmark = pytest.mark.gui


def test_the_locked_screen_cannot_be_closed_and_names_the_reason(qtbot: Any) -> None:
    screen = LockedScreen("no exam package in /var/lib/ujikom-kiosk/exam")
    qtbot.addWidget(screen)
    screen.show()
    event = QCloseEvent()
    screen.closeEvent(event)
    assert not event.isAccepted()
    assert screen.reason.isVisibleTo(screen)
    assert "no exam package" in screen.reason.text()
    assert not LockedScreen().reason.isVisibleTo(screen)


def test_ujikom_kiosk_locked_starts_in_indonesian() -> None:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run([sys.executable, "-m", "ujikom.cli", "kiosk", "--exit-when-ready",
                           "locked"], env=env,
                          capture_output=True, text=True, timeout=60, check=False)
    assert done.returncode == 0, done.stderr
    from kiosk.app import I18N

    ts = (I18N / "ujikom_kiosk_id.ts").read_text("utf-8")
    assert "<translation>Komputer ini terkunci</translation>" in ts
