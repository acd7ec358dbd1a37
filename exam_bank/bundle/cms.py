"""Sealed result bundles as CMS (RFC 5652): signed by the proctor, enveloped for admins.

`seal` makes SignedData (attached binary content, SHA-256, ECDSA by the proctor's EC
P-256 key, carrying the proctor certificate and its chain) and wraps its DER in
EnvelopedData for every admin certificate (RSA key transport, AES-256-CBC — the
strongest content cipher `cryptography`'s EnvelopeBuilder offers; it has no AES-GCM /
AuthEnvelopedData). Stock `openssl cms -decrypt` then `openssl cms -verify` check a
bundle without Ujikom code. The signature (signed attributes, ECDSA, certificates) comes
from `cryptography`'s SignatureBuilder and every cipher operation from `cryptography`;
only the DER framing around the content is written here, streamed, because the builders
copy a 1 GB room several times over (see `seal`). Its output has the builders' structure
field for field (tests/exam_bank/bundle/test_cms_streaming.py).

`unseal` decrypts with `cryptography`'s `pkcs7_decrypt_der`, then verifies the
SignedData itself, because `cryptography` has no public CMS verify API. A small strict
DER reader (definite lengths only, minimal, nothing trailing) pulls out the content,
signed attributes, signature and certificates; then:

- the message-digest attribute must equal SHA-256 of the content and the content
  type attribute must be id-data;
- the ECDSA-SHA256 signature must verify over the signed attributes re-tagged as a
  SET OF (RFC 5652 §5.4);
- the signer certificate must chain to one of `trusted_roots` by
  `cryptography.x509.verification` (signatures, validity dates, CA constraints), and
  carry the seal role (`certs.Role.SEAL`): a kiosk's or the proctor's TLS certificate
  from the same lab CA does not sign results;
- every certificate carried must be part of that verified chain, and the unsigned
  SignedData fields (version, digest algorithms) must be what `seal` writes — so no
  byte of the decrypted SignedData goes unchecked.

AES-CBC is not authenticated, but tampering with the ciphertext garbles plaintext that
the signature covers, so it is refused as well. Every failure is an `InputError`
naming `where`.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass

from cryptography import x509
from cryptography.exceptions import InvalidSignature, UnsupportedAlgorithm
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.ciphers import Cipher, CipherContext, algorithms, modes
from cryptography.hazmat.primitives.serialization import pkcs7
from cryptography.x509 import verification

from exam_bank.bundle.certs import Role, common_name, role_problem
from exam_bank.crypto import der
from exam_bank.problems import InputError, Problem

_Bad = der.DerError  # a reason to refuse a bundle; every DER flaw is one

_ID_SIGNED_DATA = der.oid("1.2.840.113549.1.7.2")
_ID_DATA = der.oid("1.2.840.113549.1.7.1")
_ID_ENVELOPED_DATA = der.oid("1.2.840.113549.1.7.3")
_ID_RSA = der.oid("1.2.840.113549.1.1.1")
_ID_AES256_CBC = der.oid("2.16.840.1.101.3.4.1.42")
_ID_SHA256 = der.oid("2.16.840.1.101.3.4.2.1")
_ID_ECDSA_SHA256 = der.oid("1.2.840.10045.4.3.2")
_ATTR_CONTENT_TYPE = der.oid("1.2.840.113549.1.9.3")
_ATTR_MESSAGE_DIGEST = der.oid("1.2.840.113549.1.9.4")


@dataclass(frozen=True)
class Unsealed:
    """The payload of a verified bundle and the proctor certificate that signed it."""

    payload: bytes
    signer: x509.Certificate


def seal(
    payload: bytes,
    *,
    signer_cert: x509.Certificate,
    signer_key: ec.EllipticCurvePrivateKey,
    chain: Sequence[x509.Certificate],
    recipients: Sequence[x509.Certificate],
) -> bytes:
    """Sign `payload` as the proctor, then envelope it for every admin; DER bytes
    (`seal_chunks` joined: for a large bundle that goes to a file, pass the chunks to
    `atomic_write` instead and keep one copy fewer in memory)."""
    return b"".join(seal_chunks(payload, signer_cert=signer_cert, signer_key=signer_key,
                                chain=chain, recipients=recipients))


def seal_chunks(
    payload: bytes,
    *,
    signer_cert: x509.Certificate,
    signer_key: ec.EllipticCurvePrivateKey,
    chain: Sequence[x509.Certificate],
    recipients: Sequence[x509.Certificate],
) -> Iterator[bytes]:
    """The sealed bundle's DER in order, a few MB at a time: `payload` signed as the
    proctor and enveloped for every admin. Checks and signs before returning, so a bad
    argument raises here, not halfway through writing.

    `chain` holds the certificates between the signer and the lab CA (the CA itself may
    be included; the verifier takes its trust from its own copy of the root).

    Speed: a room of 4-hour makalah logs is over 1 GB. `cryptography`'s builders copy the
    content several times while nesting it (signing plus enveloping 1.27 GB took ~40 s),
    so the bulk never goes through them: the builder makes a *detached* signature (it
    hashes the content once; the signature, signed attributes and certificates are all
    its own), `_attach` puts the content back where an attached signature carries it,
    and `_envelope` encrypts the result with `cryptography`'s AES-256-CBC and RSA
    PKCS#1 v1.5 key transport — what `PKCS7EnvelopeBuilder` writes, field for field —
    a few MB at a time.
    """
    if not isinstance(signer_key, ec.EllipticCurvePrivateKey):
        raise TypeError("signer_key must be an EC private key")
    if not recipients:
        raise ValueError("a bundle needs at least one recipient")
    for cert in recipients:
        if not isinstance(cert.public_key(), rsa.RSAPublicKey):
            raise ValueError("recipient certificates must hold RSA keys")
    builder = (
        pkcs7.PKCS7SignatureBuilder()
        .set_data(payload)
        .add_signer(signer_cert, signer_key, hashes.SHA256())
    )
    for cert in chain:
        builder = builder.add_certificate(cert)
    detached = builder.sign(
        serialization.Encoding.DER,
        [pkcs7.PKCS7Options.Binary, pkcs7.PKCS7Options.NoCapabilities,
         pkcs7.PKCS7Options.DetachedSignature],
    )
    head, tail = _attach(detached, len(payload))
    return _envelope((head, payload, tail), recipients)


def _attach(detached: bytes, size: int) -> tuple[bytes, bytes]:
    """The DER before and after a `size`-byte content, turning the builder's detached
    SignedData into the attached one (RFC 5652 §5.2: eContent [0] EXPLICIT OCTET STRING
    inside encapContentInfo); the signature covers the content's digest either way."""
    outer = der.whole(detached, der.SEQUENCE, "detached signature")
    oid, wrapper = der.shape(detached, outer, [der.OID, der.CTX0], "ContentInfo")
    (sd,) = der.shape(detached, wrapper, [der.SEQUENCE], "SignedData")
    version, digest_algs, encap, certs, signer_infos = der.shape(
        detached, sd, [der.INTEGER, der.SET, der.SEQUENCE, der.CTX0, der.SET], "SignedData")
    (ctype,) = der.shape(detached, encap, [der.OID], "detached encapsulated content")
    octets = der.header(der.OCTET_STRING, size)
    explicit = der.header(der.CTX0, len(octets) + size)
    encap_body = len(ctype.raw(detached)) + len(explicit) + len(octets) + size
    encap_head = der.header(der.SEQUENCE, encap_body) + ctype.raw(detached) + explicit + octets
    before = version.raw(detached) + digest_algs.raw(detached)
    tail = certs.raw(detached) + signer_infos.raw(detached)
    sd_body = len(before) + len(encap_head) + size + len(tail)
    sd_head = der.header(der.SEQUENCE, sd_body)
    wrapper_head = der.header(der.CTX0, len(sd_head) + sd_body)
    outer_head = der.header(der.SEQUENCE, len(oid.raw(detached)) + len(wrapper_head) + len(sd_head)
                         + sd_body)
    head = outer_head + oid.raw(detached) + wrapper_head + sd_head + before + encap_head
    return head, tail


