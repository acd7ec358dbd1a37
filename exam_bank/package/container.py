"""The exam-package container: a signed, encrypted single file.

On-disk layout (own framed binary; integers are unsigned big-endian)::

    offset  bytes  content
    0       11     magic b"\\x89UJKPKG\\r\\n\\x1a\\n" (PNG-style: text-mode copies break it)
    11      1      container version, 1
    12      4 + 8  tag b"HEAD", length H (at most 1 MiB)
            H      header.json: plaintext UTF-8 JSON (see below)
            4 + 8  tag b"DATA", length D (at most 2**31 - 1)
            D      payload.bin: AES-256-GCM(exam key, header nonce, zip of the files,
                   AAD = the exact header bytes), 16-byte tag appended
            4 + 8  tag b"SIGN", length 64
            64     signature: Ed25519 over SIGNATURE_LABEL + SHA-256(header bytes)
                   + SHA-256(payload bytes)
    end of file; nothing may follow.

Why not a zip: zip readers skip over many bytes (timestamps, extra fields, comments,
data before or after the archive), so a byte could change without any check noticing.
Here every byte is either framing that is checked exactly or covered by the
signature, so any change to the file is refused.

The header cannot contain the SHA-256 of the payload, because the header is the
payload's AAD and the payload would have to exist first; `read_header` reports the
hash computed from the file instead, and the signature binds it to the header.

header.json holds: kind, format, exam {id, title, agency}, sessions (caller's list of
objects), counts (name -> whole number), created_at (UTC, ISO 8601 "…Z"), authority
{fingerprint}, exam_key {key_id}, payload {cipher, nonce, content}, public (caller's
object). Unknown keys are ignored so later versions can add fields.

Inside the payload, files travel as a zip (deflated when it helps, fixed timestamps);
names are relative "/" paths without "." or ".." parts, unique ignoring case.
Reading checks the signature first, then that the key is the package's key, then
decrypts; every failure is an InputError naming the file.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
import io
import json
import os
import re
import secrets
import struct
import zipfile
import zlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, BinaryIO

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

from exam_bank.crypto._files import fail, load_json_object
from exam_bank.crypto.authority import (
    AuthorityPublic,
    fingerprint,
    is_fingerprint,
    normalize_fingerprint,
)
from exam_bank.crypto.examkey import KEY_BYTES, ExamKey, exam_id_problem, key_id
from exam_bank.fsutil import atomic_write
from exam_bank.problems import Problems
from exam_bank.safezip import PACKAGE, ZipRefused, open_zip

MAGIC = b"\x89UJKPKG\r\n\x1a\n"
CONTAINER_VERSION = 1
KIND = "ujikom-exam-package"
HEADER_FORMAT = 1
SIGNATURE_LABEL = b"ujikom-exam-package/1 signature\x00"
CIPHER = "AES-256-GCM"

MAX_HEADER = 1024 * 1024
MAX_PAYLOAD = 2**31 - 1  # also the most AESGCM encrypts in one call
MAX_FILES = 10_000
MAX_UNPACKED = PACKAGE.total_bytes  # all files together, uncompressed
MAX_NAME = 1024
MAX_TEXT = 1000  # exam title and agency
SIGNATURE_BYTES = 64

_PREFIX = MAGIC + bytes([CONTAINER_VERSION])
_SECTION = struct.Struct(">4sQ")
_HEAD, _DATA, _SIGN = b"HEAD", b"DATA", b"SIGN"
MAX_PACKAGE = len(_PREFIX) + 3 * _SECTION.size + MAX_HEADER + MAX_PAYLOAD + SIGNATURE_BYTES
_CHUNK = 1024 * 1024
_ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)  # fixed: build time stays out of the payload
_KEY_ID = re.compile(r"[0-9a-f]{16}")


@dataclass(frozen=True, eq=False)
class PackageHeader:
    """What a package says about itself, readable without the exam key.

    `header_sha256` and `payload_sha256` are computed from the file. `signed_by` is
    the trusted authority whose signature was checked, or None when nobody checked.
    """

    format: int
    exam_id: str
    title: str
    agency: str
    sessions: list[dict[str, Any]]
    counts: dict[str, int]
    created_at: datetime
    authority_fingerprint: str
    key_id: str
    public: dict[str, Any]
    header_sha256: str
    payload_sha256: str
    payload_size: int
    signed_by: AuthorityPublic | None = None
    raw: bytes = field(default=b"", repr=False)
    nonce: bytes = field(default=b"", repr=False)

    def to_dict(self) -> dict[str, Any]:
        """Plain JSON-ready data, e.g. for `ujikom bank inspect --json`."""
        return {
            "kind": KIND,
            "format": self.format,
            "exam": {"id": self.exam_id, "title": self.title, "agency": self.agency},
            "sessions": self.sessions,
            "counts": self.counts,
            "created_at": _iso(self.created_at),
            "authority_fingerprint": self.authority_fingerprint,
            "signature": (
                {"verified": True, "authority": self.signed_by.name}
                if self.signed_by
                else {"verified": False}
            ),
            "key_id": self.key_id,
            "header_sha256": self.header_sha256,
            "payload_sha256": self.payload_sha256,
            "payload_size": self.payload_size,
            "public": self.public,
        }


@dataclass(frozen=True, eq=False)
class OpenedPackage:
    """A verified, decrypted package: its header and its files by name."""

    header: PackageHeader
    files: dict[str, bytes] = field(repr=False)


def _iso(moment: datetime) -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


# ---------------------------------------------------------------- file names


def _name_problem(name: object) -> str | None:
    if not isinstance(name, str) or not name:
        return "a file name must be a non-empty string"
    if len(name) > MAX_NAME:
        return f"the file name is longer than {MAX_NAME} characters"
    if any(ord(c) < 0x20 or c == "\x7f" or 0xD800 <= ord(c) <= 0xDFFF for c in name):
        return "the file name contains control characters"
    if "\\" in name or ":" in name:
        return "the file name must use '/' between folders and contain no '\\' or ':'"
    if name.startswith("/"):
        return "the file name must be relative (no leading '/')"
    parts = name.split("/")
    if any(part in ("", ".", "..") for part in parts):
        return "the file name must not have empty, '.' or '..' parts"
    return None


def _name_problems(names: Iterable[str]) -> list[tuple[str, str]]:
    """(name, message) for every bad name, duplicate-ignoring-case and file/folder clash.

    Names are compared ignoring case because the package may be unpacked on Windows.
    """
    found: list[tuple[str, str]] = []
    seen: dict[str, str] = {}
    folders: dict[str, str] = {}
    good: list[str] = []
    for name in names:
        problem = _name_problem(name)
        if problem:
            found.append((repr(name)[:MAX_NAME], problem))  # repr: shows control chars safely
            continue
        folded = name.casefold()
        if folded in seen:
            other = seen[folded]
            what = "appears twice" if other == name else f"differs only in case from {other!r}"
            found.append((name, what))
            continue
        seen[folded] = name
        good.append(name)
        parts = folded.split("/")
        for i in range(1, len(parts)):
            folders.setdefault("/".join(parts[:i]), name)
    for name in good:
        if name.casefold() in folders:
            found.append((name, f"is both a file and a folder of {folders[name.casefold()]!r}"))
    return found


# ---------------------------------------------------------------- header


def _parse_header(raw: bytes, where: str) -> dict[str, Any]:
    """Check header.json and return its fields, raising every problem at once."""
    data = load_json_object(raw, where, "header.json: ")
    problems = Problems(where)
    version = _check_kind_and_format(data, problems)
    exam_id, texts = _exam_fields(data.get("exam"), problems)

    sessions = data.get("sessions", [])
    if not isinstance(sessions, list) or not all(isinstance(s, dict) for s in sessions):
        problems.add("must be a list of objects", field="sessions")
    counts = data.get("counts", {})
    if not isinstance(counts, dict) or not all(
        type(v) is int and v >= 0 for v in counts.values()
    ):
        problems.add("must map names to whole numbers of zero or more", field="counts")
    public = data.get("public", {})
    if not isinstance(public, dict):
        problems.add("must be an object", field="public")
    created_at = _utc_time(data.get("created_at"), problems)

    authority = data.get("authority")
    fp = authority.get("fingerprint") if isinstance(authority, dict) else None
    if not is_fingerprint(fp):
        problems.add("must be a fingerprint like 'SHA256:3f2a 91c0 …'",
                     field="authority.fingerprint")
    exam_key = data.get("exam_key")
    kid = exam_key.get("key_id") if isinstance(exam_key, dict) else None
    if not isinstance(kid, str) or not _KEY_ID.fullmatch(kid):
        problems.add("must be 16 lowercase hex digits", field="exam_key.key_id")
    nonce = _payload_nonce(data.get("payload"), problems)
    problems.raise_if_any()

    return {
        "format": version,
        "exam_id": exam_id,
        "title": texts["title"],
        "agency": texts["agency"],
        "sessions": sessions,
        "counts": counts,
        "created_at": created_at,
        "authority_fingerprint": fp,
        "key_id": kid,
        "public": public,
        "nonce": nonce,
    }


def _check_kind_and_format(data: dict[str, Any], problems: Problems) -> int:
    """The header's format; nothing else is read from a file that is not a package of a
    format this Ujikom knows (the problem is raised at once)."""
    if data.get("kind") != KIND:
        problems.add(f"not an Ujikom exam package (kind must be {KIND!r})", field="kind")
        problems.raise_if_any()
    version = data.get("format")
    if type(version) is not int or version != HEADER_FORMAT:
        problems.add(f"header format {version!r} is not supported (this Ujikom reads "
                     f"format {HEADER_FORMAT}); a newer Ujikom may read it", field="format")
        problems.raise_if_any()
    return HEADER_FORMAT


def _exam_fields(exam: object, problems: Problems) -> tuple[Any, dict[str, Any]]:
    """The exam's id and its title and agency (shown before the package is opened)."""
    if not isinstance(exam, dict):
        problems.add("must be an object with id, title and agency", field="exam")
    exam = exam if isinstance(exam, dict) else {}
    exam_id = exam.get("id")
    problem = exam_id_problem(exam_id)
    if problem:
        problems.add(problem, field="exam.id")
    texts = {}
    for key in ("title", "agency"):
        value = exam.get(key, "")
        if not isinstance(value, str) or len(value) > MAX_TEXT or not value.isprintable():
            problems.add(f"must be text of at most {MAX_TEXT} printable characters",
                         field=f"exam.{key}")
        texts[key] = value
    return exam_id, texts


