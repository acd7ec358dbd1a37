"""Every proctor action that is no command to a candidate is kept in the replica and
printed with its time, the proctor's name and the reason: a held login decided, a
questioned log decided, a move authorized, the quit code shown, the session opened (over
a failing PC check) and closed, a new token, a new enrollment code. Done through the real
server (and the command line's control requests); read back from the room's record, the
berita acara's PDF, and again after the server restarted on the same replica."""

from __future__ import annotations

import asyncio
import datetime as dt
import shutil
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

import pytest

from exam_bank.ids import KioskId, ParticipantNo, SessionId
from exam_bank.record.actions import ActionKind, ProctorAction
from exam_bank.record.words import jam
from exam_bank.wire import protocol as P
from proctor.berita_acara import from_snapshot, render_pdf
from proctor.day_record import DayRecord
from proctor.lab import Lab
from proctor.replica import Replica
from proctor.room import Room
from proctor.server import ExamSession, LabServer
from tests.proctor.console.roomkit import EXAM, Kiosk, package, participant, seat_of
from tests.proctor.kit import EXAM_KEY, SCRYPT_N, connected, enrolled, make_lab, run
from tests.proctor.test_berita_acara import GOOD, look, pdf_words

UTC = dt.UTC
HELD, MOVED, DOUBTED = (ParticipantNo(participant(n)) for n in (1, 2, 3))


@pytest.fixture
def lab(tmp_path: Path) -> Lab:
    return make_lab(tmp_path / "state")


def _exam() -> ExamSession:
    pkg = package()
    people = pkg.roster.candidates_in("S1")
    return ExamSession(EXAM, SessionId("S1"), "ab" * 32, EXAM_KEY,
                       frozenset(ParticipantNo(c.participant_no) for c in people),
                       {ParticipantNo(c.participant_no): c.seat for c in people})


async def _eventually(check: Callable[[], bool], timeout: float = 5.0) -> None:
    deadline = asyncio.get_running_loop().time() + timeout
    while not check():
        if asyncio.get_running_loop().time() > deadline:
            raise AssertionError("condition not met in time")
        await asyncio.sleep(0.01)


async def _serving(lab: Lab, room: Room) -> tuple[LabServer, Replica]:
    replica = Replica.open(lab.replica_path, lab.replica_key, EXAM)
    server = LabServer(lab, replica, _exam(), room, scrypt_n=SCRYPT_N)
    await server.start("127.0.0.1", 0, 0)
    return server, replica


def _the_day(lab: Lab) -> tuple[DayRecord, list[ProctorAction]]:
    """A day with every kind of action, through the server; the room's record at its end
    and the actions as the replica keeps them."""
    enrolled(lab, "pc-09")

    async def day() -> tuple[DayRecord, list[ProctorAction]]:
        room = Room(package(), "S1")
        server, replica = await _serving(lab, room)
        try:
            server.open_session("", "Sari Dewi")
            # a login away from the seat plan waits; a decision needs a reason
            held, _w = await connected(server, lab, "pc-77", "Z9")
            kiosk = Kiosk(HELD)
            await held.send(P.Events(HELD, 1, tuple(kiosk.into_section())))
            await _eventually(lambda: bool(server.held()))
            with pytest.raises(ValueError, match="a decision needs a reason"):
                server.decide_login(HELD, KioskId("pc-77"), True, "  ", "Sari Dewi")
            server.decide_login(HELD, KioskId("pc-77"), True, "Kursi A2 rusak", "Sari Dewi")
            # a candidate at their own seat, whose PC dies: moved to the spare PC, which
            # waits at C01; the quit code to close the dead PC's exam
            own, _w = await connected(server, lab, "pc-03", seat_of(2))
            await own.send(P.Events(MOVED, 1, tuple(Kiosk(MOVED).into_section())))
            await _eventually(lambda: server.replica.seat_of(MOVED) is not None)
            await connected(server, lab, "pc-09", "C01")
            server.authorize_move(MOVED, KioskId("pc-09"), "Agus Salim", "PC A3 mati")
            with pytest.raises(ValueError, match="reason"):
                server.show_quit_code(MOVED, "Agus Salim", "")
            server.show_quit_code(MOVED, "Agus Salim", "Menutup ujian di PC A3 yang hang")
            server.new_token("Sari Dewi", "Token terlihat peserta sesi berikutnya")
            server.issue_code("Sari Dewi", "PC cadangan C02 didaftarkan")
            server.decide_log(DOUBTED, False, "Bukan peserta yang hadir", "Budi Hartono")
            server.close_session("Sari Dewi", "Semua peserta selesai")
            return room.day_record(UTC), replica.actions(SessionId("S1"))
        finally:
            await server.stop()
            replica.close()

    return run(day())


