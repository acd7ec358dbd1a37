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

import secrets
from pathlib import Path

from exam_bank.crypto._files import fail
from exam_bank.crypto.keyfile import KeyFileKind, read_key_file, write_key_file

KEY_BYTES = 32
KEY_FILE = KeyFileKind("ujikom-results-store-key-1", "store", KEY_BYTES,
                       "an Ujikom results-store key")


def key_path(store: Path) -> Path:
    return store.with_name(store.name + ".key")


def new_store_key(store: Path, passphrase: bytes, *, scrypt_n: int | None = None) -> bytes:
    """A fresh key for a new store, written wrapped to `key_path(store)` (0600)."""
    key = secrets.token_bytes(KEY_BYTES)
    write_key_file(key_path(store), KEY_FILE, store.name, key, passphrase, scrypt_n=scrypt_n)
    return key


def read_store_key(store: Path, passphrase: bytes) -> bytes:
    """The key of an existing store; InputError naming the key file when it is missing,
    altered, or the passphrase is wrong."""
    path = key_path(store)
    if not path.exists():
        raise fail(path, f"missing: the key of {store.name} is kept in this file beside it "
                   "(restore it from the backup that holds the store)")
    return read_key_file(path, KEY_FILE, passphrase)[1]
