"""Held first logins on the console: the proctor sees who waits, on which PC,
where the seat plan puts them and why, and approves or refuses with a reason, against a
real lab server (the same `decide_login` as `ujikom proctor decide --login-on`)."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import Qt

from exam_bank.crypto.examkey import read_exam_key
from exam_bank.events.chain import EventLog
from exam_bank.exam_package import ExamPackage
from exam_bank.wire import protocol as P
from proctor.console.dialogs import CommandDialog, Request
from proctor.console.window import ConsoleWindow
from proctor.lab import Lab
from proctor.replica import Replica
from proctor.room import Room
from proctor.server import ExamSession, LabServer, login_subject
from proctor.service import ProctorService, ServerThread
from tests.proctor.conftest import KEY_PASS, Exam
from tests.proctor.kit import SCRYPT_N, FakeKiosk, connected, make_lab


@dataclass
class Lab_:
    lab: Lab
    package: ExamPackage
    room: Room
    service: ProctorService
    server: LabServer


@pytest.fixture
def lab_server(exam: Exam, tmp_path: Path) -> Iterator[Lab_]:
    key = read_exam_key(exam.key, KEY_PASS.encode())
    package = exam.open()
    lab = make_lab(tmp_path / "state")
    replica = Replica.open(lab.replica_path, lab.replica_key, key.exam_id)
    room = Room(package, "S1")
    people = package.roster.candidates_in("S1")
    session = ExamSession(key.exam_id, "S1", "ab" * 32, key.key,
                          frozenset(c.participant_no for c in people),
                          {c.participant_no: c.seat for c in people if c.seat})
    thread = ServerThread(lambda: LabServer(lab, replica, session, room, scrypt_n=SCRYPT_N),
                          "127.0.0.1", 0, 0)
    server = thread.start()
    try:
        yield Lab_(lab, package, room, ProctorService(thread), server)
    finally:
        thread.stop()
        replica.close()


def _login_away_from_the_plan(running: Lab_, kiosk_id: str, seat: str) -> str:
    """A kiosk at `seat` sends a candidate's valid first login; the server holds it."""
    pno = running.package.roster.candidates_in("S1")[0].participant_no

    async def kiosk_side() -> None:
        await asyncio.to_thread(running.service.open_session)
        kiosk, _welcome = await connected(running.server, running.lab, kiosk_id, seat)
        log = EventLog(running.package.header.exam_id, pno)
        log.append("login", {"participant_no": pno}, "2026-11-23T01:00:00+00:00", 0, 1)
        await kiosk.send(P.Events(pno, 1, tuple(log.events)))
        deadline = asyncio.get_running_loop().time() + 20  # a busy 2-core machine
        while not await asyncio.to_thread(running.service.held_logins):
            assert asyncio.get_running_loop().time() < deadline, "the login was not held"
            await asyncio.sleep(0.02)
        await kiosk.close()
        FakeKiosk.opened.clear()

    asyncio.run(asyncio.wait_for(kiosk_side(), 30))
    return pno


@pytest.fixture
def windows(lab_server: Lab_) -> Iterator[list[ConsoleWindow]]:
    """Deleted before the server stops: a window left alive would still answer the next
    test's language change by asking this (stopped) server for its token."""
    made: list[ConsoleWindow] = []
    yield made
    for window in made:
        window.close()
        shiboken6.delete(window)


def _window(qtbot, running: Lab_, tmp_path: Path, reason: str,  # type: ignore[no-untyped-def]
            made: list[ConsoleWindow]) -> ConsoleWindow:
    def ask(dialog: CommandDialog) -> Request | None:
        # The real dialog, driven as the proctor would: type, click the button.
        dialog.reason.setText(reason)
        dialog.by.setText("Bu Ani")
        qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
        ask.dialogs.append(dialog)  # type: ignore[attr-defined]
        return dialog.request

    ask.dialogs = []  # type: ignore[attr-defined]
    window = ConsoleWindow(running.room, running.service, tmp_path / "console",
                           refresh_ms=0, ask=ask)
    window.asked = ask.dialogs  # type: ignore[attr-defined]
    made.append(window)
    window.use_language("en")
    return window


