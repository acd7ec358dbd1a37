"""Facts about the machine, gathered with psutil, /proc and /sys; tests pass fakes.

Every probe is cheap and never raises: a fact that cannot be read is simply absent,
because a probe failing must never stop an honest candidate's exam.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

import psutil

from kiosk.lockdown.detectors import Mount, ProcInfo, ScreenInfo

DMI = Path("/sys/class/dmi/id")
SYS_BLOCK = Path("/sys/block")
PROC = Path("/proc")


def scan_processes(with_cmdline: frozenset[str]) -> list[ProcInfo]:
    """Every process's pid, name and exe; the command line only for `with_cmdline` names.

    On Linux /proc is read directly: three times cheaper than psutil's per-process
    objects (measured: benchmarks/lockdown_scan.py), and this runs every few seconds.
    """
    if (PROC / "self" / "comm").is_file():
        return _scan_proc(with_cmdline)
    return _scan_psutil(with_cmdline)


def _wanted(name: str, exe: str, with_cmdline: frozenset[str]) -> bool:
    base = os.path.basename(exe).lower().removesuffix(".exe")
    return name.lower().removesuffix(".exe") in with_cmdline or base in with_cmdline


def _scan_proc(with_cmdline: frozenset[str]) -> list[ProcInfo]:
    procs = []
    root = str(PROC)
    for entry in os.listdir(root):
        if not entry.isdigit():
            continue
        folder = f"{root}/{entry}"  # plain strings: pathlib costs more than the reads here
        try:
            with open(f"{folder}/comm", "rb") as f:
                name = f.read().decode(errors="replace").strip()
        except OSError:
            continue  # gone since the listing
        try:
            exe = os.readlink(f"{folder}/exe")
        except OSError:
            exe = ""  # another user's process, or a kernel thread
        cmdline: tuple[str, ...] = ()
        if with_cmdline and _wanted(name, exe, with_cmdline):
            with contextlib.suppress(OSError), open(f"{folder}/cmdline", "rb") as f:
                cmdline = tuple(f.read().decode(errors="replace").split("\0")[:-1])
        procs.append(ProcInfo(int(entry), name, exe, cmdline))
    return procs


def _scan_psutil(with_cmdline: frozenset[str]) -> list[ProcInfo]:
    procs = []
    for proc in psutil.process_iter(["pid", "name", "exe"]):
        info = proc.info
        name = info.get("name") or ""
        exe = info.get("exe") or ""
        cmdline: tuple[str, ...] = ()
        if with_cmdline and _wanted(name, exe, with_cmdline):
            try:
                cmdline = tuple(proc.cmdline())
            except (psutil.Error, OSError):
                cmdline = ()
        procs.append(ProcInfo(info["pid"], name, exe, cmdline))
    return procs


def network_interfaces() -> dict[str, str]:
    """Interface name -> its addresses and up/down state; loopback left out."""
    try:
        addrs = psutil.net_if_addrs()
        stats = psutil.net_if_stats()
    except (psutil.Error, OSError):
        return {}
    found = {}
    for name, entries in addrs.items():
        stat = stats.get(name)
        if _is_loopback(name):
            continue
        ips = " ".join(a.address for a in entries
                       if a.family in (socket.AF_INET, socket.AF_INET6))
        state = "up" if stat is not None and stat.isup else "down"
        found[name] = f"state={state} addresses={ips or '-'}"
    for name, stat in stats.items():  # an interface with no address yet is still new
        if name not in found and not _is_loopback(name):
            found[name] = f"state={'up' if stat.isup else 'down'} addresses=-"
    return found


def _is_loopback(name: str) -> bool:
    return name == "lo" or name.lower().startswith("loopback")


def _removable_block(device: str) -> bool:
    """/sys/block/<disk>/removable for a partition like /dev/sdb1 or /dev/mmcblk0p1."""
    base = Path(device).name
    if not base or not SYS_BLOCK.is_dir():
        return False
    for disk in (base, base.rstrip("0123456789"), base.rsplit("p", 1)[0]):
        try:
            return (SYS_BLOCK / disk / "removable").read_text().strip() == "1"
        except OSError:
            continue
    return False


def mounts() -> list[Mount]:
    try:
        parts = psutil.disk_partitions(all=False)
    except (psutil.Error, OSError):
        return []
    return [Mount(p.device, p.mountpoint,
                  "removable" in p.opts.lower() or _removable_block(p.device))
            for p in parts]


def dmi_strings() -> list[str]:
    values = []
    for name in ("sys_vendor", "product_name"):
        try:
            values.append((DMI / name).read_text(errors="replace").strip())
        except OSError:
            continue
    return [v for v in values if v]


def detect_virt() -> str | None:
    """`systemd-detect-virt --vm` (VMs only: a container is not a VM), if installed."""
    tool = shutil.which("systemd-detect-virt")
    if tool is None:
        return None
    try:
        out = subprocess.run([tool, "--vm"], capture_output=True, text=True, timeout=3,
                             check=False)
    except (OSError, subprocess.SubprocessError):
        return None
    return out.stdout.strip() or None


def own_pids() -> frozenset[int]:
    """The kiosk and its children (Qt helper processes): never forbidden."""
    pids = {os.getpid()}
    with contextlib.suppress(psutil.Error, OSError):
        pids.update(c.pid for c in psutil.Process().children(recursive=True))
    return frozenset(pids)


@dataclass
class Probes:
    """Where the guards get their facts; a test replaces any of them."""

    processes: Callable[[frozenset[str]], list[ProcInfo]] = scan_processes
    interfaces: Callable[[], dict[str, str]] = network_interfaces
    mounts: Callable[[], list[Mount]] = mounts
    dmi: Callable[[], list[str]] = dmi_strings
    detect_virt: Callable[[], str | None] = detect_virt
    own_pids: Callable[[], frozenset[int]] = own_pids
    # None: the Qt side fills in QGuiApplication.screens().
    screens: Callable[[], list[ScreenInfo]] | None = None
    clock: Callable[[], float] = field(default=time.monotonic)
