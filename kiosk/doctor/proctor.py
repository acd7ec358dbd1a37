"""The preflight and the proctor: the report as a ``preflight`` message, the kiosk's
start-up run (in the background, sent over its link), and the doctor's short visit
from a shell (compare clocks, hand over the report, leave)."""

from __future__ import annotations

import threading
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from exam_bank.preflight import Report
from exam_bank.wire.protocol import Preflight

if TYPE_CHECKING:
    from kiosk.config import KioskConfig
    from kiosk.link import LinkedKiosk
    from kiosk.lockdown.detectors import ScreenInfo

VISIT_TIMEOUT_S = 5.0
NOT_REACHED = ("PC pengawas tidak terjangkau", "the proctor's PC did not answer")
OLD_PROCTOR = ("PC pengawas tidak mengirim jamnya", "the proctor sent no clock")


def message(report: Report) -> Preflight:
    return Preflight(report.host, report.when, report.version, report.checks)


def clock_facts(offset_ms: int | None) -> tuple[int | None, tuple[str, str] | None]:
    return offset_ms, (OLD_PROCTOR if offset_ms is None else None)


@dataclass
class ProctorProbe:
    """`ujikom doctor --config kiosk.toml`: one connection as this kiosk (its enrolled
    certificate), long enough to read the proctor's clock and hand over the report."""

    offset_ms: int | None
    problem: tuple[str, str] | None
    kiosk: LinkedKiosk | None = None

    @classmethod
    def connect(cls, proctor: dict[str, Any], where: str, base: Path) -> ProctorProbe:
        from kiosk.engine import SystemClock
        from kiosk.link import link_config, open_link

        try:
            kiosk = open_link(link_config(proctor, where, base), SystemClock())
        except Exception as exc:  # bad table, no passphrase, unreadable key: `enrollment`
            first = str(exc).splitlines()[0][:120]  # not on screen: English
            return cls(None, ("sertifikat kiosk tidak dapat dipakai",
                              f"the kiosk certificate cannot be used: {first}"))
        try:
            status = kiosk.start(VISIT_TIMEOUT_S)
        except Exception:
            kiosk.close()
            return cls(None, NOT_REACHED)
        offset, problem = clock_facts(status.clock_offset_ms)
        return cls(offset, problem, kiosk)

    def send(self, report: Report) -> None:
        if self.kiosk is None:
            return
        try:
            self.kiosk.link.set_preflight(message(report)).result(VISIT_TIMEOUT_S)
        except Exception:  # the report is printed here anyway; the kiosk sends it too
            pass
        finally:
            self.kiosk.close()


def preflight_at_start(kiosk: LinkedKiosk, config: KioskConfig,
                       screens: list[ScreenInfo] | None,
                       make: Callable[..., Report] | None = None) -> threading.Thread:
    """Run the doctor beside the starting kiosk (it takes a few hundred ms of disk and
    /proc reading) and hand the report to the link, which sends it after every welcome.
    `screens` is read by the caller on the GUI thread (Qt knows the real outputs)."""
    from kiosk.doctor.report import make_report

    build = make or make_report
    where = config.source or "kiosk.toml"
    base = Path(where).parent

    def run() -> None:
        from kiosk.link import link_config

        offset, problem = clock_facts(kiosk.status.clock_offset_ms)
        data = link_config(config.proctor, where, base).data
        report = build(data, proctor=config.proctor, where=where, base=base,
                       allow_vm=config.lockdown.allow_vm, clock_offset_ms=offset,
                       clock_problem=problem, screens=screens)
        kiosk.link.set_preflight(message(report))

    return kiosk.run_beside("preflight", run)
