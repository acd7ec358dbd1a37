"""The import_scale benchmark's JSON shape, on a tiny run (timing is not asserted)."""

from __future__ import annotations

import json

from tests.benchmarks.test_harness import run_benchmarks


def test_import_scale_reports_both_stores_sealing_and_a_baseline() -> None:
    out = run_benchmarks("import_scale", UJIKOM_BENCH_CANDIDATES="12",
                         UJIKOM_BENCH_BUNDLE_SIZE="6", UJIKOM_BENCH_MAKALAH_REVISIONS="5",
                         UJIKOM_BENCH_SEAL_REVISIONS="20")
    assert out.returncode == 0, out.stderr
    report = json.loads(out.stdout)
    metrics = report["metrics"]
    assert report["name"] == "import_scale"
    assert metrics["candidates"] == 12 and metrics["bundles"] == 2
    assert metrics["makalah_revisions"] == 5
    assert metrics["sqlite"]["stored"] == 12 and metrics["sqlite"]["candidates_per_s"] > 0
    assert metrics["postgres"].get("stored") == 12 or "skipped" in metrics["postgres"]
    assert metrics["seal_200"]["candidates"] == 200 and metrics["seal_200"]["total_s"] > 0
    assert metrics["seal_200"]["makalah_revisions_per_log"] == 20
    assert report["baseline"]["import_s"] > 0 and "sqlite_import_s" in report["ratio"]
