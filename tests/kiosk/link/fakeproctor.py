"""A small in-process proctor speaking `exam_bank.wire.protocol`, for the kiosk's tests.

It follows the spec's replication rules (continue the chain, identical resend acked and
ignored, gap/fork refused with the last stored seq), so the kiosk's link is tested against
the protocol itself; the real server (`proctor.server`) is exercised by tests/e2e.
"""

from __future__ import annotations

import asyncio
import contextlib
import secrets
import threading
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from cryptography.hazmat.primitives import serialization

from exam_bank.bundle.certs import Issued, make_kiosk_cert, make_lab_ca, make_proctor_tls
from exam_bank.events import Event
from exam_bank.events.model import genesis_hash
from exam_bank.wire.control import ControlCommand
from exam_bank.wire.protocol import (
    KIOSK_SENDS,
    PROCTOR_NAME,
    PROTOCOL_VERSION,
    Ack,
    Control,
    ControlAck,
    Error,
    ErrorCode,
    Events,
    Heartbeat,
    Hello,
    Message,
    ProtocolError,
    Replica,
    ReplicaRequest,
    Welcome,
    read_message,
    write_message,
)
from exam_bank.wire.quitcode import hash_quit_code
from exam_bank.wire.tls import client_context, server_context, write_key_file

TOKEN = "QWERTY"


@dataclass
class Lab:
    """A lab CA, the proctor's TLS identity, and kiosk identities on demand."""

    ca: Issued = field(default_factory=make_lab_ca)
    proctor: Issued = field(init=False)

    def __post_init__(self) -> None:
        self.proctor = make_proctor_tls(self.ca, [PROCTOR_NAME, "127.0.0.1"])

    def kiosk(self, kiosk_id: str) -> tuple[Any, Any]:
        from cryptography.hazmat.primitives.asymmetric import ec

        key = ec.generate_private_key(ec.SECP256R1())
        return make_kiosk_cert(self.ca, kiosk_id, key.public_key()), key

    def client_context(self, kiosk_id: str) -> Any:
        cert, key = self.kiosk(kiosk_id)
        return client_context(self.ca.cert, cert, key)

    def write_kiosk(self, folder: Path, kiosk_id: str, passphrase: bytes) -> None:
        """The files `ujikom kiosk enroll` would have written."""
        cert, key = self.kiosk(kiosk_id)
        folder.mkdir(parents=True, exist_ok=True)
        write_key_file(folder / "kiosk.key", key, kiosk_id, passphrase, scrypt_n=2**10)
        pem = serialization.Encoding.PEM
        (folder / "kiosk.crt").write_bytes(cert.public_bytes(pem))
        (folder / "ca.crt").write_bytes(self.ca.cert.public_bytes(pem))


