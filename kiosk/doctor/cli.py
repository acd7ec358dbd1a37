"""`ujikom doctor`: the preflight from a shell.

    ujikom doctor [--config kiosk.toml] [--data DIR] [--lang id|en] [--json] [--pdf FILE]

Exit status 0 when every check passes, 1 when one warns, 2 when one fails (3 when the
command itself could not run: a bad kiosk.toml). With a ``[proctor]`` table in kiosk.toml
the doctor also checks the kiosk's certificate and, when the proctor answers within a few
seconds, compares the clocks and hands the proctor this report for the console.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from exam_bank.preflight import exit_status
from kiosk.doctor.report import make_report

DEFAULT_DATA = Path("/var/lib/ujikom-kiosk/data")
NO_PROCTOR = ("tidak ada tabel [proctor] di kiosk.toml", "no [proctor] table in kiosk.toml")


def add_doctor_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--config", type=Path, default=None,
                        help="the kiosk's kiosk.toml (its [proctor] table: certificate, "
                        "enrollment, clock against the proctor; [lockdown] allow_vm)")
    parser.add_argument("--data", type=Path, default=None,
                        help="the kiosk's data folder to measure (default: [proctor] data "
                        f"from --config, else {DEFAULT_DATA} when it exists, else the "
                        "current folder)")
    parser.add_argument("--lang", choices=("id", "en"), default="id",
                        help="language of the listing (default Indonesian)")
    parser.add_argument("--json", action="store_true", help="print the report as JSON")
    parser.add_argument("--pdf", type=Path, default=None,
                        help="also write a printable one-page report (Indonesian) here")
    parser.add_argument("--no-proctor", action="store_true",
                        help="do not contact the proctor (no clock check, no report sent)")


def data_folder(args: argparse.Namespace, proctor: dict[str, Any], base: Path) -> Path:
    if args.data is not None:
        return Path(args.data)
    if isinstance(proctor.get("data"), str):
        return base / Path(proctor["data"]).expanduser()
    if isinstance(proctor.get("dir"), str):
        return base / Path(proctor["dir"]).expanduser() / "data"
    return DEFAULT_DATA if DEFAULT_DATA.is_dir() else Path.cwd()


def _probe(proctor: dict[str, Any], where: str, base: Path) -> Any:
    from kiosk.doctor.proctor import ProctorProbe

    return ProctorProbe.connect(proctor, where, base)


def run(args: argparse.Namespace) -> int:
    from kiosk.config import config_from_args

    config = config_from_args(args)  # InputError (FILE:LINE) for a bad kiosk.toml
    base = Path(config.source).parent if config.source else Path(".")
    proctor = dict(config.proctor)
    offset: int | None = None
    problem: tuple[str, str] | None = NO_PROCTOR if not proctor else None
    sender = None
    if proctor and not args.no_proctor:
        sender = _probe(proctor, config.source or "kiosk.toml", base)
        offset, problem = sender.offset_ms, sender.problem
    elif proctor:
        problem = ("dilewati: --no-proctor", "skipped: --no-proctor")
    report = make_report(data_folder(args, proctor, base), proctor=proctor or None,
                         where=config.source or "kiosk.toml", base=base,
                         allow_vm=config.lockdown.allow_vm, clock_offset_ms=offset,
                         clock_problem=problem)
    if sender is not None:
        sender.send(report)
    if args.json:
        json.dump(report.to_json(), sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        from kiosk.doctor.render import text

        sys.stdout.write(text(report, args.lang))
    if args.pdf is not None:
        from exam_bank.fsutil import atomic_write
        from kiosk.doctor.render import pdf_bytes

        atomic_write(args.pdf, pdf_bytes(report))
    return int(exit_status(report.status))
