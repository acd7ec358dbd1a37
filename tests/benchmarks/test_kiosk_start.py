"""The kiosk start benchmark keeps the harness contract; timings are not asserted."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.gui
def test_kiosk_start_report_shape() -> None:
    out = subprocess.run([sys.executable, "-m", "benchmarks", "kiosk_start"],
                         capture_output=True, text=True, cwd=ROOT, check=False,
                         env=os.environ | {"UJIKOM_BENCH_STARTS": "1"}, timeout=300)
    assert out.returncode == 0, out.stderr
    report = json.loads(out.stdout)
    assert set(report) == {"name", "metrics", "baseline", "ratio"}
    assert report["name"] == "kiosk_start"
    metrics, baseline = report["metrics"], report["baseline"]
    assert metrics["starts"] == baseline["starts"] == 1
    for figures in (metrics, baseline):
        assert figures["start_to_shown_s"] > 0 and figures["rss_mb"] > 0
    assert metrics["target_s"] == 2.0 and metrics["target_rss_mb"] == 200
    assert isinstance(metrics["meets_target"], bool)
    assert set(report["ratio"]) == {"start_to_shown_s", "rss_mb"}