_AES_BLOCK = 16


def _envelope(parts: Sequence[bytes], recipients: Sequence[x509.Certificate]
              ) -> Iterator[bytes]:
    """EnvelopedData (RFC 5652 §6) of the concatenated `parts` for every recipient,
    exactly as `PKCS7EnvelopeBuilder` with AES-256 and Binary writes it: a fresh
    content key and IV, the key RSA-encrypted (PKCS#1 v1.5, rsaEncryption) for each
    recipient named by issuer and serial, the content AES-256-CBC with PKCS#7 padding."""
    key, iv = os.urandom(32), os.urandom(_AES_BLOCK)
    # DER orders a SET OF by the elements' encodings (as the builder and its parser do).
    infos = b"".join(sorted(_recipient_info(cert, key) for cert in recipients))
    size = sum(len(p) for p in parts)
    pad = _AES_BLOCK - size % _AES_BLOCK  # RFC 5652 §6.3: 1 to 16 bytes, each = count
    cipher_len = size + pad
    algorithm = der.tlv(der.SEQUENCE,
                        der.tlv(der.OID, _ID_AES256_CBC) + der.tlv(der.OCTET_STRING, iv))
    encrypted = der.tlv(der.OID, _ID_DATA) + algorithm + der.header(der.CTX0_PRIM, cipher_len)
    encrypted = der.header(der.SEQUENCE, len(encrypted) + cipher_len) + encrypted
    # then the ciphertext
    fields = der.tlv(der.INTEGER, b"\x00") + der.tlv(der.SET, infos) + encrypted
    enveloped = der.header(der.SEQUENCE, len(fields) + cipher_len)
    wrapped = der.header(der.CTX0, len(enveloped) + len(fields) + cipher_len)
    oid = der.tlv(der.OID, _ID_ENVELOPED_DATA)
    inner = oid + wrapped + enveloped + fields
    head = der.header(der.SEQUENCE, len(inner) + cipher_len) + inner
    encryptor = Cipher(algorithms.AES256(key), modes.CBC(iv)).encryptor()
    padded = (*parts[:-1], bytes(parts[-1]) + bytes([pad]) * pad)
    return _encrypted(head, encryptor, padded, cipher_len)


