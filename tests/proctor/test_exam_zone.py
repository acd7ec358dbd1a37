"""Every official document of one exam tells time in the exam's own zone: a lab in
Makassar (WITA) whose proctor PC is left on UTC gets a berita acara, a sealing receipt
and candidate reports that print the same wall times, each with "WITA"."""

from __future__ import annotations

import datetime as dt
import hashlib
import time
from collections.abc import Iterator
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from cryptography.hazmat.primitives.asymmetric import rsa

from exam_bank.bundle.certs import Issued, cert_pem, make_admin, make_lab_ca
from exam_bank.bundle.sealed import open_bundle
from exam_bank.events.chain import EventLog
from exam_bank.exam_package import ExamPackage
from exam_bank.record import candidate_record
from exam_bank.reports.candidate_pdf import candidate_pdf
from exam_bank.reports.model import report_from_package
from proctor.replica import Replica
from tests.cli.labkit import build_lab
from tests.exam_bank.reports.conftest import pdf_text
from tests.proctor.conftest import KEY_PASS, Exam
from tests.proctor.kit import PASS, make_lab
from tests.proctor.test_seal import _minutes
from ujikom.cli import main as ujikom

WALL = "2026-12-08T01:00:00+00:00"  # 09.00 WITA, 08.00 WIB, 01.00 on a PC kept in UTC


@pytest.fixture(scope="module")
def makassar(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Exam]:
    """The sample exam, scheduled in Makassar: `[exam] timezone = "Asia/Makassar"`."""
    mp = pytest.MonkeyPatch()
    mp.setenv("UJIKOM_AUTHORITY_PASSPHRASE", "authority-cli-passphrase")
    mp.setenv("UJIKOM_EXAM_KEY_PASSPHRASE", KEY_PASS)
    lab, _pins = build_lab(tmp_path_factory.mktemp("makassar"), zone="Asia/Makassar")
    yield Exam(lab.package, lab.key, Path(lab.trust))
    mp.undo()


