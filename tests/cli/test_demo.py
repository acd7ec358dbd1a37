"""`ujikom demo` plays the exam day into one folder, as a new user would run it."""

from __future__ import annotations

import csv
import os
from pathlib import Path

import pytest

from tests.cli.labkit import ujikom
from ujikom.demo import MARKER, _fresh_folder


@pytest.mark.slow
def test_demo_plays_the_day_from_package_to_reports(tmp_path: Path, capsys,
                                                    monkeypatch) -> None:
    from ujikom.demo import PASSPHRASE_ENVS

    for name in PASSPHRASE_ENVS:
        monkeypatch.delenv(name, raising=False)
    out = tmp_path / "demo-out"
    assert ujikom("demo", "--out", out) == 0
    printed = capsys.readouterr().out
    # every passphrase of the day printed once, at the end, and none left behind
    ending = printed[printed.index("Passphrases of this run"):]
    assert all(ending.count(f"{name}=") == 1 == printed.count(f"{name}=")
               for name in PASSPHRASE_ENVS)
    assert not [name for name in PASSPHRASE_ENVS if name in os.environ]
    # The console's picture is taken in this process: its window is gone afterwards, so its
    # refresh timer does not go on firing into the tests that follow.
    from PySide6.QtWidgets import QApplication

    from proctor.console.window import ConsoleWindow

    assert not [w for w in QApplication.topLevelWidgets() if isinstance(w, ConsoleWindow)]
    for made in ("exam/SELTER-JPT-SKM-2026.ujikom", "exam/SELTER-JPT-SKM-2026.ujikey",
                 "exam/kartu-peserta.pdf", "exam/roster.json", "bank-qti3.zip",
                 "template-soal.xlsx", "responses.json", "hasil-S1.p7m", "hasil-S1.zip",
                 "admin/admin.pem", "lab/ca.pem", "laporan/peringkat.xlsx",
                 "laporan/9-box.pdf", "laporan/tiga-besar.pdf", "layar-pengawas.png",
                 "analisis/analisis-butir.pdf", "analisis/analisis-butir.xlsx",
                 "analisis/kemiripan.html", "rekaman-asesor/index.html",
                 "rekaman-makalah.png"):
        assert (out / made).is_file(), made
    assert "verified: BKPSDM Kota Sukamaju" in printed
    assert printed.count("JPM") >= 54  # the admin's scoring of all 54 scripted answer sets
    assert "CMS Verification successful" in printed  # stock openssl checked the seal
    with open(out / "laporan" / "peringkat.csv", encoding="utf-8-sig", newline="") as f:
        listed = list(csv.DictReader(f, delimiter=";"))
    ranked = [r for r in listed if r["keterangan"] not in ("Tidak hadir", "Belum diimpor")]
    assert len(ranked) == 4  # the four scripted candidates of session S1 who sat it
    # everyone else is listed unranked: absent from S1, or in S2/S3, not imported
    assert sorted(r["keterangan"] for r in listed if r not in ranked) == (
        ["Belum diimpor"] * 36 + ["Tidak hadir"] * 14)
    assert all(r["makalah"] for r in ranked)  # graded blind by two assessors
    assert "release check done" in printed  # the reports printed last are final
    assert len(list((out / "rekaman").glob("*.html"))) == 1
    papers = sorted((out / "laporan" / "peserta").glob("*.pdf"))
    assert [p.stem for p in papers] == sorted(r["no_peserta"] for r in ranked)
    _the_day_is_in_the_documents(out)


