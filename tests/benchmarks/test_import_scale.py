"""The import_scale benchmark's JSON shape, on a tiny run (timing is not asserted)."""

from __future__ import annotations

import json

from tests.benchmarks.test_harness import run_benchmarks


def test_import_scale_reports_both_stores_full_papers_and_a_baseline() -> None:
    out = run_benchmarks("import_scale", UJIKOM_BENCH_CANDIDATES="12",
                         UJIKOM_BENCH_BUNDLE_SIZE="6", UJIKOM_BENCH_MAKALAH_REVISIONS="5",
                         UJIKOM_BENCH_FULL_CANDIDATES="3", UJIKOM_BENCH_FULL_REVISIONS="20")
    assert out.returncode == 0, out.stderr
    report = json.loads(out.stdout)
    metrics = report["metrics"]
    assert report["name"] == "import_scale"
    assert metrics["candidates"] == 12 and metrics["bundles"] == 2
    assert metrics["makalah_revisions"] == 5
    assert metrics["sqlite"]["stored"] == 12 and metrics["sqlite"]["candidates_per_s"] > 0
    assert metrics["postgres"].get("stored") == 12 or "skipped" in metrics["postgres"]
    assert "seal_200" not in metrics  # sealing is seal_room's to measure
    full = metrics["full_makalah"]
    assert full["candidates"] == 3 and full["makalah_revisions_per_log"] == 20
    assert full["pool"]["stored"] == 3 and full["serial"]["stored"] == 3
    assert full["serial"]["workers"] == 1 and full["pool"]["workers"] == full["cores"]
    assert full["pool"]["s_per_candidate"] > 0 and full["serial"]["candidates_per_s"] > 0
    assert full["extrapolation_10000_candidates_pool_h"] > 0
    assert "NOT measured" in full["extrapolation_note"]
    assert report["baseline"]["import_s"] > 0 and "sqlite_import_s" in report["ratio"]
