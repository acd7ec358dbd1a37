"""`ujikom proctor init|enroll-code|serve` as a user runs them (serve as a real process)."""

from __future__ import annotations

import asyncio
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from exam_bank.crypto.examkey import read_exam_key
from exam_bank.wire import enroll
from exam_bank.wire import protocol as P
from exam_bank.wire.tls import enrollment_client_context
from proctor.lab import open_lab
from tests.proctor.conftest import KEY_PASS, Exam
from tests.proctor.kit import FakeKiosk, kiosk_identity
from ujikom.cli import main as ujikom

PROCTOR_PASS = "proctor-cli-passphrase"
ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture
def env(monkeypatch: pytest.MonkeyPatch) -> dict[str, str]:
    monkeypatch.setenv("UJIKOM_PROCTOR_PASSPHRASE", PROCTOR_PASS)
    monkeypatch.setenv("UJIKOM_EXAM_KEY_PASSPHRASE", KEY_PASS)
    return {**os.environ, "PYTHONPATH": str(ROOT)}


def _init(state: Path) -> int:
    return ujikom(["proctor", "init", "--dir", str(state), "--lab", "Lab CAT Kota",
                   "--proctor", "Budi Santoso", "--host", "127.0.0.1"])


def test_init_makes_a_lab_whose_secrets_are_not_in_the_clear(
        tmp_path: Path, env: dict[str, str], capsys: pytest.CaptureFixture[str]) -> None:
    state = tmp_path / "state"
    assert _init(state) == 0
    assert "CA fingerprint" in capsys.readouterr().out
    names = {p.name for p in state.iterdir()}
    assert {"lab.toml", "ca.pem", "ca.key", "proctor.pem", "proctor.key", "seal.pem",
            "seal.key", "kiosks"} <= names
    for key_file in ("ca.key", "proctor.key", "seal.key"):
        text = (state / key_file).read_text()
        assert "PRIVATE KEY" not in text and '"scrypt"' in text
        assert (state / key_file).stat().st_mode & 0o077 == 0
    lab = open_lab(state, PROCTOR_PASS.encode())
    assert lab.info.lab_name == "Lab CAT Kota" and lab.info.proctor_name == "Budi Santoso"


def test_init_refuses_to_overwrite_a_lab(tmp_path: Path, env: dict[str, str],
                                         capsys: pytest.CaptureFixture[str]) -> None:
    state = tmp_path / "state"
    assert _init(state) == 0
    before = (state / "ca.pem").read_bytes()
    assert _init(state) != 0
    err = capsys.readouterr().err
    assert str(state) in err and "refusing to overwrite" in err
    assert (state / "ca.pem").read_bytes() == before


def test_a_wrong_passphrase_names_the_key_file(tmp_path: Path, env: dict[str, str],
                                               monkeypatch: pytest.MonkeyPatch,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    state = tmp_path / "state"
    assert _init(state) == 0
    monkeypatch.setenv("UJIKOM_PROCTOR_PASSPHRASE", "not the passphrase")
    assert ujikom(["proctor", "enroll-code", "--dir", str(state)]) != 0
    err = capsys.readouterr().err
    assert "ca.key" in err and "wrong passphrase" in err
    assert "Traceback" not in err


def _serve(state: Path, exam: Exam, env: dict[str, str], *extra: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-m", "ujikom.cli", "proctor", "serve", "--dir", str(state),
         "--package", str(exam.package), "--key", str(exam.key), "--trust", str(exam.trust),
         "--session", "S1", "--host", "127.0.0.1", "--port", "0", "--control-stdin", *extra],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
        env=env, cwd=ROOT)


def _ask(proc: subprocess.Popen[str], request: dict) -> dict:
    assert proc.stdin is not None and proc.stdout is not None
    proc.stdin.write(json.dumps(request) + "\n")
    proc.stdin.flush()
    return json.loads(proc.stdout.readline())


