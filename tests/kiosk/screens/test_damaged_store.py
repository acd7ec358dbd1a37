"""A damaged kiosk store at login: calm words for the candidate and a log line, never a
traceback."""

from __future__ import annotations

import logging
from pathlib import Path

import pytest

from kiosk.engine import FakeClock
from tests.kiosk.screens.journey_kit import make_controller, sign_in, to_first_item


@pytest.mark.gui
def test_a_damaged_store_sends_the_candidate_to_the_proctor(
        qtbot, tmp_path: Path, caplog: pytest.LogCaptureFixture) -> None:
    data = tmp_path / "data"
    first = make_controller(qtbot, data, FakeClock())
    to_first_item(qtbot, first)
    first.close()
    (store,) = data.glob("*.db")
    raw = bytearray(store.read_bytes())
    for offset in range(4096, len(raw)):  # every page after the first: a failing disk
        raw[offset] ^= 0x5A
    store.write_bytes(bytes(raw))
    again = make_controller(qtbot, data, FakeClock())
    try:
        with caplog.at_level(logging.WARNING):
            sign_in(qtbot, again)
        assert again.window.currentWidget() is again.login
        assert again.login.error.text() == (
            "Data ujian di komputer ini tidak dapat dibuka. Silakan panggil pengawas, yang "
            "akan memindahkan Anda ke komputer cadangan.")
        assert any(str(store) in r.getMessage() and "damaged" in r.getMessage()
                   for r in caplog.records)
    finally:
        again.close()
        again.translations.use("en")
