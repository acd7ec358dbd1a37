"""The berita acara form: filled from the room, saved as a draft on every keystroke,
restored after a restart, NIP checked before the PDF, opened from the console."""

from __future__ import annotations

import dataclasses
import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from proctor.console.berita_form import BeritaAcaraForm
from tests.proctor.console.conftest import NOW, WALL, Make, busy_room

SIGNERS = {"proctor1.name": "Ani Suryani", "proctor1.nip": "19800101 200501 2 001",
           "proctor2.name": "Budi Hartono", "proctor2.nip": "197905152003121002",
           "head.name": "Dr. Citra Dewi", "head.nip": "197512312000032001",
           "witness.name": "Drs. Dedi Kurnia", "witness.nip": "196804171990031004"}


def form(qtbot: Any, state: Path) -> BeritaAcaraForm:
    widget = BeritaAcaraForm(busy_room(), state, wall=lambda: WALL, clock=lambda: NOW)
    qtbot.addWidget(widget)
    return widget


def type_into(qtbot: Any, widget: BeritaAcaraForm, values: dict[str, str]) -> None:
    for key, value in values.items():
        widget.fields[key].clear()
        qtbot.keyClicks(widget.fields[key], value)


def test_filled_from_the_room(qtbot: Any, tmp_path: Path, english: object) -> None:
    english.use("id")  # type: ignore[attr-defined]
    widget = form(qtbot, tmp_path)
    assert widget.fields["exam_title"].text() == "Seleksi Terbuka JPT Pratama"
    # the actual hours from the record: the first sign-in and the last event so far
    assert widget.fields["start"].text() == "08:00" and widget.fields["start"].isReadOnly()
    assert widget.fields["end"].text() == "08:05"
    # SLT-0008 signed in (and never confirmed): present, as the sealed bundle has their log
    assert widget.counts.text() == ("Seharusnya 40, hadir 37, tidak hadir 3: SLT-0006 Nur "
                                    "Aini 6, SLT-0014 Dewi Lestari 14, SLT-0031 Ahmad Fauzi 31")
    assert widget.day_label.text() == "Selasa, 8 Desember 2026"
    shown = widget.record_view.toPlainText()
    assert "Peserta meninggalkan jendela ujian" in shown
    assert "Layar ujian dikunci oleh Bu Ani; alasan: HP di meja" in shown
    assert "Ujian dijeda oleh Bu Ani; alasan: listrik padam" in shown
    assert "Data log ditolak karena berbeda dengan yang sudah tersimpan" in shown
    assert widget.incidents.toPlainText() == ""  # the proctor's own words only
    assert "recorded" not in shown and "seq 12" not in shown  # no system text


def test_every_keystroke_is_in_the_draft_and_survives_a_restart(qtbot: Any,
                                                                tmp_path: Path) -> None:
    widget = form(qtbot, tmp_path)
    qtbot.keyClicks(widget.fields["proctor1.name"], "Ani")
    qtbot.keyClicks(widget.notes, "Listrik padam")
    saved = json.loads(widget.draft_path.read_text())["berita_acara"]
    assert saved["proctor1"]["name"] == "Ani" and saved["notes"] == "Listrik padam"
    widget.close()
    again = form(qtbot, tmp_path)
    assert again.fields["proctor1.name"].text() == "Ani"
    assert again.notes.toPlainText() == "Listrik padam"


def test_a_bad_nip_stops_the_pdf_with_a_message(qtbot: Any, tmp_path: Path,
                                                english: object) -> None:
    english.use("id")  # type: ignore[attr-defined]
    widget = form(qtbot, tmp_path)
    type_into(qtbot, widget, {**SIGNERS, "proctor2.nip": "19790515200312100"})
    qtbot.mouseClick(widget.pdf_button, Qt.MouseButton.LeftButton)
    assert not widget.pdf_path.exists()
    assert widget.error.isVisibleTo(widget)
    assert widget.error.text() == ("Pengawas II: NIP: bukan NIP yang sah: isinya 17 digit, "
                                   "NIP terdiri atas 18 digit")
    assert widget.fields["proctor2.nip"].hasFocus() or not widget.isVisible()


@pytest.mark.parametrize(("nip", "why"), [
    ("19790515 200312 3 002", "digit 15 (3) harus 1 atau 2"),
    ("19791315 200312 1 002", "digit 1-8 (19791315) bukan tanggal lahir"),
    ("19790515 200313 1 002", "digit 9-14 (200313) memuat bulan 13 yang tidak ada"),
    ("1.97905E+17", "Excel mengubahnya menjadi angka; ketik ulang sebagai teks"),
])
def test_every_nip_problem_is_said_in_indonesian_not_in_english(
        qtbot: Any, tmp_path: Path, english: object, nip: str, why: str) -> None:
    english.use("id")  # type: ignore[attr-defined]
    widget = form(qtbot, tmp_path)
    type_into(qtbot, widget, {**SIGNERS, "proctor2.nip": nip})
    qtbot.mouseClick(widget.pdf_button, Qt.MouseButton.LeftButton)
    assert widget.error.text() == f"Pengawas II: NIP: bukan NIP yang sah: {why}"
    assert "digits" not in widget.error.text() and not widget.pdf_path.exists()


