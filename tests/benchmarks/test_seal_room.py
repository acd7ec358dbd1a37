"""The seal_room benchmark's JSON shape, on a tiny room (timing is not asserted)."""

from __future__ import annotations

import json

from tests.benchmarks.test_harness import run_benchmarks


def test_seal_room_seals_a_prepared_and_an_unprepared_room_against_a_baseline() -> None:
    out = run_benchmarks("seal_room", UJIKOM_BENCH_SEAL_CANDIDATES="4",
                         UJIKOM_BENCH_SEAL_REVISIONS="30")
    assert out.returncode == 0, out.stderr
    report = json.loads(out.stdout)
    metrics = report["metrics"]
    assert report["name"] == "seal_room"
    assert metrics["candidates"] == 4 and metrics["makalah_revisions_per_log"] == 30
    assert metrics["submitted"] == 4 and metrics["unprepared_submitted"] == 4
    assert metrics["seal_s"] > 0 and metrics["seal_unprepared_s"] > 0
    assert metrics["target_s"] == 10 and metrics["prepare_one_s"] > 0
    assert report["baseline"]["seal_s"] > 0 and "seal_s" in report["ratio"]
