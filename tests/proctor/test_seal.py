"""`ujikom proctor seal`: the room's results from the replica, sealed for the admin."""

from __future__ import annotations

import datetime as dt
import hashlib
import os
from pathlib import Path
from typing import Any

import psutil
import pytest
from cryptography.hazmat.primitives.asymmetric import rsa

from exam_bank.bundle.certs import Issued, cert_pem, make_admin, make_lab_ca
from exam_bank.bundle.sealed import open_bundle
from exam_bank.events.chain import EventLog, encode_event
from exam_bank.events.makalah import revision_data
from exam_bank.exam_package import ExamPackage
from exam_bank.items.model import ItemType
from exam_bank.problems import InputError
from proctor import berita_acara, seal
from proctor.berita_acara import BeritaAcara, Signer
from proctor.lab import Lab
from proctor.prepared import PreparedStore, Preparer
from proctor.replica import Replica
from proctor.seal import SessionSealer
from tests.proctor.conftest import KEY_PASS, Exam
from tests.proctor.kit import PASS, make_lab
from ujikom.cli import main as ujikom

WALL = "2026-12-08T01:00:00+00:00"
PAPER = "# Pendahuluan\n\nPelayanan perizinan harus **cepat** dan terbuka."


def _whole_exam(package: ExamPackage, pno: str) -> EventLog:
    """A candidate who takes every section, writes a makalah and submits."""
    log = EventLog(package.blueprint.exam.id, pno)
    mono = 0

    def do(kind: str, **data: object) -> None:
        nonlocal mono
        mono += 1000
        log.append(kind, data, WALL, mono, 1)

    do("login", participant_no=pno)
    do("identity_confirmed")
    do("rules_acknowledged")
    for section in package.forms[pno].sections:
        do("section_started", section=section.section_id)
        for item_id in section.item_ids:
            if package.items[item_id].type == ItemType.MAKALAH:
                do("makalah_revision", **revision_data(item_id, 1, "", PAPER))
        do("section_submitted", section=section.section_id, reason="candidate")
    do("exam_submitted", reason="candidate")
    return log


def _minutes(lab: Lab, session: str, exam_id: str) -> None:
    signer = Signer("Budi Santoso, S.Kom.", "198503122010011002")
    report = BeritaAcara("Seleksi JPT", "Pemkot Sukamaju", session, "Lab CAT", "Ruang 1",
                         dt.date(2026, 12, 8), "07:30", "13:30", expected=0, present=0,
                         absentees=(), incidents="", proctor1=signer, proctor2=signer,
                         head=signer, witness=signer)
    berita_acara.save_draft(report, berita_acara.draft_file(lab.dir, exam_id, session))


@pytest.fixture
def admin(tmp_path: Path) -> Issued:
    office = make_lab_ca("Kantor BKPSDM")
    issued = make_admin(office, "Admin BKPSDM", key_size=2048)
    (tmp_path / "admin.pem").write_bytes(cert_pem(issued.cert))
    return issued


def _seal(tmp_path: Path, exam: Exam, out: str, monkeypatch: pytest.MonkeyPatch) -> int:
    monkeypatch.setenv("UJIKOM_PROCTOR_PASSPHRASE", PASS.decode())
    monkeypatch.setenv("UJIKOM_EXAM_KEY_PASSPHRASE", KEY_PASS)
    return ujikom(["proctor", "seal", "--dir", str(tmp_path / "lab"), "--package",
                   str(exam.package), "--key", str(exam.key), "--trust", str(exam.trust),
                   "--session", "S1", "--admin-cert", str(tmp_path / "admin.pem"),
                   "--out", str(tmp_path / out)])


