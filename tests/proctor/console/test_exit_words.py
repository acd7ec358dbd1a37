"""The console's words for a kiosk closed with the proctor's exit code, in Indonesian."""

from __future__ import annotations

from typing import Any

from proctor.console.translations import Translations
from proctor.console.words import Words
from proctor.room import IncidentEntry, SeatStatus


def test_the_exit_and_the_wrong_codes_in_indonesian(qapp: Any, english: Translations) -> None:
    english.use("id")
    words = Words()
    assert words.status(SeatStatus.EXITED) == "Keluar (kode pengawas)"
    wrong = IncidentEntry("09:12:00", "A7", "SLT-0007", "quit_code_refused", "attempts=3", "log")
    assert words.incident_line(wrong, english=False) == (
        "09:12:00 A7 SLT-0007 \u2014 Kode keluar salah 3 kali")
    exit_ = IncidentEntry("09:13:00", "A7", "SLT-0007", "kiosk_exit", "seat=A7 pc=PC07", "log")
    assert words.incident_line(exit_, english=False) == (
        "09:13:00 A7 SLT-0007 \u2014 Aplikasi ujian ditutup dengan kode keluar pengawas")
    english.use("en")
    assert words.status(SeatStatus.EXITED) == "Exited (proctor's code)"


def test_the_seat_of_an_exited_kiosk_on_the_console(qtbot: Any, make_window: Any,
                                                    english: Translations) -> None:
    from tests.proctor.test_room_exit import exited_room

    english.use("id")
    room, _ = exited_room()
    window = make_window(room)
    window.resize(1366, 768)
    window.show()
    window.refresh()
    tile = window.seat_map.tiles["A2"]
    assert tile.status_label.text() == "\u2192 Keluar"
    assert "Keluar (kode pengawas)" in tile.accessibleName()
    window.select_seat("A2")
    assert "Koneksi: Keluar (kode pengawas)" in window.detail.info.text()
    window.grab().save("/tmp/kiosk-quit-shots/console-exited-seat.png")
