"""The console on a busy 40-seat room: layout, filters, detail, every control through a
fake lab service (reason required), token and enrollment code, language, screenshots."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPushButton, QScrollArea, QWidget

from exam_bank.wire.control import ControlAction
from proctor.console.dialogs import MOVE, CommandDialog, Request, build_request
from proctor.console.window import ACTIONS_LOG, SETTINGS, ConsoleWindow
from tests.proctor.console.conftest import FakeService, Make
from tests.proctor.console.roomkit import participant

Ask = Callable[[CommandDialog], Request | None]


def answer(qtbot: Any, reason: str = "Listrik padam di lab", by: str = "Ani Suryani",
           **fill: Any) -> tuple[Ask, list[CommandDialog]]:
    """An `ask` that fills the real dialog by keyboard and clicks its button."""
    seen: list[CommandDialog] = []

    def ask(dialog: CommandDialog) -> Request | None:
        seen.append(dialog)
        dialog.show()
        if "minutes" in fill:
            dialog.minutes.clear()
            qtbot.keyClicks(dialog.minutes, str(fill["minutes"]))
        if "text" in fill:
            qtbot.keyClicks(dialog.text, fill["text"])
        if "kiosk" in fill:
            dialog.kiosk.setCurrentIndex(dialog.kiosk.findData(fill["kiosk"]))
        qtbot.keyClicks(dialog.reason, reason)
        dialog.by.clear()
        qtbot.keyClicks(dialog.by, by)
        qtbot.mouseClick(dialog.ok, Qt.MouseButton.LeftButton)
        return dialog.request

    return ask, seen


def button(window: ConsoleWindow, name: str) -> QPushButton:
    found = window.findChild(QPushButton, name)
    assert found is not None, name
    return found


def click(qtbot: Any, widget: QPushButton) -> None:
    qtbot.mouseClick(widget, Qt.MouseButton.LeftButton)


def test_forty_seats_are_laid_out_like_the_room(make_window: Make) -> None:
    window = make_window()
    tiles = window.seat_map.tiles
    assert len(tiles) == 42  # 40 seats and two spare PCs
    grid = window.seat_map._grid
    assert grid.getItemPosition(grid.indexOf(tiles["A1"]))[:2] == (0, 0)
    assert grid.getItemPosition(grid.indexOf(tiles["C5"]))[:2] == (2, 4)
    assert grid.getItemPosition(grid.indexOf(tiles["E8"]))[:2] == (4, 7)
    a3 = tiles["A3"]
    assert a3.status_label.text() == "\u25d0 Lambat"  # a word with the colour
    assert "Budi Santoso 3" in a3.accessibleName() and "Lambat" in a3.accessibleName()
    assert tiles["D2"].status_label.text().endswith("Terputus")
    assert tiles["A6"].status_label.text().endswith("Tidak hadir")
    assert tiles["A4"].hand_label.isVisibleTo(tiles["A4"])
    assert tiles["B4"].badge_label.text() == "\u26a0 1"
    assert tiles["A2"].progress.format() == "7/15"


def test_filters_show_only_matching_seats(qtbot: Any, make_window: Make) -> None:
    window = make_window()
    click(qtbot, button(window, "filter_hand"))
    assert window.seat_map.visible_seats() == ["A4"]
    click(qtbot, button(window, "filter_submitted"))
    assert window.seat_map.visible_seats() == ["C5", "C6"]
    click(qtbot, button(window, "filter_not_started"))
    assert window.seat_map.visible_seats() == ["A6", "A8", "B6", "D7"]
    click(qtbot, button(window, "filter_problems"))
    assert set(window.seat_map.visible_seats()) == {"A3", "A4", "B2", "B4", "D2", "D3"}
    assert button(window, "filter_problems").text() == "Bermasalah (6)"
    click(qtbot, button(window, "filter_all"))
    assert len(window.seat_map.visible_seats()) == 42


def test_clicking_a_seat_opens_its_detail_and_timeline(qtbot: Any, make_window: Make) -> None:
    window = make_window()
    qtbot.mouseClick(window.seat_map.tiles["A4"], Qt.MouseButton.LeftButton)
    assert window.detail.seat == "A4"
    assert "Dewi Lestari 4" in window.detail.heading.full_text()
    assert "Terjawab: 10 dari 15" in window.detail.info.text()
    lines = [window.detail.timeline.item(n).text() for n in range(window.detail.timeline.count())]
    assert lines[0] == "08:00:01 Masuk"
    assert "08:00:04 Memulai bagian Karakteristik Pribadi" in lines
    assert lines[-2:] == ["08:05:04 Menjawab soal 10", "08:05:05 Mengangkat tangan"]


def test_keyboard_selects_a_seat(qtbot: Any, make_window: Make) -> None:
    window = make_window()
    window.show()
    tile = window.seat_map.tiles["B2"]
    tile.setFocus()
    qtbot.keyClick(tile, Qt.Key.Key_Return)
    assert window.detail.seat == "B2"
    assert window.seat_map.tiles["B2"].property("selected") is True


@pytest.mark.parametrize(("action", "fill"), [
    (ControlAction.PAUSE, {}), (ControlAction.RESUME, {}), (ControlAction.LOCK, {}),
    (ControlAction.UNLOCK, {}), (ControlAction.ANSWER_HAND, {}),
    (ControlAction.FORCE_SUBMIT, {}), (ControlAction.EXTEND, {"minutes": 15}),
    (ControlAction.MESSAGE, {"text": "Mohon tenang"}),
])
def test_each_seat_control_reaches_the_service(qtbot: Any, make_window: Make,
                                               service: FakeService, action: str,
                                               fill: dict[str, Any]) -> None:
    ask, _ = answer(qtbot, **fill)
    window = make_window(ask=ask)
    # a seat where the control makes sense: C2 is paused, B2 locked, A4 has a hand up
    seat, n = {ControlAction.RESUME: ("C2", 17), ControlAction.UNLOCK: ("B2", 9)}.get(
        action, ("A4", 3))
    window.select_seat(seat)
    click(qtbot, window.detail.buttons[action])
    [command] = service.sent
    assert command.action == action and command.participants == (participant(n),)
    assert (command.reason, command.by) == ("Listrik padam di lab", "Ani Suryani")
    assert command.minutes == fill.get("minutes")
    assert command.text == fill.get("text")
    assert command.problems() == []
    assert window.feedback.isVisibleTo(window) and window.feedback.text().startswith("Terkirim")


def test_an_empty_reason_is_refused_with_a_message(qtbot: Any, make_window: Make,
                                                   service: FakeService) -> None:
    ask, seen = answer(qtbot, reason="   ")
    window = make_window(ask=ask)
    window.select_seat("A4")
    click(qtbot, window.detail.buttons[ControlAction.LOCK])
    assert service.sent == []
    dialog = seen[0]
    assert dialog.request is None and dialog.isVisible()
    assert dialog.error.text() == "Tulis alasannya: wajib diisi."


def test_minutes_out_of_range_and_a_missing_name_are_refused(qtbot: Any,
                                                             make_window: Make,
                                                             service: FakeService) -> None:
    for minutes in (0, 241):
        request, problems = build_request(ControlAction.EXTEND, ("SLT-0001",), "listrik",
                                          "Ani", minutes, None, None)
        assert request is None and [f for f, _ in problems] == ["minutes"]
    ask, seen = answer(qtbot, by="")
    window = make_window(ask=ask)
    window.select_seat("A4")
    click(qtbot, window.detail.buttons[ControlAction.EXTEND])
    dialog = seen[0]
    assert (dialog.minutes.minimum(), dialog.minutes.maximum()) == (1, 240)
    assert dialog.error.text() == "Tulis nama Anda: wajib diisi."
    assert service.sent == []
    request, problems = build_request(MOVE, ("SLT-0001",), "PC mati", "Ani", None, None, None)
    assert request is None and [f for f, _ in problems] == ["kiosk"]


def test_the_proctors_name_is_remembered_across_restarts(qtbot: Any, make_window: Make,
                                                         tmp_path: Path) -> None:
    ask, _ = answer(qtbot, by="Budi Hartono")
    make_window(ask=ask).ask_action(ControlAction.PAUSE, None)
    assert json.loads((tmp_path / SETTINGS).read_text())["proctor_name"] == "Budi Hartono"
    seen: list[CommandDialog] = []
    again = make_window(ask=lambda d: seen.append(d))  # type: ignore[func-returns-value]
    again.ask_action(ControlAction.RESUME, None)
    assert seen[0].by.text() == "Budi Hartono"


def test_whole_room_controls_send_to_every_seat(qtbot: Any, make_window: Make,
                                                service: FakeService) -> None:
    ask, _ = answer(qtbot)
    window = make_window(ask=ask)
    room = (ControlAction.PAUSE, ControlAction.RESUME, ControlAction.LOCK,
            ControlAction.UNLOCK, ControlAction.FORCE_SUBMIT)
    for action in room:
        window.room_actions[action].trigger()
    assert [(c.action, c.participants) for c in service.sent] == [(a, ()) for a in room]
    assert window.room_actions[ControlAction.FORCE_SUBMIT].text() == (
        "Paksa kumpulkan semua (akhir sesi)")


def test_controls_that_make_no_sense_for_the_seat_are_disabled(qtbot: Any, make_window: Make,
                                                                service: FakeService) -> None:
    ask, _ = answer(qtbot)
    window = make_window(ask=ask)
    enabled = {seat: {a for a, b in window.detail.buttons.items() if b.isEnabled()}
               for seat in ("A4", "B2", "C2", "C5") if not window.select_seat(seat)}
    every = {"pause", "lock", "extend", "message", "read_aloud", "move", "force_submit"}
    assert enabled["A4"] == every | {"answer_hand"}  # working, hand up
    assert enabled["B2"] == every - {"lock"} | {"unlock"}  # locked
    assert enabled["C2"] == every - {"pause"} | {"resume"}  # paused
    assert enabled["C5"] == set()  # submitted: nothing to do
    window.select_seat("A4")
    click(qtbot, window.detail.buttons[ControlAction.RESUME])  # disabled: nothing is sent
    assert service.sent == []
    menu = {a.objectName(): a.isEnabled() for a in window.seat_menu("C5").actions()}
    assert not any(menu.values())


def test_a_submitted_seat_whose_pc_is_off_is_finished_not_lost(make_window: Make,
                                                               english: object) -> None:
    from tests.proctor.console.conftest import NOW

    english.use("id")  # type: ignore[attr-defined]
    window = make_window()
    window.refresh()
    view = window.snapshot.seat("C5") if window.snapshot else None
    assert view is not None and view.submitted and (view.heartbeat_age_ms or 0) < NOW
    window.room.heartbeat("C5", "pc-21", None, NOW - 60_000)  # switched off long ago
    window.refresh()
    tile = window.seat_map.tiles["C5"]
    assert tile.status_label.text().endswith("Selesai")
    assert "Terputus" not in tile.status_label.text()


def test_tiles_name_people_without_their_titles(make_window: Make,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    from tests.proctor.console import roomkit
    from tests.proctor.console.conftest import busy_room

    monkeypatch.setattr(roomkit, "NAMES", ("Dra. Tuti Puspita Mulyani, M.Si.",
                                           "Hj. Nur Siti Suryani, S.H., M.M.", *roomkit.NAMES[2:]))
    window = make_window(busy_room())
    window.refresh()
    # the kit numbers each name ("... M.Si. 1"); the tile starts with the person
    assert window.seat_map.tiles["A1"].name_label.full_text().startswith("Tuti P. M")
    assert window.seat_map.tiles["A2"].name_label.full_text() == "Nur Siti Suryani"


def test_at_1366_every_column_stays_in_view_whoever_is_selected(
        qtbot: Any, make_window: Make, monkeypatch: pytest.MonkeyPatch,
        shot_dir: Path) -> None:
    """At 1366×768 the 8th column hid behind a scrollbar once a candidate with a long
    name was selected (the detail panel took the width)."""
    from PySide6.QtWidgets import QScrollArea

    from tests.proctor.console import roomkit
    from tests.proctor.console.conftest import busy_room

    long = "Prof. Dr. Ir. Hj. Raden Ajeng Kusumawardhani Setyaningrum, S.T., M.T., Ph.D."
    monkeypatch.setattr(roomkit, "NAMES", (long, *roomkit.NAMES[1:]))
    window = make_window(busy_room())
    window.resize(1366, 768)
    window.show()
    area = window.seat_map.parentWidget().parentWidget()
    assert isinstance(area, QScrollArea)
    for seat in ("A1", "C2", "E8", "A1"):
        window.select_seat(seat)
        QApplication.processEvents()
        assert not area.horizontalScrollBar().isVisible(), seat
        assert window.seat_map.width() <= area.viewport().width(), seat
    _grab(window, "console-id-1366-long-name.png", (1366, 768), shot_dir)


def test_move_to_a_spare_pc_is_authorized_and_logged(qtbot: Any, make_window: Make,
                                                     service: FakeService,
                                                     tmp_path: Path) -> None:
    ask, seen = answer(qtbot, kiosk="spare-2", reason="PC A1 mati")
    window = make_window(ask=ask)
    window.select_seat("A1")
    click(qtbot, window.detail.buttons[MOVE])
    assert [seen[0].kiosk.itemData(n) for n in range(seen[0].kiosk.count())] == [
        "spare-1", "spare-2"]
    assert service.moves == [(participant(0), "spare-2")]
    logged = json.loads((tmp_path / ACTIONS_LOG).read_text().splitlines()[0])
    # who and why go with the authorization, into the candidate's chain on the spare
    assert service.move_notes == [(logged["by"], "PC A1 mati")] and logged["by"]
    assert logged["reason"] == "PC A1 mati" and logged["kiosk_id"] == "spare-2"


def test_a_move_the_server_refuses_is_worded_not_shown_in_english(
        qtbot: Any, make_window: Make, service: FakeService,
        monkeypatch: pytest.MonkeyPatch) -> None:
    from proctor.move_refusal import MoveProblem, MoveRefused

    def taken(participant_no: str, kiosk_id: str, by: str = "", reason: str = "") -> None:
        raise MoveRefused(MoveProblem.IN_USE, kiosk_id, others=["SLT-0041"])

    monkeypatch.setattr(service, "authorize_move", taken)
    ask, _seen = answer(qtbot, kiosk="spare-2", reason="PC A1 mati")
    window = make_window(ask=ask)
    window.select_seat("A1")
    click(qtbot, window.detail.buttons[MOVE])
    assert window.feedback.objectName() == "error"
    assert window.feedback.text() == ("Tidak terkirim: PC spare-2 sedang dipakai SLT-0041: "
                                      "pilih PC yang kosong")
    assert "in use" in str(MoveRefused(MoveProblem.IN_USE, "spare-2", others=["SLT-0041"]))


def test_unlock_code_needs_a_reason_then_shows(qtbot: Any, make_window: Make,
                                              service: FakeService) -> None:
    ask, _ = answer(qtbot, reason="Peserta selesai, PC dimatikan")
    window = make_window(ask=ask)
    window.room_actions["quit_code"].trigger()
    assert "583920" in window.feedback.text()
    assert "Ctrl+Alt+Shift+K" in window.feedback.text()  # how the code reaches the kiosk
    # the server keeps it in the record: who and why
    assert service.shown == [("quit_code", None, "Ani Suryani",
                              "Peserta selesai, PC dimatikan")]


def test_a_failing_service_is_reported_not_raised(qtbot: Any, make_window: Make,
                                                  service: FakeService) -> None:
    service.fail = OSError("server not running")
    ask, _ = answer(qtbot)
    window = make_window(ask=ask)
    window.room_actions[ControlAction.RESUME].trigger()
    assert window.feedback.objectName() == "error"
    # the proctor's words; the system's own ("server not running") only for the technician
    assert window.feedback.text() == ("Tidak terkirim: terjadi galat tak terduga di PC ini: "
                                      "hubungi teknisi")
    assert "server not running" in window.feedback.toolTip()


def test_token_regenerate_and_enrollment_code(qtbot: Any, make_window: Make,
                                              service: FakeService) -> None:
    window = make_window()
    window._remember("proctor_name", "Ani Suryani")  # as the last dialog left it
    assert window.token_label.text() == "TOKEN: QWERTY"
    click(qtbot, window.regenerate)
    assert window.token_label.text() == "TOKEN: ASDFGH"
    assert "ASDFGH" in window.feedback.text()
    window.enroll_action.trigger()
    assert "7K2M-9QXD-4B" in window.feedback.text()
    # the record names who did it
    assert service.shown == [("new_token", None, "Ani Suryani", ""),
                             ("enroll_code", None, "Ani Suryani", "")]


def test_incidents_and_attendance_tabs(make_window: Make) -> None:
    window = make_window()
    texts = [window.incidents.item(n).text() for n in range(window.incidents.count())]
    assert texts[0].startswith(window.snapshot.incidents[-1].wall)  # type: ignore[union-attr]
    # In Indonesian the line is all words; the server's English evidence is the tooltip.
    assert texts[0].endswith("D3 SLT-0027 \u2014 Log ditolak: peristiwa berbeda di urutan yang "
                             "sudah tersimpan (fork)")
    assert window.incidents.item(0).toolTip().endswith(
        "chain_fork: seq 12 differs from the stored event")
    assert "B4 SLT-0012 \u2014 Meninggalkan jendela ujian" in texts[1]
    # A8 signed in but has not confirmed their identity yet: present, as in the berita acara
    assert window.attendance_counts.text().startswith(
        "Seharusnya 40 \u00b7 hadir 37 \u00b7 terlambat 0 \u00b7 tidak hadir 3")
    assert window.tabs.tabText(1) == "Kejadian (2)"
    lines = {window.attendance.item(n).text().split()[0]: window.attendance.item(n).text()
             for n in range(window.attendance.count())}
    # When they signed in (the login, a second before identity), and where they are in the
    # seat tile's words: a submitted seat is "Selesai" in the list as on its tile.
    assert lines["C5"].endswith("\nHadir, masuk 08:00 \u00b7 Selesai")
    assert window.seat_map.tiles["C5"].status_label.text().endswith("Selesai")
    assert lines["A8"].endswith("\nHadir, masuk 08:00 \u00b7 Cek identitas")
    assert window.seat_map.tiles["A8"].section_label.full_text() == "Cek identitas"
    assert lines["A6"].endswith("\nTidak hadir")
    assert lines["B2"].endswith("\u00b7 Dikunci")


def test_language_switch_rewords_everything(qtbot: Any, make_window: Make,
                                            english: object) -> None:
    window = make_window()
    click(qtbot, window.lang_en)
    assert button(window, "filter_all").text() == "All"
    assert window.seat_map.tiles["A3"].status_label.text().endswith("Slow")
    assert window.detail.heading.full_text() == "No seat selected"
    click(qtbot, window.lang_id)
    assert button(window, "filter_all").text() == "Semua"
    assert window.detail.heading.full_text() == "Belum ada kursi dipilih"


def _grab(window: ConsoleWindow, name: str, size: tuple[int, int], shots: Path) -> None:
    window.resize(*size)
    window.show()
    QApplication.processEvents()
    window.resize(*size)
    QApplication.processEvents()
    assert window.grab().save(str(shots / name))


def _nothing_clipped(window: ConsoleWindow, size: tuple[int, int]) -> None:
    hint = window.minimumSizeHint()
    assert hint.width() <= size[0] and hint.height() <= size[1]
    assert (window.width(), window.height()) == size
    for tile in window.seat_map.tiles.values():
        label = tile.status_label
        assert label.width() >= label.sizeHint().width(), tile.seat
    for b in window.findChildren(QPushButton):
        if b.isVisible():
            assert b.width() >= b.sizeHint().width() - 1, b.objectName()


@pytest.mark.parametrize("language", ["id", "en"])
@pytest.mark.parametrize("size", [(1366, 768), (1920, 1080)])
def test_screenshot_normal_font(qtbot: Any, make_window: Make, english: object,
                                language: str, size: tuple[int, int], shot_dir: Path) -> None:
    window = make_window()
    window.use_language(language)
    window.select_seat("A4")
    _grab(window, f"console-{language}-{size[0]}.png", size, shot_dir)
    _nothing_clipped(window, size)
    if size == (1366, 768):  # all 40 seats in view at once, no scrolling
        area = window.seat_map.parentWidget()
        assert window.seat_map.width() <= area.width()
        assert window.seat_map.height() <= area.height()


@pytest.mark.parametrize("language", ["id", "en"])
def test_screenshot_double_font(qtbot: Any, make_window: Make, english: object,
                                language: str, shot_dir: Path) -> None:
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    normal = app.font()
    big = app.font()
    big.setPointSizeF(normal.pointSizeF() * 2)
    app.setFont(big)
    try:
        window = make_window()
        window.use_language(language)
        window.select_seat("A4")
        _grab(window, f"console-{language}-1366-200.png", (1366, 768), shot_dir)
        _nothing_clipped(window, (1366, 768))
    finally:
        app.setFont(normal)


def _inside(widget: QWidget, area: QScrollArea) -> bool:
    """Whether `widget` lies wholly inside the scroll area's visible width."""
    left = widget.mapTo(area.viewport(), widget.rect().topLeft()).x()
    return left >= 0 and left + widget.width() <= area.viewport().width()


