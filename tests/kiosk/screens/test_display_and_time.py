"""Text size and contrast at any time, the last minutes in words and warnings
spoken to screen readers, through real clicks."""

from __future__ import annotations

from pathlib import Path

import pytest

from exam_bank.wire.control import ControlCommand
from kiosk.app import MIN_POINT_SIZE, KioskController
from kiosk.engine import FakeClock
from tests.kiosk.screens.journey_kit import click, make_controller, to_first_item

pytestmark = pytest.mark.gui


@pytest.fixture
def ctrl(qtbot, tmp_path: Path):
    controller = make_controller(qtbot, tmp_path / "data", FakeClock())
    yield controller
    controller.close()


def test_body_text_is_comfortable_at_100_percent(qtbot, ctrl: KioskController) -> None:
    to_first_item(qtbot, ctrl)
    assert ctrl.theme.percent == 100
    option = ctrl.item.option_rows[0].label
    assert option.font().pointSizeF() >= MIN_POINT_SIZE >= 11  # the lab PC's 9 pt is small
    assert ctrl.item.legend.font().pointSizeF() >= MIN_POINT_SIZE


def test_size_and_contrast_change_in_the_middle_of_a_section(qtbot,
                                                             ctrl: KioskController) -> None:
    to_first_item(qtbot, ctrl)
    click(qtbot, ctrl.item.option_buttons[1])
    before = ctrl.item.option_rows[0].label.font().pointSizeF()
    click(qtbot, ctrl.item.status.display)
    display = ctrl.display_screen
    assert ctrl.window.currentWidget() is display and display.size_label.text() == "100%"
    click(qtbot, display.larger)
    click(qtbot, display.contrast)
    assert display.size_label.text() == "125%" and display.contrast.isChecked()
    assert ctrl.theme.high_contrast
    click(qtbot, display.back_button)
    assert ctrl.window.currentWidget() is ctrl.item
    assert ctrl.item.option_rows[0].label.font().pointSizeF() == pytest.approx(before * 1.25)
    assert ctrl.session.state.answers["mc1"] == "B"  # nothing of the exam changed


def test_the_last_minutes_are_said_in_words_and_announced(qtbot,
                                                         ctrl: KioskController) -> None:
    to_first_item(qtbot, ctrl)
    clock = ctrl.item.clock
    ctrl.ctx.clock.advance(14 * 60_000)  # 6 minutes left
    ctrl.on_tick()
    assert clock.property("low") is False and "terakhir" not in clock.text()
    ctrl.ctx.clock.advance(60_000 + 1)  # under 5 minutes: the last minutes
    ctrl.on_tick()
    assert clock.property("low") is True
    assert clock.text().endswith("menit-menit terakhir") and clock.accessibleName() == \
        clock.text()
    assert ctrl.announcer.said[-1] == "Sisa waktu bagian ini 5 menit."
    assert ctrl.window.accessibleDescription() == "Sisa waktu bagian ini 5 menit."
    ctrl.session.apply_command(ControlCommand("message", "info", "Pengawas A",
                                              text="Sepuluh menit lagi listrik dipadamkan."))
    ctrl.on_tick()
    assert ctrl.announcer.said[-1] == "Dari pengawas: Sepuluh menit lagi listrik dipadamkan."
    count = len(ctrl.announcer.said)
    ctrl.on_tick()
    assert len(ctrl.announcer.said) == count  # said once, not at every tick


def test_a_pause_is_announced_once(qtbot, ctrl: KioskController) -> None:
    to_first_item(qtbot, ctrl)
    ctrl.session.apply_command(ControlCommand("pause", "listrik", "Pengawas A"))
    ctrl.on_tick()
    assert ctrl.announcer.said[-1].startswith("Ujian dijeda oleh pengawas")
    count = len(ctrl.announcer.said)
    ctrl.on_tick()
    assert len(ctrl.announcer.said) == count