def test_serve_runs_the_lab_for_kiosks_and_takes_scripted_requests(
        tmp_path: Path, exam: Exam, env: dict[str, str]) -> None:
    state = tmp_path / "state"
    assert _init(state) == 0
    proc = _serve(state, exam, env, "--open")
    try:
        assert proc.stdout is not None
        ready = json.loads(proc.stdout.readline())
        assert ready["ready"] and ready["session_open"] and len(ready["token"]) == 6
        # A code made by another process (the CLI) works against the running server.
        code = subprocess.run(
            [sys.executable, "-m", "ujikom.cli", "proctor", "enroll-code", "--dir",
             str(state)], env=env, cwd=ROOT, capture_output=True, text=True, check=True
        ).stdout.strip()
        exam_key = read_exam_key(exam.key, KEY_PASS.encode())
        lab = open_lab(state, PROCTOR_PASS.encode())

        async def kiosk_side() -> None:
            key, request = enroll.make_request("pc-05", code)
            reader, writer = await asyncio.open_connection(
                "127.0.0.1", ready["enroll_port"], ssl=enrollment_client_context(),
                server_hostname=P.PROCTOR_NAME)
            await P.write_message(writer, request)
            reply = await P.read_message(reader, registry=enroll.ENROLL_MESSAGES)
            writer.close()
            assert isinstance(reply, enroll.EnrollReply)
            cert, ca = enroll.check_reply(code, request, reply, key)
            kiosk = await FakeKiosk.connect(ready["port"], ca, cert, key)
            welcome = await kiosk.hello("pc-05", "A5")
            assert isinstance(welcome, P.Welcome)
            assert welcome.exam_id == exam_key.exam_id and welcome.exam_key == exam_key.key
            assert welcome.token == ready["token"]
            await kiosk.send(P.Heartbeat("P001"))  # the candidate signed in here
            answer = await asyncio.to_thread(_ask, proc, {
                "do": "send", "action": "pause", "reason": "gangguan listrik", "by": "Budi",
                "participants": ["P001"]})
            assert answer == {"ok": True}
            control = await kiosk.recv()
            assert isinstance(control, P.Control) and control.command_id == 1
            assert control.reason == "gangguan listrik" and control.participants == ("P001",)
            await kiosk.close()
            FakeKiosk.opened.clear()

        asyncio.run(kiosk_side())
        assert "pc-05" in lab.enrolled()
        bad = _ask(proc, {"do": "send", "action": "pause", "reason": "", "by": "Budi"})
        assert not bad["ok"] and "reason" in bad["error"]
        assert _ask(proc, {"do": "explode"})["ok"] is False
        token = _ask(proc, {"do": "new_token"})["token"]
        assert _ask(proc, {"do": "status"}) == {"ok": True, "session_open": True,
                                               "token": token}
        assert proc.stdin is not None
        proc.stdin.close()  # the driving script is gone: the server stops
        assert proc.wait(20) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        for stream in (proc.stdout, proc.stderr):
            if stream is not None:
                stream.close()


def test_serve_with_a_wrong_session_says_which_sessions_exist(
        tmp_path: Path, exam: Exam, env: dict[str, str],
        capsys: pytest.CaptureFixture[str]) -> None:
    state = tmp_path / "state"
    assert _init(state) == 0
    code = ujikom(["proctor", "serve", "--dir", str(state), "--package", str(exam.package),
                   "--key", str(exam.key), "--trust", str(exam.trust), "--session", "NOPE",
                   "--port", "0"])
    assert code != 0
    err = capsys.readouterr().err
    assert "--session" in err and "S1" in err


