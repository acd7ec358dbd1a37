"""The console's handle on the lab server, and the server's thread.

The server (`proctor.server.LabServer`) lives on an asyncio loop in its own thread
(`ServerThread`); the Qt console calls `ProctorService`, whose methods are thread-safe:
each runs on the server's loop (``run_coroutine_threadsafe``) and waits for the result,
so the replica is only ever touched from one thread. The server feeds the room
(`proctor.room.RoomFeed`, i.e. `proctor.room.Room`); the console reads its snapshots.
"""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable, Coroutine, Sequence
from typing import TYPE_CHECKING, Any, TypeVar

from exam_bank.events.model import Event
from exam_bank.ids import KioskId, ParticipantNo
from exam_bank.record.actions import ProctorAction
from exam_bank.wire.control import ControlCommand
from proctor.preflight import PreflightSummary, SeatPreflight

if TYPE_CHECKING:
    from proctor.commands import CommandLine
    from proctor.held import HeldLogin
    from proctor.room import Room
    from proctor.server import LabServer

T = TypeVar("T")
CALL_TIMEOUT_S = 10.0


class NullRoom:
    """A room that listens to nothing: the headless server (`ujikom proctor serve`)."""

    def heartbeat(self, seat: str, kiosk_id: KioskId, participant_no: ParticipantNo | None,
                  now_ms: int, time_left_ms: int | None = None) -> None:
        pass

    def replicated(self, participant_no: ParticipantNo, events: Sequence[Event]) -> None:
        pass

    def incident(self, seat: str | None, participant_no: ParticipantNo | None, kind: str,
                 evidence: str, wall: str | None = None) -> None:
        pass

    def commands(self, lines: Sequence[CommandLine]) -> None:
        pass

    def action(self, action: ProctorAction) -> None:
        pass

    def incident_repeated(self, kind: str, evidence: str, count: int, last: str) -> None:
        pass


class ServerThread:
    """Runs a `LabServer` on its own event loop in a daemon thread."""

    def __init__(self, make_server: Callable[[], LabServer], host: str, port: int,
                 enroll_port: int | None, beacon_to: tuple[str, int] | None = None) -> None:
        self._make = make_server
        self._address = (host, port, enroll_port)
        self._beacon_to = beacon_to
        self.on_stop: Callable[[], None] | None = None  # e.g. close the replica
        self.loop = asyncio.new_event_loop()
        self.server: LabServer | None = None
        self._ready = threading.Event()
        self._error: BaseException | None = None
        self._stop: asyncio.Event | None = None
        self._thread = threading.Thread(target=self._run, name="ujikom-lab-server",
                                        daemon=True)

    def start(self) -> LabServer:
        """Start the thread and wait until the server listens (or raise why it cannot)."""
        self._thread.start()
        self._ready.wait()
        if self._error is not None:
            raise self._error
        assert self.server is not None
        return self.server

    def _run(self) -> None:
        asyncio.set_event_loop(self.loop)
        try:
            self.loop.run_until_complete(self._main())
        finally:
            self.loop.close()

    async def _main(self) -> None:
        self._stop = asyncio.Event()
        try:
            server = self._make()
            host, port, enroll_port = self._address
            await server.start(host, port, enroll_port, self._beacon_to)
        except BaseException as exc:
            self._error = exc
            self._ready.set()
            return
        self.server = server
        self._ready.set()
        await self._stop.wait()
        await server.stop()

    def call(self, fn: Callable[..., T], *args: Any) -> T:
        """`fn(*args)` on the server's loop; its result, or its exception, here."""
        async def run() -> T:
            return fn(*args)
        return self.submit(run())

    def submit(self, coroutine: Coroutine[Any, Any, T]) -> T:
        future = asyncio.run_coroutine_threadsafe(coroutine, self.loop)
        return future.result(CALL_TIMEOUT_S)

    def stop(self) -> None:
        if self._stop is not None and self._thread.is_alive():
            self.loop.call_soon_threadsafe(self._stop.set)
        self._thread.join(CALL_TIMEOUT_S)
        if self.on_stop is not None and not self._thread.is_alive():
            self.on_stop()


