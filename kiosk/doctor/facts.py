"""What `ujikom doctor` looks at, gathered once into plain data (`Facts`); `judge` turns
it into verdicts. Each gatherer is cheap and never raises: what cannot be read is None
or empty, and the verdict says "could not check" rather than guessing.
"""

from __future__ import annotations

import contextlib
import ctypes.util
import datetime as dt
import os
import shutil
import socket
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from exam_bank.failure import Failure, classify
from exam_bank.ids import KioskId
from kiosk.doctor.remote import REMOTE_TOOLS
from kiosk.lockdown import probes
from kiosk.lockdown.detectors import Mount, ProcInfo, ScreenInfo

DRM = Path("/sys/class/drm")
NET = Path("/sys/class/net")
FONT_DIRS = (Path("/usr/share/fonts"), Path("/usr/local/share/fonts"),
             Path("C:/Windows/Fonts"), Path(sys.prefix) / "share" / "fonts")
WRITES = 16  # small fsync'ed writes, like the kiosk's commits
WRITE_BLOCK = 4096
BULK_BYTES = 4 * 1024 * 1024


@dataclass(frozen=True)
class WriteSpeed:
    commit_ms: float  # median time of a small write + fsync (an answer's commit)
    mb_per_s: float  # a 4 MiB write + fsync


@dataclass(frozen=True)
class Enrollment:
    """The kiosk's lab certificate as kiosk.toml's [proctor] table points to it."""

    kiosk_id: KioskId
    seat: str
    cert_cn: str | None = None
    not_after: dt.datetime | None = None
    issued_by_ca: bool = False
    key_present: bool = False
    problem: str | None = None  # why the files could not be read


@dataclass(frozen=True)
class Facts:
    host: str
    data_dir: Path
    free_bytes: int | None
    write: WriteSpeed | None
    write_problem: tuple[str, str] | None  # (Indonesian, English)
    clock_offset_ms: int | None  # proctor minus this PC; None: not measured
    clock_problem: tuple[str, str] | None  # why not measured: (Indonesian, English)
    screens: list[ScreenInfo] | None  # None: cannot tell (no DRM, no Qt screen)
    interfaces: dict[str, str]
    wireless: frozenset[str]
    mounts: list[Mount]
    dmi: list[str]
    detect_virt: str | None
    allow_vm: bool
    processes: list[ProcInfo]
    own_pids: frozenset[int]
    installed: list[tuple[str, str]]  # (tool name, path found)
    fonts: list[str]
    opengl: list[str]  # GL/EGL libraries found, and render nodes
    enrollment: Enrollment | None  # None: no [proctor] table (standalone)
    now: dt.datetime = field(default_factory=lambda: dt.datetime.now(dt.UTC))


def free_bytes(folder: Path) -> int | None:
    """Free space where `folder` is (or would be: its nearest existing parent)."""
    for candidate in (folder, *folder.parents):
        if candidate.exists():
            with contextlib.suppress(OSError):
                return shutil.disk_usage(candidate).free
            return None
    return None


_WRITE_WHY = {Failure.DISK_FULL: "disk penuh",
              Failure.NO_PERMISSION: "tidak boleh ditulisi (izin atau hanya-baca)",
              Failure.NOT_FOUND: "folder tidak ada"}


