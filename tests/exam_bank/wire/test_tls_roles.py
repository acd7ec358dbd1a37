"""The lab link checks roles too: only a TLS server certificate serves,
only a kiosk's TLS client certificate connects; the seal certificate does neither."""

from __future__ import annotations

import ssl
from typing import cast

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID

from exam_bank.bundle import certs
from exam_bank.bundle.certs import Issued
from exam_bank.wire import tls
from exam_bank.wire.protocol import PROCTOR_NAME
from tests.attacks.roles import LabKeys, lab_keys


@pytest.fixture(scope="module")
def keys() -> LabKeys:
    return lab_keys()


def handshake(server: ssl.SSLContext, client: ssl.SSLContext) -> tuple[str | None, str | None]:
    """A TLS handshake in memory: (server's error, client's error), None where it succeeded."""
    s_in, s_out, c_in, c_out = (ssl.MemoryBIO() for _ in range(4))
    srv = server.wrap_bio(s_in, s_out, server_side=True)
    cli = client.wrap_bio(c_in, c_out, server_hostname=PROCTOR_NAME)
    errors: dict[str, str | None] = {"server": None, "client": None}
    done = {"server": False, "client": False}
    for _ in range(20):
        for name, side, outbox, peer_in in (("client", cli, c_out, s_in),
                                            ("server", srv, s_out, c_in)):
            if not done[name] and errors[name] is None:
                try:
                    side.do_handshake()
                    done[name] = True
                except (ssl.SSLWantReadError, ssl.SSLWantWriteError):
                    pass
                except ssl.SSLError as exc:
                    errors[name] = str(exc)
            peer_in.write(outbox.read())
        if errors["server"] or errors["client"] or (done["server"] and done["client"]):
            break
    if done["server"] and errors["server"] is None:
        # TLS 1.3: the server learns of the client certificate after its own handshake
        # ends; reading once surfaces a refusal of it.
        try:
            srv.read(1)
        except (ssl.SSLWantReadError, ssl.SSLZeroReturnError):
            pass
        except ssl.SSLError as exc:
            errors["server"] = str(exc)
    return errors["server"], errors["client"]


def _key(issued: Issued) -> ec.EllipticCurvePrivateKey:
    return cast(ec.EllipticCurvePrivateKey, issued.key)


def test_the_lab_link_handshakes_with_the_right_roles(keys: LabKeys) -> None:
    server = tls.server_context(keys.ca.cert, keys.server.cert, _key(keys.server))
    client = tls.client_context(keys.ca.cert, keys.kiosk.cert, _key(keys.kiosk))
    assert handshake(server, client) == (None, None)


def test_a_kiosk_certificate_cannot_serve(keys: LabKeys) -> None:
    """Even one naming the proctor (a SAN of ujikom-proctor): clientAuth is not serverAuth."""
    key = ec.generate_private_key(ec.SECP256R1())
    posing = certs._tls_leaf(keys.ca, PROCTOR_NAME, key.public_key(),
                             usage=ExtendedKeyUsageOID.CLIENT_AUTH,
                             san=x509.SubjectAlternativeName([x509.DNSName(PROCTOR_NAME)]),
                             org="Ujikom", years=1, now=None)
    assert certs.role_of(posing) is certs.Role.KIOSK
    server = tls.server_context(keys.ca.cert, posing, key)
    client = tls.client_context(keys.ca.cert, keys.kiosk.cert, _key(keys.kiosk))
    _server_error, client_error = handshake(server, client)
    assert client_error is not None and "unsuitable certificate purpose" in client_error


@pytest.mark.parametrize("role", ["seal", "server"])
def test_the_seal_or_server_certificate_cannot_be_a_kiosk(keys: LabKeys, role: str) -> None:
    signer = keys.seal if role == "seal" else keys.server
    server = tls.server_context(keys.ca.cert, keys.server.cert, _key(keys.server))
    client = tls.client_context(keys.ca.cert, signer.cert, _key(signer))
    server_error, _client_error = handshake(server, client)
    assert server_error is not None and "unsuitable certificate purpose" in server_error


class _Peer:
    def __init__(self, cert: x509.Certificate) -> None:
        self.der = cert.public_bytes(serialization.Encoding.DER)

    def getpeercert(self, binary_form: bool = False) -> bytes:
        return self.der


def test_the_proctor_names_a_kiosk_only_by_a_kiosk_certificate(keys: LabKeys) -> None:
    """Behind OpenSSL's purpose check, the server reads the kiosk id only from a
    certificate with the kiosk role."""
    assert tls.peer_kiosk_id(_Peer(keys.kiosk.cert)) == "pc-07"  # type: ignore[arg-type]
    for other in (keys.seal, keys.server, keys.ca):
        assert tls.peer_kiosk_id(_Peer(other.cert)) is None  # type: ignore[arg-type]
