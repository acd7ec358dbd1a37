"""The berita acara: Indonesian dates, filled from the room, NIP and time checks, the
draft file, and the PDF's text (via pdftotext) and pages (as PNG, looked at)."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
from dataclasses import replace
from pathlib import Path

import pytest

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
from tests.proctor.console.conftest import NOW, WALL, busy_room

TODAY = dt.date(2026, 12, 8)
GOOD = {"proctor1": Signer("Ani Suryani, S.Kom.", "198001012005012001"),
        "proctor2": Signer("Budi Hartono", "197905152003121002"),
        "head": Signer("Dr. Citra Dewi", "197512312000032001")}


def report() -> BeritaAcara:
    snap = busy_room().snapshot(NOW, WALL)
    return replace(from_snapshot(snap, agency="Kementerian Contoh"),
                   notes="Listrik padam 10 menit; waktu diperpanjang.", **GOOD)


def test_indonesian_dates() -> None:
    assert indonesian_date(dt.date(2026, 12, 7)) == "Senin, 7 Desember 2026"
    assert indonesian_date(dt.date(2026, 12, 8)) == "Selasa, 8 Desember 2026"
    assert indonesian_date(dt.date(2027, 1, 3), weekday=False) == "3 Januari 2027"


def test_filled_from_the_room() -> None:
    r = report()
    assert (r.exam_title, r.session_id, r.room, r.site) == (
        "Seleksi Terbuka JPT Pratama", "S1", "Lab CAT 2", "Jakarta")
    assert (r.start, r.end) == ("08:00", "10:00")
    assert r.subject == "Karakteristik Pribadi, Manajerial"
    assert (r.expected, r.present, r.absent) == (40, 36, 4)
    assert r.absentees == ("SLT-0006", "SLT-0008", "SLT-0014", "SLT-0031")
    assert "B4 SLT-0012: meninggalkan jendela ujian" in r.incidents
    assert ("D3 SLT-0027: log ditolak: peristiwa berbeda di urutan yang sudah tersimpan — "
            "seq 12 differs from the stored event") in r.incidents
    assert r.problems(TODAY) == []


def test_refresh_takes_counts_again_and_keeps_typing() -> None:
    room = busy_room()
    r = replace(from_snapshot(room.snapshot(NOW, WALL)), notes="catatan", absentees=(),
                present=40)
    again = refreshed(r, room.snapshot(NOW, WALL))
    assert again.absent == 4 and again.present == 36 and again.notes == "catatan"


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
    assert "present" in dict(replace(report(), present=37).problems(TODAY))


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


def test_pdf_reads_like_an_official_report(tmp_path: Path, shot_dir: Path) -> None:
    pdf = tmp_path / "ba.pdf"
    render_pdf(report(), pdf)
    assert pdf.read_bytes().startswith(b"%PDF")
    if shutil.which("pdftotext") is None:  # checked through the flowables instead
        from proctor.berita_acara import story
        text = " ".join(getattr(f, "text", "") for f in story(report()))
    else:
        text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True,
                              capture_output=True, text=True).stdout
    flat = " ".join(text.split())
    for expected in ("KEMENTERIAN CONTOH", "SELEKSI TERBUKA JPT PRATAMA",
                     "BERITA ACARA PELAKSANAAN UJIAN", "Pada hari ini Selasa, 8 Desember 2026",
                     "Lab CAT 2, Jakarta",
                     "(materi: Karakteristik Pribadi, Manajerial) sesi S1",
                     "mulai pukul 08:00 sampai dengan pukul 10:00",
                     "1. Jumlah peserta yang seharusnya hadir: 40 orang",
                     "2. Jumlah peserta yang hadir: 36 orang",
                     "3. Jumlah peserta yang tidak hadir: 4 orang, yaitu nomor peserta: "
                     "SLT-0006, SLT-0008, SLT-0014, SLT-0031",
                     "4. Kejadian selama pelaksanaan ujian", "meninggalkan jendela ujian",
                     "5. Catatan: Listrik padam 10 menit", "Demikian berita acara ini",
                     "Jakarta, 8 Desember 2026", "Pengawas I", "Pengawas II", "Kepala Ruang",
                     "Ani Suryani, S.Kom.", "NIP 19800101 200501 2 001",
                     "NIP 19751231 200003 2 001"):
        assert expected in flat, expected
    if shutil.which("pdftoppm"):
        subprocess.run(["pdftoppm", "-png", "-r", "60", str(pdf), str(shot_dir / "berita")],
                       check=True)
        assert (shot_dir / "berita-1.png").exists()
