"""`python -m benchmarks lockdown_scan` keeps the harness contract (timing not asserted)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]


def test_lockdown_scan_reports_a_pass_against_a_bare_listing() -> None:
    out = subprocess.run([sys.executable, "-m", "benchmarks", "lockdown_scan"],
                         capture_output=True, text=True, cwd=ROOT, check=False,
                         env=os.environ | {"UJIKOM_BENCH_PASSES": "5"})
    assert out.returncode == 0, out.stderr
    report = json.loads(out.stdout)
    assert report["name"] == "lockdown_scan"
    metrics, baseline = report["metrics"], report["baseline"]
    assert metrics["passes"] == baseline["passes"] == 5
    assert metrics["processes"] > 1
    for figures in (metrics, baseline):
        assert 0 < figures["p50_ms"] <= figures["p99_ms"] <= figures["max_ms"]
    assert metrics["first_pass_ms"] > 0 and metrics["process_scan_p50_ms"] > 0
    assert isinstance(metrics["meets_target"], bool)
    assert set(report["ratio"]) == {"p50_ms", "p99_ms"}
