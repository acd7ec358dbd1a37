"""Each seat's preflight at the proctor: a kiosk's `ujikom doctor` report arrives over the
real lab link, a failing seat keeps the session shut until the proctor records a reason,
and the welcome gives kiosks the proctor's clock."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization

from exam_bank.ids import SessionId
from exam_bank.preflight import Check, Status
from exam_bank.record.words import sentence
from exam_bank.wire import protocol as P
from exam_bank.wire.tls import write_key_file
from proctor.cli import control_request
from proctor.lab import Lab
from proctor.preflight import PreflightRefused
from proctor.replica import Replica
from proctor.server import LabServer
from proctor.service import ProctorService, ServerThread
from tests.proctor.kit import (
    EXAM_ID,
    SCRYPT_N,
    RecordingRoom,
    connected,
    exam_session,
    kiosk_identity,
    make_lab,
    run,
    serving,
)

PASSED = Check("disk", Status.PASS, "Ruang kosong 40.000 MB", "40,000 MB free")
ANYDESK = Check("remote_access", Status.FAIL, "AnyDesk BERJALAN", "AnyDesk is RUNNING")


def report(*checks: Check) -> P.Preflight:
    return P.Preflight("lab1-pc07", "2026-12-07T07:00:00+07:00", "0.1.0", checks)


@pytest.fixture
def lab(tmp_path: Path) -> Lab:
    return make_lab(tmp_path / "state")


def test_a_failing_seat_keeps_the_session_shut_until_a_reason_is_recorded(lab: Lab) -> None:
    room = RecordingRoom()

    async def scenario() -> None:
        async with serving(lab, room) as server:
            before = time.time_ns() // 1_000_000
            pc07, welcome = await connected(server, lab, "pc-07", "A7")
            assert welcome.wall_ms is not None and abs(welcome.wall_ms - before) < 5_000
            await pc07.send(report(PASSED, ANYDESK))
            pc08, _ = await connected(server, lab, "pc-08", "A8")
            await pc08.send(report(PASSED))
            await _until(lambda: len(server.preflight.reports()) == 2)
            [failing] = server.preflight.failing()
            assert (failing.seat, failing.kiosk_id) == ("A7", "pc-07")
            assert failing.problems() == (ANYDESK,)
            with pytest.raises(PreflightRefused, match="A7"):
                server.open_session()
            with pytest.raises(PreflightRefused):
                server.open_session("   ")
            assert not server.session.opened
            server.open_session("AnyDesk dihapus, pemeriksaan ulang", "Sari Dewi")
            assert server.session.opened
            [action] = [a for a in room.actions if a.kind == "preflight_override"]
            assert (action.seat, action.by) == ("A7 (pc-07)", "Sari Dewi")
            assert action.reason == "AnyDesk dihapus, pemeriksaan ulang"

    run(scenario())
    with Replica.open(lab.replica_path, lab.replica_key, EXAM_ID) as replica:
        [kept] = replica.actions("S1")
        assert (kept.kind, kept.by) == ("preflight_override", "Sari Dewi")
        assert "oleh Sari Dewi; alasan: AnyDesk dihapus" in sentence(kept.entry())


def test_a_pc_fixed_and_checked_again_no_longer_blocks(lab: Lab) -> None:
    async def scenario() -> None:
        async with serving(lab) as server:
            pc07, _ = await connected(server, lab, "pc-07", "A7")
            await pc07.send(report(ANYDESK))
            await _until(lambda: bool(server.preflight.failing()))
            await pc07.send(report(PASSED))  # the latest report counts
            await _until(lambda: not server.preflight.failing())
            server.open_session()
            assert server.session.opened

    run(scenario())


async def _until(condition, timeout: float = 5.0) -> None:
    import asyncio

    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "condition not met in time"
        await asyncio.sleep(0.01)


@dataclass
class Running:
    lab: Lab
    service: ProctorService
    server: LabServer


@pytest.fixture
def running(lab: Lab) -> Iterator[Running]:
    replica = Replica.open(lab.replica_path, lab.replica_key, EXAM_ID)
    thread = ServerThread(lambda: LabServer(lab, replica, exam_session(), RecordingRoom(),
                                            scrypt_n=SCRYPT_N), "127.0.0.1", 0, 0)
    server = thread.start()
    try:
        yield Running(lab, ProctorService(thread), server)
    finally:
        thread.stop()
        replica.close()


def enrolled_kiosk(lab: Lab, folder: Path, port: int, kiosk_id: str, seat: str) -> Path:
    """The files `ujikom kiosk enroll` writes, and a kiosk.toml pointing at them."""
    cert, key = kiosk_identity(lab, kiosk_id)
    folder.mkdir(parents=True)
    write_key_file(folder / "kiosk.key", key, kiosk_id, b"kiosk-pass", scrypt_n=SCRYPT_N)
    pem = serialization.Encoding.PEM
    (folder / "kiosk.crt").write_bytes(cert.public_bytes(pem))
    (folder / "ca.crt").write_bytes(lab.ca.cert.public_bytes(pem))
    config = folder / "kiosk.toml"
    config.write_text(f'[proctor]\naddress = "127.0.0.1:{port}"\nkiosk_id = "{kiosk_id}"\n'
                      f'seat = "{seat}"\ndir = "."\n')
    return config


def test_the_doctor_compares_clocks_and_hands_its_report_to_the_console(
        running: Running, tmp_path: Path) -> None:
    config = enrolled_kiosk(running.lab, tmp_path / "kiosk", running.server.port, "pc-07",
                            "A7")
    env = {**os.environ, "UJIKOM_KIOSK_KEY_PASSPHRASE": "kiosk-pass"}
    out = subprocess.run([sys.executable, "-m", "ujikom.cli", "doctor", "--config",
                          str(config), "--json"], capture_output=True, text=True, env=env,
                         timeout=60, check=False)
    printed = json.loads(out.stdout)
    checks = {c["check"]: c for c in printed["checks"]}
    assert checks["clock"]["status"] == "pass", checks["clock"]
    assert "behind" in checks["clock"]["detail_en"] or "ahead" in checks["clock"]["detail_en"]
    assert checks["enrollment"]["status"] == "pass", checks["enrollment"]
    assert (printed["kiosk_id"], printed["seat"]) == ("pc-07", "A7")
    reports, summary = running.service.preflight()
    [seen] = reports
    assert (seen.kiosk_id, seen.seat, str(seen.status)) == ("pc-07", "A7", printed["status"])
    assert [c.check for c in seen.checks] == [c["check"] for c in printed["checks"]]
    assert summary.passed + summary.warned + summary.failed == 1
    # the command-line twin of the console's preflight panel
    listed = control_request(running.service, {"do": "preflight"})
    assert listed["ok"] and listed["seats"][0]["kiosk_id"] == "pc-07"


def test_the_command_line_twin_refuses_to_open_over_a_failing_seat(running: Running) -> None:
    board = running.server.preflight
    running.service._thread.call(board.received, "pc-09", "B2", report(ANYDESK))
    refused = control_request(running.service, {"do": "open"})
    assert refused["ok"] is False and refused["failing"][0]["seat"] == "B2"
    assert not running.service.session_open
    opened = control_request(running.service, {"do": "open", "by": "Sari",
                                               "reason": "PC B2 tidak dipakai"})
    assert opened["ok"] is True and running.service.session_open


def test_proctor_status_carries_the_room_preflight(running: Running) -> None:
    from proctor.cli_day import preflight_json

    board = running.server.preflight
    running.service._thread.call(board.received, "pc-09", "B2", report(PASSED, ANYDESK))
    running.service._thread.call(board.received, "pc-10", "B3", report(PASSED))
    status = preflight_json(running.service)
    assert (status["passed"], status["warned"], status["failed"]) == (1, 0, 1)
    assert [s["seat"] for s in status["seats"]] == ["B2", "B3"]
    assert status["seats"][0]["checks"][1]["detail_en"] == "AnyDesk is RUNNING"


def test_the_command_line_records_who_and_why_for_session_actions_and_decisions(
        running: Running) -> None:
    """`--control-stdin` / the control socket (what `proctor control` and `proctor
    decide` send): each action is kept with its name and reason; a quit code or a
    decision without a reason is refused with a clear message, nothing kept."""
    def ask(**request: object) -> dict[str, object]:
        try:
            return control_request(running.service, request)
        except ValueError as exc:  # the socket and stdin answer it as an error
            return {"ok": False, "error": str(exc)}

    assert ask(do="open", by="Sari", reason="")["ok"]
    assert ask(do="new_token", by="Sari", reason="token terlihat")["ok"]
    refused = ask(do="quit_code", participant_no="P001", by="Sari", reason=" ")
    assert not refused["ok"] and "reason: required" in str(refused["error"])
    assert ask(do="quit_code", participant_no="P001", by="Sari", reason="PC hang")["ok"]
    refused = ask(do="decide_log", participant_no="P002", accept=False, by="Budi", reason="")
    assert not refused["ok"] and "a decision needs a reason" in str(refused["error"])
    assert ask(do="decide_log", participant_no="P002", accept=False, by="Budi",
               reason="bukan peserta")["ok"]
    assert ask(do="close", by="Sari", reason="sesi selesai")["ok"]
    room = running.server.room
    assert isinstance(room, RecordingRoom)
    assert [(a.kind, a.participant_no, a.by, a.reason) for a in room.actions] == [
        ("session_opened", None, "Sari", ""), ("token_renewed", None, "Sari", "token terlihat"),
        ("quit_code_shown", "P001", "Sari", "PC hang"),
        ("log_rejected", "P002", "Budi", "bukan peserta"),
        ("session_closed", None, "Sari", "sesi selesai")]
    kept = running.server.replica.actions(SessionId("S1"))
    assert [a.kind for a in kept] == [a.kind for a in room.actions]
