"""Attacks on the proctor's listeners from the LAN, for the fault suite and its benchmark.

Each attack is a coroutine that returns how it went; none needs more than loopback.
Attackers speak from other loopback addresses (127.0.0.2 …) than the real kiosk
(127.0.0.1), as an attacker on a lab LAN has their own address: limits per address must
hold them back without holding back anyone else.
"""

from __future__ import annotations

import asyncio
import contextlib
import secrets
import ssl
import struct
import time
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import ec

from exam_bank.bundle.certs import make_kiosk_cert
from exam_bank.wire import enroll
from exam_bank.wire import protocol as P
from exam_bank.wire.tls import client_context, enrollment_client_context

HUGE = 4 * 1024 * 1024
CHUNK = b"\0" * 65536


def attacker(index: int) -> str:
    """The loopback address of attacker number `index` (never 127.0.0.1)."""
    return f"127.0.{1 + index // 250}.{2 + index % 250}"


@dataclass
class Tally:
    tried: int = 0
    refused: int = 0  # closed, refused or turned away before doing harm
    accepted: int = 0  # got what it should not have

    def add(self, other: Tally) -> None:
        self.tried += other.tried
        self.refused += other.refused
        self.accepted += other.accepted


async def _open(port: int, context: ssl.SSLContext, source: str
                ) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
    return await asyncio.wait_for(asyncio.open_connection(
        "127.0.0.1", port, ssl=context, server_hostname=P.PROCTOR_NAME,
        local_addr=(source, 0)), 15)


async def _close(writer: asyncio.StreamWriter) -> None:
    writer.close()
    with contextlib.suppress(Exception):
        await asyncio.wait_for(writer.wait_closed(), 2)


async def oversized_frame(port: int, context: ssl.SSLContext, source: str,
                          size: int = HUGE) -> Tally:
    """One connection that announces a `size`-byte frame and keeps sending its body;
    refused when the server closes it before the whole body went out."""
    try:
        reader, writer = await _open(port, context, source)
    except (OSError, ssl.SSLError, TimeoutError):
        return Tally(1, 1, 0)  # turned away at the door
    sent = 0
    refused = False
    try:
        writer.write(struct.pack(">I", size))
        while sent < size:
            writer.write(CHUNK)
            sent += len(CHUNK)
            await asyncio.wait_for(writer.drain(), 10)
            if reader.at_eof():
                refused = True
                break
        if not refused:  # all sent: the server must still refuse it
            reply = await asyncio.wait_for(reader.read(65536), 10)
            refused = not reply or b'"error"' in reply
    except (OSError, ssl.SSLError, TimeoutError, ConnectionError):
        refused = True
    finally:
        await _close(writer)
    return Tally(1, int(refused), int(not refused))


