"""The makalah's own submit check, "Call proctor" and the inbox on the paper, and the
quiet save line, through real clicks."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
from PySide6.QtCore import QRect, Qt

from exam_bank.events import Phase
from exam_bank.wire.control import ControlCommand
from kiosk.app import KioskController
from kiosk.engine import FakeClock
from kiosk.engine.inbox import local_time
from kiosk.link.client import LinkStatus
from tests.kiosk.engine.kit import PACKAGE
from tests.kiosk.screens.journey_kit import click, make_controller, to_first_item, to_makalah

pytestmark = pytest.mark.gui


def ranged_package(low: int, high: int):
    item = PACKAGE.items["m1"]
    assert item.makalah is not None
    paper = dataclasses.replace(item, makalah=dataclasses.replace(
        item.makalah, word_min=low, word_max=high))
    return dataclasses.replace(PACKAGE, items={**PACKAGE.items, "m1": paper})


@pytest.fixture
def ctrl(qtbot, tmp_path: Path):
    controller = make_controller(qtbot, tmp_path / "data", FakeClock(),
                                 package=ranged_package(5, 50))
    yield controller
    controller.close()


def on_window(ctrl: KioskController, widget) -> QRect:
    return QRect(widget.mapTo(ctrl.window, widget.rect().topLeft()), widget.size())


def test_a_paper_below_the_minimum_needs_a_second_confirmation(qtbot,
                                                              ctrl: KioskController) -> None:
    to_makalah(qtbot, ctrl)
    qtbot.keyClicks(ctrl.makalah.editor, "Tiga kata saja")
    click(qtbot, ctrl.makalah.finish_button)
    check = ctrl.makalah_check
    assert ctrl.window.currentWidget() is check  # not the multiple-choice review
    assert check.words.text() == "Makalah Anda berisi 3 kata. Batasnya 5 sampai 50 kata."
    assert check.range_warning.isVisible()
    assert check.range_warning.text().startswith("Kurang 2 kata dari batas minimal.")
    assert check.preview.toPlainText() == "Tiga kata saja"  # the paper as printed
    assert check.preview.isReadOnly()
    assert "Ujian selesai" in check.next_text.text()
    assert check.clock.text().startswith("Sisa waktu ")
    assert not check.submit.isEnabled()
    qtbot.mouseClick(check.submit, Qt.MouseButton.LeftButton)
    assert ctrl.session.state.phase == Phase.IN_SECTION  # nothing went in
    qtbot.mouseClick(check.understood_text, Qt.MouseButton.LeftButton)
    assert check.understood.isChecked()
    click(qtbot, check.submit)
    assert ctrl.session.state.phase == Phase.SUBMITTED
    assert ctrl.session.state.makalah["m1"] == "Tiga kata saja"


def test_back_from_the_check_keeps_writing(qtbot, ctrl: KioskController) -> None:
    to_makalah(qtbot, ctrl)
    qtbot.keyClicks(ctrl.makalah.editor, "Satu dua tiga empat lima enam")
    click(qtbot, ctrl.makalah.finish_button)
    check = ctrl.makalah_check
    assert not check.range_warning.isVisible() and check.submit.isEnabled()
    qtbot.keyClick(check, Qt.Key.Key_Escape)
    assert ctrl.window.currentWidget() is ctrl.makalah
    qtbot.keyClicks(ctrl.makalah.editor, " tujuh")
    ctrl.makalah.flush()
    assert ctrl.session.state.makalah["m1"].endswith("tujuh")


def test_makalah_has_call_proctor(qtbot, ctrl: KioskController) -> None:
    to_makalah(qtbot, ctrl)
    hand = ctrl.makalah.status.hand
    assert hand.text() == "Panggil pengawas" and hand.accessibleName()
    click(qtbot, hand)
    assert ctrl.session.state.hand_raised
    assert hand.text() == "✋ Pengawas dipanggil" and not hand.isEnabled()


@pytest.mark.parametrize("percent", [100, 200])
def test_a_message_on_the_paper_stays_readable_and_covers_nothing(
        qtbot, ctrl: KioskController, percent: int) -> None:
    while ctrl.theme.percent < percent:
        ctrl.on_font_step(1)
    to_makalah(qtbot, ctrl)
    screen = ctrl.makalah
    ctrl.session.apply_command(ControlCommand("message", "info", "Pengawas A",
                                              text="Periksa kembali nama berkas."))
    ctrl.on_tick()
    qtbot.waitUntil(lambda: screen.alert_box.isVisible(), timeout=2000)
    assert screen.alert.text() == "Dari pengawas: Periksa kembali nama berkas."
    assert not ctrl.toast.isVisible()
    for kept in (screen.editor, screen.word_label):  # nothing lies over what is written
        assert not on_window(ctrl, screen.alert_box).intersects(on_window(ctrl, kept))
    assert screen.status.inbox.text() == "Pesan (1 baru)"
    click(qtbot, screen.alert_ok)
    assert not screen.alert_box.isVisible()
    ctrl.on_tick()
    assert not screen.alert_box.isVisible()  # read: it does not come back
    assert screen.status.inbox.text() == "Pesan"
    click(qtbot, screen.status.inbox)
    assert ctrl.window.currentWidget() is ctrl.inbox_screen
    listing = ctrl.inbox_screen.list.text()
    assert "Periksa kembali nama berkas." in listing
    assert local_time(ctrl.ctx.clock.wall_iso()) in listing  # when it came
    click(qtbot, ctrl.inbox_screen.back_button)
    assert ctrl.window.currentWidget() is screen


def test_the_inbox_keeps_warnings_and_marks_new_ones(qtbot, ctrl: KioskController) -> None:
    to_first_item(qtbot, ctrl)
    ctrl.ctx.clock.advance(15 * 60_000 + 1)  # the 5-minute warning of a 20-minute section
    ctrl.on_tick()
    item = ctrl.item
    assert item.status.inbox.text() == "Pesan (1 baru)"
    click(qtbot, item.status.inbox)
    assert "Sisa waktu bagian ini 5 menit." in ctrl.inbox_screen.list.text()
    assert "● baru" in ctrl.inbox_screen.list.text()
    click(qtbot, ctrl.inbox_screen.back_button)
    assert ctrl.window.currentWidget() is item and item.status.inbox.text() == "Pesan"


class DownLink:
    """Just enough of a LinkedKiosk for the save line: the proctor is unreachable."""

    status = LinkStatus(connected=False)

    def close(self) -> None:
        pass


def test_the_save_line_says_when_and_where(qtbot, ctrl: KioskController) -> None:
    to_first_item(qtbot, ctrl)
    item = ctrl.item
    ctrl.ctx.clock.advance(42_000)
    click(qtbot, item.option_buttons[0])
    now = local_time(ctrl.ctx.clock.wall_iso())  # the lab PC's own time zone
    assert now.count(".") == 2 and item.status.saved.text() == f"Tersimpan {now}"
    ctrl.ctx.link = DownLink()  # type: ignore[assignment]
    click(qtbot, item.option_buttons[1])
    assert item.status.saved.text() == (f"Tersimpan di komputer ini pukul {now}; "
                                        "pengawas akan menerima saat jaringan pulih")
