"""A log the room did not vouch for blocks sealing until the proctor decides:
a complete log for a candidate the berita acara marks absent (what one enrolled
kiosk could fabricate), or a log from a seat off the seat plan nobody approved."""

from __future__ import annotations

import datetime as dt
import hashlib
import shutil
from pathlib import Path

import pytest
from cryptography.hazmat.primitives.asymmetric import rsa

from exam_bank.bundle.certs import Issued, cert_pem, make_admin, make_lab_ca
from exam_bank.bundle.sealed import open_bundle
from exam_bank.exam_package import ExamPackage
from exam_bank.ids import ParticipantNo
from proctor import berita_acara
from proctor.berita_acara import BeritaAcara, Signer
from proctor.day_record import Person
from proctor.lab import Lab
from proctor.replica import Replica
from tests.attacks.seats import fabricated_log
from tests.proctor.conftest import KEY_PASS, Exam
from tests.proctor.kit import PASS, make_lab
from tests.proctor.test_berita_acara import pdf_words
from tests.proctor.test_seal import WALL, _whole_exam
from ujikom.cli import main as ujikom


@pytest.fixture
def admin(tmp_path: Path) -> Issued:
    issued = make_admin(make_lab_ca("Kantor BKPSDM"), "Admin BKPSDM", key_size=2048)
    (tmp_path / "admin.pem").write_bytes(cert_pem(issued.cert))
    return issued


def _minutes(lab: Lab, exam_id: str, expected: int,
             absentees: tuple[ParticipantNo, ...]) -> None:
    """The proctor's draft: who they marked absent (names and seats are filled in from the
    record when sealing)."""
    signer = Signer("Budi Santoso, S.Kom.", "198503122010011002")
    report = BeritaAcara("Seleksi JPT", "Pemkot Sukamaju", "S1", "Lab CAT", "Ruang 1",
                         dt.date(2026, 12, 8), "07:30", "13:30", expected=expected,
                         present=expected - len(absentees),
                         absentees=tuple(Person(p, "", "") for p in absentees),
                         incidents="", proctor1=signer, proctor2=signer, head=signer,
                         witness=signer)
    berita_acara.save_draft(report, berita_acara.draft_file(lab.dir, exam_id, "S1"))


def _cli(tmp_path: Path, exam: Exam, *args: str) -> int:
    return ujikom(["proctor", *args, "--dir", str(tmp_path / "lab"), "--package",
                   str(exam.package), "--key", str(exam.key), "--trust", str(exam.trust),
                   "--session", "S1"])


def _seal(tmp_path: Path, exam: Exam, out: str) -> int:
    return _cli(tmp_path, exam, "seal", "--admin-cert", str(tmp_path / "admin.pem"),
                "--out", str(tmp_path / out))


def _room(tmp_path: Path, exam: Exam) -> tuple[Lab, ExamPackage, str, str]:
    """A lab whose replica holds one genuine candidate's log and a fabricated complete log
    for another, whom the berita acara marks absent."""
    lab = make_lab(tmp_path / "lab")
    package = exam.open()
    people = [c.participant_no for c in package.roster.candidates_in("S1")]
    real, ghost = people[0], people[1]
    digest = hashlib.sha256(exam.package.read_bytes()).hexdigest()
    with Replica.open(lab.replica_path, lab.replica_key, package.blueprint.exam.id) as rep:
        rep.session("S1", digest)
        rep.append(real, _whole_exam(package, real).events)
        rep.claim(real, "PC01", package.roster.candidate(real).seat)
        rep.append(ghost, fabricated_log(package.blueprint.exam.id, ghost, wall=WALL))
        rep.claim(ghost, "PC66", "Z9")
    # the proctor saw nobody but `real`
    _minutes(lab, package.blueprint.exam.id, len(people), tuple(people[1:]))
    return lab, package, real, ghost


