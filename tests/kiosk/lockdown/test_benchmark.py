"""`python -m benchmarks lockdown_scan` keeps the harness contract (timing not asserted)."""

from __future__ import annotations

from tests.benchmarks.test_kiosk_benchmarks import run_benchmark


def test_lockdown_scan_reports_a_pass_against_a_bare_listing() -> None:
    report = run_benchmark("lockdown_scan", UJIKOM_BENCH_PASSES="5")
    metrics, baseline = report["metrics"], report["baseline"]
    assert metrics["passes"] == baseline["passes"] == 5
    assert metrics["processes"] > 1
    for figures in (metrics, baseline):
        assert 0 < figures["p50_ms"] <= figures["p99_ms"] <= figures["max_ms"]
    assert metrics["first_pass_ms"] > 0 and metrics["process_scan_p50_ms"] > 0
    assert isinstance(metrics["meets_target"], bool)
    assert set(report["ratio"]) == {"p50_ms", "p99_ms"}
