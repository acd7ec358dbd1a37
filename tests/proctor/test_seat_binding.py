"""A kiosk speaks only for its own seat: nothing is claimed before the
events verify, a candidate's first verified login binds them to a seat the proctor sees,
and a login away from the seat plan waits for the proctor's decision."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from pathlib import Path

import pytest

from exam_bank.wire import protocol as P
from proctor.lab import Lab
from proctor.server import ExamSession
from tests.attacks.seats import fabricated_log, invalid_first_events
from tests.proctor.kit import (
    EXAM_ID,
    EXAM_KEY,
    RecordingRoom,
    chain,
    connected,
    make_lab,
    run,
    serving,
)

PEOPLE = ("P001", "P002", "P003")


@pytest.fixture
def lab(tmp_path: Path) -> Lab:
    return make_lab(tmp_path / "state")


def planned(**seats: str) -> ExamSession:
    return ExamSession(EXAM_ID, "S1", "ab" * 32, EXAM_KEY, frozenset(PEOPLE), seats)


async def _eventually(check: Callable[[], bool], timeout: float = 3.0) -> None:
    deadline = asyncio.get_running_loop().time() + timeout
    while not check():
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError("condition not met in time")
        await asyncio.sleep(0.01)


def test_invalid_first_events_from_one_kiosk_take_nobody(lab: Lab) -> None:
    """The issue's attack: one enrolled kiosk sends one invalid first event for every
    candidate; before the fix it became the owner of all of them."""
    async def main() -> None:
        room = RecordingRoom()
        async with serving(lab, room) as server:
            evil, _w = await connected(server, lab, "pc-66", "Z9")
            for message in invalid_first_events(EXAM_ID, PEOPLE):
                await evil.send(message)
                ack = await evil.recv()
                assert isinstance(ack, P.Ack) and ack.refused and ack.seq == 0
            assert all(server.replica.owner(p) is None for p in PEOPLE)
            for n, pno in enumerate(PEOPLE, start=1):
                kiosk, _w = await connected(server, lab, f"pc-0{n}", f"A{n}")
                events = chain(pno, 3)
                await kiosk.send(P.Events(pno, 1, tuple(events)))
                ack = await kiosk.recv()
                assert isinstance(ack, P.Ack) and (ack.seq, ack.refused) == (3, None), ack
                assert server.replica.owner(pno) == f"pc-0{n}"
                assert server.replica.seat_of(pno) == (f"pc-0{n}", f"A{n}")
            assert "wrong_kiosk" not in room.kinds()
    run(main())


def test_a_first_event_that_is_not_the_login_claims_nothing(lab: Lab) -> None:
    async def main() -> None:
        async with serving(lab) as server:
            kiosk, _w = await connected(server, lab)
            events = chain("P002", 3)
            await kiosk.send(P.Events("P001", 1, tuple(events)))  # P002's login as P001's
            ack = await kiosk.recv()
            assert isinstance(ack, P.Ack) and ack.refused and "login" in ack.refused
            assert server.replica.owner("P001") is None
            assert server.replica.events("P001") == []
    run(main())


def test_a_kiosk_speaks_for_one_candidate_until_the_proctor_says_otherwise(lab: Lab) -> None:
    """A valid login for a second candidate from a kiosk that already writes one is held
    (not stored, not claimed) and shown to the proctor, who may approve it."""
    async def main() -> None:
        room = RecordingRoom()
        async with serving(lab, room) as server:
            kiosk, _w = await connected(server, lab, "pc-01", "A1")
            await kiosk.send(P.Events("P001", 1, tuple(chain("P001", 2))))
            assert (await kiosk.recv()).refused is None  # type: ignore[attr-defined]
            await kiosk.send(P.Events("P003", 1, tuple(fabricated_log(EXAM_ID, "P003"))))
            await _eventually(lambda: "login_held" in room.kinds())
            assert server.replica.owner("P003") is None
            assert server.replica.events("P003") == []
            held = [i for i in room.incidents if i[2] == "login_held"]
            assert held[0][1] == "P003" and "P001" in held[0][3] and "pc-01" in held[0][3]
            assert [(h.participant_no, h.kiosk_id, h.seat) for h in server.held()] == [
                ("P003", "pc-01", "A1")]
    run(main())


def test_a_login_away_from_the_seat_plan_waits_for_the_proctor(lab: Lab) -> None:
    async def main() -> None:
        room = RecordingRoom()
        async with serving(lab, room, planned(P001="A1", P002="A2", P003="A3")) as server:
            kiosk, _w = await connected(server, lab, "pc-07", "B5")
            events = chain("P002", 3)
            await kiosk.send(P.Events("P002", 1, tuple(events)))
            await _eventually(lambda: "login_held" in room.kinds())
            assert server.replica.events("P002") == []
            evidence = next(i[3] for i in room.incidents if i[2] == "login_held")
            assert "A2" in evidence and "B5" in evidence
            # the proctor approves: the kiosk's link is reset, it sends again, it is stored
            server.decide_login("P002", "pc-07", True, "PC A2 rusak, pindah ke B5", "Budi")
            assert await kiosk.closed()
            again, _w = await connected(server, lab, "pc-07", "B5")
            await again.send(P.Events("P002", 1, tuple(events)))
            ack = await again.recv()
            assert isinstance(ack, P.Ack) and (ack.seq, ack.refused) == (3, None)
            assert server.replica.seat_of("P002") == ("pc-07", "B5")
            decision = server.replica.decisions()[0]
            assert (decision.participant_no, decision.accepted, decision.by) == (
                "P002", True, "Budi")
    run(main())


def test_a_refused_login_stays_refused(lab: Lab) -> None:
    async def main() -> None:
        room = RecordingRoom()
        async with serving(lab, room, planned(P001="A1")) as server:
            kiosk, _w = await connected(server, lab, "pc-07", "B5")
            events = chain("P001", 2)
            await kiosk.send(P.Events("P001", 1, tuple(events)))
            await _eventually(lambda: "login_held" in room.kinds())
            server.decide_login("P001", "pc-07", False, "peserta tidak di ruangan", "Budi")
            await kiosk.send(P.Events("P001", 1, tuple(events)))
            ack = await kiosk.recv()
            assert isinstance(ack, P.Ack) and ack.refused and "refused" in ack.refused
            assert server.replica.events("P001") == []
            assert server.held() == []
    run(main())
