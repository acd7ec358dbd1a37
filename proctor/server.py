"""The lab server: kiosks connect here over mutual TLS, stream their events, get commands.

One asyncio event loop owns the server, its connections and the replica (see
`proctor.service` for running it in a thread beside the Qt console). Per connection:
TLS handshake (a client without a lab certificate is refused and recorded), ``hello``
(kiosk id = certificate CN, fresh nonce, version), ``welcome``, then heartbeats, events
(→ replica → room → ack), control acks and replica requests until the kiosk goes away.
Any bad message closes that connection only, with an incident; the server carries on.
Enrollment has its own TLS listener (no client certificate; `exam_bank.wire.enroll`).
The protocol itself is specified in `exam_bank.wire.protocol`.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import ssl
import time
from collections.abc import Callable, Coroutine, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from cryptography.hazmat.primitives.asymmetric import ec

from exam_bank.events.model import Event, EventType
from exam_bank.wire.control import ControlCommand
from exam_bank.wire.discovery import broadcast, make_beacon
from exam_bank.wire.enroll import (
    CODE_TTL_S,
    ENROLL_MESSAGES,
    MAX_FAILURES,
    SCRYPT_N,
    EnrollRequest,
    match_code,
    new_code,
    normalise_code,
    sign_request,
)
from exam_bank.wire.protocol import (
    KIOSK_SENDS,
    PROTOCOL_VERSION,
    Ack,
    ConnectionClosed,
    Control,
    ControlAck,
    Error,
    ErrorCode,
    Events,
    Heartbeat,
    Hello,
    Message,
    Preflight,
    ProtocolError,
    ReplicaRequest,
    SessionUpdate,
    Welcome,
    chunk_events,
    encode_message,
    read_message,
    write_message,
)
from exam_bank.wire.protocol import Replica as ReplicaChunk
from exam_bank.wire.quitcode import hash_quit_code, new_quit_code
from exam_bank.wire.tls import enrollment_server_context, peer_kiosk_id, server_context
from proctor.lab import Lab
from proctor.preflight import PreflightBoard
from proctor.replica import Appended, Replica, SessionRecord, new_token
from proctor.service import RoomFeed

log = logging.getLogger(__name__)

HELLO_TIMEOUT_S = 10.0
HANDSHAKE_TIMEOUT_S = 10.0
IDLE_TIMEOUT_S = 30.0  # heartbeats come every 2 s: silence this long is a dead link
KIOSK_IN = KIOSK_SENDS - {Hello}


@dataclass(frozen=True)
class ExamSession:
    """What the server serves: one session of one exam package."""

    exam_id: str
    session_id: str
    package_digest: str
    exam_key: bytes
    participants: frozenset[str] | None = None  # the session's roster; None: anyone
    # The seat plan: participant -> planned seat (the roster's `seat`); a first login at
    # another seat waits for the proctor. Empty: no plan, any seat.
    seats: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True)
class HeldLogin:
    """A candidate's first login that waits for the proctor: nothing of it is stored or
    claimed until they approve (`LabServer.decide_login`)."""

    participant_no: str
    kiosk_id: str
    seat: str
    why: str


def login_subject(kiosk_id: str) -> str:
    """The replica's decision subject for a candidate's login on `kiosk_id`."""
    return f"login on {kiosk_id}"


class _Refused(Exception):
    def __init__(self, code: ErrorCode, message: str, kind: str) -> None:
        super().__init__(message)
        self.code, self.message, self.kind = code, message, kind


@dataclass
class _Conn:
    kiosk_id: str
    seat: str
    writer: asyncio.StreamWriter
    participant_no: str | None = None
    served: set[str] = field(default_factory=set)

    def send(self, message: Message) -> None:
        if not self.writer.is_closing():
            self.writer.write(encode_message(message))


class LabServer:
    """The proctor's side of the lab link. All methods run on the server's event loop."""

    def __init__(self, lab: Lab, replica: Replica, exam: ExamSession, room: RoomFeed, *,
                 clock_ms: Callable[[], int] | None = None, scrypt_n: int = SCRYPT_N,
                 code_ttl_s: float = CODE_TTL_S,
                 on_submitted: Callable[[str], None] | None = None) -> None:
        self.lab = lab
        # Told each participant whose stored log holds their submission (and, after a
        # restart, each who had submitted): the preparer readies them for sealing.
        self.on_submitted = on_submitted
        self.replica = replica
        self.exam = exam
        self.room = room
        self._clock_ms = clock_ms or (lambda: time.monotonic_ns() // 1_000_000)
        self._scrypt_n = scrypt_n
        self._code_ttl_s = code_ttl_s
        self._enroll_failures = 0
        self.session: SessionRecord = replica.session(exam.session_id, exam.package_digest)
        self._conns: dict[str, _Conn] = {}
        self.preflight = PreflightBoard()  # each kiosk's latest `ujikom doctor` report
        self._servers: list[asyncio.Server] = []
        self._tasks: set[asyncio.Task[None]] = set()
        self._queue: list[tuple[_Conn, Events]] = []
        self._held: dict[tuple[str, str], HeldLogin] = {}  # (participant, kiosk) -> login
        self._submitted: set[str] = set()  # whose stored log holds their submission
        self._wake = asyncio.Event()
        tls_key = lab.tls.key
        if not isinstance(tls_key, ec.EllipticCurvePrivateKey):
            raise TypeError("the proctor's TLS key must be EC (made by `proctor init`)")
        self._tls = server_context(lab.ca.cert, lab.tls.cert, tls_key)
        self._enroll_tls = enrollment_server_context(lab.tls.cert, tls_key)
        self.port = 0
        self.enroll_port = 0

    # -- lifecycle -------------------------------------------------------------------------

    async def start(self, host: str = "0.0.0.0", port: int = 0,
                    enroll_port: int | None = 0,
                    beacon_to: tuple[str, int] | None = None) -> None:
        """Listen; feed the room what the replica already holds (a restart). With
        `beacon_to` (e.g. the LAN broadcast address), announce the ports there too."""
        for pno in self.replica.participants():
            events = self.replica.events(pno)
            self._feed(self.room.replicated, pno, events)
            self._prepare_if_submitted(pno, events)  # a restart: the worker skips the done
        for inc in self.replica.incidents():
            self._feed(self.room.incident, inc.seat, inc.participant_no, inc.kind,
                       f"{inc.evidence} (recorded {inc.wall})")
        self._spawn(self._write_loop())
        loop = asyncio.get_running_loop()
        server = await loop.create_server(self._plain_protocol, host, port)
        self._servers.append(server)
        self.port = server.sockets[0].getsockname()[1]
        if enroll_port is not None:
            enroll = await asyncio.start_server(self._enroll, host, enroll_port,
                                                ssl=self._enroll_tls,
                                                ssl_handshake_timeout=HANDSHAKE_TIMEOUT_S)
            self._servers.append(enroll)
            self.enroll_port = enroll.sockets[0].getsockname()[1]
        if beacon_to is not None:
            beacon = make_beacon(self.lab.info.lab_name, self.port, self.enroll_port,
                                 self.lab.info.ca_fingerprint)
            self._spawn(broadcast(beacon, target=beacon_to))

    async def stop(self) -> None:
        for server in self._servers:
            server.close()
        for conn in list(self._conns.values()):
            conn.writer.close()
        tasks = list(self._tasks)
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        for server in self._servers:
            with contextlib.suppress(Exception):
                await server.wait_closed()
        self._servers.clear()

    @property
    def connected(self) -> dict[str, str]:
        """kiosk id -> seat of every kiosk connected now."""
        return {k: c.seat for k, c in self._conns.items()}

    # -- the proctor's actions -------------------------------------------------------------

    def open_session(self, reason: str = "", by: str = "") -> None:
        """Release the exam key. Refused (PreflightRefused) while a seat's preflight
        fails, unless the proctor gives a reason, which is recorded as an incident."""
        failing = self.preflight.failing()
        if failing and not self.session.opened:
            if not reason.strip():
                from proctor.preflight import PreflightRefused

                raise PreflightRefused(failing)
            self._incident(None, None, "preflight_override",
                           f"session opened by {by or 'the proctor'} over failing preflight "
                           f"at {', '.join(f.where for f in failing)}: {reason.strip()}")
        self._set_session(replace(self.session, opened=True))

    def close_session(self) -> None:
        self._set_session(replace(self.session, opened=False))

    def new_token(self) -> str:
        self._set_session(replace(self.session, token=new_token()))
        return self.session.token

    def new_quit_code(self) -> str:
        code = new_quit_code()
        self._set_session(replace(self.session, quit_code=code, quit_hash=hash_quit_code(code)))
        return code

    def _set_session(self, record: SessionRecord) -> None:
        self.replica.update_session(record)
        self.session = record
        update = SessionUpdate(record.opened, record.token if record.opened else None,
                               self.exam.exam_key if record.opened else None,
                               record.quit_hash)
        for conn in self._conns.values():
            conn.send(update)

    def send(self, command: ControlCommand) -> int:
        """Record `command` in the proctor's log, then send it to every connected kiosk
        (each applies it if it concerns its candidate); the command's id."""
        problems = command.problems()
        if problems:
            raise ValueError("; ".join(f"{f}: {m}" for f, m in problems))
        command_id = self.replica.record_command(self.exam.session_id, command)
        self.session = replace(self.session, last_command_id=command_id)
        message = Control.of(command_id, command)
        for conn in self._conns.values():
            conn.send(message)
        return command_id

    def authorize_move(self, participant_no: str, kiosk_id: str) -> None:
        self.replica.authorize_move(participant_no, kiosk_id)

    def issue_code(self) -> str:
        code = new_code()
        self.replica.add_code(normalise_code(code), time.time() + self._code_ttl_s)
        return code

    def _incident(self, seat: str | None, participant_no: str | None, kind: str,
                  evidence: str) -> None:
        log.warning("incident %s at %s/%s: %s", kind, seat, participant_no, evidence)
        self.replica.add_incident(seat, participant_no, kind, evidence)
        self._feed(self.room.incident, seat, participant_no, kind, evidence)

    def _feed(self, call: Callable[..., None], *args: Any) -> None:
        """Tell the room; a failure there (a display model) must never cost an ack or a
        connection, so it is logged and the server goes on."""
        try:
            call(*args)
        except Exception:
            log.exception("the room failed on %s", getattr(call, "__name__", call))

    # -- kiosk connections -----------------------------------------------------------------

    def _plain_protocol(self) -> asyncio.Protocol:
        return _Plain(self._spawn_handshake)

    def _spawn_handshake(self, transport: asyncio.Transport) -> None:
        self._spawn(self._handshake(transport))

    def _spawn(self, coroutine: Coroutine[Any, Any, None]) -> None:
        task = asyncio.ensure_future(coroutine)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _handshake(self, transport: asyncio.Transport) -> None:
        """TLS by hand (not `start_server(ssl=...)`, which drops a failed handshake
        silently), so a client without a lab certificate becomes an incident."""
        loop = asyncio.get_running_loop()
        peer = _address(transport.get_extra_info("peername"))
        reader = asyncio.StreamReader(limit=2**16)
        protocol = asyncio.StreamReaderProtocol(reader)
        try:
            tls = await loop.start_tls(transport, protocol, self._tls, server_side=True,
                                       ssl_handshake_timeout=HANDSHAKE_TIMEOUT_S)
        except (ssl.SSLError, OSError, TimeoutError) as exc:
            transport.close()
            self._incident(None, None, "tls_refused",
                           f"{peer}: TLS handshake refused ({_short(exc)})")
            return
        if tls is None:
            transport.close()
            return
        protocol.connection_made(tls)
        writer = asyncio.StreamWriter(tls, protocol, reader, loop)
        await self._serve_kiosk(reader, writer)

    async def _serve_kiosk(self, reader: asyncio.StreamReader,
                           writer: asyncio.StreamWriter) -> None:
        peer = _peer(writer)
        conn: _Conn | None = None
        try:
            kiosk_id = peer_kiosk_id(writer.get_extra_info("ssl_object"))
            hello = await asyncio.wait_for(read_message(reader, accept=[Hello]),
                                           HELLO_TIMEOUT_S)
            assert isinstance(hello, Hello)
            self._check_hello(hello, kiosk_id)
            conn = _Conn(hello.kiosk_id, hello.seat, writer)
            old = self._conns.get(conn.kiosk_id)
            if old is not None:
                old.writer.close()  # the kiosk reconnected; the old link is dead
            self._conns[conn.kiosk_id] = conn
            await write_message(writer, self._welcome(hello))
            # Commands sent while this kiosk was away (a network blip) would be lost; it
            # drops those it already has (ids not above its last), so send them all again.
            for command_id, _wall, command in self.replica.commands(self.exam.session_id):
                conn.send(Control.of(command_id, command))
            while True:
                message = await asyncio.wait_for(read_message(reader, accept=KIOSK_IN),
                                                 IDLE_TIMEOUT_S)
                self._dispatch(conn, message)
                await writer.drain()
        except ConnectionClosed:
            pass
        except ProtocolError as exc:
            self._refuse(writer, conn, ErrorCode.BAD_MESSAGE, f"{peer}: {exc}",
                         "protocol_error")
        except _Refused as exc:
            self._refuse(writer, conn, exc.code, f"{peer}: {exc.message}", exc.kind)
        except TimeoutError:
            if conn is None:
                self._incident(None, None, "no_hello", f"{peer}: connected but said no "
                               f"hello within {HELLO_TIMEOUT_S:.0f} s")
            # else: silent past IDLE_TIMEOUT_S; the seat's stale heartbeat shows it
        except (ConnectionError, ssl.SSLError, OSError):
            pass  # the network dropped; the heartbeats going stale show it
        except Exception as exc:  # never let one connection take the server down
            log.exception("connection from %s failed", peer)
            self._refuse(writer, conn, ErrorCode.INTERNAL, f"{peer}: {_short(exc)}",
                         "internal")
        finally:
            if conn is not None and self._conns.get(conn.kiosk_id) is conn:
                del self._conns[conn.kiosk_id]
            writer.close()
            with contextlib.suppress(Exception):
                await asyncio.wait_for(writer.wait_closed(), 2)

    def _refuse(self, writer: asyncio.StreamWriter, conn: _Conn | None, code: ErrorCode,
                evidence: str, kind: str) -> None:
        self._incident(conn.seat if conn else None, conn.participant_no if conn else None,
                       kind, (f"kiosk {conn.kiosk_id}: " if conn else "") + evidence)
        with contextlib.suppress(Exception):
            writer.write(encode_message(Error(code, evidence[:1000], fatal=True)))

    def _check_hello(self, hello: Hello, kiosk_id: str | None) -> None:
        if hello.version != PROTOCOL_VERSION:
            raise _Refused(ErrorCode.VERSION, f"protocol version {hello.version}; this proctor "
                           f"speaks {PROTOCOL_VERSION}", "version")
        if kiosk_id is None:
            raise _Refused(ErrorCode.IDENTITY, f"hello says kiosk {hello.kiosk_id!r} but the "
                           "certificate is not a kiosk's (no TLS client role)", "identity")
        if hello.kiosk_id != kiosk_id:
            raise _Refused(ErrorCode.IDENTITY, f"hello says kiosk {hello.kiosk_id!r} but the "
                           f"certificate is {kiosk_id!r}", "identity")
        if not self.replica.use_nonce(hello.kiosk_id, hello.nonce):
            raise _Refused(ErrorCode.REPLAY, f"kiosk {hello.kiosk_id}: hello nonce used "
                           "before (a replayed hello)", "replay")

    def _welcome(self, hello: Hello) -> Welcome:
        opened = self.session.opened
        pnos = set(hello.participants) | set(self.replica.served(hello.kiosk_id))
        return Welcome(PROTOCOL_VERSION, hello.nonce, self.exam.exam_id,
                       self.exam.package_digest, self.exam.session_id, opened,
                       self.session.token if opened else None,
                       self.exam.exam_key if opened else None, self.session.quit_hash,
                       self.session.last_command_id,
                       {p: self.replica.last(p)[0] for p in sorted(pnos)},
                       time.time_ns() // 1_000_000)

    def _dispatch(self, conn: _Conn, message: Message) -> None:
        match message:
            case Heartbeat():
                conn.participant_no = message.participant_no
                self._feed(self.room.heartbeat, conn.seat, conn.kiosk_id,
                           message.participant_no, self._clock_ms(), message.time_left_ms)
            case Events():
                refused = self._replicate(conn, message)
                if refused is not None:
                    conn.send(refused)
            case ControlAck() if message.command_id > self.session.last_command_id:
                self._incident(conn.seat, conn.participant_no, "unknown_command",
                               f"kiosk {conn.kiosk_id} answered command "
                               f"{message.command_id}, which was never sent")
            case ControlAck():
                self.replica.record_control_ack(self.exam.session_id, message.command_id,
                                                conn.kiosk_id, message.participant_no,
                                                str(message.outcome), message.note)
            case ReplicaRequest():
                self._send_replica(conn, message.participant_no)
            case Preflight():
                self.preflight.received(conn.kiosk_id, conn.seat, message)
            case Error():
                self._incident(conn.seat, conn.participant_no, f"kiosk_{message.code}",
                               f"kiosk {conn.kiosk_id}: {message.message}")

    def _replicate(self, conn: _Conn, message: Events) -> Ack | None:
        """Queue `message` for the next group commit (`_write_loop` acks it); or the ack
        refusing it at once when this kiosk may not write this candidate's log."""
        pno = message.participant_no
        allowed = self.exam.participants
        if allowed is not None and pno not in allowed:
            seq, hash_ = self.replica.last(pno)
            self._incident(conn.seat, pno, "unknown_participant",
                           f"kiosk {conn.kiosk_id}: events for {pno}, who is not in session "
                           f"{self.exam.session_id}")
            return Ack(pno, seq, hash_, f"{pno} is not in session {self.exam.session_id}")
        owner = self.replica.owner(pno)
        if owner is not None and owner != conn.kiosk_id:
            seq, hash_ = self.replica.last(pno)
            self._incident(conn.seat, pno, "wrong_kiosk",
                           f"kiosk {conn.kiosk_id} sent events for {pno}, whose log is "
                           f"written on kiosk {owner}; refused")
            return Ack(pno, seq, hash_, f"{pno} continues on kiosk {owner}; this kiosk may "
                       "not add to the log")
        if owner is None and self.replica.last(pno)[0] == 0:
            refused = self._first_login(conn, message)
            if refused is not None or (pno, conn.kiosk_id) in self._held:
                return refused  # refused, or held: no ack, the kiosk keeps its events
        self._queue.append((conn, message))
        self._wake.set()
        return None

    def _first_login(self, conn: _Conn, message: Events) -> Ack | None:
        """The events that would begin a candidate's log: verified before anything is
        claimed (the claim itself waits for the commit, `_settle`), and held for the
        proctor when the kiosk is not where the candidate belongs. The refusing ack, or
        None (queue them; or, when held, neither queue nor ack)."""
        pno, key = message.participant_no, (message.participant_no, conn.kiosk_id)
        decision = self.replica.decision(pno, login_subject(conn.kiosk_id))
        if decision is not None and not decision.accepted:
            return Ack(pno, 0, None, f"the proctor refused {pno}'s login on this kiosk: "
                       f"{decision.reason}")
        if decision is not None:
            self._held.pop(key, None)  # approved, perhaps from the command line
        events = message.events
        if not events or events[0].seq != 1:
            if key in self._held:
                return None  # still waiting for the proctor
            # Nothing stored yet: send everything again from the login (after an approval
            # the kiosk's next batch lands here).
            return Ack(pno, 0, None, f"{pno} has no log here yet: send it from the login")
        why = self.replica.first_problem(pno, events)
        if why is not None:
            self._incident(conn.seat, pno, "bad_first_event",
                           f"kiosk {conn.kiosk_id}: {why}; nothing stored or claimed")
            return Ack(pno, 0, None, f"{why}; nothing stored or claimed")
        hold = self._hold_reason(conn, pno)
        if hold is None or (decision is not None and decision.accepted):
            return None
        if key not in self._held:
            self._held[key] = HeldLogin(pno, conn.kiosk_id, conn.seat, hold)
            self._incident(conn.seat, pno, "login_held",
                           f"kiosk {conn.kiosk_id} at seat {conn.seat}: {pno}'s login waits "
                           f"for the proctor's decision: {hold}")
        return None

    def _hold_reason(self, conn: _Conn, pno: str) -> str | None:
        """Why a verified first login needs the proctor's approval, or None."""
        reasons = []
        planned = self.exam.seats.get(pno)
        if planned and planned != conn.seat:
            reasons.append(f"the seat plan puts {pno} at {planned}, this kiosk is at "
                           f"{conn.seat}")
        # One PC, one candidate at a time: a second login while the first has not
        # submitted is a kiosk speaking for someone not sitting at it.
        others = [p for p in self.replica.owned_by(conn.kiosk_id)
                  if p != pno and p not in self._submitted]
        if others:
            reasons.append(f"kiosk {conn.kiosk_id} already speaks for {', '.join(others)}, "
                           "who has not submitted")
        return "; ".join(reasons) or None

    def held(self) -> list[HeldLogin]:
        """First logins waiting for the proctor's decision, oldest first."""
        return list(self._held.values())

    def decide_login(self, participant_no: str, kiosk_id: str, accepted: bool, reason: str,
                     by: str) -> None:
        """The proctor approves or refuses `participant_no`'s login on `kiosk_id` (with a
        reason, for the berita acara). Approving resets that kiosk's link: it reconnects
        and sends the log again from the login, which is then stored and claimed."""
        self.replica.decide(participant_no, login_subject(kiosk_id), accepted, reason, by)
        held = self._held.pop((participant_no, kiosk_id), None)
        self._incident(held.seat if held else None, participant_no,
                       "login_approved" if accepted else "login_refused",
                       f"{by or 'the proctor'}: {participant_no} on kiosk {kiosk_id}: {reason}")
        conn = self._conns.get(kiosk_id)
        if accepted and conn is not None:
            conn.writer.close()

    async def _write_loop(self) -> None:
        """Group commit: everything queued while the last commit ran goes into the next
        one, so 200 kiosks cost a few commits a second, not hundreds. Acks go out only
        after the commit."""
        while True:
            await self._wake.wait()
            self._wake.clear()
            batch, self._queue = self._queue, []
            if not batch:
                continue
            try:
                results = self.replica.append_many(
                    [(m.participant_no, m.events) for _conn, m in batch])
            except Exception as exc:
                # Nothing was stored and nothing is acked: the kiosks reconnect and resend
                # from their last ack.
                log.exception("storing %d event batches failed", len(batch))
                self._incident(None, None, "internal", f"storing events failed: {_short(exc)}")
                for conn, _m in batch:
                    conn.writer.close()
                continue
            for (conn, message), result in zip(batch, results, strict=True):
                self._settle(conn, message.participant_no, result)
            await asyncio.sleep(0)  # let the connections read what came meanwhile

    def _settle(self, conn: _Conn, pno: str, result: Appended) -> None:
        if result.refused:
            self._incident(conn.seat, pno, f"chain_{result.kind}",
                           f"kiosk {conn.kiosk_id}: {result.refused}; nothing stored changed")
        elif result.stored:
            if self.replica.owner(pno) is None:  # verified and stored: now it may claim
                self.replica.claim(pno, conn.kiosk_id, conn.seat)
                for key in [k for k in self._held if k[0] == pno]:
                    del self._held[key]
            if pno not in conn.served:
                self.replica.note_served(conn.kiosk_id, pno)
                conn.served.add(pno)
            self._feed(self.room.replicated, pno, result.stored)
            self._prepare_if_submitted(pno, result.stored)
        conn.send(Ack(pno, result.seq, result.hash, result.refused))

    def _prepare_if_submitted(self, pno: str, events: Sequence[Event]) -> None:
        if any(e.type == EventType.EXAM_SUBMITTED for e in events):
            self._submitted.add(pno)
            if self.on_submitted is not None:
                self.on_submitted(pno)

    def _send_replica(self, conn: _Conn, pno: str) -> None:
        if not self.replica.take_move(pno, conn.kiosk_id):
            self._incident(conn.seat, pno, "move_refused",
                           f"kiosk {conn.kiosk_id} asked for {pno}'s log without the "
                           "proctor's authorization")
            conn.send(Error(ErrorCode.NOT_AUTHORIZED, f"moving {pno} to this PC needs the "
                            "proctor's authorization first"))
            return
        events = self.replica.events(pno)
        chunks = list(chunk_events(events)) or [()]
        first = 1
        for index, chunk in enumerate(chunks):
            conn.send(ReplicaChunk(pno, first, chunk, index == len(chunks) - 1))
            first += len(chunk)
        self.replica.note_served(conn.kiosk_id, pno)

    # -- enrollment ------------------------------------------------------------------------

    async def _enroll(self, reader: asyncio.StreamReader,
                      writer: asyncio.StreamWriter) -> None:
        peer = _peer(writer)
        try:
            request = await asyncio.wait_for(
                read_message(reader, accept=[EnrollRequest], registry=ENROLL_MESSAGES),
                HELLO_TIMEOUT_S)
            assert isinstance(request, EnrollRequest)
            codes = self.replica.live_codes(time.time())
            loop = asyncio.get_running_loop()
            code = await loop.run_in_executor(
                None, lambda: match_code(request, codes, scrypt_n=self._scrypt_n))
            if code is None or not self.replica.use_code(code):
                self._enroll_failures += 1
                why = "wrong, expired or already used enrollment code"
                if self._enroll_failures >= MAX_FAILURES:
                    self.replica.cancel_codes()
                    self._enroll_failures = 0
                    why += "; too many failures: every live code was cancelled"
                raise _Refused(ErrorCode.NOT_AUTHORIZED, why, "enroll_refused")
            cert, reply = sign_request(self.lab.ca, code, request, scrypt_n=self._scrypt_n)
            self.lab.record_kiosk(request.kiosk_id, cert)
            await write_message(writer, reply)
            log.info("enrolled kiosk %s from %s", request.kiosk_id, peer)
        except _Refused as exc:
            self._incident(None, None, exc.kind, f"{peer}: {exc.message}")
            await _send_quietly(writer, Error(exc.code, exc.message, fatal=True))
        except ProtocolError as exc:
            self._incident(None, None, "enroll_refused", f"{peer}: {exc}")
            await _send_quietly(writer, Error(ErrorCode.BAD_MESSAGE, str(exc), fatal=True))
        except (ConnectionClosed, ConnectionError, OSError, TimeoutError):
            pass
        except Exception as exc:
            log.exception("enrollment from %s failed", peer)
            self._incident(None, None, "internal", f"{peer}: enrollment: {_short(exc)}")
        finally:
            writer.close()
            with contextlib.suppress(Exception):
                await asyncio.wait_for(writer.wait_closed(), 2)


async def _send_quietly(writer: asyncio.StreamWriter, message: Message) -> None:
    with contextlib.suppress(Exception):
        await write_message(writer, message)


class _Plain(asyncio.Protocol):
    """A fresh TCP connection, held still (reading paused, so no TLS byte is lost) until
    the server starts TLS on it."""

    def __init__(self, on_connect: Callable[[asyncio.Transport], None]) -> None:
        self._on_connect = on_connect

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        assert isinstance(transport, asyncio.Transport)
        transport.pause_reading()
        self._on_connect(transport)


def _peer(writer: asyncio.StreamWriter) -> str:
    return _address(writer.get_extra_info("peername"))


def _address(peer: object) -> str:
    if isinstance(peer, tuple) and len(peer) >= 2:
        return f"{peer[0]}:{peer[1]}"
    return str(peer)


def _short(exc: BaseException) -> str:
    text = str(exc) or type(exc).__name__
    return text if len(text) <= 300 else text[:297] + "..."
