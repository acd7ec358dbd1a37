"""The lab server: kiosks connect here over mutual TLS, stream their events, get commands.

One asyncio event loop owns the server, its connections and the replica (see
`proctor.service` for running it in a thread beside the Qt console). Per connection:
TLS handshake (a client without a lab certificate is refused and recorded), ``hello``
(kiosk id = certificate CN, fresh nonce, version), ``welcome``, then heartbeats, events
(→ replica → room → ack), control acks and replica requests until the kiosk goes away.
Any bad message closes that connection only, with an incident; the server carries on.
Enrollment has its own TLS listener (no client certificate; `exam_bank.wire.enroll`).
Both listeners admit, time and size unauthenticated peers by `proctor.guard` and count
their repeated refusals as one incident per address and kind.
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
from exam_bank.ids import KioskId, ParticipantNo, SessionId
from exam_bank.record.actions import ActionKind, ProctorAction
from exam_bank.wire.control import CommandStatus, ControlAction, ControlCommand
from exam_bank.wire.discovery import broadcast, make_beacon
from exam_bank.wire.enroll import (
    CODE_TTL_S,
    ENROLL_MESSAGES,
    MAX_ENROLL_FRAME,
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
    KioskIncident,
    Message,
    Preflight,
    ProtocolError,
    ReplicaRequest,
    SessionUpdate,
    Welcome,
    accepted_message,
    announced_version,
    chunk_events,
    encode_message,
    read_frame,
    read_message,
    version_refusal,
    write_message,
)
from exam_bank.wire.protocol import Replica as ReplicaChunk
from exam_bank.wire.quitcode import hash_quit_code, new_quit_code
from exam_bank.wire.throttle import Backoff, EnrollThrottle
from exam_bank.wire.tls import enrollment_server_context, peer_kiosk_id, server_context
from proctor.commands import CommandBook
from proctor.guard import Admission, Limits, Refusal, RefusalLog, release_memory, source_of
from proctor.held import HeldLogin, HoldReason, hold_reasons
from proctor.lab import Lab
from proctor.move_refusal import MoveProblem, MoveRefused
from proctor.preflight import PreflightBoard
from proctor.replica import Appended, Replica, SessionRecord, new_token, wall_now
from proctor.room import RoomFeed

log = logging.getLogger(__name__)

TLS_FREE_FAILURES = 20  # failed handshakes from one address before it must wait
TLS_MAX_WAIT_S = 30.0
CLOSE_GRACE_S = 1.0
GC_AFTER_DROPPED = 32  # unauthenticated connections ended before a collection
READ_LIMIT = 2**15  # input buffered per connection before reading pauses (TLS, stream)
SCRYPT_SLOTS = 2  # enrollment code checks at once (each scrypt holds 16 MiB)
KIOSK_IN = KIOSK_SENDS - {Hello}


@dataclass(frozen=True)
class ExamSession:
    """What the server serves: one session of one exam package."""

    exam_id: str
    session_id: SessionId
    package_digest: str
    exam_key: bytes
    participants: frozenset[str] | None = None  # the session's roster; None: anyone
    # The seat plan: participant -> planned seat (the roster's `seat`); a first login at
    # another seat waits for the proctor. Empty: no plan, any seat.
    seats: Mapping[ParticipantNo, str] = field(default_factory=dict)
    # The blueprint's `accommodation_extra_minutes`: what a read-aloud command grants
    # when the proctor types no minutes.
    accommodation_minutes: int | None = None


def login_subject(kiosk_id: str) -> str:
    """The replica's decision subject for a candidate's login on `kiosk_id`."""
    return f"login on {kiosk_id}"


class _Refused(Exception):
    def __init__(self, code: ErrorCode, message: str, kind: str) -> None:
        super().__init__(message)
        self.code, self.message, self.kind = code, message, kind


@dataclass
class _Conn:
    kiosk_id: KioskId
    seat: str
    writer: asyncio.StreamWriter
    max_buffer: int
    participant_no: ParticipantNo | None = None
    served: set[str] = field(default_factory=set)

    def send(self, message: Message) -> None:
        if self.writer.is_closing():
            return
        if self.writer.transport.get_write_buffer_size() > self.max_buffer:
            # A kiosk that stopped reading would make the proctor hold everything sent to
            # it; it is dropped instead and catches up when it reconnects.
            log.warning("kiosk %s reads nothing; dropping its connection", self.kiosk_id)
            self.writer.close()
            return
        self.writer.write(encode_message(message))


class LabServer:
    """The proctor's side of the lab link. All methods run on the server's event loop."""

    def __init__(self, lab: Lab, replica: Replica, exam: ExamSession, room: RoomFeed, *,
                 clock_ms: Callable[[], int] | None = None, scrypt_n: int = SCRYPT_N,
                 code_ttl_s: float = CODE_TTL_S,
                 on_submitted: Callable[[ParticipantNo], None] | None = None,
                 limits: Limits | None = None) -> None:
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
        self.limits = limits or Limits()
        self._admission = Admission(self.limits)
        self._tls_backoff = Backoff(free=TLS_FREE_FAILURES, cap_s=TLS_MAX_WAIT_S)
        self._enroll_throttle = EnrollThrottle()
        self._scrypt_slots = asyncio.Semaphore(SCRYPT_SLOTS)
        self._dropped = 0  # unauthenticated connections ended since the last collection
        self.refusals = RefusalLog(self._store_refusal, self._count_refusals,
                                   max_keys=self.limits.refusal_keys)
        self.session: SessionRecord = replica.session(exam.session_id, exam.package_digest)
        self.commands = CommandBook(replica, exam.session_id)
        self._submitted: set[str] = set()  # candidates whose stored log holds the submission
        self._conns: dict[str, _Conn] = {}
        self.preflight = PreflightBoard()  # each kiosk's latest `ujikom doctor` report
        self._servers: list[asyncio.Server] = []
        self._tasks: set[asyncio.Task[None]] = set()
        self._queue: list[tuple[_Conn, Events]] = []
        self._held: dict[tuple[str, str], HeldLogin] = {}  # (participant, kiosk) -> login
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
        # This session's candidates only: the replica holds every session of the exam.
        for pno in filter(self._in_session, self.replica.participants()):
            events = self.replica.events(pno)
            self._feed(self.room.replicated, pno, events)
            self._prepare_if_submitted(pno, events)  # a restart: the worker skips the done
            self._track_commands(pno, events, feed=False)
        self._feed(self.room.commands, self.commands.lines())
        for action in self.replica.actions(self.exam.session_id):
            self._feed(self.room.action, action)  # as they were, at their own times
        for inc in self.replica.incidents(self.exam.session_id):
            # As they were: their own time, their own words (a restart adds nothing).
            self._feed(self.room.incident, inc.seat, inc.participant_no, inc.kind,
                       inc.evidence, inc.wall)
            if inc.count > 1:
                self._feed(self.room.incident_repeated, inc.kind, inc.evidence, inc.count,
                           inc.last_wall or inc.wall)
        self._spawn(self._write_loop())
        self._spawn(self._flush_loop())
        loop = asyncio.get_running_loop()
        server = await loop.create_server(lambda: _Plain(self._accept_kiosk), host, port)
        self._servers.append(server)
        self.port = server.sockets[0].getsockname()[1]
        if enroll_port is not None:
            enroll = await loop.create_server(lambda: _Plain(self._accept_enroll), host,
                                              enroll_port)
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
        with contextlib.suppress(Exception):
            self.refusals.flush()
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
        """Release the exam key (an action of the record, with who and why). Refused
        (PreflightRefused) while a seat's preflight fails, unless the proctor gives a
        reason: then the record says it was opened over the failing PCs."""
        if self.session.opened:
            return
        failing = self.preflight.failing()
        if failing and not reason.strip():
            from proctor.preflight import PreflightRefused

            raise PreflightRefused(failing)
        self._set_session(replace(self.session, opened=True))
        where = ", ".join(f.where for f in failing)
        self._act(ActionKind.PREFLIGHT_OVERRIDE if failing else ActionKind.SESSION_OPENED,
                  by, reason, seat=where,
                  detail=f"session opened over failing preflight at {where}" if failing
                  else "session opened")

    def close_session(self, by: str = "", reason: str = "") -> None:
        if not self.session.opened:
            return
        self._set_session(replace(self.session, opened=False))
        self._act(ActionKind.SESSION_CLOSED, by, reason, detail="session closed")

    def new_token(self, by: str = "", reason: str = "") -> str:
        self._set_session(replace(self.session, token=new_token()))
        self._act(ActionKind.TOKEN_RENEWED, by, reason, detail="new session token")
        return self.session.token

    def show_quit_code(self, participant_no: ParticipantNo | None, by: str,
                       reason: str) -> str:
        """The session's quit code for the proctor to type on a kiosk (`participant_no`'s,
        or any in the room), kept in the record with who and why; ValueError without a
        reason or a name: it lets someone leave the locked exam."""
        missing = [name for name, value in (("reason", reason), ("by", by))
                   if not value.strip()]
        if missing:
            raise ValueError("; ".join(f"{m}: required (the quit code goes into the berita "
                                       "acara)" for m in missing))
        kiosk = self.replica.seat_of(participant_no) if participant_no else None
        self._act(ActionKind.QUIT_CODE_SHOWN, by, reason, participant_no,
                  seat=self._seat_of(participant_no) if participant_no else "",
                  pc=kiosk[0] if kiosk else "", detail="quit code shown")
        return self.session.quit_code

    def _seat_of(self, participant_no: ParticipantNo) -> str:
        """Where the candidate sits: where their log began, else the seat plan's seat."""
        bound = self.replica.seat_of(participant_no)
        return bound[1] if bound else self.exam.seats.get(participant_no, "")

    def _act(self, kind: ActionKind, by: str, reason: str,
             participant_no: ParticipantNo | None = None, *, seat: str = "", pc: str = "",
             to_seat: str = "", detail: str = "") -> None:
        """One of the proctor's actions outside the chains: into the replica (the record),
        then the room."""
        action = self.replica.add_action(self.exam.session_id, self._action(
            kind, by, reason, participant_no, seat=seat, pc=pc, to_seat=to_seat,
            detail=detail))
        self._feed(self.room.action, action)

    def _action(self, kind: ActionKind, by: str, reason: str,
                participant_no: ParticipantNo | None = None, *, seat: str = "", pc: str = "",
                to_seat: str = "", detail: str = "") -> ProctorAction:
        """The action done now. Nobody named (a script's request): the lab's proctor, as
        `proctor control --by` defaults to."""
        return ProctorAction(wall_now(), kind, by.strip() or self.lab.info.proctor_name,
                             reason.strip(), participant_no, seat, pc, to_seat, detail)

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
        """Record `command` in the proctor's log, pending for each candidate it concerns,
        then send it to where those candidates are signed in now; the command's id. It
        goes again wherever each signs in next, until it is in their chain."""
        if command.action == ControlAction.READ_ALOUD and command.minutes is None:
            command = replace(command, minutes=self.exam.accommodation_minutes)
        problems = command.problems()
        if problems:
            raise ValueError("; ".join(f"{f}: {m}" for f, m in problems))
        targets = self._targets(command)
        command_id = self.commands.record(command, targets)
        self.session = replace(self.session, last_command_id=command_id)
        for pno in targets:
            if pno in self._submitted:  # nothing a command could change any more
                self.commands.settle(command_id, pno, CommandStatus.NO_EFFECT,
                                     "the candidate had submitted")
                continue
            for conn in self._conns.values():
                if conn.participant_no == pno and self._writes(conn, pno):
                    conn.send(Control.of(command_id, replace(command, participants=(pno,))))
        self._feed(self.room.commands, self.commands.lines())
        return command_id

    def _targets(self, command: ControlCommand) -> list[ParticipantNo]:
        """The candidates `command` concerns: those it names, or for the whole room every
        candidate whose log has begun and who has not submitted."""
        if command.participants:
            return list(dict.fromkeys(command.participants))
        allowed = self.exam.participants
        return [pno for pno in self.replica.participants()
                if pno not in self._submitted and (allowed is None or pno in allowed)]

    def _in_session(self, pno: str) -> bool:
        """Whether `pno` sits this session: a PC that spoke for a candidate of an earlier
        session of the exam (the replica keeps them all) is free for this one."""
        return self.exam.participants is None or pno in self.exam.participants

    def _writes(self, conn: _Conn, pno: ParticipantNo) -> bool:
        """Whether `conn`'s kiosk may write `pno`'s log (is, or may become, its writer)."""
        return self.replica.owner(pno) in (None, conn.kiosk_id)

    def _deliver_pending(self, conn: _Conn, pno: ParticipantNo) -> None:
        """`pno` signed in at `conn`: every command still on its way to them, in order."""
        if not self._writes(conn, pno):
            return
        for command_id, command in self.commands.pending_for(pno):
            conn.send(Control.of(command_id, replace(command, participants=(pno,))))

    def authorize_move(self, participant_no: ParticipantNo, kiosk_id: KioskId,
                       by: str = "", reason: str = "") -> None:
        """`participant_no` may carry on at `kiosk_id`. ValueError (nothing stored) for
        a PC not enrolled in this lab or one where another candidate is working, the
        same PCs the console does not offer."""
        problem = self.move_refusal(participant_no, kiosk_id)
        if problem is not None:
            raise problem
        spare = self._conns.get(kiosk_id)
        # The authorization and its record in one commit: a restart (of this server or
        # the spare PC) before the candidate signs in there loses neither.
        action = self._action(ActionKind.MOVE_AUTHORIZED, by, reason, participant_no,
                              seat=self._seat_of(participant_no), pc=kiosk_id,
                              to_seat=spare.seat if spare is not None else "",
                              detail=f"{participant_no} may carry on at kiosk {kiosk_id}")
        self.replica.authorize_move(participant_no, kiosk_id,
                                    session_id=self.exam.session_id, action=action)
        self._feed(self.room.action, action)

    def move_refusal(self, participant_no: ParticipantNo,
                     kiosk_id: KioskId) -> MoveRefused | None:
        """Why `participant_no` cannot be moved to `kiosk_id`, or None."""
        enrolled = self.lab.enrolled()
        if kiosk_id not in enrolled:
            return MoveRefused(MoveProblem.NOT_ENROLLED, kiosk_id, enrolled=enrolled)
        conn = self._conns.get(kiosk_id)
        others = {p for p in self.replica.owned_by(kiosk_id)
                  if p not in self._submitted and self._in_session(p)}
        if conn is not None and conn.participant_no is not None:
            others.add(conn.participant_no)
        others.discard(participant_no)
        if others:
            return MoveRefused(MoveProblem.IN_USE, kiosk_id, others=sorted(others))
        return None

    def issue_code(self, by: str = "", reason: str = "") -> str:
        code = new_code()
        self.replica.add_code(normalise_code(code), time.time() + self._code_ttl_s)
        self._act(ActionKind.ENROLL_CODE, by, reason, detail="enrollment code issued")
        return code

    def _incident(self, seat: str | None, participant_no: ParticipantNo | None, kind: str,
                  evidence: str) -> None:
        log.warning("incident %s at %s/%s: %s", kind, seat, participant_no, evidence)
        wall = wall_now()  # one time for the replica and the room: a restart shows the same
        self.replica.add_incident(seat, participant_no, kind, evidence, wall=wall,
                                  session_id=self.exam.session_id)
        self._feed(self.room.incident, seat, participant_no, kind, evidence, wall)

    def _refusal(self, peer: str, kind: str, evidence: str, seat: str | None = None,
                 participant_no: str | None = None) -> None:
        """A refusal of `peer` (address:port): the first of its kind from that address is
        an incident, the repeats only a count (`proctor.guard.RefusalLog`)."""
        self.refusals.record(peer.rsplit(":", 1)[0], kind, evidence, seat, participant_no)

    def _store_refusal(self, refusal: Refusal) -> int:
        log.warning("refused %s (%s): %s", refusal.source, refusal.kind, refusal.evidence)
        pno = ParticipantNo(refusal.participant_no) if refusal.participant_no else None
        row = self.replica.add_incident(refusal.seat, pno, refusal.kind, refusal.evidence,
                                        wall=refusal.first, session_id=self.exam.session_id)
        self._feed(self.room.incident, refusal.seat, pno, refusal.kind, refusal.evidence,
                   refusal.first)
        return row

    def _count_refusals(self, refusals: list[Refusal]) -> None:
        self.replica.count_repeats([(r.row, r.count, r.last) for r in refusals
                                    if r.row is not None])
        for r in refusals:
            self._feed(self.room.incident_repeated, r.kind, r.evidence, r.count, r.last)

    async def _flush_loop(self) -> None:
        while True:
            await asyncio.sleep(self.limits.flush_s)
            try:
                self.refusals.flush()
            except Exception:
                log.exception("storing the refusal counts failed")
            self._collect_after_flood()

    def _collect_after_flood(self) -> None:
        """asyncio's TLS connections are reference cycles, each holding ~0.5 MiB of
        buffers until the cycle collector happens to run; after a flood of refused
        connections that is tens of MiB, so it is given back once the flood is over."""
        dropped = self._dropped
        if dropped >= GC_AFTER_DROPPED and self._admission.pending == 0:
            self._dropped = 0
            release_memory()
        elif dropped >= 16 * GC_AFTER_DROPPED:  # a long flood: once now, once at its end
            self._dropped = GC_AFTER_DROPPED
            release_memory()

    def _feed(self, call: Callable[..., None], *args: Any) -> None:
        """Tell the room; a failure there (a display model) must never cost an ack or a
        connection, so it is logged and the server goes on."""
        try:
            call(*args)
        except Exception:
            log.exception("the room failed on %s", getattr(call, "__name__", call))

    # -- kiosk connections -----------------------------------------------------------------

    def _admit(self, transport: asyncio.Transport) -> str | None:
        """The peer's address when it may start TLS (counted as pending); None when it
        was turned away at once (too many connections, or an address failing TLS)."""
        peer = transport.get_extra_info("peername")
        source = source_of(peer)
        wait = self._tls_backoff.wait(source)
        why = (f"{wait:.0f} s wait after repeated failed TLS handshakes" if wait > 0
               else self._admission.admit(source))
        if why is not None:
            transport.abort()
            self._dropped += 1
            self._refusal(_address(peer), "too_many_connections",
                          f"{source}: connection turned away: {why}")
            return None
        return source

    def _accept_kiosk(self, transport: asyncio.Transport) -> None:
        source = self._admit(transport)
        if source is not None:
            self._spawn(self._handshake(transport, source))

    def _accept_enroll(self, transport: asyncio.Transport) -> None:
        source = self._admit(transport)
        if source is not None:
            self._spawn(self._enroll_handshake(transport, source))

    def _spawn(self, coroutine: Coroutine[Any, Any, None]) -> None:
        task = asyncio.ensure_future(coroutine)
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)

    async def _start_tls(self, transport: asyncio.Transport, context: ssl.SSLContext,
                         source: str) -> tuple[asyncio.StreamReader,
                                               asyncio.StreamWriter] | None:
        """TLS by hand (not `start_server(ssl=...)`, which drops a failed handshake
        silently), so a client without a lab certificate becomes an incident."""
        loop = asyncio.get_running_loop()
        peer = _address(transport.get_extra_info("peername"))
        reader = asyncio.StreamReader(limit=READ_LIMIT)
        protocol = asyncio.StreamReaderProtocol(reader)
        try:
            tls = await loop.start_tls(transport, protocol, context, server_side=True,
                                       ssl_handshake_timeout=self.limits.handshake_s)
        except (ssl.SSLError, OSError, TimeoutError) as exc:
            transport.abort()
            self._tls_backoff.failed(source)
            self._refusal(peer, "tls_refused", f"{peer}: TLS handshake refused "
                          f"({_short(exc)})")
            return None
        if tls is None:
            transport.abort()
            return None
        self._tls_backoff.succeeded(source)
        # asyncio buffers 256 KiB of decrypted input per connection by default; a peer
        # that sends and never gets read (a flood) should cost far less.
        set_limits = getattr(tls, "set_read_buffer_limits", None)  # asyncio's TLS transport
        if set_limits is not None:
            set_limits(high=READ_LIMIT)
        protocol.connection_made(tls)
        return reader, asyncio.StreamWriter(tls, protocol, reader, loop)

    async def _handshake(self, transport: asyncio.Transport, source: str) -> None:
        pending = [True]  # until the hello is checked: counted against `source`

        def authenticated() -> None:
            if pending:
                pending.clear()
                self._admission.release(source)
        try:
            streams = await self._start_tls(transport, self._tls, source)
            if streams is not None:
                await self._serve_kiosk(*streams, authenticated)
        finally:
            if pending:
                self._dropped += 1
            authenticated()

    async def _serve_kiosk(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter,
                           authenticated: Callable[[], None]) -> None:
        peer = _peer(writer)
        conn: _Conn | None = None
        limits = self.limits
        try:
            kiosk_id = peer_kiosk_id(writer.get_extra_info("ssl_object"))
            body = await asyncio.wait_for(read_frame(reader, max_frame=limits.hello_frame),
                                          limits.hello_s)
            version = announced_version(body)
            if version is not None and version != PROTOCOL_VERSION:
                # Before the field checks: a kiosk of another version may well send a
                # hello this proctor cannot read, and must be told why it is refused.
                raise _Refused(ErrorCode.VERSION, version_refusal(version, PROTOCOL_VERSION),
                               "version")
            hello = accepted_message(body, accept=[Hello])
            assert isinstance(hello, Hello)
            self._check_hello(hello, kiosk_id)
            if hello.kiosk_id not in self._conns and len(self._conns) >= limits.kiosks:
                raise _Refused(ErrorCode.NOT_AUTHORIZED, f"more than {limits.kiosks} kiosks "
                               "connected at once", "too_many_connections")
            authenticated()
            conn = _Conn(hello.kiosk_id, hello.seat, writer, limits.send_buffer)
            old = self._conns.get(conn.kiosk_id)
            if old is not None:
                old.writer.close()  # the kiosk reconnected; the old link is dead
            self._conns[conn.kiosk_id] = conn
            await write_message(writer, self._welcome(hello))
            # The commands still on their way to a candidate follow at their sign-in here
            # (the first heartbeat naming them): `_deliver_pending`.
            while True:
                message = await asyncio.wait_for(
                    read_message(reader, accept=KIOSK_IN, max_frame=limits.frame),
                    limits.idle_s)
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
                self._refusal(peer, "no_hello", f"{peer}: connected but said no hello "
                              f"within {limits.hello_s:.0f} s")
            # else: silent past limits.idle_s; the seat's stale heartbeat shows it
        except (ConnectionError, ssl.SSLError, OSError):
            pass  # the network dropped; the heartbeats going stale show it
        except Exception as exc:  # never let one connection take the server down
            log.exception("connection from %s failed", peer)
            self._refuse(writer, conn, ErrorCode.INTERNAL, f"{peer}: {_short(exc)}",
                         "internal")
        finally:
            if conn is not None and self._conns.get(conn.kiosk_id) is conn:
                del self._conns[conn.kiosk_id]
            await _close(writer)

    def _refuse(self, writer: asyncio.StreamWriter, conn: _Conn | None, code: ErrorCode,
                evidence: str, kind: str) -> None:
        # Counted per address and kind: a kiosk that keeps sending what is refused (it
        # reconnects each time) is one incident with a count, not hundreds.
        if conn is None:
            self._refusal(_peer(writer), kind, evidence)
        else:
            self._refusal(_peer(writer), kind, f"kiosk {conn.kiosk_id}: {evidence}",
                          conn.seat, conn.participant_no)
        with contextlib.suppress(Exception):
            writer.write(encode_message(Error(code, evidence[:1000], fatal=True)))

    def _check_hello(self, hello: Hello, kiosk_id: str | None) -> None:
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
                signed_in = message.participant_no
                if signed_in is not None and signed_in != conn.participant_no:
                    self._deliver_pending(conn, signed_in)
                conn.participant_no = signed_in
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
                pno = message.participant_no
                if pno is not None and self._writes(conn, pno) and self.commands.answered(
                        message.command_id, pno, message.outcome, message.note):
                    self._feed(self.room.commands, self.commands.lines())
            case ReplicaRequest():
                self._send_replica(conn, message.participant_no)
            case Preflight():
                self.preflight.received(conn.kiosk_id, conn.seat, message)
            case KioskIncident():
                # Nobody is signed in there: the room's fact (no seat, so no candidate's),
                # one line per kiosk and kind with its count, as a refusal is kept.
                log.warning("kiosk %s at %s, nobody signed in: %s (%s)", conn.kiosk_id,
                            conn.seat, message.kind, message.evidence)
                self.refusals.record(f"kiosk {conn.kiosk_id}", str(message.kind),
                                     f"kiosk {conn.kiosk_id} at seat {conn.seat}, before "
                                     "any sign-in")
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
        forged = self._forged(pno, message.events)
        if forged is not None:
            seq, hash_ = self.replica.last(pno)
            self._incident(conn.seat, pno, "forged_command",
                           f"kiosk {conn.kiosk_id}: {forged}; nothing stored")
            return Ack(pno, seq, hash_, f"{forged}; nothing stored")
        if owner is None and self.replica.last(pno)[0] == 0:
            refused = self._first_login(conn, message)
            if refused is not None or (pno, conn.kiosk_id) in self._held:
                return refused  # refused, or held: no ack, the kiosk keeps its events
        self._queue.append((conn, message))
        self._wake.set()
        return None

    def _forged(self, pno: ParticipantNo, events: Sequence[Event]) -> str | None:
        """Why new `events` claim a proctor's command never sent to `pno`, or None (a kiosk
        speaks for its candidate, never for the proctor: `CommandBook.unsent`)."""
        stored = self.replica.last(pno)[0]
        fresh = [e for e in events if e.seq > stored]
        if not fresh:
            return None
        before = None
        if fresh[0].seq > 1 and fresh[0].type == EventType.TIME_EXTENDED:
            before = next(iter(self.replica.events(pno, after=fresh[0].seq - 2)), None)
        return self.commands.unsent(pno, fresh, before)

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
        hold = self._hold_reasons(conn, pno)
        if not hold or (decision is not None and decision.accepted):
            return None
        if key not in self._held:
            held = self._held[key] = HeldLogin(pno, conn.kiosk_id, conn.seat, hold)
            self._incident(conn.seat, pno, "login_held",
                           f"kiosk {conn.kiosk_id} at seat {conn.seat}: {pno}'s login waits "
                           f"for the proctor's decision: {held.why}")
        return None

    def _hold_reasons(self, conn: _Conn, pno: ParticipantNo) -> tuple[HoldReason, ...]:
        """Why a verified first login needs the proctor's approval (empty: it does not)."""
        others = [p for p in self.replica.owned_by(conn.kiosk_id)
                  if p != pno and p not in self._submitted and self._in_session(p)]
        return hold_reasons(pno, conn.seat, self.exam.seats.get(pno), others)

    def held(self) -> list[HeldLogin]:
        """First logins waiting for the proctor's decision, oldest first."""
        return list(self._held.values())

    def decide_login(self, participant_no: ParticipantNo, kiosk_id: KioskId, accepted: bool,
                     reason: str,
                     by: str) -> None:
        """The proctor approves or refuses `participant_no`'s login on `kiosk_id` (with a
        reason, for the berita acara). Approving resets that kiosk's link: it reconnects
        and sends the log again from the login, which is then stored and claimed."""
        self.replica.decide(participant_no, login_subject(kiosk_id), accepted, reason, by)
        held = self._held.pop((participant_no, kiosk_id), None)
        self._act(ActionKind.LOGIN_APPROVED if accepted else ActionKind.LOGIN_REFUSED, by,
                  reason, participant_no, seat=held.seat if held else "", pc=kiosk_id,
                  detail=f"held login on kiosk {kiosk_id}: {held.why if held else 'decided'}")
        conn = self._conns.get(kiosk_id)
        if accepted and conn is not None:
            conn.writer.close()

    def decide_log(self, participant_no: ParticipantNo, accepted: bool, reason: str,
                   by: str, why: str = "") -> None:
        """The proctor accepts or rejects a questioned log (`proctor.seal.decide_log`),
        kept in the record and shown in the room; ValueError without a reason."""
        from proctor.seal import decide_log

        self._feed(self.room.action, decide_log(self.replica, self.exam.session_id,
                                                participant_no, accepted, reason, by, why))

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

    def _settle(self, conn: _Conn, pno: ParticipantNo, result: Appended) -> None:
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
            self._track_commands(pno, result.stored)
        conn.send(Ack(pno, result.seq, result.hash, result.refused))

    def _track_commands(self, pno: ParticipantNo, events: Sequence[Event], *,
                        feed: bool = True) -> None:
        """Commands whose events are now stored are applied; once the candidate has
        submitted, the rest can change nothing."""
        changed = self.commands.seen_in_chain(pno, events)
        if pno in self._submitted:
            for command_id, _command in self.commands.pending_for(pno):
                changed |= self.commands.settle(command_id, pno, CommandStatus.NO_EFFECT,
                                                "the candidate had submitted")
        if changed and feed:
            self._feed(self.room.commands, self.commands.lines())

    def _prepare_if_submitted(self, pno: ParticipantNo, events: Sequence[Event]) -> None:
        if any(e.type == EventType.EXAM_SUBMITTED for e in events):
            self._submitted.add(pno)
            if self.on_submitted is not None:
                self.on_submitted(pno)

    def _send_replica(self, conn: _Conn, pno: ParticipantNo) -> None:
        if not self.replica.take_move(pno, conn.kiosk_id):
            self._incident(conn.seat, pno, "move_refused",
                           f"kiosk {conn.kiosk_id} asked for {pno}'s log without the "
                           "proctor's authorization")
            conn.send(Error(ErrorCode.NOT_AUTHORIZED, f"moving {pno} to this PC needs the "
                            "proctor's authorization first"))
            return
        events = self.replica.events(pno)
        chunks = list(chunk_events(events)) or [()]
        by, reason = self.replica.move_note(pno, conn.kiosk_id)
        first = 1
        for index, chunk in enumerate(chunks):
            final = index == len(chunks) - 1
            conn.send(ReplicaChunk(pno, first, chunk, final, by if final else "",
                                   reason if final else ""))
            first += len(chunk)
        self.replica.note_served(conn.kiosk_id, pno)

    # -- enrollment ------------------------------------------------------------------------

    async def _enroll_handshake(self, transport: asyncio.Transport, source: str) -> None:
        try:
            streams = await self._start_tls(transport, self._enroll_tls, source)
            if streams is not None:
                await self._enroll(*streams, source)
        finally:
            self._admission.release(source)
            self._dropped += 1

    async def _enroll(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter,
                      source: str) -> None:
        peer = _peer(writer)
        try:
            request = await asyncio.wait_for(
                read_message(reader, accept=[EnrollRequest], registry=ENROLL_MESSAGES,
                             max_frame=MAX_ENROLL_FRAME), self.limits.hello_s)
            assert isinstance(request, EnrollRequest)
            slowed = self._enroll_throttle.refusal(source)
            if slowed is not None:  # refused before any scrypt is spent on it
                raise _Refused(ErrorCode.NOT_AUTHORIZED, slowed, "enroll_refused")
            codes = self.replica.live_codes(time.time())
            loop = asyncio.get_running_loop()
            async with self._scrypt_slots:
                code = await loop.run_in_executor(
                    None, lambda: match_code(request, codes, scrypt_n=self._scrypt_n))
            if code is None or not self.replica.use_code(code):
                self._enroll_throttle.failed(source)
                raise _Refused(ErrorCode.NOT_AUTHORIZED, "wrong, expired or already used "
                               "enrollment code", "enroll_refused")
            self._enroll_throttle.succeeded(source)
            cert, reply = sign_request(self.lab.ca, code, request, scrypt_n=self._scrypt_n)
            self.lab.record_kiosk(request.kiosk_id, cert)
            await write_message(writer, reply)
            log.info("enrolled kiosk %s from %s", request.kiosk_id, peer)
        except _Refused as exc:
            self._refusal(peer, exc.kind, f"{peer}: {exc.message}")
            await _send_quietly(writer, Error(exc.code, exc.message, fatal=True))
        except ProtocolError as exc:
            self._refusal(peer, "enroll_refused", f"{peer}: {exc}")
            await _send_quietly(writer, Error(ErrorCode.BAD_MESSAGE, str(exc), fatal=True))
        except (ConnectionClosed, ConnectionError, OSError, TimeoutError):
            pass
        except Exception as exc:
            log.exception("enrollment from %s failed", peer)
            self._incident(None, None, "internal", f"{peer}: enrollment: {_short(exc)}")
        finally:
            await _close(writer)


async def _close(writer: asyncio.StreamWriter) -> None:
    """Close politely (TLS close_notify), but a peer that does not answer within a
    second is cut off: asyncio would otherwise hold the connection for 30 s."""
    writer.close()
    try:
        await asyncio.wait_for(writer.wait_closed(), CLOSE_GRACE_S)
    except Exception:
        writer.transport.abort()


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