@pytest.mark.parametrize("language", ["id", "en"])
@pytest.mark.parametrize("scale", [1, 2])
def test_the_detail_hint_and_controls_fit_the_side_panel_at_1366(
        qtbot: Any, make_window: Make, english: object, language: str, scale: int,
        shot_dir: Path) -> None:
    """In Indonesian the hint's first line was cut at 1366x768, and the panel it widened
    hid the right edge of every button behind a horizontal scrollbar."""
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    normal = app.font()
    big = app.font()
    big.setPointSizeF(normal.pointSizeF() * scale)
    app.setFont(big)
    try:
        window = make_window()
        window.use_language(language)
        _grab(window, f"console-{language}-1366-x{scale}-hint.png", (1366, 768), shot_dir)
        area = window.detail.parentWidget().parentWidget()
        assert isinstance(area, QScrollArea)
        info = window.detail.info
        assert info.text().startswith(("Klik kursi", "Click a seat"))
        assert not area.horizontalScrollBar().isVisible()
        assert info.heightForWidth(info.width()) <= info.height()  # every line shown
        assert _inside(info, area)
        for action, button in window.detail.buttons.items():
            assert _inside(button, area), action
        window.tabs.setCurrentIndex(2)  # the attendance list: the status never cut off
        QApplication.processEvents()
        assert window.attendance.horizontalScrollBar().maximum() == 0
    finally:
        app.setFont(normal)


