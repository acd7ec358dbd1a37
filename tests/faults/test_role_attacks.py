"""A results bundle signed by any lab key but the seal key is refused (the role attacks in
the standing suite; `tests/exam_bank/bundle/test_roles.py` covers them in depth)."""

from __future__ import annotations

from tests.faults.roleattacks import forged_reseals


def test_forged_reseals_signed_by_kiosk_or_server_keys_are_refused() -> None:
    tally = forged_reseals()
    assert tally.tried >= 2 and tally.accepted == 0 and tally.refused == tally.tried
