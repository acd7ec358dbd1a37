"""The kiosk's engine and store under kill -9 and power loss: nothing confirmed is ever
lost (the standing fault suite; `python -m benchmarks faults` runs it longer)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.faults.crashkit import kill_loop, power_loss


@pytest.mark.slow
def test_kill_9_at_random_moments_loses_nothing_confirmed(tmp_path: Path) -> None:
    tally = kill_loop(tmp_path, kills=16)
    assert tally.broken == []
    assert tally.kills == 16 and tally.confirmed > 16
    assert tally.lost == 0


@pytest.mark.slow
def test_copies_taken_at_random_instants_while_writing_hold_every_confirmed_event(
        tmp_path: Path) -> None:
    tally = power_loss(tmp_path, copies=12)
    assert tally.broken == []
    assert tally.copies == 12 and tally.confirmed > 12
    assert tally.lost == 0
