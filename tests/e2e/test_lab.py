"""The lab end to end, each kiosk and the proctor a process of its own on 127.0.0.1."""

from __future__ import annotations

import pytest

from tests.e2e.conftest import Exam, Kiosks, Proctor, kiosk_log_hashes

pytestmark = pytest.mark.slow


def test_three_kiosks_take_the_exam_and_the_proctor_holds_identical_logs(
        exam: Exam, proctor: Proctor, kiosks: Kiosks) -> None:
    candidates = sorted(exam.pins)[:3]
    runs = {no: kiosks.run(f"PC-{i:03}", no) for i, no in enumerate(candidates, 1)}
    for i, (no, lines) in enumerate(runs.items(), 1):
        done = lines.until(lambda line: line["event"] in ("synced", "unsynced", "error"), 90)
        assert done["event"] == "synced", lines.seen[-5:]
        assert done["phase"] == "submitted"
        assert lines.proc.wait(10) == 0
        at_proctor = proctor.log(no)
        assert at_proctor == kiosk_log_hashes(exam, kiosks.root / f"PC-{i:03}", no)
        assert at_proctor[-1] == done["hash"]
    assert not {"chain_fork", "chain_gap", "protocol_error"} & set(
        proctor.incidents())
