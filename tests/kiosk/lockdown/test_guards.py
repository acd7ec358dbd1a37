"""The guards over a machine the test describes: each fact reported once, news again if it
goes and comes back, the kiosk itself never suspect, and nothing reported on a clean PC."""

from __future__ import annotations

from kiosk.config import DEFAULT_FORBIDDEN, LockdownConfig
from kiosk.lockdown.detectors import Kind, Mount, ProcInfo, ScreenInfo
from kiosk.lockdown.guards import Guards
from tests.kiosk.lockdown.fakes import KIOSK_PID, FakeMachine


def started(machine: FakeMachine, config: LockdownConfig | None = None) -> Guards:
    guards = Guards(config or LockdownConfig(), machine.probes())
    guards.start()
    return guards


def test_a_clean_lab_pc_reports_nothing_pass_after_pass() -> None:
    machine = FakeMachine()
    guards = started(machine)
    assert guards.check() == []
    assert guards.check() == []


def test_a_forbidden_program_is_reported_once_with_name_pid_and_exe() -> None:
    machine = FakeMachine()
    guards = started(machine)
    machine.procs.append(ProcInfo(777, "AnyDesk", "/usr/bin/anydesk"))
    [finding] = guards.check()
    assert finding.kind == Kind.FORBIDDEN_PROCESS
    assert finding.evidence == "name=AnyDesk pid=777 exe=/usr/bin/anydesk"
    assert guards.check() == []  # still running: not news


def test_a_program_that_goes_away_and_comes_back_is_reported_again() -> None:
    machine = FakeMachine()
    guards = started(machine)
    machine.procs.append(ProcInfo(777, "teamviewer", "/opt/teamviewer/teamviewer"))
    assert [f.key for f in guards.check()] == ["teamviewer"]
    machine.procs.pop()
    assert guards.check() == []
    machine.procs.append(ProcInfo(901, "teamviewer", "/opt/teamviewer/teamviewer"))
    [again] = guards.check()
    assert "pid=901" in again.evidence


def test_a_browser_with_many_processes_is_one_incident() -> None:
    machine = FakeMachine()
    guards = started(machine)
    machine.procs += [ProcInfo(500 + i, "chrome", "/opt/google/chrome/chrome")
                      for i in range(12)]
    [finding] = guards.check()
    assert finding.key == "chrome"
    assert finding.evidence.startswith("name=chrome pid=500,501,502,503,504…")


def test_matching_uses_the_exe_basename_and_ignores_case_and_dot_exe() -> None:
    machine = FakeMachine()
    guards = started(machine)
    machine.procs += [ProcInfo(10, "Discord.exe", r"C:\Users\a\Discord.exe"),
                      ProcInfo(11, "renamed", "/usr/bin/OBS")]
    assert sorted(f.key for f in guards.check()) == ["discord", "obs"]


def test_the_kiosk_itself_and_lookalike_names_are_never_forbidden() -> None:
    machine = FakeMachine()
    # the kiosk's own process, even if someone named its binary like a forbidden one
    machine.procs.append(ProcInfo(KIOSK_PID, "firefox", "/usr/bin/firefox"))
    machine.procs += [ProcInfo(20, "zoomit-helper", "/usr/bin/zoomit-helper"),
                      ProcInfo(21, "gnome-obsidian", "/usr/bin/gnome-obsidian")]
    assert started(machine).check() == []


def test_ffmpeg_counts_only_when_it_grabs_the_screen() -> None:
    machine = FakeMachine()
    guards = started(machine)
    machine.procs.append(ProcInfo(30, "ffmpeg", "/usr/bin/ffmpeg", ("ffmpeg", "-i", "a.mp4")))
    assert guards.check() == []
    machine.procs.append(ProcInfo(31, "ffmpeg", "/usr/bin/ffmpeg",
                                  ("ffmpeg", "-f", "x11grab", "-i", ":0")))
    [finding] = guards.check()
    assert "pid=31" in finding.evidence
    assert machine.cmdline_asked[-1] == frozenset({"ffmpeg"})  # nothing else pays for it