def _restarted(lab: Lab) -> DayRecord:
    async def again() -> DayRecord:
        room = Room(package(), "S1", wall=lambda: dt.datetime.now() + dt.timedelta(hours=2))
        server, replica = await _serving(lab, room)
        try:
            return room.day_record(UTC)
        finally:
            await server.stop()
            replica.close()

    return run(again())


EXPECTED = {  # kind -> (whose line, the words after the time)
    ActionKind.SESSION_OPENED: (None, "Sesi ujian dibuka oleh Sari Dewi"),
    ActionKind.LOGIN_APPROVED: (HELD, "Login peserta di kursi Z9 (pc-77) yang menunggu "
                                "keputusan pengawas disetujui oleh Sari Dewi; alasan: Kursi "
                                "A2 rusak"),
    ActionKind.MOVE_AUTHORIZED: (MOVED, f"Pemindahan peserta dari kursi {seat_of(2)} ke "
                                 "pc-09 (kursi C01) disetujui oleh Agus Salim; alasan: PC A3 "
                                 "mati"),
    ActionKind.QUIT_CODE_SHOWN: (MOVED, "Kode keluar aplikasi ujian diberikan oleh Agus Salim "
                                 f"untuk PC peserta di kursi {seat_of(2)} (pc-03); alasan: "
                                 "Menutup ujian di PC A3 yang hang"),
    ActionKind.TOKEN_RENEWED: (None, "Token sesi diganti oleh Sari Dewi; alasan: Token "
                               "terlihat peserta sesi berikutnya"),
    ActionKind.ENROLL_CODE: (None, "Kode pendaftaran PC peserta baru dibuat oleh Sari Dewi; "
                             "alasan: PC cadangan C02 didaftarkan"),
    ActionKind.LOG_REJECTED: (DOUBTED, "Log ujian peserta yang dipertanyakan ditolak oleh "
                              "Budi Hartono; alasan: Bukan peserta yang hadir; peserta "
                              "dicatat tidak hadir"),
    ActionKind.SESSION_CLOSED: (None, "Sesi ujian ditutup oleh Sari Dewi; alasan: Semua "
                                "peserta selesai"),
}


def _lines_of(record: DayRecord, who: str | None) -> tuple[str, ...]:
    if who is None:
        return record.room
    return next(c.lines for c in record.candidates if c.participant_no == who)


def test_every_action_is_printed_with_time_name_and_reason_and_survives_a_restart(
        lab: Lab, tmp_path: Path) -> None:
    record, actions = _the_day(lab)
    assert sorted(a.kind for a in actions) == sorted(EXPECTED)
    for action in actions:
        who, words = EXPECTED[action.kind]
        assert f"{jam(action.wall, UTC)} {words}" in _lines_of(record, who), words
    # the restarted server rebuilds the same record, at the same times
    assert _restarted(lab) == record
    if shutil.which("pdftotext"):  # the berita acara's own text
        room = Room(package(), "S1")
        report = replace(from_snapshot(room.snapshot(0), agency="Kementerian Contoh",
                                       record=record), **GOOD)
        pdf = tmp_path / "ba.pdf"
        render_pdf(report, pdf)
        text = pdf_words(pdf)
        for _who, words in EXPECTED.values():
            assert " ".join(words.split()) in text, words
        shots = Path("/tmp/rec-actions-shots")
        shots.mkdir(exist_ok=True)
        look(pdf, "ba-actions", shots)


