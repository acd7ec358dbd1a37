"""The authority key pair: files, encryption at rest, fingerprints, refusals."""

from __future__ import annotations

import base64
import hashlib
import os
import re
import stat
import sys

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from exam_bank.crypto.authority import (
    KEY_FILE,
    PUBLIC_FILE,
    AuthorityPublic,
    create_authority,
    fingerprint,
    is_fingerprint,
    load_authority_private,
    load_authority_public,
    normalize_fingerprint,
)
from exam_bank.problems import InputError

PASS = b"kunci rahasia BKPP"


@pytest.fixture
def authority(tmp_path):
    public = create_authority(tmp_path / "auth", "BKPP Kota Contoh", PASS)
    return tmp_path / "auth", public


def test_create_then_load_round_trip(authority):
    directory, public = authority
    private = load_authority_private(directory / KEY_FILE, PASS)
    assert private.public_key().public_bytes_raw() == public.raw()
    loaded = load_authority_public(directory / PUBLIC_FILE)
    assert loaded == public
    assert loaded.name == "BKPP Kota Contoh"
    assert loaded.fingerprint == fingerprint(private.public_key())
    signature = private.sign(b"hello")
    loaded.public_key.verify(signature, b"hello")  # raises if the pair does not match


def test_private_key_is_encrypted_pem_and_private(authority):
    directory, _ = authority
    path = directory / KEY_FILE
    pem = path.read_bytes()
    assert pem.startswith(b"-----BEGIN ENCRYPTED PRIVATE KEY-----")
    if sys.platform != "win32":
        assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    raw = load_authority_private(path, PASS).private_bytes_raw()
    der = base64.b64decode(b"".join(pem.splitlines()[1:-1]))
    for blob in (pem, der):
        assert raw not in blob
        assert raw.hex().encode() not in blob
    assert base64.b64encode(raw) not in pem


def test_wrong_passphrase_is_a_clear_error(authority):
    directory, _ = authority
    with pytest.raises(InputError, match=r"wrong passphrase for authority\.key"):
        load_authority_private(directory / KEY_FILE, b"not the passphrase")
    with pytest.raises(InputError, match="wrong passphrase"):
        load_authority_private(directory / KEY_FILE, b"")


def test_refuses_to_overwrite_an_authority(authority):
    directory, public = authority
    before = (directory / KEY_FILE).read_bytes()
    with pytest.raises(InputError, match="already exists"):
        create_authority(directory, "Another", PASS)
    assert (directory / KEY_FILE).read_bytes() == before
    assert load_authority_public(directory / PUBLIC_FILE) == public


def test_refuses_empty_name_or_passphrase(tmp_path):
    with pytest.raises(InputError, match="name"):
        create_authority(tmp_path, "  ", PASS)
    with pytest.raises(InputError, match="passphrase"):
        create_authority(tmp_path, "BKPP", b"")
    assert not any(tmp_path.iterdir())


def test_fingerprint_format_is_stable():
    key = Ed25519PrivateKey.from_private_bytes(bytes(range(32))).public_key()
    digest = hashlib.sha256(key.public_bytes_raw()).hexdigest()
    text = fingerprint(key)
    assert re.fullmatch(r"SHA256:[0-9a-f]{4}( [0-9a-f]{4}){15}", text)
    assert text.replace("SHA256:", "").replace(" ", "") == digest
    assert fingerprint(key) == text  # same key, same text
    assert is_fingerprint(text)
    assert normalize_fingerprint("  sha256:" + digest.upper()) == digest
    other = Ed25519PrivateKey.generate().public_key()
    assert fingerprint(other) != text


def test_edited_public_file_is_refused(authority):
    directory, _ = authority
    path = directory / PUBLIC_FILE
    text = path.read_text()
    fp = re.search(r'fingerprint = "([^"]+)"', text).group(1)
    path.write_text(text.replace(fp, fp[:-1] + ("0" if fp[-1] != "0" else "1")))
    with pytest.raises(InputError, match="does not match the public key") as info:
        load_authority_public(path)
    expected = next(n for n, line in enumerate(text.splitlines(), 1)
                    if line.startswith("fingerprint"))
    assert info.value.problems[0].line == expected


def test_public_file_with_another_key_type_is_refused(tmp_path, authority):
    from cryptography.hazmat.primitives.asymmetric import ec

    directory, _ = authority
    text = (directory / PUBLIC_FILE).read_text()
    ec_pem = ec.generate_private_key(ec.SECP256R1()).public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    ).decode()
    start, end = text.index("-----BEGIN"), text.index("-----END PUBLIC KEY-----") + 24
    path = tmp_path / "other.pub"
    path.write_text(text[:start] + ec_pem.strip() + text[end:])
    with pytest.raises(InputError, match="not an Ed25519 key"):
        load_authority_public(path)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "not an Ujikom authority file"),
        (b"format = 'ujikom-authority/1'\nname = 'x'\n", "public_key"),
        (b"this is = = not toml", "TOML syntax"),
        (b"\xff\xfe", "UTF-8"),
    ],
)
def test_bad_public_files(tmp_path, content, message):
    path = tmp_path / PUBLIC_FILE
    path.write_bytes(content)
    with pytest.raises(InputError, match=message) as info:
        load_authority_public(path)
    assert str(path) in str(info.value)


def test_missing_or_clear_private_key_is_refused(tmp_path):
    with pytest.raises(InputError, match="cannot read"):
        load_authority_private(tmp_path / KEY_FILE, PASS)
    clear = Ed25519PrivateKey.generate().private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    (tmp_path / KEY_FILE).write_bytes(clear)
    with pytest.raises(InputError, match="in the clear"):
        load_authority_private(tmp_path / KEY_FILE, PASS)


def test_authorities_compare_by_key_and_name():
    key = Ed25519PrivateKey.generate().public_key()
    a, b = AuthorityPublic.of("A", key), AuthorityPublic.of("A", key)
    assert a == b and hash(a) == hash(b)
    assert a != AuthorityPublic.of("B", key)
    assert a != AuthorityPublic.of("A", Ed25519PrivateKey.generate().public_key())
