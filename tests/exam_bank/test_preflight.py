"""A preflight report from a kiosk is untrusted input: each bad field is named."""

from __future__ import annotations

import pytest

from exam_bank.preflight import (
    Check,
    DoctorExit,
    PreflightError,
    Report,
    Status,
    checks_from_json,
    exit_status,
)

GOOD = {"check": "disk", "status": "warn", "detail_id": "Ruang kosong 600 MB",
        "detail_en": "600 MB free"}


def test_a_report_round_trips_and_its_worst_check_decides() -> None:
    checks = (Check("disk", Status.WARN, "a", "b"), Check("vm", Status.PASS, "c", "d"))
    report = Report("pc07", "LAB1-PC07", "A07", "2026-12-07T07:00:00+07:00", "0.1.0", checks)
    data = report.to_json()
    assert data["status"] == "warn"
    assert checks_from_json(data["checks"]) == checks
    assert exit_status(report.status) is DoctorExit.WARN
    assert exit_status(Status.FAIL) == 2


@pytest.mark.parametrize(("bad", "field"), [
    ("nope", "checks"),
    ([GOOD, GOOD], "checks"),
    ([{**GOOD, "status": "ok"}], "checks[0].status"),
    ([{**GOOD, "check": "Disk Space"}], "checks[0].check"),
    ([{**GOOD, "detail_en": "x" * 301}], "checks[0].detail_en"),
    ([{**GOOD, "detail_id": "a\x1b[2Jb"}], "checks[0].detail_id"),
    ([{**GOOD, "extra": 1}], "checks[0].extra"),
    ([GOOD] * 33, "checks"),
])
def test_bad_checks_are_refused_naming_the_field(bad: object, field: str) -> None:
    with pytest.raises(PreflightError) as caught:
        checks_from_json(bad)
    assert caught.value.field == field
