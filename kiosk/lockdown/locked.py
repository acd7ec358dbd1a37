"""The screen a kiosk PC shows once the exam program has ended (`ujikom kiosk locked`,
started by the kiosk session under cage): full screen, nothing to click, and it cannot be
closed, so the PC never falls back to a desktop or a terminal. The proctor or technician
turns the PC back with `ujikom-kiosk-disable`."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

STYLE = """
QWidget#locked { background: #10243e; }
QLabel#lockedTitle { color: white; font-size: 30pt; font-weight: 600; }
QLabel#lockedBody { color: #d7e3f4; font-size: 16pt; }
QLabel#lockedReason { color: #9fb3cc; font-size: 11pt; }
"""


class LockedScreen(QWidget):
    def __init__(self, reason: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("locked")
        self.setStyleSheet(STYLE)
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.title = QLabel(self.tr("This PC is locked"))
        self.title.setObjectName("lockedTitle")
        self.body = QLabel(self.tr("The exam program on this PC has ended. Please stay "
                                   "seated and call the proctor."))
        self.body.setObjectName("lockedBody")
        self.reason = QLabel(reason)
        self.reason.setObjectName("lockedReason")
        self.reason.setVisible(bool(reason))
        box = QVBoxLayout(self)
        box.addStretch(1)
        for label in (self.title, self.body, self.reason):
            label.setAlignment(Qt.AlignmentFlag.AlignCenter)
            label.setWordWrap(True)
            box.addWidget(label)
        box.addStretch(1)
        self.setWindowTitle("Ujikom")
        self.setAccessibleName(self.title.text())

    def closeEvent(self, event: QCloseEvent) -> None:  # Qt override
        event.ignore()  # only turning the kiosk off (ujikom-kiosk-disable) ends this


def run_locked(language: str, reason: str, *, windowed: bool = False,
               exit_when_ready: bool = False) -> int:
    from PySide6.QtCore import QTimer, QTranslator
    from PySide6.QtWidgets import QApplication

    from kiosk.app import I18N

    app = QApplication.instance() or QApplication([])
    assert isinstance(app, QApplication)
    if language == "id":
        translator = QTranslator(app)
        if translator.load(str(I18N / "ujikom_kiosk_id.qm")):
            app.installTranslator(translator)
    screen = LockedScreen(reason)
    if windowed:
        screen.resize(1024, 640)
        screen.show()
    else:
        # The screen's size from the start, as the lockdown does for the exam window: cage
        # configures the window with 0x0 first, and Qt would map it at its hint size.
        where = app.primaryScreen()
        if where is not None:
            screen.setGeometry(where.geometry())
        screen.showFullScreen()
    if exit_when_ready:  # a smoke test: up, then gone
        QTimer.singleShot(0, lambda: app.exit(0))  # quit() would ask the window, which refuses
    return int(app.exec())
