"""The record keeps its own dates: a console rebuilt on another day (a session run past
midnight, a berita acara finished the next morning) dates every fact by the wall time
stored with it, never by the day the console happens to run."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest

from exam_bank.events.model import EventType
from exam_bank.examzone import exam_zone
from exam_bank.ids import ParticipantNo
from exam_bank.record.actions import ActionKind, ProctorAction
from proctor.berita_acara import from_snapshot, indonesian_date, render_pdf
from proctor.room import Room
from tests.proctor.conftest import KEY_PASS, Exam
from tests.proctor.console.roomkit import DATE, Kiosk, package, participant

NEXT_MORNING = dt.datetime.combine(DATE + dt.timedelta(days=1), dt.time(7, 30))


def _utc(hour: int, minute: int) -> str:
    """Day D at this time of the exam's clock (WIB), as the replica stores a fact's wall
    time (UTC ISO)."""
    local = dt.datetime.combine(DATE, dt.time(hour, minute), exam_zone())
    return local.astimezone(dt.UTC).isoformat(timespec="milliseconds")


def _rebuilt_next_morning() -> Room:
    """The room of day D as a console restarted on D+1 rebuilds it from the replica: the
    candidate's log, a refused PC repeated three times, then a room-level action."""
    room = Room(package(), "S1", wall=lambda: NEXT_MORNING)
    no = ParticipantNo(participant(0))
    kiosk = Kiosk(no)
    room.replicated(no, [*kiosk.into_section(),
                         kiosk.do(EventType.ANSWER_SET, item="q1", answer="A")], now_ms=0)
    room.incident(None, None, "unknown_kiosk", "pc-77", wall=_utc(8, 41))
    room.incident_repeated("unknown_kiosk", "pc-77", 3, _utc(8, 43))
    room.action(ProctorAction(_utc(8, 50), ActionKind.ENROLL_CODE, "Ani",
                              "PC cadangan didaftarkan"))
    return room


def test_a_console_rebuilt_the_next_day_keeps_each_facts_own_time() -> None:
    record = _rebuilt_next_morning().day_record()
    assert record.date == DATE
    # The refusals of 08.41 come before the action of 08.50, as they happened: stamped
    # with the restart's day they would sort after it.
    assert [line.split(" ", 1)[0] for line in record.room] == ["08.41–08.43", "08.50"]
    assert record.room[0].endswith("3 kali")


def test_a_room_left_alone_until_the_next_day_still_prints_its_day() -> None:
    """Nobody signed in and the berita acara is made the next morning: the schedule's day
    and hours, not the morning's."""
    room = Room(package(), "S1", wall=lambda: NEXT_MORNING)
    report = from_snapshot(room.snapshot(0, NEXT_MORNING), record=room.day_record())
    assert (report.date, report.start, report.end) == (DATE, "08:00", "10:00")


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils' "
                    "pdftotext (make test installs it)")
def test_the_berita_acara_pdf_of_a_rebuilt_room_prints_day_d(tmp_path: Path) -> None:
    room = _rebuilt_next_morning()
    report = replace(from_snapshot(room.snapshot(0, NEXT_MORNING), agency="Kota Contoh",
                                   record=room.day_record()))
    pdf = tmp_path / "ba.pdf"
    render_pdf(report, pdf)
    text = " ".join(subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True,
                                   capture_output=True, text=True).stdout.split())
    assert indonesian_date(DATE) in text
    assert indonesian_date(DATE, weekday=False) in text  # the place and date above the signers
    assert indonesian_date(NEXT_MORNING.date(), weekday=False) not in text
    assert text.index("08.41–08.43") < text.index("08.50")


def test_the_headless_template_dates_the_day_by_the_replica_not_the_clock(
        tmp_path: Path, exam: Exam, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    """`proctor berita-acara --template` run on another day than the session's (the logs
    and a refused PC on 8 December 2026): the form prints that day and those times."""
    import hashlib

    from proctor.replica import Replica
    from tests.proctor.kit import PASS, make_lab
    from tests.proctor.test_seal import WALL, _whole_exam
    from ujikom.cli import main as ujikom

    lab = make_lab(tmp_path / "lab")
    package = exam.open()
    pno = sorted(c.participant_no for c in package.roster.candidates_in("S1"))[0]
    digest = hashlib.sha256(exam.package.read_bytes()).hexdigest()
    with Replica.open(lab.replica_path, lab.replica_key, package.blueprint.exam.id) as rep:
        rep.session("S1", digest)
        rep.append(pno, _whole_exam(package, pno).events)
        rep.add_incident(None, None, "tls_refused", "10.0.0.9: no certificate",
                         wall="2026-12-08T00:55:00.000+00:00", session_id="S1")
    monkeypatch.setenv("UJIKOM_PROCTOR_PASSPHRASE", PASS.decode())
    monkeypatch.setenv("UJIKOM_EXAM_KEY_PASSPHRASE", KEY_PASS)
    assert ujikom(["proctor", "berita-acara", "--dir", str(lab.dir), "--session", "S1",
                   "--package", str(exam.package), "--key", str(exam.key), "--trust",
                   str(exam.trust), "--template"]) == 0
    form = capsys.readouterr().out
    day = dt.datetime.fromisoformat(WALL).astimezone().date()
    assert f"# Dari log / from the record: {day.isoformat()}," in form
    assert "#   ruang: " in form and "PC tanpa sertifikat laboratorium" in form
