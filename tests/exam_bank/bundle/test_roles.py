"""One role per certificate: only the lab's seal certificate signs
results, for Ujikom's importer and for the README's stock-openssl recipe alike."""

from __future__ import annotations

import datetime as dt
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID

from exam_bank.bundle.certs import Issued, Role, cert_pem, key_pem, role_of
from exam_bank.bundle.sealed import CandidateResult, SessionResults, open_bundle
from exam_bank.problems import InputError
from tests.attacks.roles import LabKeys, forged_reseal, lab_keys, signed_by
from tests.exam_bank.results.sealkit import DIGEST, EXAM, events

README = Path(__file__).resolve().parents[3] / "README.md"
PDF = b"%PDF-1.4 berita acara\n%%EOF\n"


@pytest.fixture(scope="module")
def keys() -> LabKeys:
    return lab_keys()


@pytest.fixture(scope="module")
def results() -> SessionResults:
    cands = [CandidateResult("SLT-0001", events("SLT-0001", revisions=3)),
             CandidateResult("SLT-0002", [], status="absent", reason="absent per the berita acara")]
    return SessionResults(EXAM, DIGEST, "S1", "Lab CAT 2", ["Bu Rina"], cands, PDF,
                          sealed_at="2026-12-08T10:05:00+00:00")


def _sealed(keys: LabKeys, results: SessionResults, signer: Issued) -> bytes:
    return signed_by(results, signer, [keys.ca.cert], [keys.admin.cert])


def _open(keys: LabKeys, data: bytes) -> object:
    return open_bundle(data, keys.admin.cert, keys.admin.key,  # type: ignore[arg-type]
                       [keys.ca.cert], where="hasil-S1.p7m")


def test_every_certificate_of_the_lab_carries_exactly_one_role(keys: LabKeys) -> None:
    assert role_of(keys.seal.cert) is Role.SEAL
    assert role_of(keys.server.cert) is Role.SERVER
    assert role_of(keys.kiosk.cert) is Role.KIOSK
    assert role_of(keys.ca.cert) is None  # a CA signs certificates, nothing else
    assert role_of(keys.admin.cert) is None  # receives bundles; never signs or connects
    usage = keys.seal.cert.extensions.get_extension_for_class(x509.KeyUsage).value
    assert usage.digital_signature and usage.content_commitment  # nonRepudiation
    assert not usage.key_encipherment
    eku = keys.seal.cert.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value
    assert list(eku) == [ExtendedKeyUsageOID.EMAIL_PROTECTION]


def test_a_bundle_signed_with_a_kiosk_or_the_server_key_is_refused(keys: LabKeys,
                                                                   results: SessionResults
                                                                   ) -> None:
    _open(keys, _sealed(keys, results, keys.seal))  # the genuine one opens
    forged = forged_reseal(results, "SLT-0001", "B")
    for role, signer in keys.signers().items():
        with pytest.raises(InputError) as err:
            _open(keys, _sealed(keys, forged, signer))
        text = str(err.value)
        assert "hasil-S1.p7m" in text and "not the lab's seal certificate" in text, role
        assert {"kiosk": "TLS client", "server": "TLS server"}[role] in text


def test_a_certificate_with_no_extended_key_usage_does_not_sign(keys: LabKeys,
                                                                results: SessionResults) -> None:
    """openssl treats a certificate without EKU as good for any purpose; Ujikom does not."""
    key = ec.generate_private_key(ec.SECP256R1())
    bare = _issue(keys.ca, key, eku=None)
    assert role_of(bare) is None
    with pytest.raises(InputError, match="no extended key usage"):
        _open(keys, _sealed(keys, results, Issued(bare, key)))


