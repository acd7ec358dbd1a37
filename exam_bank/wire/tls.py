"""TLS for the lab link: private key files and the two ends' SSL contexts.

Key files. A lab's private keys (CA, proctor, each kiosk) are EC P-256; a key file keeps
the 32-byte private scalar wrapped under a passphrase with `exam_bank.crypto.wrap`
(scrypt + AES-256-GCM), the same as the exam bank's own keys. Not PKCS#8's
BestAvailableEncryption: that is PBKDF2 with 2048 rounds, cheap to guess offline.

Contexts. Python's `ssl` loads a key only from a file, so `_load_chain` hands OpenSSL an
encrypted PKCS#8 copy under a random one-time password that is never written anywhere,
in a private temporary file removed at once: the key is never on disk in the clear.
Both contexts: TLS 1.3 only, certificates required both ways, the lab CA the only
trust anchor (no system store).
"""

from __future__ import annotations

import os
import secrets
import ssl
import tempfile
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec

from exam_bank.crypto import keyfile
from exam_bank.crypto._files import fail, read_small
from exam_bank.wire.protocol import PROCTOR_NAME

KEY_FILE = keyfile.KeyFileKind("ujikom-lab-key-1", "name", 32, "an Ujikom lab key file")
_MAX_CERT = 64 * 1024


def key_file_bytes(key: ec.EllipticCurvePrivateKey, name: str, passphrase: bytes, *,
                   scrypt_n: int | None = None) -> bytes:
    """A key file's content: `key` wrapped under `passphrase`, labelled `name`."""
    return keyfile.key_file_bytes(KEY_FILE, name, _scalar(key), passphrase, scrypt_n=scrypt_n)


def write_key_file(path: Path, key: ec.EllipticCurvePrivateKey, name: str, passphrase: bytes,
                   *, scrypt_n: int | None = None) -> None:
    """Write a new key file (0600); refuses to replace one."""
    keyfile.write_key_file(path, KEY_FILE, name, _scalar(key), passphrase, scrypt_n=scrypt_n)


def _scalar(key: ec.EllipticCurvePrivateKey) -> bytes:
    if not isinstance(key.curve, ec.SECP256R1):
        raise ValueError("lab keys are EC P-256")
    return key.private_numbers().private_value.to_bytes(KEY_FILE.secret_bytes, "big")


def read_key_file(path: Path, passphrase: bytes) -> ec.EllipticCurvePrivateKey:
    """Unlock a key file; a wrong passphrase or an edited file is an InputError."""
    _name, scalar = keyfile.read_key_file(path, KEY_FILE, passphrase)
    try:
        return ec.derive_private_key(int.from_bytes(scalar, "big"), ec.SECP256R1())
    except ValueError:
        raise fail(path, "the key is not a valid P-256 key: the file was altered") from None


# The library's own words ("Unable to load PEM file. See https://cryptography.io/…
# MalformedFraming") told a proctor who gave admin.p12 for admin.pem nothing they could use.
NOT_A_CERT = ("not a PEM certificate (a text file beginning '-----BEGIN CERTIFICATE-----'): "
              "give the .pem file, not a key or a .p12")


def read_cert(path: Path) -> x509.Certificate:
    """A PEM certificate from a file; InputError naming the file if it is not one."""
    raw = read_small(Path(path), _MAX_CERT, "a certificate")
    try:
        return x509.load_pem_x509_certificate(raw)
    except ValueError:
        raise fail(path, NOT_A_CERT) from None


def _load_chain(context: ssl.SSLContext, cert: x509.Certificate,
                key: ec.EllipticCurvePrivateKey) -> None:
    password = secrets.token_bytes(32)
    key_pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                serialization.BestAvailableEncryption(password))
    cert_pem = cert.public_bytes(serialization.Encoding.PEM)
    fd, name = tempfile.mkstemp(prefix="ujikom-tls-", suffix=".pem")
    try:
        os.fchmod(fd, 0o600)
        with os.fdopen(fd, "wb") as f:
            f.write(cert_pem + key_pem)
        context.load_cert_chain(name, password=password)
    finally:
        os.unlink(name)


def _base(purpose: ssl.Purpose, ca: x509.Certificate, cert: x509.Certificate,
          key: ec.EllipticCurvePrivateKey) -> ssl.SSLContext:
    protocol = (ssl.PROTOCOL_TLS_SERVER if purpose == ssl.Purpose.CLIENT_AUTH
                else ssl.PROTOCOL_TLS_CLIENT)
    context = ssl.SSLContext(protocol)
    context.minimum_version = ssl.TLSVersion.TLSv1_3
    context.verify_mode = ssl.CERT_REQUIRED
    context.load_verify_locations(cadata=ca.public_bytes(serialization.Encoding.PEM).decode())
    _load_chain(context, cert, key)
    return context


def server_context(ca: x509.Certificate, cert: x509.Certificate,
                   key: ec.EllipticCurvePrivateKey) -> ssl.SSLContext:
    """The proctor's listener: only clients with a certificate from `ca` get through."""
    return _base(ssl.Purpose.CLIENT_AUTH, ca, cert, key)


def client_context(ca: x509.Certificate, cert: x509.Certificate,
                   key: ec.EllipticCurvePrivateKey) -> ssl.SSLContext:
    """A kiosk's connection: the proctor must show a certificate from `ca` naming
    `PROCTOR_NAME`; connect with ``server_hostname=PROCTOR_NAME``."""
    context = _base(ssl.Purpose.SERVER_AUTH, ca, cert, key)
    context.check_hostname = True
    return context


def enrollment_server_context(cert: x509.Certificate,
                              key: ec.EllipticCurvePrivateKey) -> ssl.SSLContext:
    """The enrollment listener: TLS 1.3 for privacy, no client certificate (the kiosk has
    none yet); the one-time code's HMACs authenticate both sides (`exam_bank.wire.enroll`)."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.minimum_version = ssl.TLSVersion.TLSv1_3
    _load_chain(context, cert, key)
    return context


def enrollment_client_context() -> ssl.SSLContext:
    """A kiosk enrolling: it cannot check the proctor's certificate yet (it has no CA);
    the reply's HMAC under the one-time code is what it trusts."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.minimum_version = ssl.TLSVersion.TLSv1_3
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    return context


def peer_kiosk_id(ssl_object: ssl.SSLObject | ssl.SSLSocket | None) -> str | None:
    """The verified peer's kiosk id (its certificate's CN), or None unless that certificate
    carries the kiosk role. OpenSSL's purpose check already refuses a server or seal
    certificate as a TLS client; this holds even where that check is loosened."""
    if ssl_object is None:
        return None
    der = ssl_object.getpeercert(binary_form=True)
    if not der:
        return None
    from exam_bank.bundle.certs import Role, common_name, role_of

    cert = x509.load_der_x509_certificate(der)
    return common_name(cert) if role_of(cert) is Role.KIOSK else None


__all__ = ["PROCTOR_NAME", "client_context", "enrollment_client_context",
           "enrollment_server_context", "key_file_bytes", "peer_kiosk_id", "read_cert",
           "read_key_file", "server_context", "write_key_file"]
