"""`LinkedKiosk`: what a kiosk front end (the Qt app or the headless one) drives.

It owns the sessions and their stores on the caller's thread, and talks to the
`ProctorLink` thread only through thread-safe calls and the command queue.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from exam_bank.events import Event, EventType, SessionState
from exam_bank.exam_package import ExamPackage
from exam_bank.ids import ParticipantNo
from exam_bank.roster.model import normalise_participant_no
from exam_bank.wire.protocol import Heartbeat, Outcome
from kiosk.engine import Clock, MemorySink, Session
from kiosk.engine.session import ActionRefused, NotLoggedIn, Spec
from kiosk.link.client import FetchedLog, LinkError, LinkStatus, PendingCommand, ProctorLink
from kiosk.link.keys import ProctorKeySource
from kiosk.store import EventStore

log = logging.getLogger(__name__)

# How long closing waits for work started beside the kiosk (the doctor takes well under a
# second; a loaded PC, a few): past that the kiosk quits anyway (the thread is a daemon).
BESIDE_JOIN_S = 10.0


class MoveRefused(LinkError):
    """The candidate's log is elsewhere and the proctor has not authorized the move."""


class WrongSession(LinkError):
    """The candidate is registered for another session than the one the proctor runs:
    no store is made and nothing is sent (the proctor would refuse every event)."""


_NAMES_PC = frozenset({EventType.LOGIN, EventType.SESSION_RESUMED})


class LinkedSession(Session):
    """A session that names this kiosk in its `login` and `session_resumed` events
    (``pc``), so the log shows where a candidate began and carried on after a restart or
    a move. After a move, the first `session_resumed` here also carries the proctor's
    authorization (``by``, ``note``): the official documents read it from the chain."""

    def __init__(self, package: ExamPackage, sink: LinkedSink, clock: Clock, pc: str,
                 moved: FetchedLog | None = None) -> None:
        self.pc = pc
        self._move: dict[str, str] = {} if moved is None else {
            k: v for k, v in (("by", moved.moved_by), ("note", moved.move_reason)) if v}
        super().__init__(package, sink, clock)

    def _commit(self, *specs: Spec) -> SessionState:
        named = [(kind, {**data, "pc": self.pc})
                 if kind in _NAMES_PC and "pc" not in data else (kind, data)
                 for kind, data in specs]
        if self._move and any(kind == EventType.SESSION_RESUMED for kind, _ in named):
            move, self._move = self._move, {}
            named = [(kind, {**move, **data}) if kind == EventType.SESSION_RESUMED
                     else (kind, data) for kind, data in named]
        return super()._commit(*named)


class LinkedSink:
    """The candidate's store, telling the link after each durable append."""

    def __init__(self, store: EventStore, link: ProctorLink) -> None:
        self.store = store
        self._link = link

    def append(self, event: Event) -> None:
        self.store.append(event)
        self._link.notify_appended()

    def events(self) -> list[Event]:
        return self.store.events()


@dataclass(frozen=True)
class CommandResult:
    command_id: int
    participant_no: ParticipantNo | None
    outcome: Outcome
    note: str = ""


def heartbeat_for(session: Session | None) -> Heartbeat:
    """The seat's status for the proctor's room view (pure: reads the folded state)."""
    if session is None or session.participant_no is None:
        return Heartbeat(None)
    try:
        state = session.state
    except NotLoggedIn:
        return Heartbeat(session.participant_no)
    section = state.section
    answered = len(state.answers) + sum(1 for text in state.makalah.values() if text)
    return Heartbeat(session.participant_no, state.phase,
                     section.section_id if section else None,
                     state.item_index if section else None, answered,
                     session.remaining_ms() if section else None, state.last_seq)