_CHUNK = 4 << 20  # small enough to stay in reused memory, large enough to be cheap


def _encrypted(head: bytes, encryptor: CipherContext, parts: Sequence[bytes],
               cipher_len: int) -> Iterator[bytes]:
    """`head`, then the ciphertext of `parts` chunk by chunk. Chunks, not one buffer:
    a fresh 1 GB buffer (and each copy of it) costs seconds in page faults alone."""
    yield head
    written = 0
    for part in parts:
        with memoryview(part) as view:
            for start in range(0, len(view), _CHUNK):
                chunk = encryptor.update(view[start:start + _CHUNK])
                written += len(chunk)
                yield chunk
    if written != cipher_len or encryptor.finalize():
        raise AssertionError("the ciphertext does not fill the length written before it")


def _recipient_info(cert: x509.Certificate, key: bytes) -> bytes:
    """KeyTransRecipientInfo v0: issuer and serial, rsaEncryption, the encrypted key."""
    public = cert.public_key()
    if not isinstance(public, rsa.RSAPublicKey):
        raise ValueError("recipient certificates must hold RSA keys")
    serial = cert.serial_number
    rid = der.tlv(der.SEQUENCE, cert.issuer.public_bytes()
               + der.tlv(der.INTEGER, serial.to_bytes(serial.bit_length() // 8 + 1, "big",
                                                signed=True)))
    algorithm = der.tlv(der.SEQUENCE, der.tlv(der.OID, _ID_RSA) + b"\x05\x00")
    encrypted = public.encrypt(key, padding.PKCS1v15())
    return der.tlv(der.SEQUENCE, der.tlv(der.INTEGER, b"\x00") + rid + algorithm
                + der.tlv(der.OCTET_STRING, encrypted))


