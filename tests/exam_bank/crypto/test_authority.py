"""The authority key pair: files, encryption at rest, fingerprints, refusals."""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import stat
import sys

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from exam_bank.crypto import authority as authority_module
from exam_bank.crypto import wrap
from exam_bank.crypto.authority import (
    KEY_FILE,
    KEY_FORMAT,
    PUBLIC_FILE,
    AuthorityPublic,
    create_authority,
    fingerprint,
    is_fingerprint,
    load_authority,
    load_authority_private,
    load_authority_public,
    normalize_fingerprint,
)
from exam_bank.problems import InputError

PASS = b"kunci rahasia BKPP"
FAST = 2**10  # scrypt n for tests; the default is exercised once below


@pytest.fixture
def authority(tmp_path):
    public = create_authority(tmp_path / "auth", "BKPP Kota Contoh", PASS, scrypt_n=FAST)
    return tmp_path / "auth", public


def _edit_key_file(path, edit):
    data = json.loads(path.read_text())
    edit(data)
    path.write_text(json.dumps(data))


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


def test_key_file_is_wrapped_and_private(authority):
    directory, public = authority
    path = directory / KEY_FILE
    content = path.read_bytes()
    if sys.platform != "win32":
        assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    private = load_authority_private(path, PASS)
    raw = private.private_bytes_raw()
    pkcs8 = private.private_bytes(serialization.Encoding.DER,
                                  serialization.PrivateFormat.PKCS8,
                                  serialization.NoEncryption())
    for form in (raw, raw.hex().encode(), raw.hex().upper().encode(), base64.b64encode(raw),
                 base64.b64encode(raw)[:40], base64.urlsafe_b64encode(raw)[:40],
                 base64.b64encode(pkcs8)[:40]):
        assert form not in content
    assert b"PRIVATE KEY" not in content
    data = json.loads(content)
    assert set(data) == {"format", "name", "fingerprint", "kdf", "cipher", "nonce",
                         "wrapped"}
    assert data["format"] == KEY_FORMAT == "ujikom-authority-key/1"
    assert (data["name"], data["fingerprint"]) == (public.name, public.fingerprint)
    assert data["kdf"]["name"] == "scrypt" and data["cipher"] == "AES-256-GCM"
    assert len(base64.b64decode(data["wrapped"])) == 32 + 16


def test_default_scrypt_parameters(tmp_path):
    public = create_authority(tmp_path, "BKPP", PASS)
    kdf = json.loads((tmp_path / KEY_FILE).read_text())["kdf"]
    assert (kdf["n"], kdf["r"], kdf["p"]) == (wrap.SCRYPT_N, 8, 1) == (2**15, 8, 1)
    private = load_authority_private(tmp_path / KEY_FILE, PASS)
    assert private.public_key().public_bytes_raw() == public.raw()


def test_wrong_passphrase_is_a_clear_error(authority):
    directory, _ = authority
    path = directory / KEY_FILE
    with pytest.raises(InputError, match=r"wrong passphrase for authority\.key") as info:
        load_authority_private(path, b"not the passphrase")
    assert info.value.problems[0].where == str(path)
    assert "Traceback" not in str(info.value)
    with pytest.raises(InputError, match="wrong passphrase"):
        load_authority_private(path, b"")
    with pytest.raises(InputError, match="wrong passphrase"):
        load_authority_private(path, PASS + b" ")


@pytest.mark.parametrize(
    "edit",
    [
        lambda d: d.update(name="BKPP Kota Lain"),
        lambda d: d.update(fingerprint=fingerprint(
            Ed25519PrivateKey.generate().public_key())),
        lambda d: d["kdf"].update(n=2**11),
        lambda d: d["kdf"].update(r=4),
        lambda d: d["kdf"].update(p=2),
        lambda d: d["kdf"].update(salt=base64.b64encode(b"x" * 16).decode()),
        lambda d: d.update(nonce=base64.b64encode(b"n" * 12).decode()),
        lambda d: d.update(wrapped=base64.b64encode(b"w" * 48).decode()),
    ],
)
def test_edited_key_file_is_refused(authority, edit):
    directory, _ = authority
    path = directory / KEY_FILE
    _edit_key_file(path, edit)
    with pytest.raises(InputError, match="altered") as info:
        load_authority_private(path, PASS)
    assert info.value.problems[0].where == str(path)


