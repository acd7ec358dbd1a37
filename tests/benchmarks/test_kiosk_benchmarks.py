"""The kiosk store's benchmarks keep the harness contract: one JSON object with metrics, a
same-run baseline and ratios. Sizes are tiny and timing is not asserted."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]


def run_benchmark(name: str, **env: str) -> dict[str, Any]:
    out = subprocess.run([sys.executable, "-m", "benchmarks", name], capture_output=True,
                         text=True, env=os.environ | env, cwd=ROOT, check=False)
    assert out.returncode == 0, out.stderr
    report = json.loads(out.stdout)
    assert set(report) == {"name", "metrics", "baseline", "ratio"}
    assert report["name"] == name
    return report


def test_listing_names_the_kiosk_benchmarks() -> None:
    out = subprocess.run([sys.executable, "-m", "benchmarks"], capture_output=True, text=True,
                         cwd=ROOT, check=False)
    assert out.returncode == 0, out.stderr
    assert "answer_latency" in out.stdout and "makalah_history" in out.stdout


def test_answer_latency_report_shape() -> None:
    report = run_benchmark("answer_latency", UJIKOM_BENCH_ANSWERS="40")
    metrics, baseline = report["metrics"], report["baseline"]
    assert metrics["answers"] == baseline["answers"] == 40
    for figures in (metrics, baseline):
        assert {"p50_ms", "p99_ms", "max_ms"} <= set(figures)
        assert 0 < figures["p50_ms"] <= figures["p99_ms"] <= figures["max_ms"]
    assert metrics["target_p99_ms"] == 20
    assert isinstance(metrics["meets_target"], bool)
    assert set(report["ratio"]) == {"p50_ms", "p99_ms"}


def test_makalah_history_report_shape() -> None:
    report = run_benchmark("makalah_history", UJIKOM_BENCH_REVISIONS="250")
    metrics, baseline = report["metrics"], report["baseline"]
    assert metrics["revisions"] == baseline["revisions"] == 250
    assert metrics["rebuilds_final_text"] is True
    assert metrics["words"] > 0 and metrics["db_mb"] > 0 and baseline["db_mb"] > 0
    assert metrics["target_mb"] == 10 and metrics["target_lag_p99_ms"] == 1000
    assert isinstance(metrics["meets_target"], bool)
    for figures in (metrics, baseline):
        assert 0 < figures["save_lag_p50_ms"] <= figures["save_lag_p99_ms"]
    assert set(report["ratio"]) == {"db_mb", "save_lag_p99_ms"}
