"""Two sessions of one exam, one after the other, in one lab's state (one replica): each
session's room, `proctor status`, berita acara record and sealed bundle hold only that
session's facts, across a restart of the server."""

from __future__ import annotations

import asyncio
import datetime as dt
import hashlib
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric import rsa

from exam_bank.bundle.certs import make_admin, make_lab_ca
from exam_bank.bundle.sealed import open_bundle
from exam_bank.crypto.examkey import read_exam_key
from exam_bank.events.chain import EventLog
from exam_bank.exam_package import ExamPackage
from exam_bank.ids import ParticipantNo, SessionId
from exam_bank.wire import protocol as P
from proctor import berita_acara
from proctor.berita_acara import BeritaAcara, Signer
from proctor.cli_day import room_json
from proctor.lab import Lab
from proctor.replica import Replica
from proctor.room import Room
from proctor.seal import seal_session, session_record
from proctor.server import ExamSession, LabServer
from tests.proctor.conftest import KEY_PASS, Exam
from tests.proctor.kit import SCRYPT_N, FakeKiosk, kiosk_identity, make_lab, run

WALL = "2026-12-08T01:00:00+00:00"
MORNING_PC = "pc-01"  # seat D3 in both sessions: JPT-2026-001 at S1, JPT-2026-029 at S2


def _package(exam: Exam) -> tuple[ExamPackage, bytes, str]:
    key = read_exam_key(exam.key, KEY_PASS.encode())
    return exam.open(), key.key, hashlib.sha256(exam.package.read_bytes()).hexdigest()


def _login(package: ExamPackage, pno: str) -> tuple[P.Events, str]:
    log = EventLog(package.blueprint.exam.id, pno)
    log.append("login", {"participant_no": pno}, WALL, 1000, 1)
    log.append("identity_confirmed", {}, WALL, 2000, 1)
    return P.Events(ParticipantNo(pno), 1, tuple(log.events)), log.events[-1].hash


@asynccontextmanager
async def _serving(lab: Lab, exam: Exam, session: str) -> AsyncIterator[tuple[LabServer, Room]]:
    """The session's server as `proctor serve` makes it, on the lab's one replica."""
    package, key, digest = _package(exam)
    people = package.roster.candidates_in(SessionId(session))
    room = Room(package, SessionId(session))
    replica = Replica.open(lab.replica_path, lab.replica_key, package.blueprint.exam.id)
    server = LabServer(lab, replica, ExamSession(
        package.blueprint.exam.id, SessionId(session), digest, key,
        frozenset(c.participant_no for c in people),
        {c.participant_no: c.seat for c in people if c.seat}), room, scrypt_n=SCRYPT_N)
    await server.start("127.0.0.1", 0, 0)
    try:
        yield server, room
    finally:
        for kiosk in FakeKiosk.opened:
            await kiosk.close()
        FakeKiosk.opened.clear()
        await server.stop()
        await asyncio.sleep(0)
        replica.close()


async def _kiosk(server: LabServer, lab: Lab, kiosk_id: str, seat: str) -> FakeKiosk:
    cert, key = kiosk_identity(lab, kiosk_id)
    kiosk = await FakeKiosk.connect(server.port, lab.ca.cert, cert, key)
    assert isinstance(await kiosk.hello(kiosk_id, seat), P.Welcome)
    return kiosk


async def _stored(kiosk: FakeKiosk, message: P.Events) -> P.Message:
    await kiosk.send(message)
    return await kiosk.recv()


async def _eventually(check: object, timeout: float = 3.0) -> None:
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not check():  # type: ignore[operator]
        assert loop.time() < deadline, "condition not met in time"
        await asyncio.sleep(0.01)


def _server_kinds(room: Room) -> list[tuple[str | None, str | None, str]]:
    return [(i.seat, i.participant_no, i.kind) for i in room.snapshot(0).incidents
            if i.source == "server"]


def _minutes(lab: Lab, session: str, exam_id: str) -> None:
    signer = Signer("Budi Santoso, S.Kom.", "198503122010011002")
    report = BeritaAcara("Seleksi JPT", "Pemkot Sukamaju", session, "Lab CAT", "Ruang 1",
                         dt.date(2026, 12, 8), "07:30", "13:30", expected=0, present=0,
                         absentees=(), incidents="", proctor1=signer, proctor2=signer,
                         head=signer, witness=signer)
    berita_acara.save_draft(report, berita_acara.draft_file(lab.dir, exam_id, session))