@pytest.mark.parametrize(
    ("edit", "field"),
    [
        (lambda d: d.update(format="ujikom-exam-key/1"), "format"),
        (lambda d: d.update(name=""), "name"),
        (lambda d: d.update(fingerprint="SHA256:1234"), "fingerprint"),
        (lambda d: d["kdf"].update(n=1000), "kdf.n"),
        (lambda d: d["kdf"].update(n=2**24), "kdf"),  # would take far too long: not run
        (lambda d: d["kdf"].update(name="pbkdf2"), "kdf"),
        (lambda d: d.update(cipher="AES-128-CBC"), "cipher"),
        (lambda d: d.update(wrapped=base64.b64encode(b"w" * 32).decode()), "wrapped"),
    ],
)
def test_malformed_key_fields_are_named(authority, edit, field):
    directory, _ = authority
    path = directory / KEY_FILE
    _edit_key_file(path, edit)
    with pytest.raises(InputError) as info:
        load_authority_private(path, PASS)
    assert field in [p.field for p in info.value.problems]


def test_key_that_does_not_match_its_fingerprint_is_refused(tmp_path):
    # Only someone holding the passphrase could make this file; refuse it all the same.
    stated = AuthorityPublic.of("BKPP", Ed25519PrivateKey.generate().public_key())
    other = Ed25519PrivateKey.generate().private_bytes_raw()
    aad = authority_module._key_aad(stated.name, stated.fingerprint)
    document = {"format": KEY_FORMAT, "name": stated.name, "fingerprint": stated.fingerprint,
                **wrap.wrap(other, PASS, aad, scrypt_n=FAST)}
    path = tmp_path / KEY_FILE
    path.write_text(json.dumps(document))
    with pytest.raises(InputError, match="does not match its fingerprint"):
        load_authority_private(path, PASS)


def test_load_authority_checks_the_pair(tmp_path, authority):
    directory, public = authority
    loaded, private = load_authority(directory, PASS)
    assert loaded == public
    assert private.public_key().public_bytes_raw() == public.raw()
    other = create_authority(tmp_path / "other", "BKPP Kota Contoh", PASS, scrypt_n=FAST)
    (directory / PUBLIC_FILE).write_bytes((tmp_path / "other" / PUBLIC_FILE).read_bytes())
    with pytest.raises(InputError, match="belongs to the authority") as info:
        load_authority(directory, PASS)
    assert other.fingerprint in str(info.value) and public.fingerprint in str(info.value)
    with pytest.raises(InputError, match="belongs to the authority"):
        load_authority_private(directory / KEY_FILE, b"any", expect=other)


def test_refuses_to_overwrite_an_authority(authority):
    directory, public = authority
    before = (directory / KEY_FILE).read_bytes()
    with pytest.raises(InputError, match="already exists"):
        create_authority(directory, "Another", PASS, scrypt_n=FAST)
    assert (directory / KEY_FILE).read_bytes() == before
    assert load_authority_public(directory / PUBLIC_FILE) == public


def test_refuses_empty_name_or_short_passphrase(tmp_path):
    with pytest.raises(InputError, match="name"):
        create_authority(tmp_path, "  ", PASS, scrypt_n=FAST)
    for short in (b"", b"1234567"):
        with pytest.raises(InputError, match="at least 8 bytes"):
            create_authority(tmp_path, "BKPP", short, scrypt_n=FAST)
    assert not any(tmp_path.iterdir())
    create_authority(tmp_path, "BKPP", b"12345678", scrypt_n=FAST)
    assert load_authority_private(tmp_path / KEY_FILE, b"12345678")


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


def test_missing_clear_or_old_private_key_is_refused(tmp_path):
    path = tmp_path / KEY_FILE
    with pytest.raises(InputError, match="cannot read"):
        load_authority_private(path, PASS)
    key = Ed25519PrivateKey.generate()
    clear = key.private_bytes(serialization.Encoding.PEM,
                              serialization.PrivateFormat.PKCS8,
                              serialization.NoEncryption())
    path.write_bytes(clear)
    with pytest.raises(InputError, match="in the clear"):
        load_authority_private(path, PASS)
    old = key.private_bytes(serialization.Encoding.PEM,
                            serialization.PrivateFormat.PKCS8,
                            serialization.BestAvailableEncryption(PASS))
    path.write_bytes(old)
    with pytest.raises(InputError, match="old PKCS#8 format") as info:
        load_authority_private(path, PASS)
    assert info.value.problems[0].where == str(path)


@pytest.mark.parametrize(
    ("content", "message"),
    [(b"", "JSON syntax"), (b"[]", "JSON object"), (b"\xff", "UTF-8"),
     (b" " * 70_000, "too large")],
)
def test_garbage_key_files_are_refused(tmp_path, content, message):
    path = tmp_path / KEY_FILE
    path.write_bytes(content)
    with pytest.raises(InputError, match=message):
        load_authority_private(path, PASS)


def test_authorities_compare_by_key_and_name():
    key = Ed25519PrivateKey.generate().public_key()
    a, b = AuthorityPublic.of("A", key), AuthorityPublic.of("A", key)
    assert a == b and hash(a) == hash(b)
    assert a != AuthorityPublic.of("B", key)
    assert a != AuthorityPublic.of("A", Ed25519PrivateKey.generate().public_key())
