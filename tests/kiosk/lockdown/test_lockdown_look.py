"""The lockdown's words are Indonesian first (every tr() string translated in the shipped
.qm), and its dialog and cover fit 1366x768 at normal and 200% font; screenshots go to
the test's shot_dir ($UJIKOM_SHOTS to keep them)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QTranslator
from PySide6.QtWidgets import QApplication, QLabel, QPushButton, QWidget

import kiosk.lockdown
from kiosk.app import I18N, Translations
from kiosk.lockdown.detectors import Finding, Kind
from kiosk.lockdown.widgets import CoverWindow, LockdownNotices, UnlockDialog
from tests.trkit import tr_strings

LOCKDOWN = Path(kiosk.lockdown.__file__).resolve().parent


def test_every_lockdown_string_has_an_indonesian_translation() -> None:
    strings = tr_strings(LOCKDOWN)
    assert ("UnlockDialog", "Close the application") in strings
    translator = QTranslator()
    assert translator.load(str(I18N / "ujikom_kiosk_id.qm"))
    missing = [s for s in sorted(strings) if not translator.translate(*s)]
    assert missing == [], "run `python -m kiosk.i18n` and translate these"
    assert translator.translate("CoverWindow", "This screen is not used") == (
        "Layar ini tidak digunakan")


@pytest.fixture
def indonesian(qtbot) -> Iterator[Translations]:
    translations = Translations()
    translations.use("id")
    yield translations
    translations.use("en")


def test_notices_and_dialog_speak_indonesian(qtbot, indonesian: Translations) -> None:
    notices = LockdownNotices()
    text = notices.for_finding(Finding(Kind.FORBIDDEN_PROCESS, "anydesk", ""))
    assert text.startswith("Program yang tidak diizinkan selama ujian sedang berjalan (anydesk)")
    assert notices.blocked_key() == "Tombol tersebut tidak dapat digunakan selama ujian."
    dialog = UnlockDialog(lambda code: False)
    qtbot.addWidget(dialog)
    assert dialog.unlock.text() == "Tutup aplikasi"
    indonesian.use("en")  # switches live
    assert dialog.unlock.text() == "Close the application"


def _font_scaled(factor: float) -> None:
    app = QApplication.instance()
    font = app.font()
    font.setPointSizeF(font.pointSizeF() * factor)
    app.setFont(font)


def _fits(widget: QWidget) -> bool:
    """No visible child squeezed below what its text needs."""
    for child in widget.findChildren(QWidget):
        if not child.isVisible():
            continue
        need = child.minimumSizeHint()
        if isinstance(child, QPushButton) and (
                child.width() < child.fontMetrics().horizontalAdvance(child.text())):
            return False
        if child.height() < need.height() or child.width() < need.width():
            return False
    return True


def _notice_board(notices: LockdownNotices) -> QWidget:
    """Every notice as plain wrapped text, to read the wording in both languages."""
    board = QWidget()
    board.setStyleSheet("background: white;")
    from PySide6.QtWidgets import QVBoxLayout

    layout = QVBoxLayout(board)
    texts = [notices.for_finding(Finding(kind, "anydesk", "")) for kind in (
        Kind.FORBIDDEN_PROCESS, Kind.EXTRA_SCREEN, Kind.NEW_NETWORK_INTERFACE,
        Kind.REMOVABLE_DRIVE, Kind.VIRTUAL_MACHINE)]
    for text in [*texts, notices.blocked_key(), notices.close_refused(),
                 notices.welcome_back()]:
        label = QLabel(text)
        label.setWordWrap(True)
        layout.addWidget(label)
    return board


@pytest.mark.parametrize("scale", [1.0, 2.0])
@pytest.mark.parametrize("language", ["id", "en"])
def test_screenshots_fit_1366x768(qtbot, indonesian: Translations, scale: float,
                                  language: str, shot_dir: Path) -> None:
    app = QApplication.instance()
    original = app.font()
    indonesian.use(language)
    _font_scaled(scale)
    tag = f"{language}-{'2x' if scale > 1 else '1x'}"
    try:
        dialog = UnlockDialog(lambda code: False)
        qtbot.addWidget(dialog)
        dialog.resize(1366, 768)
        dialog.show()
        qtbot.waitExposed(dialog)
        qtbot.keyClicks(dialog.code, "salah-salah")
        dialog.unlock.click()  # a wrong code: the refusal is on screen too
        assert dialog.error.isVisible()
        error = dialog.error  # laid out on a later pass: wait for its wrapped height
        qtbot.waitUntil(lambda: error.height() >= error.heightForWidth(error.width()) > 0
                        and _fits(dialog), timeout=2000)
        dialog.grab().save(str(shot_dir / f"unlock-{tag}.png"))
        dialog.reject()
        cover = CoverWindow()
        qtbot.addWidget(cover)
        cover.resize(1366, 768)
        cover.show()
        qtbot.waitExposed(cover)
        qtbot.waitUntil(lambda: _fits(cover), timeout=2000)
        cover.grab().save(str(shot_dir / f"cover-{tag}.png"))
        board = _notice_board(LockdownNotices())
        qtbot.addWidget(board)
        board.resize(1366, 768)
        board.show()
        qtbot.waitExposed(board)
        board.grab().save(str(shot_dir / f"notices-{tag}.png"))
    finally:
        app.setFont(original)
