"""A machine the tests describe: each fact is a field the test changes between passes."""

from __future__ import annotations

from dataclasses import dataclass, field

from kiosk.lockdown.detectors import Mount, ProcInfo, ScreenInfo
from kiosk.lockdown.probes import Probes

KIOSK_PID = 4242
LAB_NIC = {"eth0": "state=up addresses=10.10.0.21"}


@dataclass
class FakeMachine:
    procs: list[ProcInfo] = field(default_factory=lambda: [
        ProcInfo(1, "systemd", "/usr/lib/systemd/systemd"),
        ProcInfo(KIOSK_PID, "python3", "/opt/ujikom/.venv/bin/python3"),
    ])
    interfaces: dict[str, str] = field(default_factory=lambda: dict(LAB_NIC))
    mounts: list[Mount] = field(default_factory=lambda: [Mount("/dev/sda2", "/", False)])
    dmi: list[str] = field(default_factory=lambda: ["LENOVO", "ThinkCentre M70q"])
    detect_virt: str | None = "none"
    screens: list[ScreenInfo] = field(default_factory=lambda: [
        ScreenInfo("HDMI-1", "1366x768+0+0")])
    now: float = 1000.0
    scan_cost_s: float = 0.002  # how long the fake clock says a process scan takes
    cmdline_asked: list[frozenset[str]] = field(default_factory=list)
    detect_virt_calls: int = 0

    def _processes(self, with_cmdline: frozenset[str]) -> list[ProcInfo]:
        self.cmdline_asked.append(with_cmdline)
        self.now += self.scan_cost_s
        return list(self.procs)

    def _detect_virt(self) -> str | None:
        self.detect_virt_calls += 1
        return self.detect_virt

    def probes(self) -> Probes:
        return Probes(processes=self._processes, interfaces=lambda: dict(self.interfaces),
                      mounts=lambda: list(self.mounts), dmi=lambda: list(self.dmi),
                      detect_virt=self._detect_virt,
                      own_pids=lambda: frozenset({KIOSK_PID}),
                      screens=lambda: list(self.screens), clock=lambda: self.now)
