"""The candidate's whole journey through real widgets: rules, items, palette, time-up,
makalah, review, submit, receipt; and a restart that lands on the same question."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QCheckBox, QRadioButton

from exam_bank.events import Phase
from exam_bank.wire.control import ControlCommand
from kiosk.app import KioskController
from kiosk.engine import FakeClock
from tests.kiosk.engine.kit import MIN
from tests.kiosk.screens.journey_kit import click, make_controller, sign_in, to_first_item

pytestmark = pytest.mark.gui


@pytest.fixture
def clock() -> FakeClock:
    return FakeClock()


@pytest.fixture
def ctrl(qtbot, tmp_path: Path, clock: FakeClock):
    controller = make_controller(qtbot, tmp_path / "data", clock)
    yield controller
    controller.close()
    controller.translations.use("en")


def state(ctrl: KioskController):
    assert ctrl.session is not None
    return ctrl.session.state


def test_rules_need_the_tick_before_continuing(qtbot, ctrl: KioskController) -> None:
    sign_in(qtbot, ctrl)
    click(qtbot, ctrl.identity.confirm)
    rules = ctrl.rules
    assert ctrl.window.currentWidget() is rules
    assert "Maju Saja" in rules.sections.text() and "10 menit" in rules.sections.text()
    assert "hanya maju" in rules.sections.text()
    assert not rules.proceed.isEnabled()
    qtbot.mouseClick(rules.proceed, Qt.MouseButton.LeftButton)
    assert state(ctrl).phase == Phase.RULES
    rules.agree.click()
    click(qtbot, rules.proceed)
    assert state(ctrl).phase == Phase.BETWEEN_SECTIONS
    assert ctrl.intro.title.text() == "Karakteristik Pribadi"
    assert "20 menit" in ctrl.intro.details.text()


def test_answer_flag_palette_and_navigation(qtbot, ctrl: KioskController) -> None:
    to_first_item(qtbot, ctrl)
    item = ctrl.item
    assert item.position.text() == "Soal 1 dari 3"
    assert item.prev.isVisible() and not item.prev.isEnabled()
    assert all(isinstance(b, QRadioButton) for b in item.option_buttons)
    click(qtbot, item.option_buttons[2])
    assert state(ctrl).answers["mc1"] == "C"
    qtbot.keyClick(item, Qt.Key.Key_B)  # a letter goes to the option, Space chooses it
    assert state(ctrl).answers["mc1"] == "C"
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Space)
    assert state(ctrl).answers["mc1"] == "B"
    click(qtbot, item.flag)
    assert "mc1" in state(ctrl).flags and item.flag.isChecked()
    first = item.palette_buttons[0]
    assert first.text() == "1 ✓ ?" and "ditandai" in first.accessibleName()
    click(qtbot, item.palette_buttons[2])  # jump to the likert item
    assert state(ctrl).item_index == 2 and item.position.text() == "Soal 3 dari 3"
    assert item.option_buttons[0].text() == "1."
    assert item.option_rows[0].label.text() == "Sangat tidak setuju"
    qtbot.keyClick(item, Qt.Key.Key_4)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Space)
    assert state(ctrl).answers["lk1"] == 4
    qtbot.keyClick(item, Qt.Key.Key_PageUp)
    assert state(ctrl).item_index == 1
    assert all(isinstance(b, QCheckBox) for b in item.option_buttons)
    click(qtbot, item.option_buttons[0])
    click(qtbot, item.option_buttons[3])
    assert state(ctrl).answers["mr1"] == frozenset({"A", "D"})
    click(qtbot, item.clear)
    assert "mr1" not in state(ctrl).answers
    assert not any(b.isChecked() for b in item.option_buttons)
    click(qtbot, item.prev)
    assert state(ctrl).item_index == 0
    assert item.option_buttons[1].isChecked()  # the answer is shown again
    qtbot.keyClick(item, Qt.Key.Key_Right, Qt.KeyboardModifier.AltModifier)
    assert state(ctrl).item_index == 1


def test_time_warnings_then_time_up_tells_the_candidate(qtbot, ctrl: KioskController,
                                                         clock: FakeClock) -> None:
    to_first_item(qtbot, ctrl)
    click(qtbot, ctrl.item.option_buttons[0])
    ctrl.on_tick()
    assert ctrl.item.clock.text() == "Waktu tersisa 20:00"
    assert ctrl.item.banner.isHidden()  # a 20-minute section: no 15 yet
    clock.advance(15 * MIN + 1)
    ctrl.on_tick()
    assert ctrl.item.banner.isVisible()
    assert ctrl.item.banner.text() == "Sisa waktu bagian ini 5 menit."
    assert ctrl.window.currentWidget() is ctrl.item  # calm: nothing is blocked
    clock.advance(5 * MIN)
    ctrl.on_tick()
    assert ctrl.window.currentWidget() is ctrl.notice
    assert ctrl.notice.title.text() == "Waktu habis"
    assert "Karakteristik Pribadi" in ctrl.notice.text.text()
    assert state(ctrl).phase == Phase.BETWEEN_SECTIONS
    assert state(ctrl).answers["mc1"] == "A"
    click(qtbot, ctrl.notice.button)
    assert ctrl.window.currentWidget() is ctrl.intro
    assert ctrl.intro.title.text() == "Maju Saja"


def test_forward_only_section_has_no_previous(qtbot, ctrl: KioskController) -> None:
    to_first_item(qtbot, ctrl)
    ctrl.on_review()
    click(qtbot, ctrl.review.submit)
    click(qtbot, ctrl.review.yes)
    click(qtbot, ctrl.intro.begin)
    item = ctrl.item
    assert item.section_label.text() == "Maju Saja"
    assert not item.prev.isVisible()
    click(qtbot, item.option_buttons[0])
    click(qtbot, item.next)
    qtbot.keyClick(item, Qt.Key.Key_PageUp)  # refused quietly: no way back
    assert state(ctrl).item_index == 1
    assert not item.palette_buttons[0].isEnabled()
    assert item.position.text() == "Soal 2 dari 3"


def test_pause_from_the_proctor_covers_the_screen(qtbot, ctrl: KioskController) -> None:
    to_first_item(qtbot, ctrl)
    assert ctrl.session is not None
    ctrl.session.apply_command(ControlCommand("pause", "listrik", "Pengawas A"))
    ctrl.on_tick()
    assert ctrl.overlay.isVisible()
    assert ctrl.overlay.title.text() == "Ujian dijeda oleh pengawas"
    assert not ctrl.item.isEnabled()
    ctrl.session.apply_command(ControlCommand("resume", "listrik pulih", "Pengawas A"))
    ctrl.on_tick()
    assert not ctrl.overlay.isVisible() and ctrl.item.isEnabled()


def test_a_proctor_message_shows_until_closed(qtbot, ctrl: KioskController) -> None:
    to_first_item(qtbot, ctrl)
    assert ctrl.session is not None
    ctrl.session.apply_command(ControlCommand("message", "info", "Pengawas A",
                                              text="Sisa waktu cukup, tetap tenang."))
    ctrl.on_tick()
    item = ctrl.item
    assert item.message.isVisible()
    assert item.message.text() == "Dari pengawas: Sisa waktu cukup, tetap tenang."
    click(qtbot, item.message_ok)
    assert not item.message.isVisible()
    click(qtbot, item.next)
    assert not item.message.isVisible()  # closed stays closed


def test_raise_hand(qtbot, ctrl: KioskController) -> None:
    to_first_item(qtbot, ctrl)
    assert ctrl.item.hand.text() == "Panggil pengawas"
    click(qtbot, ctrl.item.hand)
    assert state(ctrl).hand_raised
    assert ctrl.item.hand.text() == "✋ Pengawas dipanggil" and not ctrl.item.hand.isEnabled()


def test_whole_journey_to_the_receipt(qtbot, ctrl: KioskController, clock: FakeClock) -> None:
    to_first_item(qtbot, ctrl)
    click(qtbot, ctrl.item.option_buttons[0])
    click(qtbot, ctrl.item.flag)
    click(qtbot, ctrl.item.finish)
    review = ctrl.review
    assert ctrl.window.currentWidget() is review
    assert review.summary.text() == "Terjawab 1 dari 3 soal."
    assert review.clock.text() == "Waktu tersisa 20:00"  # time stays in sight
    assert [b.text() for b in review.jump_buttons] == ["2", "3", "1"]
    click(qtbot, review.jump_buttons[1])  # unanswered 3: back to it
    assert ctrl.window.currentWidget() is ctrl.item and state(ctrl).item_index == 2
    click(qtbot, ctrl.item.finish)
    click(qtbot, review.submit)
    assert review.yes.isVisible()
    click(qtbot, review.cancel)  # changed their mind: nothing submitted
    assert state(ctrl).phase == Phase.IN_SECTION
    click(qtbot, review.submit)
    qtbot.keyClick(review.cancel, Qt.Key.Key_Escape)  # Escape says no as well
    assert not review.yes.isVisible() and state(ctrl).phase == Phase.IN_SECTION
    click(qtbot, review.submit)
    click(qtbot, review.yes)
    assert state(ctrl).phase == Phase.BETWEEN_SECTIONS
    click(qtbot, ctrl.intro.begin)
    clock.advance(10 * MIN)  # the forward-only section runs out
    ctrl.on_tick()
    click(qtbot, ctrl.notice.button)
    click(qtbot, ctrl.intro.begin)
    makalah = ctrl.makalah
    assert makalah is not None and ctrl.window.currentWidget() is makalah
    qtbot.keyClicks(makalah.editor, "Pelayanan publik yang baik")
    makalah.flush()
    assert "Pelayanan publik" in state(ctrl).makalah["m1"]
    with qtbot.waitSignal(makalah.finished, timeout=2000):
        click(qtbot, makalah.finish_button)
    check = ctrl.makalah_check  # the paper's own check, not the multiple-choice review
    assert ctrl.window.currentWidget() is check
    assert check.submit.text() == "Kumpulkan makalah"
    click(qtbot, check.submit)
    assert state(ctrl).phase == Phase.SUBMITTED
    assert ctrl.window.currentWidget() is ctrl.receipt
    assert ctrl.session is not None
    assert ctrl.receipt.code.text() == ctrl.session.receipt().short_code
    assert not ctrl.receipt.qr.pixmap().isNull()


def test_wrong_pin_and_wrong_token_are_shown(qtbot, ctrl: KioskController) -> None:
    sign_in(qtbot, ctrl, pin="000000")
    assert ctrl.login.error.text().startswith("PIN salah.")
    sign_in(qtbot, ctrl, token="ABCDEF")
    assert ctrl.login.error.text().startswith("Token sesi salah.")
    assert ctrl.window.currentWidget() is ctrl.login


def test_restart_resumes_on_the_same_question(qtbot, tmp_path: Path) -> None:
    first = make_controller(qtbot, tmp_path / "data", FakeClock())
    to_first_item(qtbot, first)
    click(qtbot, first.item.option_buttons[3])
    click(qtbot, first.item.next)
    click(qtbot, first.item.option_buttons[1])
    click(qtbot, first.item.flag)
    first.close()  # the kiosk goes down
    first.translations.use("en")  # and takes its translator with it
    again = make_controller(qtbot, tmp_path / "data", FakeClock())
    try:
        sign_in(qtbot, again)
        assert again.window.currentWidget() is again.item
        item = again.item
        assert item.position.text() == "Soal 2 dari 3"
        assert item.option_buttons[1].isChecked() and item.flag.isChecked()
        assert item.palette_buttons[0].text() == "1 ✓"
        assert state(again).answers["mc1"] == "D"
    finally:
        again.close()
        again.translations.use("en")


def test_lockdown_incidents_go_into_the_signed_in_candidates_log_only(
        qtbot, ctrl: KioskController) -> None:
    # Before any sign-in it is nobody's: the kiosk's own log (and, linked, the proctor's
    # room facts: tests/kiosk/link/test_exit_code.py), never the next candidate's chain.
    ctrl.lockdown_incident("forbidden_process", "teamviewer")
    to_first_item(qtbot, ctrl)
    assert state(ctrl).incidents == ()
    ctrl.lockdown_incident("forbidden_process", "anydesk")
    assert [(i.kind, i.note) for i in state(ctrl).incidents] == [
        ("forbidden_process", "anydesk")]
    ctrl.lockdown_focus_lost()
    assert state(ctrl).focus_away and state(ctrl).focus_losses == 1
    ctrl.lockdown_focus_regained()
    assert not state(ctrl).focus_away
    ctrl.show_notice("Aplikasi lain terdeteksi; pengawas sudah diberi tahu.")
    assert ctrl.toast.isVisible() and ctrl.window.currentWidget() is ctrl.item


def test_show_starts_and_close_stops_the_lockdown(qtbot, tmp_path: Path) -> None:
    from kiosk.app import show
    from kiosk.config import LockdownConfig

    controller = make_controller(qtbot, tmp_path / "data", FakeClock())
    try:
        show(controller, windowed=True,
             lockdown=LockdownConfig(forbidden_processes=(), allow_vm=True))
        assert controller.lockdown is not None and controller.lockdown.running
    finally:
        controller.close()
        controller.translations.use("en")
    assert not controller.lockdown.running


def test_tab_goes_from_the_answer_to_next_then_the_rest(qtbot, ctrl: KioskController) -> None:
    to_first_item(qtbot, ctrl)
    click(qtbot, ctrl.item.next)  # mr: every option takes the focus in turn
    item = ctrl.item
    qtbot.waitUntil(lambda: item.option_buttons[0].isVisible(), timeout=2000)
    qtbot.waitUntil(lambda: item.stem.hasFocus(), timeout=2000)  # the question first
    expected = [w for w in item.tab_chain() if w.isVisible() and w.isEnabled()]
    seen = [QApplication.focusWidget()]
    for _ in range(len(expected) - 1):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        seen.append(QApplication.focusWidget())
    assert seen == expected
    assert seen[1] is item.option_buttons[0]
    assert seen[len(item.option_buttons) + 1] is item.next


def test_time_up_in_the_last_section_ends_with_the_receipt(qtbot, ctrl: KioskController,
                                                           clock: FakeClock) -> None:
    to_first_item(qtbot, ctrl)
    for _ in range(2):
        ctrl.on_review()
        click(qtbot, ctrl.review.submit)
        click(qtbot, ctrl.review.yes)
        click(qtbot, ctrl.intro.begin)
    assert ctrl.makalah is not None and ctrl.window.currentWidget() is ctrl.makalah
    qtbot.keyClicks(ctrl.makalah.editor, "Kalimat terakhir")
    clock.advance(25 * MIN + 1)
    ctrl.on_tick()
    assert ctrl.makalah.alert.text() == "Sisa waktu bagian ini 5 menit."  # above the paper
    assert ctrl.session is not None
    ctrl.session.apply_command(ControlCommand("message", "info", "Pengawas A",
                                              text="Periksa kembali makalah Anda."))
    ctrl.on_tick()
    assert ctrl.makalah.alert.text() == "Dari pengawas: Periksa kembali makalah Anda."
    clock.advance(5 * MIN - 600)  # the last second: the editor's pending words go in
    ctrl.on_tick()
    assert "Kalimat terakhir" in state(ctrl).makalah["m1"]
    clock.advance(600)
    ctrl.on_tick()
    assert state(ctrl).phase == Phase.SUBMITTED
    assert ctrl.notice.button.text() == "Lihat tanda terima"
    click(qtbot, ctrl.notice.button)
    assert ctrl.window.currentWidget() is ctrl.receipt
    assert ctrl.receipt.code.text() == ctrl.session.receipt().short_code


def test_restart_in_the_makalah_section_shows_the_saved_paper(qtbot, tmp_path: Path) -> None:
    first = make_controller(qtbot, tmp_path / "data", FakeClock())
    to_first_item(qtbot, first)
    for _ in range(2):
        first.on_review()
        click(qtbot, first.review.submit)
        click(qtbot, first.review.yes)
        click(qtbot, first.intro.begin)
    assert first.makalah is not None
    qtbot.keyClicks(first.makalah.editor, "Paragraf pertama")
    first.close()  # flushes the editor, then the kiosk goes down
    first.translations.use("en")
    again = make_controller(qtbot, tmp_path / "data", FakeClock())
    try:
        sign_in(qtbot, again)
        assert again.makalah is not None and again.window.currentWidget() is again.makalah
        assert "Paragraf pertama" in again.makalah.editor.toPlainText()
    finally:
        again.close()
        again.translations.use("en")


def test_a_store_failure_is_a_calm_notice_not_a_traceback(qtbot, ctrl: KioskController,
                                                          monkeypatch) -> None:
    to_first_item(qtbot, ctrl)
    assert ctrl.session is not None
    store = ctrl.ctx.stores[0]

    def broken(event: object) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(store, "append", broken)
    click(qtbot, ctrl.item.option_buttons[0])
    assert "mc1" not in state(ctrl).answers  # nothing claimed that was not stored
    assert ctrl.toast.isVisible() and "pengawas" in ctrl.toast.text()
    assert ctrl.window.currentWidget() is ctrl.item
