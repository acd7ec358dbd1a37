"""The real probes on this machine: a child process is found by name with its arguments
(both the /proc reader and the psutil fallback), and the kiosk itself is never listed
as forbidden."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from types import SimpleNamespace

import psutil
import pytest

from kiosk.lockdown import probes
from kiosk.lockdown.detectors import forbidden_processes, rules_from


@pytest.fixture
def sleeper() -> Iterator[subprocess.Popen[bytes]]:
    proc = subprocess.Popen(["sleep", "31.4159"])
    # Popen can return before the child has become `sleep` (on a loaded machine the scan
    # then saw it still named "python"): the tests are about scanning a running program.
    deadline = time.monotonic() + 10
    while psutil.Process(proc.pid).name() != "sleep" and time.monotonic() < deadline:
        time.sleep(0.01)
    yield proc
    proc.kill()
    proc.wait()


@pytest.mark.parametrize("scan", [probes.scan_processes, probes._scan_psutil])
def test_a_running_program_is_seen_with_its_arguments(scan, sleeper) -> None:
    seen = {p.pid: p for p in scan(frozenset({"sleep"}))}
    child = seen[sleeper.pid]
    assert child.name == "sleep"
    assert child.exe.endswith("sleep")
    assert child.cmdline == ("sleep", "31.4159")
    rules = rules_from(["sleep:31.4159"])
    [finding] = [f for f in forbidden_processes(seen.values(), rules, frozenset())
                 if str(sleeper.pid) in f.evidence]
    assert finding.key == "sleep"


def test_the_kiosk_process_is_its_own(sleeper) -> None:
    own = probes.own_pids()
    assert os.getpid() in own and sleeper.pid in own  # children too (Qt helpers)
    me = [p for p in probes.scan_processes(frozenset()) if p.pid == os.getpid()]
    rules = rules_from([me[0].name])  # a list that would forbid the kiosk's own program
    assert len(forbidden_processes(me, rules, frozenset())) == 1
    assert forbidden_processes(me, rules, own) == []


def test_the_other_probes_answer_without_raising() -> None:
    assert "lo" not in probes.network_interfaces()
    assert all(m.mountpoint for m in probes.mounts())
    assert isinstance(probes.dmi_strings(), list)


def test_the_guards_config_and_unlock_code_need_no_qt() -> None:
    code = ("import sys, kiosk.config, kiosk.lockdown.guards, kiosk.lockdown.unlock, "
            "kiosk.lockdown.__main__; "
            "print([m for m in sys.modules if m.startswith('PySide6')])")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=False)
    assert out.returncode == 0, out.stderr
    assert out.stdout.strip() == "[]"


def test_removable_disks_are_read_from_sys_block(tmp_path, monkeypatch) -> None:
    for disk, flag in (("sda", "0"), ("sdb", "1"), ("mmcblk0", "1"), ("nvme0n1", "0")):
        (tmp_path / disk).mkdir()
        (tmp_path / disk / "removable").write_text(flag + "\n")
    monkeypatch.setattr(probes, "SYS_BLOCK", tmp_path)
    parts = [SimpleNamespace(device=d, mountpoint=m, opts="rw")
             for d, m in (("/dev/sda2", "/"), ("/dev/sdb1", "/mnt/stick"),
                          ("/dev/mmcblk0p1", "/mnt/sd"), ("/dev/nvme0n1p2", "/home"))]
    parts.append(SimpleNamespace(device="E:\\", mountpoint="E:\\", opts="rw,removable"))
    monkeypatch.setattr(probes.psutil, "disk_partitions", lambda all=False: parts)
    removable = {m.device for m in probes.mounts() if m.removable}
    assert removable == {"/dev/sdb1", "/dev/mmcblk0p1", "E:\\"}
