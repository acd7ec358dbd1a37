"""How the kiosk app starts: its `KioskContext` from the command line, standalone (exam key
file and token) or linked to the proctor (who releases the key and the token), and the
exam package checked against the one the proctor serves.

Qt-free, so the scripted candidate (`kiosk.headless`) opens its package the same way.
"""

from __future__ import annotations

import argparse
import hashlib
import re
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from exam_bank.exam_package import ExamPackage

if TYPE_CHECKING:
    from kiosk.app import KioskContext
    from kiosk.config import KioskConfig
    from kiosk.link import LinkedKiosk

_TOKEN = re.compile(r"[A-Za-z]{6}\Z")

LINK_WAIT_S = 120.0  # a kiosk started before the proctor opens the session waits this long
REACH_S = 20.0  # ... but a proctor that never answers at all is most likely a wrong address


def open_context(args: argparse.Namespace) -> tuple[KioskContext, KioskConfig]:
    from exam_bank.crypto.authority import load_authority_public
    from exam_bank.exam_package import open_exam_package
    from kiosk.app import KioskContext
    from kiosk.config import config_from_args
    from kiosk.engine import SystemClock
    from kiosk.keysource import StandaloneKeySource, read_passphrase

    if args.package is None or not args.trust:
        raise ValueError("--package and --trust are required")
    config = config_from_args(args)
    trusted = [load_authority_public(path) for path in args.trust]
    if config.proctor or config.proctor_table:  # an empty table: link_config names the gaps
        return linked_context(args, config, trusted), config
    if args.key is None:
        raise ValueError("--key is required to run without a proctor (no [proctor] table in "
                         "--config: see kiosk/lockdown/kiosk.example.toml)")
    if not _TOKEN.match(args.token):
        raise ValueError("--token must be the 6-letter session token")
    keys = StandaloneKeySource.from_file(args.key, read_passphrase(args.key_passphrase_file),
                                         args.data)
    package = open_exam_package(args.package, trusted, keys.exam_key)
    return KioskContext(package, keys, SystemClock(), args.token.upper(), args.lang,
                        read_aloud=getattr(args, "read_aloud", False)), config


def linked_context(args: argparse.Namespace, config: KioskConfig,
                   trusted: list[Any]) -> KioskContext:
    """The proctor releases the exam key and the token; wait (a while) until it does. A
    setup fault (`kiosk.link.setup.SetupFault`) ends the wait at once, saying what to do."""
    import sys

    from kiosk.app import KioskContext
    from kiosk.engine import SystemClock
    from kiosk.link import link_config, open_link
    from kiosk.link.setup import check_enrollment

    where = config.source or "kiosk.toml"
    settings = link_config(config.proctor, where, Path(where).parent, config.proctor_lines)
    check_enrollment(config.proctor, where, Path(where).parent)
    clock = SystemClock()
    link = open_link(settings, clock)
    address = str(config.proctor.get("address"))
    preflight: list[Any] = []

    def welcomed() -> None:  # once welcomed: the proctor's clock is known
        if not preflight:
            preflight.append(_preflight(link, config))

    def waiting(why: str) -> None:
        print(f"kiosk: waiting for the proctor at {address}: {why}", file=sys.stderr)

    try:
        wait_for_proctor(link, address, LINK_WAIT_S, REACH_S, waiting, welcomed)
        package = open_package(link, args.package, trusted)
    except BaseException:
        link.close()
        raise
    return KioskContext(package, None, clock, "", args.lang, link=link,
                        read_aloud=getattr(args, "read_aloud", False))


def wait_for_proctor(kiosk: LinkedKiosk, address: str, open_s: float, reach_s: float | None,
                     waiting: Any = None, welcomed: Any = None) -> None:
    """Until the proctor has opened the session (its key released). SetupFault at once for
    a fault waiting cannot cure, after `reach_s` when the proctor never answered (None:
    wait the whole `open_s`), after `open_s` when it answered but did not open."""
    import time

    from kiosk.link import LinkError
    from kiosk.link.setup import not_opened, unreachable

    start = time.monotonic()
    said: str | None = None
    while True:
        try:
            status = kiosk.start(max(0.1, min(2.0, start + open_s - time.monotonic())))
            if welcomed is not None:
                welcomed()
            if status.session_open and status.exam_key is not None:
                return
        except LinkError:
            pass
        status = kiosk.status
        if status.fault is not None:
            raise status.fault
        why = status.last_error or ("the session is not open yet" if status.connects
                                    else "no answer yet")
        if waiting is not None and why != said:
            waiting(why)
            said = why
        waited = time.monotonic() - start
        if not status.connects and reach_s is not None and waited > reach_s:
            raise unreachable(address, status.last_error)
        if waited > open_s:
            raise not_opened(address) if status.connects else unreachable(
                address, status.last_error)
        time.sleep(0.2)


def _preflight(link: Any, config: KioskConfig) -> Any:
    """`ujikom doctor` beside the starting kiosk; the link sends its report to the
    proctor's console (the seat's preflight) after every welcome."""
    from kiosk.doctor.proctor import preflight_at_start
    from kiosk.lockdown.lockdown import qt_screens

    return preflight_at_start(link, config, qt_screens())


def file_digest(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def open_package(kiosk: LinkedKiosk, package_path: Path, trusted: Sequence[Any]) -> ExamPackage:
    """The exam package, opened with the key the proctor released, once it is checked to
    be the very file the proctor serves (its SHA-256 from the welcome)."""
    from exam_bank.exam_package import open_exam_package
    from kiosk.link.setup import wrong_package

    status = kiosk.status
    digest = file_digest(package_path)
    if status.package_digest != digest:
        raise wrong_package(package_path, digest, status.package_digest)
    return open_exam_package(package_path, trusted, kiosk.keys().exam_key)
