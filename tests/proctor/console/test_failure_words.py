"""A failure on the console (a dead lab server, a full disk, a refused socket, a wrong
certificate, a replica that will not open, an unwritable file) is said in the proctor's
Indonesian inside its frame; the system's English stays in the tooltip and the log."""

from __future__ import annotations

import errno
import logging
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from exam_bank.ids import ParticipantNo
from exam_bank.wire.control import ControlAction
from exam_bank.wire.tls import read_cert
from proctor.console.berita_form import BeritaAcaraForm
from proctor.console.seal_panel import SealPanel
from proctor.console.translations import Translations
from proctor.questioned import QuestionCode, Questioned
from proctor.replica import ReplicaError
from proctor.seal import Sealed
from tests.proctor.console.conftest import NOW, WALL, FakeService, Make, busy_room
from tests.proctor.console.test_berita_form import SIGNERS, type_into
from tests.proctor.console.test_preflight_panel import PreflightFake
from tests.proctor.console.test_window import answer

pytestmark = pytest.mark.gui

DISK_FULL = OSError(errno.ENOSPC, "No space left on device")
# (what failed, the raw English that must stay off the screen, the Indonesian words)
FAILURES = [
    (DISK_FULL, "No space left on device",
     "disk PC ini penuh: kosongkan sebagian ruang, lalu coba lagi"),
    (TimeoutError(), "TimeoutError",
     "server lab di PC ini tidak menjawab: coba lagi, atau mulai ulang konsol"),
    (RuntimeError("Event loop is closed"), "Event loop is closed",
     "server lab di PC ini tidak menjawab: coba lagi, atau mulai ulang konsol"),
    (ConnectionRefusedError(errno.ECONNREFUSED, "Connection refused"), "Connection refused",
     "sambungan ditolak atau terputus: periksa jaringan"),
    (sqlite3.DatabaseError("database disk image is malformed"), "malformed",
     "catatan pengawas tidak dapat dipakai: hubungi teknisi"),
    (KeyError("seat"), "KeyError", "terjadi galat tak terduga di PC ini: hubungi teknisi"),
]


def _no_english(label: Any, raw: str) -> None:
    """The raw system text is in the tooltip (for the technician), not in the text."""
    assert raw not in label.text()
    assert "Error" not in label.text() and "Traceback" not in label.text()
    assert label.toolTip().startswith("Rincian teknis (bahasa Inggris): ")
    assert raw in label.toolTip()


@pytest.mark.parametrize(("failure", "raw", "words"), FAILURES)
def test_a_command_the_server_cannot_take_is_said_in_indonesian(
        qtbot: Any, make_window: Make, service: FakeService, failure: Exception, raw: str,
        words: str, caplog: pytest.LogCaptureFixture) -> None:
    service.fail = failure
    ask, _ = answer(qtbot)
    window = make_window(ask=ask)
    with caplog.at_level(logging.WARNING, "ujikom.console"):
        window.room_actions[ControlAction.RESUME].trigger()
    assert window.feedback.objectName() == "error" and window.feedback.isVisibleTo(window)
    assert window.feedback.text() == f"Tidak terkirim: {words}"
    _no_english(window.feedback, raw)
    assert raw in caplog.text  # the log keeps what the system said
    # The next message that is no failure carries no stale technical detail.
    window.on_regenerate_token()
    assert window.feedback.text().startswith("Token baru: ") and window.feedback.toolTip() == ""


def test_token_and_enrollment_code_from_a_dead_server_are_words(
        qtbot: Any, make_window: Make, service: FakeService,
        monkeypatch: pytest.MonkeyPatch) -> None:
    window = make_window()

    def dead(by: str = "", reason: str = "") -> str:
        raise TimeoutError

    monkeypatch.setattr(service, "new_token", dead)
    monkeypatch.setattr(service, "enrollment_code", dead)
    qtbot.mouseClick(window.regenerate, Qt.MouseButton.LeftButton)
    assert window.feedback.text() == ("Token baru tidak dibuat: server lab di PC ini tidak "
                                      "menjawab: coba lagi, atau mulai ulang konsol")
    assert window.token_label.text() == "TOKEN: QWERTY"  # the old token still stands
    window.enroll_action.trigger()
    assert window.feedback.text().startswith("Kode pendaftaran tidak dibuat: server lab")
    _no_english(window.feedback, "TimeoutError")


def test_a_held_login_decision_on_a_full_disk_is_words(
        qtbot: Any, make_window: Make, service: FakeService,
        monkeypatch: pytest.MonkeyPatch) -> None:
    def full(*_args: object) -> None:
        raise DISK_FULL

    monkeypatch.setattr(service, "decide_login", full)
    ask, _ = answer(qtbot)
    window = make_window(ask=ask)
    window.ask_login_decision("approve_login", "SLT-0001", "pc-41")
    assert window.feedback.text() == ("Belum diputuskan: disk PC ini penuh: kosongkan "
                                      "sebagian ruang, lalu coba lagi")
    _no_english(window.feedback, "No space left on device")