class LinkedKiosk:
    """A kiosk whose exam key, token and commands come from the proctor."""

    def __init__(self, link: ProctorLink, data_dir: Path, clock: Clock) -> None:
        self.link = link
        self.data_dir = Path(data_dir)
        self.clock = clock
        self.sessions: dict[str, Session] = {}
        self.current: Session | None = None
        self._stores: list[EventStore] = []
        self._guests: dict[str, Session] = {}  # numbers not on the roster
        self._beside: list[threading.Thread] = []

    def start(self, timeout: float = 30.0) -> LinkStatus:
        """Starts the link and waits for the proctor's welcome (LinkError if none)."""
        self.link.start()
        return self.link.wait_welcome(timeout)

    @property
    def status(self) -> LinkStatus:
        return self.link.status

    @property
    def token(self) -> str | None:
        return self.link.status.token

    def keys(self) -> ProctorKeySource:
        return ProctorKeySource.from_status(self.link.status, self.data_dir)

    def open_session(self, package: ExamPackage, participant_no: ParticipantNo) -> Session:
        """The session for `participant_no`, its store streamed to the proctor.

        With no log here, the proctor is asked for one: a candidate moving from another
        kiosk gets their log written into a fresh store and resumes from it; the proctor
        refusing (move not authorized) is MoveRefused, so no second log is ever started.
        A candidate the proctor holds nothing of starts a fresh log. A number not on the
        roster gets a session on memory only (login then refuses it), so typing errors
        create no store and bother no proctor. The move is fetched before the PIN is
        checked (the engine checks it at login): someone at the authorized spare PC typing
        that candidate's number spends the authorization, and the proctor grants it again.
        """
        no = normalise_participant_no(participant_no)
        if no in self.sessions:
            return self.sessions[no]
        candidate = package.roster.find(no)
        if candidate is None:
            return self._guests.setdefault(no, Session(package, MemorySink(), self.clock))
        running = self.link.status.session_id
        if running is not None and candidate.session != running:
            raise WrongSession(f"{no} is registered for session {candidate.session}; the "
                               f"proctor runs session {running}", "wrong_session")
        keys = self.keys()
        store: EventStore | None = None
        fetched: FetchedLog | None = None
        if not keys.has_log(no) and self.link.status.connected \
                and self.link.proctor_last_seq(no) > 0:
            try:
                fetched = self.link.request_replica(no)
            except LinkError as exc:
                if exc.code == "not_authorized":
                    raise MoveRefused(str(exc), exc.code) from None
                raise
            store = keys.adopt(no, fetched.events)
        if store is None:
            store = keys.open_store(no)
        self._stores.append(store)
        try:
            session = LinkedSession(package, LinkedSink(store, self.link), self.clock,
                                    self.link.kiosk_id, fetched)
        except BaseException:
            store.close()
            self._stores.remove(store)
            raise
        self.sessions[no] = session
        self.link.follow(no, store.path, keys.store_key(no), keys.exam_id)
        return session

    def use(self, session: Session) -> None:
        """The session now on screen: its status goes into the heartbeats."""
        self.current = session
        self.link.set_heartbeat(heartbeat_for(session))

    def notify_appended(self) -> None:
        self.link.notify_appended()

    def drain(self) -> list[CommandResult]:
        """Applies the proctor's pending commands (call on the thread owning the sessions,
        e.g. from a QTimer) and refreshes the heartbeat; what each command came to."""
        results: list[CommandResult] = []
        while True:
            try:
                pending = self.link.commands.get_nowait()
            except queue.Empty:
                break
            results.extend(self._apply(pending))
        self.link.set_heartbeat(heartbeat_for(self.current))
        return results

    def _apply(self, pending: PendingCommand) -> list[CommandResult]:
        wanted = set(pending.command.participants)
        targets = [s for no, s in self.sessions.items() if not wanted or no in wanted]
        if not targets:
            if wanted:  # meant for candidates elsewhere: the proctor sends it again to
                return []  # wherever they sign in
            result = CommandResult(pending.command_id, None, Outcome.NO_EFFECT,
                                   "no such candidate on this kiosk")
            self.link.command_done(pending, None, result.outcome, result.note)
            return [result]
        results = []
        for session in targets:
            if session.participant_no is None:
                continue  # no log here yet: the proctor sends it again at sign-in
            before = session.state
            try:
                state = session.apply_command(pending.command, pending.command_id)
                outcome = (Outcome.APPLIED if state.last_seq > before.last_seq
                           else Outcome.NO_EFFECT)
                note = ("already in the candidate's log"
                        if pending.command_id <= before.last_command else "")
            except (ActionRefused, NotLoggedIn) as exc:
                outcome, note = Outcome.REFUSED, str(exc)
            result = CommandResult(pending.command_id, session.participant_no, outcome, note)
            self.link.command_done(pending, session.participant_no, outcome, note)
            results.append(result)
        return results

    def run_beside(self, name: str, work: Callable[[], None]) -> threading.Thread:
        """Runs `work` in a thread that `close` waits for. A thread left running when
        the app returns runs on into the interpreter's shutdown, and one writing to stderr
        then (a traceback, a log line) aborts the process."""
        thread = threading.Thread(target=work, name=name, daemon=True)
        self._beside.append(thread)
        thread.start()
        return thread

    def where(self) -> str:
        """This kiosk's seat and id as an exit incident's note ("seat=A07 pc=pc-07"):
        `exam_bank.record.facts` reads it back into the berita acara."""
        return f"seat={self.link.seat} pc={self.link.kiosk_id}"

    def sync(self, participant_no: ParticipantNo, seq: int, timeout: float) -> bool:
        """Waits until the proctor has stored `participant_no`'s log up to `seq` (True),
        or `timeout` seconds (False: the store on disk holds it all, and it is sent when
        the candidate next signs in, here or at a spare PC)."""
        self.link.notify_appended()
        end = time.monotonic() + timeout
        while self.link.status.acked.get(normalise_participant_no(participant_no), 0) < seq:
            if time.monotonic() > end or not self.link.status.connected:
                return False
            time.sleep(0.02)
        return True

    def close(self) -> None:
        deadline = time.monotonic() + BESIDE_JOIN_S
        for thread in self._beside:  # before the link stops: their reports still go out
            thread.join(max(0.0, deadline - time.monotonic()))
        self._beside.clear()
        self.link.stop()
        for store in self._stores:
            store.close()
        self._stores.clear()

