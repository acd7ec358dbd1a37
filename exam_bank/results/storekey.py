"""The results store's encryption key: random, kept wrapped under the office passphrase.

A SQLite results store (`hasil.db`: names, NIPs, scores, papers) is SQLCipher, like the
kiosk's store and the proctor's replica. Its key is 32 random bytes kept beside it in
``hasil.db.key`` (0600), wrapped with scrypt + AES-256-GCM under the office's passphrase
(`exam_bank.crypto.wrap`, as the authority and exam keys are), so the key is never on
disk in the clear and changing the passphrase never re-encrypts the data. Keep the two
files together in backups: without the key file the store cannot be opened.
PostgreSQL stores are the server's to protect and need no key.
"""

from __future__ import annotations

import json
import secrets
from pathlib import Path

from exam_bank.crypto import wrap
from exam_bank.crypto._files import fail, load_json_object, read_small, write_new_file
from exam_bank.problems import Problems

KEY_FORMAT = "ujikom-results-store-key-1"
KEY_BYTES = 32
_MAX_FILE = 64 * 1024


def key_path(store: Path) -> Path:
    return store.with_name(store.name + ".key")


def _aad(store_name: str) -> bytes:
    return json.dumps([KEY_FORMAT, store_name]).encode("utf-8")


def new_store_key(store: Path, passphrase: bytes, *, scrypt_n: int | None = None) -> bytes:
    """A fresh key for a new store, written wrapped to `key_path(store)` (0600)."""
    key = secrets.token_bytes(KEY_BYTES)
    document = {"format": KEY_FORMAT, "store": store.name,
                **wrap.wrap(key, passphrase, _aad(store.name), scrypt_n=scrypt_n)}
    path = key_path(store)
    try:
        write_new_file(path, (json.dumps(document, indent=2) + "\n").encode("utf-8"), 0o600)
    except FileExistsError:
        raise fail(path, "already exists: refusing to replace a store's key") from None
    return key


def read_store_key(store: Path, passphrase: bytes) -> bytes:
    """The key of an existing store; InputError naming the key file when it is missing,
    altered, or the passphrase is wrong."""
    path = key_path(store)
    if not path.exists():
        raise fail(path, f"missing: the key of {store.name} is kept in this file beside it "
                   "(restore it from the backup that holds the store)")
    data = load_json_object(read_small(path, _MAX_FILE, "a store key file"), str(path))
    problems = Problems(str(path))
    if data.get("format") != KEY_FORMAT:
        problems.add(f"not an Ujikom results-store key (format must be {KEY_FORMAT!r})",
                     field="format")
        problems.raise_if_any()
    name = data.get("store")
    if not isinstance(name, str):
        problems.add("must be a string", field="store")
    sealed = wrap.read_sealed(data, KEY_BYTES, problems)
    problems.raise_if_any()
    assert isinstance(name, str)
    return wrap.unwrap(sealed, passphrase, _aad(name), where=path,
                       failure="wrong passphrase, or the key file was altered")
