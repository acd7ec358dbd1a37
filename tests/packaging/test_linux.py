"""The Linux packaging's fast checks (the slow build and the throw-away Debian root are
`make package` / `make package-check`): every file the packages ship exists and parses,
the kiosk unit is the lockdown the issue asks for, the kiosk session falls back to a
locked screen and lets systemd restart a crash, ujikom-kiosk-enable and -disable change
exactly what they say and give it all back, and the kiosk package builds with dpkg-deb."""

from __future__ import annotations

import configparser
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "packaging"))
import build_debs  # noqa: E402
import manpage  # noqa: E402

KIOSK = ROOT / "packaging/linux/kiosk"
SHELL_SCRIPTS = [KIOSK / "ujikom-kiosk-enable", KIOSK / "ujikom-kiosk-disable",
                 KIOSK / "kiosk-session", ROOT / "packaging/linux/proctor/proctor-run",
                 ROOT / "packaging/check/debs.sh",
                 *sorted((ROOT / "packaging/linux/debian").iterdir())]


def unit(name: str) -> configparser.ConfigParser:
    parser = configparser.ConfigParser(strict=False, interpolation=None)
    parser.optionxform = str  # type: ignore[assignment,method-assign]
    parser.read(next(ROOT.glob(f"packaging/linux/*/{name}")))
    return parser


def test_every_shipped_file_exists_and_every_shell_script_parses() -> None:
    for pkg in build_debs.layout():
        for target, source in pkg.files.items():
            assert source.is_file(), (pkg.name, target)
            if pkg.modes.get(target) == 0o755:
                assert os.access(source, os.X_OK), source
        for script in pkg.scripts.values():
            assert os.access(script, os.X_OK), script
    for script in SHELL_SCRIPTS:
        check = subprocess.run(["sh", "-n", str(script)], capture_output=True, text=True,
                               check=False)
        assert check.returncode == 0, (script, check.stderr)


def test_the_kiosk_unit_is_the_lockdown() -> None:
    service = unit("ujikom-kiosk.service")
    s = service["Service"]
    assert s["User"] == "ujikom-kiosk" and s["PAMName"] == "login"
    assert s["TTYPath"] == "/dev/tty1" and s["Restart"] == "always"
    command = s["ExecStart"].split()
    assert command[0] == "/usr/bin/cage" and "-s" not in command  # -s would allow VT switching
    assert command[-1] == "/usr/lib/ujikom/kiosk-session"
    assert s["Environment"] in ("QT_QPA_PLATFORM=wayland", "XDG_SESSION_TYPE=wayland")
    assert "getty@tty1.service" in service["Unit"]["Conflicts"]
    assert "display-manager.service" in service["Unit"]["Conflicts"]
    logind = (KIOSK / "logind-ujikom-kiosk.conf").read_text()
    for line in ("NAutoVTs=0", "ReserveVT=0", "HandlePowerKey=ignore",
                 "HandleSuspendKey=ignore", "IdleAction=ignore"):
        assert line in logind.splitlines()
    modprobe = (KIOSK / "modprobe-ujikom-kiosk.conf").read_text()
    assert "install usb_storage /bin/false" in modprobe and "install uas /bin/false" in modprobe
    assert 'ATTR{bInterfaceClass}=="08", ATTR{authorized}="0"' in \
        (KIOSK / "udev-ujikom-kiosk.rules").read_text()


@pytest.mark.skipif(shutil.which("systemd-analyze") is None, reason="no systemd here")
def test_systemd_accepts_the_units(tmp_path: Path) -> None:
    """systemd-analyze verify, with each unit's programs pointed at /bin/sh (cage and the
    frozen app are not on a test machine; the Debian root of `make package-check` has
    them and verifies the installed units as they are)."""
    names = []
    for path in ROOT.glob("packaging/linux/*/*.service"):
        text = "\n".join(
            line.split("=", 1)[0] + "=/bin/sh -c true" if line.startswith(("ExecStart=",
                                                                          "ExecStop="))
            else line for line in path.read_text().splitlines())
        (tmp_path / path.name).write_text(text.replace("User=ujikom-kiosk", "User=root")
                                          .replace("User=ujikom-proctor", "User=root")
                                          .replace("Group=ujikom-kiosk", "Group=root")
                                          .replace("Group=ujikom-proctor", "Group=root"))
        names.append(str(tmp_path / path.name))
    out = subprocess.run(["systemd-analyze", "verify", "--man=no", *names],
                         capture_output=True, text=True, check=False)
    ours = [line for line in out.stderr.splitlines() if str(tmp_path) in line]
    assert out.returncode == 0 and not ours, out.stderr


