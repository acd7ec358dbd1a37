"""The preflight's rules on a machine the test describes: each check passes on a good lab
PC and warns or fails for the fault a technician must fix, in both languages."""

from __future__ import annotations

import dataclasses
import datetime as dt
from pathlib import Path

import pytest

from exam_bank.preflight import Status
from kiosk.doctor import judge
from kiosk.doctor.facts import Enrollment, Facts, WriteSpeed, drm_screens, installed_remote_tools
from kiosk.lockdown.detectors import Mount, ProcInfo, ScreenInfo

NOW = dt.datetime(2026, 12, 7, 7, 0, tzinfo=dt.UTC)


def good() -> Facts:
    return Facts(
        host="lab1-pc07", data_dir=Path("/var/lib/ujikom-kiosk/data"),
        free_bytes=40_000_000_000, write=WriteSpeed(1.2, 180.0), write_problem=None,
        clock_offset_ms=300, clock_problem=None,
        screens=[ScreenInfo("HDMI-A-1", "1920x1080+0+0")],
        interfaces={"enp3s0": "state=up addresses=192.168.10.21"}, wireless=frozenset(),
        mounts=[Mount("/dev/sda2", "/", False)], dmi=["LENOVO", "ThinkCentre M70q"],
        detect_virt="none", allow_vm=False,
        processes=[ProcInfo(1, "systemd", "/usr/lib/systemd/systemd")],
        own_pids=frozenset({4242}), installed=[],
        fonts=["/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"],
        opengl=["libEGL.so.1"],
        enrollment=Enrollment("LAB1-PC07", "A07", "LAB1-PC07", NOW + dt.timedelta(days=300),
                              True, True),
        now=NOW)


def verdicts(f: Facts) -> dict[str, Status]:
    return {c.check: c.status for c in judge.judge(f)}


def test_a_good_lab_pc_passes_every_check() -> None:
    checks = judge.judge(good())
    assert {c.check for c in checks} == {
        "disk", "write_speed", "clock", "screens", "network", "removable", "vm",
        "remote_access", "fonts", "opengl", "enrollment"}
    assert [c.check for c in checks if c.status is not Status.PASS] == []


