"""The benchmark contract: `python -m benchmarks` lists, `python -m benchmarks NAME` prints
one JSON object with metrics and a same-run baseline. Timing is not asserted here."""

from __future__ import annotations

import json
import os
import subprocess
import sys


def run_benchmarks(*args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "benchmarks", *args], capture_output=True,
                          text=True, env=os.environ | env, check=False)


def test_listing_names_the_package_build_benchmark() -> None:
    out = run_benchmarks()
    assert out.returncode == 0
    assert "package_build" in out.stdout


def test_package_build_reports_metrics_and_baseline() -> None:
    out = run_benchmarks("package_build", UJIKOM_BENCH_CANDIDATES="60")
    assert out.returncode == 0, out.stderr
    report = json.loads(out.stdout)
    assert report["name"] == "package_build"
    assert report["metrics"]["candidates"] == 60
    assert report["metrics"]["build_s"] > 0 and report["baseline"]["build_s"] > 0
    assert set(report["ratio"]) == {"build_s", "package_bytes"}


def test_unknown_benchmark_is_an_error() -> None:
    out = run_benchmarks("no_such_thing")
    assert out.returncode == 2
    assert "unknown benchmark" in out.stderr
