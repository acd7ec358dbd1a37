"""Certificates of a lab and of the office: the lab CA, its three roles, admins.

The lab CA (EC P-256, self-signed) issues exactly three kinds of certificate, each
carrying ONE role in its extensions (`Role`, `role_of`), and every check enforces it:

- the **seal** certificate signs result bundles, nothing else (keyUsage digitalSignature
  + nonRepudiation, extendedKeyUsage emailProtection only: what openssl's S/MIME-signing
  purpose `cms -verify -purpose smimesign` requires, and what neither TLS role has);
- the proctor's **TLS server** certificate (extendedKeyUsage serverAuth only);
- each kiosk's **TLS client** certificate (extendedKeyUsage clientAuth only).

A certificate with no extendedKeyUsage has no role (openssl would take it as good for
any purpose). An admin's RSA certificate, from the office's own CA, receives bundles
(`exam_bank.bundle.cms`); RSA because CMS EnvelopeBuilder in `cryptography` only wraps
content keys for RSA recipients (key transport).

The extensions follow the web-PKI profile that `cryptography.x509.verification`
checks (critical basicConstraints, keyUsage, subject/authority key identifiers), so a
chain made here verifies there and with stock `openssl cms -verify`.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import Enum

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, rsa
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from exam_bank.ids import KioskId

CA_YEARS = 10
LEAF_YEARS = 3


@dataclass(frozen=True)
class Issued:
    """A certificate with its private key."""

    cert: x509.Certificate
    key: ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey


@dataclass(frozen=True)
class AdminIssued(Issued):
    """The admin's certificate with its RSA key: what bundles are enveloped for."""

    key: rsa.RSAPrivateKey


def _name(common_name: str, org: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, org),
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
        ]
    )


def _now() -> dt.datetime:
    # A minute of slack so a freshly made certificate is valid on a clock a bit behind.
    return dt.datetime.now(dt.UTC) - dt.timedelta(minutes=1)


def make_lab_ca(
    common_name: str = "Ujikom Lab CA",
    *,
    org: str = "Ujikom",
    years: int = CA_YEARS,
    now: dt.datetime | None = None,
) -> Issued:
    """A self-signed EC P-256 CA that may sign proctor certificates (and nothing below)."""
    start = now or _now()
    key = ec.generate_private_key(ec.SECP256R1())
    name = _name(common_name, org)
    ski = x509.SubjectKeyIdentifier.from_public_key(key.public_key())
    cert = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(start + dt.timedelta(days=365 * years))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=False,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(ski, critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(ski), critical=False
        )
        .sign(key, hashes.SHA256())
    )
    return Issued(cert, key)


def _leaf(
    ca: Issued,
    common_name: str,
    public_key: ec.EllipticCurvePublicKey | rsa.RSAPublicKey,
    *,
    signing: bool,
    org: str,
    years: int,
    now: dt.datetime | None,
) -> x509.Certificate:
    start = now or _now()
    ca_ski = ca.cert.extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value
    usage = x509.KeyUsage(
        digital_signature=signing,
        content_commitment=signing,  # nonRepudiation: a seal vouches for the results
        key_encipherment=not signing,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=False,
        crl_sign=False,
        encipher_only=False,
        decipher_only=False,
    )
    ca_key = ca.key
    if not isinstance(ca_key, ec.EllipticCurvePrivateKey):
        raise TypeError("the lab CA key must be EC")
    return (
        x509.CertificateBuilder()
        .subject_name(_name(common_name, org))
        .issuer_name(ca.cert.subject)
        .public_key(public_key)
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(min(start + dt.timedelta(days=365 * years), ca.cert.not_valid_after_utc))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(usage, critical=True)
        .add_extension(
            x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), critical=False
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public_key), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(ca_ski), critical=False
        )
        .sign(ca_key, hashes.SHA256())
    )


def make_seal(
    ca: Issued,
    common_name: str = "Proctor",
    *,
    org: str = "Ujikom",
    years: int = LEAF_YEARS,
    now: dt.datetime | None = None,
) -> Issued:
    """The lab's EC P-256 seal certificate (`Role.SEAL`), issued by the lab CA: the only
    certificate whose signature on a results bundle counts."""
    key = ec.generate_private_key(ec.SECP256R1())
    cert = _leaf(ca, common_name, key.public_key(), signing=True, org=org, years=years, now=now)
    return Issued(cert, key)


def make_admin(
    ca: Issued,
    common_name: str = "Admin",
    *,
    key_size: int = 3072,
    org: str = "Ujikom",
    years: int = LEAF_YEARS,
    now: dt.datetime | None = None,
) -> AdminIssued:
    """An RSA admin certificate (keyEncipherment) that bundles are enveloped for.

    3072-bit by default; tests pass 2048 for speed.
    """
    key = rsa.generate_private_key(public_exponent=65537, key_size=key_size)
    cert = _leaf(ca, common_name, key.public_key(), signing=False, org=org, years=years, now=now)
    return AdminIssued(cert, key)


def cert_pem(cert: x509.Certificate) -> bytes:
    """PEM of a certificate, for files handed to `openssl` or other labs."""
    return cert.public_bytes(serialization.Encoding.PEM)


def key_pem(key: ec.EllipticCurvePrivateKey | rsa.RSAPrivateKey) -> bytes:
    """Unencrypted PKCS#8 PEM of a key — for tests and tooling; store real keys wrapped."""
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )


# -- the lab link (mutual TLS between kiosks and the proctor) --------------------------------


