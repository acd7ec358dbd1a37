"""What kind of failure an exception is, as a code a screen words in its own language.

A screen never shows an exception's own text (system English: "[Errno 28] No space left on
device"): it shows the words for the failure's code and keeps `detail(exc)` for the
technician (log, tooltip). Classifying is plain Python, shared by the console and the kiosk.
"""

from __future__ import annotations

import errno
import ssl
from enum import StrEnum

from exam_bank.problems import InputError


class Failure(StrEnum):
    DISK_FULL = "disk_full"            # no space left (or quota)
    NO_PERMISSION = "no_permission"    # a file or folder that may not be written or read
    NOT_FOUND = "not_found"            # a file or folder that is not there
    FILE_UNUSABLE = "file_unusable"    # a file read but not what it should be
    CERTIFICATE = "certificate"        # a certificate refused or not a certificate
    WRONG_KEY = "wrong_key"            # a passphrase or key that does not open something
    DATABASE = "database"              # an encrypted database that cannot be used
    SERVER_DOWN = "server_down"        # the lab server (or a peer) does not answer in time
    CONNECTION = "connection"          # a connection refused, reset or unreachable
    PORT_IN_USE = "port_in_use"        # another program listens on the port
    INCOMPLETE = "incomplete"          # a request refused as incomplete (a missing field)
    OTHER = "other"                    # anything else: the detail says what


_DISK_FULL = {errno.ENOSPC, errno.EDQUOT}
_PERMISSION = {errno.EACCES, errno.EPERM, errno.EROFS}
_NOT_FOUND = {errno.ENOENT, errno.ENOTDIR}


def classify(exc: BaseException) -> Failure:
    """The failure `exc` is; OTHER when none fits (never raises)."""
    if isinstance(exc, ssl.SSLError):  # before OSError: SSLError is one
        return Failure.CERTIFICATE
    if isinstance(exc, TimeoutError):
        return Failure.SERVER_DOWN
    if isinstance(exc, ConnectionError):
        return Failure.CONNECTION
    if isinstance(exc, OSError):
        if exc.errno in _DISK_FULL:
            return Failure.DISK_FULL
        if exc.errno in _PERMISSION or isinstance(exc, PermissionError):
            return Failure.NO_PERMISSION
        if exc.errno in _NOT_FOUND or isinstance(exc, FileNotFoundError):
            return Failure.NOT_FOUND
        if exc.errno in (errno.EHOSTUNREACH, errno.ENETUNREACH):
            return Failure.CONNECTION
        if exc.errno == errno.EADDRINUSE:
            return Failure.PORT_IN_USE
        return Failure.OTHER
    if isinstance(exc, InputError):
        # exam_bank's key files say so in these words (`wrap.read_sealed`'s failure): GCM
        # cannot tell a wrong passphrase from an edit, and the first is far more common.
        if "wrong passphrase" in str(exc):
            return Failure.WRONG_KEY
        return Failure.FILE_UNUSABLE
    # sqlite3's and sqlcipher3's DatabaseError share no base class worth importing here.
    if type(exc).__name__ == "DatabaseError":
        return Failure.WRONG_KEY if "not a database" in str(exc) else Failure.DATABASE
    if isinstance(exc, RuntimeError) and "loop is closed" in str(exc):
        return Failure.SERVER_DOWN  # the lab server's thread has stopped
    if isinstance(exc, ValueError):
        return Failure.INCOMPLETE
    return Failure.OTHER


def detail(exc: BaseException) -> str:
    """The exception as a technician reads it: its type and its own (English) words."""
    text = str(exc).strip()
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__
