"""PKCS#12 files whose passphrase costs as much to guess through the MAC as through the key.

`cryptography`'s builder protects the key bag and the certificate bag well (PBES2:
PBKDF2-HMAC-SHA256 at `kdf_rounds`, AES-256-CBC) but always writes the file's integrity
MAC with 2,048 rounds of the PKCS#12 KDF. A wrong passphrase is then rejected by the MAC
in a fraction of a millisecond, so an attacker guesses through the MAC and pays the key
derivation only for the one guess that passes it.

`serialize` therefore re-writes the MacData (RFC 7292 §4) with a fresh salt and
`mac_iterations_for(kdf_rounds)` rounds: HMAC-SHA256 under a key from the RFC 7292
Appendix B.2 KDF with SHA-256, the MAC every PKCS#12 reader (stock OpenSSL, `cryptography`)
verifies. One round of that KDF hashes one SHA-256 block; one PBKDF2-HMAC-SHA256 round
hashes two, hence twice the rounds for the same cost per guess. The bags are untouched.
(PBMAC1, RFC 9579, would put PBKDF2 in the MAC too, but needs OpenSSL 3.4 to open.)
"""

from __future__ import annotations

import hashlib
import hmac
import os

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12

from exam_bank.crypto import der

_ID_DATA = der.oid("1.2.840.113549.1.7.1")
_ID_SHA256 = der.oid("2.16.840.1.101.3.4.2.1")
_MAC_KEY_ID = 3  # RFC 7292 B.3: the ID byte for deriving a MAC key
_BLOCK = 64  # SHA-256's block size in bytes (v in RFC 7292 B.2)


def mac_iterations_for(kdf_rounds: int) -> int:
    """MAC rounds that cost a guess what `kdf_rounds` of PBKDF2-HMAC-SHA256 cost."""
    return 2 * kdf_rounds


def serialize(name: bytes, key: rsa.RSAPrivateKey, cert: x509.Certificate, passphrase: bytes,
              *, kdf_rounds: int) -> bytes:
    """`key` and `cert` as PKCS#12: both bags PBES2 (PBKDF2-HMAC-SHA256 at `kdf_rounds`,
    AES-256-CBC), the MAC HMAC-SHA256 at `mac_iterations_for(kdf_rounds)` rounds."""
    pfx = serialize_stock(name, key, cert, passphrase, kdf_rounds=kdf_rounds)
    return remac(pfx, passphrase, mac_iterations_for(kdf_rounds))


def serialize_stock(name: bytes, key: rsa.RSAPrivateKey, cert: x509.Certificate,
                    passphrase: bytes, *, kdf_rounds: int) -> bytes:
    """The same bags as `serialize`, with the MAC `cryptography` writes by itself (2,048
    rounds, whatever `kdf_rounds` says): what `serialize` re-MACs, and the benchmark's
    baseline of what a wrong guess costs without that."""
    encryption = (serialization.PrivateFormat.PKCS12.encryption_builder()
                  .kdf_rounds(kdf_rounds)
                  .key_cert_algorithm(pkcs12.PBES.PBESv2SHA256AndAES256CBC)
                  .hmac_hash(hashes.SHA256())
                  .build(passphrase))
    return pkcs12.serialize_key_and_certificates(name, key, cert, None, encryption)


def remac(pfx: bytes, passphrase: bytes, iterations: int) -> bytes:
    """`pfx` (a PKCS#12 file with an HMAC-SHA256 MAC) with its MAC made anew at
    `iterations` rounds; der.DerError if it is not such a file."""
    version, safe, mac_data = der.shape(pfx, der.whole(pfx, der.SEQUENCE, "PFX"),
                                        [der.INTEGER, der.SEQUENCE, der.SEQUENCE], "PFX")
    content_type, explicit = der.shape(pfx, safe, [der.OID, der.CTX0], "authSafe")
    if content_type.content(pfx) != _ID_DATA:
        raise der.DerError("authSafe is not id-data (a public-key-protected PKCS#12?)")
    (octets,) = der.shape(pfx, explicit, [der.OCTET_STRING], "authSafe")
    digest_info, _salt, _rounds = der.shape(
        pfx, mac_data, [der.SEQUENCE, der.OCTET_STRING, der.INTEGER], "MacData")
    algorithm, _mac = der.shape(pfx, digest_info, [der.SEQUENCE, der.OCTET_STRING], "mac")
    if der.kids(pfx, algorithm)[0].content(pfx) != _ID_SHA256:
        raise der.DerError("the MAC is not HMAC-SHA256")
    salt = os.urandom(16)
    mac = hmac.new(mac_key(passphrase, salt, iterations), octets.content(pfx),
                   hashlib.sha256).digest()
    count = iterations.to_bytes(iterations.bit_length() // 8 + 1, "big")  # DER: signed
    new_mac = der.tlv(der.SEQUENCE,
                      der.tlv(der.SEQUENCE, algorithm.raw(pfx) + der.tlv(der.OCTET_STRING, mac))
                      + der.tlv(der.OCTET_STRING, salt) + der.tlv(der.INTEGER, count))
    return der.tlv(der.SEQUENCE, version.raw(pfx) + safe.raw(pfx) + new_mac)


def mac_key(passphrase: bytes, salt: bytes, iterations: int) -> bytes:
    """The 32-byte HMAC-SHA256 key RFC 7292 Appendix B.2 derives for a MAC (ID 3).

    The passphrase goes in as OpenSSL reads it: UTF-8 turned into a BMPString (UTF-16BE,
    two zero bytes after), or byte for byte when it is not UTF-8."""
    try:
        bmp = passphrase.decode("utf-8").encode("utf-16-be") + b"\0\0"
    except UnicodeDecodeError:
        bmp = b"".join(b"\0" + bytes([c]) for c in passphrase) + b"\0\0"
    seed = bytes([_MAC_KEY_ID]) * _BLOCK + _fill(salt) + _fill(bmp)
    digest = hashlib.sha256(seed).digest()
    sha256 = hashlib.sha256
    for _ in range(iterations - 1):
        digest = sha256(digest).digest()
    return digest  # 32 bytes: one round of B.2 step 6 makes all the key HMAC-SHA256 needs


def _fill(data: bytes) -> bytes:
    """`data` repeated to the next multiple of the block size (RFC 7292 B.2 steps 2-3)."""
    if not data:
        return b""
    size = -(-len(data) // _BLOCK) * _BLOCK
    return (data * (size // len(data) + 1))[:size]