class FakeProctor:
    """Runs in its own thread; every public method is thread-safe."""

    def __init__(self, lab: Lab, exam_id: str, exam_key: bytes, *,
                 package_digest: str = "0" * 64) -> None:
        self.lab = lab
        self.exam_id = exam_id
        self.exam_key = exam_key
        self.package_digest = package_digest
        self.session_id = "S1"  # the session it runs
        self.logs: dict[str, list[Event]] = {}
        self.heartbeats: list[Heartbeat] = []
        self.control_acks: list[ControlAck] = []
        self.refusals: list[str] = []
        self.hellos: list[Hello] = []
        self.authorized: set[str] = set()
        self.nonces: set[str] = set()
        self.command_id = 0
        self.refuse_all: str | None = None  # refuse every batch with this reason
        self.received: list[Message] = []
        self.on_message: Callable[[Message], None] | None = None
        self._writers: dict[str, asyncio.StreamWriter] = {}
        self._lock = threading.Lock()
        self._loop = asyncio.new_event_loop()
        self._server: asyncio.Server | None = None
        self.port = 0
        self._thread = threading.Thread(target=self._loop.run_forever, daemon=True)

    # -- control from the test ---------------------------------------------------------------

    def start(self, port: int = 0) -> FakeProctor:
        self._thread.start()
        context = server_context(self.lab.ca.cert, self.lab.proctor.cert,
                                 self.lab.proctor.key)  # type: ignore[arg-type]
        self._server = self._run(asyncio.start_server(self._client, "127.0.0.1", port,
                                                      ssl=context))
        self.port = self._server.sockets[0].getsockname()[1]
        return self

    def _run(self, coro: Any) -> Any:
        return asyncio.run_coroutine_threadsafe(coro, self._loop).result(10)

    def stop(self) -> None:
        async def close() -> None:
            assert self._server is not None
            self._server.close()
            for writer in list(self._writers.values()):
                writer.close()
            with contextlib.suppress(Exception):
                await asyncio.wait_for(self._server.wait_closed(), 2)

        self._run(close())
        self._loop.call_soon_threadsafe(self._loop.stop)
        self._thread.join(5)
        self._loop.close()

    def drop_connections(self) -> None:
        async def drop() -> None:
            for writer in list(self._writers.values()):
                writer.transport.abort()

        self._run(drop())

    def send(self, command: ControlCommand, command_id: int | None = None) -> int:
        with self._lock:
            if command_id is None:  # an explicit id replays an old one; the counter stays
                self.command_id += 1
            cid = command_id or self.command_id

        async def send() -> None:
            for writer in list(self._writers.values()):
                await write_message(writer, Control.of(cid, command))

        self._run(send())
        return cid

    def send_raw(self, data: bytes) -> None:
        """Bytes that are not a valid message, to every kiosk (a buggy proctor)."""
        async def send() -> None:
            for writer in list(self._writers.values()):
                writer.write(data)
                await writer.drain()

        self._run(send())

    def log(self, participant_no: str) -> list[Event]:
        with self._lock:
            return list(self.logs.get(participant_no, []))

    # -- the protocol --------------------------------------------------------------------------

    def _welcome(self, hello: Hello) -> Welcome:
        acked = {p: len(self.logs.get(p, [])) for p in hello.participants}
        return Welcome(PROTOCOL_VERSION, hello.nonce, self.exam_id, self.package_digest,
                       self.session_id, True, TOKEN, self.exam_key, hash_quit_code("123456"),
                       self.command_id, acked)

    async def _client(self, reader: asyncio.StreamReader,
                      writer: asyncio.StreamWriter) -> None:
        kiosk_id = None
        try:
            hello = await read_message(reader, accept=KIOSK_SENDS)
            if not isinstance(hello, Hello):
                raise ProtocolError("hello first", "type")
            if hello.nonce in self.nonces:
                await write_message(writer, Error(ErrorCode.REPLAY, "nonce reused", True))
                return
            self.nonces.add(hello.nonce)
            self.hellos.append(hello)
            kiosk_id = hello.kiosk_id
            self._writers[kiosk_id] = writer
            await write_message(writer, self._welcome(hello))
            while True:
                message = await read_message(reader, accept=KIOSK_SENDS)
                self.received.append(message)
                if self.on_message is not None:
                    self.on_message(message)
                await self._handle(writer, message)
        except Exception:  # a closed or misbehaving kiosk ends its connection only
            pass
        finally:
            if kiosk_id is not None and self._writers.get(kiosk_id) is writer:
                del self._writers[kiosk_id]
            writer.close()

    async def _handle(self, writer: asyncio.StreamWriter, message: Message) -> None:
        if isinstance(message, Heartbeat):
            self.heartbeats.append(message)
        elif isinstance(message, ControlAck):
            self.control_acks.append(message)
        elif isinstance(message, Events):
            await write_message(writer, self._store(message))
        elif isinstance(message, ReplicaRequest):
            no = message.participant_no
            if no in self.logs and no not in self.authorized:
                await write_message(writer, Error(ErrorCode.NOT_AUTHORIZED,
                                                  "move not authorized"))
                return
            await write_message(writer, Replica(no, 1, tuple(self.log(no)), True))

    def _store(self, message: Events) -> Ack:
        no = message.participant_no
        if self.refuse_all:
            self.refusals.append(self.refuse_all)
            return Ack(no, 0, None, self.refuse_all)
        with self._lock:
            log = self.logs.setdefault(no, [])
            refused = None
            for event in message.events:
                if event.seq <= len(log):
                    if log[event.seq - 1].hash != event.hash:
                        refused = f"fork at seq {event.seq}"
                        break
                    continue
                prev = log[-1].hash if log else genesis_hash(self.exam_id, no)
                if (event.seq != len(log) + 1 or event.prev_hash != prev
                        or event.computed_hash() != event.hash):
                    refused = f"gap or broken chain at seq {event.seq}"
                    break
                log.append(event)
            if refused:
                self.refusals.append(refused)
            last = log[-1] if log else None
        return Ack(no, last.seq if last else 0, last.hash if last else None, refused)


def new_exam_key() -> bytes:
    return secrets.token_bytes(32)
