"""The proctor console's colours meet WCAG AA like the kiosk's:
every text and control-outline pair of its sheet, and every seat status colour."""

from __future__ import annotations

from proctor.console.style import STATUS_LOOK, STYLE
from tests.contrast_kit import NON_TEXT_MIN, TEXT_MIN, contrast, failing, pairs

PAGES = ("#eef1f5", "#ffffff")  # the console's background and a card's


def test_console_sheet_meets_aa() -> None:
    found = pairs(STYLE, PAGES)
    assert len(found) > 20
    assert failing(found) == []


def test_seat_status_colours_meet_aa() -> None:
    for status, (back, text, _symbol) in STATUS_LOOK.items():
        assert contrast(text, back) >= TEXT_MIN, status


def test_progress_shows_against_its_trough() -> None:
    assert contrast("#1565c0", "#eef1f5") >= NON_TEXT_MIN
    assert "QProgressBar::chunk { background: #1565c0" in STYLE
