"""The exam-bank authority: the Ed25519 key that signs every exam package.

`create_authority` writes two files into a directory:

- `authority.key` — the private key as PKCS#8 PEM, encrypted under a passphrase with
  `BestAvailableEncryption` ("BEGIN ENCRYPTED PRIVATE KEY"), mode 0600. It stays at
  the central office.
- `authority.pub` — TOML with `format`, `name`, `fingerprint` and `public_key` (SPKI
  PEM). It is handed to every proctor and importer, who trust packages signed by it.

A fingerprint is the SHA-256 of the raw 32-byte public key, written as
"SHA256:" and 16 groups of 4 hex digits, so people can compare it by eye or phone.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass
from pathlib import Path

import tomli_w
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)

from exam_bank.crypto._files import fail, read_small, write_new_file
from exam_bank.problems import Problems
from exam_bank.tomlfile import parse_toml

KEY_FILE = "authority.key"
PUBLIC_FILE = "authority.pub"
PUBLIC_FORMAT = "ujikom-authority/1"
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


def create_authority(directory: Path, name: str, passphrase: bytes) -> AuthorityPublic:
    """Make a new authority in `directory`; refuse if one is already there."""
    directory = Path(directory)
    key_path, pub_path = directory / KEY_FILE, directory / PUBLIC_FILE
    problem = _name_problem(name)
    if problem:
        raise fail(pub_path, problem, field="name")
    if not passphrase:
        raise fail(key_path, "the passphrase must not be empty")
    for path in (key_path, pub_path):
        if path.exists():
            raise fail(path, "an authority already exists here; refusing to overwrite it")
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)

    private = Ed25519PrivateKey.generate()
    public = AuthorityPublic.of(name, private.public_key())
    pem = private.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.BestAvailableEncryption(passphrase),
    )
    try:
        write_new_file(key_path, pem, 0o600)
    except FileExistsError:
        raise fail(key_path, "an authority already exists here; refusing to overwrite it") from None
    try:
        write_new_file(pub_path, _public_text(public).encode("utf-8"), 0o644)
    except BaseException:
        # Half an authority is worse than none: the next attempt would be refused.
        key_path.unlink(missing_ok=True)
        raise
    return public


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


def load_authority_private(path: Path, passphrase: bytes) -> Ed25519PrivateKey:
    """Unlock an `authority.key`; a wrong passphrase is an InputError, not a traceback."""
    path = Path(path)
    pem = read_small(path, _MAX_FILE, "an authority private key")
    if not pem.lstrip().startswith(b"-----BEGIN ENCRYPTED PRIVATE KEY-----"):
        if b"PRIVATE KEY-----" in pem:
            raise fail(path, "the private key is stored in the clear; refusing to use it")
        raise fail(path, "not an encrypted PKCS#8 PEM private key")
    if not passphrase:
        raise fail(path, f"wrong passphrase for {path.name}")
    try:
        key = serialization.load_pem_private_key(pem, password=passphrase)
    except (ValueError, TypeError):
        # OpenSSL cannot tell a wrong passphrase from a damaged key; the first is common.
        raise fail(path, f"wrong passphrase for {path.name}") from None
    if not isinstance(key, Ed25519PrivateKey):
        raise fail(path, "not an Ed25519 key")
    return key
