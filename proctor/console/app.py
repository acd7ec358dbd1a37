"""Opening the console window (the CLI's `ujikom proctor console` calls this)."""

from __future__ import annotations

from pathlib import Path

from proctor.console.preflight_panel import PreflightService
from proctor.console.seal_panel import Sealer
from proctor.console.service import ConsoleService
from proctor.console.window import ConsoleWindow
from proctor.room import Room


def open_console(room: Room, service: ConsoleService, state_dir: Path, *,
                 full_screen: bool = False, sealer: Sealer | None = None,
                 preflight: PreflightService | None = None) -> ConsoleWindow:
    """The console for `room`, shown (maximised, or full screen on a lab PC)."""
    window = ConsoleWindow(room, service, state_dir, sealer=sealer, preflight=preflight)
    if full_screen:
        window.showFullScreen()
    else:
        window.showMaximized()
    return window