def unseal(
    sealed: bytes,
    *,
    recipient_cert: x509.Certificate,
    recipient_key: rsa.RSAPrivateKey,
    trusted_roots: Sequence[x509.Certificate],
    where: str,
    at: dt.datetime | None = None,
) -> Unsealed:
    """Open a bundle addressed to this admin and check its proctor signature.

    `at` is the time certificates must be valid at (default: now). Raises InputError
    naming `where` for any bundle that is not exactly what a trusted proctor sealed.
    """
    if not trusted_roots:
        raise ValueError("unseal needs at least one trusted lab CA")
    try:
        signed = _decrypt(sealed, recipient_cert, recipient_key)
        payload, signer = _verify(signed, trusted_roots, at)
    except _Bad as exc:
        raise InputError([Problem(where, str(exc))]) from None
    except (ValueError, UnsupportedAlgorithm) as exc:  # a damaged value deep inside
        raise InputError([Problem(where, f"damaged bundle: {exc}")]) from None
    return Unsealed(payload, signer)


def _decrypt(sealed: bytes, cert: x509.Certificate, key: rsa.RSAPrivateKey) -> bytes:
    if not sealed:
        raise _Bad("empty file, not a sealed bundle")
    try:
        _check_envelope(bytes(sealed))
    except _Bad as exc:
        raise _Bad(f"not a sealed bundle (truncated or garbage): {exc}") from None
    try:
        return pkcs7.pkcs7_decrypt_der(bytes(sealed), cert, key, [])
    except (ValueError, UnsupportedAlgorithm, TypeError) as exc:
        raise _Bad(
            f"cannot decrypt: not addressed to this admin certificate, or damaged ({exc})"
        ) from None


def _algorithm(data: bytes, node: der.Node, what: str) -> bytes:
    """The OID of an AlgorithmIdentifier; parameters must be absent or NULL."""
    kids = der.kids(data, der.expect(node, der.SEQUENCE, what))
    if not kids or kids[0].tag != der.OID or len(kids) > 2:
        raise _Bad(f"unexpected structure at {what}")
    if len(kids) == 2 and kids[1].raw(data) != b"\x05\x00":
        raise _Bad(f"unexpected parameters at {what}")
    return kids[0].content(data)


def _check_envelope(data: bytes) -> None:
    """Refuse any EnvelopedData other than what `seal` writes.

    `cryptography`'s decryptor ignores some unauthenticated fields (versions, the
    inner content type); checking them here means no flipped byte goes unnoticed.
    """
    outer = der.whole(data, der.SEQUENCE, "sealed bundle")
    oid, wrapper = der.shape(data, outer, [der.OID, der.CTX0], "ContentInfo")
    if oid.content(data) != _ID_ENVELOPED_DATA:
        raise _Bad("not CMS EnvelopedData")
    (env,) = der.shape(data, wrapper, [der.SEQUENCE], "EnvelopedData")
    version, recipients, encrypted = der.shape(
        data, env, [der.INTEGER, der.SET, der.SEQUENCE], "EnvelopedData")
    if version.content(data) != b"\x00":
        raise _Bad("unexpected EnvelopedData version")
    infos = der.kids(data, recipients)
    if not infos:
        raise _Bad("no recipients")
    for info in infos:
        ver, _rid, alg, _key = der.shape(
            data,
            der.expect(info, der.SEQUENCE, "recipient"),
            [der.INTEGER, der.SEQUENCE, der.SEQUENCE, der.OCTET_STRING],
            "recipient",
        )
        if ver.content(data) != b"\x00" or _algorithm(data, alg, "key transport") != _ID_RSA:
            raise _Bad("unexpected recipient info")
    ctype, cipher, _body = der.shape(data, encrypted, [der.OID, der.SEQUENCE, 0x80],
                                     "encrypted content")
    if ctype.content(data) != _ID_DATA:
        raise _Bad("unexpected encrypted content type")
    alg, iv = der.shape(data, cipher, [der.OID, der.OCTET_STRING], "content cipher")
    if alg.content(data) != _ID_AES256_CBC or len(iv.content(data)) != 16:
        raise _Bad("content cipher must be AES-256-CBC")


