"""Lab certificates: the profile the CMS verifier and stock openssl rely on."""

from __future__ import annotations

from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import ec, rsa

from exam_bank.bundle.certs import make_admin, make_lab_ca, make_seal


def test_lab_ca_proctor_admin_profile() -> None:
    ca = make_lab_ca("Lab 7 CA")
    proctor = make_seal(ca, "Proctor 7")
    admin = make_admin(ca, "Admin", key_size=2048)

    bc = ca.cert.extensions.get_extension_for_class(x509.BasicConstraints)
    assert bc.critical and bc.value.ca
    assert ca.cert.issuer == ca.cert.subject
    assert ca.cert.extensions.get_extension_for_class(x509.KeyUsage).value.key_cert_sign

    assert isinstance(proctor.key, ec.EllipticCurvePrivateKey)
    assert proctor.key.curve.name == "secp256r1"
    usage = proctor.cert.extensions.get_extension_for_class(x509.KeyUsage).value
    assert usage.digital_signature and not usage.key_encipherment
    assert proctor.cert.issuer == ca.cert.subject
    proctor.cert.verify_directly_issued_by(ca.cert)

    assert isinstance(admin.key, rsa.RSAPrivateKey) and admin.key.key_size == 2048
    usage = admin.cert.extensions.get_extension_for_class(x509.KeyUsage).value
    assert usage.key_encipherment and not usage.digital_signature
    admin.cert.verify_directly_issued_by(ca.cert)
    assert admin.cert.not_valid_after_utc <= ca.cert.not_valid_after_utc
