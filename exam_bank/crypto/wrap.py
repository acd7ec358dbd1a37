"""A secret wrapped under a passphrase: scrypt, then AES-256-GCM.

Both key files of the exam bank (the authority's signing key and each exam key) keep
their secret this way, as four fields of a small JSON object::

    "kdf": {"name": "scrypt", "n": 32768, "r": 8, "p": 1, "salt": "<base64>"},
    "cipher": "AES-256-GCM", "nonce": "<base64>", "wrapped": "<base64>"

`wrapped` is AES-256-GCM of the secret under scrypt(passphrase, salt). The caller
supplies the associated data: the file's format and whatever else names the secret
(exam id, authority name, fingerprint), so editing any of those, the KDF parameters,
the salt, the nonce or the ciphertext makes the file refuse to open.

Why scrypt: the passphrase is the only thing between a copied key file and the key,
so guessing it offline must be expensive. scrypt with n=2**15, r=8 costs 32 MiB and
~0.1 s per guess, on GPUs as on the owner's laptop. (PKCS#8 PEM with
`BestAvailableEncryption`, used before for the authority key, is PBKDF2-SHA256 with
only 2048 rounds: millions of guesses per second on one GPU.)

A key file comes from outside, so its KDF parameters are capped before they are run:
a forged file cannot make the reader spend minutes or gigabytes.
"""

from __future__ import annotations

import base64
import binascii
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

from exam_bank.crypto._files import fail
from exam_bank.problems import Problems

CIPHER = "AES-256-GCM"
FIELDS = ("kdf", "cipher", "nonce", "wrapped")

# scrypt cost. n=2**15, r=8 (32 MiB) takes ~0.1 s on the build machine: unnoticeable
# when a key is unlocked, costly for someone guessing passphrases offline.
# Tests pass a smaller `scrypt_n` to stay fast.
SCRYPT_N = 2**15
SCRYPT_R = 8
SCRYPT_P = 1
# Bound what a file's KDF parameters may cost to run (128·n·r bytes of memory, p times
# over; 16x the default is ~2 s here).
MAX_SCRYPT_COST = 16 * 128 * SCRYPT_N * SCRYPT_R * SCRYPT_P
MAX_SCRYPT_N = 2**24

_SALT_BYTES = 16
_NONCE_BYTES = 12
_TAG_BYTES = 16


def _b64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def _derive(passphrase: bytes, salt: bytes, n: int, r: int, p: int) -> bytes:
    return Scrypt(salt=salt, length=32, n=n, r=r, p=p).derive(passphrase)


def _cost_problem(n: int, r: int, p: int) -> str | None:
    if n & (n - 1):
        return "must be a power of two"
    if 128 * n * r * p > MAX_SCRYPT_COST:
        return "the scrypt parameters would cost too much to run"
    return None


def wrap(secret: bytes, passphrase: bytes, aad: bytes, *,
         scrypt_n: int | None = None) -> dict[str, Any]:
    """The fields `FIELDS` of a key file holding `secret` wrapped under `passphrase`.

    `aad` must be rebuilt identically from the file's other fields to unwrap it.
    `scrypt_n` overrides the cost (tests); it must be a power of two within the cap,
    so the file can be read back.
    """
    n = SCRYPT_N if scrypt_n is None else scrypt_n
    if type(n) is not int or not 2 <= n <= MAX_SCRYPT_N or _cost_problem(n, SCRYPT_R,
                                                                        SCRYPT_P):
        raise ValueError(f"scrypt_n must be a power of two the reader accepts, not {n!r}")
    if not passphrase:
        raise ValueError("the passphrase must not be empty")
    salt, nonce = secrets.token_bytes(_SALT_BYTES), secrets.token_bytes(_NONCE_BYTES)
    kek = _derive(passphrase, salt, n, SCRYPT_R, SCRYPT_P)
    wrapped = AESGCM(kek).encrypt(nonce, bytes(secret), aad)
    return {
        "kdf": {"name": "scrypt", "n": n, "r": SCRYPT_R, "p": SCRYPT_P, "salt": _b64(salt)},
        "cipher": CIPHER,
        "nonce": _b64(nonce),
        "wrapped": _b64(wrapped),
    }


@dataclass(frozen=True)
class Sealed:
    """The wrap fields of a key file, checked for shape but not yet unlocked."""

    n: int
    r: int
    p: int
    salt: bytes
    nonce: bytes
    wrapped: bytes


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


def read_sealed(data: dict[str, Any], secret_bytes: int, problems: Problems) -> Sealed:
    """Check the wrap fields of a parsed key file holding a `secret_bytes`-long secret.

    Problems go to `problems`; the result is only meaningful once the caller's
    `problems.raise_if_any()` has passed. KDF parameters beyond the cap are refused here,
    before anything runs them.
    """
    if data.get("cipher") != CIPHER:
        problems.add(f"must be {CIPHER!r}", field="cipher")
    kdf = data.get("kdf")
    if not isinstance(kdf, dict) or kdf.get("name") != "scrypt":
        problems.add("must be an object with name 'scrypt'", field="kdf")
        problems.raise_if_any()
    assert isinstance(kdf, dict)
    n = _int(kdf, "n", 2, MAX_SCRYPT_N, problems)
    r = _int(kdf, "r", 1, 64, problems)
    p = _int(kdf, "p", 1, 64, problems)
    if n and n & (n - 1):
        problems.add("must be a power of two", field="kdf.n")
    elif 128 * n * r * p > MAX_SCRYPT_COST:
        problems.add("the scrypt parameters would cost too much to run", field="kdf")
    salt = _bytes(kdf.get("salt"), "kdf.salt", range(16, 65), problems)
    nonce = _bytes(data.get("nonce"), "nonce", range(_NONCE_BYTES, _NONCE_BYTES + 1),
                   problems)
    size = secret_bytes + _TAG_BYTES
    wrapped = _bytes(data.get("wrapped"), "wrapped", range(size, size + 1), problems)
    return Sealed(n, r, p, salt, nonce, wrapped)


def unwrap(sealed: Sealed, passphrase: bytes, aad: bytes, *, where: Path | str,
           failure: str) -> bytes:
    """The secret in `sealed`, or an InputError at `where` saying `failure`.

    A wrong passphrase and an edited file look the same to GCM, so `failure` should
    say both (e.g. "wrong passphrase for x.key, or the file was altered").
    """
    if not passphrase:
        raise fail(where, failure)
    kek = _derive(passphrase, sealed.salt, sealed.n, sealed.r, sealed.p)
    try:
        return AESGCM(kek).decrypt(sealed.nonce, sealed.wrapped, aad)
    except InvalidTag:
        raise fail(where, failure) from None
