"""Build the Debian packages from the frozen application folder, with dpkg-deb only (no
debhelper, no network):

    python packaging/build_debs.py --app dist/app/ujikom --out dist

- ujikom-common: the application in /opt/ujikom, /usr/bin/ujikom, the manual page.
- ujikom-kiosk: the kiosk session (cage on tty1), its firewall, the lockdown's system
  pieces and ujikom-kiosk-enable / ujikom-kiosk-disable.
- ujikom-proctor: the proctor console launcher and the headless lab server's unit.

`layout()` says which file goes where; the fast packaging test checks it without
building anything.
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import os
import shutil
import subprocess
import sys
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
LINUX = HERE / "linux"
MAINTAINER = "Ujikom lab packaging <lab@ujikom.invalid>"
# What the frozen Qt needs from the system (found with ldd over the folder's libraries
# and Qt's platform plugins; the wheel brings Qt itself).
COMMON_DEPENDS = ("libc6 (>= 2.28), fonts-dejavu-core, libegl1, libgl1, libopengl0, "
                  "libfontconfig1, libfreetype6, libglib2.0-0, libdbus-1-3, libxkbcommon0, "
                  "libwayland-client0, libwayland-cursor0, libwayland-egl1, "
                  "libxkbcommon-x11-0, libxcb-cursor0, libxcb-icccm4, libxcb-keysyms1, "
                  "libxcb-shape0, libxcb-randr0, libxcb-render-util0, libxcb-image0, "
                  "libx11-xcb1")


@dataclass
class Package:
    name: str
    description: str
    depends: str
    files: dict[str, Path] = field(default_factory=dict)  # target path -> source
    modes: dict[str, int] = field(default_factory=dict)
    links: dict[str, str] = field(default_factory=dict)  # target path -> link text
    conffiles: tuple[str, ...] = ()
    scripts: dict[str, Path] = field(default_factory=dict)  # postinst ... -> source


def version() -> str:
    with open(ROOT / "pyproject.toml", "rb") as f:
        return str(tomllib.load(f)["project"]["version"])


def layout() -> list[Package]:
    k, p, d = LINUX / "kiosk", LINUX / "proctor", LINUX / "debian"
    kiosk = Package(
        "ujikom-kiosk",
        "Ujikom exam kiosk: a lab PC locked to the exam\n"
        " Turns a lab PC into an exam kiosk (ujikom-kiosk-enable) and back\n"
        " (ujikom-kiosk-disable): the kiosk runs alone in cage on tty1 as an unprivileged\n"
        " user, restarted on a crash; no VT switching, power keys ignored, USB storage\n"
        " refused, and a firewall that lets the PC reach only the proctor.",
        "ujikom-common (= {v}), cage, nftables, adduser, systemd, kmod, udev",
        files={
            "usr/lib/systemd/system/ujikom-kiosk.service": k / "ujikom-kiosk.service",
            "usr/lib/systemd/system/ujikom-kiosk-firewall.service":
                k / "ujikom-kiosk-firewall.service",
            "usr/lib/ujikom/kiosk-session": k / "kiosk-session",
            "usr/lib/ujikom/kiosk-firewall.nft.in": k / "kiosk-firewall.nft.in",
            "usr/lib/ujikom/logind-ujikom-kiosk.conf": k / "logind-ujikom-kiosk.conf",
            "usr/lib/ujikom/modprobe-ujikom-kiosk.conf": k / "modprobe-ujikom-kiosk.conf",
            "usr/lib/ujikom/udev-ujikom-kiosk.rules": k / "udev-ujikom-kiosk.rules",
            "usr/lib/ujikom/sysctl-ujikom-kiosk.conf": k / "sysctl-ujikom-kiosk.conf",
            "usr/sbin/ujikom-kiosk-enable": k / "ujikom-kiosk-enable",
            "usr/sbin/ujikom-kiosk-disable": k / "ujikom-kiosk-disable",
            "etc/ujikom/kiosk.toml": k / "kiosk.toml",
            "etc/ujikom/kiosk-session.conf": k / "kiosk-session.conf",
        },
        modes={"usr/lib/ujikom/kiosk-session": 0o755, "usr/sbin/ujikom-kiosk-enable": 0o755,
               "usr/sbin/ujikom-kiosk-disable": 0o755},
        conffiles=("/etc/ujikom/kiosk.toml", "/etc/ujikom/kiosk-session.conf"),
        scripts={"postinst": d / "kiosk.postinst", "prerm": d / "kiosk.prerm",
                 "postrm": d / "kiosk.postrm"})
    proctor = Package(
        "ujikom-proctor",
        "Ujikom proctor console and lab server\n"
        " The proctor's console (Ujikom - Pengawas in the menu) and a systemd unit for\n"
        " the lab server without a window; settings in /etc/ujikom/proctor.conf.",
        "ujikom-common (= {v}), adduser",
        files={
            "usr/lib/systemd/system/ujikom-proctor.service": p / "ujikom-proctor.service",
            "usr/lib/ujikom/proctor-run": p / "proctor-run",
            "usr/share/applications/ujikom-proctor.desktop": p / "ujikom-proctor.desktop",
            "etc/ujikom/proctor.conf": p / "proctor.conf",
        },
        modes={"usr/lib/ujikom/proctor-run": 0o755},
        conffiles=("/etc/ujikom/proctor.conf",),
        scripts={"postinst": d / "proctor.postinst", "postrm": d / "proctor.postrm"})
    common = Package(
        "ujikom-common",
        "Ujikom: offline computer-assisted competency testing (application)\n"
        " The ujikom command (exam bank, kiosk, proctor, doctor) as one self-contained\n"
        " folder in /opt/ujikom: Python and every library inside.",
        COMMON_DEPENDS,
        links={"usr/bin/ujikom": "/opt/ujikom/ujikom"})
    return [common, kiosk, proctor]


def _control(pkg: Package, ver: str, installed_kb: int) -> str:
    return (f"Package: {pkg.name}\nVersion: {ver}\nArchitecture: amd64\n"
            f"Maintainer: {MAINTAINER}\nInstalled-Size: {installed_kb}\n"
            f"Depends: {pkg.depends.format(v=ver)}\nSection: education\nPriority: optional\n"
            f"Homepage: https://ujikom.invalid/\nDescription: {pkg.description}\n")


def _gz(data: bytes) -> bytes:
    return gzip.compress(data, mtime=0)  # reproducible


def _man8(script: Path, name: str, ver: str) -> bytes:
    """A short manual page from the script's own header comment."""
    lines = []
    for line in script.read_text().splitlines()[1:]:
        if not line.startswith("#"):
            break
        lines.append(line[2:] if line.startswith("# ") else line[1:])
    body = "\n".join(("\\&" + x) if x.startswith(".") else x for x in lines)
    return (f'.TH {name.upper()} 8 "" "ujikom {ver}" "Ujikom"\n.SH NAME\n{name}\n'
            f".SH DESCRIPTION\n.nf\n{body}\n.fi\n.SH SEE ALSO\nujikom(1)\n").encode()


