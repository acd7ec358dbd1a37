"""Nothing irreversible by one click or one stray key:
forward-only sections, keyboard choice, focus and the marked-for-review flag."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from kiosk.app import KioskController
from kiosk.engine import FakeClock
from tests.kiosk.screens.journey_kit import click, make_controller, to_first_item

pytestmark = pytest.mark.gui


@pytest.fixture
def ctrl(qtbot, tmp_path: Path):
    controller = make_controller(qtbot, tmp_path / "data", FakeClock())
    yield controller
    controller.close()


def state(ctrl: KioskController):
    assert ctrl.session is not None
    return ctrl.session.state


def to_forward_only(qtbot, ctrl: KioskController) -> None:
    to_first_item(qtbot, ctrl)
    ctrl.on_review()
    click(qtbot, ctrl.review.submit)
    click(qtbot, ctrl.review.yes)
    click(qtbot, ctrl.intro.begin)
    assert ctrl.item.section_label.text() == "Maju Saja"


def test_forward_only_palette_shows_but_never_jumps(qtbot, ctrl: KioskController) -> None:
    to_forward_only(qtbot, ctrl)
    later = ctrl.item.palette_buttons[2]
    assert not later.isEnabled()
    qtbot.mouseClick(later, Qt.MouseButton.LeftButton)
    assert state(ctrl).item_index == 0  # question 1 and 2 are still there
    assert "belum dijawab" in later.accessibleName()


def test_forward_only_next_on_a_blank_answer_asks_once(qtbot, ctrl: KioskController) -> None:
    to_forward_only(qtbot, ctrl)
    item = ctrl.item
    click(qtbot, item.next)
    assert state(ctrl).item_index == 0  # not yet: the candidate is asked
    assert item.skip_box.isVisible()
    assert item.skip_text.text().startswith("Soal ini belum dijawab. Lanjut tanpa menjawab?")
    assert QApplication.focusWidget() is item.skip_stay  # Enter keeps the question
    qtbot.keyClick(item.skip_stay, Qt.Key.Key_Space)
    assert state(ctrl).item_index == 0 and not item.skip_box.isVisible()
    qtbot.keyClick(item, Qt.Key.Key_PageDown)  # the keyboard way asks as well
    assert item.skip_box.isVisible()
    click(qtbot, item.skip_go)
    assert state(ctrl).item_index == 1 and not item.skip_box.isVisible()
    click(qtbot, item.option_buttons[1])  # answered: Next goes on without a question
    click(qtbot, item.next)
    assert state(ctrl).item_index == 2 and not item.skip_box.isVisible()


def test_flag_is_called_mark_and_is_gone_in_forward_only(qtbot, ctrl: KioskController) -> None:
    to_first_item(qtbot, ctrl)
    item = ctrl.item
    assert item.flag.isVisible() and item.flag.text() == "Tandai untuk ditinjau"
    assert "Ragu" not in item.flag.text()  # the likert midpoint keeps that word
    ctrl.on_review()
    click(qtbot, ctrl.review.submit)
    click(qtbot, ctrl.review.yes)
    click(qtbot, ctrl.intro.begin)
    assert not item.flag.isVisible()


def test_stray_letters_and_digits_change_no_answer(qtbot, ctrl: KioskController) -> None:
    to_first_item(qtbot, ctrl)
    item = ctrl.item
    qtbot.keyClick(item, Qt.Key.Key_C)
    assert "mc1" not in state(ctrl).answers  # C only moved the focus to option C
    assert QApplication.focusWidget() is item.option_buttons[2]
    qtbot.keyClick(item.option_buttons[2], Qt.Key.Key_Down)  # arrows move focus only
    assert QApplication.focusWidget() is item.option_buttons[3]
    assert "mc1" not in state(ctrl).answers
    qtbot.keyClick(item.option_buttons[3], Qt.Key.Key_Space)  # Space chooses
    assert state(ctrl).answers["mc1"] == "D"
    qtbot.keyClick(item.option_buttons[3], Qt.Key.Key_Up)
    assert state(ctrl).answers["mc1"] == "D"  # a radio would have moved the choice
    qtbot.keyClick(item.option_buttons[2], Qt.Key.Key_Return)  # Enter chooses too
    assert state(ctrl).answers["mc1"] == "C"


def test_new_question_starts_on_the_stem_and_choice_is_in_words(qtbot,
                                                               ctrl: KioskController) -> None:
    to_first_item(qtbot, ctrl)
    item = ctrl.item
    assert QApplication.focusWidget() is item.stem  # nothing looks chosen
    assert not any(row.mark.isVisible() for row in item.option_rows)
    click(qtbot, item.option_buttons[1])
    marks = [row.mark.isVisible() for row in item.option_rows]
    assert marks == [False, True, False, False]
    assert item.option_rows[1].mark.text() == "✓ Dipilih"
    qtbot.keyClick(item, Qt.Key.Key_Tab)
    click(qtbot, item.next)
    assert QApplication.focusWidget() is item.stem
