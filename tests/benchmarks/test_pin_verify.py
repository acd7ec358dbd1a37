"""`python -m benchmarks pin_verify` keeps the harness contract: the login's PIN check
against argon2-cffi's defaults, same run. Timing is not asserted here (a loaded machine
would fail it); the costs it reports are the ones the PINs are hashed with."""

from __future__ import annotations

from tests.benchmarks.test_kiosk_benchmarks import run_benchmark


def test_pin_verify_reports_the_login_check_against_library_defaults() -> None:
    report = run_benchmark("pin_verify", UJIKOM_BENCH_VERIFIES="3")
    metrics, baseline = report["metrics"], report["baseline"]
    assert metrics["verifies"] == baseline["verifies"] == 3
    assert (metrics["memory_kib"], metrics["time_cost"], metrics["parallelism"]) == (
        19 * 1024, 2, 1)
    assert baseline["memory_kib"] > metrics["memory_kib"]  # the library's default costs more
    for figures in (metrics, baseline):
        assert 0 < figures["p50_ms"] <= figures["p99_ms"] <= figures["max_ms"]
    assert metrics["target_p99_ms"] == 100 and isinstance(metrics["meets_target"], bool)
    assert set(report["ratio"]) == {"p50_ms", "p99_ms"}