# --- SignedData verification --------------------------------------------------------


def _verify(
    data: bytes, roots: Sequence[x509.Certificate], at: dt.datetime | None
) -> tuple[bytes, x509.Certificate]:
    outer = der.whole(data, der.SEQUENCE, "signed data")
    oid, wrapper = der.shape(data, outer, [der.OID, der.CTX0], "ContentInfo")
    if oid.content(data) != _ID_SIGNED_DATA:
        raise _Bad("decrypted content is not CMS SignedData")
    (sd,) = der.shape(data, wrapper, [der.SEQUENCE], "SignedData")
    fields = der.kids(data, sd)
    if [f.tag for f in fields] != [der.INTEGER, der.SET, der.SEQUENCE, der.CTX0, der.SET]:
        raise _Bad("unexpected SignedData structure (need one content, certificates, no CRLs)")
    version, digest_algs, encap, cert_set, signer_infos = fields
    if version.content(data) != b"\x01":
        raise _Bad("unexpected SignedData version")
    algs = der.kids(data, digest_algs)
    if len(algs) != 1 or _algorithm(data, algs[0], "digest algorithms") != _ID_SHA256:
        raise _Bad("SignedData digest algorithm must be SHA-256 only")

    ctype, explicit = der.shape(data, encap, [der.OID, der.CTX0], "encapsulated content")
    if ctype.content(data) != _ID_DATA:
        raise _Bad("signed content type is not id-data")
    (octets,) = der.shape(data, explicit, [der.OCTET_STRING], "encapsulated content")
    payload = octets.content(data)

    certs: list[x509.Certificate] = []
    for node in der.kids(data, cert_set):
        try:
            cert = x509.load_der_x509_certificate(node.raw(data))
            cert.public_key()  # parsed lazily: surface damage here, not mid-check
            cert.extensions  # noqa: B018
            certs.append(cert)
        except (ValueError, UnsupportedAlgorithm):
            raise _Bad("a certificate in the bundle is damaged") from None

    infos = der.kids(data, signer_infos)
    if len(infos) != 1:
        raise _Bad(f"expected exactly one signer, found {len(infos)}")
    signer, signature, signed_attrs = _signer_info(data, infos[0], certs)

    attrs = _attributes(data, signed_attrs)
    if attrs.get(_ATTR_CONTENT_TYPE) != bytes([der.OID, len(_ID_DATA)]) + _ID_DATA:
        raise _Bad("signed content-type attribute missing or not id-data")
    digest = attrs.get(_ATTR_MESSAGE_DIGEST)
    expected = bytes([der.OCTET_STRING, 32]) + hashlib.sha256(payload).digest()
    if digest is None:
        raise _Bad("signed message-digest attribute missing")
    if digest != expected:
        raise _Bad("content was tampered with: its SHA-256 does not match the signed digest")

    # RFC 5652 §5.4: the signature covers the attributes DER-encoded as a SET OF.
    to_verify = bytes([der.SET]) + data[signed_attrs.start + 1 : signed_attrs.end]
    key = signer.public_key()
    if not isinstance(key, ec.EllipticCurvePublicKey):
        raise _Bad("signer certificate does not hold an EC key")
    try:
        key.verify(signature, to_verify, ec.ECDSA(hashes.SHA256()))
    except InvalidSignature:
        raise _Bad("bad signature: the bundle was not signed by its signer certificate") from None

    _check_chain(signer, certs, roots, at)
    return payload, signer