def test_a_seal_certificate_of_a_lab_made_before_roles_still_signs(keys: LabKeys,
                                                                  results: SessionResults) -> None:
    """Labs made before this change have a seal.pem with digitalSignature and
    emailProtection only (no nonRepudiation): it already carries the seal role, so those
    labs go on sealing, and their earlier bundles import, with nothing to run."""
    key = ec.generate_private_key(ec.SECP256R1())
    old = _issue(keys.ca, key, eku=[ExtendedKeyUsageOID.EMAIL_PROTECTION])
    assert role_of(old) is Role.SEAL
    _open(keys, _sealed(keys, results, Issued(old, key)))


def _issue(ca: Issued, key: ec.EllipticCurvePrivateKey,
           eku: list[x509.ObjectIdentifier] | None) -> x509.Certificate:
    """A leaf signed by the lab CA with digitalSignature and the given EKU (None: none)."""
    start = dt.datetime.now(dt.UTC) - dt.timedelta(minutes=1)
    builder = (x509.CertificateBuilder().subject_name(ca.cert.subject)
               .issuer_name(ca.cert.subject).public_key(key.public_key())
               .serial_number(x509.random_serial_number()).not_valid_before(start)
               .not_valid_after(start + dt.timedelta(days=30))
               .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
               .add_extension(x509.KeyUsage(True, False, False, False, False, False, False,
                                            False, False), critical=True)
               .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()),
                              critical=False)
               .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(
                   ca.cert.public_key()), critical=False))  # type: ignore[arg-type]
    if eku is not None:
        builder = builder.add_extension(x509.ExtendedKeyUsage(eku), critical=False)
    return builder.sign(ca.key, hashes.SHA256())  # type: ignore[arg-type]


# --- the README's stock-openssl recipe ------------------------------------------------------


def readme_verify_purpose() -> str:
    """The `-purpose` the README's `openssl cms -verify` recipe passes."""
    text = README.read_text(encoding="utf-8")
    found = re.search(r"openssl cms -verify[^`]*?-purpose (\S+)", text)
    assert found, "README.md has no `openssl cms -verify … -purpose …` recipe"
    return found.group(1)


def _openssl_verify(keys: LabKeys, sealed: bytes, tmp: Path) -> subprocess.CompletedProcess[str]:
    """The README's two steps with the real openssl binary: decrypt as the admin, verify."""
    tmp.mkdir()
    (tmp / "b.p7m").write_bytes(sealed)
    (tmp / "admin.pem").write_bytes(cert_pem(keys.admin.cert))
    (tmp / "admin.key").write_bytes(key_pem(keys.admin.key))
    (tmp / "lab-ca.pem").write_bytes(cert_pem(keys.ca.cert))
    subprocess.run(["openssl", "cms", "-decrypt", "-inform", "DER", "-in", "b.p7m", "-inkey",
                    "admin.key", "-recip", "admin.pem", "-out", "signed.der"], cwd=tmp,
                   check=True, capture_output=True)
    return subprocess.run(["openssl", "cms", "-verify", "-inform", "DER", "-in", "signed.der",
                           "-CAfile", "lab-ca.pem", "-purpose", readme_verify_purpose(),
                           "-out", "hasil.zip"], cwd=tmp, capture_output=True, text=True,
                          check=False)


@pytest.mark.skipif(shutil.which("openssl") is None, reason="needs the openssl CLI")
def test_the_readme_openssl_recipe_accepts_only_the_seal_certificate(
        keys: LabKeys, results: SessionResults, tmp_path: Path) -> None:
    genuine = _openssl_verify(keys, _sealed(keys, results, keys.seal), tmp_path / "seal")
    assert genuine.returncode == 0 and "Verification successful" in genuine.stderr
    assert (tmp_path / "seal" / "hasil.zip").stat().st_size > 0
    forged = forged_reseal(results, "SLT-0001", "B")
    for role, signer in keys.signers().items():
        done = _openssl_verify(keys, _sealed(keys, forged, signer), tmp_path / role)
        assert done.returncode != 0, f"openssl accepted a bundle signed by the {role} key"
        assert "unsuitable certificate purpose" in done.stderr, done.stderr
