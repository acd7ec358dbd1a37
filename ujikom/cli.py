"""`ujikom` — dispatches to the role's command line without loading the others.

`ujikom bank …` never imports Qt; the kiosk and proctor commands import their own
parts only when called, so each role starts fast.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from exam_bank.cli import ExitCode, add_bank_commands, report_errors


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="ujikom",
        description="Ujikom: offline computer-assisted competency testing "
        "(exam bank, candidate kiosk, proctor console).",
    )
    from ujikom import version

    parser.add_argument("--version", action="version", version=f"ujikom {version()}")
    roles = parser.add_subparsers(dest="role", required=True, metavar="ROLE")
    bank = roles.add_parser("bank", help="admin: items, blueprints, rosters, exam packages")
    add_bank_commands(bank)
    demo = roles.add_parser("demo", help="play a whole exam day on this machine")
    demo.add_argument("--out", default="demo-out", help="folder for everything the demo makes")
    demo.set_defaults(handler=_run_demo)
    kiosk = roles.add_parser("kiosk", help="candidate: the exam kiosk (standalone)")
    from kiosk.cli import add_kiosk_arguments  # no Qt until the kiosk runs

    add_kiosk_arguments(kiosk)
    kiosk.set_defaults(handler=_run_kiosk)
    doctor = roles.add_parser("doctor", help="technician: check this lab PC before the exam "
                              "(exit 0 pass, 1 warn, 2 fail)")
    from kiosk.doctor.cli import add_doctor_arguments

    add_doctor_arguments(doctor)
    doctor.set_defaults(handler=_run_doctor)
    proctor = roles.add_parser("proctor", help="proctor: lab setup, lab server, console")
    from proctor.cli import add_proctor_commands  # no Qt until the console runs

    add_proctor_commands(proctor)
    return parser


def _run_demo(args: argparse.Namespace) -> int:
    from ujikom.demo import run_demo

    return run_demo(args.out)


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
    args = build_parser().parse_args(argv)
    with report_errors():
        return int(args.handler(args))
    return int(ExitCode.INPUT_ERROR)


if __name__ == "__main__":
    sys.exit(main())
