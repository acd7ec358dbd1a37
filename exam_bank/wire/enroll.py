"""Enrolling a kiosk: a one-time code typed once turns a lab PC into a trusted kiosk.

Flow. The proctor shows a one-time code (`new_code`: 10 Crockford base32 characters,
50 bits, shown as ``XXXXX-XXXXX``; valid `CODE_TTL_S` seconds, single use). On the kiosk
(``ujikom kiosk enroll --proctor HOST:PORT --code ...``) `make_request` generates the
kiosk's own EC P-256 key and a CSR and sends `EnrollRequest` (kiosk id, CSR, HMAC under
the code) to the proctor's enrollment listener (TLS 1.3, whose certificate the kiosk
cannot check yet). The proctor finds the live code whose HMAC matches (`CodeBook`),
consumes it, signs a kiosk certificate with the lab CA (`sign_request`) and answers
`EnrollReply` (certificate, CA certificate, HMAC under the code over the request's HMAC,
the certificate and the CA). The kiosk trusts the CA only if `check_reply` passes: the
HMAC matches, the certificate is for its own key and id, and the CA signed it. Then it
writes its key encrypted (`exam_bank.wire.tls.write_key_file`) with its certificate and
the CA, and from then on speaks mutual TLS only. Framing is `exam_bank.wire.protocol`'s.

Threat model. Anyone on the LAN can reach the enrollment listener and can pose as it.
- A rogue machine without the code cannot enroll: the HMAC is under a 50-bit code it has
  to guess online, slowed per source address and room-wide (`exam_bank.wire.throttle`).
  Codes are never cancelled for failures: that let any LAN client stop enrollment.
- A rogue "proctor" that catches a kiosk's request learns CSR + HMAC and could try to
  recover the code offline, to answer with its own CA or to enroll itself at the real
  proctor. The MAC key is scrypt(code) (~50 ms a guess), so 2**50 guesses take far longer
  than the code lives (`CODE_TTL_S`), and a code already used at the real proctor is
  worthless (single use). A kiosk that got no valid reply says so; the proctor makes a
  new code.
- The HMACs bind the kiosk id and the CSR to the code, and the reply to the request, so
  neither can be swapped. What enrollment does not protect: a proctor PC itself
  compromised, or the code read off the console by someone in the room.
The proctor keeps live codes in memory only: a restart ends them (ask for a new one).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, ClassVar

from cryptography import x509
from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

from exam_bank.bundle.certs import Issued, common_name, make_kiosk_cert
from exam_bank.ids import KioskId
from exam_bank.wire.protocol import (
    PROTOCOL_VERSION,
    Conv,
    Error,
    Message,
    ProtocolError,
    _Bad,
    _hex,
    _ident,
    _whole,
)

CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"  # Crockford base32: no I, L, O, U
CODE_CHARS = 10
CODE_TTL_S = 15 * 60
MAX_CSR = 8 * 1024
MAX_ENROLL_FRAME = 16 * 1024  # a request is a CSR (at most MAX_CSR) and a few fields
# scrypt cost for the code's MAC key: ~50 ms per guess; n=2**14, r=8 is 16 MiB.
SCRYPT_N = 2**14
_SALT = b"ujikom-enroll-1\x00"


class EnrollError(Exception):
    """Enrollment refused; the message says why in words a lab technician can act on."""


def new_code() -> str:
    """A fresh one-time code, e.g. ``7K2QM-XF0AB``."""
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_CHARS))
    return f"{raw[:5]}-{raw[5:]}"


def normalise_code(typed: str) -> str:
    """The code as typed by a person: case, spaces and dashes ignored, and the letters
    Crockford maps (O->0, I/L->1) accepted. ValueError when it cannot be a code."""
    text = typed.upper().replace("-", "").replace(" ", "")
    text = text.translate(str.maketrans("OIL", "011"))
    if len(text) != CODE_CHARS or any(c not in CODE_ALPHABET for c in text):
        raise ValueError(f"an enrollment code is {CODE_CHARS} characters from "
                         f"{CODE_ALPHABET} (dashes and spaces optional)")
    return text


def _mac_key(code: str, kiosk_id: KioskId, *, n: int = SCRYPT_N) -> bytes:
    return hashlib.scrypt(normalise_code(code).encode("ascii"),
                          salt=_SALT + kiosk_id.encode("utf-8"), n=n, r=8, p=1, dklen=32,
                          maxmem=64 * 1024 * 1024)


def _mac(key: bytes, label: bytes, *parts: bytes) -> str:
    h = hmac.new(key, label, hashlib.sha256)
    for part in parts:
        # Length-prefixed so no two different part lists give the same bytes.
        h.update(len(part).to_bytes(8, "big"))
        h.update(part)
    return h.hexdigest()


def _der(value: str) -> Conv:
    """PEM text of a CSR or certificate, size-capped; kept as text, parsed later."""
    def check(text: Any) -> str:
        if not isinstance(text, str) or not text.startswith("-----BEGIN "):
            raise _Bad(f"must be PEM text ({value})")
        if len(text) > MAX_CSR:
            raise _Bad(f"at most {MAX_CSR} characters")
        return text
    return check


@dataclass(frozen=True)
class EnrollRequest(Message):
    TYPE: ClassVar[str] = "enroll"
    FIELDS: ClassVar[dict[str, Conv]] = {
        "version": _whole(1, 1000), "kiosk_id": _ident, "csr": _der("CERTIFICATE REQUEST"),
        "mac": _hex(64)}
    version: int
    kiosk_id: KioskId
    csr: str
    mac: str


@dataclass(frozen=True)
class EnrollReply(Message):
    TYPE: ClassVar[str] = "enrolled"
    FIELDS: ClassVar[dict[str, Conv]] = {
        "cert": _der("CERTIFICATE"), "ca": _der("CERTIFICATE"), "mac": _hex(64)}
    cert: str
    ca: str
    mac: str


ENROLL_MESSAGES: dict[str, type[Message]] = {
    m.TYPE: m for m in (EnrollRequest, EnrollReply, Error)}


# -- kiosk side ------------------------------------------------------------------------


def make_request(kiosk_id: KioskId, code: str, *,
                 scrypt_n: int = SCRYPT_N) -> tuple[ec.EllipticCurvePrivateKey, EnrollRequest]:
    """The kiosk's new key and the request to send (ValueError for a mistyped code)."""
    _ident(kiosk_id)
    key = ec.generate_private_key(ec.SECP256R1())
    csr = (x509.CertificateSigningRequestBuilder()
           .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, kiosk_id)]))
           .sign(key, hashes.SHA256()))
    der = csr.public_bytes(serialization.Encoding.DER)
    mac = _mac(_mac_key(code, kiosk_id, n=scrypt_n), b"request", kiosk_id.encode(), der)
    pem = csr.public_bytes(serialization.Encoding.PEM).decode("ascii")
    return key, EnrollRequest(PROTOCOL_VERSION, kiosk_id, pem, mac)


