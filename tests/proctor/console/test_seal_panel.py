"""Sealing from the console: at the foot of the berita acara form, with the office
certificate remembered, the outcome shown in words, never a traceback."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from exam_bank.problems import InputError, Problem
from proctor.console.berita_form import BeritaAcaraForm
from proctor.console.seal_panel import SealPanel
from proctor.seal import Sealed, SealRefusal, SealRefused
from tests.proctor.console.conftest import Make


class FakeSealer:
    session_id = "S1"

    def __init__(self, refuse: str | None = None) -> None:
        self.refuse = refuse
        self.calls: list[tuple[Path, Path, str]] = []
        self.done: list[dict[str, Any]] = []

    def sealings(self) -> list[dict[str, Any]]:
        return list(self.done)

    def seal(self, admin_cert: Path, out: Path) -> Sealed:
        self.calls.append((admin_cert, out, threading.current_thread().name))
        if self.refuse:
            raise InputError([Problem("lab/berita-acara-S1.json", self.refuse)])
        n = len(self.done) + 1
        self.done.append({"sequence": n, "digest": "ab" * 32, "file": str(out),
                          "sealed_at": "2026-12-08T06:40:00+00:00"})
        return Sealed(out, n, "ab" * 32, candidates=18, submitted=17)

    def waiting(self) -> list[Any]:
        return []

    def decide(self, participant_no: str, accepted: bool, reason: str, by: str,
               why: str = "") -> None:
        raise AssertionError("no log is questioned here")


def _panel(qtbot: Any, make_window: Make, sealer: FakeSealer, language: Any = None,
           code: str = "en") -> SealPanel:
    window = make_window(sealer=sealer)
    if language is not None:
        language.use(code)  # the console starts in Indonesian
    qtbot.mouseClick(window.berita_button, Qt.MouseButton.LeftButton)
    form = window.berita_window
    assert isinstance(form, BeritaAcaraForm)
    qtbot.addWidget(form)
    assert isinstance(form.seal_panel, SealPanel)
    return form.seal_panel


def test_the_proctor_seals_from_the_berita_acara_form(qtbot: Any, make_window: Make,
                                                      tmp_path: Path, english: Any) -> None:
    sealer = FakeSealer()
    panel = _panel(qtbot, make_window, sealer, english)
    assert panel.out.text().endswith("hasil-S1-1.p7m")
    assert "Not sealed yet" in panel.history.text()
    qtbot.keyClicks(panel.cert, str(tmp_path / "admin.pem"))
    qtbot.mouseClick(panel.seal_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: "Sealed (#1)" in panel.done.text(), timeout=5000)
    cert, out, thread = sealer.calls[0]
    assert cert == tmp_path / "admin.pem" and out.name == "hasil-S1-1.p7m"
    assert thread == "seal"  # not the window's thread: the console stays usable
    assert "18 candidates, 17 submitted" in panel.done.text()
    assert "ab" * 32 in panel.done.text()  # the fingerprint to read out to the office
    assert panel.seal_button.isEnabled()
    # A late candidate: sealing again gets the next number and a new file name.
    # on the exam's clock, as the receipt prints it (06.40 UTC; this PC may be on UTC)
    assert "Sealing #1 at 08-12-2026 13:40 WIB" in panel.history.text()
    assert panel.out.text().endswith("hasil-S1-2.p7m")
    # The certificate is remembered for the next time the console starts.
    again = _panel(qtbot, make_window, FakeSealer())
    assert again.cert.text() == str(tmp_path / "admin.pem")


def test_nothing_is_sealed_without_the_office_certificate_or_over_a_file(
        qtbot: Any, make_window: Make, tmp_path: Path, english: Any) -> None:
    sealer = FakeSealer()
    panel = _panel(qtbot, make_window, sealer, english)
    qtbot.mouseClick(panel.seal_button, Qt.MouseButton.LeftButton)
    assert panel.error.isVisible() and "office certificate" in panel.error.text()
    qtbot.keyClicks(panel.cert, str(tmp_path / "admin.pem"))
    taken = tmp_path / "taken.p7m"
    taken.write_bytes(b"an earlier sealing")
    panel.out.setText(str(taken))
    qtbot.mouseClick(panel.seal_button, Qt.MouseButton.LeftButton)
    assert "already exists" in panel.error.text()
    assert sealer.calls == [] and taken.read_bytes() == b"an earlier sealing"


def test_a_refused_sealing_is_said_in_words(qtbot: Any, make_window: Make, tmp_path: Path,
                                            english: Any) -> None:
    panel = _panel(qtbot, make_window, FakeSealer(refuse="no berita acara yet"), english)
    qtbot.keyClicks(panel.cert, str(tmp_path / "admin.pem"))
    qtbot.mouseClick(panel.seal_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.error.isVisible(), timeout=5000)
    assert panel.error.text() == ("Not sealed: a file it needs is damaged or not the right "
                                  "kind")
    # the file and the system's words, for the technician, in the tooltip
    assert "lab/berita-acara-S1.json: no berita acara yet" in panel.error.toolTip()
    assert "Traceback" not in panel.error.text()
    assert panel.seal_button.isEnabled() and not panel.done.isVisible()


class _Refusing(FakeSealer):
    def __init__(self, refused: Exception) -> None:
        super().__init__()
        self.refused = refused

    def seal(self, admin_cert: Path, out: Path) -> Sealed:
        raise self.refused


@pytest.mark.parametrize(("code", "who", "words"), [
    (SealRefusal.NO_MINUTES, (), "berita acara belum dibuat: isi formulir di atas lalu buat "
     "PDF-nya"),
    (SealRefusal.LOGS_UNDECIDED, ("SLT-0066",), "putuskan dulu log yang dipertanyakan di "
     "atas: SLT-0066")])
def test_a_refusal_the_proctor_can_act_on_is_said_in_indonesian(
        qtbot: Any, make_window: Make, tmp_path: Path, code: SealRefusal,
        who: tuple[str, ...], words: str) -> None:
    refused = SealRefused(code, [Problem("lab/berita-acara-S1.json", "an English detail")],
                          who)  # type: ignore[arg-type]
    panel = _panel(qtbot, make_window, _Refusing(refused))  # the console's Indonesian
    qtbot.keyClicks(panel.cert, str(tmp_path / "admin.pem"))
    qtbot.mouseClick(panel.seal_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.error.isVisible(), timeout=5000)
    assert panel.error.text() == f"Tidak disegel: {words}"


def test_a_console_that_cannot_seal_shows_no_seal_panel(qtbot: Any, make_window: Make) -> None:
    window = make_window()
    qtbot.mouseClick(window.berita_button, Qt.MouseButton.LeftButton)
    assert isinstance(window.berita_window, BeritaAcaraForm)
    qtbot.addWidget(window.berita_window)
    assert window.berita_window.seal_panel is None


def test_screenshot_of_the_seal_panel(qtbot: Any, make_window: Make, tmp_path: Path,
                                      english: Any, shot_dir: Path) -> None:
    for language in ("id", "en"):
        panel = _panel(qtbot, make_window, FakeSealer(), english, language)
        panel.cert.clear()
        qtbot.keyClicks(panel.cert, "/media/usb/admin.pem")
        qtbot.mouseClick(panel.seal_button, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(lambda p=panel: p.done.text().count("#") == 1 and
                        "SHA-256" in p.done.text(), timeout=5000)
        form = panel.window()
        form.resize(1366, 768)
        form.show()
        QApplication.processEvents()
        assert panel.grab().save(str(shot_dir / f"seal-panel-{language}.png"))
        assert form.minimumSizeHint().width() <= 1366