def test_a_sealed_session_opens_at_the_office_with_every_log_and_paper(
        tmp_path: Path, exam: Exam, admin: Issued, monkeypatch: pytest.MonkeyPatch) -> None:
    lab = make_lab(tmp_path / "lab")
    package = exam.open()
    people = [c.participant_no for c in package.roster.candidates_in("S1")]
    done, started = people[0], people[1]
    digest = hashlib.sha256(exam.package.read_bytes()).hexdigest()
    with Replica.open(lab.replica_path, lab.replica_key, package.blueprint.exam.id) as rep:
        rep.session("S1", digest)
        rep.append(done, _whole_exam(package, done).events)
        rep.append(started, _whole_exam(package, started).events[:2])
    _minutes(lab, "S1", package.blueprint.exam.id)

    assert _seal(tmp_path, exam, "s1.p7m", monkeypatch) == 0
    assert isinstance(admin.key, rsa.RSAPrivateKey)
    opened = open_bundle((tmp_path / "s1.p7m").read_bytes(), admin.cert, admin.key,
                         [lab.ca.cert])
    assert opened.session == "S1" and opened.sequence == 1 and opened.supersedes is None
    statuses = {p: c.status for p, c in opened.candidates.items()}
    assert statuses[done] == "submitted" and statuses[started] == "incomplete"
    assert {statuses[p] for p in people[2:]} == {"absent"}
    paper = opened.candidates[done]
    assert list(paper.makalah.values()) == [PAPER]
    assert all(pdf.startswith(b"%PDF") for pdf in paper.makalah_pdf.values())
    assert opened.berita_acara.startswith(b"%PDF")
    _the_record_is_in_the_sealed_berita_acara(tmp_path, opened, people)

    # A late candidate finishes: the re-seal supersedes the first, which stays valid.
    with Replica.open(lab.replica_path, lab.replica_key, package.blueprint.exam.id) as rep:
        rep.append(started, _whole_exam(package, started).events[2:])
    assert _seal(tmp_path, exam, "s1-2.p7m", monkeypatch) == 0
    again = open_bundle((tmp_path / "s1-2.p7m").read_bytes(), admin.cert, admin.key,
                        [lab.ca.cert])
    assert again.sequence == 2 and again.supersedes == opened.digest
    assert again.candidates[started].status == "submitted"


def _the_record_is_in_the_sealed_berita_acara(tmp_path: Path, opened: Any,
                                             people: list[str]) -> None:
    """The draft said 0 expected, 0 present: the sealed berita acara says what the logs
    say, and names the digest of the logs sealed with it, which the office recomputes
    from the manifest; the printed receipt names the bundle's own digest."""
    import shutil
    import subprocess

    from exam_bank.bundle.sealed import manifest_logs_digest
    from proctor.berita_acara import grouped_digest

    receipt = tmp_path / "s1-tanda-terima.pdf"
    assert receipt.read_bytes().startswith(b"%PDF")
    if shutil.which("pdftotext") is None:
        return
    pdf = tmp_path / "sealed-ba.pdf"
    pdf.write_bytes(opened.berita_acara)
    text = " ".join(subprocess.run(["pdftotext", str(pdf), "-"], check=True,
                                   capture_output=True, text=True).stdout.split())
    assert f"seharusnya hadir: {len(people)} orang" in text
    assert "Jumlah peserta yang hadir: 2 orang" in text
    assert grouped_digest(manifest_logs_digest(opened.manifest)) in text
    paper = " ".join(subprocess.run(["pdftotext", str(receipt), "-"], check=True,
                                    capture_output=True, text=True).stdout.split())
    assert grouped_digest(opened.digest) in paper
    assert grouped_digest(manifest_logs_digest(opened.manifest)) in paper


