"""`python -m benchmarks admin_key_guess` keeps the harness contract: a wrong guess at
admin.p12 against the stock 2,048-round MAC, same run. Timing is not asserted (a loaded
machine would fail it); the rounds it reports are the file's."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from exam_bank.bundle.admin import KDF_ROUNDS

ROOT = Path(__file__).resolve().parents[2]


def test_admin_key_guess_reports_our_guess_against_the_stock_mac() -> None:
    out = subprocess.run([sys.executable, "-m", "benchmarks", "admin_key_guess"],
                         capture_output=True, text=True, cwd=ROOT, check=False,
                         env=os.environ | {"UJIKOM_BENCH_GUESSES": "1"})
    assert out.returncode == 0, out.stderr
    report = json.loads(out.stdout)
    assert report["name"] == "admin_key_guess"
    metrics, baseline = report["metrics"], report["baseline"]
    assert metrics["guesses"] == baseline["guesses"] == 1
    assert (metrics["kdf_rounds"], metrics["mac_rounds"]) == (KDF_ROUNDS, 2 * KDF_ROUNDS)
    assert baseline["mac_rounds"] == 2048
    assert metrics["wrong_guess_s"] > 0 and metrics["derivation_s"] > 0
    assert baseline["wrong_guess_s"] > 0
    assert set(report["ratio"]) == {"wrong_guess_s"}