def test_a_fabricated_log_for_an_absent_candidate_blocks_sealing(
        tmp_path: Path, exam: Exam, admin: Issued, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("UJIKOM_PROCTOR_PASSPHRASE", PASS.decode())
    monkeypatch.setenv("UJIKOM_EXAM_KEY_PASSPHRASE", KEY_PASS)
    lab, _pkg, real, ghost = _room(tmp_path, exam)
    assert _seal(tmp_path, exam, "s1.p7m") == 1
    err = capsys.readouterr().err
    assert ghost in err and "absent" in err and "PC66" in err and "proctor decide" in err
    assert real not in err
    assert not (tmp_path / "s1.p7m").exists()

    # The proctor rejects it: sealed with the candidate absent, the decision on record.
    assert _cli(tmp_path, exam, "decide", "--participant", ghost, "--reject", "--reason",
                "peserta tidak hadir; log dari PC66 tidak sah", "--by", "Budi") == 0
    assert _seal(tmp_path, exam, "s1.p7m") == 0
    assert isinstance(admin.key, rsa.RSAPrivateKey)
    opened = open_bundle((tmp_path / "s1.p7m").read_bytes(), admin.cert, admin.key,
                         [lab.ca.cert])
    assert opened.candidates[ghost].status == "absent"
    assert opened.candidates[ghost].events == ()
    assert opened.candidates[real].status == "submitted"
    decided = [i for i in opened.incidents if i["kind"] == "log_rejected"]
    assert decided and decided[0]["participant_no"] == ghost
    assert decided[0]["pc"] == "PC66" and decided[0]["by"] == "Budi"
    if shutil.which("pdftotext"):  # the sealed berita acara names who decided and why
        pdf = tmp_path / "ba.pdf"
        pdf.write_bytes(opened.berita_acara)
        assert ("Log ujian peserta yang dipertanyakan ditolak oleh Budi; alasan: peserta "
                "tidak hadir; log dari PC66 tidak sah; peserta dicatat tidak hadir"
                in pdf_words(pdf))


def test_a_log_the_proctor_accepts_is_sealed_with_the_reason(
        tmp_path: Path, exam: Exam, admin: Issued, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("UJIKOM_PROCTOR_PASSPHRASE", PASS.decode())
    monkeypatch.setenv("UJIKOM_EXAM_KEY_PASSPHRASE", KEY_PASS)
    lab, _pkg, _real, ghost = _room(tmp_path, exam)
    with pytest.raises(SystemExit) as no_reason:
        _cli(tmp_path, exam, "decide", "--participant", ghost, "--accept")
    assert no_reason.value.code == 2
    assert _cli(tmp_path, exam, "decide", "--participant", ghost, "--accept", "--reason",
                "datang terlambat, duduk di PC cadangan; salah tulis di berita acara",
                "--by", "Budi") == 0
    assert _seal(tmp_path, exam, "s1.p7m") == 0
    assert isinstance(admin.key, rsa.RSAPrivateKey)
    opened = open_bundle((tmp_path / "s1.p7m").read_bytes(), admin.cert, admin.key,
                         [lab.ca.cert])
    assert opened.candidates[ghost].status == "submitted"
    accepted = [i for i in opened.incidents if i["kind"] == "log_accepted"]
    assert accepted and "terlambat" in accepted[0]["reason"]


def test_a_log_from_an_unapproved_seat_off_the_plan_blocks_sealing(
        tmp_path: Path, exam: Exam, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.setenv("UJIKOM_PROCTOR_PASSPHRASE", PASS.decode())
    monkeypatch.setenv("UJIKOM_EXAM_KEY_PASSPHRASE", KEY_PASS)
    lab, package, real, ghost = _room(tmp_path, exam)
    # nobody marked absent; the ghost's seat Z9 is still off the plan
    _minutes(lab, package.blueprint.exam.id, len(package.roster.candidates_in("S1")), ())
    (tmp_path / "admin.pem").write_bytes(cert_pem(
        make_admin(make_lab_ca("K"), "A", key_size=2048).cert))
    assert _seal(tmp_path, exam, "s1.p7m") == 1
    err = capsys.readouterr().err
    planned = package.roster.candidate(ghost).seat
    assert ghost in err and "Z9" in err and planned in err
    assert real not in err