class _Sealer:
    """A sealer whose certificate is read for real; `fail` what sealing then raises."""

    session_id = "S1"

    def __init__(self, fail: Exception | None = None) -> None:
        self.fail = fail

    def sealings(self) -> list[dict[str, Any]]:
        return []

    def seal(self, admin_cert: Path, out: Path) -> Sealed:
        read_cert(admin_cert)
        raise self.fail or AssertionError("sealed")

    def waiting(self) -> list[Questioned]:
        return [Questioned(ParticipantNo("SLT-0066"), QuestionCode.ABSENT, 4, "pc-66", "C6")]

    def decide(self, participant_no: ParticipantNo, accepted: bool, reason: str, by: str,
               why: str = "") -> None:
        raise ReplicaError("/lab/replica.db: the replica is damaged (file is encrypted or "
                           "is not a database); nothing was changed")


def _a_certificate() -> bytes:
    import datetime as dt

    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import NameOID

    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "kantor")])
    now = dt.datetime.now(dt.UTC)
    cert = (x509.CertificateBuilder().subject_name(name).issuer_name(name)
            .public_key(key.public_key()).serial_number(1).not_valid_before(now)
            .not_valid_after(now + dt.timedelta(days=1)).sign(key, hashes.SHA256()))
    return cert.public_bytes(serialization.Encoding.PEM)


def _seal_panel(qtbot: Any, make_window: Make, sealer: _Sealer, **kwargs: Any) -> SealPanel:
    window = make_window(sealer=sealer, **kwargs)
    qtbot.mouseClick(window.berita_button, Qt.MouseButton.LeftButton)
    form = window.berita_window
    assert isinstance(form, BeritaAcaraForm) and isinstance(form.seal_panel, SealPanel)
    qtbot.addWidget(form)
    return form.seal_panel


def _seal(qtbot: Any, panel: SealPanel, cert: Path) -> None:
    panel.cert.setText(str(cert))
    qtbot.mouseClick(panel.seal_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: panel.error.isVisible(), timeout=5000)
    assert panel.seal_button.isEnabled() and not panel.done.isVisible()


def test_a_file_that_is_no_certificate_is_named_in_indonesian(
        qtbot: Any, make_window: Make, tmp_path: Path) -> None:
    cert = tmp_path / "admin.pem"
    cert.write_text("-----BEGIN CERTIFICATE-----\nbukan sertifikat\n-----END CERTIFICATE-----\n")
    panel = _seal_panel(qtbot, make_window, _Sealer())
    _seal(qtbot, panel, cert)
    assert panel.error.text() == (
        f"Tidak disegel: {cert} bukan sertifikat kantor yang dapat dipakai: pilih admin.pem "
        "yang diberikan kantor untuk lab ini")
    _no_english(panel.error, "not a PEM certificate")


def test_sealing_onto_a_full_disk_is_said_in_indonesian(
        qtbot: Any, make_window: Make, tmp_path: Path) -> None:
    cert = tmp_path / "admin.pem"
    cert.write_bytes(_a_certificate())  # read for real: sealing then meets the full disk
    panel = _seal_panel(qtbot, make_window, _Sealer(DISK_FULL))
    _seal(qtbot, panel, cert)
    assert panel.error.text() == ("Tidak disegel: disk PC ini penuh: kosongkan sebagian "
                                  "ruang, lalu coba lagi")
    _no_english(panel.error, "No space left on device")


def test_a_decision_the_replica_cannot_take_is_said_in_indonesian(
        qtbot: Any, make_window: Make) -> None:
    ask, _ = answer(qtbot)
    panel = _seal_panel(qtbot, make_window, _Sealer(), ask=ask)
    _row, accept, _reject = panel.questioned_rows[0]
    qtbot.mouseClick(accept, Qt.MouseButton.LeftButton)
    assert panel.error.text() == ("Belum diputuskan: catatan pengawas tidak dapat dipakai: "
                                  "hubungi teknisi")
    _no_english(panel.error, "the replica is damaged")


def test_a_pdf_that_cannot_be_written_is_said_in_indonesian(
        qtbot: Any, tmp_path: Path, english: Translations) -> None:
    english.use("id")
    widget = BeritaAcaraForm(busy_room(), tmp_path, wall=lambda: WALL, clock=lambda: NOW)
    qtbot.addWidget(widget)
    (tmp_path / "not-a-folder").write_text("a file where the folder should be")
    widget.pdf_path = tmp_path / "not-a-folder" / "berita-acara.pdf"  # a real OS refusal
    type_into(qtbot, widget, SIGNERS)
    qtbot.mouseClick(widget.pdf_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: widget.error.isVisibleTo(widget), timeout=10000)
    assert widget.error.text() == ("PDF tidak dapat disimpan: berkas atau folder yang "
                                   "diperlukan tidak ada: periksa nama dan tempatnya")
    _no_english(widget.error, "Not a directory")