@pytest.mark.parametrize(("change", "check", "status", "words"), [
    ({"free_bytes": 150_000_000}, "disk", Status.FAIL, "150 MB"),
    ({"free_bytes": 600_000_000}, "disk", Status.WARN, "600 MB"),
    ({"write": None, "write_problem": ("/data: tidak boleh ditulisi", "/data: Read-only "
                                       "file system")}, "write_speed", Status.FAIL,
     "Read-only"),
    ({"write": WriteSpeed(45.0, 80.0)}, "write_speed", Status.WARN, "45.0 ms"),
    ({"clock_offset_ms": -90_000}, "clock", Status.FAIL, "90.0"),
    ({"clock_offset_ms": 8_000}, "clock", Status.WARN, "8.0"),
    ({"clock_offset_ms": None, "clock_problem": ("tak terjangkau", "unreachable")}, "clock",
     Status.WARN, "unreachable"),
    ({"screens": [ScreenInfo("HDMI-A-1", "1920x1080+0+0"), ScreenInfo("DP-1", "1280x1024")]},
     "screens", Status.FAIL, "DP-1"),
    ({"screens": [ScreenInfo("VGA-1", "800x600+0+0")]}, "screens", Status.FAIL, "800x600"),
    ({"screens": []}, "screens", Status.FAIL, "No screen"),
    ({"interfaces": {"enp3s0": "state=up", "wlp2s0": "state=up"},
      "wireless": frozenset({"wlp2s0"})}, "network", Status.FAIL, "wlp2s0"),
    ({"interfaces": {"enp3s0": "state=up", "usb0": "state=up"}}, "network", Status.WARN,
     "usb0"),
    ({"mounts": [Mount("/dev/sdb1", "/media/lab/KINGSTON", False)]}, "removable", Status.FAIL,
     "/dev/sdb1"),
    ({"dmi": ["QEMU", "Standard PC (Q35 + ICH9, 2009)"]}, "vm", Status.FAIL, "qemu"),
    ({"processes": [ProcInfo(77, "AnyDesk", "/usr/bin/anydesk")]}, "remote_access",
     Status.FAIL, "AnyDesk"),
    ({"processes": [ProcInfo(78, "rutserv.exe", "C:\\Program Files\\RU\\rutserv.exe")]},
     "remote_access", Status.FAIL, "Remote Utilities"),
    ({"processes": [ProcInfo(79, "chrome-remote-d", "")]}, "remote_access", Status.FAIL,
     "Chrome Remote Desktop"),
    ({"installed": [("TeamViewer", "/opt/teamviewer")]}, "remote_access", Status.WARN,
     "/opt/teamviewer"),
    ({"fonts": []}, "fonts", Status.WARN, "fonts-dejavu-core"),
    ({"opengl": []}, "opengl", Status.WARN, "software rendering"),
    ({"enrollment": None}, "enrollment", Status.WARN, "not enrolled"),
    ({"enrollment": Enrollment("LAB1-PC07", "A07", "LAB1-PC09", NOW, True, True)},
     "enrollment", Status.FAIL, "'LAB1-PC09'"),
    ({"enrollment": Enrollment("LAB1-PC07", "A07", "LAB1-PC07",
                               NOW + dt.timedelta(days=300), False, True)},
     "enrollment", Status.FAIL, "not issued by the lab CA"),
    ({"enrollment": Enrollment("LAB1-PC07", "A07", "LAB1-PC07",
                               NOW + dt.timedelta(days=3), True, True)},
     "enrollment", Status.WARN, "valid until 2026-12-10"),
])
def test_each_fault_is_named(change: dict, check: str, status: Status, words: str) -> None:
    [found] = [c for c in judge.judge(dataclasses.replace(good(), **change))
               if c.check == check]
    assert found.status is status
    assert words in found.detail_en
    assert found.detail_id and found.detail_id != found.detail_en
    others = {k: v for k, v in verdicts(dataclasses.replace(good(), **change)).items()
              if k != check}
    assert set(others.values()) == {Status.PASS}


def test_a_vm_allowed_by_kiosk_toml_passes_and_says_so() -> None:
    f = dataclasses.replace(good(), dmi=["innotek GmbH", "VirtualBox"], allow_vm=True)
    [vm] = [c for c in judge.judge(f) if c.check == "vm"]
    assert vm.status is Status.PASS
    assert "allowed by kiosk.toml" in vm.detail_en


def test_the_kiosk_own_processes_are_not_remote_access() -> None:
    f = dataclasses.replace(good(), processes=[ProcInfo(4242, "rustdesk", "")])
    assert verdicts(f)["remote_access"] is Status.PASS


def test_installed_tools_found_by_path() -> None:
    found = installed_remote_tools(lambda p: p in {"/usr/bin/rustdesk",
                                                   "C:/Program Files/AnyDesk"})
    assert found == [("AnyDesk", "C:/Program Files/AnyDesk"), ("RustDesk", "/usr/bin/rustdesk")]


def test_monitors_from_drm_connectors(tmp_path: Path) -> None:
    for name, status, modes in (("card0-HDMI-A-1", "connected", "1920x1080\n1280x720\n"),
                                ("card0-DP-1", "disconnected", ""),
                                ("card0-eDP-1", "connected", "1366x768\n")):
        (tmp_path / name).mkdir()
        (tmp_path / name / "status").write_text(status + "\n")
        (tmp_path / name / "modes").write_text(modes)
    assert drm_screens(tmp_path) == [ScreenInfo("HDMI-A-1", "1920x1080+0+0"),
                                     ScreenInfo("eDP-1", "1366x768+0+0")]
    assert drm_screens(tmp_path / "none") is None
