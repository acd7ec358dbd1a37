"""ProctorService from another thread, as the Qt console uses it, over a server that feeds
the real `Room` of a real package."""

from __future__ import annotations

import asyncio
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from exam_bank.crypto.examkey import read_exam_key
from exam_bank.events.chain import EventLog
from exam_bank.events.fold import Phase
from exam_bank.exam_package import ExamPackage
from exam_bank.wire import protocol as P
from exam_bank.wire.control import ControlAction, ControlCommand
from exam_bank.wire.enroll import normalise_code
from exam_bank.wire.quitcode import check_quit_code
from proctor.lab import Lab
from proctor.replica import Replica
from proctor.room import Room, SeatStatus, monotonic_ms
from proctor.server import ExamSession, LabServer
from proctor.service import ProctorService, ServerThread
from tests.proctor.conftest import KEY_PASS, Exam
from tests.proctor.kit import SCRYPT_N, FakeKiosk, connected, make_lab


@dataclass
class Running:
    lab: Lab
    package: ExamPackage
    room: Room
    thread: ServerThread
    service: ProctorService
    server: LabServer


@pytest.fixture
def running(exam: Exam, tmp_path: Path) -> Iterator[Running]:
    key = read_exam_key(exam.key, KEY_PASS.encode())
    package = exam.open()
    lab = make_lab(tmp_path / "state")
    replica = Replica.open(lab.replica_path, lab.replica_key, key.exam_id)
    room = Room(package, "S1")
    session = ExamSession(key.exam_id, "S1", "ab" * 32, key.key,
                          frozenset(c.participant_no for c in package.roster.candidates_in("S1")))
    thread = ServerThread(lambda: LabServer(lab, replica, session, room, scrypt_n=SCRYPT_N),
                          "127.0.0.1", 0, 0)
    server = thread.start()
    try:
        yield Running(lab, package, room, thread, ProctorService(thread), server)
    finally:
        thread.stop()
        replica.close()


def test_the_service_answers_from_another_thread(running: Running) -> None:
    service = running.service
    assert not service.session_open
    first = service.token
    token = service.new_token()
    assert re.fullmatch(r"[A-Z]{6}", token) and service.token == token
    assert token != first or service.new_token() != first
    code = service.enrollment_code()
    assert len(normalise_code(code)) == 10
    with pytest.raises(ValueError, match="reason"):
        service.quit_code(None, "Budi", " ")  # it lets someone out of the locked exam
    assert re.fullmatch(r"\d{8}", service.quit_code(None, "Budi", "PC B3 dimatikan"))
    with pytest.raises(ValueError, match="minutes"):
        service.send(ControlCommand(ControlAction.EXTEND, "alasan", "Budi"))


def test_a_kiosk_session_shows_in_the_room_and_obeys_the_console(running: Running) -> None:
    candidate = running.package.roster.candidates_in("S1")[0]
    pno, seat = candidate.participant_no, candidate.seat
    service = running.service

    async def kiosk_side() -> None:
        kiosk, welcome = await connected(running.server, running.lab, "pc-11", seat)
        assert check_quit_code(await asyncio.to_thread(service.quit_code, None, "Budi",
                                                       "PC dimatikan"),
                               welcome.quit_code_hash)
        await asyncio.to_thread(service.open_session)
        update = await kiosk.recv()
        assert isinstance(update, P.SessionUpdate) and update.session_open
        log = EventLog(running.package.header.exam_id, pno)
        log.append("login", {"participant_no": pno}, "2026-11-23T01:00:00+00:00", 0, 1)
        log.append("identity_confirmed", {}, "2026-11-23T01:00:05+00:00", 5000, 1)
        await kiosk.send(P.Events(pno, 1, tuple(log.events)))
        ack = await kiosk.recv()
        assert isinstance(ack, P.Ack) and ack.seq == 2 and ack.refused is None
        await kiosk.send(P.Heartbeat(pno, Phase.RULES, last_seq=2))
        await asyncio.sleep(0.2)
        await asyncio.to_thread(service.send, ControlCommand(
            ControlAction.MESSAGE, "info", "Budi", (pno,), text="Harap tenang"))
        control = await kiosk.recv()
        assert isinstance(control, P.Control) and control.text == "Harap tenang"
        await kiosk.close()
        FakeKiosk.opened.clear()

    asyncio.run(asyncio.wait_for(kiosk_side(), 30))
    view = running.room.snapshot(monotonic_ms()).seat(seat)
    assert view.participant_no == pno and view.kiosk_id == "pc-11"
    assert view.status == SeatStatus.ONLINE
    assert view.phase == Phase.RULES  # identity confirmed: the rules screen
