"""The lab day from a shell, as the README tells it: `proctor serve` runs, kiosks sit the
exam, and the proctor uses `proctor control`, `proctor status`, `proctor berita-acara`
and `proctor seal`, with no console."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any

import pytest

from exam_bank.bundle.certs import cert_pem, make_admin, make_lab_ca
from exam_bank.events import EventType
from tests.e2e.conftest import SESSION, Exam, Kiosks, Proctor
from ujikom.cli import main as ujikom

pytestmark = pytest.mark.slow


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = ujikom(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_a_headless_lab_runs_the_whole_day_from_the_shell(
        exam: Exam, proctor: Proctor, kiosks: Kiosks, tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    state = str(proctor.state)
    lab = ["--dir", state, "--session", SESSION]
    no = sorted(exam.pins)[3]
    seat = exam.package.roster.find(no).seat  # type: ignore[union-attr]
    run = kiosks.run("PC-004", no, pace_ms=60)
    run.until(lambda line: line["event"] == "answered", 90)

    def room() -> dict[str, Any]:
        code, out, err = _run(capsys, "proctor", "status", *lab, "--json")
        assert code == 0, err
        return json.loads(out)

    def seat_view() -> dict[str, Any]:
        return next(s for s in room()["seats"] if s["participant_no"] == no)

    # As on the console, a control needs a reason: refused, nothing sent.
    code, _out, err = _run(capsys, "proctor", "control", *lab, seat, "pause")
    assert code != 0 and "reason: a reason is required" in err
    code, _out, err = _run(capsys, "proctor", "control", *lab, seat, "pause",
                           "--reason", "peserta ke toilet")
    assert code == 0, err
    deadline = time.monotonic() + 30
    while not (seat_view()["paused"] and seat_view()["pending_commands"] == 0):
        assert time.monotonic() < deadline, seat_view()
        time.sleep(0.3)
    assert _run(capsys, "proctor", "control", *lab, no, "resume", "--reason",
                "kembali")[0] == 0
    code, out, err = _run(capsys, "proctor", "control", *lab, "all", "message", "--reason",
                          "pengumuman", "--text", "Sisa waktu 30 menit.")
    assert code == 0, err
    code, out, err = _run(capsys, "proctor", "status", *lab)
    assert code == 0 and seat in out and "token" in out
    # A move goes only to a PC of this lab nobody else works at, as on the console.
    code, _out, err = _run(capsys, "proctor", "control", *lab, seat, "move", "--kiosk",
                           "PC-777", "--reason", "PC mati", "--by", "Sari Dewi")
    assert code != 0 and "'PC-777' is not enrolled in this lab" in err, err
    wrong = _run(capsys, "proctor", "control", "--dir", state, "--session", "S9", seat,
                 "pause", "--reason", "x")
    assert wrong[0] != 0 and "S9" in wrong[2]
    done = run.until(lambda line: line["event"] in ("synced", "unsynced", "error"), 120)
    assert done["event"] == "synced", run.seen[-5:]
    kinds = [e.type for e in proctor.events(no)]
    assert EventType.PAUSED in kinds and EventType.RESUMED in kinds
    assert EventType.MESSAGE in kinds

    exam_args = ["--package", str(exam.package_path), "--key", str(exam.key_path),
                 "--trust", str(exam.trust)]
    code, template, err = _run(capsys, "proctor", "berita-acara", *lab, *exam_args,
                               "--template")
    assert code == 0, err
    assert no in template and "peserta ke toilet" in template  # the record, as comments
    form = tmp_path / "ba.toml"
    filled = (template.replace('agency = ""', 'agency = "BKPSDM Kota Sukamaju"')
              .replace('name = ""', 'name = "Sari Dewi, S.Kom."')
              .replace('nip = ""', 'nip = "198503122010011002"', 3))
    form.write_text(filled, "utf-8")  # the witness's NIP left out
    code, _out, err = _run(capsys, "proctor", "berita-acara", *lab, *exam_args,
                           "--from", str(form))
    assert code != 0 and "witness.nip" in err and "ba.toml:" in err
    form.write_text(filled.replace('nip = ""', 'nip = "197901012005012003"'), "utf-8")
    code, out, err = _run(capsys, "proctor", "berita-acara", *lab, *exam_args,
                          "--from", str(form))
    assert code == 0, err
    pdf = proctor.state / f"berita-acara-{exam.package.blueprint.exam.id}-{SESSION}.pdf"
    assert pdf.read_bytes().startswith(b"%PDF")

    office = make_lab_ca("Kantor BKPSDM")
    (tmp_path / "admin.pem").write_bytes(cert_pem(make_admin(office, "Admin",
                                                              key_size=2048).cert))
    code, out, err = _run(capsys, "proctor", "seal", *lab, *exam_args, "--admin-cert",
                          str(tmp_path / "admin.pem"), "--out", str(tmp_path / "hasil.p7m"))
    assert code == 0, err
    assert (tmp_path / "hasil.p7m").stat().st_size > 0
