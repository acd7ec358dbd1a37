"""A busy 40-seat room, a fake lab service that records what the console sends, and the
console window on top of them, with a fixed clock."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from exam_bank.events.model import EventType
from exam_bank.wire.control import ControlCommand
from proctor.console.translations import Translations
from proctor.console.window import ConsoleWindow
from proctor.room import Room
from tests.proctor.console.roomkit import DATE, Kiosk, package, participant, seat_of

NOW = 100_000
WALL = dt.datetime.combine(DATE, dt.time(8, 40))


class FakeService:
    def __init__(self) -> None:
        self.sent: list[ControlCommand] = []
        self.moves: list[tuple[str, str]] = []
        self.move_notes: list[tuple[str, str]] = []
        self._token = "QWERTY"
        self.tokens = iter(("ASDFGH", "ZXCVBN"))
        self.fail: Exception | None = None
        self.shown: list[tuple[str, str | None, str, str]] = []  # action, who, by, reason

    def send(self, command: ControlCommand) -> None:
        if self.fail:
            raise self.fail
        self.sent.append(command)

    def new_token(self, by: str = "", reason: str = "") -> str:
        self.shown.append(("new_token", None, by, reason))
        self._token = next(self.tokens)
        return self._token

    @property
    def token(self) -> str:
        return self._token

    def enrollment_code(self, by: str = "", reason: str = "") -> str:
        self.shown.append(("enroll_code", None, by, reason))
        return "7K2M-9QXD-4B"

    def authorize_move(self, participant_no: str, kiosk_id: str, by: str = "",
                       reason: str = "") -> None:
        self.moves.append((participant_no, kiosk_id))
        self.move_notes.append((by, reason))

    def quit_code(self, participant_no: str | None = None, by: str = "",
                  reason: str = "") -> str:
        self.shown.append(("quit_code", participant_no, by, reason))
        return "583920"

    def held_logins(self) -> list[object]:
        return []

    def decide_login(self, participant_no: str, kiosk_id: str, accept: bool, reason: str,
                     by: str) -> None:
        raise AssertionError("nothing is held in the fake room")


def busy_room() -> Room:
    """Most candidates working at various points; some late, lost, absent, submitted, one
    with a hand up, one locked, incidents, two free spare PCs."""
    room = Room(package(), "S1", wall=lambda: WALL)
    for n in range(40):
        no, seat = participant(n), seat_of(n)
        if n in (5, 13, 30):  # never came
            continue
        kiosk = Kiosk(no)
        events = kiosk.into_section() if n != 7 else [kiosk.do(EventType.LOGIN, participant_no=no)]
        if n != 7:
            for k in range(1, 1 + (n * 7) % 11):
                events.append(kiosk.do(EventType.ANSWER_SET, 30_000, item=f"q{k}", answer="A"))
        if n == 3:
            events.append(kiosk.do(EventType.HAND_RAISED))
        if n == 9:
            events.append(kiosk.do(EventType.LOCKED, note="HP di meja", by="Bu Ani"))
        if n == 11:
            events.append(kiosk.do(EventType.FOCUS_LOST))
        if n == 17:
            events.append(kiosk.do(EventType.PAUSED, note="listrik padam", by="Bu Ani"))
        if n in (20, 21):
            events.append(kiosk.do(EventType.EXAM_SUBMITTED, reason="proctor", by="Bu Ani"))
        room.replicated(no, events, now_ms=NOW - 20_000)
        age = {2: 8_000, 25: 30_000}.get(n, 1_000)
        room.heartbeat(seat, f"pc-{n + 1:02d}", no, NOW - age)
    room.heartbeat("F1", "spare-1", None, NOW - 500)
    room.heartbeat("F2", "spare-2", None, NOW - 500)
    room.incident("D3", participant(26), "chain_fork", "seq 12 differs from the stored event")
    return room


@pytest.fixture
def service() -> FakeService:
    return FakeService()


@pytest.fixture
def english(qapp: QApplication) -> Iterator[Translations]:
    t = Translations()
    yield t
    t.use("en")


Make = Callable[..., ConsoleWindow]


@pytest.fixture
def make_window(qtbot, service: FakeService, tmp_path: Path) -> Make:  # type: ignore[no-untyped-def]
    def make(room: Room | None = None, **kwargs: object) -> ConsoleWindow:
        window = ConsoleWindow(room or busy_room(), service, tmp_path, clock=lambda: NOW,
                               wall=lambda: WALL, refresh_ms=0, **kwargs)  # type: ignore[arg-type]
        qtbot.addWidget(window)
        return window
    return make
