"""The passphrase wrap shared by the authority key and the exam keys."""

from __future__ import annotations

import base64

import pytest

from exam_bank.crypto import wrap
from exam_bank.problems import InputError, Problems

FAST = 2**10
PASS = b"passphrase for tests"
SECRET = bytes(range(32))
AAD = b'["test-kind/1", "name"]'


def _read(fields, size=32):
    problems = Problems("k.json")
    sealed = wrap.read_sealed(fields, size, problems)
    problems.raise_if_any()
    return sealed


def test_round_trip_and_fields():
    fields = wrap.wrap(SECRET, PASS, AAD, scrypt_n=FAST)
    assert set(fields) == set(wrap.FIELDS)
    assert fields["kdf"]["n"] == FAST and fields["cipher"] == "AES-256-GCM"
    assert SECRET not in base64.b64decode(fields["wrapped"])
    assert wrap.unwrap(_read(fields), PASS, AAD, where="k.json", failure="nope") == SECRET
    again = wrap.wrap(SECRET, PASS, AAD, scrypt_n=FAST)
    assert again["kdf"]["salt"] != fields["kdf"]["salt"] and again["nonce"] != fields["nonce"]


@pytest.mark.parametrize(("passphrase", "aad"),
                         [(b"wrong passphrase", AAD), (b"", AAD), (PASS, AAD + b" ")])
def test_wrong_passphrase_or_context_fails_cleanly(passphrase, aad):
    sealed = _read(wrap.wrap(SECRET, PASS, AAD, scrypt_n=FAST))
    with pytest.raises(InputError, match=r"^k\.json: nope$"):
        wrap.unwrap(sealed, passphrase, aad, where="k.json", failure="nope")


@pytest.mark.parametrize("n", [0, 1, 1000, 2**25, True, 2**20])
def test_writer_refuses_parameters_the_reader_would_refuse(n):
    with pytest.raises(ValueError):
        wrap.wrap(SECRET, PASS, AAD, scrypt_n=n)


def test_reader_caps_cost_before_running_it():
    fields = wrap.wrap(SECRET, PASS, AAD, scrypt_n=FAST)
    fields["kdf"].update(n=2**18, r=64)
    with pytest.raises(InputError, match="cost too much"):
        _read(fields)
    fields["kdf"].update(n=2**15, r=8, p=64)
    with pytest.raises(InputError, match="cost too much"):
        _read(fields)


def test_secret_length_is_checked():
    fields = wrap.wrap(SECRET, PASS, AAD, scrypt_n=FAST)
    with pytest.raises(InputError, match="wrong length") as info:
        _read(fields, size=64)
    assert info.value.problems[0].field == "wrapped"