def test_the_seat_context_menu_offers_every_control(qtbot: Any, make_window: Make,
                                                    service: FakeService) -> None:
    ask, _ = answer(qtbot)
    window = make_window(ask=ask)
    menu = window.seat_menu("B2")
    names = [a.objectName() for a in menu.actions()]
    assert names == [f"menu_{a}" for a in ("pause", "resume", "extend", "lock", "unlock",
                                           "message", "answer_hand", "read_aloud", "move",
                                           "force_submit")]
    assert [a.text() for a in menu.actions()][:2] == ["Jeda", "Lanjutkan"]
    menu.actions()[4].trigger()  # unlock
    assert service.sent[0].action == ControlAction.UNLOCK
    assert service.sent[0].participants == (participant(9),)


def test_a_moved_candidate_shows_where_they_sit_now(make_window: Make) -> None:
    from tests.proctor.console.conftest import NOW, busy_room

    room = busy_room()
    room.heartbeat("F1", "spare-1", participant(0), NOW)  # A1's PC died, moved to F1
    window = make_window(room)
    tile = window.seat_map.tiles["A1"]
    assert tile.section_label.full_text().startswith("\u2192 F1 ")
    assert "F1" not in window.seat_map.tiles  # the spare is now taken, not a free tile


def test_enter_on_an_incident_or_attendance_line_opens_that_seat(qtbot: Any,
                                                                  make_window: Make) -> None:
    window = make_window()
    window.show()
    window.tabs.setCurrentIndex(1)
    window.incidents.setCurrentRow(1)  # the focus-lost incident of B4 (from its log)
    window.incidents.setFocus()
    qtbot.keyClick(window.incidents, Qt.Key.Key_Return)
    assert window.detail.seat == "B4" and window.tabs.currentIndex() == 0
    window.tabs.setCurrentIndex(2)
    window.attendance.setCurrentRow(30)
    window.attendance.setFocus()
    qtbot.keyClick(window.attendance, Qt.Key.Key_Return)
    assert window.detail.seat == "D7"


