"""A lockdown incident at a kiosk nobody is signed in at (`kiosk_incident`) is the room's
fact: kept in the replica, counted per kiosk and kind, printed among the room's facts of
the berita acara, never among the facts of the candidate whose seat it is."""

from __future__ import annotations

import asyncio
from pathlib import Path

from exam_bank.ids import ParticipantNo, SessionId
from exam_bank.wire import protocol as P
from proctor.replica import Replica
from proctor.room import Room
from proctor.server import ExamSession, LabServer
from tests.proctor.console.roomkit import EXAM, package
from tests.proctor.kit import EXAM_KEY, SCRYPT_N, connected, make_lab, run


def test_wrong_codes_at_an_empty_kiosk_are_one_counted_room_fact(tmp_path: Path) -> None:
    lab = make_lab(tmp_path / "state")
    pkg = package()
    exam = ExamSession(EXAM, SessionId("S1"), "ab" * 32, EXAM_KEY,
                       frozenset(ParticipantNo(c.participant_no)
                                 for c in pkg.roster.candidates_in("S1")))
    room = Room(pkg, "S1")

    async def day() -> None:
        replica = Replica.open(lab.replica_path, lab.replica_key, EXAM)
        server = LabServer(lab, replica, exam, room, scrypt_n=SCRYPT_N)
        await server.start("127.0.0.1", 0, 0)
        try:
            link, _w = await connected(server, lab, "pc-01", "A1")  # SLT-0001's seat
            for n in range(1, 4):
                await link.send(P.KioskIncident(P.KioskIncidentKind.QUIT_CODE_REFUSED,
                                                f"attempts={n}"))
            await asyncio.sleep(0.3)
            await link.close()
        finally:
            await server.stop()  # flushes the counts
            replica.close()

    run(day())
    record = room.day_record()
    assert record.candidates == ()  # not SLT-0001's, though A1 is their seat
    assert len(record.room) == 1
    assert "Kode keluar pengawas yang salah dimasukkan" in record.room[0]
    assert record.room[0].endswith("3 kali")
    with Replica.open(lab.replica_path, lab.replica_key, EXAM) as replica:
        stored = replica.incidents(SessionId("S1"))
    assert [(i.seat, i.participant_no, i.kind, i.count) for i in stored] == [
        (None, None, "quit_code_refused", 3)]