def stage(pkg: Package, app: Path | None, tree: Path, ver: str) -> None:
    if tree.exists():
        shutil.rmtree(tree)
    for target, source in pkg.files.items():
        dest = tree / target
        dest.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, dest)
        os.chmod(dest, pkg.modes.get(target, 0o644))
    for target, text in pkg.links.items():
        (tree / target).parent.mkdir(parents=True, exist_ok=True)
        os.symlink(text, tree / target)
    docs = tree / "usr/share/doc" / pkg.name
    docs.mkdir(parents=True)
    (docs / "copyright").write_text("Ujikom\nLicense: Apache-2.0\n"
                                    "See /usr/share/common-licenses/Apache-2.0\n")
    if pkg.name == "ujikom-common":
        assert app is not None
        shutil.copytree(app, tree / "opt/ujikom", symlinks=True)
        man = tree / "usr/share/man/man1/ujikom.1.gz"
        man.parent.mkdir(parents=True)
        env = {**os.environ, "COLUMNS": "80"}
        page = subprocess.run([sys.executable, str(HERE / "manpage.py"), ver],
                              capture_output=True, check=True, env=env, cwd=ROOT).stdout
        man.write_bytes(_gz(page))
        guide = ROOT / "docs" / "lab-setup.md"
        if guide.exists():
            shutil.copyfile(guide, docs / "lab-setup.md")
    if pkg.name == "ujikom-kiosk":
        man8 = tree / "usr/share/man/man8"
        man8.mkdir(parents=True)
        for name in ("ujikom-kiosk-enable", "ujikom-kiosk-disable"):
            (man8 / f"{name}.8.gz").write_bytes(
                _gz(_man8(tree / "usr/sbin" / name, name, ver)))
    meta = tree / "DEBIAN"
    meta.mkdir()
    for name, source in pkg.scripts.items():
        shutil.copyfile(source, meta / name)
        os.chmod(meta / name, 0o755)
    if pkg.conffiles:
        (meta / "conffiles").write_text("\n".join(pkg.conffiles) + "\n")
    sums, size = [], 0
    for path in sorted(tree.rglob("*")):
        rel = path.relative_to(tree)
        if rel.parts[0] == "DEBIAN" or path.is_symlink() or not path.is_file():
            continue
        size += path.stat().st_size
        sums.append(f"{hashlib.md5(path.read_bytes()).hexdigest()}  {rel}")
    (meta / "md5sums").write_text("\n".join(sums) + "\n")
    (meta / "control").write_text(_control(pkg, ver, size // 1024 + 1))


def build(app: Path, out: Path, work: Path) -> list[Path]:
    ver = version()
    out.mkdir(parents=True, exist_ok=True)
    made = []
    for pkg in layout():
        tree = work / pkg.name
        stage(pkg, app, tree, ver)
        deb = out / f"{pkg.name}_{ver}_amd64.deb"
        subprocess.run(["dpkg-deb", "--root-owner-group", "-Zgzip", "-z6", "--build",
                        str(tree), str(deb)], check=True, stdout=subprocess.DEVNULL)
        made.append(deb)
    return made


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--app", type=Path, default=ROOT / "dist/app/ujikom",
                        help="the frozen application folder (PyInstaller's output)")
    parser.add_argument("--out", type=Path, default=ROOT / "dist")
    parser.add_argument("--work", type=Path, default=ROOT / "build/deb")
    args = parser.parse_args()
    if not (args.app / "ujikom").is_file():
        parser.error(f"{args.app}/ujikom is missing: build the application first")
    for deb in build(args.app, args.out, args.work):
        print(deb)
    return 0


if __name__ == "__main__":
    sys.exit(main())
