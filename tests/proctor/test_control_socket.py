"""The running server's local control channel: only its user, one server per folder."""

from __future__ import annotations

import os
import socket
import stat
import threading
from pathlib import Path

import pytest

from proctor import control_socket
from proctor.control_socket import ControlError, ControlSocket, ask, socket_path


def test_the_socket_is_the_users_alone_and_answers_json(tmp_path: Path) -> None:
    seen: list[dict[str, object]] = []
    server = ControlSocket(tmp_path, lambda request: seen.append(request) or {"ok": True})
    server.start()
    try:
        assert stat.S_IMODE(socket_path(tmp_path).stat().st_mode) == 0o600
        assert ask(socket_path(tmp_path), {"do": "ping"}) == {"ok": True}
        assert seen == [{"do": "ping"}]
        with pytest.raises(OSError, match="another lab server"):
            ControlSocket(tmp_path, lambda r: {"ok": True}).start()
        with socket.socket(socket.AF_UNIX) as raw:  # not JSON: answered, not fatal
            raw.connect(str(socket_path(tmp_path)))
            raw.sendall(b"nonsense\n")
            assert b'"ok": false' in raw.recv(4096)
    finally:
        server.close()
    assert not socket_path(tmp_path).exists()
    with pytest.raises(ControlError, match="no lab server runs"):
        ask(socket_path(tmp_path), {"do": "ping"})


def test_a_socket_left_by_a_killed_server_is_replaced(tmp_path: Path) -> None:
    stale = socket.socket(socket.AF_UNIX)
    stale.bind(str(socket_path(tmp_path)))
    stale.close()  # the file stays, nobody listens
    server = ControlSocket(tmp_path, lambda request: {"ok": True, "fresh": True})
    server.start()
    try:
        assert ask(socket_path(tmp_path), {"do": "ping"})["fresh"] is True
    finally:
        server.close()


def test_another_users_process_is_refused_by_its_kernel_credentials(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The socket file's mode keeps other users out; where it does not (a file system that
    ignores modes, a group-writable folder), the server still asks the kernel who is
    calling (SO_PEERCRED) and refuses anyone but its own user, before reading a byte.
    Here the server runs as "another user" so this process's real uid is the stranger."""
    seen: list[dict[str, object]] = []
    server = ControlSocket(tmp_path, lambda request: seen.append(request) or {"ok": True})
    server.start()
    try:
        real = os.getuid()
        monkeypatch.setattr(control_socket.os, "getuid", lambda: real + 1)
        reply = ask(socket_path(tmp_path), {"do": "close_session", "reason": "x"})
        assert reply == {"ok": False, "error": "not the lab server's user"}
        assert seen == []  # the request never reached the server
    finally:
        monkeypatch.undo()
        server.close()


def test_an_answer_sent_before_the_request_was_read_still_reaches_the_caller(
        tmp_path: Path) -> None:
    """A refusing server answers and closes without reading the request; a caller still
    writing got "Broken pipe" instead of the refusal (seen once in CI on a loaded machine).
    A request larger than the socket's buffer makes the race certain."""
    path = tmp_path / "control.sock"
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as listener:
        listener.bind(str(path))
        listener.listen(1)

        def refuse() -> None:
            conn, _ = listener.accept()
            with conn:
                conn.sendall(b'{"ok": false, "error": "not the lab server\'s user"}\n')

        thread = threading.Thread(target=refuse)
        thread.start()
        reply = ask(path, {"do": "status", "padding": "x" * 4_000_000})
        thread.join()
    assert reply == {"ok": False, "error": "not the lab server's user"}