def fake_bin(folder: Path, name: str, body: str) -> None:
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_text(f"#!/bin/sh\n{body}\n")
    path.chmod(0o755)


def test_the_session_runs_the_kiosk_then_a_locked_screen_and_lets_a_crash_restart(
        tmp_path: Path) -> None:
    calls = tmp_path / "calls"
    fake_bin(tmp_path / "bin", "ujikom", f'echo "$*" >> {calls}; exit ${{KIOSK_EXIT:-0}}')
    package = tmp_path / "selter.ujikom"
    package.write_bytes(b"x")
    conf = tmp_path / "session.conf"
    conf.write_text(f'KIOSK_TOML={tmp_path}/kiosk.toml\nPACKAGE={package}\n'
                    f'TRUST={tmp_path}/authority.pub\nKIOSK_LANG=en\n')
    env = {**os.environ, "UJIKOM_KIOSK_SESSION_CONF": str(conf),
           "UJIKOM_BIN": str(tmp_path / "bin/ujikom")}
    done = subprocess.run(["sh", str(KIOSK / "kiosk-session")], env=env, check=False)
    assert done.returncode == 0
    assert calls.read_text().splitlines() == [
        f"kiosk --config {tmp_path}/kiosk.toml --package {package} --trust "
        f"{tmp_path}/authority.pub --lang en", "kiosk --lang en locked"]
    calls.unlink()
    crashed = subprocess.run(["sh", str(KIOSK / "kiosk-session")],
                             env={**env, "KIOSK_EXIT": "134"}, check=False)
    assert crashed.returncode == 134  # cage ends, systemd restarts it, the candidate resumes
    assert len(calls.read_text().splitlines()) == 1
    calls.unlink()
    conf.write_text(conf.read_text().replace(str(package), str(tmp_path / "missing.ujikom")))
    subprocess.run(["sh", str(KIOSK / "kiosk-session")], env=env, check=True)
    assert calls.read_text().startswith("kiosk --lang en locked --reason cannot read")


def enable_env(tmp_path: Path, address: str) -> tuple[dict[str, str], Path, Path]:
    root = tmp_path / "root"
    (root / "etc/ujikom").mkdir(parents=True)
    (root / "etc/ujikom/kiosk.toml").write_text(
        f'[proctor]\naddress = "{address}"\nkiosk_id = "LAB1-PC07"\nseat = "A07"\n')
    (root / "etc/systemd/system").mkdir(parents=True)
    (root / "etc/systemd/system/display-manager.service").symlink_to(
        "/lib/systemd/system/gdm3.service")
    calls = tmp_path / "systemctl.calls"
    fake_bin(tmp_path / "bin", "systemctl",
             f'echo "$*" >> {calls}; [ "$1" = get-default ] && echo multi-user.target; '
             "exit 0")
    fake_bin(tmp_path / "bin", "ujikom", f'echo "$*" >> {tmp_path}/doctor.calls; '
             "exit ${DOCTOR_EXIT:-1}")
    env = {**os.environ, "UJIKOM_ROOT": str(root), "UJIKOM_LIB": str(KIOSK),
           "PATH": f"{tmp_path / 'bin'}:{os.environ['PATH']}"}
    # the packaged file names (build_debs maps these sources onto /usr/lib/ujikom)
    return env, root, calls


