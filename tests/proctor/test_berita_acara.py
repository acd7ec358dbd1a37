"""The berita acara: Indonesian dates, filled from the room, NIP and time checks, the
draft file, and the PDF's text (via pdftotext) and pages (as PNG, looked at)."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest

from exam_bank.events.model import EventType
from exam_bank.problems import InputError
from proctor.berita_acara import (
    BeritaAcara,
    Signer,
    from_snapshot,
    indonesian_date,
    load_draft,
    refreshed,
    render_pdf,
    save_draft,
)
from proctor.room import Attendance, Room
from tests.proctor.console.conftest import NOW, WALL, busy_room
from tests.proctor.console.roomkit import Kiosk, package, participant

TODAY = dt.date(2026, 12, 8)
GOOD = {"proctor1": Signer("Ani Suryani, S.Kom.", "198001012005012001"),
        "proctor2": Signer("Budi Hartono", "197905152003121002"),
        "head": Signer("Dr. Citra Dewi", "197512312000032001"),
        "witness": Signer("Drs. Dedi Kurnia", "196804171990031004")}


def report() -> BeritaAcara:
    room = busy_room()
    return replace(from_snapshot(room.snapshot(NOW, WALL), agency="Kementerian Contoh",
                                 record=room.day_record()),
                   notes="Listrik padam 10 menit; waktu diperpanjang.", **GOOD)


def test_indonesian_dates() -> None:
    assert indonesian_date(dt.date(2026, 12, 7)) == "Senin, 7 Desember 2026"
    assert indonesian_date(dt.date(2026, 12, 8)) == "Selasa, 8 Desember 2026"
    assert indonesian_date(dt.date(2027, 1, 3), weekday=False) == "3 Januari 2027"


def test_filled_from_the_room() -> None:
    r = report()
    assert (r.exam_title, r.session_id, r.room, r.site) == (
        "Seleksi Terbuka JPT Pratama", "S1", "Lab CAT 2", "Jakarta")
    assert (r.start, r.end) == ("08:00", "08:05")  # first sign-in, last event: the record
    assert (r.schedule_start, r.schedule_end) == ("08:00", "10:00")
    assert not r.off_schedule
    assert r.subject == "Karakteristik Pribadi, Manajerial"
    assert (r.expected, r.present, r.absent) == (40, 37, 3)
    assert [(a.participant_no, a.name) for a in r.absentees] == [
        ("SLT-0006", "Nur Aini 6"), ("SLT-0014", "Dewi Lestari 14"),
        ("SLT-0031", "Ahmad Fauzi 31")]
    facts = {c.participant_no: c for c in r.candidates}
    assert facts["SLT-0012"].lines[0].endswith("Peserta meninggalkan jendela ujian")
    assert facts["SLT-0010"].lines[0].endswith(
        "Layar ujian dikunci oleh Bu Ani; alasan: HP di meja")
    assert facts["SLT-0027"].lines[-1].endswith(
        "Data log ditolak karena berbeda dengan yang sudah tersimpan")
    assert len(r.logs_digest) == 64
    assert r.incidents == ""
    assert r.problems(TODAY) == []


def test_refresh_takes_counts_again_and_keeps_typing() -> None:
    room = busy_room()
    r = replace(from_snapshot(room.snapshot(NOW, WALL)), notes="catatan", absentees=(),
                present=40)
    again = refreshed(r, room.snapshot(NOW, WALL), room.day_record())
    assert again.absent == 3 and again.present == 37 and again.notes == "catatan"


def test_every_signer_needs_a_name_and_a_valid_nip() -> None:
    r = replace(report(), proctor1=Signer("", "198001012005012001"),
                proctor2=Signer("Budi", "19790515200312100"),  # 17 digits
                head=Signer("Citra", "197512312000033001"))  # gender digit 3
    fields = dict(r.problems(TODAY))
    assert fields.keys() == {"proctor1.name", "proctor2.nip", "head.nip"}
    assert "17 digits" in fields["proctor2.nip"] and "gender" in fields["head.nip"]
    assert dict(replace(r, **{**GOOD, "head": Signer("Citra", "")}).problems(TODAY)) == {
        "head.nip": "required"}


def test_times_and_counts_are_checked() -> None:
    fields = dict(replace(report(), start="8.00", end="10:00").problems(TODAY))
    assert fields == {"start": "must be a time HH:MM"}
    assert dict(replace(report(), end="07:30").problems(TODAY)) == {
        "end": "is before the start"}
    assert "present" in dict(replace(report(), present=38).problems(TODAY))
    assert dict(replace(report(), agency=" ").problems(TODAY)) == {"agency": "required"}
    assert dict(replace(report(), witness=Signer()).problems(TODAY)) == {
        "witness.name": "required", "witness.nip": "required"}


def test_draft_round_trip_and_a_damaged_draft(tmp_path: Path) -> None:
    path = tmp_path / "draft.json"
    assert load_draft(path) is None
    save_draft(report(), path)
    assert load_draft(path) == report()
    path.write_text('{"format": 1, "berita_acara": {"exam_title": 5}}')
    with pytest.raises(InputError) as caught:
        load_draft(path)
    assert str(path) in str(caught.value)
    path.write_text("{not json")
    with pytest.raises(InputError, match="not valid JSON"):
        load_draft(path)


def pdf_words(pdf: Path) -> str:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout
    return " ".join(text.split())


def look(pdf: Path, name: str, shots: Path) -> None:
    """Pages as pictures, to be looked at."""
    if shutil.which("pdftoppm"):
        subprocess.run(["pdftoppm", "-png", "-r", "60", str(pdf), str(shots / name)],
                       check=True)
        assert (shots / f"{name}-1.png").exists()


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils' "
                    "pdftotext (make test installs it)")
def test_pdf_reads_like_an_official_report(tmp_path: Path, shot_dir: Path) -> None:
    pdf = tmp_path / "ba.pdf"
    render_pdf(report(), pdf)
    flat = pdf_words(pdf)
    for expected in ("KEMENTERIAN CONTOH", "SELEKSI TERBUKA JPT PRATAMA",
                     "BERITA ACARA PELAKSANAAN UJIAN", "Pada hari ini Selasa, 8 Desember 2026",
                     "Lab CAT 2, Jakarta",
                     "(materi: Karakteristik Pribadi, Manajerial) sesi S1",
                     "mulai pukul 08.00 WIB sampai dengan pukul 08.05 WIB (menurut catatan",
                     "1. Jumlah peserta yang seharusnya hadir: 40 orang",
                     "2. Jumlah peserta yang hadir: 37 orang",
                     "3. Jumlah peserta yang tidak hadir: 3 orang, yaitu:",
                     "SLT-0006 Nur Aini 6", "SLT-0031 Ahmad Fauzi 31",
                     "4. Tindakan pengawas dan kejadian per peserta (dari log ujian dan "
                     "catatan pengawas; waktu dalam WIB):",
                     "SLT-0012", "Peserta meninggalkan jendela ujian",
                     "Layar ujian dikunci oleh Bu Ani; alasan: HP di meja",
                     "Ujian dijeda oleh Bu Ani; alasan: listrik padam",
                     "Jawaban dikumpulkan paksa oleh Bu Ani",
                     "Data log ditolak karena berbeda dengan yang sudah tersimpan",
                     "Catatan: Listrik padam 10 menit", "Sidik (SHA-256) log ujian",
                     report().logs_digest[:8], "Demikian berita acara ini",
                     "Jakarta, 8 Desember 2026", "Pengawas I", "Pengawas II", "Kepala Ruang",
                     "Saksi", "Drs. Dedi Kurnia", "NIP 19680417 199003 1 004",
                     "Ani Suryani, S.Kom.", "NIP 19800101 200501 2 001",
                     "NIP 19751231 200003 2 001", "Halaman 1 dari"):
        assert expected in flat, expected
    # no system text in an official document
    for leak in ("recorded", "seq 12", "differs from", "chain_fork", "identity", "kiosk"):
        assert leak not in flat, leak
    pages = int(flat.split("Halaman 1 dari ")[1].split()[0])
    assert f"Halaman {pages} dari {pages}" in flat
    look(pdf, "berita", shot_dir)


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
def test_repeats_are_counted_and_a_session_off_its_date_is_flagged(tmp_path: Path,
                                                                   shot_dir: Path) -> None:
    from exam_bank.events.model import EventType
    from tests.proctor.console.roomkit import Kiosk, participant

    room = busy_room()
    kiosk = Kiosk(participant(0))
    events = kiosk.into_section()
    events += [kiosk.do(EventType.PASTE_REFUSED, 1500, item="q1", chars=5) for _ in range(20)]
    room.replicated(participant(0), events)
    for _ in range(3):
        room.incident(None, None, "tls_refused", "peer 10.0.0.9: ssl.SSLError [SSL: ...]")
    r = replace(from_snapshot(room.snapshot(NOW, WALL), agency="Kementerian Contoh",
                              record=room.day_record()), **GOOD)
    moved = replace(r, schedule_date=dt.date(2026, 12, 7))
    pdf = tmp_path / "ba.pdf"
    render_pdf(moved, pdf)
    flat = pdf_words(pdf)
    assert "Peserta mencoba menempelkan teks (ditolak), 20 kali" in flat
    assert flat.count("menempelkan teks") == 1
    assert "PC tanpa sertifikat laboratorium mencoba terhubung, 3 kali" in flat
    assert "SSLError" not in flat and "peer" not in flat
    assert ("Perhatian: jadwal sesi ini adalah Senin, 7 Desember 2026 pukul 08.00–10.00 WIB; "
            "sesi dilaksanakan di luar jadwal tersebut.") in flat
    # the right day, a later start: nothing is off schedule, the schedule is shown beside
    late = replace(r, start="08:12")
    assert not late.off_schedule
    render_pdf(late, pdf)
    flat = pdf_words(pdf)
    assert "Perhatian" not in flat and "di luar jadwal" not in flat
    assert "mulai pukul 08.12 WIB" in flat and "Jadwal sesi ini: pukul 08.00–10.00 WIB." in flat
    look(pdf, "berita-repeats", shot_dir)


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
def test_a_long_day_runs_over_pages_each_candidate_kept_together(tmp_path: Path) -> None:
    """Many candidates with many facts: pages break between candidates (a block that
    could not be kept together inside a list once stopped the PDF, and the sealing)."""
    from proctor.berita_acara import pdf_bytes
    from proctor.day_record import CandidateFacts

    facts = tuple(CandidateFacts(f"SLT-{n:04d}", f"Peserta {n}", f"A{n}",
                                 tuple(f"08.{k:02d} Peserta meninggalkan jendela ujian"
                                       for k in range(12)), "Waktu terhenti 3 menit")
                  for n in range(12))
    pdf = tmp_path / "long.pdf"
    pdf.write_bytes(pdf_bytes(replace(report(), candidates=facts)))
    text = pdf_words(pdf)
    assert "Halaman 3 dari" in text and "SLT-0011" in text


@pytest.mark.skipif(shutil.which("pdftotext") is None, reason="needs poppler-utils")
def test_a_move_prints_who_authorized_it_and_why(tmp_path: Path) -> None:
    """The spare PC writes the proctor's authorization into the chain (`session_resumed`
    with `by` and `note`): the berita acara names them."""
    room = Room(package(), "S1", wall=lambda: WALL)
    no = participant(3)
    kiosk = Kiosk(no)
    events = [kiosk.do(EventType.LOGIN, participant_no=no, pc="PC04"),
              kiosk.do(EventType.IDENTITY_CONFIRMED)]
    kiosk.run, kiosk.mono = 2, 0
    events.append(kiosk.do(EventType.SESSION_RESUMED, 60_000, pc="PC05",
                           by="Sari Dewi, S.Kom.", note="PC mati"))
    room.replicated(no, events, now_ms=NOW - 20_000)
    ba = replace(from_snapshot(room.snapshot(NOW, WALL), agency="Kementerian Contoh",
                               record=room.day_record()), **GOOD)
    pdf = tmp_path / "ba.pdf"
    render_pdf(ba, pdf)
    assert ("Peserta dipindahkan dari PC04 ke PC05 oleh Sari Dewi, S.Kom.; alasan: PC mati"
            in pdf_words(pdf))


def test_the_console_and_the_berita_acara_count_the_same_people_present() -> None:
    """One rule: present = signed in at a kiosk, verified by their log. A8 signed in and
    has not confirmed their identity: present on the console as in the berita acara."""
    room = busy_room()
    snap = room.snapshot(NOW, WALL)
    record = room.day_record()
    console_absent = {a.participant_no for a in snap.attendance
                      if a.status == Attendance.ABSENT}
    assert console_absent == {p.participant_no for p in record.absentees}
    assert participant(7) not in console_absent
    assert record.present == 37 == sum(a.status in (Attendance.PRESENT, Attendance.LATE)
                                       for a in snap.attendance)
