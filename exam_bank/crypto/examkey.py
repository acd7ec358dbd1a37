"""Per-exam keys: 32 random bytes that encrypt one exam package.

The admin makes a key per exam, builds the package with it and hands the key to the
proctor separately, in a key file wrapped under a passphrase. Key file (JSON, mode
0600)::

    {"format": "ujikom-exam-key/1", "exam_id": "...", "key_id": "<16 hex>",
     "kdf": {"name": "scrypt", "n": 32768, "r": 8, "p": 1, "salt": "<base64>"},
     "cipher": "AES-256-GCM", "nonce": "<base64>", "wrapped": "<base64>"}

`wrapped` is AES-256-GCM of the exam key under scrypt(passphrase); its associated
data binds the format, exam id and key id, so editing any of them, the KDF
parameters, or the ciphertext makes the file refuse to open.

A key id is the first 16 hex digits of HMAC-SHA256(key, fixed label): it names a key
without revealing it, so a package can say which key it needs.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import json
import re
import secrets
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from exam_bank.crypto._files import fail, load_json_object, read_small, write_new_file
from exam_bank.problems import Problems

FORMAT = "ujikom-exam-key/1"
KEY_BYTES = 32

# scrypt cost. n=2**15, r=8 (32 MiB) takes ~0.1 s on the build machine: unnoticeable
# when the proctor unlocks a key, costly for someone guessing passphrases offline.
# Tests pass a smaller `scrypt_n` to stay fast.
SCRYPT_N = 2**15
SCRYPT_R = 8
SCRYPT_P = 1
# A key file is input from outside: bound what its KDF parameters may cost to run
# (128·n·r bytes of memory, p times over; 16x the default is ~2 s here).
MAX_SCRYPT_COST = 16 * 128 * SCRYPT_N * SCRYPT_R * SCRYPT_P

_KEY_ID_LABEL = b"ujikom exam key id/1"
_KEY_ID = re.compile(r"[0-9a-f]{16}")
_MAX_FILE = 64 * 1024
MAX_EXAM_ID = 128


def new_exam_key() -> bytes:
    """A fresh AES-256 key from the OS's cryptographic random source."""
    return secrets.token_bytes(KEY_BYTES)


def key_id(key: bytes) -> str:
    """A short public name for `key` (16 hex digits) that does not reveal it."""
    if len(key) != KEY_BYTES:
        raise ValueError(f"an exam key is {KEY_BYTES} bytes, not {len(key)}")
    return hmac.new(bytes(key), _KEY_ID_LABEL, hashlib.sha256).hexdigest()[:16]


def exam_id_problem(exam_id: object) -> str | None:
    """Why `exam_id` is not a usable exam id, or None when it is."""
    if not isinstance(exam_id, str) or not exam_id.strip():
        return "the exam id must be a non-empty string"
    if len(exam_id) > MAX_EXAM_ID:
        return f"the exam id is longer than {MAX_EXAM_ID} characters"
    if not exam_id.isprintable() or exam_id != exam_id.strip():
        return "the exam id must not contain control characters or surrounding spaces"
    return None


@dataclass(frozen=True)
class ExamKey:
    """An unlocked exam key. `key` is kept out of repr so it never lands in a log."""

    exam_id: str
    key_id: str
    key: bytes = field(repr=False)

    def __post_init__(self) -> None:
        if len(self.key) != KEY_BYTES:
            raise ValueError(f"an exam key is {KEY_BYTES} bytes, not {len(self.key)}")
        if key_id(self.key) != self.key_id:
            raise ValueError("key_id does not belong to this key")

    @classmethod
    def of(cls, exam_id: str, key: bytes) -> ExamKey:
        return cls(exam_id, key_id(key), bytes(key))


def _aad(exam_id: str, kid: str) -> bytes:
    # JSON keeps the fields unambiguous whatever characters the exam id holds.
    return json.dumps([FORMAT, exam_id, kid]).encode("ascii")


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _derive(passphrase: bytes, salt: bytes, n: int, r: int, p: int) -> bytes:
    return Scrypt(salt=salt, length=32, n=n, r=r, p=p).derive(passphrase)


