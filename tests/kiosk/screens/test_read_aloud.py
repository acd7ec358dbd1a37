"""Read-aloud from the keyboard with real eSpeak NG speech written to WAV files:
the question with lettered options, never the answer unless asked, the time, a message,
the paper paragraph by paragraph, stop and speed."""

from __future__ import annotations

import wave
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QShortcut

from exam_bank.wire.control import ControlCommand
from kiosk.engine import FakeClock
from kiosk.speech import Speaker
from tests.kiosk.screens.journey_kit import click, make_controller, to_first_item, to_makalah

pytestmark = pytest.mark.gui


def seconds(path: Path) -> float:
    with wave.open(str(path)) as wav:
        return wav.getnframes() / wav.getframerate()


@pytest.fixture
def ctrl(qtbot, tmp_path: Path):
    controller = make_controller(qtbot, tmp_path / "data", FakeClock())
    controller._start_read_aloud()  # as `ujikom kiosk --read-aloud` does
    controller.speaker = Speaker("id", to_dir=tmp_path / "speech")  # listen, not play
    yield controller
    controller.close()


def test_keys_read_the_question_time_and_message(qtbot, ctrl) -> None:
    to_first_item(qtbot, ctrl)
    click(qtbot, ctrl.item.option_buttons[2])
    speaker = ctrl.speaker
    qtbot.keyClick(ctrl.item, Qt.Key.Key_F9)
    said = speaker.said[-1]
    assert said.startswith("Soal 1 dari 3.\nSoal\nPilihan A. opsi A")
    assert "Pilihan D. opsi D" in said and "Jawaban" not in said  # never unasked
    assert seconds(speaker.written[-1]) > 3  # real speech, of the length of the text
    qtbot.keyClick(ctrl.item, Qt.Key.Key_F9, Qt.KeyboardModifier.ShiftModifier)
    assert speaker.said[-1].endswith("Jawaban Anda: C.")
    qtbot.keyClick(ctrl.item, Qt.Key.Key_F11)
    assert speaker.said[-1] == "Sisa waktu 20 menit."
    ctrl.session.apply_command(ControlCommand("message", "info", "Pengawas",
                                              text="Harap tenang."))
    ctrl.on_tick()
    qtbot.keyClick(ctrl.item, Qt.Key.Key_F12)
    assert speaker.said[-1] == "Dari pengawas: Harap tenang."
    qtbot.keyClick(ctrl.item, Qt.Key.Key_F8)
    assert speaker.speed > 175
    qtbot.keyClick(ctrl.item, Qt.Key.Key_F10)  # stop: nothing left playing


def test_the_paper_is_read_paragraph_by_paragraph(qtbot, ctrl) -> None:
    to_makalah(qtbot, ctrl)
    editor = ctrl.makalah.editor
    qtbot.keyClicks(editor, "Paragraf pertama.")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.keyClicks(editor, "Paragraf kedua.")
    qtbot.keyClick(editor, Qt.Key.Key_F9)
    qtbot.keyClick(editor, Qt.Key.Key_F9)
    assert ctrl.speaker.said[-2:] == ["Paragraf pertama.", "Paragraf kedua."]
    assert editor.toPlainText() == "Paragraf pertama.\nParagraf kedua."  # keys typed nothing


def test_the_proctors_accommodation_turns_read_aloud_on_without_a_restart(
        qtbot, tmp_path: Path) -> None:
    """Started without --read-aloud, F9 says nothing; once the proctor's read-aloud
    command is in the candidate's log, the keys work (from the log: also after a restart)."""
    controller = make_controller(qtbot, tmp_path / "data", FakeClock())
    try:
        to_first_item(qtbot, controller)
        assert controller.speaker is None
        controller.session.apply_command(ControlCommand("read_aloud", "low vision", "Sari"))
        assert controller.session.state.read_aloud
        controller.on_tick()
        assert controller.speaker is not None
        controller.speaker = Speaker("id", to_dir=tmp_path / "speech")  # listen, not play
        bound = {s.key().toString(): s for s in controller.window.findChildren(QShortcut)}
        assert {"F9", "Shift+F9", "F10", "F11", "F12", "F7", "F8"} <= set(bound)
        bound["F9"].activated.emit()  # the F9 key, as its shortcut delivers it
        assert controller.speaker.said[-1].startswith("Soal 1 dari 3.")
    finally:
        controller.close()
