"""Per-exam keys and their passphrase-wrapped key files."""

from __future__ import annotations

import base64
import json
import os
import stat
import sys

import pytest

from exam_bank.crypto import examkey
from exam_bank.crypto.examkey import (
    ExamKey,
    key_id,
    new_exam_key,
    read_exam_key,
    write_exam_key,
)
from exam_bank.problems import InputError

FAST = 2**10  # scrypt n for tests; the default is exercised once below
PASS = b"token hari ujian"


@pytest.fixture
def key_file(tmp_path):
    key = new_exam_key()
    path = tmp_path / "CPNS-2025-01.examkey"
    write_exam_key(path, "CPNS-2025-01", key, PASS, scrypt_n=FAST)
    return path, key


def test_new_keys_are_random_32_bytes():
    keys = {new_exam_key() for _ in range(50)}
    assert len(keys) == 50
    assert all(len(k) == 32 for k in keys)


def test_key_id_is_short_stable_and_not_the_key():
    key = bytes(range(32))
    kid = key_id(key)
    assert kid == key_id(key) and len(kid) == 16
    int(kid, 16)
    assert kid not in key.hex()
    assert key_id(bytes(32)) != kid
    with pytest.raises(ValueError):
        key_id(b"short")


def test_round_trip(key_file):
    path, key = key_file
    unlocked = read_exam_key(path, PASS)
    assert unlocked == ExamKey("CPNS-2025-01", key_id(key), key)
    assert key.hex() not in repr(unlocked)


def test_default_scrypt_parameters(tmp_path):
    key = new_exam_key()
    path = tmp_path / "k.examkey"
    write_exam_key(path, "E1", key, PASS)
    kdf = json.loads(path.read_text())["kdf"]
    assert (kdf["n"], kdf["r"], kdf["p"]) == (examkey.SCRYPT_N, 8, 1) == (2**15, 8, 1)
    assert read_exam_key(path, PASS).key == key


def test_file_holds_no_key_and_is_private(key_file):
    path, key = key_file
    raw = path.read_bytes()
    for form in (key, key.hex().encode(), base64.b64encode(key), base64.b64encode(key)[:40]):
        assert form not in raw
    data = json.loads(raw)
    assert set(data) == {"format", "exam_id", "key_id", "kdf", "cipher", "nonce", "wrapped"}
    assert data["kdf"]["name"] == "scrypt" and data["key_id"] == key_id(key)
    if sys.platform != "win32":
        assert stat.S_IMODE(os.stat(path).st_mode) == 0o600


def test_wrong_passphrase_names_the_file(key_file):
    path, _ = key_file
    with pytest.raises(InputError, match="wrong passphrase") as info:
        read_exam_key(path, b"tebakan")
    assert info.value.problems[0].where == str(path)
    with pytest.raises(InputError, match="wrong passphrase"):
        read_exam_key(path, b"")


@pytest.mark.parametrize(
    "edit",
    [
        lambda d: d.update(exam_id="CPNS-2025-02"),
        lambda d: d.update(key_id="0123456789abcdef"),
        lambda d: d["kdf"].update(n=2**11),
        lambda d: d["kdf"].update(r=4),
        lambda d: d["kdf"].update(salt=base64.b64encode(b"x" * 16).decode()),
        lambda d: d.update(nonce=base64.b64encode(b"n" * 12).decode()),
        lambda d: d.update(wrapped=base64.b64encode(b"w" * 48).decode()),
    ],
)
def test_edited_file_is_refused(key_file, edit):
    path, _ = key_file
    data = json.loads(path.read_text())
    edit(data)
    path.write_text(json.dumps(data))
    with pytest.raises(InputError, match="altered") as info:
        read_exam_key(path, PASS)
    assert str(path) in str(info.value)


@pytest.mark.parametrize(
    ("edit", "field"),
    [
        (lambda d: d.update(format="other"), "format"),
        (lambda d: d.update(exam_id=""), "exam_id"),
        (lambda d: d.update(key_id="XYZ"), "key_id"),
        (lambda d: d["kdf"].update(n=1000), "kdf.n"),
        (lambda d: d["kdf"].update(n=True), "kdf.n"),
        (lambda d: d["kdf"].update(n=2**24), "kdf"),  # would take far too long: not run
        (lambda d: d["kdf"].update(name="pbkdf2"), "kdf"),
        (lambda d: d.update(nonce="***"), "nonce"),
        (lambda d: d.update(wrapped=base64.b64encode(b"w" * 10).decode()), "wrapped"),
        (lambda d: d.update(cipher="ROT13"), "cipher"),
    ],
)
def test_malformed_fields_are_named(key_file, edit, field):
    path, _ = key_file
    data = json.loads(path.read_text())
    edit(data)
    path.write_text(json.dumps(data))
    with pytest.raises(InputError) as info:
        read_exam_key(path, PASS)
    assert field in [p.field for p in info.value.problems]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "JSON syntax"),
        (b"{", "JSON syntax"),
        (b"[]", "JSON object"),
        (b'{"format": 1, "format": 2}', "duplicate key"),
        (b"\xff", "UTF-8"),
        (b" " * 70_000, "too large"),
    ],
)
def test_garbage_files_are_refused(tmp_path, content, message):
    path = tmp_path / "bad.examkey"
    path.write_bytes(content)
    with pytest.raises(InputError, match=message):
        read_exam_key(path, PASS)


def test_refuses_to_overwrite_a_key_file(key_file):
    path, key = key_file
    before = path.read_bytes()
    with pytest.raises(InputError, match="refusing to overwrite"):
        write_exam_key(path, "CPNS-2025-01", new_exam_key(), PASS, scrypt_n=FAST)
    assert path.read_bytes() == before
    assert read_exam_key(path, PASS).key == key


def test_write_refuses_bad_input(tmp_path):
    with pytest.raises(InputError, match="exam id"):
        write_exam_key(tmp_path / "a", "", new_exam_key(), PASS, scrypt_n=FAST)
    with pytest.raises(InputError, match="passphrase"):
        write_exam_key(tmp_path / "b", "E", new_exam_key(), b"", scrypt_n=FAST)
    with pytest.raises(ValueError):
        write_exam_key(tmp_path / "c", "E", b"short", PASS, scrypt_n=FAST)
    assert not any(tmp_path.iterdir())


def test_exam_key_checks_itself():
    key = new_exam_key()
    with pytest.raises(ValueError):
        ExamKey("E", "0" * 16, key)
    with pytest.raises(ValueError):
        ExamKey("E", key_id(key), key[:31])
