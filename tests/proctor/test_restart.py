"""A console restarted mid-session shows the room as it was: the same seat statuses (a PC
that died before the restart is still lost, a submitted seat still finished), the same
problems, incidents at their own times with their own words, the same commands."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

from exam_bank.events.model import EventType
from exam_bank.ids import ParticipantNo, SessionId
from exam_bank.wire import protocol as P
from exam_bank.wire.control import ControlAction, ControlCommand
from proctor.console.words import SeatFilter, matches
from proctor.replica import Replica
from proctor.room import LOST_MS, Room, RoomSnapshot, monotonic_ms
from proctor.server import ExamSession, LabServer
from tests.proctor.console.roomkit import DATE, EXAM, Kiosk, package, participant
from tests.proctor.kit import EXAM_KEY, SCRYPT_N, connected, make_lab, run

WALL = dt.datetime.combine(DATE, dt.time(8, 40))


def _room_state(snap: RoomSnapshot) -> dict[str, Any]:
    """Everything a proctor reads off the room, but the live time counts."""
    return {
        "seats": [(v.seat, v.participant_no, v.status, v.phase, v.answered, v.paused,
                   v.locked, v.submitted, v.incidents, v.attendance, v.pending_commands,
                   matches(v, SeatFilter.PROBLEMS)) for v in snap.seats],
        "incidents": [(i.wall, i.seat, i.participant_no, i.kind, i.evidence, i.count)
                      for i in snap.incidents],
        "attendance": [(a.participant_no, a.status, a.signed_in_at, a.progress)
                       for a in snap.attendance],
        "commands": [(c.command_id, c.participant_no, c.status) for c in snap.commands],
    }


def test_a_restarted_console_shows_the_room_as_it_was(tmp_path: Path) -> None:
    lab = make_lab(tmp_path / "state")
    pkg = package()
    exam = ExamSession(EXAM, SessionId("S1"), "ab" * 32, EXAM_KEY,
                       frozenset(ParticipantNo(c.participant_no)
                                 for c in pkg.roster.candidates_in("S1")))
    died, done, locked = (ParticipantNo(participant(n)) for n in range(3))

    async def day() -> RoomSnapshot:
        room = Room(pkg, "S1", wall=lambda: WALL)
        replica = Replica.open(lab.replica_path, lab.replica_key, EXAM)
        server = LabServer(lab, replica, exam, room, scrypt_n=SCRYPT_N)
        await server.start("127.0.0.1", 0, 0)
        try:
            logs = {no: Kiosk(no) for no in (died, done, locked)}
            for n, (no, kiosk) in enumerate(logs.items()):
                link, _w = await connected(server, lab, f"pc-0{n}", f"A{n + 1}")
                events = [*kiosk.into_section(), kiosk.do(EventType.ANSWER_SET, item="q1",
                                                          answer="A")]
                if no == died:
                    events.append(kiosk.do(EventType.FOCUS_LOST))
                if no == done:
                    events += [kiosk.do(EventType.SECTION_SUBMITTED, section="tkp",
                                        reason="candidate"),
                               kiosk.do(EventType.EXAM_SUBMITTED, reason="candidate")]
                await link.send(P.Heartbeat(no))
                await link.send(P.Events(no, 1, tuple(events)))
                assert (await link.recv()).seq == len(events)  # type: ignore[attr-defined]
                if no == locked:
                    server.send(ControlCommand(ControlAction.LOCK, "Ada HP di meja", "Ani",
                                               (no,)))
                    command = await link.recv()
                    assert isinstance(command, P.Control)
                    applied = kiosk.do(EventType.LOCKED, note="Ada HP di meja", by="Ani",
                                       command=command.command_id)
                    await link.send(P.Events(no, applied.seq, (applied,)))
                    assert (await link.recv()).seq == applied.seq  # type: ignore[attr-defined]
                await link.close()  # every PC goes quiet; the first one for good
            stranger = Kiosk("SLT-9999")  # the afternoon session's candidate, too early
            link, _w = await connected(server, lab, "pc-09", "B1")
            await link.send(P.Events(ParticipantNo("SLT-9999"), 1,
                                     tuple(stranger.into_section()[:1])))
            await link.recv()
            await link.close()
            return room.snapshot(monotonic_ms() + LOST_MS + 1_000, WALL)
        finally:
            await server.stop()
            replica.close()

    async def restarted() -> RoomSnapshot:
        room = Room(pkg, "S1", wall=lambda: WALL.replace(hour=9))  # later: nothing re-stamped
        replica = Replica.open(lab.replica_path, lab.replica_key, EXAM)
        server = LabServer(lab, replica, exam, room, scrypt_n=SCRYPT_N)
        await server.start("127.0.0.1", 0, 0)
        try:
            return room.snapshot(monotonic_ms() + LOST_MS + 1_000, WALL)
        finally:
            await server.stop()
            replica.close()

    before = _room_state(run(day()))
    after = _room_state(run(restarted()))
    assert after == before
    seats = {s[1]: s for s in before["seats"]}
    assert seats[died][2] == "lost" and seats[died][-1]  # lost, among the problems
    assert seats[done][2] == "done" and not seats[done][-1]
    assert seats[locked][6] and seats[locked][-1]
    assert [i[3] for i in before["incidents"]] == ["focus_lost", "unknown_participant"]
