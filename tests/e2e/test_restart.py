"""The proctor's server killed and restarted: the record of the day is rebuilt from the
replica with the same times. The proctor's actions that are no command to a candidate
(the session opened, an enrollment code, a quit code, a new token, a move) are done
through the real `proctor serve` and `proctor control`; the berita acara's form
(`proctor berita-acara --template`) prints each with its time, name and reason, the same
before and after the restart."""

from __future__ import annotations

import re

import pytest

from tests.e2e.conftest import SESSION, Exam, Kiosks, Proctor
from ujikom.cli import main as ujikom

pytestmark = pytest.mark.slow


def test_the_proctors_actions_are_printed_the_same_after_a_restart(
        exam: Exam, proctor: Proctor, kiosks: Kiosks,
        capsys: pytest.CaptureFixture[str]) -> None:
    lab = ["--dir", str(proctor.state), "--session", SESSION]
    exam_args = ["--package", str(exam.package_path), "--key", str(exam.key_path),
                 "--trust", str(exam.trust)]
    no = sorted(exam.pins)[2]
    seat = exam.package.roster.find(no).seat  # type: ignore[union-attr]
    kiosks.enroll("PC-41")  # an enrollment code, asked by the script (the lab's proctor)

    def control(*argv: str) -> str:
        code = ujikom(["proctor", "control", *lab, *argv])
        out, err = capsys.readouterr()
        assert code == 0, err
        return out

    # a quit code is refused without a reason, as on the console
    assert ujikom(["proctor", "control", *lab, seat, "quit_code"]) != 0
    assert "reason: required" in capsys.readouterr().err
    assert re.search(r"quit_code: \d{8}", control(seat, "quit_code", "--reason",
                                                   "PC hang, ujian ditutup", "--by", "Agus"))
    control("all", "new_token", "--reason", "Token terlihat dari luar", "--by", "Sari Dewi")
    control(seat, "move", "--kiosk", "PC-41", "--reason", "PC mati", "--by", "Sari Dewi")

    def template() -> str:
        code = ujikom(["proctor", "berita-acara", *lab, *exam_args, "--template"])
        out, err = capsys.readouterr()
        assert code == 0, err
        return "\n".join(line for line in out.splitlines() if line.startswith("#"))

    before = template()
    time = r"\d\d\.\d\d"
    for pattern in (
        rf"ruang: {time} Sesi ujian dibuka oleh Bu Sari",
        rf"ruang: {time} Kode pendaftaran PC peserta baru dibuat oleh Bu Sari",
        rf"ruang: {time} Token sesi diganti oleh Sari Dewi; alasan: Token terlihat dari luar",
        rf"- {time} Kode keluar aplikasi ujian diberikan oleh Agus untuk PC peserta di kursi "
        rf"{seat}; alasan: PC hang, ujian ditutup",
        rf"- {time} Pemindahan peserta dari kursi {seat} ke PC-41 disetujui oleh Sari "
        "Dewi; alasan: PC mati",
    ):
        assert re.search(pattern, before), (pattern, before)
    proctor.kill()
    proctor.start()  # the same state folder and port
    assert template() == before
