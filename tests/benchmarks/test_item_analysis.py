"""`python -m benchmarks item_analysis` on a small exam: the JSON contract, and the fast
analysis agrees with the naive baseline's correlations. Timing is not asserted here."""

from __future__ import annotations

import json

from tests.benchmarks.test_harness import run_benchmarks


def test_item_analysis_reports_metrics_and_a_matching_baseline() -> None:
    out = run_benchmarks("item_analysis", UJIKOM_BENCH_CANDIDATES="400",
                         UJIKOM_BENCH_ITEMS="20")
    assert out.returncode == 0, out.stderr
    report = json.loads(out.stdout)
    assert report["name"] == "item_analysis"
    metrics = report["metrics"]
    assert (metrics["candidates"], metrics["items"]) == (400, 20)
    assert metrics["max_r_difference"] < 1e-9
    assert metrics["dif_comparisons"] == 20  # gender: one focal group, every item
    assert report["baseline"]["naive_python_s"] > 0
    assert set(report["ratio"]) == {"naive_over_analyse", "naive_over_total"}


def test_makalah_similarity_reports_metrics_and_baseline() -> None:
    out = run_benchmarks("makalah_similarity", UJIKOM_BENCH_PAPERS="30",
                         UJIKOM_BENCH_WORDS="300")
    assert out.returncode == 0, out.stderr
    report = json.loads(out.stdout)
    assert report["metrics"]["papers"] == 30
    assert report["metrics"]["found_planted"] and report["baseline"]["found_planted"]
    assert report["metrics"]["quoting_found"]
