"""The proctor's exit code in the record: the exit with its seat and PC, the wrong codes
counted on one line, the lockout, and the candidate carrying on later, in the Indonesian
both official documents print."""

from __future__ import annotations

import datetime as dt

from exam_bank.events.model import EventType
from exam_bank.record import Fact, candidate_record, lines
from tests.exam_bank.record.test_record import WIB, Day


def incident(day: Day, minute: float, code: str, note: str) -> None:
    """`Day.add` names its event type `kind`, as an incident names its code: so here."""
    wall = (dt.datetime(2026, 12, 8, 1, 0, tzinfo=dt.UTC)
            + dt.timedelta(minutes=minute)).isoformat()
    day.log.append(EventType.INCIDENT, {"kind": code, "note": note}, wall,
                   int(minute * 60_000), 1)


def an_exit_day() -> Day:
    day = Day()
    day.add(EventType.LOGIN, 0, participant_no="P1", pc="PC07")
    day.add(EventType.IDENTITY_CONFIRMED, 1)
    for n in range(1, 6):  # the candidate tries codes at 08:40
        incident(day, 40 + n / 10, "quit_code_refused", f"attempts={n}")
    incident(day, 40.5, "quit_code_lockout", "attempts=5 minutes=5")
    incident(day, 52, "kiosk_exit", "seat=A07 pc=PC07")
    day.add(EventType.SESSION_RESUMED, 70, run=2, mono=100, pc="PC07")
    return day


def test_the_exit_and_the_wrong_codes_are_lines_of_the_record() -> None:
    record = candidate_record(an_exit_day().log.events)
    exit_entry = next(e for e in record.entries if e.kind == "kiosk_exit")
    assert (exit_entry.fact, exit_entry.seat, exit_entry.pc) == (Fact.INCIDENT, "A07", "PC07")
    printed = [str(line) for line in lines(record.entries, tz=WIB)]
    assert printed == [
        "08.40 Kode keluar pengawas yang salah dimasukkan di PC peserta, 5 kali",
        "08.40 Dialog kode keluar pengawas dikunci sementara karena terlalu banyak kode "
        "yang salah",
        "08.52 Aplikasi ujian ditutup dengan kode keluar pengawas di kursi A07 (PC07); "
        "jawaban tersimpan",
        "09.10 Melanjutkan ujian di PC07 setelah aplikasi atau PC dimulai ulang",
    ]
    assert record.down_ms == 18 * 60_000  # the time the kiosk was closed is not charged
