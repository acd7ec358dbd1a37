"""One reader for the wrapped key files: the results store's key and the lab's TLS keys
are both 32 secret bytes under a passphrase, and neither is taken for the other."""

from __future__ import annotations

from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric import ec

from exam_bank.problems import InputError
from exam_bank.results.storekey import key_path, new_store_key, read_store_key
from exam_bank.wire import tls

PASS = b"one passphrase for both"


def test_a_store_key_is_not_a_lab_key_nor_the_reverse(tmp_path: Path) -> None:
    store = tmp_path / "hasil.db"
    secret = new_store_key(store, PASS, scrypt_n=2**4)
    assert read_store_key(store, PASS) == secret
    with pytest.raises(InputError) as info:
        tls.read_key_file(key_path(store), PASS)
    assert info.value.problems[0].field == "format"
    assert "lab key file" in str(info.value)

    lab_key = tmp_path / "kiosk.key"
    tls.write_key_file(lab_key, ec.generate_private_key(ec.SECP256R1()), "hasil.db", PASS,
                       scrypt_n=2**4)
    lab_key.replace(key_path(store))  # the same label, beside the store
    with pytest.raises(InputError) as info:
        read_store_key(store, PASS)
    assert info.value.problems[0].field == "format"
    assert "results-store key" in str(info.value)


def test_a_store_key_is_never_replaced(tmp_path: Path) -> None:
    store = tmp_path / "hasil.db"
    first = new_store_key(store, PASS, scrypt_n=2**4)
    with pytest.raises(InputError, match="refusing to overwrite"):
        new_store_key(store, PASS, scrypt_n=2**4)
    assert read_store_key(store, PASS) == first
