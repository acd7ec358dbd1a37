"""The Windows files, as far as Linux can check them without Microsoft's tools: the Shell
Launcher v2 configuration follows the rules of Microsoft's published Shell Launcher XSD
(namespaces, one default profile, GUID profile ids, the action names, AppType and
AllAppsFullScreen from the 2019 namespace, each config naming a defined profile), and the
provisioning and revert scripts undo each other. `make package-check` also parses the
scripts with a PowerShell grammar and, given a copy of Microsoft's XSD, validates against
it. None of this has run on Windows."""

from __future__ import annotations

import sys
from pathlib import Path

import defusedxml.ElementTree as SafeET
import pytest

ROOT = Path(__file__).resolve().parents[2]
WINDOWS = ROOT / "packaging" / "windows"
sys.path.insert(0, str(ROOT / "packaging" / "check"))
from shell_launcher_rules import NS, V2, filled_xml, shell_launcher_problems  # noqa: E402


def test_the_shell_launcher_configuration_follows_the_schema() -> None:
    assert shell_launcher_problems(filled_xml()) == []
    root = SafeET.fromstring(filled_xml())
    [kiosk] = root.findall(f"{NS}Profiles/{NS}Profile/{NS}Shell")
    assert kiosk.get("Shell", "").endswith("ujikom-kiosk.exe")
    assert kiosk.get(f"{V2}AllAppsFullScreen") == "true"
    assert kiosk.find(f"{NS}DefaultAction").get("Action") == "RestartShell"  # a crash: again
    [account] = root.findall(f"{NS}Configs/{NS}Config/{NS}Account")
    assert account.get("Name") == "UjikomKiosk"


@pytest.mark.parametrize(("broken", "named"), [
    (('Action="RestartShell"/>\n      </Shell>\n    </DefaultProfile>',
      'Action="Reboot"/>\n      </Shell>\n    </DefaultProfile>'), "DefaultAction"),
    (('V2:AppType="Desktop"', 'V2:AppType="Win32"'), "AppType"),
    (("{6C7F2B1E-3A54-4D8B-9E21-0A9D4C5E7B13}\" Name", "6C7F2B1E\" Name"), "GUID"),
    (('<Account Name="UjikomKiosk"/>', '<Account/>'), "Name or Sid"),
])
def test_the_rules_catch_what_the_schema_refuses(broken: tuple[str, str], named: str) -> None:
    old, new = broken
    text = filled_xml().decode()
    assert old in text
    problems = shell_launcher_problems(text.replace(old, new, 1).encode())
    assert any(named in p for p in problems), problems


def test_revert_undoes_what_provisioning_sets() -> None:
    provision = (WINDOWS / "provision-kiosk.ps1").read_text("utf-8")
    revert = (WINDOWS / "revert-kiosk.ps1").read_text("utf-8")
    for setting, undo in (("AutoAdminLogon -Value \"1\"", "AutoAdminLogon -Value \"0\""),
                          ("Store(\"DefaultPassword\"", "Clear(\"DefaultPassword\")"),
                          ("New-NetFirewallRule", "Remove-NetFirewallRule -Group $RuleGroup"),
                          ("HideFastUserSwitching -Value 1", "-Name HideFastUserSwitching"),
                          ("New-LocalUser", "Remove-LocalUser"),
                          ("$bridge.ShellLauncher = [Security", "$bridge.ShellLauncher = `$null"),
                          ("New-Item -Path $StateKey", "Remove-Item -Path $StateKey")):
        assert setting in provision and undo in revert, setting
    for policy in ("Deny_All = 1", "DisableTaskMgr = 1"):  # USB storage, Task Manager
        assert policy in provision
    assert "NOT RUN ON WINDOWS BY THE PROJECT" in provision
    assert "NOT RUN ON WINDOWS BY THE PROJECT" in revert


def test_the_scripts_share_one_copy_of_their_common_parts() -> None:
    """The LSA secret store, the SYSTEM task and the account's profile are in
    kiosk-common.ps1, which both scripts load from their own folder."""
    common = (WINDOWS / "kiosk-common.ps1").read_text("utf-8")
    for name in ("provision-kiosk.ps1", "revert-kiosk.ps1"):
        script = (WINDOWS / name).read_text("utf-8")
        assert '. (Join-Path $PSScriptRoot "kiosk-common.ps1")' in script, name
        for shared in ("LsaOpenPolicy", "New-ScheduledTaskPrincipal", "Win32_UserProfile",
                       "$StateKey = ", "IsInRole("):
            assert shared in common and shared not in script, (name, shared)
        assert "Invoke-AsSystem -TaskName" in script and "Get-KioskProfile $Account" in script
    assert "NOT RUN ON WINDOWS BY THE PROJECT" in common
