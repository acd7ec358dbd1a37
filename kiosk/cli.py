"""`ujikom kiosk`: the candidate's kiosk, standalone (exam key file, token from the proctor).

Nothing here imports Qt until the kiosk runs, so `ujikom --help` stays fast. A problem
before the login screen is shown in a calm bilingual message box, never as a traceback.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from exam_bank.cliutil import ExitCode

if TYPE_CHECKING:
    from PySide6.QtWidgets import QDialog

DEFAULT_DATA = Path.home() / ".local" / "share" / "ujikom-kiosk"

CANNOT_START = ("Ujian belum dapat dimulai di komputer ini. Silakan hubungi pengawas.\n\n"
                "(The exam cannot start on this kiosk: {detail})")
# A setup fault says what is wrong and what to do, in both languages.
SETUP_FAULT = ("Ujian belum dapat dimulai di komputer ini: {idn}\n\n"
               "(The exam cannot start on this kiosk: {en})")


def cannot_start(exc: BaseException) -> str:
    """Both languages with the system's detail: for the technician's shell (stderr)."""
    from kiosk.link.setup import SetupFault

    if isinstance(exc, SetupFault):
        return SETUP_FAULT.format(idn=exc.idn, en=exc.en)  # not on screen: stderr
    return CANNOT_START.format(detail=exc)  # not on screen: stderr, for the technician


def cannot_start_dialog(exc: BaseException, language: str) -> QDialog:
    """What the candidate's screen shows: words for the failure's kind in the kiosk's
    language; the system's detail only behind "Details"."""
    from exam_bank.failure import classify, detail
    from kiosk.link.setup import SetupFault
    from kiosk.screens.failure import FailureDialog, FailureWords

    words = FailureWords()
    if isinstance(exc, SetupFault):
        text = words.setup_fault(exc.idn if language == "id" else exc.en)
        technical = exc.en
    else:
        text, technical = words.cannot_start(classify(exc)), detail(exc)
    return FailureDialog(text, technical)


def add_kiosk_arguments(parser: argparse.ArgumentParser) -> None:
    from kiosk.config import apply_config_args
    from kiosk.link.enroll import add_enroll_arguments

    parser.add_argument("--package", type=Path, help="the .ujikom exam package")
    parser.add_argument("--trust", type=Path, action="append",
                        help="authority.pub to trust (repeatable)")
    apply_config_args(parser)
    parser.add_argument("--key", type=Path,
                        help="standalone: the .ujikey exam key file (with a [proctor] table "
                        "in --config the proctor releases the key instead)")
    parser.add_argument("--key-passphrase-file", type=Path, default=None,
                        help="file whose first line is the exam key's passphrase "
                        "(default: env UJIKOM_EXAM_KEY_PASSPHRASE)")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA,
                        help=f"standalone: folder for the encrypted session stores (default "
                        f"{DEFAULT_DATA})")
    parser.add_argument("--token", default="",
                        help="standalone: the session token (6 letters) from the proctor")
    parser.add_argument("--lang", choices=("id", "en"), default="id", help="UI language")
    parser.add_argument("--windowed", action="store_true", help="not full-screen (development)")
    parser.add_argument("--read-aloud", action="store_true",
                        help="offline read-aloud (espeak-ng): F9 reads the question or the "
                        "next paragraph of the paper, Shift+F9 with the answer, F10 stops, "
                        "F11 time left, F12 the last message, F7/F8 slower/faster")
    parser.add_argument("--exit-when-ready", action="store_true",
                        help="print the ready marker once the login screen is up and quit "
                        "when stdin closes (start-time benchmark and smoke tests)")
    commands = parser.add_subparsers(dest="kiosk_command", metavar="COMMAND")
    enroll = commands.add_parser("enroll", help="enroll this kiosk with the lab's proctor "
                                 "(once, with the one-time code on the proctor's screen)")
    add_enroll_arguments(enroll)
    locked = commands.add_parser("locked", help="the locked screen a kiosk PC shows after "
                                 "the exam program ended (the kiosk session runs it)")
    scripted = commands.add_parser("scripted", help="a scripted candidate without a screen "
                                   "(python -m kiosk.headless; tests, demo, lab checks)")
    scripted.add_argument("--script", type=Path, required=True,
                          help="the candidate's script (JSON): participant_no, pin; optional "
                          "pace_ms, makalah_text, hold_ms, submit (see kiosk/headless.py)")
    locked.add_argument("--reason", default="", help="a line for the technician, e.g. why "
                        "no exam started")


def run(args: argparse.Namespace) -> int:
    if getattr(args, "kiosk_command", None) == "enroll":
        from kiosk.link.enroll import run_enroll

        return run_enroll(args)
    if getattr(args, "kiosk_command", None) == "scripted":
        from kiosk.headless import main as headless

        if args.config is None or args.package is None or not args.trust:
            # It was a ValueError traceback; the options belong before the subcommand.
            print("ujikom kiosk scripted needs --config, --package and --trust, given before "
                  "it: ujikom kiosk --config kiosk.toml --package P --trust authority.pub "
                  "scripted --script S", file=sys.stderr)
            return int(ExitCode.USAGE)
        trust = [a for t in args.trust for a in ("--trust", str(t))]
        return headless(["--config", str(args.config), "--package", str(args.package),
                         *trust, "--script", str(args.script)])
    if getattr(args, "kiosk_command", None) == "locked":
        from kiosk.lockdown.locked import run_locked

        return run_locked(args.lang, args.reason, windowed=args.windowed,
                          exit_when_ready=args.exit_when_ready)
    from PySide6.QtWidgets import QApplication

    from kiosk.app import KioskController, Translations, show
    from kiosk.start import open_context

    app = QApplication.instance() or QApplication([])
    try:
        ctx, config = open_context(args)
    except Exception as exc:  # a candidate sees a message, never a traceback
        text = cannot_start(exc)
        print(text, file=sys.stderr, flush=True)  # and the technician's shell says it too
        Translations().use(args.lang)
        box = cannot_start_dialog(exc, args.lang)
        if not args.exit_when_ready:
            box.exec()
        else:
            print(text)
        return ExitCode.CANNOT_START
    controller = KioskController(ctx)
    controller.catch_unexpected()
    # Lockdown only when a kiosk.toml says how: a developer's bare run stays usable.
    show(controller, args.windowed, config.lockdown if config.source else None,
         exit_when_ready=args.exit_when_ready)
    try:
        return int(app.exec())
    finally:
        controller.close()


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="ujikom kiosk", description=__doc__)
    add_kiosk_arguments(parser)
    return run(parser.parse_args(argv))
