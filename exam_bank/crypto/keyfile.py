"""A secret kept in a small JSON file, wrapped under a passphrase (`exam_bank.crypto.wrap`).

The results store's key and the lab's TLS keys are such files. Each names its format and
a label (the store it opens, the key's owner); both are bound into the AES-GCM associated
data, so a file relabelled or passed off as another kind does not open.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from exam_bank.crypto import wrap
from exam_bank.crypto._files import fail, load_json_object, read_small, write_new_file
from exam_bank.problems import Problems

_MAX_FILE = 64 * 1024


@dataclass(frozen=True)
class KeyFileKind:
    format: str  # the file's "format" value
    label: str  # the field naming what the key is for ("store", "name")
    secret_bytes: int
    what: str  # for errors: "an Ujikom lab key file"


def _aad(kind: KeyFileKind, label: str) -> bytes:
    return json.dumps([kind.format, label]).encode("utf-8")


def key_file_bytes(kind: KeyFileKind, label: str, secret: bytes, passphrase: bytes, *,
                   scrypt_n: int | None = None) -> bytes:
    """A key file's content: `secret` wrapped under `passphrase`, labelled `label`."""
    document = {"format": kind.format, kind.label: label,
                **wrap.wrap(secret, passphrase, _aad(kind, label), scrypt_n=scrypt_n)}
    return (json.dumps(document, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def write_key_file(path: Path, kind: KeyFileKind, label: str, secret: bytes,
                   passphrase: bytes, *, scrypt_n: int | None = None) -> None:
    """Write a new key file (0600); an InputError rather than replace one."""
    data = key_file_bytes(kind, label, secret, passphrase, scrypt_n=scrypt_n)
    try:
        write_new_file(Path(path), data, 0o600)
    except FileExistsError:
        raise fail(path, f"already exists; refusing to overwrite {kind.what}") from None


def read_key_file(path: Path, kind: KeyFileKind, passphrase: bytes) -> tuple[str, bytes]:
    """(label, secret) of a key file; an InputError naming the file and field when it is
    not one of `kind`, was altered, or the passphrase is wrong."""
    path = Path(path)
    data = load_json_object(read_small(path, _MAX_FILE, kind.what), str(path))
    problems = Problems(str(path))
    if data.get("format") != kind.format:
        problems.add(f"not {kind.what} (format must be {kind.format!r})", field="format")
        problems.raise_if_any()
    label = data.get(kind.label)
    if not isinstance(label, str):
        problems.add("must be a string", field=kind.label)
    sealed = wrap.read_sealed(data, kind.secret_bytes, problems)
    problems.raise_if_any()
    assert isinstance(label, str)
    # GCM cannot tell a wrong passphrase from an edit; the first is far more common.
    return label, wrap.unwrap(sealed, passphrase, _aad(kind, label), where=path,
                              failure="wrong passphrase, or the key file was altered")
