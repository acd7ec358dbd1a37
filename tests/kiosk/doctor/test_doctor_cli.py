"""`ujikom doctor` on this machine, as a technician runs it: every check reported, a fake
remote-access program (a copy of `sleep` named like one) caught, the exit status, the
listing in both languages, the one-page PDF, and a bad kiosk.toml named by line."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

CHECKS = {"disk", "write_speed", "clock", "screens", "network", "removable", "vm",
          "remote_access", "fonts", "opengl", "enrollment"}


def doctor(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "ujikom.cli", "doctor", *args],
                          capture_output=True, text=True, timeout=60, cwd=cwd, check=False)


@pytest.fixture(params=["AnyDesk", "rustdesk"])
def remote_program(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    fake = tmp_path / "bin" / request.param
    fake.parent.mkdir()
    shutil.copy(shutil.which("sleep") or "/bin/sleep", fake)
    proc = subprocess.Popen([str(fake), "60"])
    yield request.param
    proc.kill()
    proc.wait()


def test_a_running_remote_access_program_fails_the_preflight(remote_program: str,
                                                             tmp_path: Path) -> None:
    out = doctor("--json", "--data", str(tmp_path / "data"), cwd=tmp_path)
    report = json.loads(out.stdout)
    assert {c["check"] for c in report["checks"]} == CHECKS
    [remote] = [c for c in report["checks"] if c["check"] == "remote_access"]
    assert remote["status"] == "fail"
    assert remote_program in remote["detail_en"]
    assert report["status"] == "fail"
    assert out.returncode == 2
    assert not list((tmp_path / "data").iterdir())  # the write test left nothing behind


def test_listing_in_indonesian_then_english_and_a_one_page_pdf(tmp_path: Path) -> None:
    pdf = tmp_path / "pc07.pdf"
    out = doctor("--data", str(tmp_path), "--pdf", str(pdf), cwd=tmp_path)
    assert "Pemeriksaan PC Ujikom" in out.stdout and "Ruang disk" in out.stdout
    assert out.returncode in (0, 1, 2)
    status = {"LULUS": 0, "PERINGATAN": 1, "GAGAL": 2}[out.stdout.split("Hasil: ")[1].split()[0]]
    assert out.returncode == status
    english = doctor("--lang", "en", "--data", str(tmp_path), cwd=tmp_path)
    assert "Disk space" in english.stdout and "Ruang disk" not in english.stdout
    pages = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True,
                           check=True).stdout
    assert [line.split()[-1] for line in pages.splitlines()
            if line.startswith("Pages:")] == ["1"]
    words = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True,
                           check=True).stdout
    assert "LAPORAN PEMERIKSAAN KOMPUTER UJIAN" in words
    assert "Akses jarak jauh" in words and "Teknisi lab" in words
    assert "Remote access" not in words  # an official paper: Indonesian only


def test_a_bad_kiosk_toml_is_named_and_exits_3(tmp_path: Path) -> None:
    config = tmp_path / "kiosk.toml"
    config.write_text("[lockdown]\nallow_vm = \"yes\"\n")
    out = doctor("--config", str(config), cwd=tmp_path)
    assert out.returncode == 3
    assert f"{config}:2" in out.stderr and "allow_vm" in out.stderr
    assert "Traceback" not in out.stderr
