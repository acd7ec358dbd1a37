"""Run by test_two_screens.py under Qt's offscreen platform with two screens configured:
starts a full-screen lockdown and prints what it did as JSON."""

from __future__ import annotations

import json
import sys

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QWidget

from kiosk.config import LockdownConfig
from kiosk.lockdown import Lockdown, LockdownHooks, Probes


def main() -> None:
    app = QApplication([])
    calls: list[list[str]] = []
    hooks = LockdownHooks(incident=lambda kind, ev: calls.append([kind, ev]),
                          focus_lost=lambda: None, focus_regained=lambda: None,
                          notice=lambda text: None)
    quiet = Probes(processes=lambda _: [], interfaces=dict, mounts=list, dmi=list,
                   detect_virt=lambda: None)
    window = QWidget()
    lock = Lockdown(window, hooks, LockdownConfig(), quiet)
    lock.start()
    app.processEvents()
    lock.check_now()
    primary = QGuiApplication.primaryScreen()
    lock.covers[0].activateWindow()  # the candidate clicks the other screen
    for _ in range(5):
        app.processEvents()
    if len(sys.argv) > 1:
        lock.covers[0].grab().save(sys.argv[1])
    print(json.dumps({
        "primary": primary.name(),
        "window_screen": window.screen().name(),
        "window_full_screen": window.isFullScreen(),
        "active": QApplication.activeWindow() is window,
        "covers": [[c.screen().name(), c.isFullScreen(), c.isVisible()] for c in lock.covers],
        "incidents": calls,
    }))
    lock.stop()
    lock.unlocked = True


if __name__ == "__main__":
    main()
