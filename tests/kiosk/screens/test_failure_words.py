"""A candidate never reads the system's English: the exam that cannot start on this PC
(a full disk, a missing package, a damaged store, an unreachable proctor) is said in
Indonesian, the detail only behind "Rincian"; an error nothing else caught becomes a calm
note, never a traceback; a setup fault's Indonesian carries no system text."""

from __future__ import annotations

import errno
import logging
import sqlite3
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from kiosk.app import Translations
from kiosk.cli import cannot_start, cannot_start_dialog
from kiosk.engine import FakeClock
from kiosk.link.setup import fault_of, unreachable
from kiosk.screens.failure import FailureDialog
from tests.kiosk.screens.journey_kit import make_controller

pytestmark = pytest.mark.gui

START = "Ujian belum dapat dimulai di komputer ini. Silakan hubungi pengawas.\n\n"


@pytest.fixture
def indonesian(qapp: Any) -> Iterator[Translations]:
    t = Translations()
    t.use("id")
    yield t
    t.use("en")


def _missing_package(tmp_path: Path) -> OSError:
    try:
        (tmp_path / "paket.ujikom").read_bytes()  # a real refusal of the OS
    except OSError as exc:
        return exc
    raise AssertionError("the file exists")


def _shown(qtbot: Any, box: FailureDialog) -> FailureDialog:
    qtbot.addWidget(box)
    box.show()
    qtbot.waitExposed(box)
    return box


@pytest.mark.parametrize(("make", "raw", "why"), [
    (lambda _t: OSError(errno.ENOSPC, "No space left on device"), "No space left",
     "Disk komputer ini penuh."),
    (_missing_package, "No such file or directory",
     "Ada berkas ujian yang tidak ada atau tidak dapat dibaca di komputer ini."),
    (lambda _t: sqlite3.DatabaseError("file is not a database"), "file is not a database",
     "Kunci ujian atau frasa sandinya tidak cocok dengan paket ujian ini."),
    (lambda _t: RuntimeError("QThread: Destroyed while thread is still running"), "QThread",
     "Terjadi galat tak terduga di komputer ini."),
])
def test_an_exam_that_cannot_start_is_said_in_indonesian(
        qtbot: Any, indonesian: Translations, tmp_path: Path, make: Any, raw: str,
        why: str, shot_dir: Path) -> None:
    exc = make(tmp_path)
    box = _shown(qtbot, cannot_start_dialog(exc, "id"))
    assert box.text.text() == START + why
    assert raw not in box.text.text() and not box.detail.isVisible()
    assert box.details_button.text() == "Rincian (untuk teknisi)"
    qtbot.mouseClick(box.details_button, Qt.MouseButton.LeftButton)  # the technician
    assert box.detail.isVisible() and raw in box.detail.toPlainText()
    box.grab().save(str(shot_dir / f"cannot-start-{type(exc).__name__}.png"))
    assert raw in cannot_start(exc)  # and the shell (stderr) says it too
    qtbot.mouseClick(box.close_button, Qt.MouseButton.LeftButton)
    assert not box.isVisible()


def test_an_unreachable_proctor_is_said_without_the_sockets_words(
        qtbot: Any, indonesian: Translations) -> None:
    fault = unreachable("10.0.0.5:7443", "ConnectionRefusedError: [Errno 111] Connection "
                                         "refused")
    box = _shown(qtbot, cannot_start_dialog(fault, "id"))
    assert box.text.text() == (
        "Ujian belum dapat dimulai di komputer ini: Pengawas di 10.0.0.5:7443 tidak dapat "
        "dihubungi. Periksa alamat [proctor] di kiosk.toml, kabel jaringan, dan bahwa server "
        "pengawas sudah jalan.")
    assert "Connection refused" in box.detail.toPlainText()


def test_a_refused_identity_keeps_the_proctors_english_for_the_technician() -> None:
    class Refused(Exception):
        code = "identity"

    fault = fault_of(Refused("hello says kiosk 'PC-08' but the certificate is PC-07"),
                     "10.0.0.5:7443")
    assert fault is not None
    assert "hello says" not in fault.idn and "certificate is PC-07" in fault.en


def test_an_error_nothing_caught_is_a_calm_note_not_a_traceback(
        qtbot: Any, tmp_path: Path, indonesian: Translations,
        monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)  # put back after the test
    ctrl = make_controller(qtbot, tmp_path / "data", FakeClock())
    try:
        ctrl.catch_unexpected()
        broken = QPushButton(ctrl.window)

        def fails() -> None:
            raise KeyError("item_index out of range in render()")

        broken.clicked.connect(fails)
        broken.show()
        with caplog.at_level(logging.CRITICAL, "kiosk.app"):
            qtbot.mouseClick(broken, Qt.MouseButton.LeftButton)
        assert ctrl.toast.isVisible()
        assert ctrl.toast.text() == ("Terjadi gangguan di komputer ini. Jika layar tidak "
                                     "merespons, silakan hubungi pengawas; jawaban Anda "
                                     "sebelumnya aman.")
        assert "item_index out of range" in caplog.text  # the traceback is in the log
        assert "Traceback" in caplog.text or "KeyError" in caplog.text
    finally:
        ctrl.close()