@pytest.fixture
def pc_on_utc(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


def _paused_exam(package: ExamPackage, pno: str) -> EventLog:
    """A candidate who signs in, is paused by the proctor and submits, all at WALL."""
    log = EventLog(package.blueprint.exam.id, pno)
    mono = 0

    def do(kind: str, **data: object) -> None:
        nonlocal mono
        mono += 1000
        log.append(kind, data, WALL, mono, 1)

    do("login", participant_no=pno)
    do("identity_confirmed")
    do("rules_acknowledged")
    first = package.forms[pno].sections[0].section_id
    do("section_started", section=first)
    do("paused", note="listrik padam", by="Ani")
    do("resumed", by="Ani")
    do("exam_submitted", reason="candidate")
    return log


def _words(pdf: bytes) -> str:
    return " ".join(pdf_text(pdf).split())


def test_an_exam_in_makassar_prints_wita_on_every_document_of_a_utc_pc(
        tmp_path: Path, makassar: Exam, pc_on_utc: None,
        monkeypatch: pytest.MonkeyPatch) -> None:
    package = makassar.open()
    assert package.blueprint.exam.timezone == "Asia/Makassar"
    exam_id = package.blueprint.exam.id
    lab = make_lab(tmp_path / "lab")
    pno = package.roster.candidates_in("S1")[0].participant_no
    log = _paused_exam(package, pno)
    digest = hashlib.sha256(makassar.package.read_bytes()).hexdigest()
    with Replica.open(lab.replica_path, lab.replica_key, exam_id) as rep:
        rep.session("S1", digest)
        rep.append(pno, log.events)
    _minutes(lab, "S1", exam_id)
    office = make_admin(make_lab_ca("Kantor BKPSDM"), "Admin BKPSDM", key_size=2048)
    (tmp_path / "admin.pem").write_bytes(cert_pem(office.cert))
    monkeypatch.setenv("UJIKOM_PROCTOR_PASSPHRASE", PASS.decode())
    monkeypatch.setenv("UJIKOM_EXAM_KEY_PASSPHRASE", KEY_PASS)
    assert ujikom(["proctor", "seal", "--dir", str(tmp_path / "lab"), "--package",
                   str(makassar.package), "--key", str(makassar.key), "--trust",
                   str(makassar.trust), "--session", "S1", "--admin-cert",
                   str(tmp_path / "admin.pem"), "--out", str(tmp_path / "s1.p7m")]) == 0
    opened = _opened(tmp_path / "s1.p7m", office, lab.ca.cert)
    assert opened.manifest["timezone"] == "Asia/Makassar"  # the bundle says its zone

    minutes = _words(opened.berita_acara)
    assert "mulai pukul 09.00 WITA sampai dengan pukul 09.00 WITA" in minutes
    assert "09.00 Ujian dijeda oleh Ani; alasan: listrik padam" in minutes
    assert "WIB" not in minutes

    receipt = _words((tmp_path / "s1-tanda-terima.pdf").read_bytes())
    sealed = dt.datetime.fromisoformat(opened.manifest["sealed_at"]).astimezone(
        ZoneInfo("Asia/Makassar"))
    assert f"pukul {sealed:%H.%M} WITA" in receipt

    # The office, on its own clock (also UTC here), prints the candidate's report.
    exam, [candidate] = report_from_package(
        package, {pno: {}}, records={pno: candidate_record(log.events)},
        submitted={pno: dt.datetime.fromisoformat(WALL)})
    report = _words(candidate_pdf(exam, candidate, None, 1))
    assert "Waktu (WITA)" in report
    assert "8 Desember 2026 pukul 09.00 WITA" in report  # when the papers were handed in
    assert "09.00 Ujian dijeda oleh Ani; alasan: listrik padam" in report


def _opened(path: Path, office: Issued, ca: object):  # type: ignore[no-untyped-def]
    assert isinstance(office.key, rsa.RSAPrivateKey)
    return open_bundle(path.read_bytes(), office.cert, office.key, [ca])  # type: ignore[list-item]


def test_the_console_reads_the_exams_clock_on_a_utc_pc(pc_on_utc: None) -> None:
    """A candidate signs in at 08.00 WITA: the console shows 08:00:01, late/absent is
    judged against the roster's 08.00 WITA, and the berita acara starts at 08.00 WITA
    (the PC's UTC clock said 00.00)."""
    from dataclasses import replace

    from exam_bank.ids import ParticipantNo
    from proctor.berita_acara import from_snapshot
    from proctor.room import Attendance, Room
    from tests.proctor.console.roomkit import DATE, START, Kiosk, package, participant

    plain = package()
    exam = replace(plain.blueprint.exam, timezone="Asia/Makassar")
    room = Room(replace(plain, blueprint=replace(plain.blueprint, exam=exam)), "S1")
    no = ParticipantNo(participant(0))
    kiosk = Kiosk(no)
    kiosk.wall = dt.datetime.combine(DATE, START, ZoneInfo("Asia/Makassar")).astimezone(dt.UTC)
    room.replicated(no, kiosk.into_section(), now_ms=0)
    # 08.10 WITA: within the 15 minutes, nobody else is absent yet (the UTC clock says
    # 00.10, before the session; a WIB clock would say 07.10).
    snap = room.snapshot(0, dt.datetime.combine(DATE, dt.time(8, 10)))
    assert snap.timezone == "Asia/Makassar"
    [mine] = [a for a in snap.attendance if a.participant_no == no]
    assert mine.status is Attendance.PRESENT and mine.signed_in_at == "08:00:01"
    report = from_snapshot(snap, record=room.day_record())
    assert (report.start, report.timezone) == ("08:00", "Asia/Makassar")
    assert dt.datetime.now(ZoneInfo("Asia/Makassar")).replace(tzinfo=None) - room.now_wall() \
        < dt.timedelta(seconds=5)
