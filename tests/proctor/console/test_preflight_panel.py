"""The console's PC-check tab: every seat's preflight at a glance, and the session opened
over a failing seat only with a reason the proctor types (then sent to the server)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from exam_bank.preflight import Check, Status
from exam_bank.wire.protocol import Preflight
from proctor.console.translations import Translations
from proctor.preflight import PreflightBoard, PreflightRefused, PreflightSummary, SeatPreflight
from tests.proctor.console.conftest import Make

pytestmark = pytest.mark.gui

ANYDESK = Check("remote_access", Status.FAIL, "AnyDesk BERJALAN (pid 77)",
                "AnyDesk is RUNNING (pid 77)")
DISK = Check("disk", Status.PASS, "Ruang kosong 40.000 MB", "40,000 MB free")
CLOCK = Check("clock", Status.WARN, "Jam 8 detik lebih lambat", "Clock 8 s behind")


class PreflightFake:
    """The server's side as the console sees it: a real board, the same refusal."""

    def __init__(self) -> None:
        self.board = PreflightBoard()
        self.opened_with: list[str] = []
        self.opened_by: list[str] = []
        for kiosk, seat, checks in (("pc-01", "A1", (DISK,)), ("pc-07", "A7", (DISK, ANYDESK)),
                                    ("pc-12", "B2", (DISK, CLOCK))):
            self.board.received(kiosk, seat, Preflight(kiosk, "07:00", "0.1.0", checks))

    def preflight(self) -> tuple[tuple[SeatPreflight, ...], PreflightSummary]:
        return self.board.reports(), self.board.summary(["pc-01", "pc-07", "pc-12", "pc-20"])

    def open_session(self, reason: str = "", by: str = "") -> None:
        if self.board.failing() and not reason:
            raise PreflightRefused(self.board.failing())
        self.opened_with.append(reason)
        self.opened_by.append(by)

    @property
    def session_open(self) -> bool:
        return bool(self.opened_with)


def test_the_room_preflight_at_a_glance_and_opening_needs_a_reason(
        make_window: Make, qtbot: Any, english: Translations, shot_dir: Path) -> None:
    fake = PreflightFake()
    window = make_window(preflight=fake)
    window.use_language("en")
    window.refresh()
    panel = window.preflight
    assert panel is not None
    assert window.preflight_title.text() == "PC check"
    assert panel.glance.text() == "PC check: 1 failing"
    qtbot.mouseClick(panel.glance, Qt.MouseButton.LeftButton)
    assert window.side.currentWidget() is window.preflight_page and panel.isVisibleTo(window)
    assert panel.counts.text() == ("1 pass \u00b7 1 warning \u00b7 1 failing \u00b7 1 "
                                   "connected without a report")
    lines = [panel.listing.item(n).text() for n in range(panel.listing.count())]
    assert lines[0].startswith("A1  pc-01  pass")
    assert "A7  pc-07  FAIL" in lines[1] and "AnyDesk is RUNNING (pid 77)" in lines[1]
    assert "Clock 8 s behind" in lines[2]
    assert not panel.feedback.isVisibleTo(panel)  # no empty notice before there is one
    asked: list[str] = []
    panel._ask_reason = lambda _w, prompt: asked.append(prompt) or None  # type: ignore[func-returns-value]
    qtbot.mouseClick(panel.open_button, Qt.MouseButton.LeftButton)
    assert "A7 (pc-07)" in asked[0]
    assert fake.opened_with == [] and "reason is needed" in panel.feedback.text()
    assert panel.feedback.isVisibleTo(panel)
    panel._ask_reason = lambda _w, _p: "PC A7 kosong, peserta pindah ke A9"
    window._remember("proctor_name", "Sari Dewi")  # the name the last dialog was given
    qtbot.mouseClick(panel.open_button, Qt.MouseButton.LeftButton)
    assert fake.opened_with == ["PC A7 kosong, peserta pindah ke A9"]
    assert fake.opened_by == ["Sari Dewi"]  # the record names who opened it
    assert not panel.open_button.isEnabled() and panel.open_button.text() == "Session is open"
    window.resize(1366, 768)
    window.show()
    window.grab().save(str(shot_dir / "preflight-en.png"))
    assert window.preflight_back.text() == "Back"
    qtbot.mouseClick(window.preflight_back, Qt.MouseButton.LeftButton)
    assert window.side.currentWidget() is window.tabs


def test_indonesian_by_default(make_window: Make, shot_dir: Path) -> None:
    window = make_window(preflight=PreflightFake())
    window.use_language("id")
    window.refresh()
    panel = window.preflight
    assert panel is not None
    assert window.preflight_title.text() == "Cek PC"
    assert panel.glance.text() == "Cek PC: 1 gagal"
    lines = [panel.listing.item(n).text() for n in range(panel.listing.count())]
    assert "AnyDesk BERJALAN (pid 77)" in lines[1] and "GAGAL" in lines[1]
    assert panel.open_button.text() == "Buka sesi"
    window.show_preflight()
    window.resize(1366, 768)
    window.show()
    window.grab().save(str(shot_dir / "preflight-id.png"))
    assert window.preflight_back.text() == "Kembali"


def test_without_a_preflight_service_there_is_no_tab(make_window: Make) -> None:
    window = make_window()
    assert window.preflight is None and window.tabs.count() == 3


@pytest.mark.parametrize("language", ["id", "en"])
def test_every_side_tab_label_is_read_whole_at_1366x768(
        make_window: Make, qtbot: Any, language: str, shot_dir: Path) -> None:
    """The side panel's tab labels once scrolled behind arrows ("Cek PC" cut off): now
    no arrows, no eliding, and the tab bar fits the panel the room leaves."""
    window = make_window(preflight=PreflightFake())
    window.use_language(language)
    window.refresh()
    window.resize(1366, 768)
    window.show()
    qtbot.waitExposed(window)
    bar = window.tabs.tabBar()
    assert not bar.usesScrollButtons() and bar.elideMode() == Qt.TextElideMode.ElideNone
    assert bar.sizeHint().width() <= window.tabs.width(), (bar.sizeHint(), window.tabs.width())
    for index in range(bar.count()):
        assert bar.tabRect(index).right() < window.tabs.width()
    window.grab().save(str(shot_dir / f"tabs-{language}.png"))