async def frame_flood(enroll_port: int, kiosk_port: int, rogue: KioskId, on_enroll: int,
                      on_kiosk: int) -> Tally:
    """`on_enroll` oversized frames on the enrollment port and `on_kiosk` as an enrolled
    but misbehaving kiosk's hello, all at once, two connections from each attacker's
    address (within the per-address limit, so each one reaches the frame check)."""
    jobs = [oversized_frame(enroll_port, enrollment_client_context(), attacker(i // 2))
            for i in range(on_enroll)]
    jobs += [oversized_frame(kiosk_port, rogue.context, attacker((on_enroll + i) // 2))
             for i in range(on_kiosk)]
    total = Tally()
    for tally in await asyncio.gather(*jobs):
        total.add(tally)
    return total


async def handshake_flood(port: int, kiosk: KioskId, first_address: int, addresses: int,
                          each: int) -> tuple[Tally, list[float]]:
    """`each` failed handshakes from each of `addresses` attackers, one after another per
    address; meanwhile the real `kiosk` connects again and again: its welcome times."""
    async def from_address(index: int) -> Tally:
        tally = Tally()
        for _ in range(each):
            tally.add(await failed_handshake(port, attacker(first_address + index)))
        return tally

    flood = asyncio.ensure_future(asyncio.gather(*(from_address(i) for i in range(addresses))))
    welcomes = []
    while not flood.done():
        welcomes.append(await welcome_time(port, kiosk))
        await asyncio.sleep(0.05)
    total = Tally()
    for tally in await flood:
        total.add(tally)
    return total, welcomes


async def failed_handshake(port: int, source: str) -> Tally:
    """A TLS client with no lab certificate on the kiosk port."""
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT)
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    try:
        reader, writer = await _open(port, context, source)
    except (OSError, ssl.SSLError, TimeoutError):
        return Tally(1, 1, 0)
    try:
        writer.write(P.encode_message(P.Hello(1, "pc-99", "Z9", secrets.token_hex(16))))
        reply = await asyncio.wait_for(reader.read(65536), 10)
        accepted = bool(reply) and b"welcome" in reply
    except (OSError, ssl.SSLError, TimeoutError, ConnectionError):
        accepted = False
    finally:
        await _close(writer)
    return Tally(1, int(not accepted), int(accepted))


def raw_frame(body: bytes) -> bytes:
    """`body` framed as the protocol frames a message, whatever it holds."""
    return struct.pack(">I", len(body)) + body


async def hello_reply(port: int, kiosk: KioskId, payload: bytes, source: str,
                      wait: float = 10.0) -> tuple[bytes, float]:
    """Send `payload` (raw frames) first on an enrolled kiosk's connection; what the
    proctor answered before it closed the connection (b"" for nothing) and how long it
    kept the connection open after the payload went out."""
    reader, writer = await _open(port, kiosk.context, source)
    start = time.perf_counter()
    reply = b""
    try:
        writer.write(payload)
        await writer.drain()
        while chunk := await asyncio.wait_for(reader.read(65536), wait):
            reply += chunk
    except (OSError, ssl.SSLError, ConnectionError):
        pass
    finally:
        await _close(writer)
    return reply, time.perf_counter() - start


async def wrong_code(enroll_port: int, source: str, kiosk_id: str = "rogue-01") -> Tally:
    """An enrollment request under a guessed code."""
    _key, request = enroll.make_request(kiosk_id, "00000-00000", scrypt_n=2**10)
    reply = await enroll_once(enroll_port, request, source)
    accepted = isinstance(reply, enroll.EnrollReply)
    return Tally(1, int(not accepted), int(accepted))


async def enroll_once(enroll_port: int, request: enroll.EnrollRequest,
                      source: str = "127.0.0.1") -> P.Message | None:
    try:
        reader, writer = await _open(enroll_port, enrollment_client_context(), source)
    except (OSError, ssl.SSLError, TimeoutError):
        return None
    try:
        await P.write_message(writer, request)
        return await asyncio.wait_for(
            P.read_message(reader, registry=enroll.ENROLL_MESSAGES), 15)
    except (OSError, ssl.SSLError, TimeoutError, P.ProtocolError, P.ConnectionClosed):
        return None
    finally:
        await _close(writer)


async def hold_open(port: int, source: str, count: int, seconds: float) -> int:
    """`count` plain TCP connections from `source` that say nothing for `seconds`; how
    many the server let stay open the whole time."""
    async def one() -> bool:
        try:
            reader, writer = await asyncio.open_connection("127.0.0.1", port,
                                                           local_addr=(source, 0))
        except OSError:
            return False
        try:
            data = await asyncio.wait_for(reader.read(1), seconds)
            return data != b""  # EOF: the server closed it
        except TimeoutError:
            return True
        except OSError:
            return False
        finally:
            await _close(writer)
    results = await asyncio.gather(*(one() for _ in range(count)))
    return sum(results)


@dataclass
class KioskId:
    kiosk_id: str
    context: ssl.SSLContext


def kiosk_identity(ca_cert: x509.Certificate, ca_issued: object, kiosk_id: str) -> KioskId:
    key = ec.generate_private_key(ec.SECP256R1())
    cert = make_kiosk_cert(ca_issued, kiosk_id, key.public_key())  # type: ignore[arg-type]
    return KioskId(kiosk_id, client_context(ca_cert, cert, key))


def lab_kiosk(state: Path, kiosk_id: str) -> KioskId:
    """A kiosk certificate from the lab in `state` (made by `tests.faults.labproc`)."""
    from proctor.lab import open_lab
    from tests.faults.labproc import PASS

    lab = open_lab(state, PASS)
    return kiosk_identity(lab.ca.cert, lab.ca, kiosk_id)


async def welcome_time(port: int, kiosk: KioskId) -> float:
    """Seconds from connecting to the welcome, for a real kiosk at 127.0.0.1."""
    start = time.perf_counter()
    reader, writer = await _open(port, kiosk.context, "127.0.0.1")
    try:
        await P.write_message(writer, P.Hello(P.PROTOCOL_VERSION, kiosk.kiosk_id, "A1",
                                              secrets.token_hex(16)))
        reply = await asyncio.wait_for(P.read_message(reader), 15)
        if not isinstance(reply, P.Welcome):
            raise AssertionError(f"the kiosk got {reply!r}, not a welcome")
        return time.perf_counter() - start
    finally:
        await _close(writer)