def _signer_info(
    data: bytes, info: der.Node, certs: Sequence[x509.Certificate]
) -> tuple[x509.Certificate, bytes, der.Node]:
    kids = der.kids(data, der.expect(info, der.SEQUENCE, "SignerInfo"))
    tags = [k.tag for k in kids]
    if tags not in (
        [der.INTEGER, der.SEQUENCE, der.SEQUENCE, der.CTX0, der.SEQUENCE, der.OCTET_STRING],
        [der.INTEGER, der.CTX0_PRIM, der.SEQUENCE, der.CTX0, der.SEQUENCE, der.OCTET_STRING],
    ):
        raise _Bad("unexpected SignerInfo structure (signed attributes are required)")
    version, sid, digest_alg, signed_attrs, sig_alg, signature = kids
    if _algorithm(data, digest_alg, "signer digest algorithm") != _ID_SHA256:
        raise _Bad("signer digest algorithm must be SHA-256")
    if _algorithm(data, sig_alg, "signature algorithm") != _ID_ECDSA_SHA256:
        raise _Bad("signature algorithm must be ECDSA with SHA-256")

    matches: list[x509.Certificate]
    if sid.tag == der.SEQUENCE:
        if version.content(data) != b"\x01":
            raise _Bad("unexpected SignerInfo version")
        issuer, serial = der.shape(data, sid, [der.SEQUENCE, der.INTEGER], "signer identifier")
        number = int.from_bytes(serial.content(data), "big", signed=True)
        issuer_der = issuer.raw(data)
        matches = [
            c for c in certs if c.serial_number == number and c.issuer.public_bytes() == issuer_der
        ]
    else:
        if version.content(data) != b"\x03":
            raise _Bad("unexpected SignerInfo version")
        ski = sid.content(data)
        matches = [c for c in certs if _ski(c) == ski]
    if len(matches) != 1:
        raise _Bad("the signer's certificate is not in the bundle")
    return matches[0], signature.content(data), signed_attrs


def _ski(cert: x509.Certificate) -> bytes | None:
    try:
        return cert.extensions.get_extension_for_class(x509.SubjectKeyIdentifier).value.digest
    except x509.ExtensionNotFound:
        return None


def _attributes(data: bytes, node: der.Node) -> dict[bytes, bytes]:
    """Signed attributes as {type OID: DER of its single value}; duplicates refused."""
    out: dict[bytes, bytes] = {}
    for attr in der.kids(data, node):
        oid, values = der.shape(data, der.expect(attr, der.SEQUENCE, "attribute"),
                                [der.OID, der.SET], "attr")
        key = oid.content(data)
        vals = der.kids(data, values)
        if key in out or not vals:
            raise _Bad("duplicate or empty signed attribute")
        if key in (_ATTR_CONTENT_TYPE, _ATTR_MESSAGE_DIGEST) and len(vals) != 1:
            raise _Bad("signed attribute must have exactly one value")
        out[key] = vals[0].raw(data)
    return out


def _check_chain(
    signer: x509.Certificate,
    carried: Sequence[x509.Certificate],
    roots: Sequence[x509.Certificate],
    at: dt.datetime | None,
) -> None:
    """The signer must chain to a trusted lab CA, and carry nothing beside that chain."""
    builder = (
        verification.PolicyBuilder()
        .store(verification.Store(list(roots)))
        .time(at or dt.datetime.now(dt.UTC))
        .extension_policies(
            ca_policy=verification.ExtensionPolicy.webpki_defaults_ca(),
            ee_policy=verification.ExtensionPolicy.permit_all(),
        )
    )
    intermediates = [c for c in carried if c != signer]
    try:
        chain = builder.build_client_verifier().verify(signer, intermediates).chain
    except verification.VerificationError as exc:
        raise _Bad(f"signer is not from a trusted lab CA ({exc})") from None
    wrong = role_problem(signer, Role.SEAL)
    if wrong is not None:
        raise _Bad(f"signed by {_who(signer)}, which is not the lab's seal certificate: "
                   f"{wrong}; only the seal certificate signs results")
    for cert in carried:
        if cert not in chain:
            raise _Bad("the bundle carries a certificate outside the signer's chain")


def _who(cert: x509.Certificate) -> str:
    name = common_name(cert)
    return f"{name!r}" if name else "a certificate without a name"
