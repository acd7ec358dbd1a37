"""The words a candidate reads: section list and rules each under
their own heading, the makalah not called "free to move between questions", a receipt
without a photograph request and with number and time, a digits-only PIN, a styled table
dialog, toolbar buttons with words."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QPushButton

from kiosk.app import KioskController
from kiosk.engine import FakeClock
from kiosk.engine.inbox import local_time
from kiosk.screens.makalah.tabledialog import TableDialog
from kiosk.screens.style import STYLE
from tests.kiosk.screens.journey_kit import click, make_controller, sign_in, to_makalah

pytestmark = pytest.mark.gui


@pytest.fixture
def ctrl(qtbot, tmp_path: Path):
    controller = make_controller(qtbot, tmp_path / "data", FakeClock())
    yield controller
    controller.close()


def test_rules_screen_heads_sections_and_rules_apart(qtbot, ctrl: KioskController) -> None:
    sign_in(qtbot, ctrl)
    click(qtbot, ctrl.identity.confirm)
    rules = ctrl.rules
    assert rules.heading.text() == "Bagian-bagian ujian"
    assert rules.rules_heading.text() == "Tata tertib ujian"
    makalah_line = rules.sections.text().split("<br><br>")[-1]
    assert "berpindah antarsoal" not in makalah_line
    assert "sampai makalah dikumpulkan" in makalah_line


def test_pin_takes_digits_only_and_the_error_has_a_plain_name(qtbot,
                                                             ctrl: KioskController) -> None:
    qtbot.keyClicks(ctrl.login.pin, "12ab3-4")
    assert ctrl.login.pin.text() == "1234"
    assert ctrl.login.error.accessibleName() == "Keterangan gagal masuk"


def test_receipt_names_the_candidate_and_time_and_asks_no_photo(qtbot,
                                                              ctrl: KioskController) -> None:
    to_makalah(qtbot, ctrl)
    ctrl.ctx.clock.advance(61_000)
    click(qtbot, ctrl.makalah.finish_button)
    click(qtbot, ctrl.makalah_check.submit)
    receipt = ctrl.receipt
    assert ctrl.window.currentWidget() is receipt
    assert "foto" not in receipt.explain.text().lower()
    when = local_time(ctrl.ctx.clock.wall_iso())
    assert receipt.who.text() == f"Peserta P-0001 · dikumpulkan pukul {when}"


def test_toolbar_buttons_say_what_they_do(qtbot, ctrl: KioskController) -> None:
    to_makalah(qtbot, ctrl)
    screen = ctrl.makalah
    texts = {name: screen.toolbar.button(screen.commands[name]).text()
             for name in ("bullets", "numbers", "undo", "redo")}
    assert texts == {"bullets": "• Poin", "numbers": "1. Nomor", "undo": "↶ Urungkan",
                     "redo": "↷ Ulangi"}
    for name in texts:
        button = screen.toolbar.button(screen.commands[name])
        assert button.accessibleName() and button.toolTip()


def test_table_dialog_has_the_kiosk_look(qtbot) -> None:
    dialog = TableDialog()
    qtbot.addWidget(dialog)
    assert dialog.styleSheet().startswith(STYLE) and dialog.objectName() == "kioskScreen"
    buttons = {b.text(): b.objectName() for b in dialog.findChildren(QPushButton)}
    assert buttons == {"Insert": "primary", "Cancel": "secondary"}
    assert dialog.minimumWidth() >= dialog.fontMetrics().averageCharWidth() * 40
    qtbot.keyClick(dialog.rows, Qt.Key.Key_Up)
    assert dialog.rows.value() == 4
