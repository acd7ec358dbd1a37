"""`ujikom kiosk`: the candidate's kiosk, standalone (exam key file, token from the proctor).

Nothing here imports Qt until the kiosk runs, so `ujikom --help` stays fast. A problem
before the login screen is shown in a calm bilingual message box, never as a traceback.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from exam_bank.cli import ExitCode

if TYPE_CHECKING:
    from kiosk.app import KioskContext

DEFAULT_DATA = Path.home() / ".local" / "share" / "ujikom-kiosk"

_TOKEN = re.compile(r"[A-Za-z]{6}\Z")

CANNOT_START = ("Ujian belum dapat dimulai di komputer ini. Silakan hubungi pengawas.\n\n"
                "(The exam cannot start on this kiosk: {detail})")


def add_kiosk_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--package", required=True, type=Path, help="the .ujikom exam package")
    parser.add_argument("--key", required=True, type=Path, help="the .ujikey exam key file")
    parser.add_argument("--trust", required=True, type=Path, action="append",
                        help="authority.pub to trust (repeatable)")
    parser.add_argument("--key-passphrase-file", type=Path, default=None,
                        help="file whose first line is the exam key's passphrase "
                        "(default: env UJIKOM_EXAM_KEY_PASSPHRASE)")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA,
                        help=f"folder for the encrypted session stores (default {DEFAULT_DATA})")
    parser.add_argument("--token", default="", help="session token (6 letters) from the proctor")
    parser.add_argument("--lang", choices=("id", "en"), default="id", help="UI language")
    parser.add_argument("--windowed", action="store_true", help="not full-screen (development)")


def _open_context(args: argparse.Namespace) -> KioskContext:
    from exam_bank.crypto.authority import load_authority_public
    from exam_bank.exam_package import open_exam_package
    from kiosk.app import KioskContext
    from kiosk.engine import SystemClock
    from kiosk.keysource import StandaloneKeySource, read_passphrase

    if not _TOKEN.match(args.token):
        raise ValueError("--token must be the 6-letter session token")
    keys = StandaloneKeySource.from_file(args.key, read_passphrase(args.key_passphrase_file),
                                         args.data)
    trusted = [load_authority_public(path) for path in args.trust]
    package = open_exam_package(args.package, trusted, keys.exam_key)
    return KioskContext(package, keys, SystemClock(), args.token.upper(), args.lang)


def run(args: argparse.Namespace) -> int:
    from PySide6.QtWidgets import QApplication, QMessageBox

    from kiosk.app import KioskController, show

    app = QApplication.instance() or QApplication([])
    try:
        ctx = _open_context(args)
    except Exception as exc:  # a candidate sees a message, never a traceback
        box = QMessageBox(QMessageBox.Icon.Warning, "Ujikom", CANNOT_START.format(detail=exc))
        box.setAccessibleName("Ujikom")
        if not _exit_when_ready():
            box.exec()
        else:
            print(CANNOT_START.format(detail=exc))
        return ExitCode.CANNOT_START
    controller = KioskController(ctx)
    show(controller, args.windowed)
    try:
        return int(app.exec())
    finally:
        controller.close()


def _exit_when_ready() -> bool:
    import os

    from kiosk.app import READY_ENV

    return bool(os.environ.get(READY_ENV))


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="ujikom kiosk", description=__doc__)
    add_kiosk_arguments(parser)
    return run(parser.parse_args(argv))