def _tls_leaf(ca: Issued, common_name: str, public_key: ec.EllipticCurvePublicKey, *,
              usage: x509.ObjectIdentifier, san: x509.SubjectAlternativeName | None,
              org: str, years: int, now: dt.datetime | None) -> x509.Certificate:
    """A TLS leaf: digitalSignature, one extended key usage (server or client), so a kiosk's
    certificate can never pass as the proctor's and the other way round."""
    start = now or _now()
    ca_key = ca.key
    if not isinstance(ca_key, ec.EllipticCurvePrivateKey):
        raise TypeError("the lab CA key must be EC")
    ca_ski = ca.cert.extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value
    builder = (
        x509.CertificateBuilder()
        .subject_name(_name(common_name, org))
        .issuer_name(ca.cert.subject)
        .public_key(public_key)
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(min(start + dt.timedelta(days=365 * years), ca.cert.not_valid_after_utc))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=True,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=False,
                crl_sign=False,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.ExtendedKeyUsage([usage]), critical=False)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public_key), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_subject_key_identifier(ca_ski), critical=False
        )
    )
    if san is not None:
        builder = builder.add_extension(san, critical=False)
    return builder.sign(ca_key, hashes.SHA256())


def make_proctor_tls(
    ca: Issued,
    names: list[str],
    *,
    common_name: str = "Ujikom Proctor",
    org: str = "Ujikom",
    years: int = LEAF_YEARS,
    now: dt.datetime | None = None,
) -> Issued:
    """The proctor's TLS server certificate: serverAuth, SAN = `names` (DNS names or IP
    addresses; the first is the lab-wide name every kiosk checks)."""
    import ipaddress

    entries: list[x509.GeneralName] = []
    for name in names:
        try:
            entries.append(x509.IPAddress(ipaddress.ip_address(name)))
        except ValueError:
            entries.append(x509.DNSName(name))
    key = ec.generate_private_key(ec.SECP256R1())
    cert = _tls_leaf(ca, common_name, key.public_key(), usage=ExtendedKeyUsageOID.SERVER_AUTH,
                     san=x509.SubjectAlternativeName(entries), org=org, years=years, now=now)
    return Issued(cert, key)


def make_kiosk_cert(
    ca: Issued,
    kiosk_id: KioskId,
    public_key: ec.EllipticCurvePublicKey,
    *,
    org: str = "Ujikom",
    years: int = LEAF_YEARS,
    now: dt.datetime | None = None,
) -> x509.Certificate:
    """A kiosk's TLS client certificate (clientAuth), its kiosk id as CN, for a key the
    kiosk made itself (from its CSR: the private key never leaves the kiosk)."""
    return _tls_leaf(ca, kiosk_id, public_key, usage=ExtendedKeyUsageOID.CLIENT_AUTH, san=None,
                     org=org, years=years, now=now)


def common_name(cert: x509.Certificate) -> str | None:
    """The subject CN of `cert` (a kiosk's id), or None."""
    values = cert.subject.get_attributes_for_oid(NameOID.COMMON_NAME)
    if len(values) != 1:
        return None
    value = values[0].value
    return value if isinstance(value, str) else value.decode("utf-8", "replace")


def fingerprint_sha256(cert: x509.Certificate) -> str:
    """SHA-256 of the DER certificate as hex: what the discovery beacon names the CA by."""
    return cert.fingerprint(hashes.SHA256()).hex()


# -- roles ------------------------------------------------------------------------------------


class Role(Enum):
    """What a lab certificate may do; exactly one per certificate."""

    SEAL = "the lab's seal certificate (signs result bundles)"
    SERVER = "a TLS server certificate (the proctor's link)"
    KIOSK = "a TLS client certificate (a kiosk's link)"


_ROLE_EKU = {
    ExtendedKeyUsageOID.EMAIL_PROTECTION: Role.SEAL,
    ExtendedKeyUsageOID.SERVER_AUTH: Role.SERVER,
    ExtendedKeyUsageOID.CLIENT_AUTH: Role.KIOSK,
}


def role_problem(cert: x509.Certificate, role: Role) -> str | None:
    """Why `cert` may not act as `role`, or None when it may.

    The role is read from the extensions alone: not a CA, keyUsage digitalSignature, and
    extendedKeyUsage naming that role's purpose and nothing else (no anyExtendedKeyUsage,
    no second purpose). A seal certificate of a lab made before nonRepudiation was added
    (digitalSignature + emailProtection) still carries the seal role."""
    ext = cert.extensions
    try:
        if ext.get_extension_for_class(x509.BasicConstraints).value.ca:
            return "it is a CA certificate"
    except x509.ExtensionNotFound:
        pass
    try:
        usage = ext.get_extension_for_class(x509.KeyUsage).value
    except x509.ExtensionNotFound:
        return "it has no key usage"
    if not usage.digital_signature:
        return "its key usage does not allow signing (no digitalSignature)"
    try:
        purposes = list(ext.get_extension_for_class(x509.ExtendedKeyUsage).value)
    except x509.ExtensionNotFound:
        return "it has no extended key usage (so no role)"
    roles = {_ROLE_EKU.get(p) for p in purposes}
    if len(purposes) != 1 or None in roles:
        names = ", ".join(getattr(p, "_name", p.dotted_string) for p in purposes)
        return f"its extended key usage ({names}) is not exactly one role"
    (held,) = roles
    if held is not role:
        return f"it is {held.value if held else 'of no role'}"
    return None


def role_of(cert: x509.Certificate) -> Role | None:
    """The one role `cert` carries, or None (a CA, an admin's certificate, no or mixed EKU)."""
    return next((r for r in Role if role_problem(cert, r) is None), None)
