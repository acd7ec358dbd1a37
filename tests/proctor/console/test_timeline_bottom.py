"""The detail timeline jumps to its newest line and shows it whole: at 1366x768 in
Indonesian a last line that wraps over several rows was cut in half (the list scrolled
item by item and before the long lines had wrapped)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from exam_bank.events.model import Event, EventType
from tests.proctor.console.conftest import NOW, Make, busy_room
from tests.proctor.console.roomkit import Kiosk, participant

pytestmark = pytest.mark.gui

BY = "Bu Ani Suryani"


def _long_day(kiosk: Kiosk) -> list[Event]:
    events = kiosk.into_section()
    events += [kiosk.do(EventType.ANSWER_SET, 20_000, item=f"q{n}", answer="A")
               for n in range(1, 16)]
    events.append(kiosk.do(EventType.PAUSED, by=BY, note="Listrik padam di seluruh gedung, "
                                                          "menunggu genset menyala kembali"))
    events.append(kiosk.do(EventType.RESUMED, by=BY))
    events.append(kiosk.do(EventType.TIME_EXTENDED, section="tkp", minutes=10, by=BY,
                           note="Ganti waktu listrik padam di seluruh gedung selama sepuluh "
                                "menit"))
    return events


def _last_line_whole(window: Any) -> bool:
    """Inside the list's viewport, and that part of the list inside the side panel's
    (the detail panel scrolls as a whole when it is taller than the screen)."""
    timeline = window.detail.timeline
    last = timeline.visualItemRect(timeline.item(timeline.count() - 1))
    panel = window.detail.parentWidget()  # the side panel's scroll viewport
    top = timeline.viewport().mapTo(panel, last.topLeft())
    bottom = timeline.viewport().mapTo(panel, last.bottomRight())
    return bool(timeline.viewport().rect().contains(last)
                and panel.rect().contains(top) and panel.rect().contains(bottom))


def test_the_newest_timeline_line_is_shown_whole(qtbot: Any, make_window: Make,
                                                 shot_dir: Path) -> None:
    room = busy_room()
    kiosk = Kiosk(participant(0))
    events = _long_day(kiosk)
    room.replicated(participant(0), events[:-1], now_ms=NOW - 2000)
    window = make_window(room)  # the console's Indonesian
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    window.select_seat("A1")
    qtbot.wait(50)  # the list lays its wrapped lines out after the jump
    timeline = window.detail.timeline
    assert timeline.verticalScrollBar().maximum() > 0  # it does scroll: a long day
    assert timeline.item(timeline.count() - 1).text().startswith("08:05:06 Dilanjutkan oleh")
    assert _last_line_whole(window)
    # A new line while the proctor watches: the jump shows it whole too.
    room.replicated(participant(0), events[-1:], now_ms=NOW - 1000)
    window.refresh()
    qtbot.wait(50)
    assert "menambah waktu" in timeline.item(timeline.count() - 1).text()
    window.grab().save(str(shot_dir / "timeline-bottom-1366x768-id.png"))
    assert _last_line_whole(window)
    # Read back up: a refresh with nothing new leaves the proctor where they are.
    timeline.verticalScrollBar().setValue(0)
    window.refresh()
    qtbot.wait(50)
    assert timeline.verticalScrollBar().value() == 0