def test_enable_locks_the_pc_and_disable_gives_everything_back(tmp_path: Path) -> None:
    env, root, calls = enable_env(tmp_path, "192.168.10.1:7443")
    before = sorted(str(p.relative_to(root)) for p in root.rglob("*"))
    out = subprocess.run([str(KIOSK / "ujikom-kiosk-enable")], env=env, capture_output=True,
                         text=True, check=False)
    assert out.returncode == 0, out.stderr
    assert "--no-proctor" in (tmp_path / "doctor.calls").read_text()
    for path in ("etc/systemd/logind.conf.d/ujikom-kiosk.conf",
                 "etc/modprobe.d/ujikom-kiosk.conf", "etc/udev/rules.d/70-ujikom-kiosk.rules",
                 "etc/sysctl.d/70-ujikom-kiosk.conf"):
        assert (root / path).is_file(), path
    rules = (root / "etc/ujikom/kiosk-firewall.nft").read_text()
    assert "ip daddr 192.168.10.1 tcp dport { 7443, 7444 } accept" in rules
    assert "policy drop" in rules and "@PROCTOR@" not in rules
    assert calls.read_text().splitlines() == [
        "get-default", "disable gdm3.service", "mask ctrl-alt-del.target",
        "set-default graphical.target",
        "enable ujikom-kiosk-firewall.service ujikom-kiosk.service"]
    assert "next boot" in out.stdout and "ujikom-kiosk-disable" in out.stdout
    calls.unlink()
    out = subprocess.run([str(KIOSK / "ujikom-kiosk-disable")], env=env, capture_output=True,
                         text=True, check=False)
    assert out.returncode == 0, out.stderr
    assert calls.read_text().splitlines() == [
        "disable --now ujikom-kiosk.service ujikom-kiosk-firewall.service",
        "unmask ctrl-alt-del.target", "enable gdm3.service"]
    after = sorted(str(p.relative_to(root)) for p in root.rglob("*"))
    leftovers = set(after) - set(before)
    assert leftovers <= {"var", "var/lib", "var/lib/ujikom-kiosk", "etc/modprobe.d",
                         "etc/udev", "etc/udev/rules.d", "etc/sysctl.d"}
    assert not [p for p in root.rglob("*") if p.is_file() and "ujikom-kiosk" in p.name]


def test_enable_refuses_a_failing_pc_unless_forced_and_discovery_opens_the_lan(
        tmp_path: Path) -> None:
    env, root, _calls = enable_env(tmp_path, "discover")
    env["DOCTOR_EXIT"] = "2"
    refused = subprocess.run([str(KIOSK / "ujikom-kiosk-enable")], env=env,
                             capture_output=True, text=True, check=False)
    assert refused.returncode == 1 and "--force" in refused.stderr
    assert not (root / "etc/systemd/logind.conf.d").exists()
    forced = subprocess.run([str(KIOSK / "ujikom-kiosk-enable"), "--force"], env=env,
                            capture_output=True, text=True, check=False)
    assert forced.returncode == 0, forced.stderr
    rules = (root / "etc/ujikom/kiosk-firewall.nft").read_text()
    assert "ip daddr { 10.0.0.0/8, 172.16.0.0/12, 192.168.0.0/16 } tcp dport" in rules


@pytest.mark.skipif(shutil.which("nft") is None or os.geteuid() != 0,
                    reason="nft -c needs nftables and root")
def test_nft_accepts_the_firewall(tmp_path: Path) -> None:
    text = (KIOSK / "kiosk-firewall.nft.in").read_text().replace("@PROCTOR@", "192.168.10.1")
    (tmp_path / "fw.nft").write_text(text)
    out = subprocess.run(["nft", "-c", "-f", str(tmp_path / "fw.nft")], capture_output=True,
                         text=True, check=False)
    assert out.returncode == 0, out.stderr


def test_the_manual_page_has_every_command() -> None:
    page = manpage.manpage("9.9")
    for command in ("ujikom doctor", "ujikom kiosk enroll", "ujikom kiosk locked",
                    "ujikom proctor serve", "ujikom bank build"):
        assert f'.SS "{command}"' in page
    assert '.TH UJIKOM 1' in page and "9.9" in page


def test_the_kiosk_package_builds_with_dpkg_deb(tmp_path: Path) -> None:
    [kiosk] = [p for p in build_debs.layout() if p.name == "ujikom-kiosk"]
    tree = tmp_path / "tree"
    build_debs.stage(kiosk, None, tree, "9.9")
    control = (tree / "DEBIAN/control").read_text()
    assert "Depends: ujikom-common (= 9.9), cage, nftables" in control
    deb = tmp_path / "k.deb"
    subprocess.run(["dpkg-deb", "--root-owner-group", "--build", str(tree), str(deb)],
                   check=True, capture_output=True)
    listing = subprocess.run(["dpkg-deb", "-c", str(deb)], capture_output=True, text=True,
                             check=True).stdout
    assert "-rwxr-xr-x root/root" in listing and "./usr/sbin/ujikom-kiosk-enable" in listing
    assert "./usr/share/man/man8/ujikom-kiosk-disable.8.gz" in listing
    assert "./etc/ujikom/kiosk.toml" in listing
    conffiles = subprocess.run(["dpkg-deb", "-I", str(deb), "conffiles"], capture_output=True,
                               text=True, check=True).stdout
    assert "/etc/ujikom/kiosk.toml" in conffiles