def test_sealing_without_a_finished_berita_acara_is_refused(
        tmp_path: Path, exam: Exam, admin: Issued, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    make_lab(tmp_path / "lab")
    assert _seal(tmp_path, exam, "s1.p7m", monkeypatch) == 1
    err = capsys.readouterr().err
    assert "no berita acara yet" in err
    # a headless lab has no console: the message names the command twin too
    assert "ujikom proctor berita-acara" in err and "--template" in err
    assert not (tmp_path / "s1.p7m").exists()


def test_the_sealed_logs_are_the_replicas_stored_lines_byte_for_byte(
        tmp_path: Path, exam: Exam, admin: Issued, monkeypatch: pytest.MonkeyPatch) -> None:
    """Sealing writes each log exactly as the replica stored it (no decode and re-encode),
    and the office reads back the very events the kiosk sent."""
    lab = make_lab(tmp_path / "lab")
    package = exam.open()
    pno = package.roster.candidates_in("S1")[0].participant_no
    events = _whole_exam(package, pno).events
    digest = hashlib.sha256(exam.package.read_bytes()).hexdigest()
    with Replica.open(lab.replica_path, lab.replica_key, package.blueprint.exam.id) as rep:
        rep.session("S1", digest)
        rep.append(pno, events)
        stored = rep.encoded_log(pno)
        assert rep.encoded_log("nobody") == b""
    assert stored == b"".join(encode_event(e) + b"\n" for e in events)
    _minutes(lab, "S1", package.blueprint.exam.id)

    assert _seal(tmp_path, exam, "s1.p7m", monkeypatch) == 0
    opened = open_bundle((tmp_path / "s1.p7m").read_bytes(), admin.cert, admin.key,
                         [lab.ca.cert])
    assert opened.candidates[pno].log == stored
    assert list(opened.candidates[pno].events) == events
    assert list(opened.candidates[pno].makalah.values()) == [PAPER]


def test_final_papers_come_from_the_last_checkpoint_as_the_fold_gives_them() -> None:
    """4 hours of saves: the proctor rebuilds each paper from its last checkpoint and gets
    what the whole fold gets, without decoding every revision."""
    from exam_bank.events.chain import encode_event
    from exam_bank.events.makalah import text_at
    from proctor.prepared import final_papers

    log = EventLog("EX", "P1")
    texts = {"MK1": "", "MK2": ""}
    log.append("login", {"participant_no": "P1"}, WALL, 0, 1)
    for rev in range(1, 520):
        for item in texts:
            old = texts[item]
            texts[item] = old + f" kata{rev}" if rev % 7 else old[: len(old) // 2]
            log.append("makalah_revision", revision_data(item, rev, old, texts[item]), WALL,
                       rev, 1)
    raw = b"".join(encode_event(e) + b"\n" for e in log.events)
    assert final_papers(raw) == texts
    assert texts == {item: text_at(log.events, item) for item in texts}


# -- prepared when they submit -------------------------------------------------------------

def _room(tmp_path: Path, exam: Exam) -> tuple[Lab, ExamPackage, list[str]]:
    """A lab whose replica holds two candidates who submitted with a makalah each."""
    lab = make_lab(tmp_path / "lab")
    package = exam.open()
    people = [c.participant_no for c in package.roster.candidates_in("S1")][:2]
    digest = hashlib.sha256(exam.package.read_bytes()).hexdigest()
    with Replica.open(lab.replica_path, lab.replica_key, package.blueprint.exam.id) as rep:
        rep.session("S1", digest)
        for pno in people:
            rep.append(pno, _whole_exam(package, pno).events)
    _minutes(lab, "S1", package.blueprint.exam.id)
    return lab, package, people


def _prepare_in_background(lab: Lab, package: ExamPackage, people: list[str]) -> None:
    preparer = Preparer(lab.dir, lab.replica_path, lab.replica_key, package)
    try:
        for pno in people:
            preparer.submitted(pno)  # what the server does once it stored the submission
        preparer.wait()
    finally:
        preparer.close()


def test_sealing_takes_the_candidates_the_server_prepared_as_they_submitted(
        tmp_path: Path, exam: Exam, admin: Issued, monkeypatch: pytest.MonkeyPatch) -> None:
    lab, package, people = _room(tmp_path, exam)
    _prepare_in_background(lab, package, people)  # in a worker process
    store = PreparedStore(lab.dir, package.header.exam_id, lab.replica_key)
    pdfs = {}
    for pno in people:
        raw = store.path(pno).read_bytes()
        # Encrypted at rest like the replica: neither the paper nor the log shows.
        assert PAPER.encode() not in raw and pno.encode() not in raw
        with Replica.open(lab.replica_path, lab.replica_key, package.header.exam_id) as rep:
            prepared = store.load(pno, *rep.chain_end(pno))
        assert prepared is not None and prepared.submitted
        pdfs[pno] = prepared.pdfs

    def no_rendering(*_args: object) -> bytes:
        raise AssertionError("sealing rendered a paper the server had prepared")

    monkeypatch.setattr("proctor.prepared.render_pdf", no_rendering)
    assert _seal(tmp_path, exam, "s1.p7m", monkeypatch) == 0
    opened = open_bundle((tmp_path / "s1.p7m").read_bytes(), admin.cert, admin.key,
                         [lab.ca.cert])
    for pno in people:
        assert opened.candidates[pno].status == "submitted"
        assert list(opened.candidates[pno].makalah.values()) == [PAPER]
        assert opened.candidates[pno].makalah_pdf == pdfs[pno]


def test_the_preparer_starts_a_new_worker_when_its_worker_was_killed(
        tmp_path: Path, exam: Exam) -> None:
    lab, package, people = _room(tmp_path, exam)
    first, second = people
    store = PreparedStore(lab.dir, package.header.exam_id, lab.replica_key)
    preparer = Preparer(lab.dir, lab.replica_path, lab.replica_key, package)
    try:
        preparer.submitted(first)
        preparer.wait()
        assert store.path(first).exists()
        # The pool's workers are the fork server's children (not the server or the
        # resource tracker, our own children).
        workers = [p for p in psutil.Process().children(recursive=True)
                   if p.ppid() != os.getpid()]
        assert workers
        for worker in workers:
            worker.kill()  # e.g. the out-of-memory killer
            worker.wait(10)
        preparer.submitted(second)  # never raises into the lab link
        preparer.wait()
        assert store.path(second).exists()  # in a new worker
    finally:
        preparer.close()


def test_a_prepared_file_that_is_out_of_date_or_damaged_is_prepared_again(
        tmp_path: Path, exam: Exam, admin: Issued, monkeypatch: pytest.MonkeyPatch) -> None:
    lab, package, people = _room(tmp_path, exam)
    _prepare_in_background(lab, package, people)
    late, damaged = people
    store = PreparedStore(lab.dir, package.header.exam_id, lab.replica_key)
    with Replica.open(lab.replica_path, lab.replica_key, package.header.exam_id) as rep:
        # An event after the preparation (the proctor's note on the candidate).
        seq, last = rep.chain_end(late)
        note = EventLog(package.header.exam_id, late)
        note.events.extend(rep.events(late))
        note.append("incident", {"kind": "note", "note": "kertas coretan dikumpulkan",
                                 "by": "Budi"}, WALL, 10**6, 1)
        rep.append(late, note.events[-1:])
        assert store.load(late, *rep.chain_end(late)) is None  # not for this chain end
        assert store.load(late, seq, last) is not None
        expected = {pno: rep.encoded_log(pno) for pno in people}
    path = store.path(damaged)
    raw = bytearray(path.read_bytes())
    raw[-40] ^= 0x01
    path.write_bytes(bytes(raw))
    assert PreparedStore(lab.dir, package.header.exam_id, bytes(32)).load(
        late, seq, last) is None  # another key opens nothing

    assert _seal(tmp_path, exam, "s1.p7m", monkeypatch) == 0
    opened = open_bundle((tmp_path / "s1.p7m").read_bytes(), admin.cert, admin.key,
                         [lab.ca.cert])
    for pno in people:
        assert opened.candidates[pno].log == expected[pno]
        assert list(opened.candidates[pno].makalah.values()) == [PAPER]
    assert opened.candidates[late].events[-1].type == "incident"


def test_a_room_nobody_prepared_is_prepared_on_every_core_while_sealing(
        tmp_path: Path, exam: Exam, admin: Issued, monkeypatch: pytest.MonkeyPatch) -> None:
    """The server was killed before it prepared anyone: sealing prepares them in worker
    processes and the bundle is the same as from prepared candidates."""
    lab, package, people = _room(tmp_path, exam)
    monkeypatch.setattr(seal, "POOL_FROM", 2)
    assert _seal(tmp_path, exam, "s1.p7m", monkeypatch) == 0
    opened = open_bundle((tmp_path / "s1.p7m").read_bytes(), admin.cert, admin.key,
                         [lab.ca.cert])
    store = PreparedStore(lab.dir, package.header.exam_id, lab.replica_key)
    for pno in people:
        assert list(opened.candidates[pno].makalah.values()) == [PAPER]
        assert all(pdf.startswith(b"%PDF")
                   for pdf in opened.candidates[pno].makalah_pdf.values())
        assert opened.candidates[pno].makalah_pdf.keys() == opened.candidates[pno].makalah.keys()
        assert store.path(pno).exists()  # kept: sealing again needs no rendering


def test_the_consoles_sealer_seals_for_the_chosen_office_and_lists_its_sealings(
        tmp_path: Path, exam: Exam, admin: Issued) -> None:
    lab, package, people = _room(tmp_path, exam)
    digest = hashlib.sha256(exam.package.read_bytes()).hexdigest()
    sealer = SessionSealer(lab, package, digest, "S1")
    assert sealer.sealings() == []
    sealed = sealer.seal(tmp_path / "admin.pem", tmp_path / "hasil" / "hasil-S1-1.p7m")
    assert sealed.sequence == 1 and sealed.submitted == 2
    assert [s["file"] for s in sealer.sealings()] == [str(sealed.path)]
    opened = open_bundle(sealed.path.read_bytes(), admin.cert, admin.key, [lab.ca.cert])
    assert set(people) <= set(opened.candidates)
    (tmp_path / "not-a-cert.pem").write_text("hello")
    with pytest.raises(InputError, match=r"not-a-cert\.pem"):
        sealer.seal(tmp_path / "not-a-cert.pem", tmp_path / "hasil" / "hasil-S1-2.p7m")
    assert len(sealer.sealings()) == 1
