"""The Windows kiosk shell (`ujikom-kiosk.exe`, Shell Launcher v2 starts it instead of
Explorer for the exam account): the kiosk with C:\\ProgramData\\Ujikom's settings, then
the locked screen when it ends normally, as /usr/lib/ujikom/kiosk-session does on Linux.
A crash returns its code: Shell Launcher starts the shell again (RestartShell)."""

import multiprocessing
import os
import sys
from pathlib import Path

from ujikom.cli import main

DATA = Path(os.environ.get("PROGRAMDATA", "C:/ProgramData")) / "Ujikom"


def newest_package() -> Path | None:
    packages = sorted((DATA / "exam").glob("*.ujikom"), key=lambda p: p.stat().st_mtime)
    return packages[-1] if packages else None


def run() -> int:
    package = newest_package()
    if package is None:
        return main(["kiosk", "locked", "--reason",
                     f"no exam package in {DATA / 'exam'}"])
    status = main(["kiosk", "--config", str(DATA / "kiosk.toml"), "--package", str(package),
                   "--trust", str(DATA / "authority.pub")])
    if status != 0:
        return status
    return main(["kiosk", "locked"])


if __name__ == "__main__":
    multiprocessing.freeze_support()
    sys.exit(run())
