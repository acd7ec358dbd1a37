"""The exam-bank authority: the Ed25519 key that signs every exam package.

`create_authority` writes two files into a directory:

- `authority.key` — JSON, mode 0600, never in the clear. It stays at the central
  office::

      {"format": "ujikom-authority-key/1", "name": "...", "fingerprint": "SHA256:...",
       "kdf": {"name": "scrypt", "n": 32768, "r": 8, "p": 1, "salt": "<base64>"},
       "cipher": "AES-256-GCM", "nonce": "<base64>", "wrapped": "<base64>"}

  `wrapped` holds the raw 32-byte private key under the same passphrase wrap as the
  exam keys (`exam_bank.crypto.wrap`: scrypt n=2**15, r=8, then AES-256-GCM). The
  associated data binds the format, the authority name and the public key's
  fingerprint, so an edited file refuses to open. Not PKCS#8 PEM: its
  `BestAvailableEncryption` is PBKDF2-SHA256 with 2048 rounds, so anyone who copies
  the file could try passphrases by the million per second; scrypt makes each guess
  cost ~0.1 s and 32 MiB.
- `authority.pub` — TOML with `format`, `name`, `fingerprint` and `public_key` (SPKI
  PEM). It is handed to every proctor and importer, who trust packages signed by it.

A fingerprint is the SHA-256 of the raw 32-byte public key, written as
"SHA256:" and 16 groups of 4 hex digits, so people can compare it by eye or phone.
`load_authority` reads both files together and refuses a pair that does not match.
"""

from __future__ import annotations

import hashlib
import json
import re
from dataclasses import dataclass
from pathlib import Path

import tomli_w
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)

from exam_bank.crypto import wrap
from exam_bank.crypto._files import fail, load_json_object, read_small, write_new_file
from exam_bank.problems import Problems
from exam_bank.tomlfile import parse_toml

KEY_FILE = "authority.key"
PUBLIC_FILE = "authority.pub"
PUBLIC_FORMAT = "ujikom-authority/1"
KEY_FORMAT = "ujikom-authority-key/1"
KEY_BYTES = 32  # a raw Ed25519 private key
MIN_PASSPHRASE = 8  # bytes; the key is long-lived and its file may be copied
MAX_NAME = 200
_MAX_FILE = 64 * 1024  # both files are well under 1 KB; anything big is not ours

_FINGERPRINT = re.compile(r"SHA256:[0-9a-f]{4}( [0-9a-f]{4}){15}")


def fingerprint(public_key: Ed25519PublicKey) -> str:
    """SHA-256 of the raw public key as "SHA256:3f2a 91c0 …" (16 groups of 4 hex)."""
    digest = hashlib.sha256(public_key.public_bytes_raw()).hexdigest()
    return "SHA256:" + " ".join(digest[i : i + 4] for i in range(0, len(digest), 4))


def is_fingerprint(text: object) -> bool:
    """Whether `text` is a fingerprint exactly as `fingerprint` writes it."""
    return isinstance(text, str) and _FINGERPRINT.fullmatch(text) is not None


def normalize_fingerprint(text: str) -> str:
    """A fingerprint as typed by a person (any case, spacing, with or without prefix)."""
    body = text.strip()
    if body[:7].upper() == "SHA256:":
        body = body[7:]
    return "".join(body.split()).lower()


@dataclass(frozen=True, eq=False)
class AuthorityPublic:
    """The public part of an authority: what a proctor or importer trusts."""

    name: str
    public_key: Ed25519PublicKey
    fingerprint: str

    @classmethod
    def of(cls, name: str, public_key: Ed25519PublicKey) -> AuthorityPublic:
        return cls(name, public_key, fingerprint(public_key))

    def raw(self) -> bytes:
        return self.public_key.public_bytes_raw()

    # Key objects from `cryptography` are not hashable; compare by their raw bytes.
    def __eq__(self, other: object) -> bool:
        if not isinstance(other, AuthorityPublic):
            return NotImplemented
        return (self.name, self.raw()) == (other.name, other.raw())

    def __hash__(self) -> int:
        return hash((self.name, self.raw()))