def check_reply(code: str, request: EnrollRequest, reply: EnrollReply,
                key: ec.EllipticCurvePrivateKey, *,
                scrypt_n: int = SCRYPT_N) -> tuple[x509.Certificate, x509.Certificate]:
    """(kiosk certificate, lab CA) once the reply proves it knows the code and the
    certificate is this kiosk's; EnrollError otherwise (trust nothing from it)."""
    try:
        cert = x509.load_pem_x509_certificate(reply.cert.encode("ascii"))
        ca = x509.load_pem_x509_certificate(reply.ca.encode("ascii"))
        cert_key = cert.public_key()
    except (ValueError, UnicodeError, UnsupportedAlgorithm) as exc:
        raise EnrollError(f"the proctor's reply holds no valid certificate: {exc}") from None
    cert_der = cert.public_bytes(serialization.Encoding.DER)
    ca_der = ca.public_bytes(serialization.Encoding.DER)
    expected = _mac(_mac_key(code, request.kiosk_id, n=scrypt_n), b"reply",
                    request.mac.encode(), cert_der, ca_der)
    if not hmac.compare_digest(expected, reply.mac):
        raise EnrollError("the reply is not from a proctor that knows this code (wrong "
                          "code, or someone else answered): nothing was trusted")
    if cert_key != key.public_key():
        raise EnrollError("the certificate is not for this kiosk's key")
    if common_name(cert) != request.kiosk_id:
        raise EnrollError("the certificate does not name this kiosk")
    try:
        cert.verify_directly_issued_by(ca)
    except (ValueError, TypeError, InvalidSignature, UnsupportedAlgorithm):
        raise EnrollError("the certificate was not issued by the lab CA sent with it") from None
    return cert, ca


