"""The rules of Microsoft's published Shell Launcher XSD (2018 and 2019 namespaces),
checked by hand: the project does not ship Microsoft's schema file. Used by the fast
tests (tests/packaging/test_windows.py) and by `make package-check`."""

from __future__ import annotations

import re
from pathlib import Path

import defusedxml.ElementTree as SafeET

NS = "{http://schemas.microsoft.com/ShellLauncher/2018/Configuration}"
V2 = "{http://schemas.microsoft.com/ShellLauncher/2019/Configuration}"
ACTIONS = {"RestartShell", "RestartDevice", "ShutdownDevice", "DoNothing"}
WINDOWS = Path(__file__).resolve().parents[1] / "windows"
GUID = re.compile(r"\{[0-9a-fA-F]{8}-([0-9a-fA-F]{4}-){3}[0-9a-fA-F]{12}\}\Z")


def _shell_problems(shell: object, where: str, *, default: bool) -> list[str]:
    problems = []
    attrs = dict(shell.attrib)  # type: ignore[attr-defined]
    if default and "Shell" not in attrs:
        problems.append(f"{where}: Shell attribute required")
    for name, value in attrs.items():
        if name == f"{V2}AppType" and value not in ("UWP", "Desktop"):
            problems.append(f"{where}: V2:AppType must be UWP or Desktop")
        elif name == f"{V2}AllAppsFullScreen" and value not in ("true", "false", "1", "0"):
            problems.append(f"{where}: V2:AllAppsFullScreen must be a boolean")
        elif name not in ("Shell", f"{V2}AppType", f"{V2}AllAppsFullScreen"):
            problems.append(f"{where}: unknown attribute {name}")
    allowed = {f"{NS}DefaultAction"} | (set() if default else {f"{NS}ReturnCodeActions"})
    seen_codes: set[str] = set()
    for child in shell:  # type: ignore[attr-defined]
        if child.tag not in allowed:
            problems.append(f"{where}: unexpected {child.tag}")
        elif child.tag == f"{NS}DefaultAction" and child.get("Action") not in ACTIONS:
            problems.append(f"{where}: DefaultAction Action must be one of {sorted(ACTIONS)}")
        elif child.tag == f"{NS}ReturnCodeActions":
            for action in child:
                code = action.get("ReturnCode", "")
                if action.tag != f"{NS}ReturnCodeAction" or not re.fullmatch(r"-?\d+", code) \
                        or action.get("Action") not in ACTIONS or code in seen_codes:
                    problems.append(f"{where}: bad ReturnCodeAction {action.attrib}")
                seen_codes.add(code)
    return problems


def shell_launcher_problems(xml: bytes) -> list[str]:
    """The XSD's rules, checked by hand (Microsoft's schema is not shipped here)."""
    root = SafeET.fromstring(xml)
    problems: list[str] = []
    if root.tag != f"{NS}ShellLauncherConfiguration":
        return [f"root must be ShellLauncherConfiguration in {NS}"]
    children = list(root)
    if not children or children[0].tag != f"{NS}Profiles" or len(children) > 2 or (
            len(children) == 2 and children[1].tag != f"{NS}Configs"):
        return ["ShellLauncherConfiguration holds Profiles, then optionally Configs"]
    ids: set[str] = set()
    for n, profile in enumerate(children[0]):
        where = f"Profiles[{n}]"
        shells = list(profile)
        if len(shells) != 1 or shells[0].tag != f"{NS}Shell":
            problems.append(f"{where}: exactly one Shell")
            continue
        if profile.tag == f"{NS}DefaultProfile":
            if n != 0:
                problems.append(f"{where}: DefaultProfile must come first")
            problems += _shell_problems(shells[0], where, default=True)
        elif profile.tag == f"{NS}Profile":
            pid = profile.get("Id", "")
            if not GUID.match(pid) or pid in ids:
                problems.append(f"{where}: Id must be a new {{GUID}}")
            ids.add(pid)
            problems += _shell_problems(shells[0], where, default=False)
        else:
            problems.append(f"{where}: unexpected {profile.tag}")
    names: set[str] = set()
    for n, config in enumerate(children[1] if len(children) == 2 else ()):
        parts = [c.tag for c in config]
        if parts not in ([f"{NS}Account", f"{NS}Profile"],
                         [f"{NS}AutoLogonAccount", f"{NS}Profile"]):
            problems.append(f"Configs[{n}]: Account (or AutoLogonAccount), then Profile")
            continue
        account, profile = list(config)
        name = account.get("Name")
        if account.tag == f"{NS}Account" and (name is None) == (account.get("Sid") is None):
            problems.append(f"Configs[{n}]: Account takes Name or Sid")
        if name in names:
            problems.append(f"Configs[{n}]: account {name} configured twice")
        names.add(name or "")
        if profile.get("Id") not in ids:
            problems.append(f"Configs[{n}]: Profile Id names no profile")
    return problems


def filled_xml() -> bytes:
    """shell-launcher.xml as provision-kiosk.ps1 fills it in for the default install."""
    text = (WINDOWS / "shell-launcher.xml").read_text("utf-8")
    return text.replace("@KIOSK_EXE@", r"C:\Program Files\Ujikom\ujikom-kiosk.exe") \
               .replace("@ACCOUNT@", "UjikomKiosk").encode()
