"""Finding the proctor on the LAN: a UDP beacon every `BEACON_EVERY_S` seconds.

The proctor broadcasts ``{"type": "ujikom-beacon", "version", "lab", "port",
"enroll_port", "ca"}`` (``ca``: SHA-256 of the lab CA certificate) to `BEACON_PORT`;
a kiosk without a configured address takes the sender's IP address and these ports. The
beacon needs no trust: anyone can send one, but a kiosk then still speaks only mutual TLS
with a certificate from its lab CA, so a forged beacon costs a failed connection, never a
secret. An enrolled kiosk ignores beacons whose ``ca`` is not its own lab's (another lab
in the next room).
"""

from __future__ import annotations

import asyncio
import socket
from dataclasses import dataclass
from typing import Any, ClassVar

from exam_bank.events.model import canonical
from exam_bank.wire.protocol import (
    PROTOCOL_VERSION,
    Conv,
    Message,
    ProtocolError,
    _hex,
    _text,
    _whole,
    message_from_wire,
    parse_json,
)

BEACON_PORT = 7445
BEACON_EVERY_S = 2.0
MAX_BEACON = 1024


@dataclass(frozen=True)
class Beacon(Message):
    TYPE: ClassVar[str] = "ujikom-beacon"
    FIELDS: ClassVar[dict[str, Conv]] = {
        "version": _whole(1, 1000), "lab": _text(120), "port": _whole(1, 65535),
        "enroll_port": _whole(0, 65535), "ca": _hex(64)}
    version: int
    lab: str
    port: int
    enroll_port: int
    ca: str


def encode_beacon(beacon: Beacon) -> bytes:
    return canonical(beacon.to_wire())


def decode_beacon(data: bytes) -> Beacon:
    """A beacon from a datagram; ProtocolError for anything else."""
    if len(data) > MAX_BEACON:
        raise ProtocolError(f"a beacon is at most {MAX_BEACON} bytes")
    message = message_from_wire(parse_json(data), {Beacon.TYPE: Beacon})
    assert isinstance(message, Beacon)
    return message


def make_beacon(lab: str, port: int, enroll_port: int, ca_fingerprint: str) -> Beacon:
    return Beacon(PROTOCOL_VERSION, lab, port, enroll_port, ca_fingerprint)


class _Sink(asyncio.DatagramProtocol):
    def __init__(self, found: asyncio.Future[tuple[str, Beacon]], ca: str | None) -> None:
        self.found, self.ca = found, ca

    def datagram_received(self, data: bytes, addr: Any) -> None:
        try:
            beacon = decode_beacon(data)
        except ProtocolError:
            return  # noise on the port is not our business
        if (self.ca is None or beacon.ca == self.ca) and not self.found.done():
            self.found.set_result((str(addr[0]), beacon))


async def find_proctor(*, ca_fingerprint: str | None = None, port: int = BEACON_PORT,
                       host: str = "0.0.0.0", timeout: float = 3 * BEACON_EVERY_S
                       ) -> tuple[str, Beacon]:
    """(proctor address, beacon) of the first beacon heard (of this lab, when
    `ca_fingerprint` is given); TimeoutError when none comes within `timeout`."""
    loop = asyncio.get_running_loop()
    found: asyncio.Future[tuple[str, Beacon]] = loop.create_future()
    transport, _ = await loop.create_datagram_endpoint(
        lambda: _Sink(found, ca_fingerprint), local_addr=(host, port), reuse_port=True)
    try:
        return await asyncio.wait_for(found, timeout)
    finally:
        transport.close()


async def broadcast(beacon: Beacon, *, target: tuple[str, int] = ("255.255.255.255",
                                                                   BEACON_PORT),
                    every: float = BEACON_EVERY_S) -> None:
    """Send `beacon` to `target` every `every` seconds until cancelled."""
    loop = asyncio.get_running_loop()
    transport, _ = await loop.create_datagram_endpoint(
        asyncio.DatagramProtocol, family=socket.AF_INET, allow_broadcast=True)
    data = encode_beacon(beacon)
    try:
        while True:
            transport.sendto(data, target)
            await asyncio.sleep(every)
    finally:
        transport.close()