# -- proctor side ----------------------------------------------------------------------


@dataclass
class CodeBook:
    """The proctor's live one-time codes: short-lived, single use.

    `clock` is injectable (seconds, monotonic) so tests need no sleep.
    """

    ttl_s: float = CODE_TTL_S
    clock: Callable[[], float] = time.monotonic
    scrypt_n: int = SCRYPT_N
    _codes: dict[str, float] = field(default_factory=dict)

    def issue(self) -> str:
        code = new_code()
        self._codes[normalise_code(code)] = self.clock() + self.ttl_s
        return code

    def live(self) -> list[str]:
        now = self.clock()
        self._codes = {c: t for c, t in self._codes.items() if t > now}
        return list(self._codes)

    def redeem(self, request: EnrollRequest) -> str:
        """The live code the request's HMAC was made with, now used up; EnrollError when
        none matches (the other live codes stay: see `exam_bank.wire.throttle`)."""
        code = match_code(request, self.live(), scrypt_n=self.scrypt_n)
        if code is not None:
            del self._codes[code]
            return code
        raise EnrollError("wrong, expired or already used enrollment code")


def match_code(request: EnrollRequest, codes: list[str], *,
               scrypt_n: int = SCRYPT_N) -> str | None:
    """Which of `codes` the request's HMAC was made with (ProtocolError for a bad CSR)."""
    csr_der = _csr(request).public_bytes(serialization.Encoding.DER)
    for code in codes:
        expected = _mac(_mac_key(code, request.kiosk_id, n=scrypt_n), b"request",
                        request.kiosk_id.encode(), csr_der)
        if hmac.compare_digest(expected, request.mac):
            return code
    return None


def _csr(request: EnrollRequest) -> x509.CertificateSigningRequest:
    try:
        csr = x509.load_pem_x509_csr(request.csr.encode("ascii"))
        valid = csr.is_signature_valid
        key = csr.public_key()
    except (ValueError, UnicodeError, UnsupportedAlgorithm) as exc:
        raise ProtocolError(f"not a valid CSR: {exc}", "csr") from None
    if not valid:
        raise ProtocolError("the CSR's signature does not match its key", "csr")
    if not isinstance(key, ec.EllipticCurvePublicKey) or not isinstance(key.curve,
                                                                       ec.SECP256R1):
        raise ProtocolError("the key must be EC P-256", "csr")
    return csr


def sign_request(ca: Issued, code: str, request: EnrollRequest, *,
                 scrypt_n: int = SCRYPT_N) -> tuple[x509.Certificate, EnrollReply]:
    """The kiosk certificate for a request whose code was redeemed, and the reply."""
    key = _csr(request).public_key()
    assert isinstance(key, ec.EllipticCurvePublicKey)
    cert = make_kiosk_cert(ca, request.kiosk_id, key)
    cert_der = cert.public_bytes(serialization.Encoding.DER)
    ca_der = ca.cert.public_bytes(serialization.Encoding.DER)
    mac = _mac(_mac_key(code, request.kiosk_id, n=scrypt_n), b"reply", request.mac.encode(),
               cert_der, ca_der)
    pem = serialization.Encoding.PEM
    return cert, EnrollReply(cert.public_bytes(pem).decode("ascii"),
                             ca.cert.public_bytes(pem).decode("ascii"), mac)


def is_kiosk_cert(cert: x509.Certificate) -> bool:
    try:
        usage = cert.extensions.get_extension_for_class(x509.ExtendedKeyUsage).value
    except x509.ExtensionNotFound:
        return False
    return ExtendedKeyUsageOID.CLIENT_AUTH in usage