def test_the_config_list_replaces_the_defaults() -> None:
    machine = FakeMachine()
    machine.procs += [ProcInfo(40, "firefox", "/usr/bin/firefox"),
                      ProcInfo(41, "examcheat", "/usr/bin/examcheat")]
    guards = started(machine, LockdownConfig(forbidden_processes=("examcheat",)))
    assert [f.key for f in guards.check()] == ["examcheat"]
    assert "firefox" in DEFAULT_FORBIDDEN


def test_a_network_interface_added_after_start_is_reported_the_lab_nic_is_not() -> None:
    machine = FakeMachine()
    guards = started(machine)
    machine.interfaces["wlan0"] = "state=up addresses=192.168.43.5"
    [finding] = guards.check()
    assert finding.kind == Kind.NEW_NETWORK_INTERFACE
    assert finding.evidence == "interface=wlan0 state=up addresses=192.168.43.5"
    assert guards.check() == []


def test_a_removable_drive_is_reported_by_flag_or_by_media_mountpoint() -> None:
    machine = FakeMachine()
    guards = started(machine)
    machine.mounts += [Mount("/dev/sdb1", "/mnt/x", True),
                       Mount("/dev/sdc1", "/media/peserta/USBDISK", False)]
    findings = guards.check()
    assert {f.kind for f in findings} == {Kind.REMOVABLE_DRIVE}
    assert sorted(f.evidence for f in findings) == [
        "device=/dev/sdb1 mountpoint=/mnt/x",
        "device=/dev/sdc1 mountpoint=/media/peserta/USBDISK"]
    machine.mounts.pop()
    assert guards.check() == []
    machine.mounts.append(Mount("/dev/sdc1", "/media/peserta/USBDISK", False))
    assert len(guards.check()) == 1  # plugged in again: news again


def test_a_virtual_machine_warns_once_and_the_check_is_cached() -> None:
    machine = FakeMachine(dmi=["innotek GmbH", "VirtualBox"])
    guards = started(machine)
    [finding] = guards.check()
    assert finding.kind == Kind.VIRTUAL_MACHINE and "VirtualBox" in finding.evidence
    assert guards.check() == []
    assert machine.detect_virt_calls == 0  # DMI answered; no subprocess


def test_systemd_detect_virt_is_asked_only_when_dmi_says_nothing() -> None:
    machine = FakeMachine(dmi=[], detect_virt="kvm")
    guards = started(machine)
    [finding] = guards.check()
    assert finding.evidence == "systemd-detect-virt=kvm"
    guards.check()
    assert machine.detect_virt_calls == 1


def test_allow_vm_silences_the_vm_check() -> None:
    machine = FakeMachine(dmi=["QEMU", "Standard PC (Q35 + ICH9, 2009)"])
    assert started(machine, LockdownConfig(allow_vm=True)).check() == []


def test_an_extra_screen_is_reported_once() -> None:
    machine = FakeMachine()
    guards = started(machine)
    machine.screens.append(ScreenInfo("DP-2", "1920x1080+1366+0"))
    [finding] = guards.check()
    assert finding.kind == Kind.EXTRA_SCREEN
    assert finding.evidence == "screen=DP-2 geometry=1920x1080+1366+0 screens=2"
    assert guards.check_screens() == []


def test_a_slow_process_scan_runs_less_often() -> None:
    machine = FakeMachine(scan_cost_s=0.2)  # 200 ms: four times the 50 ms budget
    guards = started(machine)
    for _ in range(8):
        guards.check()
    assert len(machine.cmdline_asked) == 2  # passes 1 and 5
    assert guards.pacer.every == 4


def test_a_long_name_linux_shortened_to_15_bytes_still_matches() -> None:
    machine = FakeMachine()
    guards = started(machine)
    machine.procs.append(ProcInfo(60, "simplescreenrec", ""))  # exe unreadable
    [finding] = guards.check()
    assert finding.key == "simplescreenrecorder"