def test_server_incident_kinds_are_worded(english: object) -> None:
    from proctor.console.words import Words

    english.use("id")  # type: ignore[attr-defined]
    words = Words()
    assert words.incident_kind("chain_gap") == "Log ditolak: ada peristiwa yang hilang (celah)"
    assert words.incident_kind("kiosk_bad_message") == "Kiosk menerima pesan yang rusak"
    # A code newer than this console: worded neutrally, the code shown, not hidden.
    assert words.incident_kind("something_new") == "Kejadian teknis lain (something_new)"


def test_every_control_has_an_accessible_name(qtbot: Any, make_window: Make,
                                              tmp_path: Path) -> None:
    from PySide6.QtWidgets import QAbstractSpinBox, QComboBox, QLineEdit, QListWidget, QWidget

    from proctor.console.berita_form import BeritaAcaraForm
    from proctor.console.dialogs import CommandDialog

    window = make_window()
    window.select_seat("A4")
    form = BeritaAcaraForm(window.room, tmp_path)
    qtbot.addWidget(form)
    dialog = CommandDialog(ControlAction.EXTEND, "A4", ("SLT-0004",), "", ())
    qtbot.addWidget(dialog)
    kinds = (QPushButton, QLineEdit, QListWidget, QAbstractSpinBox, QComboBox)
    for top in (window, form, dialog):
        for widget in top.findChildren(QWidget):
            if isinstance(widget, kinds) and widget.objectName() != "qt_spinbox_lineedit":
                assert widget.accessibleName(), (type(widget).__name__, widget.objectName())
    for tile in window.seat_map.tiles.values():
        assert tile.accessibleName().startswith(f"Kursi {tile.seat}")


