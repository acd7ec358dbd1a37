"""`ujikom` — dispatches to the role's command line without loading the others.

`ujikom bank …` never imports Qt; the kiosk and proctor commands import their own
parts only when called, so each role starts fast.
"""

from __future__ import annotations

import argparse
import io
import os
import sys
from collections.abc import Callable, Sequence

from exam_bank.cli import add_bank_commands
from exam_bank.cliutil import ExitCode, report_errors, role_extra


def _add_bank(parser: argparse.ArgumentParser) -> None:
    add_bank_commands(parser)


def _add_demo(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--out", default="demo-out",
                        help="folder for everything the demo makes")
    parser.set_defaults(handler=_run_demo)


def _add_kiosk(parser: argparse.ArgumentParser) -> None:
    from kiosk.cli import add_kiosk_arguments  # no Qt until the kiosk runs

    add_kiosk_arguments(parser)
    parser.set_defaults(handler=_run_kiosk)


def _add_doctor(parser: argparse.ArgumentParser) -> None:
    from kiosk.doctor.cli import add_doctor_arguments

    add_doctor_arguments(parser)
    parser.set_defaults(handler=_run_doctor)


def _add_proctor(parser: argparse.ArgumentParser) -> None:
    from proctor.cli import add_proctor_commands  # no Qt until the console runs

    add_proctor_commands(parser)


# Each role's arguments are loaded only when that role is called: a machine installed for
# one role (pyproject.toml's extras) runs its commands without the others' libraries.
ROLES: dict[str, tuple[str, Callable[[argparse.ArgumentParser], None]]] = {
    "bank": ("admin: items, blueprints, rosters, exam packages", _add_bank),
    "demo": ("play a whole exam day on this machine", _add_demo),
    "kiosk": ("candidate: the exam kiosk (standalone)", _add_kiosk),
    "doctor": ("technician: check this lab PC before the exam (exit 0 pass, 1 warn, "
               "2 fail)", _add_doctor),
    "proctor": ("proctor: lab setup, lab server, console", _add_proctor),
}


def build_parser(role: str | None = None) -> argparse.ArgumentParser:
    """The command line, with the arguments of `role` (every role's when None)."""
    parser = argparse.ArgumentParser(
        prog="ujikom",
        description="Ujikom: offline computer-assisted competency testing "
        "(exam bank, candidate kiosk, proctor console).",
    )
    from ujikom import version

    parser.add_argument("--version", action="version", version=f"ujikom {version()}")
    roles = parser.add_subparsers(dest="role", required=True, metavar="ROLE")
    for name, (help_text, add) in ROLES.items():
        sub = roles.add_parser(name, help=help_text)
        if role is None or role == name:
            add(sub)
    return parser


def _role_in(argv: Sequence[str]) -> str | None:
    """The role `argv` calls (its first word), or None for `ujikom --help` and the like."""
    first = next((a for a in argv if not a.startswith("-")), None)
    return first if first in ROLES else None


def _run_demo(args: argparse.Namespace) -> int:
    from ujikom.demo import run_demo

    return run_demo(args.out, main)


def _run_kiosk(args: argparse.Namespace) -> int:
    from kiosk.cli import run

    return run(args)


def _run_doctor(args: argparse.Namespace) -> int:
    from exam_bank.problems import InputError
    from kiosk.doctor.cli import run

    try:
        return run(args)
    except InputError as exc:  # exit 1 and 2 mean warn and fail here
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        return int(ExitCode.CANNOT_START)


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    role = _role_in(argv)
    # `ujikom --help` lists the roles without loading any of them.
    args = build_parser(role or "").parse_args(argv)
    try:
        with report_errors():
            return int(args.handler(args))
    except ModuleNotFoundError as exc:
        # A machine set up for one role (e.g. the office, without Qt) asked for another.
        extra = role_extra(exc.name or "", args.role)
        if extra is None:
            raise
        missing = str(exc.name).split(".")[0]
        print(f"ujikom {args.role}: {missing} is not installed on this machine; install "
              f"this role's extra: pip install '{extra}'", file=sys.stderr)
        return int(ExitCode.CANNOT_START)
    except BrokenPipeError:
        # `ujikom proctor status | head`: the reader has gone, which is no error of ours
        # (it printed a traceback). Python's own recipe: the rest of stdout to devnull, so
        # the flush at exit does not fail again.
        _stdout_to_devnull()
        return int(ExitCode.INPUT_ERROR)
    return int(ExitCode.INPUT_ERROR)


def _stdout_to_devnull() -> None:
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, io.UnsupportedOperation):
        pass  # stdout is no file (a test's capture): nothing is flushed to a pipe at exit


if __name__ == "__main__":
    sys.exit(main())
