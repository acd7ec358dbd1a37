"""`python -m benchmarks admin_key_guess` keeps the harness contract: a wrong guess at
admin.p12 against the stock 2,048-round MAC, same run. Timing is not asserted (a loaded
machine would fail it); the rounds it reports are the file's."""

from __future__ import annotations

from exam_bank.bundle.admin import KDF_ROUNDS
from tests.benchmarks.test_kiosk_benchmarks import run_benchmark


def test_admin_key_guess_reports_our_guess_against_the_stock_mac() -> None:
    report = run_benchmark("admin_key_guess", UJIKOM_BENCH_GUESSES="1")
    metrics, baseline = report["metrics"], report["baseline"]
    assert metrics["guesses"] == baseline["guesses"] == 1
    assert (metrics["kdf_rounds"], metrics["mac_rounds"]) == (KDF_ROUNDS, 2 * KDF_ROUNDS)
    assert baseline["mac_rounds"] == 2048
    assert metrics["wrong_guess_s"] > 0 and metrics["derivation_s"] > 0
    assert baseline["wrong_guess_s"] > 0
    assert set(report["ratio"]) == {"wrong_guess_s"}
