"""The exam's next session on the same proctor folder, as a lab runs the afternoon after
the morning: `proctor serve --session S2` and `proctor status` know nothing of S1's
incidents, before and after a restart; S1's record keeps its own."""

from __future__ import annotations

import json
import socket
from pathlib import Path
from typing import Any

import pytest

from tests.e2e.conftest import Exam, Proctor
from ujikom.cli import main as ujikom

pytestmark = pytest.mark.slow


def _status(capsys: pytest.CaptureFixture[str], state: Path, session: str
            ) -> tuple[int, dict[str, Any], str]:
    capsys.readouterr()  # what came before (`proctor init`)
    code = ujikom(["proctor", "status", "--dir", str(state), "--session", session, "--json"])
    out, err = capsys.readouterr()
    return code, json.loads(out) if code == 0 else {}, err


def _not_tls(port: int) -> None:
    """A machine on the LAN that does not speak TLS: refused, an incident."""
    with socket.create_connection(("127.0.0.1", port), timeout=5) as sock:
        sock.sendall(b"GET / HTTP/1.0\r\n\r\n")
        sock.recv(100)


def test_the_afternoon_server_shows_none_of_the_mornings_incidents(
        exam: Exam, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    state = tmp_path / "proctor"
    morning = Proctor(exam, state, "S1").start()
    try:
        _not_tls(morning.port)
        assert morning.refusals("tls_refused", 1) == 1
        code, room, err = _status(capsys, state, "S1")
        # The feed's lines: the refusal and the proctor's opening of S1 (`--open`).
        assert code == 0 and room["incidents"] == 2, err
    finally:
        morning.stop()
    for _restart in range(2):  # the afternoon's console started, then restarted
        afternoon = Proctor(exam, state, "S2").start()
        try:
            code, room, err = _status(capsys, state, "S2")
            assert code == 0, err
            # Only the opening of S2 (once: a restart opens nothing again).
            assert room["session"] == "S2" and room["incidents"] == 1
            code, _room, err = _status(capsys, state, "S1")  # not what this server runs
            assert code != 0 and "S2" in err
        finally:
            afternoon.stop()
    with morning._replica() as replica:
        assert [i.kind for i in replica.incidents("S1")] == ["tls_refused"]
        assert replica.incidents("S2") == []