def test_a_held_login_shows_and_is_approved_with_a_reason(  # type: ignore[no-untyped-def]
        qtbot, lab_server: Lab_, windows: list[ConsoleWindow], tmp_path: Path) -> None:
    pno = _login_away_from_the_plan(lab_server, "pc-77", "Z9")
    window = _window(qtbot, lab_server, tmp_path, "PC di kursi rencana rusak",
                     windows)
    window.show()
    window.refresh()
    banner = window.held_banner
    assert banner.isVisible()
    assert "Logins waiting for your decision: 1" in banner.title.text()
    planned = lab_server.package.roster.candidate(pno).seat
    row = banner.rows[0][0]
    line = banner.describe(row, planned)
    assert pno in line and "pc-77" in line and "Z9" in line and planned in line
    window.select_seat(planned)  # the candidate's seat: its detail says it too
    assert window.detail.held.isVisible() and "pc-77" in window.detail.held.text()
    window.use_language("id")  # Indonesian first: the rows are re-worded
    assert banner.rows[0][1].text() == "Setujui" and banner.rows[0][2].text() == "Tolak"
    assert "Login menunggu keputusan Anda: 1" in banner.title.text()
    window.use_language("en")
    approve = banner.findChild(type(banner.rows[0][1]), f"approve_{pno}_pc-77")
    qtbot.mouseClick(approve, Qt.MouseButton.LeftButton)
    assert lab_server.service.held_logins() == []
    decision = lab_server.server.replica.decision(pno, login_subject("pc-77"))
    assert decision is not None and decision.accepted
    assert (decision.reason, decision.by) == ("PC di kursi rencana rusak", "Bu Ani")
    assert not banner.isVisible() and not window.detail.held.isVisible()
    assert "approved" in window.feedback.text()


def test_refusing_needs_a_reason_and_then_refuses(  # type: ignore[no-untyped-def]
        qtbot, lab_server: Lab_, windows: list[ConsoleWindow], tmp_path: Path) -> None:
    pno = _login_away_from_the_plan(lab_server, "pc-78", "Z8")
    window = _window(qtbot, lab_server, tmp_path, "   ", windows)
    window.show()
    window.refresh()
    refuse = window.held_banner.rows[0][2]
    qtbot.mouseClick(refuse, Qt.MouseButton.LeftButton)
    dialog = window.asked[0]  # type: ignore[attr-defined]
    assert dialog.request is None and "reason" in dialog.error.text()
    assert len(lab_server.service.held_logins()) == 1  # nothing decided without a reason
    assert lab_server.server.replica.decision(pno, login_subject("pc-78")) is None

    def ask(dialog: CommandDialog) -> Request | None:
        dialog.reason.setText("peserta tidak di ruangan")
        dialog.by.setText("Bu Ani")
        qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
        return dialog.request

    window._ask = ask
    qtbot.mouseClick(refuse, Qt.MouseButton.LeftButton)
    decision = lab_server.server.replica.decision(pno, login_subject("pc-78"))
    assert decision is not None and not decision.accepted
    assert decision.reason == "peserta tidak di ruangan"
    assert lab_server.service.held_logins() == []
    assert "refused" in window.feedback.text()


def test_the_reason_travels_as_a_code_the_shell_and_console_word(  # type: ignore[no-untyped-def]
        qtbot, lab_server: Lab_, windows: list[ConsoleWindow], tmp_path: Path) -> None:
    from proctor.cli_day import held_lines, room_json

    pno = _login_away_from_the_plan(lab_server, "pc-79", "Z7")
    planned = lab_server.package.roster.candidate(pno).seat
    status = room_json(lab_server.room.snapshot(0), lab_server.service)  # status --json
    [held] = status["held"]
    assert held["reasons"] == [{"code": "off_plan", "planned": planned, "seat": "Z7"}]
    assert held_lines(status["held"]) == [
        f"held login: {pno} on pc-79 at seat Z7: the seat plan puts {pno} at {planned}, this "
        f"kiosk is at Z7 (ujikom proctor decide ... --participant {pno} --login-on pc-79 "
        "--accept|--reject --reason ...)"]
    window = _window(qtbot, lab_server, tmp_path, "PC rusak", windows)
    window.use_language("id")
    window.refresh()
    line = window.held_banner.grid.itemAtPosition(1, 0).widget().text()
    assert line == (f"{pno} di PC pc-79 kursi Z7: menurut denah kursi tempatnya di "
                    f"{planned}, PC ini di Z7")


def test_deciding_from_the_shell_says_why_the_login_was_held(
        lab_server: Lab_, exam: Exam, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    from proctor.cli import control_request
    from proctor.control_socket import ControlSocket
    from tests.proctor.kit import PASS
    from ujikom.cli import main as ujikom

    pno = _login_away_from_the_plan(lab_server, "pc-80", "Z6")
    planned = lab_server.package.roster.candidate(pno).seat
    state = lab_server.lab.dir
    control = ControlSocket(state, lambda request: control_request(lab_server.service,
                                                                   request, state))
    control.start()
    monkeypatch.setenv("UJIKOM_PROCTOR_PASSPHRASE", PASS.decode())
    try:
        code = ujikom(["proctor", "decide", "--dir", str(state), "--package",
                       str(exam.package), "--key", str(exam.key), "--trust", str(exam.trust),
                       "--session", "S1", "--participant", pno, "--login-on", "pc-80",
                       "--accept", "--reason", "PC di kursinya rusak", "--by", "Bu Ani"])
    finally:
        control.close()
    assert code == 0
    assert capsys.readouterr().out.strip() == (
        f"{pno}: login on pc-80 approved (it was held: the seat plan puts {pno} at "
        f"{planned}, this kiosk is at Z6)")
    assert lab_server.service.held_logins() == []
