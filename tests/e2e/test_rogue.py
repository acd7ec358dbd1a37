"""Clients the proctor must refuse: no lab certificate, another CA's, a replayed hello;
and an old batch of events replayed changes nothing."""

from __future__ import annotations

import socket
import ssl

import pytest

from exam_bank.bundle.certs import make_kiosk_cert, make_lab_ca
from exam_bank.wire.protocol import (
    HEADER,
    PROCTOR_NAME,
    PROCTOR_SENDS,
    PROTOCOL_VERSION,
    Ack,
    Error,
    ErrorCode,
    Events,
    Hello,
    Message,
    Welcome,
    decode_message,
    encode_message,
)
from exam_bank.wire.tls import client_context, read_cert, read_key_file
from tests.e2e.conftest import KIOSK_PASSPHRASE, Exam, Kiosks, Proctor, kiosk_events

pytestmark = pytest.mark.slow


def _read(sock: ssl.SSLSocket) -> object:
    def exactly(n: int) -> bytes:
        data = b""
        while len(data) < n:
            chunk = sock.recv(n - len(data))
            if not chunk:
                raise ConnectionError("closed by the proctor")
            data += chunk
        return data

    (length,) = HEADER.unpack(exactly(HEADER.size))
    message = decode_message(exactly(length))
    assert type(message) in PROCTOR_SENDS
    return message


def _talk(port: int, context: ssl.SSLContext, *messages: Message,
          until: type = Welcome) -> object:
    """Blocking client: send `messages`, return the first answer of type `until` (or an
    Error); raises when the proctor drops the connection."""
    with socket.create_connection(("127.0.0.1", port), timeout=10) as raw, \
            context.wrap_socket(raw, server_hostname=PROCTOR_NAME) as sock:
        for message in messages:
            sock.sendall(encode_message(message))
        while True:
            answer = _read(sock)
            if isinstance(answer, until | Error):
                return answer


def _hello(port: int, context: ssl.SSLContext, hello: Hello) -> object:
    return _talk(port, context, hello)


def test_a_client_without_a_lab_certificate_gets_nothing(proctor: Proctor,
                                                         kiosks: Kiosks) -> None:
    context = ssl.create_default_context(ssl.Purpose.SERVER_AUTH)
    context.load_verify_locations(cadata=(kiosks.proctor.state / "ca.pem").read_text())
    context.minimum_version = ssl.TLSVersion.TLSv1_3
    hello = Hello(PROTOCOL_VERSION, "ROGUE", "X", "ab" * 16)
    with pytest.raises((ssl.SSLError, ConnectionError)):
        _hello(proctor.port, context, hello)
    other = make_lab_ca("Another Lab CA")
    from cryptography.hazmat.primitives.asymmetric import ec

    key = ec.generate_private_key(ec.SECP256R1())
    foreign = client_context(read_cert(kiosks.proctor.state / "ca.pem"),
                             make_kiosk_cert(other, "ROGUE", key.public_key()), key)
    with pytest.raises((ssl.SSLError, ConnectionError)):
        _hello(proctor.port, foreign, hello)
    assert proctor.refusals("tls_refused", 2) >= 2
    assert proctor.incidents().count("tls_refused") == 1  # one address: one line, counted


def _enrolled_context(kiosks: Kiosks, kiosk_id: str) -> ssl.SSLContext:
    folder = kiosks.root / kiosk_id
    if not (folder / "kiosk.key").exists():
        kiosks.enroll(kiosk_id)
    key = read_key_file(folder / "kiosk.key", KIOSK_PASSPHRASE.encode())
    return client_context(read_cert(folder / "ca.crt"), read_cert(folder / "kiosk.crt"), key)


def test_a_replayed_hello_is_refused(proctor: Proctor, kiosks: Kiosks) -> None:
    context = _enrolled_context(kiosks, "PC-010")
    hello = Hello(PROTOCOL_VERSION, "PC-010", "A10", "cd" * 16)
    assert isinstance((_hello(proctor.port, context, hello)), Welcome)
    again = (_hello(proctor.port, context, hello))
    assert isinstance(again, Error) and again.code == ErrorCode.REPLAY and again.fatal
    impostor = (_hello(proctor.port, context, Hello(
        PROTOCOL_VERSION, "PC-001", "A01", "ef" * 16)))  # another kiosk's name
    assert isinstance(impostor, Error) and impostor.code == ErrorCode.IDENTITY
    assert {"replay", "identity"} <= set(proctor.incidents())


def test_old_events_replayed_change_nothing_at_the_proctor(exam: Exam, proctor: Proctor,
                                                           kiosks: Kiosks) -> None:
    no = sorted(exam.pins)[3]
    lines = kiosks.run("PC-004", no)
    done = lines.until(lambda line: line["event"] in ("synced", "unsynced", "error"), 90)
    assert done["event"] == "synced"
    before = proctor.log(no)
    old = kiosk_events(exam, kiosks.root / "PC-004", no)[:5]
    # The kiosk's own old batch again (a resend, or someone replaying it): acked, ignored.
    ack = _talk(proctor.port, _enrolled_context(kiosks, "PC-004"),
                Hello(PROTOCOL_VERSION, "PC-004", "A04", "12" * 16), Events(no, 1, tuple(old)),
                until=Ack)
    assert isinstance(ack, Ack) and ack.refused is None and ack.seq == len(before)
    # The same batch from another lab PC: refused, since the log is PC-004's to write.
    ack = _talk(proctor.port, _enrolled_context(kiosks, "PC-011"),
                Hello(PROTOCOL_VERSION, "PC-011", "A11", "34" * 16), Events(no, 1, tuple(old)),
                until=Ack)
    assert isinstance(ack, Ack) and ack.refused and ack.seq == len(before)
    assert proctor.log(no) == before
