"""`ujikom kiosk enroll` against the real proctor server in-process: a right code makes a
kiosk that then links with mutual TLS; a wrong code trusts nothing and writes nothing."""

from __future__ import annotations

import argparse
import asyncio
import secrets
import socket
from collections.abc import Iterator
from pathlib import Path

import pytest

from exam_bank.cliutil import ExitCode
from exam_bank.wire.enroll import EnrollError
from kiosk.engine import FakeClock
from kiosk.link import link_config, open_link
from kiosk.link.config import KEY_PASSPHRASE_ENV
from kiosk.link.enroll import add_enroll_arguments, enroll, run_enroll
from proctor.lab import init_lab
from proctor.replica import Replica
from proctor.server import ExamSession, LabServer
from proctor.service import NullRoom, ServerThread

PASS = b"kiosk-key-passphrase"


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[ServerThread, LabServer]]:
    lab = init_lab(tmp_path / "proctor", "Lab", "Pengawas", b"proctor-passphrase",
                   scrypt_n=2**10)
    replica = Replica.open(lab.replica_path, lab.replica_key, "EXAM-1")
    exam = ExamSession("EXAM-1", "S1", "0" * 64, secrets.token_bytes(32))
    thread = ServerThread(lambda: LabServer(lab, replica, exam, NullRoom()), "127.0.0.1", 0, 0)
    srv = thread.start()
    yield thread, srv
    thread.stop()
    replica.close()


def test_enrolled_kiosk_links_with_mutual_tls(server: tuple[ServerThread, LabServer],
                                              tmp_path: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    thread, srv = server
    code = thread.call(srv.issue_code)
    folder = tmp_path / "kiosk"
    asyncio.run(enroll("127.0.0.1", srv.enroll_port, code.lower(), "PC-07", folder, PASS))
    key_text = (folder / "kiosk.key").read_text()
    assert "PRIVATE KEY" not in key_text  # wrapped, never PEM in the clear
    with pytest.raises(EnrollError, match="already enrolled"):
        asyncio.run(enroll("127.0.0.1", srv.enroll_port, code, "PC-07", folder, PASS))

    monkeypatch.setenv(KEY_PASSPHRASE_ENV, PASS.decode())
    thread.call(srv.open_session)
    config = link_config({"address": f"127.0.0.1:{srv.port}", "kiosk_id": "PC-07",
                          "seat": "B2", "dir": str(folder)})
    kiosk = open_link(config, FakeClock())
    try:
        status = kiosk.start(10)
        assert status.session_open and status.exam_id == "EXAM-1"
        assert status.exam_key is not None and status.token
        assert thread.call(lambda: srv.connected) == {"PC-07": "B2"}
    finally:
        kiosk.close()


def test_a_wrong_code_is_refused_and_nothing_is_written(
        server: tuple[ServerThread, LabServer], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    thread, srv = server
    thread.call(srv.issue_code)
    monkeypatch.setenv(KEY_PASSPHRASE_ENV, PASS.decode())
    parser = argparse.ArgumentParser()
    add_enroll_arguments(parser)
    folder = tmp_path / "kiosk"
    args = parser.parse_args(["--proctor", f"127.0.0.1:{srv.enroll_port}", "--code",
                              "00000-00000", "--dir", str(folder), "--kiosk-id", "PC-08"])
    assert run_enroll(args) == ExitCode.INPUT_ERROR
    assert "enrollment failed" in capsys.readouterr().err
    assert not folder.exists() or not any(folder.iterdir())
    args = parser.parse_args(["--proctor", "no-port", "--code", "x", "--dir", str(folder)])
    assert run_enroll(args) == ExitCode.USAGE
    assert "--proctor" in capsys.readouterr().err


def _free_udp_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_a_kiosk_set_to_discover_finds_its_own_labs_proctor_by_the_beacon(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    beacon_port = _free_udp_port()
    lab = init_lab(tmp_path / "proctor", "Lab", "Pengawas", b"proctor-passphrase",
                   scrypt_n=2**10)
    replica = Replica.open(lab.replica_path, lab.replica_key, "EXAM-1")
    exam = ExamSession("EXAM-1", "S1", "0" * 64, secrets.token_bytes(32))
    thread = ServerThread(lambda: LabServer(lab, replica, exam, NullRoom()), "127.0.0.1", 0,
                          0, ("127.0.0.1", beacon_port))
    srv = thread.start()
    try:
        code = thread.call(srv.issue_code)
        folder = tmp_path / "kiosk"
        asyncio.run(enroll("127.0.0.1", srv.enroll_port, code, "PC-09", folder, PASS))
        monkeypatch.setenv(KEY_PASSPHRASE_ENV, PASS.decode())
        thread.call(srv.open_session)
        config = link_config({"address": "discover", "kiosk_id": "PC-09", "seat": "C1",
                              "dir": str(folder), "beacon_port": beacon_port})
        kiosk = open_link(config, FakeClock())
        try:
            status = kiosk.start(15)
            assert status.session_open and status.exam_id == "EXAM-1"
            assert (kiosk.link.host, kiosk.link.port) == ("127.0.0.1", srv.port)
        finally:
            kiosk.close()
    finally:
        thread.stop()
        replica.close()


def test_each_setup_mistake_is_named_not_blamed_on_the_network(
        server: tuple[ServerThread, LabServer], tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    """A missing passphrase file once read "cannot reach the proctor"."""
    thread, srv = server
    code = thread.call(srv.issue_code)
    monkeypatch.delenv(KEY_PASSPHRASE_ENV, raising=False)
    parser = argparse.ArgumentParser()
    add_enroll_arguments(parser)

    def run(*extra: str, folder: Path = tmp_path / "kiosk",
            port: int = srv.enroll_port) -> str:
        args = parser.parse_args(["--proctor", f"127.0.0.1:{port}", "--code", code,
                                  "--dir", str(folder), "--kiosk-id", "PC-09", *extra])
        assert run_enroll(args) == ExitCode.INPUT_ERROR
        return capsys.readouterr().err

    missing = tmp_path / "tidak-ada.txt"
    err = run("--passphrase-file", str(missing))
    assert str(missing) in err and "passphrase file" in err and "reach" not in err
    secret = tmp_path / "pass.txt"
    secret.write_text(PASS.decode() + "\n")
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    err = run("--passphrase-file", str(secret), folder=blocked)
    assert str(blocked) in err and "cannot write" in err and "reach" not in err
    with socket.socket() as closed:
        closed.bind(("127.0.0.1", 0))
        dead = closed.getsockname()[1]
    err = run("--passphrase-file", str(secret), port=dead)
    assert "cannot reach the proctor" in err
    # none of those spent the code
    args = parser.parse_args(["--proctor", f"127.0.0.1:{srv.enroll_port}", "--code", code,
                              "--dir", str(tmp_path / "kiosk"), "--kiosk-id", "PC-09",
                              "--passphrase-file", str(secret)])
    assert run_enroll(args) == 0
