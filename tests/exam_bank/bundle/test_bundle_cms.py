"""Sealed bundles: round trip, stock openssl interop, and every kind of tampering refused."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.ciphers import algorithms
from cryptography.hazmat.primitives.serialization import pkcs7

from exam_bank.bundle.certs import Issued, cert_pem, key_pem, make_admin, make_lab_ca, make_seal
from exam_bank.bundle.cms import seal, unseal
from exam_bank.problems import InputError

PAYLOAD = b"ujikom results\x00\x01\xff\r\n" * 40


class Pki:
    def __init__(self) -> None:
        self.ca = make_lab_ca()
        self.proctor = make_seal(self.ca, "Proctor Lab 1")
        self.admin = make_admin(self.ca, "Admin A", key_size=2048)
        self.admin2 = make_admin(self.ca, "Admin B", key_size=2048)
        self.other_ca = make_lab_ca("Ujikom Lab CA")  # same name, different key
        self.rogue = make_seal(self.other_ca, "Proctor Lab 1")


@pytest.fixture(scope="module")
def pki() -> Pki:
    return Pki()


def _seal(pki: Pki, payload: bytes = PAYLOAD, signer: Issued | None = None, **kw: object) -> bytes:
    signer = signer or pki.proctor
    args: dict[str, object] = {
        "signer_cert": signer.cert,
        "signer_key": signer.key,
        "chain": [pki.ca.cert],
        "recipients": [pki.admin.cert],
    }
    args.update(kw)
    return seal(payload, **args)  # type: ignore[arg-type]


def _unseal(pki: Pki, sealed: bytes, admin: Issued | None = None, **kw: object):
    admin = admin or pki.admin
    args: dict[str, object] = {
        "recipient_cert": admin.cert,
        "recipient_key": admin.key,
        "trusted_roots": [pki.ca.cert],
        "where": "lab1.p7m",
    }
    args.update(kw)
    return unseal(sealed, **args)  # type: ignore[arg-type]


def _refused(pki: Pki, sealed: bytes, reason: str, **kw: object) -> None:
    with pytest.raises(InputError) as err:
        _unseal(pki, sealed, **kw)
    assert len(err.value.problems) == 1
    assert err.value.problems[0].where == "lab1.p7m"
    assert reason in str(err.value)


def _envelope(pki: Pki, signed: bytes) -> bytes:
    return (
        pkcs7.PKCS7EnvelopeBuilder()
        .set_data(signed)
        .set_content_encryption_algorithm(algorithms.AES256)
        .add_recipient(pki.admin.cert)
        .encrypt(serialization.Encoding.DER, [pkcs7.PKCS7Options.Binary])
    )


def _inner(pki: Pki, sealed: bytes) -> bytes:
    return pkcs7.pkcs7_decrypt_der(sealed, pki.admin.cert, pki.admin.key, [])


def test_round_trip(pki: Pki) -> None:
    opened = _unseal(pki, _seal(pki))
    assert opened.payload == PAYLOAD
    assert opened.signer == pki.proctor.cert


def test_round_trip_empty_and_large_payload(pki: Pki) -> None:
    assert _unseal(pki, _seal(pki, b"")).payload == b""
    big = bytes(range(256)) * 4000
    assert _unseal(pki, _seal(pki, big)).payload == big


def test_every_recipient_can_open(pki: Pki) -> None:
    sealed = _seal(pki, recipients=[pki.admin.cert, pki.admin2.cert])
    assert _unseal(pki, sealed).payload == PAYLOAD
    assert _unseal(pki, sealed, admin=pki.admin2).payload == PAYLOAD


def _openssl(cwd: Path, args: str) -> subprocess.CompletedProcess[bytes]:
    """Run stock `openssl` with space-separated `args` (no spaces in our file names)."""
    return subprocess.run(["openssl", *args.split()], cwd=cwd, capture_output=True)


@pytest.mark.skipif(shutil.which("openssl") is None, reason="no openssl CLI")
def test_stock_openssl_decrypts_and_verifies(pki: Pki, tmp_path: Path) -> None:
    (tmp_path / "sealed.der").write_bytes(_seal(pki))
    (tmp_path / "admin.pem").write_bytes(cert_pem(pki.admin.cert))
    (tmp_path / "admin.key").write_bytes(key_pem(pki.admin.key))
    (tmp_path / "labca.pem").write_bytes(cert_pem(pki.ca.cert))
    (tmp_path / "other.pem").write_bytes(cert_pem(pki.other_ca.cert))
    decrypt = _openssl(
        tmp_path,
        "cms -decrypt -inform DER -in sealed.der -recip admin.pem -inkey admin.key -out signed.der",
    )
    assert decrypt.returncode == 0, decrypt.stderr
    verify = _openssl(
        tmp_path, "cms -verify -inform DER -in signed.der -CAfile labca.pem -out payload.bin"
    )
    assert verify.returncode == 0, verify.stderr
    assert (tmp_path / "payload.bin").read_bytes() == PAYLOAD
    # and stock openssl refuses it against another lab's CA
    other = _openssl(
        tmp_path, "cms -verify -inform DER -in signed.der -CAfile other.pem -out x.bin"
    )
    assert other.returncode != 0


def test_any_flipped_byte_is_refused(pki: Pki) -> None:
    # Every position of the bundle, low and high bit alternately (~1 s).
    sealed = _seal(pki, b"short payload")
    for pos in range(len(sealed)):
        bad = bytearray(sealed)
        bad[pos] ^= 0x80 if pos % 2 else 0x01
        with pytest.raises(InputError):
            _unseal(pki, bytes(bad))


def test_truncated_garbage_and_empty_refused(pki: Pki) -> None:
    sealed = _seal(pki)
    for cut in (0, 1, 10, len(sealed) // 2, len(sealed) - 1):
        _refused(pki, sealed[:cut], "sealed bundle" if cut == 0 else "")
    _refused(pki, b"not a bundle at all", "not a sealed bundle")
    _refused(pki, sealed + b"\x00", "not a sealed bundle")


def test_other_admin_cannot_open(pki: Pki) -> None:
    _refused(pki, _seal(pki), "cannot decrypt", admin=pki.admin2)


def test_signed_by_another_labs_proctor_refused(pki: Pki) -> None:
    sealed = _seal(pki, signer=pki.rogue, chain=[pki.other_ca.cert])
    _refused(pki, sealed, "not from a trusted lab CA")


def test_rogue_signer_carrying_real_ca_refused(pki: Pki) -> None:
    # A swapped payload re-signed by a look-alike cert that also carries the real CA.
    sealed = _seal(pki, b"forged results", signer=pki.rogue, chain=[pki.ca.cert])
    _refused(pki, sealed, "not from a trusted lab CA")


def test_payload_swapped_inside_refused(pki: Pki) -> None:
    signed = _inner(pki, _seal(pki, b"score=10"))
    assert signed.count(b"score=10") == 1
    forged = signed.replace(b"score=10", b"score=99")
    _refused(pki, _envelope(pki, forged), "tampered")


def test_bad_signature_refused(pki: Pki) -> None:
    signed = bytearray(_inner(pki, _seal(pki)))
    signed[-5] ^= 0x01  # inside the ECDSA signature value
    _refused(pki, _envelope(pki, bytes(signed)), "bad signature")


def test_extra_certificate_refused(pki: Pki) -> None:
    sealed = _seal(pki, chain=[pki.ca.cert, pki.other_ca.cert])
    _refused(pki, sealed, "outside the signer's chain")


def test_expired_signer_refused(pki: Pki) -> None:
    later = dt.datetime.now(dt.UTC) + dt.timedelta(days=365 * 4)
    _refused(pki, _seal(pki), "not from a trusted lab CA", at=later)


def test_signer_must_be_ec(pki: Pki) -> None:
    with pytest.raises(TypeError):
        seal(
            PAYLOAD,
            signer_cert=pki.admin.cert,
            signer_key=pki.admin.key,  # type: ignore[arg-type]
            chain=[],
            recipients=[pki.admin.cert],
        )


def test_unsigned_signed_data_refused(pki: Pki) -> None:
    _refused(pki, _envelope(pki, b"\x30\x03\x02\x01\x01"), "")
    _refused(pki, _envelope(pki, PAYLOAD), "")