def test_counts_that_do_not_add_up_are_said_in_indonesian(qtbot: Any, tmp_path: Path,
                                                         english: object) -> None:
    english.use("id")  # type: ignore[attr-defined]
    widget = form(qtbot, tmp_path)
    type_into(qtbot, widget, SIGNERS)
    # counts from a record that does not add up (one candidate counted nowhere)
    widget._base = dataclasses.replace(widget._base, present=widget._base.present - 1)
    qtbot.mouseClick(widget.pdf_button, Qt.MouseButton.LeftButton)
    assert widget.error.text().startswith("Peserta: hadir ")
    assert "tidak sama dengan" in widget.error.text() and "expected" not in widget.error.text()


def test_a_complete_report_becomes_a_pdf(qtbot: Any, tmp_path: Path) -> None:
    widget = form(qtbot, tmp_path)
    type_into(qtbot, widget, SIGNERS)
    qtbot.mouseClick(widget.pdf_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: widget.pdf_button.isEnabled(), timeout=10_000)
    assert widget.pdf_path.read_bytes().startswith(b"%PDF")
    assert not widget.error.isVisibleTo(widget)
    assert str(widget.pdf_path) in widget.done.text()


def test_the_pdf_renders_off_the_gui_thread(qtbot: Any, tmp_path: Path,
                                            monkeypatch: pytest.MonkeyPatch) -> None:
    """The console stays responsive while the PDF is made: the button waits, the form
    says so, and the rendering runs on another thread."""
    import threading

    from proctor.console import berita_form

    started, release, threads = threading.Event(), threading.Event(), []

    def slow_render(report: object, path: Path) -> None:
        threads.append(threading.current_thread())
        started.set()
        release.wait(10)
        path.write_bytes(b"%PDF-1.4 stand-in")

    monkeypatch.setattr(berita_form, "render_pdf", slow_render)
    widget = form(qtbot, tmp_path)
    type_into(qtbot, widget, SIGNERS)
    qtbot.mouseClick(widget.pdf_button, Qt.MouseButton.LeftButton)
    assert started.wait(10)
    assert not widget.pdf_button.isEnabled() and widget.done.text() == "Creating the PDF…"
    release.set()
    qtbot.waitUntil(lambda: widget.pdf_button.isEnabled(), timeout=10_000)
    assert threads and threads[0] is not threading.main_thread()
    assert str(widget.pdf_path) in widget.done.text()


def test_a_damaged_draft_is_set_aside_not_lost(qtbot: Any, tmp_path: Path) -> None:
    draft = tmp_path / "berita-acara-SELTER-2026-01-S1.json"
    draft.write_text("{broken")
    widget = form(qtbot, tmp_path)
    assert (tmp_path / "berita-acara-SELTER-2026-01-S1.damaged.json").read_text() == "{broken"
    assert widget.notice.isVisibleTo(widget)
    assert "not valid JSON" in widget.notice.toolTip()  # the detail, for the technician
    assert widget.fields["exam_title"].text() == "Seleksi Terbuka JPT Pratama"


def test_the_console_opens_the_form(qtbot: Any, make_window: Make) -> None:
    window = make_window()
    qtbot.mouseClick(window.berita_button, Qt.MouseButton.LeftButton)
    assert isinstance(window.berita_window, BeritaAcaraForm)
    qtbot.addWidget(window.berita_window)
    assert window.berita_window.isVisible()


def test_screenshot_of_the_form(qtbot: Any, tmp_path: Path, english: object,
                                shot_dir: Path) -> None:
    for language in ("id", "en"):
        english.use(language)  # type: ignore[attr-defined]
        widget = form(qtbot, tmp_path / language)
        type_into(qtbot, widget, {**SIGNERS, "head.nip": "123"})
        qtbot.mouseClick(widget.pdf_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda w=widget: w.pdf_button.isEnabled(), timeout=10_000)
        widget.resize(1366, 768)
        widget.show()
        QApplication.processEvents()
        assert widget.grab().save(str(shot_dir / f"berita-form-{language}.png"))
        assert widget.minimumSizeHint().width() <= 1366


def test_a_form_opened_the_next_morning_for_an_empty_room_keeps_the_sessions_day(
        qtbot: Any, tmp_path: Path) -> None:
    """Nobody signed in; the console is started the next morning: the form shows the
    session's scheduled day and hours, not the morning's clock."""
    from proctor.room import Room
    from tests.proctor.console.roomkit import DATE, package

    morning = WALL + dt.timedelta(days=1, hours=1)
    widget = BeritaAcaraForm(Room(package(), "S1", wall=lambda: morning), tmp_path,
                             wall=lambda: morning, clock=lambda: NOW)
    qtbot.addWidget(widget)
    assert widget.date.date().toPython() == DATE
    assert (widget.fields["start"].text(), widget.fields["end"].text()) == ("08:00", "10:00")