def _utc_time(stamp: object, problems: Problems) -> datetime | None:
    try:
        if not isinstance(stamp, str):
            raise ValueError
        created_at = datetime.fromisoformat(stamp)
        offset = created_at.utcoffset()
        if offset is None or offset.total_seconds() != 0:
            raise ValueError
    except ValueError:
        problems.add("must be a UTC time like 2025-03-01T08:00:00Z", field="created_at")
        return None
    return created_at


def _payload_nonce(payload: object, problems: Problems) -> bytes:
    """The AES-GCM nonce of the encrypted payload, after its cipher and content check."""
    payload = payload if isinstance(payload, dict) else {}
    if payload.get("cipher") != CIPHER:
        problems.add(f"must be {CIPHER!r}", field="payload.cipher")
    if payload.get("content") != "zip":
        problems.add("must be 'zip'", field="payload.content")
    try:
        text = payload.get("nonce")
        if not isinstance(text, str):
            raise ValueError
        nonce = base64.b64decode(text, validate=True)
        if len(nonce) != 12:
            raise ValueError
    except (ValueError, binascii.Error):
        problems.add("must be 12 bytes in base64", field="payload.nonce")
        return b""
    return nonce


def _header(raw: bytes, where: str, payload_sha256: bytes, payload_size: int,
            signed_by: AuthorityPublic | None) -> PackageHeader:
    fields = _parse_header(raw, where)
    return PackageHeader(
        header_sha256=hashlib.sha256(raw).hexdigest(),
        payload_sha256=payload_sha256.hex(),
        payload_size=payload_size,
        signed_by=signed_by,
        raw=raw,
        **fields,
    )


