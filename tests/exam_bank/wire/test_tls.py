"""Lab key files (wrapped, never in the clear) and the TLS contexts built from them."""

from __future__ import annotations

import json
import ssl
import tempfile
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric import ec

from exam_bank.bundle.certs import make_lab_ca, make_proctor_tls
from exam_bank.problems import InputError
from exam_bank.wire import tls
from exam_bank.wire.protocol import PROCTOR_NAME

PASS = b"kiosk-key-passphrase"


def test_a_key_file_round_trips_and_holds_no_clear_key(tmp_path: Path) -> None:
    key = ec.generate_private_key(ec.SECP256R1())
    path = tmp_path / "kiosk.key"
    tls.write_key_file(path, key, "pc-01", PASS, scrypt_n=2**4)
    text = path.read_text()
    assert "PRIVATE KEY" not in text
    scalar = key.private_numbers().private_value.to_bytes(32, "big")
    assert scalar.hex() not in text and scalar not in path.read_bytes()
    assert path.stat().st_mode & 0o077 == 0
    again = tls.read_key_file(path, PASS)
    assert again.private_numbers() == key.private_numbers()
    with pytest.raises(InputError, match="overwrite"):
        tls.write_key_file(path, key, "pc-01", PASS, scrypt_n=2**4)


def test_a_wrong_passphrase_or_an_edit_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "kiosk.key"
    tls.write_key_file(path, ec.generate_private_key(ec.SECP256R1()), "pc-01", PASS,
                       scrypt_n=2**4)
    with pytest.raises(InputError, match="wrong passphrase"):
        tls.read_key_file(path, b"not it")
    data = json.loads(path.read_text())
    data["name"] = "pc-02"  # the label is bound to the key
    path.write_text(json.dumps(data))
    with pytest.raises(InputError, match="altered"):
        tls.read_key_file(path, PASS)
    path.write_text('{"format": "something else"}')
    with pytest.raises(InputError) as info:
        tls.read_key_file(path, PASS)
    assert info.value.problems[0].field == "format"


def test_contexts_are_tls13_only_require_certificates_and_leave_no_key_file() -> None:
    ca = make_lab_ca()
    server = make_proctor_tls(ca, [PROCTOR_NAME])
    assert isinstance(server.key, ec.EllipticCurvePrivateKey)
    before = set(Path(tempfile.gettempdir()).glob("ujikom-tls-*"))
    for context in (tls.server_context(ca.cert, server.cert, server.key),
                    tls.client_context(ca.cert, server.cert, server.key)):
        assert context.minimum_version == ssl.TLSVersion.TLSv1_3
        assert context.verify_mode == ssl.CERT_REQUIRED
        assert len(context.get_ca_certs()) == 1  # the lab CA, not the system store
    assert set(Path(tempfile.gettempdir()).glob("ujikom-tls-*")) == before


def test_a_key_given_for_a_certificate_is_named_without_the_librarys_words(
        tmp_path: Path) -> None:
    """`proctor seal --admin-cert admin.p12` printed cryptography's 'Unable to load PEM
    file. See https://cryptography.io/… MalformedFraming'."""
    from exam_bank.cli_results import load_cert
    from exam_bank.wire.tls import read_cert

    p12 = tmp_path / "admin.p12"
    p12.write_bytes(b"0\x82\x0b\x1f\x02\x01\x030\x82\n\xd5" + bytes(64))
    for read in (read_cert, load_cert):
        with pytest.raises(InputError) as caught:
            read(p12)
        text = str(caught.value.problems[0])
        assert text.startswith(str(p12)) and ".pem" in text
        assert "cryptography.io" not in text and "MalformedFraming" not in text