def _name_problem(name: object) -> str | None:
    if not isinstance(name, str) or not name.strip():
        return "the authority name must not be empty"
    if len(name) > MAX_NAME:
        return f"the authority name is longer than {MAX_NAME} characters"
    if not name.isprintable():
        return "the authority name must not contain control characters"
    return None


def create_authority(
    directory: Path, name: str, passphrase: bytes, *, scrypt_n: int | None = None
) -> AuthorityPublic:
    """Make a new authority in `directory`; refuse if one is already there.

    `scrypt_n` lowers the passphrase wrap's cost, for tests only.
    """
    directory = Path(directory)
    key_path, pub_path = directory / KEY_FILE, directory / PUBLIC_FILE
    problem = _name_problem(name)
    if problem:
        raise fail(pub_path, problem, field="name")
    if len(passphrase) < MIN_PASSPHRASE:
        raise fail(key_path, f"the passphrase must be at least {MIN_PASSPHRASE} bytes long")
    for path in (key_path, pub_path):
        if path.exists():
            raise fail(path, "an authority already exists here; refusing to overwrite it")
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)

    private = Ed25519PrivateKey.generate()
    public = AuthorityPublic.of(name, private.public_key())
    try:
        write_new_file(key_path, _key_text(public, private, passphrase, scrypt_n), 0o600)
    except FileExistsError:
        raise fail(key_path, "an authority already exists here; refusing to overwrite it") from None
    try:
        write_new_file(pub_path, _public_text(public).encode("utf-8"), 0o644)
    except BaseException:
        # Half an authority is worse than none: the next attempt would be refused.
        key_path.unlink(missing_ok=True)
        raise
    return public


def _key_aad(name: str, fp: str) -> bytes:
    # JSON keeps the fields unambiguous whatever characters the name holds.
    return json.dumps([KEY_FORMAT, name, fp]).encode("ascii")