def write_exam_key(
    path: Path,
    exam_id: str,
    key: bytes,
    passphrase: bytes,
    *,
    scrypt_n: int | None = None,
) -> ExamKey:
    """Write `key` for `exam_id` to a new key file, wrapped under `passphrase`.

    Refuses to replace an existing file: it may hold the only copy of another key.
    """
    path = Path(path)
    problem = exam_id_problem(exam_id)
    if problem:
        raise fail(path, problem, field="exam_id")
    if not passphrase:
        raise fail(path, "the passphrase must not be empty")
    exam_key = ExamKey.of(exam_id, key)
    n = SCRYPT_N if scrypt_n is None else scrypt_n
    salt, nonce = secrets.token_bytes(16), secrets.token_bytes(12)
    kek = _derive(passphrase, salt, n, SCRYPT_R, SCRYPT_P)
    wrapped = AESGCM(kek).encrypt(nonce, exam_key.key, _aad(exam_id, exam_key.key_id))
    document = {
        "format": FORMAT,
        "exam_id": exam_id,
        "key_id": exam_key.key_id,
        "kdf": {"name": "scrypt", "n": n, "r": SCRYPT_R, "p": SCRYPT_P, "salt": _b64(salt)},
        "cipher": "AES-256-GCM",
        "nonce": _b64(nonce),
        "wrapped": _b64(wrapped),
    }
    text = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    try:
        write_new_file(path, text.encode("utf-8"), 0o600)
    except FileExistsError:
        raise fail(path, "already exists; refusing to overwrite an exam key file") from None
    return exam_key


def _int(data: dict[str, Any], name: str, low: int, high: int, problems: Problems) -> int:
    value = data.get(name)
    # bool is an int in Python; `true` is not a cost parameter.
    if type(value) is not int or not low <= value <= high:
        problems.add(f"must be a whole number from {low} to {high}", field=f"kdf.{name}")
        return 0
    return value


def _bytes(value: object, name: str, sizes: range, problems: Problems) -> bytes:
    try:
        if not isinstance(value, str):
            raise ValueError
        raw = base64.b64decode(value, validate=True)
    except (ValueError, binascii.Error):
        problems.add("must be base64 text", field=name)
        return b""
    if len(raw) not in sizes:
        problems.add(f"has the wrong length ({len(raw)} bytes)", field=name)
    return raw


def read_exam_key(path: Path, passphrase: bytes) -> ExamKey:
    """Unlock a key file; a wrong passphrase or an edited file is an InputError."""
    path = Path(path)
    data = load_json_object(read_small(path, _MAX_FILE, "an exam key file"), str(path))
    problems = Problems(str(path))
    if data.get("format") != FORMAT:
        problems.add(f"not an Ujikom exam key file (format must be {FORMAT!r})", field="format")
        problems.raise_if_any()
    exam_id = data.get("exam_id")
    problem = exam_id_problem(exam_id)
    if problem:
        problems.add(problem, field="exam_id")
    kid = data.get("key_id")
    if not isinstance(kid, str) or not _KEY_ID.fullmatch(kid):
        problems.add("must be 16 lowercase hex digits", field="key_id")
    if data.get("cipher") != "AES-256-GCM":
        problems.add("must be 'AES-256-GCM'", field="cipher")
    kdf = data.get("kdf")
    if not isinstance(kdf, dict) or kdf.get("name") != "scrypt":
        problems.add("must be an object with name 'scrypt'", field="kdf")
        problems.raise_if_any()
    assert isinstance(kdf, dict)
    n = _int(kdf, "n", 2, 2**24, problems)
    r = _int(kdf, "r", 1, 64, problems)
    p = _int(kdf, "p", 1, 64, problems)
    if n and n & (n - 1):
        problems.add("must be a power of two", field="kdf.n")
    elif 128 * n * r * p > MAX_SCRYPT_COST:
        problems.add("the scrypt parameters would cost too much to run", field="kdf")
    salt = _bytes(kdf.get("salt"), "kdf.salt", range(16, 65), problems)
    nonce = _bytes(data.get("nonce"), "nonce", range(12, 13), problems)
    wrapped = _bytes(data.get("wrapped"), "wrapped", range(KEY_BYTES + 16, KEY_BYTES + 17),
                     problems)
    problems.raise_if_any()
    assert isinstance(exam_id, str) and isinstance(kid, str)

    if not passphrase:
        raise fail(path, "wrong passphrase, or the key file was altered")
    kek = _derive(passphrase, salt, n, r, p)
    try:
        key = AESGCM(kek).decrypt(nonce, wrapped, _aad(exam_id, kid))
    except InvalidTag:
        # GCM cannot tell which; both mean "do not use this file with this passphrase".
        raise fail(path, "wrong passphrase, or the key file was altered") from None
    if key_id(key) != kid:
        raise fail(path, "the key does not match its key_id: the file was altered",
                   field="key_id")
    return ExamKey(exam_id, kid, key)
