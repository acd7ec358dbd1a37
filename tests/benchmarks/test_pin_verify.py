"""`python -m benchmarks pin_verify` keeps the harness contract: the login's PIN check
against argon2-cffi's defaults, same run. Timing is not asserted here (a loaded machine
would fail it); the costs it reports are the ones the PINs are hashed with."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_pin_verify_reports_the_login_check_against_library_defaults() -> None:
    out = subprocess.run([sys.executable, "-m", "benchmarks", "pin_verify"],
                         capture_output=True, text=True, cwd=ROOT, check=False,
                         env=os.environ | {"UJIKOM_BENCH_VERIFIES": "3"})
    assert out.returncode == 0, out.stderr
    report = json.loads(out.stdout)
    assert report["name"] == "pin_verify"
    metrics, baseline = report["metrics"], report["baseline"]
    assert metrics["verifies"] == baseline["verifies"] == 3
    assert (metrics["memory_kib"], metrics["time_cost"], metrics["parallelism"]) == (
        19 * 1024, 2, 1)
    assert baseline["memory_kib"] > metrics["memory_kib"]  # the library's default costs more
    for figures in (metrics, baseline):
        assert 0 < figures["p50_ms"] <= figures["p99_ms"] <= figures["max_ms"]
    assert metrics["target_p99_ms"] == 100 and isinstance(metrics["meets_target"], bool)
    assert set(report["ratio"]) == {"p50_ms", "p99_ms"}
