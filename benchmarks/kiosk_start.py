"""From starting the kiosk process to its login screen being shown, and its memory then.

A sample package is built once (authority, roster, signed package) in a temporary
folder; then `python -m kiosk --exit-when-ready` runs offscreen, which
prints a marker once the login screen is up and waits until stdin closes, so the RSS is
read (psutil) at that very point. Baseline, same run: a bare PySide6 QLabel hello-world
started and shown the same way. UJIKOM_BENCH_STARTS runs each (default 3; median kept).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from importlib.resources import files
from pathlib import Path

import psutil

from benchmarks import Report

DESCRIPTION = "kiosk process start to login screen shown, and RSS at that point"
TARGET_S = 2.0
TARGET_RSS_MB = 200
MARKER = "UJIKOM-KIOSK-READY"
PASSPHRASE = "bench-exam-key-passphrase"
ROOT = Path(__file__).resolve().parents[1]
BLUEPRINT = "blueprints/selter-jpt-2026.toml"

HELLO = (
    "import sys\n"
    "from PySide6.QtCore import QTimer\n"
    "from PySide6.QtWidgets import QApplication, QLabel\n"
    "app = QApplication([])\n"
    "label = QLabel('Halo'); label.show()\n"
    "def ready():\n"
    f"    print({MARKER!r}, flush=True); sys.stdin.readline(); app.quit()\n"
    "QTimer.singleShot(0, ready)\n"
    "app.exec()\n"
)


def _build(folder: Path) -> list[str]:
    """Builds the sample package; returns the kiosk's arguments to open it."""
    from ujikom.cli import main

    os.environ.setdefault("UJIKOM_AUTHORITY_PASSPHRASE", "bench-authority-passphrase")
    os.environ["UJIKOM_EXAM_KEY_PASSPHRASE"] = PASSPHRASE
    bank = folder / "bank"
    sample = files("exam_bank") / "sample"
    shutil.copytree(str(sample / "bank"), bank)
    steps = [
        ["bank", "authority", "init", str(folder / "authority"), "--name", "Bench"],
        ["bank", "roster", str(sample / "roster"), "--bank", str(bank), "--blueprint",
         str(bank / BLUEPRINT), "--out", str(folder / "exam")],
        ["bank", "build", "--bank", str(bank), "--blueprint", str(bank / BLUEPRINT),
         "--roster", str(folder / "exam" / "roster.json"), "--authority",
         str(folder / "authority"), "--out", str(folder / "exam" / "bench.ujikom")],
    ]
    for argv in steps:
        with contextlib.redirect_stdout(sys.stderr):  # stdout carries only the report
            code = main(argv)
        if code != 0:
            raise SystemExit(f"benchmark setup failed: ujikom {' '.join(argv)}")
    return ["--package", str(folder / "exam" / "bench.ujikom"),
            "--key", str(folder / "exam" / "bench.ujikey"),
            "--trust", str(folder / "authority" / "authority.pub"),
            "--data", str(folder / "data"), "--token", "ABCDEF", "--windowed",
            "--exit-when-ready"]


def _start(argv: list[str]) -> tuple[float, float]:
    """Seconds from spawn to the marker, and the process's RSS in MB at that moment."""
    env = os.environ | {"QT_QPA_PLATFORM": "offscreen"}
    start = time.perf_counter()
    proc = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                            stderr=subprocess.DEVNULL, text=True, env=env, cwd=ROOT)
    try:
        assert proc.stdout is not None and proc.stdin is not None
        for line in proc.stdout:
            if MARKER in line:
                break
        else:
            raise SystemExit(f"{argv[:3]} exited before showing its window")
        elapsed = time.perf_counter() - start
        rss = psutil.Process(proc.pid).memory_info().rss / 2**20
        proc.stdin.close()
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
    return elapsed, rss


def _median_of(argv: list[str], n: int) -> dict[str, float]:
    runs = [_start(argv) for _ in range(n)]
    return {"start_to_shown_s": round(statistics.median(r[0] for r in runs), 3),
            "rss_mb": round(statistics.median(r[1] for r in runs), 1)}


def run() -> Report:
    n = int(os.environ.get("UJIKOM_BENCH_STARTS", "3"))
    with tempfile.TemporaryDirectory() as tmp:
        kiosk_args = _build(Path(tmp))
        ours = _median_of([sys.executable, "-m", "kiosk", *kiosk_args], n)
        base = _median_of([sys.executable, "-c", HELLO], n)
    return Report(
        name="kiosk_start",
        metrics={"starts": n, **ours, "target_s": TARGET_S, "target_rss_mb": TARGET_RSS_MB,
                 "meets_target": ours["start_to_shown_s"] < TARGET_S
                 and ours["rss_mb"] < TARGET_RSS_MB},
        baseline={"approach": "bare PySide6 QApplication + QLabel hello-world, shown the "
                  "same way (offscreen), same run", "starts": n, **base},
        ratio={key: round(ours[key] / base[key], 2) if base[key] else 0.0
               for key in ("start_to_shown_s", "rss_mb")},
    )
