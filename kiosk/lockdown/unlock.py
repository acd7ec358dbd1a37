"""The proctor's unlock code: only its argon2id hash is in kiosk.toml. No Qt here."""

from __future__ import annotations

from argon2 import PasswordHasher, Type
from argon2.exceptions import InvalidHashError, VerificationError

MIN_LENGTH = 6

# Same cost as the candidates' PINs (exam_bank.roster.pins): ~50 ms per check on an
# old lab PC, so a typed code answers at once; the file is on every kiosk, so an unlock
# code should be longer than a PIN to resist offline guessing (MIN_LENGTH, and the CLI
# suggests more).
_HASHER = PasswordHasher(time_cost=2, memory_cost=19 * 1024, parallelism=1, hash_len=32,
                         salt_len=16, type=Type.ID)


def hash_unlock_code(code: str) -> str:
    code = code.strip()
    if len(code) < MIN_LENGTH:
        raise ValueError(f"an unlock code has at least {MIN_LENGTH} characters")
    return _HASHER.hash(code)


def verify_unlock_code(code_hash: str | None, code: str) -> bool:
    """True only for the right code; no hash configured, or a malformed one, is False."""
    if not code_hash or not isinstance(code, str) or not code.strip():
        return False
    try:
        return _HASHER.verify(code_hash, code.strip())
    except (VerificationError, InvalidHashError):
        return False