def test_a_command_shows_pending_until_the_candidates_kiosk_applied_it(
        qtbot: Any, make_window: Make) -> None:
    """The lab server feeds the room every command per candidate; the seat's detail says
    which are still on their way (a dead PC) and which arrived."""
    from exam_bank.wire.control import CommandStatus, ControlCommand
    from proctor.commands import CommandLine
    from proctor.room import Room
    from tests.proctor.console.conftest import busy_room

    room: Room = busy_room()
    window = make_window(room)
    no = participant(3)
    lock = ControlCommand(ControlAction.LOCK, "Ada HP di meja", "Ani", (no,))
    sent = "2026-11-23T01:41:05+00:00"
    room.commands([CommandLine(1, sent, no, lock, CommandStatus.PENDING)])
    window.select_seat("A4")
    items = [window.detail.commands.item(n).text() for n in range(window.detail.commands.count())]
    assert len(items) == 1 and "Kunci (Ada HP di meja): menunggu" in items[0]
    assert "1 perintah menunggu" in window.words.seat_summary(window.snapshot.seat("A4"))
    room.commands([CommandLine(1, sent, no, lock, CommandStatus.APPLIED)])
    window.refresh()
    assert window.detail.commands.item(0).text().endswith("Kunci (Ada HP di meja): diterapkan")
    assert window.snapshot is not None and window.snapshot.seat("A4").pending_commands == 0


