"""The code that lets a proctor quit a kiosk: the kiosk holds only its salted scrypt hash.

The proctor makes the code (`new_quit_code`: 8 digits, easy to type on a kiosk) per
session and sends `hash_quit_code(code)` in the welcome; the kiosk checks a typed code
with `check_quit_code`. scrypt makes each guess against a stolen hash cost ~50 ms, and
the code changes with every session, so the hash is worth little to a candidate.
Format: ``scrypt$N$r$p$<salt hex>$<hash hex>``.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets

DIGITS = 8
SCRYPT_N = 2**14
_FORMAT = re.compile(r"scrypt\$(\d{1,8})\$(\d{1,2})\$(\d{1,2})\$([0-9a-f]{32})\$([0-9a-f]{64})\Z")
MAX_N = 2**17


def new_quit_code() -> str:
    return "".join(secrets.choice("0123456789") for _ in range(DIGITS))


def _scrypt(code: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    text = code.replace(" ", "").replace("-", "")
    return hashlib.scrypt(text.encode("utf-8"), salt=salt, n=n, r=r, p=p, dklen=32,
                          maxmem=256 * 1024 * 1024)


def hash_quit_code(code: str, *, n: int = SCRYPT_N) -> str:
    salt = secrets.token_bytes(16)
    digest = _scrypt(code, salt, n, 8, 1)
    return f"scrypt${n}$8$1${salt.hex()}${digest.hex()}"


def quit_hash_problem(hashed: str) -> str | None:
    """Why `hashed` is not a usable quit-code hash (bounded cost), or None."""
    match = _FORMAT.match(hashed)
    if not match:
        return "must be scrypt$N$r$p$<32 hex salt>$<64 hex hash>"
    n, r, p = (int(match.group(i)) for i in (1, 2, 3))
    if n < 2 or n & (n - 1) or n > MAX_N or not 1 <= r <= 16 or p != 1:
        return "the scrypt parameters are out of range"
    return None


def check_quit_code(code: str, hashed: str) -> bool:
    """True when `code` is the one `hashed` was made from; False for a malformed hash."""
    if quit_hash_problem(hashed):
        return False
    match = _FORMAT.match(hashed)
    assert match is not None
    n, r, p = (int(match.group(i)) for i in (1, 2, 3))
    digest = _scrypt(code, bytes.fromhex(match.group(4)), n, r, p)
    return hmac.compare_digest(digest.hex(), match.group(5))