def _signed_message(header_sha256: bytes, payload_sha256: bytes) -> bytes:
    return SIGNATURE_LABEL + header_sha256 + payload_sha256


# ---------------------------------------------------------------- writing


def _compressible(data: bytes) -> bool:
    # Media are mostly compressed already; deflating them again costs time for nothing.
    sample = data[:65536]
    return len(sample) >= 64 and len(zlib.compress(sample, 1)) < 0.9 * len(sample)


def _zip(files: Mapping[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in files.items():
            info = zipfile.ZipInfo(name, date_time=_ZIP_EPOCH)
            info.external_attr = 0o644 << 16
            info.compress_type = (
                zipfile.ZIP_DEFLATED if _compressible(data) else zipfile.ZIP_STORED
            )
            archive.writestr(info, bytes(data), compresslevel=6)
    return buffer.getvalue()


def _header_document(
    *, exam_id: str, title: str, agency: str, sessions: Sequence[Mapping[str, Any]],
    counts: Mapping[str, int] | None, public: Mapping[str, Any] | None,
    created_at: datetime, signer: Ed25519PrivateKey, key: bytes, nonce: bytes,
) -> dict[str, Any]:
    return {
        "kind": KIND,
        "format": HEADER_FORMAT,
        "exam": {"id": exam_id, "title": title, "agency": agency},
        "sessions": [dict(s) for s in sessions],
        "counts": dict(counts or {}),
        "created_at": _iso(created_at),
        "authority": {"fingerprint": fingerprint(signer.public_key())},
        "exam_key": {"key_id": key_id(key)},
        "payload": {"cipher": CIPHER, "nonce": base64.b64encode(nonce).decode("ascii"),
                    "content": "zip"},
        "public": dict(public or {}),
    }


def write_package(
    out: Path,
    *,
    exam_id: str,
    files: Mapping[str, bytes],
    signer: Ed25519PrivateKey,
    exam_key: ExamKey | bytes,
    title: str = "",
    agency: str = "",
    sessions: Sequence[Mapping[str, Any]] = (),
    counts: Mapping[str, int] | None = None,
    public: Mapping[str, Any] | None = None,
    created_at: datetime | None = None,
) -> PackageHeader:
    """Seal `files` into a package at `out`, replacing any file there atomically.

    The header carries `title`, `agency`, `sessions`, `counts` and `public` in the
    clear; `files` are encrypted with `exam_key`; `signer` (the authority's private
    key) signs the whole. Returns the header as `read_header` would report it.
    """
    out = Path(out)
    where = str(out)
    problems = Problems(where)
    problem = exam_id_problem(exam_id)
    if problem:
        problems.add(problem, field="exam_id")
    if isinstance(exam_key, ExamKey):
        if exam_key.exam_id != exam_id:
            problems.add(f"the exam key is for exam {exam_key.exam_id}, not {exam_id}")
        key = exam_key.key
    else:
        key = bytes(exam_key)
        if len(key) != KEY_BYTES:
            problems.add(f"an exam key is {KEY_BYTES} bytes, not {len(key)}")
    if len(files) > MAX_FILES:
        problems.add(f"{len(files)} files is more than a package holds ({MAX_FILES})")
    for name, message in _name_problems(files.keys()):
        problems.add(message, field=name)
    for name, data in files.items():
        if not isinstance(data, bytes | bytearray | memoryview):
            problems.add("the content must be bytes", field=str(name))
    problems.raise_if_any()
    unpacked = sum(len(data) for data in files.values())
    if unpacked > MAX_UNPACKED:
        problems.add(f"the files total {unpacked} bytes, more than a package holds "
                     f"({MAX_UNPACKED})")
    problems.raise_if_any()

    moment = (created_at or datetime.now(UTC)).replace(microsecond=0)
    if moment.tzinfo is None:
        raise ValueError("created_at must be timezone-aware")
    nonce = secrets.token_bytes(12)
    try:
        text = json.dumps(_header_document(
            exam_id=exam_id, title=title, agency=agency, sessions=sessions, counts=counts,
            public=public, created_at=moment, signer=signer, key=key, nonce=nonce,
        ), ensure_ascii=False, indent=2, allow_nan=False)
    except (TypeError, ValueError) as exc:
        raise fail(where, f"the header must be plain JSON data: {exc}") from None
    raw = text.encode("utf-8") + b"\n"
    if len(raw) > MAX_HEADER:
        raise fail(where, f"header.json would be {len(raw)} bytes, more than {MAX_HEADER}")
    _parse_header(raw, where)  # the writer must never make a header the reader refuses

    inner = _zip(files)
    if len(inner) + 16 > MAX_PAYLOAD:
        raise fail(where, f"the files take {len(inner)} bytes packed, more than a package "
                   f"holds ({MAX_PAYLOAD - 16})")
    payload = AESGCM(key).encrypt(nonce, inner, raw)
    del inner
    header_sha, payload_sha = hashlib.sha256(raw).digest(), hashlib.sha256(payload).digest()
    signature = signer.sign(_signed_message(header_sha, payload_sha))
    atomic_write(out, [
        _PREFIX,
        _SECTION.pack(_HEAD, len(raw)), raw,
        _SECTION.pack(_DATA, len(payload)), payload,
        _SECTION.pack(_SIGN, len(signature)), signature,
    ])
    return _header(raw, where, payload_sha, len(payload), None)


# ---------------------------------------------------------------- reading


@dataclass
class _Scan:
    header: bytes
    payload_sha256: bytes
    payload_size: int
    payload: bytes | None
    signature: bytes


def _scan(path: Path, keep_payload: bool) -> _Scan:
    """Read and check the framing; hash the payload, keeping it only when asked."""
    where = str(path)
    try:
        with open(path, "rb") as f:
            return _scan_file(f, where, keep_payload)
    except OSError as exc:
        raise fail(where, f"cannot read: {exc.strerror or exc}") from None


def _section(f: BinaryIO, where: str, pos: int, size: int, tag: bytes, name: str,
             limit: int) -> int:
    head = f.read(_SECTION.size)
    if len(head) < _SECTION.size:
        raise fail(where, f"truncated: the file ends at byte {size}, before {name}")
    found: bytes
    length: int
    found, length = _SECTION.unpack(head)
    if found != tag:
        raise fail(where, f"damaged: expected {name} at byte {pos}, found {found!r}")
    if length > limit:
        raise fail(where, f"damaged: {name} claims {length} bytes, more than {limit}")
    end = pos + _SECTION.size + length
    if end > size:
        raise fail(where, f"truncated: {name} runs to byte {end}, the file ends at {size}")
    return length


def _read_exact(f: BinaryIO, length: int, where: str, name: str) -> bytes:
    data = f.read(length)
    if len(data) != length:  # the file shrank while we read it
        raise fail(where, f"truncated while reading {name}")
    return data


def _scan_file(f: BinaryIO, where: str, keep_payload: bool) -> _Scan:
    size = os.fstat(f.fileno()).st_size
    if size == 0:
        raise fail(where, "not an Ujikom exam package: the file is empty")
    if size > MAX_PACKAGE:
        raise fail(where, f"{size} bytes is larger than an exam package may be")
    prefix = f.read(len(_PREFIX))
    if not MAGIC.startswith(prefix[: len(MAGIC)]):
        raise fail(where, "not an Ujikom exam package (it does not start with the "
                   "package marker)")
    if len(prefix) < len(_PREFIX):
        raise fail(where, f"truncated: the file ends at byte {size}, inside the marker")
    if prefix[-1] != CONTAINER_VERSION:
        raise fail(where, f"container version {prefix[-1]} is not supported (this Ujikom "
                   f"reads version {CONTAINER_VERSION})")
    pos = len(_PREFIX)

    length = _section(f, where, pos, size, _HEAD, "header.json", MAX_HEADER)
    header = _read_exact(f, length, where, "header.json")
    pos += _SECTION.size + length

    length = _section(f, where, pos, size, _DATA, "payload.bin", MAX_PAYLOAD)
    digest = hashlib.sha256()
    payload: bytes | None = None
    if keep_payload:
        payload = _read_exact(f, length, where, "payload.bin")
        digest.update(payload)
    else:  # inspect must not need memory the size of the package
        left = length
        while left:
            chunk = _read_exact(f, min(left, _CHUNK), where, "payload.bin")
            digest.update(chunk)
            left -= len(chunk)
    payload_size = length
    pos += _SECTION.size + length

    length = _section(f, where, pos, size, _SIGN, "signature", SIGNATURE_BYTES)
    if length != SIGNATURE_BYTES:
        raise fail(where, f"damaged: the signature is {length} bytes, not {SIGNATURE_BYTES}")
    signature = _read_exact(f, length, where, "signature")
    pos += _SECTION.size + length
    if pos != size or f.read(1):
        raise fail(where, f"damaged: {size - pos} unexpected bytes after the signature")
    return _Scan(header, digest.digest(), payload_size, payload, signature)


def _verify(scan: _Scan, trusted: Sequence[AuthorityPublic], where: str) -> AuthorityPublic:
    """The trusted authority that signed `scan`, or an InputError saying why none did."""
    message = _signed_message(hashlib.sha256(scan.header).digest(), scan.payload_sha256)
    for authority in trusted:
        try:
            authority.public_key.verify(scan.signature, message)
        except InvalidSignature:
            continue
        return authority
    # Nobody's signature: say whether the signer is a stranger or the file was changed.
    claimed = None
    try:
        data = json.loads(scan.header.decode("utf-8"))
        claimed = data["authority"]["fingerprint"]
    except (ValueError, KeyError, TypeError, RecursionError):
        pass
    if is_fingerprint(claimed):
        assert isinstance(claimed, str)
        known = {normalize_fingerprint(a.fingerprint) for a in trusted}
        if normalize_fingerprint(claimed) not in known:
            raise fail(where, f"signed by an unknown authority {claimed}")
    raise fail(where, "signature does not match: the file was altered")


def _checked_header(scan: _Scan, trusted: Sequence[AuthorityPublic] | None,
                    where: str) -> PackageHeader:
    signed_by = _verify(scan, trusted, where) if trusted is not None else None
    header = _header(scan.header, where, scan.payload_sha256, scan.payload_size, signed_by)
    if signed_by is not None and normalize_fingerprint(
        header.authority_fingerprint
    ) != normalize_fingerprint(signed_by.fingerprint):
        raise fail(where, f"the header names authority {header.authority_fingerprint} but "
                   f"the package is signed by {signed_by.fingerprint}")
    return header


def read_header(path: Path, trusted: Sequence[AuthorityPublic] | None = None) -> PackageHeader:
    """What the package at `path` is, without its key.

    With `trusted`, the signature must be from one of those authorities; without, the
    header is reported unverified (`signed_by` None) — fine for a look, not for trust.
    """
    path = Path(path)
    scan = _scan(path, keep_payload=False)
    return _checked_header(scan, trusted, str(path))


def open_package(
    path: Path, trusted: Sequence[AuthorityPublic], exam_key: ExamKey | bytes
) -> OpenedPackage:
    """Verify, then decrypt the package at `path`: signature, then key, then content."""
    path = Path(path)
    where = str(path)
    if trusted is None:  # None means "don't check" to read_header; here it never may
        raise TypeError("open_package needs the trusted authorities")
    scan = _scan(path, keep_payload=True)
    header = _checked_header(scan, trusted, where)

    if isinstance(exam_key, ExamKey):
        if exam_key.exam_id != header.exam_id:
            raise fail(where, f"this key is for exam {exam_key.exam_id}, not {header.exam_id}")
        key = exam_key.key
    else:
        key = bytes(exam_key)
        if len(key) != KEY_BYTES:
            raise fail(where, f"wrong key: an exam key is {KEY_BYTES} bytes, not {len(key)}")
    if key_id(key) != header.key_id:
        raise fail(where, f"wrong key: this package needs key {header.key_id}, "
                   f"the key given is {key_id(key)}")

    assert scan.payload is not None
    try:
        inner = AESGCM(key).decrypt(header.nonce, scan.payload, scan.header)
    except InvalidTag:
        raise fail(where, "cannot decrypt: wrong key or altered payload") from None
    return OpenedPackage(header, _unzip(inner, where))


def _unzip(inner: bytes, where: str) -> dict[str, bytes]:
    """The files of the decrypted payload, within `exam_bank.safezip.PACKAGE`'s caps and
    the writer's own (file count, names)."""
    what = "payload.bin: "
    try:
        with open_zip(inner, PACKAGE) as archive:
            if len(archive.infos) > MAX_FILES:
                raise fail(where, f"{what}{len(archive.infos)} files, more than {MAX_FILES}")
            problems = Problems(where)
            for name, message in _name_problems(archive.names()):
                problems.add(what + message, field=name)
            problems.raise_if_any()
            return archive.read_all()
    except ZipRefused as exc:
        raise fail(where, what + exc.message,
                   **({"field": exc.member} if exc.member else {})) from None