def test_an_opening_over_a_failing_pc_check_names_the_pcs(lab: Lab) -> None:
    """(The preflight itself is `test_preflight`'s: here, what the record says.)"""
    from exam_bank.preflight import Check, Status

    async def day() -> DayRecord:
        room = Room(package(), "S1")
        server, replica = await _serving(lab, room)
        try:
            pc, _w = await connected(server, lab, "pc-07", "A7")
            await pc.send(P.Preflight("lab1-pc07", "2026-12-07T07:00:00+07:00", "0.1.0", (
                Check("remote_control", Status.FAIL, "AnyDesk berjalan",
                      "AnyDesk is running"),)))
            await _eventually(lambda: bool(server.preflight.failing()))
            server.open_session("AnyDesk dihapus, diperiksa ulang", "Sari Dewi")
            return room.day_record(UTC)
        finally:
            await server.stop()
            replica.close()

    record = run(day())
    assert any(line.endswith("Sesi ujian dibuka walaupun pemeriksaan PC gagal di A7 "
                             "(pc-07) oleh Sari Dewi; alasan: AnyDesk dihapus, diperiksa "
                             "ulang") for line in record.room), record.room


def test_a_move_authorized_before_a_restart_keeps_who_and_why(lab: Lab) -> None:
    """The authorization (name, reason, from-seat, spare PC and its seat, time) is in the
    replica: the server restarted before the spare PC asked still hands it over, and the
    record names who moved the candidate even when the spare PC crashed and its chain
    carries on without the name."""
    from exam_bank.events.model import EventType

    enrolled(lab, "pc-09")
    kiosk = Kiosk(MOVED)

    async def before() -> list[ProctorAction]:
        server, replica = await _serving(lab, Room(package(), "S1"))
        try:
            own, _w = await connected(server, lab, "pc-03", seat_of(2))
            await own.send(P.Events(MOVED, 1, tuple(kiosk.into_section())))
            await own.recv()
            await own.close()
            await connected(server, lab, "pc-09", "C01")
            server.authorize_move(MOVED, KioskId("pc-09"), "Agus Salim", "PC A3 mati")
            return replica.actions(SessionId("S1"))
        finally:
            await server.stop()
            replica.close()

    async def after() -> DayRecord:
        room = Room(package(), "S1")
        server, replica = await _serving(lab, room)
        try:
            spare, _w = await connected(server, lab, "pc-09", "C01")
            await spare.send(P.ReplicaRequest(MOVED))
            while not (chunk := await spare.recv()).final:  # type: ignore[attr-defined]
                pass
            assert isinstance(chunk, P.Replica)
            assert (chunk.moved_by, chunk.move_reason) == ("Agus Salim", "PC A3 mati")
            # the spare PC crashes before it wrote the authorization into the chain; it
            # carries on from its own copy of the log, the name lost
            kiosk.run, kiosk.mono = 2, 0
            resumed = kiosk.do(EventType.SESSION_RESUMED, 60_000, pc="pc-09")
            await spare.send(P.Events(MOVED, resumed.seq, (resumed,)))
            ack = await spare.recv()
            assert isinstance(ack, P.Ack) and ack.seq == resumed.seq, ack
            return room.day_record(UTC)
        finally:
            await server.stop()
            replica.close()

    [move] = run(before())
    assert (move.seat, move.pc, move.to_seat, move.by, move.reason) == (
        seat_of(2), "pc-09", "C01", "Agus Salim", "PC A3 mati")
    lines = _lines_of(run(after()), MOVED)
    assert (f"{jam(move.wall, UTC)} Pemindahan peserta dari kursi {seat_of(2)} ke pc-09 "
            "(kursi C01) disetujui oleh Agus Salim; alasan: PC A3 mati") in lines, lines
