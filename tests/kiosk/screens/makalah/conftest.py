"""A makalah screen showing the sample bank's first makalah, as a candidate would see it."""

from __future__ import annotations

import tomllib
from collections.abc import Callable, Iterator
from dataclasses import replace
from importlib.resources import files

import pytest

from kiosk.screens.makalah import MakalahScreen, MakalahView

ITEM = tomllib.loads((files("exam_bank") / "sample" / "bank" / "items" / "makalah.toml")
                     .read_text("utf-8"))["item"][0]
VIEW = MakalahView(item_id=ITEM["id"], title=ITEM["stem"],
                   prompt=ITEM["makalah"]["instructions"],
                   case_material=ITEM["makalah"]["case_material"],
                   min_words=ITEM["makalah"]["word_min"], max_words=ITEM["makalah"]["word_max"],
                   text="")


@pytest.fixture
def show(qtbot) -> Iterator[Callable[..., MakalahScreen]]:
    """show(text=..., **view fields) -> a shown screen with the editor focused."""
    screens: list[MakalahScreen] = []

    def make(**changes: object) -> MakalahScreen:
        screen = MakalahScreen()
        qtbot.addWidget(screen)
        screen.resize(1366, 768)
        screen.render(replace(VIEW, **changes))  # type: ignore[arg-type]
        screen.show()
        qtbot.waitExposed(screen)
        screen.activateWindow()  # shortcuts reach only the active window
        qtbot.waitUntil(screen.isActiveWindow, timeout=2000)
        screen.editor.setFocus()
        screens.append(screen)
        return screen

    yield make
