"""lab_load keeps the harness contract at a tiny size (3 kiosks, 2 s); timing not asserted."""

from __future__ import annotations

from tests.benchmarks.test_kiosk_benchmarks import run_benchmark


def test_lab_load_report_shape() -> None:
    report = run_benchmark("lab_load", UJIKOM_BENCH_KIOSKS="3", UJIKOM_BENCH_SECONDS="2")
    metrics, baseline = report["metrics"], report["baseline"]
    assert metrics["kiosks"] == 3 and metrics["refused"] == 0
    assert metrics["events_acked"] >= 3  # every kiosk answered at least once
    assert 0 < metrics["latency_p50_ms"] <= metrics["latency_p99_ms"] <= metrics[
        "latency_max_ms"]
    assert metrics["proctor_rss_mb"] > 0 and metrics["proctor_cpu_percent"] >= 0
    assert {"ui_lateness_p99_ms", "ui_lateness_max_ms"} <= set(metrics) & set(baseline)
    assert baseline["events"] >= metrics["events_acked"]
    assert 0 < baseline["latency_p50_ms"] <= baseline["latency_p99_ms"]
    assert set(report["ratio"]) == {"latency_p99", "ui_lateness_max"}
