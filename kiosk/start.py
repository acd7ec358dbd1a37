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
    if config.proctor:
        return linked_context(args, config, trusted), config
    if args.key is None:
        raise ValueError("--key is required without a [proctor] table in --config")
    if not _TOKEN.match(args.token):
        raise ValueError("--token must be the 6-letter session token")
    keys = StandaloneKeySource.from_file(args.key, read_passphrase(args.key_passphrase_file),
                                         args.data)
    package = open_exam_package(args.package, trusted, keys.exam_key)
    return KioskContext(package, keys, SystemClock(), args.token.upper(), args.lang), config


def linked_context(args: argparse.Namespace, config: KioskConfig,
                   trusted: list[Any]) -> KioskContext:
    """The proctor releases the exam key and the token; wait (a while) until it does."""
    import time

    from kiosk.app import KioskContext
    from kiosk.engine import SystemClock
    from kiosk.link import LinkError, link_config, open_link

    where = config.source or "kiosk.toml"
    settings = link_config(config.proctor, where, Path(where).parent)
    clock = SystemClock()
    link = open_link(settings, clock)
    deadline = time.monotonic() + LINK_WAIT_S
    preflight = None
    while True:
        try:
            status = link.start(5.0)
            if preflight is None:  # once welcomed: the proctor's clock is known
                preflight = _preflight(link, config)
            if status.session_open and status.exam_key is not None:
                break
        except LinkError:
            pass
        if time.monotonic() > deadline:
            link.close()
            raise ValueError(f"the proctor at {config.proctor.get('address')} has not opened "
                             "the session")
        time.sleep(0.5)
    package = open_package(link, args.package, trusted)
    return KioskContext(package, None, clock, "", args.lang, link=link)


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
    from kiosk.link import LinkError

    status = kiosk.status
    digest = file_digest(package_path)
    if status.package_digest != digest:
        raise LinkError(f"{package_path}: not the package the proctor serves (SHA-256 "
                        f"{digest[:12]}..., expected {str(status.package_digest)[:12]}...)")
    return open_exam_package(package_path, trusted, kiosk.keys().exam_key)
