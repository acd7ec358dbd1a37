"""Time-up in the middle of a word: every key the candidate pressed
before the proctor's clock ran out is in the paper; a key after it is not."""

from __future__ import annotations

from pathlib import Path

import pytest

from exam_bank.events import Phase, SubmitReason
from kiosk.engine import FakeClock
from tests.kiosk.engine.kit import MIN
from tests.kiosk.screens.journey_kit import click, make_controller, to_first_item

pytestmark = pytest.mark.gui


def test_keys_of_the_last_tick_reach_the_paper(qtbot, tmp_path: Path) -> None:
    clock = FakeClock()
    ctrl = make_controller(qtbot, tmp_path / "data", clock)
    try:
        to_first_item(qtbot, ctrl)
        for _ in range(2):
            ctrl.on_review()
            click(qtbot, ctrl.review.submit)
            click(qtbot, ctrl.review.yes)
            click(qtbot, ctrl.intro.begin)
        editor = ctrl.makalah.editor
        clock.advance(30 * MIN - 900)
        ctrl.on_tick()  # within the last second: the pending words are flushed
        for char in "Kesimpulan akhir":  # a key every 50 ms, the last at 29:59.95
            clock.advance(50)
            qtbot.keyClicks(editor, char)
        clock.advance(100)  # 30:00.05: the clock has run out, the next tick not yet come
        qtbot.keyClicks(editor, "X")  # a key after time is up: refused
        ctrl.on_tick()
        assert ctrl.session is not None
        state = ctrl.session.state
        assert state.phase == Phase.SUBMITTED
        assert state.submitted["mk"] == SubmitReason.TIME_UP
        assert "Kesimpulan akhir" in state.makalah["m1"]
        assert "X" not in state.makalah["m1"]
        assert not state.problems
    finally:
        ctrl.close()
