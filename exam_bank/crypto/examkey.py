"""Per-exam keys: 32 random bytes that encrypt one exam package.

The admin makes a key per exam, builds the package with it and hands the key to the
proctor separately, in a key file wrapped under a passphrase. Key file (JSON, mode
0600)::

    {"format": "ujikom-exam-key/1", "exam_id": "...", "key_id": "<16 hex>",
     "kdf": {"name": "scrypt", "n": 32768, "r": 8, "p": 1, "salt": "<base64>"},
     "cipher": "AES-256-GCM", "nonce": "<base64>", "wrapped": "<base64>"}

The last four fields are the passphrase wrap shared with the authority key (see
`exam_bank.crypto.wrap`: scrypt, then AES-256-GCM, KDF parameters capped on read).
The associated data binds the format, exam id and key id, so editing any of them,
the KDF parameters, or the ciphertext makes the file refuse to open.

A key id is the first 16 hex digits of HMAC-SHA256(key, fixed label): it names a key
without revealing it, so a package can say which key it needs.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import secrets
from dataclasses import dataclass, field
from pathlib import Path

from exam_bank.crypto import wrap
from exam_bank.crypto._files import fail, load_json_object, read_small, write_new_file
from exam_bank.crypto.wrap import MAX_SCRYPT_COST, SCRYPT_N, SCRYPT_P, SCRYPT_R
from exam_bank.problems import Problems

__all__ = [
    "FORMAT", "KEY_BYTES", "MAX_EXAM_ID", "MAX_SCRYPT_COST", "SCRYPT_N", "SCRYPT_P",
    "SCRYPT_R", "ExamKey", "exam_id_problem", "key_id", "new_exam_key", "read_exam_key",
    "write_exam_key",
]

FORMAT = "ujikom-exam-key/1"
KEY_BYTES = 32

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
    document = {
        "format": FORMAT,
        "exam_id": exam_id,
        "key_id": exam_key.key_id,
        **wrap.wrap(exam_key.key, passphrase, _aad(exam_id, exam_key.key_id),
                    scrypt_n=scrypt_n),
    }
    text = json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    try:
        write_new_file(path, text.encode("utf-8"), 0o600)
    except FileExistsError:
        raise fail(path, "already exists; refusing to overwrite an exam key file") from None
    return exam_key


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
    sealed = wrap.read_sealed(data, KEY_BYTES, problems)
    problems.raise_if_any()
    assert isinstance(exam_id, str) and isinstance(kid, str)

    # GCM cannot tell a wrong passphrase from an edit; both mean "do not use this file".
    key = wrap.unwrap(sealed, passphrase, _aad(exam_id, kid), where=path,
                      failure="wrong passphrase, or the key file was altered")
    if key_id(key) != kid:
        raise fail(path, "the key does not match its key_id: the file was altered",
                   field="key_id")
    return ExamKey(exam_id, kid, key)
