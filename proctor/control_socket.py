"""The running lab server's local control channel: what `ujikom proctor control` and
`ujikom proctor status` talk to.

A Unix socket in the proctor's state folder (``control.sock``), created 0600 and checked
on every connection with the kernel's peer credentials (SO_PEERCRED): only the user who
runs `proctor serve` (or the console) can drive it, with nothing listening on the
network and no extra secret to keep. Its state folder already holds the wrapped keys,
so whoever can use this socket could read those too. One JSON request a line, one JSON
answer a line (`proctor.cli.control_request`), the same as ``--control-stdin``.
"""

from __future__ import annotations

import contextlib
import json
import os
import socket
import struct
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

SOCKET_NAME = "control.sock"
MAX_REQUEST = 64 * 1024
TIMEOUT_S = 30.0

Handler = Callable[[dict[str, Any]], dict[str, Any]]


class ControlError(Exception):
    """No server answers on the socket, or it answered with something that is not JSON."""


def socket_path(state_dir: Path) -> Path:
    return Path(state_dir) / SOCKET_NAME


def _peer_uid(conn: socket.socket) -> int | None:
    """The connecting process's user id (Linux); None where the kernel cannot say."""
    option = getattr(socket, "SO_PEERCRED", None)
    if option is None:
        return None
    raw = conn.getsockopt(socket.SOL_SOCKET, option, struct.calcsize("3i"))
    _pid, uid, _gid = struct.unpack("3i", raw)
    return int(uid)


class ControlSocket:
    """Serves `handle` on the state folder's socket from a daemon thread."""

    def __init__(self, state_dir: Path, handle: Handler) -> None:
        self.path = socket_path(state_dir)
        self._handle = handle
        self._sock: socket.socket | None = None
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        """Listen; OSError when another server already answers here."""
        if self.path.exists() or self.path.is_symlink():
            with contextlib.suppress(ControlError):
                ask(self.path, {"do": "ping"}, timeout=2.0)
                raise OSError(f"{self.path}: another lab server is running on this folder")
            self.path.unlink()  # left behind by a server that was killed
        sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        old = os.umask(0o177)  # created 0600: never a moment open to others
        try:
            sock.bind(str(self.path))
        finally:
            os.umask(old)
        os.chmod(self.path, 0o600)
        sock.listen(8)
        self._sock = sock
        self._thread = threading.Thread(target=self._serve, name="proctor-control",
                                        daemon=True)
        self._thread.start()

    def close(self) -> None:
        sock, self._sock = self._sock, None
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()
            with contextlib.suppress(FileNotFoundError):
                self.path.unlink()

    def _serve(self) -> None:
        while self._sock is not None:
            try:
                conn, _ = self._sock.accept()
            except OSError:
                return
            threading.Thread(target=self._one, args=(conn,), daemon=True).start()

    def _one(self, conn: socket.socket) -> None:
        with conn:
            conn.settimeout(TIMEOUT_S)
            uid = _peer_uid(conn)
            if uid is not None and uid != os.getuid():
                _send(conn, {"ok": False, "error": "not the lab server's user"})
                return
            try:
                request = json.loads(_read_line(conn))
                if not isinstance(request, dict):
                    raise ValueError("a request is a JSON object")
                reply = self._handle(request)
            except Exception as exc:  # a bad request is answered, never fatal
                reply = {"ok": False, "error": str(exc)}
            with contextlib.suppress(OSError):
                _send(conn, reply)


def _read_line(conn: socket.socket) -> bytes:
    data = b""
    while not data.endswith(b"\n"):
        chunk = conn.recv(4096)
        if not chunk:
            break
        data += chunk
        if len(data) > MAX_REQUEST:
            raise ValueError(f"a request is at most {MAX_REQUEST} bytes")
    return data


def _send(conn: socket.socket, reply: dict[str, Any]) -> None:
    conn.sendall(json.dumps(reply, ensure_ascii=False).encode("utf-8") + b"\n")


def ask(path: Path, request: dict[str, Any], timeout: float = TIMEOUT_S) -> dict[str, Any]:
    """Send one request to the server on `path`; its answer. ControlError when no server
    runs there."""
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as conn:
            conn.settimeout(timeout)
            conn.connect(str(path))
            # A server that refuses answers before reading the request and closes: the
            # send may then break, while its answer is waiting to be read.
            with contextlib.suppress(BrokenPipeError, ConnectionResetError):
                conn.sendall(json.dumps(request, ensure_ascii=False).encode("utf-8") + b"\n")
            data = _read_line(conn)
    except (FileNotFoundError, ConnectionRefusedError):
        raise ControlError(f"{path}: no lab server runs on this folder (start `ujikom "
                           "proctor serve` or the console first)") from None
    except OSError as exc:
        raise ControlError(f"{path}: {exc.strerror or exc}") from None
    try:
        answer = json.loads(data)
    except ValueError:
        raise ControlError(f"{path}: the server's answer is not JSON") from None
    if not isinstance(answer, dict):
        raise ControlError(f"{path}: the server's answer is not a JSON object")
    return answer