def test_the_afternoon_session_holds_none_of_the_mornings_facts(
        tmp_path: Path, exam: Exam) -> None:
    lab = make_lab(tmp_path / "lab")
    package, _key, digest = _package(exam)
    morning_seat = "D3"

    async def morning() -> None:
        async with _serving(lab, exam, "S1") as (server, room):
            pc = await _kiosk(server, lab, MORNING_PC, morning_seat)
            ack = await _stored(pc, _login(package, "JPT-2026-001")[0])
            assert isinstance(ack, P.Ack) and ack.seq == 2 and ack.refused is None
            await pc.send(P.Error(P.ErrorCode.INTERNAL, "disk almost full"))
            # An afternoon candidate tries a morning PC: refused, and a morning fact.
            early = await _kiosk(server, lab, "pc-02", "A1")
            refused = await _stored(early, _login(package, "JPT-2026-053")[0])
            assert isinstance(refused, P.Ack) and refused.refused
            await _eventually(lambda: len(_server_kinds(room)) == 2)

    async def afternoon(restarted: bool) -> None:
        async with _serving(lab, exam, "S2") as (server, room):
            # Nothing of the morning: not its incidents, not its candidates' logs.
            assert _server_kinds(room) == ([("B3", None, "kiosk_internal")] if restarted
                                           else [])
            if not restarted:
                # The morning's PC spoke for a candidate who never submitted: in the
                # afternoon it is free, and its candidate signs in without waiting.
                pc = await _kiosk(server, lab, MORNING_PC, "D3")
                ack = await _stored(pc, _login(package, "JPT-2026-029")[0])
                assert isinstance(ack, P.Ack) and ack.seq == 2 and ack.refused is None
                assert server.held() == []
                other = await _kiosk(server, lab, "pc-03", "B3")
                await other.send(P.Error(P.ErrorCode.INTERNAL, "printer jam"))
                await _eventually(lambda: len(_server_kinds(room)) == 1)
            # The console's berita acara form reads the room's record: its own facts.
            record = room.day_record()
            assert record.room == ()
            assert [c.participant_no for c in record.candidates] == ["JPT-2026-004"]
            status = room_json(room.snapshot(0))
            assert status["incidents"] == 1 and status["session"] == "S2"
            assert [s["participant_no"] for s in status["seats"]
                    if s["incidents"]] in ([], ["JPT-2026-004"])

    run(morning())
    run(afternoon(restarted=False))
    run(afternoon(restarted=True))  # the console restarted: the same, nothing more

    with Replica.open(lab.replica_path, lab.replica_key, package.blueprint.exam.id) as rep:
        s1, s2 = (session_record(lab, package, rep, SessionId(s)) for s in ("S1", "S2"))
    assert {c.participant_no for c in s2.candidates} == {"JPT-2026-004"}  # B3's error
    assert s2.room == () and s2.present == 1
    assert {c.participant_no for c in s1.candidates} == {"JPT-2026-001"}  # D3's error
    assert len(s1.room) == 1 and s1.present == 1  # 053's refused try, the room's fact

    office = make_lab_ca("Kantor BKPSDM")
    admin = make_admin(office, "Admin BKPSDM", key_size=2048)
    assert isinstance(admin.key, rsa.RSAPrivateKey)
    bundles = {}
    for session in ("S1", "S2"):
        _minutes(lab, session, package.blueprint.exam.id)
        with Replica.open(lab.replica_path, lab.replica_key,
                          package.blueprint.exam.id) as rep:
            sealed = seal_session(lab, rep, package, digest, SessionId(session),
                                  [admin.cert], tmp_path / f"{session}.p7m")
        bundles[session] = open_bundle(sealed.path.read_bytes(), admin.cert, admin.key,
                                       [lab.ca.cert])
    kinds = {s: sorted((i.get("seat"), i.get("participant_no"), i["kind"])
                       for i in b.incidents if "evidence" in i) for s, b in bundles.items()}
    assert kinds["S1"] == sorted([("D3", None, "kiosk_internal"),
                                  ("A1", "JPT-2026-053", "unknown_participant")])
    assert kinds["S2"] == [("B3", None, "kiosk_internal")]
    assert bundles["S1"].sequence == bundles["S2"].sequence == 1  # each its own sealings


@pytest.mark.parametrize("session", ["S1", "S2"])
def test_each_sessions_room_after_a_restart_is_its_own(tmp_path: Path, exam: Exam,
                                                       session: str) -> None:
    """A restart re-feeds the room from the replica: only the session's own candidates,
    so the other session's logs are no 'participant not in this session' incidents."""
    lab = make_lab(tmp_path / "lab")
    package, _key, _digest = _package(exam)
    with Replica.open(lab.replica_path, lab.replica_key, package.blueprint.exam.id) as rep:
        for pno in ("JPT-2026-001", "JPT-2026-029"):  # S1's and S2's
            rep.append(ParticipantNo(pno), _login(package, pno)[0].events)

    async def restarted() -> None:
        async with _serving(lab, exam, session) as (_server, room):
            assert _server_kinds(room) == []
            assert room.snapshot(0).counts()  # the room's attendance is built
            present = [a.participant_no for a in room.snapshot(0).attendance
                       if a.signed_in_at]
            assert present == ["JPT-2026-001" if session == "S1" else "JPT-2026-029"]
    run(restarted())
