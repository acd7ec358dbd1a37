"""One preflight report: this PC's facts gathered and judged. `ujikom doctor` prints it;
the starting kiosk sends it to the proctor (`kiosk.doctor.proctor`)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from exam_bank.ids import KioskId
from exam_bank.preflight import Report
from kiosk.doctor import facts as gather_facts
from kiosk.doctor.judge import judge
from kiosk.lockdown.detectors import ScreenInfo


def make_report(data: Path, *, proctor: dict[str, Any] | None = None,
                where: str = "kiosk.toml", base: Path = Path("."), allow_vm: bool = False,
                clock_offset_ms: int | None = None,
                clock_problem: tuple[str, str] | None = None,
                screens: list[ScreenInfo] | None = None) -> Report:
    """Gather and judge; what the CLI and the kiosk's start-up both call."""
    from ujikom import version

    f = gather_facts.gather(data, proctor=proctor, config_where=where, config_base=base,
                            allow_vm=allow_vm, clock_offset_ms=clock_offset_ms,
                            clock_problem=clock_problem, screens=screens)
    kiosk_id = KioskId(str((proctor or {}).get("kiosk_id", ""))[:64])
    seat = str((proctor or {}).get("seat", ""))[:32]
    when = f.now.astimezone().isoformat(timespec="seconds")
    return Report(f.host[:64], kiosk_id, seat, when, version(), judge(f))
