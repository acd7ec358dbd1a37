"""Test kit for the lab server: a lab in tmp_path, kiosk certificates, a fake kiosk client
speaking the real protocol over real TLS on 127.0.0.1, and a room that records calls."""

from __future__ import annotations

import asyncio
import contextlib
import secrets
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, ClassVar, TypeVar

from cryptography import x509
from cryptography.hazmat.primitives.asymmetric import ec

from exam_bank.bundle.certs import make_kiosk_cert
from exam_bank.events.chain import EventLog
from exam_bank.events.model import Event
from exam_bank.ids import KioskId
from exam_bank.wire import protocol as P
from exam_bank.wire.tls import client_context
from proctor.lab import Lab, init_lab
from proctor.replica import Replica
from proctor.server import ExamSession, LabServer

SCRYPT_N = 2**10  # fast key files in tests
PASS = b"correct horse battery"
EXAM_ID = "EX1"
EXAM_KEY = bytes(range(32))
T = TypeVar("T")


def run(coro: Awaitable[T], timeout: float = 20) -> T:
    async def main() -> T:
        return await asyncio.wait_for(coro, timeout)
    return asyncio.run(main())


def make_lab(state: Path) -> Lab:
    return init_lab(state, "Lab Uji", "Budi Santoso", PASS, hosts=["127.0.0.1"],
                    scrypt_n=SCRYPT_N)


def kiosk_identity(lab: Lab, kiosk_id: str) -> tuple[x509.Certificate,
                                                     ec.EllipticCurvePrivateKey]:
    key = ec.generate_private_key(ec.SECP256R1())
    return make_kiosk_cert(lab.ca, kiosk_id, key.public_key()), key


def enrolled(lab: Lab, kiosk_id: str) -> None:
    """`kiosk_id` is one of the lab's PCs (as `enroll` leaves it): a move may go there."""
    lab.record_kiosk(KioskId(kiosk_id), kiosk_identity(lab, kiosk_id)[0])


def chain(participant_no: str, n: int, exam_id: str = EXAM_ID) -> list[Event]:
    log = EventLog(exam_id, participant_no)
    log.append("login", {"participant_no": participant_no}, "2026-11-23T08:00:00+00:00", 0, 1)
    for i in range(1, n):
        log.append("navigated", {"to": i}, "2026-11-23T08:00:01+00:00", i * 10, 1)
    return log.events


@dataclass
class RecordingRoom:
    heartbeats: list[tuple[Any, ...]] = field(default_factory=list)
    stored: dict[str, list[Event]] = field(default_factory=dict)
    incidents: list[tuple[str | None, str | None, str, str]] = field(default_factory=list)
    command_lines: tuple[Any, ...] = ()
    repeats: dict[tuple[str, str], int] = field(default_factory=dict)
    actions: list[Any] = field(default_factory=list)

    def heartbeat(self, seat: str, kiosk_id: str, participant_no: str | None, now_ms: int,
                  time_left_ms: int | None = None) -> None:
        self.heartbeats.append((seat, kiosk_id, participant_no, time_left_ms))

    def replicated(self, participant_no: str, events: Sequence[Event]) -> None:
        self.stored.setdefault(participant_no, []).extend(events)

    def incident(self, seat: str | None, participant_no: str | None, kind: str,
                 evidence: str, wall: str | None = None) -> None:
        self.incidents.append((seat, participant_no, kind, evidence))

    def commands(self, lines: Sequence[Any]) -> None:
        self.command_lines = tuple(lines)
    def incident_repeated(self, kind: str, evidence: str, count: int, last: str) -> None:
        self.repeats[(kind, evidence)] = count

    def action(self, action: Any) -> None:
        self.actions.append(action)

    def kinds(self) -> list[str]:
        return [i[2] for i in self.incidents]


def exam_session(participants: Sequence[str] | None = ("P001", "P002", "P003")) -> ExamSession:
    return ExamSession(EXAM_ID, "S1", "ab" * 32, EXAM_KEY,
                       None if participants is None else frozenset(participants))


@contextlib.asynccontextmanager
async def serving(lab: Lab, room: RecordingRoom | None = None,
                  exam: ExamSession | None = None,
                  on_submitted: Callable[[str], None] | None = None
                  ) -> AsyncIterator[LabServer]:
    replica = Replica.open(lab.replica_path, lab.replica_key, EXAM_ID)
    server = LabServer(lab, replica, exam or exam_session(), room or RecordingRoom(),
                       scrypt_n=SCRYPT_N, on_submitted=on_submitted)
    await server.start("127.0.0.1", 0, 0)
    try:
        yield server
    finally:
        for kiosk in FakeKiosk.opened:
            await kiosk.close()
        FakeKiosk.opened.clear()
        await server.stop()
        await asyncio.sleep(0)
        replica.close()


class FakeKiosk:
    """A kiosk reduced to its link: connects, says hello, sends and reads messages."""

    opened: ClassVar[list[FakeKiosk]] = []  # closed by `serving` when it ends

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.reader, self.writer = reader, writer
        FakeKiosk.opened.append(self)

    @classmethod
    async def connect(cls, port: int, ca: x509.Certificate, cert: x509.Certificate,
                      key: ec.EllipticCurvePrivateKey) -> FakeKiosk:
        context = client_context(ca, cert, key)
        reader, writer = await asyncio.open_connection("127.0.0.1", port, ssl=context,
                                                       server_hostname=P.PROCTOR_NAME)
        return cls(reader, writer)

    async def hello(self, kiosk_id: str, seat: str = "A1", nonce: str | None = None,
                    participants: tuple[str, ...] = ()) -> P.Message:
        await self.send(P.Hello(P.PROTOCOL_VERSION, kiosk_id, seat,
                                nonce or secrets.token_hex(16), participants))
        return await self.recv()

    async def send(self, message: P.Message) -> None:
        await P.write_message(self.writer, message)

    async def send_raw(self, data: bytes) -> None:
        self.writer.write(data)
        await self.writer.drain()

    async def recv(self, timeout: float = 5) -> P.Message:
        return await asyncio.wait_for(P.read_message(self.reader), timeout)

    async def closed(self, timeout: float = 5) -> bool:
        """True once the server has closed the connection (after any final messages)."""
        while True:
            try:
                await asyncio.wait_for(P.read_message(self.reader), timeout)
            except (P.ConnectionClosed, ConnectionError, P.ProtocolError):
                return True

    async def close(self) -> None:
        self.writer.close()
        with contextlib.suppress(Exception):
            await self.writer.wait_closed()


async def connected(server: LabServer, lab: Lab, kiosk_id: str = "pc-01",
                    seat: str = "A1") -> tuple[FakeKiosk, P.Welcome]:
    cert, key = kiosk_identity(lab, kiosk_id)
    kiosk = await FakeKiosk.connect(server.port, lab.ca.cert, cert, key)
    welcome = await kiosk.hello(kiosk_id, seat)
    assert isinstance(welcome, P.Welcome), welcome
    return kiosk, welcome
