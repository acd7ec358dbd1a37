"""The Qt kiosk as a lab PC runs it: `ujikom kiosk --config kiosk.toml` gets the exam key
from the proctor, shows the login screen under lockdown, and quits when asked."""

from __future__ import annotations

import subprocess
import sys

from kiosk.app import READY_MARKER
from tests.e2e.conftest import ROOT, Kiosks, _env


def test_the_qt_kiosk_starts_from_the_proctor(kiosks: Kiosks) -> None:
    config = kiosks.configure("PC-GUI")
    env = _env() | {"QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-m", "ujikom.cli", "kiosk", "--config", str(config), "--package",
         str(kiosks.exam.package_path), "--trust", str(kiosks.exam.trust), "--windowed",
         "--exit-when-ready"],
        input="\n", capture_output=True, text=True, env=env, cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stdout + done.stderr
    assert READY_MARKER in done.stdout
    assert "Traceback" not in done.stderr
