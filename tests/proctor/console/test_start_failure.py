"""A console that cannot start (a wrong passphrase, the lab server's port taken) says why
in the proctor's words, with the system's detail behind "Rincian"; the shell still gets
the English line (`ujikom proctor console` exits non-zero as before)."""

from __future__ import annotations

import socket
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import Qt

from exam_bank.problems import InputError
from proctor.console.failure_words import FailureDialog, start_failure
from proctor.console.translations import Translations
from proctor.lab import open_lab
from tests.proctor.kit import make_lab

pytestmark = pytest.mark.gui


def _shown(qtbot: Any, exc: BaseException) -> FailureDialog:
    box = start_failure(exc)
    assert isinstance(box, FailureDialog)
    qtbot.addWidget(box)
    box.show()
    qtbot.waitExposed(box)
    return box


def test_a_wrong_passphrase_is_said_in_indonesian(qtbot: Any, tmp_path: Path,
                                                 english: Translations,
                                                 shot_dir: Path) -> None:
    english.use("id")
    lab = make_lab(tmp_path / "lab")
    with pytest.raises(InputError) as refused:
        open_lab(lab.dir, b"not the lab's passphrase")  # the real refusal
    box = _shown(qtbot, refused.value)
    assert box.text.text() == ("Konsol tidak dapat dimulai: frasa sandi tidak dapat membuka "
                               "kunci lab ini atau catatan pengawas")
    assert "wrong passphrase" not in box.text.text() and not box.detail.isVisible()
    assert box.details_button.text() == "Rincian (untuk teknisi)"
    qtbot.mouseClick(box.details_button, Qt.MouseButton.LeftButton)
    assert box.detail.isVisible() and "wrong passphrase" in box.detail.toPlainText()
    box.grab().save(str(shot_dir / "console-cannot-start.png"))


def test_a_port_another_program_holds_is_said_in_indonesian(qtbot: Any,
                                                           english: Translations) -> None:
    english.use("id")
    with socket.socket() as first, socket.socket() as second:
        first.bind(("127.0.0.1", 0))
        first.listen()
        with pytest.raises(OSError) as taken:
            second.bind(first.getsockname())  # the real refusal of the OS
    box = _shown(qtbot, taken.value)
    assert box.text.text() == ("Konsol tidak dapat dimulai: port server lab dipakai program "
                               "lain (apakah konsol sudah terbuka?)")
    assert "Address already in use" in box.detail.toPlainText()