def _the_day_is_in_the_documents(out: Path) -> None:
    """The proctor's actions of the demo's day in the sealed berita acara and
    in the locked candidate's report, with their reasons, in Indonesian."""
    import shutil
    import subprocess
    import zipfile

    if shutil.which("pdftotext") is None:
        return

    def words(pdf: bytes) -> str:
        done = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True,
                              check=True)
        return " ".join(done.stdout.decode().split())

    with zipfile.ZipFile(out / "hasil-S1.zip") as bundle:
        minutes = words(bundle.read("berita-acara.pdf"))
    for fact in ("Ujian dijeda oleh Sari Dewi, S.Kom.; alasan: Peserta izin ke toilet",
                 "Ujian dilanjutkan oleh Sari Dewi", "ditambah 10 menit oleh Agus Prasetyo",
                 "Layar ujian dikunci oleh Sari Dewi, S.Kom.; alasan: Ada HP di meja",
                 "Kunci layar ujian dibuka",
                 "Peserta dipindahkan dari PC04 ke PC05 oleh Sari Dewi, S.Kom.; alasan: PC "
                 "peserta mati, dipindah ke PC cadangan",
                 "Jumlah peserta yang tidak hadir: 14 orang", "Saksi", "Halaman 1 dari"):
        assert fact in minutes, fact
    locked = next(p for p in (out / "laporan" / "peserta").glob("*.pdf")
                  if "Ada HP di meja" in words(p.read_bytes()))
    report = words(locked.read_bytes())
    assert "Tidak ada kejadian" not in report
    # the same moment at the same time in both (the berita acara once said 04.10 on a
    # machine kept in UTC where the report, in WIB, said 11.10)
    import re

    locked_at = re.search(r"(\d\d\.\d\d) Layar ujian dikunci oleh", minutes)
    assert locked_at is not None
    assert re.search(rf"{locked_at[1]}\s+Layar ujian dikunci oleh", report), locked_at[1]
    assert (out / "hasil-S1-tanda-terima.pdf").is_file()


def test_the_demo_replaces_only_a_folder_it_made(tmp_path: Path) -> None:
    own = tmp_path / "demo-out"
    _fresh_folder(own)
    (own / "old-report.pdf").write_text("old")
    _fresh_folder(own)
    assert sorted(p.name for p in own.iterdir()) == [MARKER]
    stranger = tmp_path / "mine"
    stranger.mkdir()
    (stranger / "thesis.docx").write_text("precious")
    with pytest.raises(SystemExit, match="was not made by the demo"):
        ujikom("demo", "--out", stranger)
    assert (stranger / "thesis.docx").read_text() == "precious"


def test_the_demo_leaves_the_callers_passphrases_as_they_were(tmp_path: Path,
                                                              monkeypatch) -> None:
    """The demo's commands read this run's passphrases from the environment; once the demo
    ends (here at its first step, failed) the caller's environment is back: a test that
    played the demo in-process once left the tests after it with the wrong store passphrase."""
    from ujikom.demo import PASSPHRASE_ENVS, run_demo

    monkeypatch.setenv("UJIKOM_STORE_PASSPHRASE", "the caller's own")
    monkeypatch.delenv("UJIKOM_AUTHORITY_PASSPHRASE", raising=False)
    seen: dict[str, str | None] = {}

    def first_step_fails(argv: list[str]) -> int:
        seen.update({name: os.environ.get(name) for name in PASSPHRASE_ENVS})
        return 1

    with pytest.raises(SystemExit, match="demo step failed"):
        run_demo(str(tmp_path / "demo-out"), first_step_fails)
    assert all(seen[name] for name in PASSPHRASE_ENVS)  # the steps had this run's
    assert seen["UJIKOM_STORE_PASSPHRASE"] != "the caller's own"
    assert os.environ["UJIKOM_STORE_PASSPHRASE"] == "the caller's own"
    assert "UJIKOM_AUTHORITY_PASSPHRASE" not in os.environ


def test_the_demo_keeps_the_labs_clock_for_every_document(tmp_path: Path,
                                                          monkeypatch) -> None:
    """The proctor's berita acara and sealing receipt follow the PC's clock, the office's
    reports WIB: on a machine kept in UTC the demo's berita acara said 04.10 for what the
    candidate's report said 11.10. The demo's lab keeps WIB (its PCs and this process) for
    its length, and the caller's zone comes back."""
    import time

    from ujikom.demo import run_demo

    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    seen: dict[str, object] = {}

    def first_step_fails(argv: list[str]) -> int:
        seen["offset"] = time.localtime().tm_gmtoff
        seen["tz"] = os.environ.get("TZ")
        return 1

    try:
        with pytest.raises(SystemExit, match="demo step failed"):
            run_demo(str(tmp_path / "demo-out"), first_step_fails)
        assert seen["offset"] == 7 * 3600  # WIB, in this process …
        assert seen["tz"] is not None  # … and for the proctor and kiosks it starts
        assert time.localtime().tm_gmtoff == 0  # the caller's zone is back
    finally:
        monkeypatch.undo()
        time.tzset()
