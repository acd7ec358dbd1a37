"""The kiosk's end of the lab link: one asyncio loop in a background thread.

The loop keeps one mutual-TLS connection to the proctor and, whatever happens to it,
reconnects with backoff. Per connection: ``hello`` -> ``welcome`` (the session, the exam
key, what the proctor already stored), then three things at once: heartbeats every
`HEARTBEAT_S`, the local logs streamed from the last ack, and the proctor's messages.

Streaming. The candidate's thread owns the session and its store connection (SQLCipher
connections stay on their thread); the link opens its own reading connection to the same
WAL file, so it only ever sends what is committed. It sends ``events_since(sent)`` and
moves `sent` on; on every (re)connect `sent` goes back to what the proctor acknowledged
(the welcome's ``acked``), and a refused batch sends again from the ack's seq. The
proctor ignores an identical resend, so there is never a gap, a duplicate stored, or a
reordering; a kiosk whose log the proctor calls a fork stops sending and says so.

Commands. A ``control`` is queued (`commands`) for the thread that owns the session; it
applies it and answers with `command_done`, which the link sends as ``control_ack``.
A command belongs to the candidate, not to this PC: the proctor sends it again until the
candidate's chain holds it (on every connection where the candidate signs in), and the
chain itself, not this process, says whether it was applied already
(`SessionState.last_command`), so a restart or a move neither loses nor repeats one.

Nothing here blocks the candidate's thread except `request_replica`, which waits (with a
timeout) for the log of a candidate who moves to this kiosk.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import queue
import random
import secrets
import ssl
import threading
import time
from collections.abc import Awaitable, Callable, Coroutine
from concurrent.futures import Future
from dataclasses import dataclass, field, replace
from pathlib import Path

from exam_bank.events import Event
from exam_bank.ids import KioskId, ParticipantNo, SessionId
from exam_bank.wire.control import ControlCommand
from exam_bank.wire.protocol import (
    HEARTBEAT_S,
    PROCTOR_NAME,
    PROCTOR_SENDS,
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
    KioskIncidentKind,
    Message,
    Outcome,
    Preflight,
    ProtocolError,
    Replica,
    ReplicaRequest,
    SessionUpdate,
    Welcome,
    accepted_message,
    announced_version,
    chunk_events,
    read_frame,
    read_message,
    version_refusal,
    write_message,
)
from kiosk.link.setup import SetupFault, fault_of
from kiosk.store import EventStore, StoreError

log = logging.getLogger(__name__)

BACKOFF_START_S = 0.2
BACKOFF_MAX_S = 5.0
CONNECT_TIMEOUT_S = 5.0
REPLICA_TIMEOUT_S = 15.0
MAX_WAITING_INCIDENTS = 100  # kept for the next welcome; beyond that the kiosk log has them


class LinkError(Exception):
    """The proctor refused something or could not be reached in time."""

    def __init__(self, message: str, code: str | None = None) -> None:
        super().__init__(message)
        self.code = code


@dataclass(frozen=True)
class LinkStatus:
    """What the link knows, as one immutable snapshot any thread may read."""

    connected: bool = False
    exam_id: str | None = None
    package_digest: str | None = None
    session_id: SessionId | None = None
    session_open: bool = False
    token: str | None = None
    exam_key: bytes | None = field(default=None, repr=False)
    quit_code_hash: str | None = None
    acked: dict[str, int] = field(default_factory=dict)  # participant -> last stored seq
    forked: dict[str, str] = field(default_factory=dict)  # participant -> proctor's refusal
    last_error: str | None = None
    # A setup fault waiting cannot cure (`kiosk.link.setup.fault_of`): wrong kiosk id,
    # another lab's proctor or certificate, another protocol version.
    fault: SetupFault | None = None
    connects: int = 0
    bad_messages: int = 0  # connections dropped for a message breaking the protocol
    clock_offset_ms: int | None = None  # the proctor's wall clock minus this PC's


@dataclass(frozen=True)
class PendingCommand:
    command_id: int
    command: ControlCommand


@dataclass(frozen=True)
class FetchedLog:
    """A candidate's log fetched from the proctor (a move), with who authorized the
    move and why: the kiosk writes both into the chain when the candidate resumes."""

    events: list[Event]
    moved_by: str = ""
    move_reason: str = ""


@dataclass
class _Stream:
    path: Path
    key: bytes = field(repr=False)
    exam_id: str
    store: EventStore | None = None  # the link thread's own reading connection
    sent: int = 0
    refusals: int = 0
    stopped: bool = False  # the proctor calls this log a fork: resending cannot fix it


class ProctorLink:
    """The background link; every public method is safe to call from any thread."""

    def __init__(self, host: str, port: int, context: ssl.SSLContext, kiosk_id: KioskId,
                 seat: str, *, server_hostname: str = PROCTOR_NAME,
                 on_change: Callable[[], None] | None = None,
                 locate: Callable[[], Awaitable[tuple[str, int]]] | None = None) -> None:
        self.host = host
        self.port = port
        # Asked before every connection when set (the proctor's beacon), so a proctor
        # that moved to another PC or address is found again without re-configuring.
        self._locate = locate
        self.kiosk_id = kiosk_id
        self.seat = seat
        self._context = context
        self._server_hostname = server_hostname
        self._on_change = on_change
        self._lock = threading.Lock()
        self._status = LinkStatus()
        self._streams: dict[ParticipantNo, _Stream] = {}
        self._heartbeat = Heartbeat(None)
        self._preflight: Preflight | None = None  # sent after every welcome
        self._incidents: list[KioskIncident] = []  # waiting for a welcome (loop thread only)
        self.commands: queue.Queue[PendingCommand] = queue.Queue()
        self.welcomed = threading.Event()
        self._loop: asyncio.AbstractEventLoop | None = None
        self._thread: threading.Thread | None = None
        self._wake: asyncio.Event | None = None
        self._stop: asyncio.Event | None = None
        self._writer: asyncio.StreamWriter | None = None
        self._replicas: dict[str, tuple[Future[FetchedLog], list[Event]]] = {}
        self._tasks: set[asyncio.Future[None]] = set()
        self._probes: dict[ParticipantNo, list[Future[int]]] = {}  # asked about in the next hello
        self._redial = False  # the connection was dropped on purpose: reconnect at once

    # -- life cycle ------------------------------------------------------------------------

    def start(self) -> None:
        if self._thread is not None:
            return
        started = threading.Event()

        def run() -> None:
            loop = asyncio.new_event_loop()
            self._loop = loop
            asyncio.set_event_loop(loop)
            self._wake = asyncio.Event()
            self._stop = asyncio.Event()
            started.set()
            try:
                loop.run_until_complete(self._main())
            finally:
                self._close_streams()
                loop.close()

        self._thread = threading.Thread(target=run, name="proctor-link", daemon=True)
        self._thread.start()
        started.wait()

    def stop(self, timeout: float = 5.0) -> None:
        loop, thread = self._loop, self._thread
        if loop is None or thread is None:
            return
        with contextlib.suppress(RuntimeError):  # the loop may have ended already
            loop.call_soon_threadsafe(self._stop_now)
        thread.join(timeout)
        self._thread = None

    def _stop_now(self) -> None:
        assert self._stop is not None
        self._stop.set()
        if self._writer is not None:
            self._writer.close()

    # -- what the candidate's thread calls -------------------------------------------------

    @property
    def status(self) -> LinkStatus:
        with self._lock:
            return self._status

    def wait_welcome(self, timeout: float) -> LinkStatus:
        if not self.welcomed.wait(timeout):
            raise LinkError(f"no answer from the proctor at {self.host}:{self.port} within "
                            f"{timeout:g} s ({self.status.last_error or 'not reachable'})")
        return self.status

    def follow(self, participant_no: ParticipantNo, path: Path, key: bytes, exam_id: str) -> None:
        """Stream this candidate's store (at `path`, opened with `key`) to the proctor."""
        self._call(self._follow, participant_no, _Stream(path, key, exam_id))

    def notify_appended(self) -> None:
        """Something was committed to a followed store: send it now, not at the next beat."""
        self._call(self._poke)

    def set_heartbeat(self, heartbeat: Heartbeat) -> None:
        with self._lock:
            self._heartbeat = heartbeat

    def set_preflight(self, preflight: Preflight) -> Future[None]:
        """This PC's preflight for the proctor: sent now and after every reconnect (a
        restarted proctor learns it again). The future is done once it is written now
        (LinkError: not connected now, and it goes with the next welcome; or the link
        is not running, as when the kiosk quit before the doctor finished)."""
        with self._lock:
            self._preflight = preflight
        done: Future[None] = Future()
        try:
            self._call(self._send_preflight, preflight, done)
        except LinkError as exc:
            done.set_exception(exc)
        return done

    def report_incident(self, kind: str, evidence: str) -> None:
        """A lockdown incident while nobody is signed in here: to the proctor as the
        room's fact, now or after the next welcome (LinkError: the link is not running).
        ValueError for a kind the protocol does not carry."""
        self._call(self._send_incident, KioskIncident(KioskIncidentKind(kind), evidence[:500]))

    def _send_incident(self, incident: KioskIncident) -> None:
        if self._writer is not None:
            self._send_soon(incident)
        elif len(self._incidents) < MAX_WAITING_INCIDENTS:  # a kiosk left offline for hours
            self._incidents.append(incident)

    def _send_preflight(self, preflight: Preflight, done: Future[None]) -> None:
        writer = self._writer
        if writer is None:
            done.set_exception(LinkError("not connected to the proctor"))
            return

        async def send() -> None:
            try:
                await write_message(writer, preflight)
            except (OSError, ConnectionError, ProtocolError) as exc:
                done.set_exception(LinkError(f"could not send the preflight: {exc}"))
            else:
                done.set_result(None)
        self._spawn(send())

    def command_done(self, pending: PendingCommand, participant_no: ParticipantNo | None,
                     outcome: Outcome, note: str = "") -> None:
        self._call(self._send_soon, ControlAck(pending.command_id, participant_no, outcome,
                                               note[:500]))

    def request_replica(self, participant_no: ParticipantNo,
                        timeout: float = REPLICA_TIMEOUT_S) -> FetchedLog:
        """The proctor's stored log of `participant_no` (empty when it holds none);
        LinkError when the proctor refuses (the move was not authorized) or is away."""
        future: Future[FetchedLog] = Future()
        self._call(self._ask_replica, participant_no, future)
        try:
            return future.result(timeout)
        except TimeoutError:
            raise LinkError("the proctor did not send the candidate's log in time") from None

    def proctor_last_seq(self, participant_no: ParticipantNo,
                         timeout: float = REPLICA_TIMEOUT_S) -> int:
        """How much of `participant_no`'s log the proctor holds (0: none), e.g. before a
        candidate's first login here: more than 0 means the log is on another kiosk.

        The welcome is the protocol's only answer to that question (``acked`` covers the
        hello's ``participants``), so the link reconnects once with the candidate named.
        """
        future: Future[int] = Future()
        self._call(self._probe, participant_no, future)
        try:
            return future.result(timeout)
        except TimeoutError:
            raise LinkError("the proctor did not answer in time") from None

    def _call(self, fn: Callable[..., object], *args: object) -> None:
        loop = self._loop
        if loop is None:
            raise LinkError("the link is not started")
        try:
            loop.call_soon_threadsafe(fn, *args)
        except RuntimeError:  # asyncio's word for a closed loop: the link was stopped
            raise LinkError("the link has stopped") from None

    # -- inside the loop -------------------------------------------------------------------

    def _update(self, **changes: object) -> None:
        with self._lock:
            self._status = replace(self._status, **changes)  # type: ignore[arg-type]
        if self._on_change is not None:
            self._on_change()

    def _poke(self) -> None:
        assert self._wake is not None
        self._wake.set()

    def _follow(self, participant_no: ParticipantNo, stream: _Stream) -> None:
        old = self._streams.get(participant_no)
        if old is not None and old.store is not None:
            old.store.close()
        stream.sent = self.status.acked.get(participant_no, 0)
        self._streams[participant_no] = stream
        self._check_behind(participant_no, stream)
        self._poke()

    def _send_soon(self, message: Message) -> None:
        writer = self._writer
        if writer is not None:
            self._spawn(self._send(writer, message))

    def _spawn(self, coro: Coroutine[object, object, None]) -> None:
        task = asyncio.ensure_future(coro)
        self._tasks.add(task)  # kept until done, so the loop cannot drop it midway
        task.add_done_callback(self._tasks.discard)

    async def _send(self, writer: asyncio.StreamWriter, message: Message) -> None:
        with contextlib.suppress(OSError, ConnectionError, ProtocolError):
            await write_message(writer, message)

    def _probe(self, participant_no: ParticipantNo, future: Future[int]) -> None:
        self._probes.setdefault(participant_no, []).append(future)
        if self._writer is not None:
            self._redial = True
            self._writer.close()

    def _ask_replica(self, participant_no: ParticipantNo, future: Future[FetchedLog]) -> None:
        writer = self._writer
        if writer is None:
            future.set_exception(LinkError("not connected to the proctor"))
            return
        previous = self._replicas.pop(participant_no, None)
        if previous is not None and not previous[0].done():
            previous[0].set_exception(LinkError("superseded by a new request"))
        self._replicas[participant_no] = (future, [])
        self._spawn(self._send(writer, ReplicaRequest(participant_no)))

    async def _main(self) -> None:
        assert self._stop is not None
        delay = BACKOFF_START_S
        while not self._stop.is_set():
            welcomed = False
            try:
                welcomed = await self._connection()
            except (OSError, ConnectionError, ssl.SSLError, TimeoutError,
                    asyncio.IncompleteReadError, ConnectionClosed) as exc:
                self._update(connected=False, last_error=f"{type(exc).__name__}: {exc}",
                             fault=fault_of(exc, f"{self.host}:{self.port}"))
            except ProtocolError as exc:
                log.warning("proctor sent a bad message: %s", exc)
                self._update(connected=False, last_error=f"bad message from proctor: {exc}",
                             bad_messages=self.status.bad_messages + 1)
            except LinkError as exc:
                self._update(connected=False, last_error=str(exc),
                             fault=fault_of(exc, f"{self.host}:{self.port}"))
            finally:
                self._writer = None
                self._fail_replicas()
            if welcomed:
                delay = BACKOFF_START_S
            if self._redial:
                self._redial = False
                continue
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._stop.wait(), delay * (0.5 + random.random()))
            delay = min(BACKOFF_MAX_S, delay * 2)

    def _fail_replicas(self) -> None:
        for future, _ in self._replicas.values():
            if not future.done():
                future.set_exception(LinkError("the connection to the proctor dropped"))
        self._replicas.clear()

    async def _connection(self) -> bool:
        """One connection, until it drops; True once it got as far as a welcome."""
        if self._locate is not None:
            self.host, self.port = await self._locate()
        reader, writer = await asyncio.wait_for(
            asyncio.open_connection(self.host, self.port, ssl=self._context,
                                    server_hostname=self._server_hostname),
            CONNECT_TIMEOUT_S)
        try:
            nonce = secrets.token_hex(16)
            named = tuple(sorted(set(self._streams) | set(self._probes)))
            asked = time.time()
            await write_message(writer, Hello(PROTOCOL_VERSION, self.kiosk_id, self.seat,
                                              nonce, named))
            body = await asyncio.wait_for(read_frame(reader), CONNECT_TIMEOUT_S)
            version = announced_version(body)
            if version is not None and version != PROTOCOL_VERSION:
                # A proctor of another version that welcomed us anyway: its messages
                # would be refused or misread one by one; say why at once instead.
                raise LinkError("the proctor speaks another protocol: "
                                + version_refusal(PROTOCOL_VERSION, version), "version")
            first = accepted_message(body, accept=PROCTOR_SENDS)
            if isinstance(first, Error):
                raise LinkError(f"the proctor refused this kiosk: {first.message}",
                                str(first.code))
            if not isinstance(first, Welcome):
                raise ProtocolError(f"{first.TYPE} before welcome", "type")
            if first.nonce != nonce:
                raise ProtocolError("does not echo this connection's hello", "nonce")
            self._welcome(first, (asked + time.time()) / 2)
            self._writer = writer
            with self._lock:
                preflight = self._preflight
            if preflight is not None:
                await write_message(writer, preflight)
            waiting, self._incidents = self._incidents, []
            for incident in waiting:
                await write_message(writer, incident)
            tasks = [asyncio.ensure_future(c) for c in (
                self._receive(reader), self._beat(writer), self._stream(writer))]
            assert self._stop is not None
            stop = asyncio.ensure_future(self._stop.wait())
            try:
                done, _ = await asyncio.wait([*tasks, stop],
                                             return_when=asyncio.FIRST_COMPLETED)
            finally:
                for task in [*tasks, stop]:
                    task.cancel()
                await asyncio.gather(*tasks, stop, return_exceptions=True)
            for task in done:
                if task is not stop and task.exception() is not None:
                    raise task.exception()  # type: ignore[misc]
            return True
        finally:
            self._update(connected=False)
            writer.close()
            with contextlib.suppress(Exception):
                await asyncio.wait_for(writer.wait_closed(), 1.0)

    def _welcome(self, welcome: Welcome, midway: float) -> None:
        """`midway`: this PC's wall clock halfway between hello and welcome, when the
        proctor read its own (the LAN's round trip is milliseconds)."""
        acked = dict(self.status.acked)
        acked.update(welcome.acked)
        self._update(connected=True, exam_id=welcome.exam_id,
                     package_digest=welcome.package_digest, session_id=welcome.session_id,
                     session_open=welcome.session_open, token=welcome.token,
                     exam_key=welcome.exam_key, quit_code_hash=welcome.quit_code_hash,
                     acked=acked, last_error=None, fault=None,
                     connects=self.status.connects + 1,
                     clock_offset_ms=None if welcome.wall_ms is None
                     else welcome.wall_ms - round(midway * 1000))
        for participant_no, stream in self._streams.items():
            stream.sent = acked.get(participant_no, 0)
            stream.refusals = 0
            self._check_behind(participant_no, stream)
        self.welcomed.set()
        probes, self._probes = self._probes, {}
        for participant_no, futures in probes.items():
            for future in futures:
                if not future.done():
                    future.set_result(welcome.acked.get(participant_no, 0))

    def _check_behind(self, participant_no: ParticipantNo, stream: _Stream) -> None:
        """A proctor holding more of this log than this kiosk means it went on elsewhere
        (a move): this copy must be neither continued nor called synced."""
        if stream.sent and not self._holds(participant_no, stream, stream.sent):
            stream.stopped = True
            why = (f"the proctor holds {stream.sent} events of {participant_no}, more than "
                   "this kiosk: the log continued on another kiosk")
            self._update(forked={**self.status.forked, participant_no: why})

    def _holds(self, participant_no: ParticipantNo, stream: _Stream, seq: int) -> bool:
        """Whether this kiosk's store has event `seq` (True when it cannot be read: the
        stream then reports the store's problem itself)."""
        try:
            if stream.store is None:
                stream.store = EventStore.open(stream.path, stream.key,
                                               exam_id=stream.exam_id,
                                               participant_no=participant_no)
            return bool(stream.store.events_since(seq - 1))
        except StoreError:
            return True

    async def _receive(self, reader: asyncio.StreamReader) -> None:
        while True:
            message = await read_message(reader, accept=PROCTOR_SENDS)
            if isinstance(message, Ack):
                self._on_ack(message)
            elif isinstance(message, Control):
                self._on_control(message)
            elif isinstance(message, SessionUpdate):
                self._update(session_open=message.session_open, token=message.token,
                             exam_key=message.exam_key,
                             quit_code_hash=message.quit_code_hash)
            elif isinstance(message, Replica):
                self._on_replica(message)
            elif isinstance(message, Error):
                self._on_error(message)
            else:
                raise ProtocolError(f"{message.TYPE} is not expected after welcome", "type")

    def _on_ack(self, ack: Ack) -> None:
        stream = self._streams.get(ack.participant_no)
        if ack.refused is None:
            self._update(acked={**self.status.acked, ack.participant_no: ack.seq})
            if stream is not None:
                stream.refusals = 0
            return
        # A refusal's seq is the proctor's last stored event, which need not be one of
        # ours (another kiosk's log): never count it as acknowledged here.
        log.warning("proctor refused %s's events after seq %d: %s", ack.participant_no,
                    ack.seq, ack.refused)
        if stream is None:
            return
        stream.refusals += 1
        if stream.refusals >= 3:  # the same refusal again: a fork, resending cannot fix it
            self._update(forked={**self.status.forked, ack.participant_no: ack.refused})
            stream.stopped = True
            return
        stream.sent = ack.seq
        self._poke()

    def _on_control(self, control: Control) -> None:
        self.commands.put(PendingCommand(control.command_id, control.command))
        if self._on_change is not None:
            self._on_change()

    def _on_replica(self, replica: Replica) -> None:
        entry = self._replicas.get(replica.participant_no)
        if entry is None:
            raise ProtocolError("a replica this kiosk did not ask for", "participant_no")
        future, events = entry
        expected = (events[-1].seq + 1) if events else 1
        if replica.events and replica.first_seq != expected:
            del self._replicas[replica.participant_no]
            future.set_exception(LinkError(f"replica chunk starts at {replica.first_seq}, "
                                           f"expected {expected}"))
            return
        events.extend(replica.events)
        if replica.final:
            del self._replicas[replica.participant_no]
            if not future.done():
                future.set_result(FetchedLog(events, replica.moved_by, replica.move_reason))

    def _on_error(self, error: Error) -> None:
        log.warning("proctor error %s: %s", error.code, error.message)
        if error.code in (ErrorCode.NOT_AUTHORIZED, ErrorCode.SESSION_CLOSED):
            for participant_no, (future, _) in list(self._replicas.items()):
                del self._replicas[participant_no]
                if not future.done():
                    future.set_exception(LinkError(error.message, str(error.code)))
        self._update(last_error=f"{error.code}: {error.message}")
        if error.fatal:
            raise LinkError(f"the proctor closed the connection: {error.message}",
                            str(error.code))

    async def _beat(self, writer: asyncio.StreamWriter) -> None:
        while True:
            with self._lock:
                heartbeat = self._heartbeat
            await write_message(writer, heartbeat)
            await asyncio.sleep(HEARTBEAT_S)

    async def _stream(self, writer: asyncio.StreamWriter) -> None:
        assert self._wake is not None
        while True:
            self._wake.clear()
            for participant_no, stream in list(self._streams.items()):
                if stream.stopped:
                    continue
                events = self._unsent(participant_no, stream)
                for batch in chunk_events(events):
                    await write_message(writer, Events(participant_no, batch[0].seq, batch))
                    stream.sent = batch[-1].seq
            with contextlib.suppress(TimeoutError):
                # The wake covers appends; the timeout covers a store written by a
                # process that cannot poke us (and refusals that reset `sent`).
                await asyncio.wait_for(self._wake.wait(), HEARTBEAT_S)

    def _unsent(self, participant_no: ParticipantNo, stream: _Stream) -> list[Event]:
        try:
            if stream.store is None:
                stream.store = EventStore.open(stream.path, stream.key,
                                               exam_id=stream.exam_id,
                                               participant_no=participant_no)
            return stream.store.events_since(stream.sent)
        except StoreError as exc:
            self._update(last_error=f"cannot read the store of {participant_no}: {exc}")
            return []

    def _close_streams(self) -> None:
        for stream in self._streams.values():
            if stream.store is not None:
                stream.store.close()
                stream.store = None
