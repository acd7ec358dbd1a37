"""The lockdown's rules, as pure functions over plain facts the probes gathered.

Each detector turns facts into `Finding`s; a finding's `key` names the fact (a program
name, an interface, a mount), so the ledger reports it once while it lasts.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass


class Kind:
    """Incident kinds, as written in the event log and shown to the proctor."""

    FORBIDDEN_PROCESS = "forbidden_process"
    EXTRA_SCREEN = "extra_screen"
    NEW_NETWORK_INTERFACE = "new_network_interface"
    REMOVABLE_DRIVE = "removable_drive"
    VIRTUAL_MACHINE = "virtual_machine"
    BLOCKED_KEY = "blocked_key"
    UNLOCK_REFUSED = "unlock_refused"
    CLOSE_REFUSED = "close_refused"
    QUIT_CODE_REFUSED = "quit_code_refused"  # a wrong proctor's exit code at the seat
    QUIT_CODE_LOCKOUT = "quit_code_lockout"  # too many: the exit dialog locked a while
    KIOSK_EXIT = "kiosk_exit"  # the proctor's exit code closed the kiosk (note: where)


@dataclass(frozen=True)
class Finding:
    kind: str
    key: str  # what makes this fact distinct within its kind
    evidence: str  # for the log: names, pids, paths


@dataclass(frozen=True)
class ProcInfo:
    pid: int
    name: str
    exe: str = ""
    cmdline: tuple[str, ...] = ()  # filled only for programs whose rule needs arguments


@dataclass(frozen=True)
class Mount:
    device: str
    mountpoint: str
    removable: bool  # /sys/block/*/removable, or the OS says so (Windows "removable")


@dataclass(frozen=True)
class ScreenInfo:
    name: str
    geometry: str  # "1920x1080+1366+0"


@dataclass(frozen=True)
class ProcessRule:
    name: str  # lower-case, without ".exe"
    arg: str = ""  # non-empty: only when an argument contains it (lower-case)

    @classmethod
    def parse(cls, entry: str) -> ProcessRule:
        name, _, arg = entry.strip().partition(":")
        return cls(_program(name), arg.strip().lower())


def rules_from(entries: Iterable[str]) -> tuple[ProcessRule, ...]:
    return tuple(ProcessRule.parse(e) for e in entries)


def needs_cmdline(rules: Sequence[ProcessRule]) -> frozenset[str]:
    """Programs whose arguments must be read: the probe skips the rest (reading every
    process's command line would make the scan several times slower)."""
    return frozenset(r.name for r in rules if r.arg)


def _program(name: str) -> str:
    name = name.strip().lower()
    return name[:-4] if name.endswith(".exe") else name


def program_names(proc: ProcInfo) -> set[str]:
    """The names a process goes by: its name and its executable's basename."""
    names = {_program(proc.name)} if proc.name else set()
    if proc.exe:
        # Windows paths too (and on Linux test machines, where basename keeps backslashes)
        names.add(_program(proc.exe.replace("\\", "/").rsplit("/", 1)[-1]))
    return names - {""}


COMM_MAX = 15  # Linux shortens process names to 15 bytes (/proc/PID/comm)


def _rule_index(rules: Sequence[ProcessRule]) -> dict[str, list[ProcessRule]]:
    """Rules by name, and by the 15-byte name Linux shows for a longer one, so each
    process costs a dictionary lookup per name rather than a pass over every rule."""
    index: dict[str, list[ProcessRule]] = {}
    for rule in rules:
        index.setdefault(rule.name, []).append(rule)
        if len(rule.name) > COMM_MAX:
            index.setdefault(rule.name[:COMM_MAX], []).append(rule)
    return index


def _match(index: dict[str, list[ProcessRule]], proc: ProcInfo) -> ProcessRule | None:
    for name in program_names(proc):
        for rule in index.get(name, ()):
            if not rule.arg or any(rule.arg in a.lower() for a in proc.cmdline):
                return rule
    return None


def forbidden_processes(procs: Iterable[ProcInfo], rules: Sequence[ProcessRule],
                        own_pids: frozenset[int]) -> list[Finding]:
    """One finding per forbidden program, however many processes it runs (a browser runs
    dozens); the kiosk's own processes never count."""
    index = _rule_index(rules)
    found: dict[str, list[ProcInfo]] = {}
    for proc in procs:
        if proc.pid in own_pids:
            continue
        rule = _match(index, proc)
        if rule is not None:
            found.setdefault(rule.name, []).append(proc)
    findings = []
    for name, matched in sorted(found.items()):
        matched.sort(key=lambda p: p.pid)
        first = matched[0]
        pids = ",".join(str(p.pid) for p in matched[:5]) + ("…" if len(matched) > 5 else "")
        findings.append(Finding(Kind.FORBIDDEN_PROCESS, name,
                                f"name={first.name} pid={pids} exe={first.exe or '?'}"))
    return findings


def new_interfaces(at_start: Iterable[str], now: dict[str, str]) -> list[Finding]:
    """Interfaces that appeared since the kiosk started; the lab NIC and loopback were
    there already. `now` maps an interface name to a short description (addresses)."""
    known = set(at_start)
    return [Finding(Kind.NEW_NETWORK_INTERFACE, name, f"interface={name} {desc}".strip())
            for name, desc in sorted(now.items()) if name not in known]


REMOVABLE_MOUNT_ROOTS = ("/media/", "/run/media/")


def removable_drives(mounts: Iterable[Mount]) -> list[Finding]:
    """Mounted removable media: flagged removable by the kernel/OS, or mounted where
    desktops mount USB sticks (USB hard disks often claim not to be removable)."""
    return [Finding(Kind.REMOVABLE_DRIVE, f"{m.device} {m.mountpoint}",
                    f"device={m.device} mountpoint={m.mountpoint}")
            for m in mounts
            if m.removable or m.mountpoint.startswith(REMOVABLE_MOUNT_ROOTS)]


VM_MARKERS = ("virtualbox", "vmware", "qemu", "kvm", "xen", "hyper-v", "parallels",
              "bochs", "bhyve")


def virtual_machine(dmi: Sequence[str], detect_virt: str | None) -> Finding | None:
    """A VM from the DMI product/vendor strings, else from `systemd-detect-virt --vm`
    (which prints "none" on real hardware). Microsoft's DMI vendor alone is not enough:
    Surface laptops say "Microsoft Corporation" too, so Hyper-V is matched on its
    product name ("Virtual Machine")."""
    text = " ".join(dmi).lower()
    for marker in VM_MARKERS:
        if marker in text:
            return Finding(Kind.VIRTUAL_MACHINE, marker, f"dmi={' / '.join(dmi)}")
    if "microsoft" in text and "virtual machine" in text:
        return Finding(Kind.VIRTUAL_MACHINE, "hyper-v", f"dmi={' / '.join(dmi)}")
    if detect_virt and detect_virt.strip() not in ("", "none"):
        what = detect_virt.strip()
        return Finding(Kind.VIRTUAL_MACHINE, what, f"systemd-detect-virt={what}")
    return None


def extra_screens(screens: Sequence[ScreenInfo]) -> list[Finding]:
    """Every screen after the first (the primary one shows the exam)."""
    return [Finding(Kind.EXTRA_SCREEN, s.name, f"screen={s.name} geometry={s.geometry} "
                    f"screens={len(screens)}") for s in screens[1:]]