class ProctorService:
    """What the console asks of the lab server; every method is safe from any thread."""

    def __init__(self, thread: ServerThread) -> None:
        self._thread = thread
        server = thread.server
        if server is None:
            raise RuntimeError("start the server thread first")
        self._server: LabServer = server

    def send(self, command: ControlCommand) -> None:
        """To the seats (every connected kiosk applies what concerns its candidate);
        recorded in the proctor's log first. ValueError for an incomplete command."""
        self._thread.call(self._server.send, command)

    def new_token(self, by: str = "", reason: str = "") -> str:
        return self._thread.call(self._server.new_token, by, reason)

    @property
    def session_id(self) -> str:
        return self._server.exam.session_id

    @property
    def room(self) -> Room | None:
        """The room the server feeds, when it keeps one (the console and `serve` do)."""
        from proctor.room import Room

        room = self._server.room
        return room if isinstance(room, Room) else None

    def commands(self) -> tuple[CommandLine, ...]:
        """Every command per candidate and how far it got (pending until applied)."""
        return self._thread.call(self._server.commands.lines)

    @property
    def token(self) -> str:
        return self._thread.call(lambda: self._server.session.token)

    def enrollment_code(self, by: str = "", reason: str = "") -> str:
        return self._thread.call(self._server.issue_code, by, reason)

    def authorize_move(self, participant_no: ParticipantNo, kiosk_id: KioskId,
                       by: str = "", reason: str = "") -> None:
        self._thread.call(self._server.authorize_move, participant_no, kiosk_id, by, reason)

    def held_logins(self) -> list[HeldLogin]:
        """First logins waiting for the proctor (a seat off the plan, a PC already in use):
        nothing of them is stored until decided."""
        return self._thread.call(self._server.held)

    def decide_login(self, participant_no: ParticipantNo, kiosk_id: KioskId, accept: bool,
                     reason: str,
                     by: str) -> None:
        """Approve or refuse a held login; ValueError without a reason."""
        self._thread.call(self._server.decide_login, participant_no, kiosk_id, accept, reason,
                          by)

    def decide_log(self, participant_no: ParticipantNo, accept: bool, reason: str, by: str,
                   why: str = "") -> None:
        """Accept or reject a questioned log; ValueError without a reason."""
        self._thread.call(self._server.decide_log, participant_no, accept, reason, by, why)

    def quit_code(self, participant_no: ParticipantNo | None = None, by: str = "",
                  reason: str = "") -> str:
        """The session's quit code, kept in the record with who and why (a kiosk's
        candidate, or None: the room); ValueError without a reason or a name."""
        return self._thread.call(self._server.show_quit_code, participant_no, by, reason)

    def open_session(self, reason: str = "", by: str = "") -> None:
        """PreflightRefused while a seat's preflight fails and no reason is given."""
        self._thread.call(self._server.open_session, reason, by)

    def preflight(self) -> tuple[tuple[SeatPreflight, ...], PreflightSummary]:
        """Every kiosk's latest preflight, and the room's counts (connected kiosks that
        sent none are listed as missing)."""
        def read() -> tuple[tuple[SeatPreflight, ...], PreflightSummary]:
            board = self._server.preflight
            return board.reports(), board.summary(self._server.connected)
        return self._thread.call(read)

    def close_session(self, by: str = "", reason: str = "") -> None:
        self._thread.call(self._server.close_session, by, reason)

    @property
    def session_open(self) -> bool:
        return self._thread.call(lambda: self._server.session.opened)

    @property
    def address(self) -> tuple[int, int]:
        """(lab port, enrollment port) the server listens on."""
        return self._server.port, self._server.enroll_port
