"""Every colour pair of the kiosk's style sheets meets WCAG AA, in the normal theme and in
high contrast: text 4.5:1, control outlines and focus rings 3:1."""

from __future__ import annotations

from kiosk.screens.makalah.screen import MAKALAH_STYLE
from kiosk.screens.makalah.tabledialog import TABLE_STYLE
from kiosk.screens.style import HIGH_CONTRAST, STYLE
from tests.contrast_kit import contrast, failing, pairs

PAGES = ("#eef1f5", "#ffffff")  # the screen's background and a card's
CONTAINERS = {"#topbar": "#1d2b3a", "#overlay": "#1d2b3a"}
INFORMATIVE = ("#palette", "#hand")  # a forward-only palette; "proctor called"


def test_the_kit_computes_wcag_ratios() -> None:
    assert round(contrast("#ffffff", "#000000"), 1) == 21.0
    assert round(contrast("#f9a825", "#ffffff"), 2) == 1.97  # the old focus ring
    assert round(contrast("#b4bec9", "#ffffff"), 2) == 1.88  # the old input border


def test_normal_theme_meets_aa() -> None:
    found = pairs(STYLE + MAKALAH_STYLE + TABLE_STYLE, PAGES, CONTAINERS, INFORMATIVE,
                  ("#toolSeparator",))
    assert len(found) > 40  # the parser saw the sheets
    assert failing(found) == []


def test_high_contrast_theme_meets_aa() -> None:
    found = pairs(HIGH_CONTRAST, ("#000000",), {}, INFORMATIVE)
    assert len(found) > 20
    assert failing(found) == []


def test_locked_screen_meets_aa() -> None:
    from kiosk.lockdown.locked import STYLE as LOCKED

    found = pairs(LOCKED, ("#10243e",))
    assert found and failing(found) == []