def write_speed(folder: Path,
                clock: Callable[[], float] = time.perf_counter
                ) -> tuple[WriteSpeed | None, tuple[str, str] | None]:
    """Times small fsync'ed writes and one 4 MiB write in `folder` (created if missing,
    the test file removed); (None, (why in Indonesian, in English)) when the folder cannot
    be written: the Indonesian from the failure's kind, the system's words in the English."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f".ujikom-doctor-{os.getpid()}"
        commits = []
        with open(path, "wb") as f:
            block = os.urandom(WRITE_BLOCK)
            for _ in range(WRITES):
                start = clock()
                f.write(block)
                f.flush()
                os.fsync(f.fileno())
                commits.append((clock() - start) * 1000)
            bulk = os.urandom(BULK_BYTES)
            start = clock()
            f.write(bulk)
            f.flush()
            os.fsync(f.fileno())
            seconds = max(clock() - start, 1e-6)
        path.unlink()
    except OSError as exc:
        return None, (f"{folder}: {_WRITE_WHY.get(classify(exc), 'galat sistem berkas')}",
                      f"{folder}: {exc.strerror or exc}")
    commits.sort()
    return WriteSpeed(commits[len(commits) // 2], BULK_BYTES / seconds / 1e6), None


def drm_screens(root: Path = DRM) -> list[ScreenInfo] | None:
    """Connected monitors from the kernel's DRM connectors, with their preferred mode
    (the first line of `modes`); None when there is no DRM at all."""
    if not root.is_dir():
        return None
    screens = []
    for connector in sorted(root.glob("card*-*")):
        try:
            if (connector / "status").read_text().strip() != "connected":
                continue
            modes = (connector / "modes").read_text().split()
        except OSError:
            continue
        name = connector.name.split("-", 1)[1]
        screens.append(ScreenInfo(name, f"{modes[0]}+0+0" if modes else "?"))
    return screens


def wireless(names: list[str], root: Path = NET) -> frozenset[str]:
    return frozenset(n for n in names if (root / n / "wireless").exists()
                     or n.lower().startswith(("wl", "wi-fi", "wifi", "wlan")))


def installed_remote_tools(exists: Callable[[str], bool] = os.path.exists
                           ) -> list[tuple[str, str]]:
    found = []
    for tool in REMOTE_TOOLS:
        for path in tool.paths:
            if exists(path):
                found.append((tool.name, path))
                break
    return found


def dejavu_fonts(dirs: tuple[Path, ...] = FONT_DIRS) -> list[str]:
    found: list[str] = []
    for folder in dirs:
        if folder.is_dir():
            with contextlib.suppress(OSError):
                found.extend(str(p) for p in folder.rglob("DejaVuSans*.ttf"))
    return sorted(found)


def opengl() -> list[str]:
    """The OpenGL/EGL libraries Qt would load, and GPU render nodes (absent: software
    rendering, which Qt Widgets manage but which is slower)."""
    found = [lib for name in ("EGL", "GL", "GLESv2", "opengl32")
             if (lib := ctypes.util.find_library(name))]
    with contextlib.suppress(OSError):
        found.extend(str(p) for p in sorted(Path("/dev/dri").glob("renderD*")))
    return found


def enrollment(table: dict[str, object], where: str, base: Path) -> Enrollment:
    from cryptography import x509

    from exam_bank.bundle.certs import common_name
    from exam_bank.wire.tls import read_cert
    from kiosk.link.config import link_config

    try:
        config = link_config(table, where, base)
    except Exception as exc:  # InputError naming the field: shown as the problem
        return Enrollment(KioskId(str(table.get("kiosk_id", ""))), str(table.get("seat", "")),
                          problem=str(exc).splitlines()[0][:200])  # not on screen
    try:
        cert = read_cert(config.cert)
        ca = read_cert(config.ca)
    except Exception as exc:
        return Enrollment(config.kiosk_id, config.seat, problem=f"{exc}"[:200])  # not on screen
    issued = False
    with contextlib.suppress(Exception):
        cert.verify_directly_issued_by(ca)
        issued = True
    not_after: dt.datetime | None = None
    with contextlib.suppress(ValueError, x509.ExtensionNotFound):
        not_after = cert.not_valid_after_utc
    return Enrollment(config.kiosk_id, config.seat, common_name(cert), not_after, issued,
                      config.key.is_file())


def gather(data_dir: Path, *, proctor: dict[str, object] | None = None,
           config_where: str = "kiosk.toml", config_base: Path = Path("."),
           allow_vm: bool = False, clock_offset_ms: int | None = None,
           clock_problem: tuple[str, str] | None = None,
           screens: list[ScreenInfo] | None = None) -> Facts:
    """Everything, from this machine. `screens` comes from Qt when the kiosk runs the
    doctor (it knows the real outputs, also under Wayland); else from DRM."""
    write, write_problem = write_speed(data_dir)
    interfaces = probes.network_interfaces()
    return Facts(
        host=socket.gethostname(), data_dir=data_dir, free_bytes=free_bytes(data_dir),
        write=write, write_problem=write_problem, clock_offset_ms=clock_offset_ms,
        clock_problem=clock_problem,
        screens=screens if screens is not None else drm_screens(),
        interfaces=interfaces, wireless=wireless(list(interfaces)), mounts=probes.mounts(),
        dmi=probes.dmi_strings(), detect_virt=probes.detect_virt(), allow_vm=allow_vm,
        processes=probes.scan_processes(frozenset()), own_pids=probes.own_pids(),
        installed=installed_remote_tools(), fonts=dejavu_fonts(), opengl=opengl(),
        enrollment=None if not proctor else enrollment(proctor, config_where, config_base))
