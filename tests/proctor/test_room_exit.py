"""A kiosk closed with the proctor's exit code: the seat reads "Keluar (kode pengawas)"
(no problem, whatever its PC does after), the wrong codes are in the feed with their count,
and the candidate signing in again ends it."""

from __future__ import annotations

from exam_bank.events.model import EventType
from proctor.room import Room, SeatStatus
from tests.proctor.console.roomkit import Kiosk, package, participant
from tests.proctor.test_room import EARLY


def exited_room() -> tuple[Room, Kiosk]:
    room = Room(package(), "S1")
    k = Kiosk(participant(1))
    room.replicated(participant(1), [
        *k.into_section(),
        k.do(EventType.INCIDENT, kind="quit_code_refused", note="attempts=1"),
        k.do(EventType.INCIDENT, kind="quit_code_refused", note="attempts=2"),
        k.do(EventType.INCIDENT, kind="kiosk_exit", note="seat=A2 pc=pc-02")])
    room.heartbeat("A2", "pc-02", participant(1), 0)
    return room, k


def test_an_exited_seat_says_so_and_is_no_problem_even_when_its_pc_goes_quiet() -> None:
    room, _ = exited_room()
    for now in (1_000, 600_000):  # at once, and long after the PC went off
        seat = room.snapshot(now, EARLY).seat("A2")
        assert seat.status == SeatStatus.EXITED
        assert not seat.problem or seat.incidents == 2  # only the wrong codes count
    assert room.snapshot(600_000, EARLY).seat("A2").incidents == 2
    kinds = [(i.kind, i.evidence) for i in room.snapshot(0, EARLY).incidents]
    assert kinds == [("quit_code_refused", "attempts=1"), ("quit_code_refused", "attempts=2"),
                     ("kiosk_exit", "seat=A2 pc=pc-02")]


def test_signing_in_again_ends_the_exit_and_a_restarted_console_sees_the_same() -> None:
    room, k = exited_room()
    events = list(k.log.events)
    fresh = Room(package(), "S1")  # a console restarted on the replica
    fresh.replicated(participant(1), events)
    assert fresh.snapshot(600_000, EARLY).seat("A2").status == SeatStatus.EXITED
    k.run = 2
    room.replicated(participant(1), [k.do(EventType.SESSION_RESUMED, pc="pc-02")])
    room.heartbeat("A2", "pc-02", participant(1), 10_000)
    assert room.snapshot(11_000, EARLY).seat("A2").status == SeatStatus.ONLINE



def test_the_berita_acara_prints_the_exit_with_the_seat_and_the_wrong_codes(
        tmp_path) -> None:
    from dataclasses import replace

    from proctor.berita_acara import from_snapshot, render_pdf
    from tests.proctor.console.conftest import NOW, WALL
    from tests.proctor.test_berita_acara import GOOD, pdf_words

    room = Room(package(), "S1", wall=lambda: WALL)
    k = Kiosk(participant(1))
    room.replicated(participant(1), [
        *k.into_section(),
        *(k.do(EventType.INCIDENT, kind="quit_code_refused", note=f"attempts={n}")
          for n in (1, 2)),
        k.do(EventType.INCIDENT, kind="kiosk_exit", note="seat=A2 pc=pc-02")],
        now_ms=NOW - 20_000)
    ba = replace(from_snapshot(room.snapshot(NOW, WALL), agency="Kementerian Contoh",
                               record=room.day_record()), **GOOD)
    pdf = tmp_path / "ba.pdf"
    render_pdf(ba, pdf)
    words = pdf_words(pdf)
    assert "Kode keluar pengawas yang salah dimasukkan di PC peserta, 2 kali" in words
    assert ("Aplikasi ujian ditutup dengan kode keluar pengawas di kursi A2 (pc-02); "
            "jawaban tersimpan") in words