def test_console_opens_the_window_on_the_running_server(tmp_path: Path, exam: Exam,
                                                        env: dict[str, str]) -> None:
    state = tmp_path / "state"
    assert _init(state) == 0
    done = subprocess.run(
        [sys.executable, "-m", "ujikom.cli", "proctor", "console", "--dir", str(state),
         "--package", str(exam.package), "--key", str(exam.key), "--trust", str(exam.trust),
         "--session", "S1", "--host", "127.0.0.1", "--port", "0", "--open",
         "--exit-when-ready"],
        env={**env, "QT_QPA_PLATFORM": "offscreen"},
        cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    ready = json.loads(done.stdout.splitlines()[0])
    assert ready["ready"] and ready["session_open"] and ready["port"] > 0


def test_serve_on_a_taken_port_says_so_without_a_traceback(
        tmp_path: Path, exam: Exam, env: dict[str, str],
        capsys: pytest.CaptureFixture[str]) -> None:
    import socket

    state = tmp_path / "state"
    assert _init(state) == 0
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        code = ujikom(["proctor", "serve", "--dir", str(state), "--package",
                       str(exam.package), "--key", str(exam.key), "--trust", str(exam.trust),
                       "--session", "S1", "--host", "127.0.0.1", "--port", str(port)])
    assert code != 0
    err = capsys.readouterr().err
    assert f"127.0.0.1:{port}" in err and "cannot listen" in err


def test_a_killed_server_restarts_with_every_acknowledged_event(
        tmp_path: Path, exam: Exam, env: dict[str, str]) -> None:
    """SIGKILL right after an ack: the ack was only sent after the commit, so the restarted
    process has every acknowledged event, the session and the command counter."""
    from exam_bank.events.chain import EventLog

    state = tmp_path / "state"
    assert _init(state) == 0
    lab = open_lab(state, PROCTOR_PASS.encode())
    exam_key = read_exam_key(exam.key, KEY_PASS.encode())
    package = exam.open()
    pno = package.roster.candidates_in("S1")[0].participant_no
    seat = package.roster.candidate(pno).seat  # the seat plan: the kiosk at their seat
    log = EventLog(exam_key.exam_id, pno)
    log.append("login", {"participant_no": pno}, "2026-11-23T01:00:00+00:00", 0, 1)
    log.append("identity_confirmed", {}, "2026-11-23T01:00:05+00:00", 5000, 1)
    cert, key = kiosk_identity(lab, "pc-07")

    def start() -> tuple[subprocess.Popen[str], dict]:
        proc = _serve(state, exam, env)
        assert proc.stdout is not None
        return proc, json.loads(proc.stdout.readline())

    async def first_run(port: int, proc: subprocess.Popen[str]) -> str:
        kiosk = await FakeKiosk.connect(port, lab.ca.cert, cert, key)
        assert isinstance(await kiosk.hello("pc-07", seat), P.Welcome)
        await kiosk.send(P.Events(pno, 1, tuple(log.events)))
        ack = await kiosk.recv()
        assert isinstance(ack, P.Ack) and ack.seq == 2
        answer = await asyncio.to_thread(_ask, proc, {"do": "open"})
        proc.kill()  # no goodbye, no clean shutdown
        await kiosk.close()
        FakeKiosk.opened.clear()
        return str(answer["token"])

    async def second_run(port: int) -> P.Message:
        kiosk = await FakeKiosk.connect(port, lab.ca.cert, cert, key)
        welcome = await kiosk.hello("pc-07", seat, participants=(pno,))
        await kiosk.close()
        FakeKiosk.opened.clear()
        return welcome

    proc, ready = start()
    try:
        token = asyncio.run(first_run(ready["port"], proc))
        proc.wait(10)
    finally:
        _end(proc)
    proc, ready = start()
    try:
        welcome = asyncio.run(second_run(ready["port"]))
        assert isinstance(welcome, P.Welcome)
        assert welcome.acked == {pno: 2}
        assert welcome.session_open and welcome.token == token
        assert welcome.exam_key == exam_key.key
    finally:
        _end(proc)


def _end(proc: subprocess.Popen[str]) -> None:
    if proc.poll() is None:
        proc.kill()
        proc.wait()
    for stream in (proc.stdin, proc.stdout, proc.stderr):
        if stream is not None:
            stream.close()


def test_kiosks_lists_the_enrolled_ones(tmp_path: Path, env: dict[str, str],
                                        capsys: pytest.CaptureFixture[str]) -> None:
    state = tmp_path / "state"
    assert _init(state) == 0
    capsys.readouterr()
    assert ujikom(["proctor", "kiosks", "--dir", str(state)]) == 0
    assert "no kiosk enrolled" in capsys.readouterr().out
    lab = open_lab(state, PROCTOR_PASS.encode())
    cert, _key = kiosk_identity(lab, "pc-03")
    lab.record_kiosk("pc-03", cert)
    assert ujikom(["proctor", "kiosks", "--dir", str(state), "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["kiosk_id"] for r in rows] == ["pc-03"]
    assert rows[0]["serial"] == format(cert.serial_number, "x")


def test_serve_stops_cleanly_on_sigterm(tmp_path: Path, exam: Exam,
                                        env: dict[str, str]) -> None:
    import signal

    state = tmp_path / "state"
    assert _init(state) == 0
    ready_file = tmp_path / "ready.json"
    proc = subprocess.Popen(
        [sys.executable, "-m", "ujikom.cli", "proctor", "serve", "--dir", str(state),
         "--package", str(exam.package), "--key", str(exam.key), "--trust", str(exam.trust),
         "--session", "S1", "--host", "127.0.0.1", "--port", "0", "--ready-file",
         str(ready_file)],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT)
    try:
        assert proc.stdout is not None
        line = json.loads(proc.stdout.readline())
        assert json.loads(ready_file.read_text()) == line
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(20) == 0
    finally:
        _end(proc)