def test_a_damaged_draft_is_set_aside_in_indonesian(qtbot: Any, tmp_path: Path,
                                                    english: Translations) -> None:
    english.use("id")
    first = BeritaAcaraForm(busy_room(), tmp_path, wall=lambda: WALL, clock=lambda: NOW)
    qtbot.addWidget(first)
    first.draft_path.write_text("{ not json")
    widget = BeritaAcaraForm(busy_room(), tmp_path, wall=lambda: WALL, clock=lambda: NOW)
    qtbot.addWidget(widget)
    assert widget.notice.text() == ("Draf yang tersimpan tidak dapat dibaca dan telah "
                                    "disisihkan: berkas yang diperlukan rusak atau bukan "
                                    "jenis yang benar")
    _no_english(widget.notice, "not valid JSON")


def test_opening_the_session_on_a_dead_server_is_said_in_indonesian(
        qtbot: Any, make_window: Make) -> None:
    class Dead(PreflightFake):
        def open_session(self, reason: str = "", by: str = "") -> None:
            raise RuntimeError("Event loop is closed")

    window = make_window(preflight=Dead())
    panel = window.preflight
    assert panel is not None
    panel._ask_reason = lambda _w, _p: "PC A7 kosong"
    qtbot.mouseClick(panel.open_button, Qt.MouseButton.LeftButton)
    assert panel.feedback.text() == ("Sesi tetap tertutup: server lab di PC ini tidak "
                                     "menjawab: coba lagi, atau mulai ulang konsol")
    _no_english(panel.feedback, "Event loop is closed")


def test_a_server_that_stops_answering_the_refresh_is_said_once_in_indonesian(
        qtbot: Any, make_window: Make, service: FakeService,
        monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture) -> None:
    window = make_window()

    def dead(_self: object) -> str:
        raise RuntimeError("Event loop is closed")

    monkeypatch.setattr(FakeService, "token", property(dead))
    with caplog.at_level(logging.WARNING, "ujikom.console"):
        window.refresh()
        window.refresh()  # every second: no exception, and said (and logged) once
    assert window.feedback.text() == ("Ruang tidak terbarui: server lab di PC ini tidak "
                                      "menjawab: coba lagi, atau mulai ulang konsol")
    _no_english(window.feedback, "Event loop is closed")
    assert caplog.text.count("Event loop is closed") == 1
    assert window.token_label.text() == "TOKEN: QWERTY"  # the last one known
    monkeypatch.undo()  # it answers again: the notice goes
    window.refresh()
    assert not window.feedback.isVisibleTo(window)


def test_a_draft_that_cannot_be_saved_is_said_once_in_indonesian(
        qtbot: Any, tmp_path: Path, english: Translations,
        caplog: pytest.LogCaptureFixture) -> None:
    english.use("id")
    widget = BeritaAcaraForm(busy_room(), tmp_path, wall=lambda: WALL, clock=lambda: NOW)
    qtbot.addWidget(widget)
    saved = widget.draft_path
    (tmp_path / "full").write_text("a file where the folder should be")
    widget.draft_path = tmp_path / "full" / "berita-acara-S1.json"  # a real OS refusal
    with caplog.at_level(logging.WARNING, "ujikom.console"):
        type_into(qtbot, widget, {"proctor1.name": "Ani"})  # a save on every keystroke
    assert widget.notice.isVisibleTo(widget)
    assert widget.notice.text() == ("Draf tidak tersimpan: berkas atau folder yang diperlukan "
                                    "tidak ada: periksa nama dan tempatnya")
    _no_english(widget.notice, "Not a directory")
    assert caplog.text.count("Not a directory") == 1
    widget.draft_path = saved  # the disk has room again: the next keystroke saves
    type_into(qtbot, widget, {"proctor1.name": "Ani Suryani"})
    assert not widget.notice.isVisibleTo(widget)
    assert "Ani Suryani" in saved.read_text()


def test_opening_when_the_pc_checks_cannot_be_read_is_said_in_indonesian(
        qtbot: Any, make_window: Make) -> None:
    fake = PreflightFake()
    window = make_window(preflight=fake)
    panel = window.preflight
    assert panel is not None

    def silent() -> Any:
        raise TimeoutError

    fake.preflight = silent  # type: ignore[method-assign]
    qtbot.mouseClick(panel.open_button, Qt.MouseButton.LeftButton)
    assert panel.feedback.text() == ("Sesi tetap tertutup: server lab di PC ini tidak "
                                     "menjawab: coba lagi, atau mulai ulang konsol")
    assert fake.opened_with == []
    window.refresh()  # the room's refresh meets the same silence: words, no exception
    assert window.feedback.text().startswith("Ruang tidak terbarui: server lab")
    window.use_language("en")  # re-wording the PC checks meets it too: no exception
    assert window.lang_en.isChecked()
