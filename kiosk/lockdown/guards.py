"""One guard pass: ask the probes, apply the rules, keep only what is news. No Qt here."""

from __future__ import annotations

import logging

from kiosk.config import LockdownConfig
from kiosk.lockdown.detectors import (
    Finding,
    Kind,
    extra_screens,
    forbidden_processes,
    needs_cmdline,
    new_interfaces,
    removable_drives,
    rules_from,
    virtual_machine,
)
from kiosk.lockdown.ledger import FindingLedger, ScanPacer
from kiosk.lockdown.probes import Probes

log = logging.getLogger(__name__)


class Guards:
    OWN_REFRESH = 20
    def __init__(self, config: LockdownConfig, probes: Probes) -> None:
        self.config = config
        self.probes = probes
        self.rules = rules_from(config.forbidden_processes)
        self._cmdline_for = needs_cmdline(self.rules)
        self.ledger = FindingLedger()
        self.pacer = ScanPacer()
        self.interfaces_at_start: frozenset[str] = frozenset()
        self._vm_checked = False
        self.last_scan_s = 0.0
        self._own: frozenset[int] = frozenset()
        self._own_age = 0

    def start(self) -> None:
        """Notes what is normal here: the interfaces present when the kiosk starts."""
        self.interfaces_at_start = frozenset(self.probes.interfaces())

    def check(self) -> list[Finding]:
        """Everything new since the last pass, each fact once."""
        news: list[Finding] = []
        if self.pacer.due():
            news += self._process_pass()
        news += self.ledger.update(Kind.NEW_NETWORK_INTERFACE,
                                   new_interfaces(self.interfaces_at_start,
                                                  self.probes.interfaces()))
        news += self.ledger.update(Kind.REMOVABLE_DRIVE, removable_drives(self.probes.mounts()))
        news += self.check_screens()
        if not self._vm_checked:
            news += self._vm_pass()
        return news

    def _process_pass(self) -> list[Finding]:
        start = self.probes.clock()
        procs = self.probes.processes(self._cmdline_for)
        found = forbidden_processes(procs, self.rules, self._own_pids())
        self.last_scan_s = self.probes.clock() - start
        self.pacer.took(self.last_scan_s)
        if self.pacer.every > 1:
            log.info("process scan took %.0f ms; scanning every %d passes",
                     self.last_scan_s * 1000, self.pacer.every)
        return self.ledger.update(Kind.FORBIDDEN_PROCESS, found)

    def _own_pids(self) -> frozenset[int]:
        """Asked every OWN_REFRESH scans only: listing children walks every process."""
        if not self._own or self._own_age >= self.OWN_REFRESH:
            self._own, self._own_age = self.probes.own_pids(), 0
        self._own_age += 1
        return self._own

    def _vm_pass(self) -> list[Finding]:
        """Once per run: the hardware does not change under a running kiosk."""
        self._vm_checked = True
        if self.config.allow_vm:
            return []
        dmi = self.probes.dmi()
        finding = virtual_machine(dmi, None)
        if finding is None:  # the DMI strings said nothing: ask systemd (a subprocess)
            finding = virtual_machine(dmi, self.probes.detect_virt())
        return [finding] if finding is not None and self.ledger.add(finding) else []

    def check_screens(self) -> list[Finding]:
        """Also called at once when Qt says a screen was plugged in or out."""
        if self.probes.screens is None:
            return []
        return self.ledger.update(Kind.EXTRA_SCREEN, extra_screens(self.probes.screens()))
