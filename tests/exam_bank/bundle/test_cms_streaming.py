"""`seal` assembles CMS around the content itself for speed; it must write what the
`cryptography` builders write (same structure, same algorithms), and stock openssl must
still open it, at every padding length and across the chunk size."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.ciphers import algorithms
from cryptography.hazmat.primitives.serialization import pkcs7

from exam_bank.bundle import cms
from exam_bank.bundle.certs import cert_pem, key_pem, make_admin, make_lab_ca, make_seal
from exam_bank.crypto import der
from exam_bank.fsutil import atomic_write


class Pki:
    def __init__(self) -> None:
        self.ca = make_lab_ca()
        self.proctor = make_seal(self.ca, "Proctor Lab 1")
        # several admins: serial numbers with and without the top bit set, sorted SET OF
        self.admins = [make_admin(self.ca, f"Admin {n}", key_size=2048) for n in range(4)]


@pytest.fixture(scope="module")
def pki() -> Pki:
    return Pki()


def _seal(pki: Pki, payload: bytes) -> bytes:
    return cms.seal(payload, signer_cert=pki.proctor.cert, signer_key=pki.proctor.key,
                    chain=[pki.ca.cert], recipients=[a.cert for a in pki.admins])


def _shape(data: bytes, node: der.Node | None = None, depth: int = 0) -> list[object]:
    """The DER tree as (depth, tag, content) with random values (keys, IV, ciphertext,
    signature, times, serials) reduced to their tag: what must match the builders'."""
    node = node or der.whole(data, data[0], "test")
    out: list[object] = []
    kept = (der.OID, 0x05)  # OIDs and NULLs say which algorithms: compared exactly
    out.append((depth, node.tag, node.content(data) if node.tag in kept else None))
    if node.tag & 0x20:
        for kid in der.kids(data, node):
            out += _shape(data, kid, depth + 1)
    return out


def _library_signed(pki: Pki, payload: bytes) -> bytes:
    builder = (pkcs7.PKCS7SignatureBuilder().set_data(payload)
               .add_signer(pki.proctor.cert, pki.proctor.key, hashes.SHA256())
               .add_certificate(pki.ca.cert))
    return builder.sign(serialization.Encoding.DER,
                        [pkcs7.PKCS7Options.Binary, pkcs7.PKCS7Options.NoCapabilities])


def _library_sealed(pki: Pki, payload: bytes) -> bytes:
    builder = (pkcs7.PKCS7EnvelopeBuilder().set_data(_library_signed(pki, payload))
               .set_content_encryption_algorithm(algorithms.AES256))
    for admin in pki.admins:
        builder = builder.add_recipient(admin.cert)
    return builder.encrypt(serialization.Encoding.DER, [pkcs7.PKCS7Options.Binary])


@pytest.mark.parametrize("size", [0, 1, 15, 16, 17, 1000])
def test_the_envelope_and_signature_have_the_builders_structure(pki: Pki, size: int) -> None:
    payload = bytes(range(256)) * (size // 256) + bytes(size % 256)
    ours, theirs = _seal(pki, payload), _library_sealed(pki, payload)
    assert _shape(ours) == _shape(theirs)
    admin = pki.admins[0]
    signed = pkcs7.pkcs7_decrypt_der(ours, admin.cert, admin.key, [])
    assert _shape(signed) == _shape(_library_signed(pki, payload))
    for other in pki.admins:
        opened = cms.unseal(ours, recipient_cert=other.cert, recipient_key=other.key,
                            trusted_roots=[pki.ca.cert], where="t.p7m")
        assert opened.payload == payload


def test_a_payload_across_several_chunks_round_trips_and_streams_to_a_file(
        pki: Pki, tmp_path: Path) -> None:
    payload = bytes(range(251)) * ((2 * cms._CHUNK) // 251 + 7)  # 2 chunks and a bit
    chunks = cms.seal_chunks(payload, signer_cert=pki.proctor.cert,
                             signer_key=pki.proctor.key, chain=[pki.ca.cert],
                             recipients=[pki.admins[1].cert])
    atomic_write(tmp_path / "big.p7m", chunks)
    sealed = (tmp_path / "big.p7m").read_bytes()
    opened = cms.unseal(sealed, recipient_cert=pki.admins[1].cert,
                        recipient_key=pki.admins[1].key, trusted_roots=[pki.ca.cert],
                        where="big.p7m")
    assert opened.payload == payload


def test_bad_arguments_are_refused_before_anything_is_written(pki: Pki) -> None:
    with pytest.raises(ValueError, match="RSA"):
        cms.seal_chunks(b"x", signer_cert=pki.proctor.cert, signer_key=pki.proctor.key,
                        chain=[], recipients=[pki.proctor.cert])
    with pytest.raises(ValueError, match="recipient"):
        cms.seal_chunks(b"x", signer_cert=pki.proctor.cert, signer_key=pki.proctor.key,
                        chain=[], recipients=[])


@pytest.mark.skipif(shutil.which("openssl") is None, reason="no openssl CLI")
@pytest.mark.parametrize("size", [31, 32, 100_003])
def test_stock_openssl_opens_every_recipients_copy(pki: Pki, tmp_path: Path,
                                                   size: int) -> None:
    payload = (b"ujikom\r\n\x00" * (size // 9 + 1))[:size]
    (tmp_path / "sealed.der").write_bytes(_seal(pki, payload))
    (tmp_path / "labca.pem").write_bytes(cert_pem(pki.ca.cert))
    for n, admin in enumerate(pki.admins):
        (tmp_path / f"a{n}.pem").write_bytes(cert_pem(admin.cert))
        (tmp_path / f"a{n}.key").write_bytes(key_pem(admin.key))
        decrypt = subprocess.run(
            ["openssl", "cms", "-decrypt", "-inform", "DER", "-in", "sealed.der",
             "-recip", f"a{n}.pem", "-inkey", f"a{n}.key", "-out", f"signed{n}.der"],
            cwd=tmp_path, capture_output=True)
        assert decrypt.returncode == 0, decrypt.stderr
        verify = subprocess.run(
            ["openssl", "cms", "-verify", "-inform", "DER", "-in", f"signed{n}.der",
             "-CAfile", "labca.pem", "-out", f"payload{n}.bin"], cwd=tmp_path,
            capture_output=True)
        assert verify.returncode == 0, verify.stderr
        assert (tmp_path / f"payload{n}.bin").read_bytes() == payload
