"""Writing files so that a crash leaves either the old file or the new one, never half;
reading a file from outside no larger than its kind allows."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path


def atomic_write(path: Path, data: bytes | Iterable[bytes], mode: int | None = None) -> None:
    """Write `data` (bytes, or chunks of it) to `path` through a synced temp file and an
    atomic rename; `mode` sets the permissions before any byte is written (default 0600,
    the temporary file's). Folders it has to make are owner-only (0700)."""
    if not path.parent.exists():
        private_dir(path.parent)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        if mode is not None:
            os.fchmod(fd, mode)
        with os.fdopen(fd, "wb") as f:
            for chunk in [data] if isinstance(data, bytes) else data:
                f.write(chunk)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    _fsync_directory(path.parent)


def _fsync_directory(directory: Path) -> None:
    """Make the rename itself durable (POSIX only: Windows cannot open a directory)."""
    if os.name != "posix":
        return
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def create_private(path: Path) -> None:
    """Make sure `path` exists and only its owner can read or write it (0600), whatever
    the umask: for files another program (SQLite) then writes into."""
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | getattr(os, "O_BINARY", 0), 0o600)
    try:
        os.fchmod(fd, 0o600) if hasattr(os, "fchmod") else os.chmod(path, 0o600)
    finally:
        os.close(fd)


def private_dir(path: Path) -> Path:
    """`path` made (with any missing parents) owner-only (0700), whatever the umask: for
    folders of personal data (reports, grading sheets, exam cards, stores)."""
    missing = []
    folder = path
    while not folder.exists():
        missing.append(folder)
        folder = folder.parent
    for folder in reversed(missing):
        folder.mkdir(exist_ok=True)
        os.chmod(folder, 0o700)
    with contextlib.suppress(PermissionError):  # an existing folder too, when it is ours
        os.chmod(path, 0o700)
    return path


def read_at_most(path: Path, limit: int) -> bytes | None:
    """The bytes of `path`, or None when it holds more than `limit`: judged by its size
    before a byte is read (a sparse file claims terabytes on a few KB of disk) and again
    while reading (a file that grows, a device)."""
    with path.open("rb") as f:
        if os.fstat(f.fileno()).st_size > limit:
            return None
        data = f.read(limit + 1)
    return data if len(data) <= limit else None