def test_read_aloud_is_an_accommodation_with_a_reason_and_optional_extra_time(
        qtbot: Any, make_window: Make, service: FakeService) -> None:
    """The seat's read-aloud control: the reason is required, no extra time by default,
    extra minutes when the proctor sets them; the command goes to that candidate only."""
    fills = [answer(qtbot, reason="   "), answer(qtbot, reason="Peserta low vision"),
             answer(qtbot, reason="Peserta disleksia", minutes=20)]
    seen: list[CommandDialog] = []

    def ask(dialog: CommandDialog) -> Request | None:  # each click: the next proctor's input
        seen.append(dialog)
        return fills[len(seen) - 1][0](dialog)

    window = make_window(ask=ask)
    window.select_seat("A4")
    read_aloud = window.detail.buttons[ControlAction.READ_ALOUD]
    assert read_aloud.text() == "Dibacakan (akomodasi)" and read_aloud.isEnabled()
    click(qtbot, read_aloud)
    assert service.sent == [] and seen[0].error.text() == "Tulis alasannya: wajib diisi."
    assert seen[0].minutes.value() == 0 and seen[0].minutes.text() == "sesuai blueprint (jika ada)"
    click(qtbot, read_aloud)
    click(qtbot, read_aloud)
    assert [(c.action, c.participants, c.reason, c.minutes) for c in service.sent] == [
        (ControlAction.READ_ALOUD, (participant(3),), "Peserta low vision", None),
        (ControlAction.READ_ALOUD, (participant(3),), "Peserta disleksia", 20)]
