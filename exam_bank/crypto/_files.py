"""Small file helpers shared by the key files and the package container."""

from __future__ import annotations

import contextlib
import json
import os
from pathlib import Path
from typing import Any

from exam_bank.problems import InputError, Problem
from exam_bank.strictjson import STRICT


def fail(where: Path | str, message: str, **place: Any) -> InputError:
    """An InputError with one problem, ready to raise."""
    return InputError([Problem(str(where), message, **place)])


def read_small(path: Path, limit: int, what: str) -> bytes:
    """Read a whole small file; one larger than `limit` is refused, never read whole."""
    try:
        with open(path, "rb") as f:
            size = os.fstat(f.fileno()).st_size
            data = f.read(limit + 1)
    except OSError as exc:
        raise fail(path, f"cannot read: {exc.strerror or exc}") from None
    if max(size, len(data)) > limit:
        raise fail(path, f"too large for {what} ({max(size, len(data))} bytes, limit {limit})")
    return data


def write_new_file(path: Path, data: bytes, mode: int) -> None:
    """Create `path` holding `data` with permissions `mode`; never replace a file.

    O_EXCL makes the no-overwrite check and the creation one step, and works on the
    FAT-formatted USB sticks that key files travel on (unlike link-based tricks).
    """
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags, mode)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        # os.open applied the umask; set the exact mode (only ever narrower, e.g. 0600).
        os.chmod(path, mode)
    except BaseException:
        with contextlib.suppress(OSError):
            path.unlink()
        raise


def load_json_object(raw: bytes, where: str, what: str = "") -> dict[str, Any]:
    """Parse strict JSON (UTF-8, no duplicate keys, no NaN) whose top level is an object.

    `what` prefixes each message, e.g. "header.json: ", when `where` is a container.
    """
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise fail(where, f"{what}not UTF-8 (byte {exc.start})") from None
    try:
        data = STRICT.decode(text)
    except json.JSONDecodeError as exc:
        if what:  # a member of a container: its lines are not lines of the file
            raise fail(where, f"{what}JSON syntax: {exc.msg} (line {exc.lineno})") from None
        raise fail(where, f"JSON syntax: {exc.msg}", line=exc.lineno) from None
    except (ValueError, RecursionError) as exc:
        raise fail(where, f"{what}JSON: {exc}") from None
    if not isinstance(data, dict):
        raise fail(where, f"{what}expected a JSON object at the top level")
    return data