def _key_text(public: AuthorityPublic, private: Ed25519PrivateKey, passphrase: bytes,
              scrypt_n: int | None) -> bytes:
    document = {
        "format": KEY_FORMAT,
        "name": public.name,
        "fingerprint": public.fingerprint,
        **wrap.wrap(private.private_bytes_raw(), passphrase,
                    _key_aad(public.name, public.fingerprint), scrypt_n=scrypt_n),
    }
    return (json.dumps(document, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def _public_text(public: AuthorityPublic) -> str:
    pem = public.public_key.public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    ).decode("ascii")
    body = tomli_w.dumps(
        {
            "format": PUBLIC_FORMAT,
            "name": public.name,
            "fingerprint": public.fingerprint,
            "public_key": pem,
        },
        multiline_strings=True,
    )
    return (
        "# Ujikom exam-bank authority (public part). Give it to proctors and importers:\n"
        "# they accept exam packages signed by this authority. Check the fingerprint\n"
        "# with the authority by phone or in person before trusting it.\n" + body
    )


def load_authority_public(path: Path) -> AuthorityPublic:
    """Read an `authority.pub`, checking that its fingerprint matches its key."""
    path = Path(path)
    doc = parse_toml(read_small(path, _MAX_FILE, "an authority public key"), str(path))
    data = doc.data
    problems = Problems(str(path))

    def line(key: str) -> int | None:
        return doc.key_line(key)

    if data.get("format") != PUBLIC_FORMAT:
        problems.add(f"not an Ujikom authority file (format must be {PUBLIC_FORMAT!r})",
                     line=line("format"), field="format")
        problems.raise_if_any()
    name = data.get("name")
    problem = _name_problem(name)
    if problem:
        problems.add(problem, line=line("name"), field="name")
    key: Ed25519PublicKey | None = None
    pem = data.get("public_key")
    if not isinstance(pem, str):
        problems.add("public_key must be a PEM string", line=line("public_key"),
                     field="public_key")
    else:
        try:
            loaded = serialization.load_pem_public_key(pem.encode("utf-8"))
        except (ValueError, TypeError):
            loaded = None
            problems.add("public_key is not a valid PEM public key", line=line("public_key"),
                         field="public_key")
        if loaded is not None and not isinstance(loaded, Ed25519PublicKey):
            problems.add("public_key is not an Ed25519 key", line=line("public_key"),
                         field="public_key")
        elif isinstance(loaded, Ed25519PublicKey):
            key = loaded
    claimed = data.get("fingerprint")
    if not isinstance(claimed, str):
        problems.add("fingerprint must be a string", line=line("fingerprint"),
                     field="fingerprint")
    elif key is not None and normalize_fingerprint(claimed) != normalize_fingerprint(
        fingerprint(key)
    ):
        problems.add("the fingerprint does not match the public key: the file was edited",
                     line=line("fingerprint"), field="fingerprint")
    problems.raise_if_any()
    assert key is not None and isinstance(name, str)
    return AuthorityPublic.of(name, key)


def load_authority_private(
    path: Path, passphrase: bytes, *, expect: AuthorityPublic | None = None
) -> Ed25519PrivateKey:
    """Unlock an `authority.key`; a wrong passphrase is an InputError, not a traceback.

    With `expect` (the authority's `authority.pub`), a key of another authority is
    refused before the passphrase is even tried.
    """
    path = Path(path)
    raw = read_small(path, _MAX_FILE, "an authority private key")
    if b"PRIVATE KEY-----" in raw:
        if b"ENCRYPTED PRIVATE KEY-----" not in raw:
            raise fail(path, "the private key is stored in the clear; refusing to use it")
        raise fail(path, "an authority key in the old PKCS#8 format, whose passphrase "
                   "protection is weak; it is no longer read: make a new authority")
    data = load_json_object(raw, str(path))
    problems = Problems(str(path))
    if data.get("format") != KEY_FORMAT:
        problems.add(f"not an Ujikom authority key (format must be {KEY_FORMAT!r})",
                     field="format")
        problems.raise_if_any()
    name = data.get("name")
    problem = _name_problem(name)
    if problem:
        problems.add(problem, field="name")
    claimed = data.get("fingerprint")
    if not is_fingerprint(claimed):
        problems.add("must be a fingerprint like 'SHA256:3f2a 91c0 …'", field="fingerprint")
    sealed = wrap.read_sealed(data, KEY_BYTES, problems)
    problems.raise_if_any()
    assert isinstance(name, str) and isinstance(claimed, str)
    if expect is not None and (name, claimed) != (expect.name, expect.fingerprint):
        raise fail(path, f"this key belongs to the authority {name!r} ({claimed}), not to "
                   f"{expect.name!r} ({expect.fingerprint}) of {PUBLIC_FILE}")

    # GCM cannot tell a wrong passphrase from an edit; the first is far more common.
    secret = wrap.unwrap(sealed, passphrase, _key_aad(name, claimed), where=path,
                         failure=f"wrong passphrase for {path.name}, or the file was altered")
    key = Ed25519PrivateKey.from_private_bytes(secret)
    if fingerprint(key.public_key()) != claimed:
        raise fail(path, "the private key does not match its fingerprint: the file was "
                   "altered", field="fingerprint")
    return key


def load_authority(directory: Path, passphrase: bytes) -> tuple[AuthorityPublic,
                                                                Ed25519PrivateKey]:
    """Both files of the authority in `directory`, checked to belong together."""
    directory = Path(directory)
    public = load_authority_public(directory / PUBLIC_FILE)
    private = load_authority_private(directory / KEY_FILE, passphrase, expect=public)
    return public, private
